-- name: InsertHistory :exec
INSERT INTO history (id, entity_kind, entity_id, action, actor_id, at, changes)
VALUES ($1, $2, $3, $4, $5, $6, $7);

-- name: ListHistory :many
SELECT h.*, coalesce(u.name, '') AS actor_name
FROM history h LEFT JOIN users u ON u.id = h.actor_id
WHERE h.entity_kind = $1 AND h.entity_id = $2
ORDER BY h.at DESC, h.id DESC
LIMIT $3 OFFSET $4;

-- name: CountHistory :one
SELECT count(*) FROM history WHERE entity_kind = $1 AND entity_id = $2;
