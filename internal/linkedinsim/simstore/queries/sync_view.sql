-- What Recruiter's In-ATS indicator reads (sync_view.go): the synced
-- candidates of one ATS instance in an organization and the applications
-- of one candidate.

-- name: ListSyncCandidatesByOrganization :many
SELECT * FROM sync_candidates
WHERE app_id = $1 AND organization_id = $2
ORDER BY ats_candidate_id;

-- name: ListSyncApplicationsByCandidate :many
SELECT * FROM sync_applications
WHERE app_id = $1 AND organization_id = $2 AND ats_candidate_id = $3
ORDER BY ats_job_application_id;
