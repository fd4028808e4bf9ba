-- name: GetSyncCandidate :one
SELECT * FROM sync_candidates WHERE app_id = $1 AND organization_id = $2 AND ats_candidate_id = $3;

-- name: UpsertSyncCandidate :exec
-- A PUT replaces the record; the manual match survives unless the PUT names
-- one (NULL keeps the stored value).
INSERT INTO sync_candidates (app_id, organization_id, ats_candidate_id, body, manual_matched_member,
    created_at, updated_at)
VALUES ($1, $2, $3, $4, $5, $6, $6)
ON CONFLICT (app_id, organization_id, ats_candidate_id) DO UPDATE SET
    body = excluded.body,
    manual_matched_member = COALESCE(excluded.manual_matched_member, sync_candidates.manual_matched_member),
    updated_at = excluded.updated_at;

-- name: SetSyncCandidateMatch :execrows
UPDATE sync_candidates SET manual_matched_member = $4, updated_at = $5
WHERE app_id = $1 AND organization_id = $2 AND ats_candidate_id = $3;

-- name: DeleteSyncCandidate :execrows
DELETE FROM sync_candidates WHERE app_id = $1 AND organization_id = $2 AND ats_candidate_id = $3;

-- name: CountSyncMembersByURN :one
SELECT COUNT(*) FROM members WHERE person_urn = $1;

-- name: GetSyncCandidateNote :one
SELECT * FROM sync_candidate_notes
WHERE app_id = $1 AND organization_id = $2 AND ats_candidate_id = $3 AND note_id = $4;

-- name: ListSyncCandidateNotes :many
SELECT * FROM sync_candidate_notes
WHERE app_id = $1 AND organization_id = $2 AND ats_candidate_id = $3 ORDER BY note_id;

-- name: UpsertSyncCandidateNote :exec
INSERT INTO sync_candidate_notes (app_id, organization_id, ats_candidate_id, note_id, body,
    created_at, updated_at)
VALUES ($1, $2, $3, $4, $5, $6, $6)
ON CONFLICT (app_id, organization_id, ats_candidate_id, note_id) DO UPDATE SET
    body = excluded.body, updated_at = excluded.updated_at;

-- name: DeleteSyncCandidateNote :execrows
DELETE FROM sync_candidate_notes
WHERE app_id = $1 AND organization_id = $2 AND ats_candidate_id = $3 AND note_id = $4;
