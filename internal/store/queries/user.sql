-- name: CreateUser :execrows
-- Zero rows means the email (or id) is taken; ON CONFLICT keeps the
-- transaction usable on PostgreSQL, where a failed statement aborts it.
INSERT INTO users (id, email, email_key, name, name_key, role, disabled, password_hash, person_urn,
    seat_urn, created_at, updated_at)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
ON CONFLICT DO NOTHING;

-- name: GetUser :one
SELECT * FROM users WHERE id = $1;

-- name: GetUserByEmailKey :one
SELECT * FROM users WHERE email_key = $1;

-- name: ListUsers :many
SELECT * FROM users ORDER BY name_key, id LIMIT $1 OFFSET $2;

-- name: CountUsers :one
SELECT count(*) FROM users;

-- name: UpdateUser :execrows
UPDATE users SET email = $2, email_key = $3, name = $4, name_key = $5, role = $6, disabled = $7,
    password_hash = $8, person_urn = $9, seat_urn = $10, updated_at = $11
WHERE id = $1;

-- name: CreateToken :execrows
INSERT INTO tokens (id, user_id, name, hash, created_at, expires_at, last_used_at)
VALUES ($1, $2, $3, $4, $5, $6, $7)
ON CONFLICT DO NOTHING;

-- name: GetTokenByHash :one
SELECT * FROM tokens WHERE hash = $1;

-- name: ListTokens :many
SELECT * FROM tokens WHERE user_id = $1 ORDER BY created_at DESC, id DESC;

-- name: DeleteToken :execrows
DELETE FROM tokens WHERE id = $1;

-- name: TouchToken :execrows
UPDATE tokens SET last_used_at = $2 WHERE id = $1;
