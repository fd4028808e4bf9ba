-- name: CreateApplication :execrows
-- Zero rows means the candidate already has an application for the job.
INSERT INTO applications (id, candidate_id, job_id, phase_id, status, rejection_reason, source,
    prospect, created_by, created_at, updated_at)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
ON CONFLICT DO NOTHING;

-- name: GetApplication :one
SELECT a.*, p.name AS phase_name, p.kind AS phase_kind
FROM applications a JOIN job_phases p ON p.id = a.phase_id
WHERE a.id = $1;

-- name: ListApplicationsByJob :many
-- Empty candidate, phase or status means no filter on it.
SELECT a.*, p.name AS phase_name, p.kind AS phase_kind,
    c.number AS candidate_number, c.first_name AS candidate_first_name,
    c.last_name AS candidate_last_name, c.email AS candidate_email
FROM applications a
JOIN job_phases p ON p.id = a.phase_id
JOIN candidates c ON c.id = a.candidate_id
WHERE a.job_id = sqlc.arg(job_id)
  AND (a.candidate_id = sqlc.arg(candidate_id) OR sqlc.arg(candidate_id) = '')
  AND (a.phase_id = sqlc.arg(phase_id) OR sqlc.arg(phase_id) = '')
  AND (a.status = sqlc.arg(status) OR sqlc.arg(status) = '')
ORDER BY a.created_at, a.id
LIMIT sqlc.arg(lim) OFFSET sqlc.arg(off);

-- name: CountApplicationsByJob :one
SELECT count(*) FROM applications a
WHERE a.job_id = sqlc.arg(job_id)
  AND (a.candidate_id = sqlc.arg(candidate_id) OR sqlc.arg(candidate_id) = '')
  AND (a.phase_id = sqlc.arg(phase_id) OR sqlc.arg(phase_id) = '')
  AND (a.status = sqlc.arg(status) OR sqlc.arg(status) = '');

-- name: ListApplicationsByCandidate :many
SELECT a.*, p.name AS phase_name, p.kind AS phase_kind,
    c.number AS candidate_number, c.first_name AS candidate_first_name,
    c.last_name AS candidate_last_name, c.email AS candidate_email
FROM applications a
JOIN job_phases p ON p.id = a.phase_id
JOIN candidates c ON c.id = a.candidate_id
WHERE a.candidate_id = sqlc.arg(candidate_id)
  AND (a.phase_id = sqlc.arg(phase_id) OR sqlc.arg(phase_id) = '')
  AND (a.status = sqlc.arg(status) OR sqlc.arg(status) = '')
ORDER BY a.created_at, a.id
LIMIT sqlc.arg(lim) OFFSET sqlc.arg(off);

-- name: CountApplicationsByCandidate :one
SELECT count(*) FROM applications a
WHERE a.candidate_id = sqlc.arg(candidate_id)
  AND (a.phase_id = sqlc.arg(phase_id) OR sqlc.arg(phase_id) = '')
  AND (a.status = sqlc.arg(status) OR sqlc.arg(status) = '');

-- name: UpdateApplication :execrows
UPDATE applications SET phase_id = $2, status = $3, rejection_reason = $4, source = $5,
    prospect = $6, updated_at = $7
WHERE id = $1;

-- name: DeleteApplication :execrows
DELETE FROM applications WHERE id = $1;

-- name: PhaseOfJob :one
-- Tells whether a phase belongs to a job, so an application cannot be put
-- in another job's phase.
SELECT count(*) FROM job_phases WHERE id = $1 AND job_id = $2;

-- name: InsertPhaseEntry :exec
INSERT INTO phase_entries (id, application_id, phase_id, entered_at, entered_by)
VALUES ($1, $2, $3, $4, $5);

-- name: ListPhaseEntries :many
-- The phase name is the current one, empty once the phase is removed.
SELECT e.*, coalesce(p.name, '') AS phase_name
FROM phase_entries e LEFT JOIN job_phases p ON p.id = e.phase_id
WHERE e.application_id = $1
ORDER BY e.entered_at, e.id;

-- name: CountPhaseEntries :one
SELECT count(*) FROM phase_entries WHERE application_id = $1;

-- name: InsertFeedback :exec
INSERT INTO feedback (id, application_id, interviewer_id, interview_type, evaluations,
    recommendation, comments, created_at, updated_at)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9);

-- name: ListFeedback :many
SELECT f.*, coalesce(u.name, '') AS interviewer_name
FROM feedback f LEFT JOIN users u ON u.id = f.interviewer_id
WHERE f.application_id = $1
ORDER BY f.created_at, f.id;

-- name: ListFeedbackIDs :many
SELECT id FROM feedback WHERE application_id = $1 ORDER BY created_at, id;
