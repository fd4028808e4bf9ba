-- name: ListUsersMatching :many
-- pattern is a LIKE pattern with \ escapes over the folded name
-- (name_key, ats.FoldQuery) or the normalised email (email_key).
SELECT * FROM users
WHERE name_key LIKE CAST(sqlc.arg(pattern) AS TEXT) ESCAPE '\'
   OR email_key LIKE CAST(sqlc.arg(pattern) AS TEXT) ESCAPE '\'
ORDER BY name_key, id
LIMIT sqlc.arg(lim) OFFSET sqlc.arg(off);

-- name: CountUsersMatching :one
SELECT count(*) FROM users
WHERE name_key LIKE CAST(sqlc.arg(pattern) AS TEXT) ESCAPE '\'
   OR email_key LIKE CAST(sqlc.arg(pattern) AS TEXT) ESCAPE '\';
