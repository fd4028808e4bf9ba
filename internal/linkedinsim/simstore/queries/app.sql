-- name: InsertApp :execrows
-- Zero rows means the client id or the (parent, unique foreign id) pair is
-- taken; ON CONFLICT keeps the transaction usable on PostgreSQL.
INSERT INTO apps (id, client_id, secret_hash, kind, parent_id, unique_foreign_id, name,
    description, valid_js_sdk_domains, oauth2_callback_urls, created_at, updated_at)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
ON CONFLICT DO NOTHING;

-- name: GetApp :one
SELECT * FROM apps WHERE id = $1;

-- name: GetAppByClientID :one
SELECT * FROM apps WHERE client_id = $1;

-- name: GetChildAppByForeignID :one
SELECT * FROM apps WHERE parent_id = $1 AND unique_foreign_id = $2;

-- name: ListApps :many
SELECT * FROM apps ORDER BY id;

-- name: UpdateApp :execrows
UPDATE apps SET name = $2, description = $3, valid_js_sdk_domains = $4,
    oauth2_callback_urls = $5, updated_at = $6
WHERE id = $1;

-- name: InsertAccessToken :exec
INSERT INTO access_tokens (hash, app_id, expires_at, created_at) VALUES ($1, $2, $3, $4);

-- name: GetAccessToken :one
SELECT * FROM access_tokens WHERE hash = $1;

-- name: DeleteExpiredAccessTokens :execrows
DELETE FROM access_tokens WHERE expires_at <= $1;
