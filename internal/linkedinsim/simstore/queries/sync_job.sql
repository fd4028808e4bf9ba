-- name: NextSyncSequence :one
-- Creates the named counter on first use, so run-time sequences need no
-- seeding by the world generator.
INSERT INTO counters (name, value) VALUES ($1, 1)
ON CONFLICT (name) DO UPDATE SET value = counters.value + 1
RETURNING value;

-- name: GetSyncJob :one
SELECT * FROM sync_jobs WHERE app_id = $1 AND organization_id = $2 AND external_job_posting_id = $3;

-- name: InsertSyncJob :exec
INSERT INTO sync_jobs (app_id, organization_id, external_job_posting_id, job_posting_id, title,
    availability, state, body, created_at, updated_at)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10);

-- name: UpdateSyncJob :execrows
UPDATE sync_jobs SET title = $4, availability = $5, state = $6, body = $7, updated_at = $8
WHERE app_id = $1 AND organization_id = $2 AND external_job_posting_id = $3;

-- name: InsertSyncJobTask :exec
INSERT INTO sync_job_tasks (id, app_id, organization_id, external_job_posting_id,
    job_posting_id, created_at, ready_at, error_message)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8);

-- name: GetSyncJobTask :one
SELECT * FROM sync_job_tasks WHERE id = $1 AND app_id = $2;

-- name: CountSyncSeats :one
SELECT COUNT(*) FROM seats WHERE id = $1;

-- name: ListSyncJobsVisibleToSeat :many
-- The jobs of every app in the seat's organization that the seat's member
-- may see: a job no ACL of its app names is open to every seat; a secured
-- job only to assignees of one of its app's ACLs (rsc-api.md §3.12,
-- rsc-certification.md RSC-401..404). ACLs and assignees of one app never
-- touch another app's jobs, even with the same externalJobPostingId.
SELECT j.* FROM sync_jobs j
JOIN contracts c ON c.organization_id = j.organization_id
JOIN seats s ON s.contract_id = c.id
JOIN members m ON m.id = s.member_id
WHERE s.id = $1
  AND (NOT EXISTS (SELECT 1 FROM sync_acls a
                   WHERE a.app_id = j.app_id
                     AND a.organization_id = j.organization_id
                     AND a.ats_entity_type = 'JOB_POSTING'
                     AND a.ats_entity_id = j.external_job_posting_id)
       OR EXISTS (SELECT 1 FROM sync_acls a
                  JOIN sync_acl_assignees g ON g.app_id = a.app_id
                       AND g.organization_id = a.organization_id
                       AND g.ats_entity_acl_id = a.ats_entity_acl_id
                       AND g.ats_entity_type = a.ats_entity_type
                  WHERE a.app_id = j.app_id
                    AND a.organization_id = j.organization_id
                    AND a.ats_entity_type = 'JOB_POSTING'
                    AND a.ats_entity_id = j.external_job_posting_id
                    AND g.assignee = m.person_urn))
ORDER BY j.external_job_posting_id, j.app_id;
