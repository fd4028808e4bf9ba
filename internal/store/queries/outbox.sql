-- name: UpsertOutbox :exec
-- One row per entity: a later change overwrites op and parent and bumps the
-- version, so the sender sends the latest state once.
INSERT INTO outbox (entity_kind, entity_id, op, version, parent_id, updated_at)
VALUES ($1, $2, $3, 1, $4, $5)
ON CONFLICT (entity_kind, entity_id) DO UPDATE SET op = excluded.op,
    version = outbox.version + 1, parent_id = excluded.parent_id, updated_at = excluded.updated_at;

-- name: ListOutbox :many
SELECT * FROM outbox ORDER BY updated_at, entity_kind, entity_id;
