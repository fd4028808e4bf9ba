-- name: InsertMemberSession :exec
INSERT INTO member_sessions (hash, member_id, created_at, expires_at) VALUES ($1, $2, $3, $4);

-- name: GetMemberSession :one
SELECT * FROM member_sessions WHERE hash = $1;

-- name: DeleteMemberSession :exec
DELETE FROM member_sessions WHERE hash = $1;

-- name: DeleteExpiredMemberSessions :exec
-- Run when a member signs in, so their stale sessions do not pile up.
DELETE FROM member_sessions WHERE member_id = $1 AND expires_at <= $2;

-- name: ListMemberSeats :many
-- A member's seats with their contracts and organizations, for the
-- onboarding widget's contract picker.
SELECT s.id, s.contract_id, s.is_admin, s.active, s.created_at,
       c.organization_id, c.name AS contract_name, o.name AS organization_name
FROM seats s
JOIN contracts c ON c.id = s.contract_id
JOIN organizations o ON o.id = c.organization_id
WHERE s.member_id = $1
ORDER BY s.contract_id;

-- name: InsertAuthorizationCode :exec
INSERT INTO authorization_codes (hash, app_id, member_id, redirect_uri, scope, created_at, expires_at)
VALUES ($1, $2, $3, $4, $5, $6, $7);

-- name: GetAuthorizationCode :one
SELECT * FROM authorization_codes WHERE hash = $1;

-- name: UseAuthorizationCode :execrows
-- Zero rows means the code was used before: the single-use check and the
-- marking are one statement, so two concurrent exchanges cannot both win.
UPDATE authorization_codes SET used_at = $2 WHERE hash = $1 AND used_at IS NULL;

-- name: DeleteMemberTokensByCode :exec
DELETE FROM member_tokens WHERE code_hash = $1;

-- name: InsertMemberToken :exec
INSERT INTO member_tokens (hash, app_id, member_id, scope, code_hash, created_at, expires_at)
VALUES ($1, $2, $3, $4, $5, $6, $7);

-- name: GetMemberToken :one
SELECT * FROM member_tokens WHERE hash = $1;
