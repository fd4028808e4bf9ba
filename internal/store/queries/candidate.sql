-- name: CreateCandidate :execrows
INSERT INTO candidates (id, number, first_name, last_name, email, other_emails, phones,
    address_line1, address_line2, address_city, address_region, address_postal_code, address_country,
    company, title, linkedin_url, person_urn, source, do_not_contact, search_key, created_by,
    created_at, updated_at)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20,
    $21, $22, $23)
ON CONFLICT DO NOTHING;

-- name: InsertCandidateEmail :execrows
-- Zero rows means another candidate (or this one) already has the address.
INSERT INTO candidate_emails (email_key, candidate_id) VALUES ($1, $2)
ON CONFLICT DO NOTHING;

-- name: DeleteCandidateEmails :exec
DELETE FROM candidate_emails WHERE candidate_id = $1;

-- name: GetCandidate :one
SELECT * FROM candidates WHERE id = $1;

-- name: GetCandidateByNumber :one
SELECT * FROM candidates WHERE number = $1;

-- name: ListCandidates :many
SELECT * FROM candidates ORDER BY created_at DESC, id DESC LIMIT $1 OFFSET $2;

-- name: CountCandidates :one
SELECT count(*) FROM candidates;

-- name: SearchCandidates :many
-- pattern is '%q%' with \ escapes, built in Go. On PostgreSQL the trigram
-- GIN index serves this LIKE; SQLite uses FTS5 instead for three or more
-- characters (see search.go).
SELECT * FROM candidates WHERE search_key LIKE CAST(sqlc.arg(pattern) AS TEXT) ESCAPE '\'
ORDER BY created_at DESC, id DESC LIMIT sqlc.arg(lim) OFFSET sqlc.arg(off);

-- name: SearchCandidatesCounted :many
-- The same page with the total count of matches on every row, from one
-- pass: for queries that must scan anyway (too short for trigrams) this
-- halves the work of listing and counting separately.
SELECT sqlc.embed(candidates), count(*) OVER () AS total FROM candidates
WHERE search_key LIKE CAST(sqlc.arg(pattern) AS TEXT) ESCAPE '\'
ORDER BY created_at DESC, id DESC LIMIT sqlc.arg(lim) OFFSET sqlc.arg(off);

-- name: CountSearchCandidates :one
SELECT count(*) FROM candidates WHERE search_key LIKE CAST(sqlc.arg(pattern) AS TEXT) ESCAPE '\';

-- name: GetCandidateSyncFields :one
-- What a candidate's applications repeat, read before an update to tell
-- whether they must be sent again.
SELECT first_name, last_name, email FROM candidates WHERE id = $1;

-- name: UpdateCandidate :execrows
UPDATE candidates SET first_name = $2, last_name = $3, email = $4, other_emails = $5, phones = $6,
    address_line1 = $7, address_line2 = $8, address_city = $9, address_region = $10,
    address_postal_code = $11, address_country = $12, company = $13, title = $14,
    linkedin_url = $15, person_urn = $16, source = $17, do_not_contact = $18, search_key = $19,
    updated_at = $20
WHERE id = $1;

-- name: DeleteCandidate :execrows
DELETE FROM candidates WHERE id = $1;

-- name: CandidateOnTeamOf :one
SELECT EXISTS (
    SELECT 1 FROM applications a JOIN team_members t ON t.job_id = a.job_id
    WHERE a.candidate_id = $1 AND t.user_id = $2
);

-- name: ListApplicationIDsByCandidate :many
SELECT id FROM applications WHERE candidate_id = $1 ORDER BY created_at, id;

-- name: GetCandidateEmailOwner :one
SELECT candidate_id FROM candidate_emails WHERE email_key = $1;
