-- name: CreatePool :execrows
INSERT INTO talent_pools (id, name, name_key, description, kind, owner_id, created_at, updated_at)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
ON CONFLICT DO NOTHING;

-- name: GetPool :one
SELECT p.*, (SELECT count(*) FROM pool_members m WHERE m.pool_id = p.id) AS member_count
FROM talent_pools p WHERE p.id = $1;

-- name: GetPoolByNameKey :one
SELECT p.*, (SELECT count(*) FROM pool_members m WHERE m.pool_id = p.id) AS member_count
FROM talent_pools p WHERE p.name_key = $1;

-- name: ListPools :many
SELECT p.*, (SELECT count(*) FROM pool_members m WHERE m.pool_id = p.id) AS member_count
FROM talent_pools p ORDER BY p.name_key, p.id LIMIT $1 OFFSET $2;

-- name: CountPools :one
SELECT count(*) FROM talent_pools;

-- name: UpdatePool :execrows
UPDATE talent_pools SET name = $2, name_key = $3, description = $4, kind = $5, owner_id = $6,
    updated_at = $7
WHERE id = $1;

-- name: DeletePool :execrows
DELETE FROM talent_pools WHERE id = $1;

-- name: ListContributors :many
SELECT user_id FROM pool_contributors WHERE pool_id = $1 ORDER BY position, user_id;

-- name: DeleteContributors :exec
DELETE FROM pool_contributors WHERE pool_id = $1;

-- name: InsertContributor :exec
INSERT INTO pool_contributors (pool_id, user_id, position) VALUES ($1, $2, $3)
ON CONFLICT DO NOTHING;

-- name: AddPoolMember :exec
-- Adding a member twice keeps the first addition.
INSERT INTO pool_members (pool_id, candidate_id, added_by, added_at) VALUES ($1, $2, $3, $4)
ON CONFLICT DO NOTHING;

-- name: RemovePoolMember :execrows
DELETE FROM pool_members WHERE pool_id = $1 AND candidate_id = $2;

-- name: ListPoolMembers :many
-- Most recently added first.
SELECT c.* FROM pool_members m JOIN candidates c ON c.id = m.candidate_id
WHERE m.pool_id = $1
ORDER BY m.added_at DESC, m.candidate_id DESC
LIMIT $2 OFFSET $3;

-- name: CountPoolMembers :one
SELECT count(*) FROM pool_members WHERE pool_id = $1;
