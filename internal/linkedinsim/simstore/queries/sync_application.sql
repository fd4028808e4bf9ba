-- name: GetSyncApplication :one
SELECT * FROM sync_applications
WHERE app_id = $1 AND organization_id = $2 AND ats_job_application_id = $3;

-- name: UpsertSyncApplication :exec
INSERT INTO sync_applications (app_id, organization_id, ats_job_application_id, ats_candidate_id,
    ats_job_posting_id, body, created_at, updated_at)
VALUES ($1, $2, $3, $4, $5, $6, $7, $7)
ON CONFLICT (app_id, organization_id, ats_job_application_id) DO UPDATE SET
    ats_candidate_id = excluded.ats_candidate_id,
    ats_job_posting_id = excluded.ats_job_posting_id,
    body = excluded.body, updated_at = excluded.updated_at;

-- name: DeleteSyncApplication :execrows
-- Notes, interview feedback and stages go with it (ON DELETE CASCADE).
DELETE FROM sync_applications
WHERE app_id = $1 AND organization_id = $2 AND ats_job_application_id = $3;

-- name: GetSyncApplicationItem :one
SELECT * FROM sync_application_items
WHERE app_id = $1 AND organization_id = $2 AND ats_job_application_id = $3 AND kind = $4 AND item_id = $5;

-- name: ListSyncApplicationItems :many
SELECT * FROM sync_application_items
WHERE app_id = $1 AND organization_id = $2 AND ats_job_application_id = $3 AND kind = $4
ORDER BY item_id;

-- name: UpsertSyncApplicationItem :exec
INSERT INTO sync_application_items (app_id, organization_id, ats_job_application_id, kind, item_id,
    body, created_at, updated_at)
VALUES ($1, $2, $3, $4, $5, $6, $7, $7)
ON CONFLICT (app_id, organization_id, ats_job_application_id, kind, item_id) DO UPDATE SET
    body = excluded.body, updated_at = excluded.updated_at;

-- name: DeleteSyncApplicationItem :execrows
DELETE FROM sync_application_items
WHERE app_id = $1 AND organization_id = $2 AND ats_job_application_id = $3 AND kind = $4 AND item_id = $5;
