-- name: UpsertOutbox :exec
-- One row per entity: a later change overwrites op and parent and bumps the
-- version, so the sender sends the latest state once. A new version has not
-- failed yet, so its retry schedule starts over: due at once.
INSERT INTO outbox (entity_kind, entity_id, op, version, parent_id, parent_kind, updated_at, attempts, not_before)
VALUES (sqlc.arg(entity_kind), sqlc.arg(entity_id), sqlc.arg(op), 1, sqlc.arg(parent_id),
    sqlc.arg(parent_kind), sqlc.arg(updated_at), 0, sqlc.arg(updated_at))
ON CONFLICT (entity_kind, entity_id) DO UPDATE SET op = excluded.op,
    version = outbox.version + 1, parent_id = excluded.parent_id, parent_kind = excluded.parent_kind,
    updated_at = excluded.updated_at, attempts = 0, not_before = excluded.not_before;

-- name: ListOutbox :many
SELECT * FROM outbox ORDER BY updated_at, entity_kind, entity_id;

-- name: ListDueOutbox :many
SELECT * FROM outbox
WHERE entity_kind = sqlc.arg(entity_kind) AND not_before <= sqlc.arg(due)
ORDER BY updated_at, entity_id
LIMIT sqlc.arg(lim);

-- name: NextOutboxDue :many
-- A list of at most one row rather than min(), whose type sqlc cannot
-- infer; the not_before index serves it.
SELECT not_before FROM outbox WHERE not_before IS NOT NULL ORDER BY not_before LIMIT 1;

-- name: CountOutbox :one
SELECT count(*) FROM outbox;

-- name: DeleteOutboxVersion :execrows
DELETE FROM outbox WHERE entity_kind = $1 AND entity_id = $2 AND version = $3;

-- name: DeferOutbox :execrows
UPDATE outbox SET attempts = attempts + 1, not_before = sqlc.arg(not_before)
WHERE entity_kind = sqlc.arg(entity_kind) AND entity_id = sqlc.arg(entity_id) AND version = sqlc.arg(version);

-- name: DeleteOutboxUpserts :exec
DELETE FROM outbox WHERE op = 'upsert';

-- name: QueueJobApplications :execrows
-- An upsert row for each of the job's applications, as UpsertOutbox would
-- write it: they repeat the job's title. The WHERE also lets SQLite parse
-- ON CONFLICT after a SELECT.
INSERT INTO outbox (entity_kind, entity_id, op, version, parent_id, parent_kind, updated_at, attempts, not_before)
SELECT 'application', a.id, 'upsert', 1, '', '', sqlc.arg(now), 0, sqlc.arg(now)
FROM applications a WHERE a.job_id = sqlc.arg(job_id)
ON CONFLICT (entity_kind, entity_id) DO UPDATE SET op = excluded.op,
    version = outbox.version + 1, parent_id = excluded.parent_id, parent_kind = excluded.parent_kind,
    updated_at = excluded.updated_at, attempts = 0, not_before = excluded.not_before;

-- name: QueueCandidateApplications :execrows
-- The same for a candidate's applications, which repeat their name and
-- email.
INSERT INTO outbox (entity_kind, entity_id, op, version, parent_id, parent_kind, updated_at, attempts, not_before)
SELECT 'application', a.id, 'upsert', 1, '', '', sqlc.arg(now), 0, sqlc.arg(now)
FROM applications a WHERE a.candidate_id = sqlc.arg(candidate_id)
ON CONFLICT (entity_kind, entity_id) DO UPDATE SET op = excluded.op,
    version = outbox.version + 1, parent_id = excluded.parent_id, parent_kind = excluded.parent_kind,
    updated_at = excluded.updated_at, attempts = 0, not_before = excluded.not_before;
