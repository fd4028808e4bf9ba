-- name: FindSession :one
-- now comes from the store's clock, never from SQL.
SELECT data FROM sessions WHERE token = $1 AND expiry > $2;

-- name: UpsertSession :exec
INSERT INTO sessions (token, data, expiry) VALUES ($1, $2, $3)
ON CONFLICT (token) DO UPDATE SET data = excluded.data, expiry = excluded.expiry;

-- name: DeleteSession :exec
DELETE FROM sessions WHERE token = $1;

-- name: DeleteExpiredSessions :execrows
DELETE FROM sessions WHERE expiry <= $1;
