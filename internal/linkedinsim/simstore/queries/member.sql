-- name: InsertMember :exec
-- The single-row insert; bulk loads use the same column list (bulk.go).
INSERT INTO members (id, person_urn, first_name, last_name, name_key, email, email_key,
    headline, company, title, location, profile_url, open_to_work, closed, created_at, match_key)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16);

-- name: GetMember :one
SELECT * FROM members WHERE id = $1;

-- name: GetMemberByPersonURN :one
SELECT * FROM members WHERE person_urn = $1;

-- name: GetMemberByEmailKey :one
SELECT * FROM members WHERE email_key = $1;

-- name: ListMembers :many
SELECT * FROM members ORDER BY id LIMIT $1 OFFSET $2;

-- name: CountMembers :one
SELECT count(*) FROM members;
