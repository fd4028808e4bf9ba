-- name: GetSyncCandidate :one
SELECT * FROM sync_candidates WHERE organization_id = $1 AND ats_candidate_id = $2;

-- name: UpsertSyncCandidate :exec
-- A PUT replaces the record; the manual match survives unless the PUT names
-- one (NULL keeps the stored value).
INSERT INTO sync_candidates (organization_id, ats_candidate_id, body, manual_matched_member,
    created_at, updated_at)
VALUES ($1, $2, $3, $4, $5, $5)
ON CONFLICT (organization_id, ats_candidate_id) DO UPDATE SET
    body = excluded.body,
    manual_matched_member = COALESCE(excluded.manual_matched_member, sync_candidates.manual_matched_member),
    updated_at = excluded.updated_at;

-- name: SetSyncCandidateMatch :execrows
UPDATE sync_candidates SET manual_matched_member = $3, updated_at = $4
WHERE organization_id = $1 AND ats_candidate_id = $2;

-- name: DeleteSyncCandidate :execrows
DELETE FROM sync_candidates WHERE organization_id = $1 AND ats_candidate_id = $2;

-- name: CountSyncMembersByURN :one
SELECT COUNT(*) FROM members WHERE person_urn = $1;

-- name: GetSyncCandidateNote :one
SELECT * FROM sync_candidate_notes
WHERE organization_id = $1 AND ats_candidate_id = $2 AND note_id = $3;

-- name: ListSyncCandidateNotes :many
SELECT * FROM sync_candidate_notes
WHERE organization_id = $1 AND ats_candidate_id = $2 ORDER BY note_id;

-- name: UpsertSyncCandidateNote :exec
INSERT INTO sync_candidate_notes (organization_id, ats_candidate_id, note_id, body,
    created_at, updated_at)
VALUES ($1, $2, $3, $4, $5, $5)
ON CONFLICT (organization_id, ats_candidate_id, note_id) DO UPDATE SET
    body = excluded.body, updated_at = excluded.updated_at;

-- name: DeleteSyncCandidateNote :execrows
DELETE FROM sync_candidate_notes
WHERE organization_id = $1 AND ats_candidate_id = $2 AND note_id = $3;
