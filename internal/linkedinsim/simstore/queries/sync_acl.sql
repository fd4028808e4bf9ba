-- name: InsertSyncACL :exec
-- The key is the whole record, so an upsert of an existing ACL changes
-- nothing.
INSERT INTO sync_acls (organization_id, ats_entity_acl_id, ats_entity_type, ats_entity_id, created_at)
VALUES ($1, $2, $3, $4, $5)
ON CONFLICT DO NOTHING;

-- name: DeleteSyncACL :execrows
DELETE FROM sync_acls
WHERE organization_id = $1 AND ats_entity_acl_id = $2 AND ats_entity_type = $3 AND ats_entity_id = $4;

-- name: ListSyncACLs :many
SELECT * FROM sync_acls WHERE organization_id = $1
ORDER BY ats_entity_type, ats_entity_id, ats_entity_acl_id;

-- name: InsertSyncACLAssignee :exec
INSERT INTO sync_acl_assignees (organization_id, ats_entity_acl_id, ats_entity_type, assignee, created_at)
VALUES ($1, $2, $3, $4, $5)
ON CONFLICT DO NOTHING;

-- name: DeleteSyncACLAssignee :execrows
DELETE FROM sync_acl_assignees
WHERE organization_id = $1 AND ats_entity_acl_id = $2 AND ats_entity_type = $3 AND assignee = $4;

-- name: ListSyncACLAssignees :many
SELECT * FROM sync_acl_assignees WHERE organization_id = $1
ORDER BY assignee, ats_entity_type, ats_entity_acl_id;
