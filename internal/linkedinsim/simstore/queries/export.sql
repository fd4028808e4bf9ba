-- name: InsertExportedCandidate :exec
INSERT INTO exported_candidates (request_id, app_id, organization_id, contract_id, seat_id,
    exporter_person_urn, member_id, person_urn, first_name, last_name, headline, company, title,
    location, profile_url, external_job_posting_id, job_title, exported_at)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18);

-- name: GetExportedCandidate :one
SELECT * FROM exported_candidates WHERE request_id = $1;

-- name: ListExportedCandidatesByApp :many
-- An app's exports, oldest first.
SELECT * FROM exported_candidates WHERE app_id = $1 ORDER BY exported_at, request_id;
