-- name: InsertSyncACL :exec
-- The key is the whole record, so an upsert of an existing ACL changes
-- nothing.
INSERT INTO sync_acls (app_id, organization_id, ats_entity_acl_id, ats_entity_type, ats_entity_id, created_at)
VALUES ($1, $2, $3, $4, $5, $6)
ON CONFLICT DO NOTHING;

-- name: DeleteSyncACL :execrows
DELETE FROM sync_acls
WHERE app_id = $1 AND organization_id = $2 AND ats_entity_acl_id = $3 AND ats_entity_type = $4
  AND ats_entity_id = $5;

-- name: ListSyncACLs :many
SELECT * FROM sync_acls WHERE app_id = $1 AND organization_id = $2
ORDER BY ats_entity_type, ats_entity_id, ats_entity_acl_id;

-- name: InsertSyncACLAssignee :exec
INSERT INTO sync_acl_assignees (app_id, organization_id, ats_entity_acl_id, ats_entity_type, assignee, created_at)
VALUES ($1, $2, $3, $4, $5, $6)
ON CONFLICT DO NOTHING;

-- name: DeleteSyncACLAssignee :execrows
DELETE FROM sync_acl_assignees
WHERE app_id = $1 AND organization_id = $2 AND ats_entity_acl_id = $3 AND ats_entity_type = $4
  AND assignee = $5;

-- name: ListSyncACLAssignees :many
SELECT * FROM sync_acl_assignees WHERE app_id = $1 AND organization_id = $2
ORDER BY assignee, ats_entity_type, ats_entity_acl_id;
