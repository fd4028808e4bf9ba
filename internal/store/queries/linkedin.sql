-- Storage of the LinkedIn integration (ats.LinkedInTx). The withheld flags
-- implement the Prospect rule in SQL so each sync page is one query: an
-- application is withheld while its current phase is of kind 'prospect'; a
-- candidate while they have applications and every one is withheld.

-- name: GetIntegration :one
SELECT * FROM linkedin_integration WHERE id = 1;

-- name: UpsertIntegration :exec
INSERT INTO linkedin_integration (id, stage, access_level, app_urn, client_id, client_secret,
    organization, contract, request_id, job_availability, status_changed_at, updated_at, instance_id)
VALUES (1, $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
ON CONFLICT (id) DO UPDATE SET stage = excluded.stage, access_level = excluded.access_level,
    instance_id = excluded.instance_id,
    app_urn = excluded.app_urn, client_id = excluded.client_id, client_secret = excluded.client_secret,
    organization = excluded.organization, contract = excluded.contract, request_id = excluded.request_id,
    job_availability = excluded.job_availability, status_changed_at = excluded.status_changed_at,
    updated_at = excluded.updated_at;

-- name: GetSyncProgress :one
SELECT * FROM linkedin_sync_progress WHERE id = 1;

-- name: UpsertSyncProgress :exec
INSERT INTO linkedin_sync_progress (id, state, kind, cursor_id, ahead_ids, done, total, started_at, finished_at)
VALUES (1, $1, $2, $3, $4, $5, $6, $7, $8)
ON CONFLICT (id) DO UPDATE SET state = excluded.state, kind = excluded.kind,
    cursor_id = excluded.cursor_id, ahead_ids = excluded.ahead_ids, done = excluded.done, total = excluded.total,
    started_at = excluded.started_at, finished_at = excluded.finished_at;

-- name: UpsertSyncFailure :exec
INSERT INTO sync_failures (entity_kind, entity_id, parent_kind, parent_id, op, status, message, attempts, failed_at)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
ON CONFLICT (entity_kind, entity_id) DO UPDATE SET parent_kind = excluded.parent_kind,
    parent_id = excluded.parent_id, op = excluded.op, status = excluded.status,
    message = excluded.message, attempts = excluded.attempts, failed_at = excluded.failed_at;

-- name: DeleteSyncFailure :exec
DELETE FROM sync_failures WHERE entity_kind = $1 AND entity_id = $2;

-- name: ListSyncFailures :many
SELECT * FROM sync_failures
ORDER BY failed_at DESC, entity_kind DESC, entity_id DESC
LIMIT $1 OFFSET $2;

-- name: CountSyncFailures :one
SELECT count(*) FROM sync_failures;

-- name: RequeueSyncFailures :execrows
-- Every failure back into the outbox as a new version, due at once. The
-- WHERE is needed by SQLite to parse ON CONFLICT after a SELECT.
INSERT INTO outbox (entity_kind, entity_id, op, version, parent_id, parent_kind, updated_at, attempts, not_before)
SELECT f.entity_kind, f.entity_id, f.op, 1, f.parent_id, f.parent_kind, sqlc.arg(now), 0, sqlc.arg(now)
FROM sync_failures f WHERE f.entity_id <> ''
ON CONFLICT (entity_kind, entity_id) DO UPDATE SET op = excluded.op,
    version = outbox.version + 1, parent_id = excluded.parent_id, parent_kind = excluded.parent_kind,
    updated_at = excluded.updated_at, attempts = 0, not_before = excluded.not_before;

-- name: DeleteSyncFailures :exec
DELETE FROM sync_failures;

-- name: InsertNotification :execrows
-- Zero rows means the notification was seen before.
INSERT INTO linkedin_notifications (id, received_at) VALUES ($1, $2)
ON CONFLICT DO NOTHING;

-- name: UpsertSent :exec
INSERT INTO linkedin_sent (entity_kind, entity_id, data) VALUES ($1, $2, $3)
ON CONFLICT (entity_kind, entity_id) DO UPDATE SET data = excluded.data;

-- name: GetSent :one
SELECT data FROM linkedin_sent WHERE entity_kind = $1 AND entity_id = $2;

-- name: DeleteSent :exec
DELETE FROM linkedin_sent WHERE entity_kind = $1 AND entity_id = $2;

-- name: ListTeamJobIDsOfUser :many
SELECT job_id FROM team_members WHERE user_id = $1 ORDER BY job_id;

-- name: SetCandidatePersonURN :execrows
UPDATE candidates SET person_urn = $2 WHERE id = $1;

-- name: SetUserLinkedIn :execrows
UPDATE users SET person_urn = $2, seat_urn = $3, updated_at = $4 WHERE id = $1;

-- name: GetUserByPersonURN :many
-- Enabled users first, in case a disabled one still carries the URN.
SELECT * FROM users WHERE person_urn = $1 AND person_urn <> ''
ORDER BY disabled, created_at, id LIMIT 1;

-- name: SyncJobs :many
SELECT sqlc.embed(j), CAST(s.entity_id IS NOT NULL AS BOOLEAN) AS sent
FROM jobs j LEFT JOIN linkedin_sent s ON s.entity_kind = 'job' AND s.entity_id = j.id
WHERE j.id > sqlc.arg(after_id) AND (CAST(sqlc.arg(only_id) AS TEXT) = '' OR j.id = sqlc.arg(only_id))
ORDER BY j.id
LIMIT sqlc.arg(lim);

-- name: SyncCandidates :many
SELECT sqlc.embed(c), CAST(
    EXISTS (SELECT 1 FROM applications a JOIN job_phases p ON p.id = a.phase_id
        WHERE a.candidate_id = c.id AND p.kind = 'prospect')
    AND NOT EXISTS (SELECT 1 FROM applications a JOIN job_phases p ON p.id = a.phase_id
        WHERE a.candidate_id = c.id AND p.kind <> 'prospect') AS BOOLEAN) AS withheld
FROM candidates c
WHERE c.id > sqlc.arg(after_id) AND (CAST(sqlc.arg(only_id) AS TEXT) = '' OR c.id = sqlc.arg(only_id))
ORDER BY c.id
LIMIT sqlc.arg(lim);

-- name: SyncApplications :many
SELECT sqlc.embed(a), p.name AS phase_name, p.kind AS phase_kind, j.title AS job_title,
    c.number AS candidate_number, c.first_name AS candidate_first_name,
    c.last_name AS candidate_last_name, c.email AS candidate_email
FROM applications a
JOIN job_phases p ON p.id = a.phase_id
JOIN jobs j ON j.id = a.job_id
JOIN candidates c ON c.id = a.candidate_id
WHERE a.id > sqlc.arg(after_id) AND (CAST(sqlc.arg(only_id) AS TEXT) = '' OR a.id = sqlc.arg(only_id))
ORDER BY a.id
LIMIT sqlc.arg(lim);

-- name: SyncStageApplications :many
-- The applications that have a phase history; their entries are then read
-- by id range with SyncStageEntries.
SELECT a.id, p.kind AS phase_kind
FROM applications a JOIN job_phases p ON p.id = a.phase_id
WHERE a.id > sqlc.arg(after_id) AND (CAST(sqlc.arg(only_id) AS TEXT) = '' OR a.id = sqlc.arg(only_id))
  AND EXISTS (SELECT 1 FROM phase_entries e WHERE e.application_id = a.id)
ORDER BY a.id
LIMIT sqlc.arg(lim);

-- name: SyncStageEntries :many
-- The entries of every application with an id in (after, last], which is
-- exactly one SyncStageApplications page: a range instead of an IN-list.
SELECT e.*, coalesce(p.name, '') AS phase_name
FROM phase_entries e LEFT JOIN job_phases p ON p.id = e.phase_id
WHERE e.application_id > sqlc.arg(after_id) AND e.application_id <= sqlc.arg(last_id)
  AND (CAST(sqlc.arg(only_id) AS TEXT) = '' OR e.application_id = sqlc.arg(only_id))
ORDER BY e.application_id, e.entered_at, e.id;

-- name: SyncNotes :many
SELECT sqlc.embed(n), coalesce(u.name, '') AS author_name, CAST(
    (n.subject_kind = 'application' AND EXISTS (
        SELECT 1 FROM applications a JOIN job_phases p ON p.id = a.phase_id
        WHERE a.id = n.subject_id AND p.kind = 'prospect'))
    OR (n.subject_kind = 'candidate' AND EXISTS (
        SELECT 1 FROM applications a JOIN job_phases p ON p.id = a.phase_id
        WHERE a.candidate_id = n.subject_id AND p.kind = 'prospect')
    AND NOT EXISTS (
        SELECT 1 FROM applications a JOIN job_phases p ON p.id = a.phase_id
        WHERE a.candidate_id = n.subject_id AND p.kind <> 'prospect')) AS BOOLEAN) AS withheld
FROM notes n LEFT JOIN users u ON u.id = n.author_id
WHERE n.id > sqlc.arg(after_id) AND (CAST(sqlc.arg(only_id) AS TEXT) = '' OR n.id = sqlc.arg(only_id))
ORDER BY n.id
LIMIT sqlc.arg(lim);

-- name: SyncFeedback :many
SELECT sqlc.embed(f), coalesce(u.name, '') AS interviewer_name,
    CAST(p.kind = 'prospect' AS BOOLEAN) AS withheld
FROM feedback f
JOIN applications a ON a.id = f.application_id
JOIN job_phases p ON p.id = a.phase_id
LEFT JOIN users u ON u.id = f.interviewer_id
WHERE f.id > sqlc.arg(after_id) AND (CAST(sqlc.arg(only_id) AS TEXT) = '' OR f.id = sqlc.arg(only_id))
ORDER BY f.id
LIMIT sqlc.arg(lim);

-- name: SyncTeamJobs :many
SELECT j.id, j.availability, coalesce(s.data, '') AS sent_data,
    CAST(s.entity_id IS NOT NULL AS BOOLEAN) AS sent
FROM jobs j LEFT JOIN linkedin_sent s ON s.entity_kind = 'team' AND s.entity_id = j.id
WHERE j.id > sqlc.arg(after_id) AND (CAST(sqlc.arg(only_id) AS TEXT) = '' OR j.id = sqlc.arg(only_id))
ORDER BY j.id
LIMIT sqlc.arg(lim);

-- name: SyncTeamAssignees :many
-- The distinct person URNs on the teams of jobs with an id in (after,
-- last], one SyncTeamJobs page.
SELECT DISTINCT t.job_id, u.person_urn
FROM team_members t JOIN users u ON u.id = t.user_id
WHERE t.job_id > sqlc.arg(after_id) AND t.job_id <= sqlc.arg(last_id)
  AND (CAST(sqlc.arg(only_id) AS TEXT) = '' OR t.job_id = sqlc.arg(only_id))
  AND u.person_urn <> ''
ORDER BY t.job_id, u.person_urn;

-- The counts below are what a historical sync sends; see CountSyncable.

-- name: CountSyncJobs :one
SELECT count(*) FROM jobs WHERE status <> 'draft';

-- name: CountSyncCandidates :one
SELECT count(*) FROM candidates c
WHERE NOT (EXISTS (SELECT 1 FROM applications a JOIN job_phases p ON p.id = a.phase_id
        WHERE a.candidate_id = c.id AND p.kind = 'prospect')
    AND NOT EXISTS (SELECT 1 FROM applications a JOIN job_phases p ON p.id = a.phase_id
        WHERE a.candidate_id = c.id AND p.kind <> 'prospect'));

-- name: CountSyncApplications :one
SELECT count(*) FROM applications a JOIN job_phases p ON p.id = a.phase_id
WHERE p.kind <> 'prospect';

-- name: CountSyncStages :one
SELECT count(*) FROM phase_entries e
JOIN applications a ON a.id = e.application_id
JOIN job_phases p ON p.id = a.phase_id
WHERE p.kind <> 'prospect';

-- name: CountSyncNotes :one
SELECT count(*) FROM notes n
WHERE NOT ((n.subject_kind = 'application' AND EXISTS (
        SELECT 1 FROM applications a JOIN job_phases p ON p.id = a.phase_id
        WHERE a.id = n.subject_id AND p.kind = 'prospect'))
    OR (n.subject_kind = 'candidate' AND EXISTS (
        SELECT 1 FROM applications a JOIN job_phases p ON p.id = a.phase_id
        WHERE a.candidate_id = n.subject_id AND p.kind = 'prospect')
    AND NOT EXISTS (
        SELECT 1 FROM applications a JOIN job_phases p ON p.id = a.phase_id
        WHERE a.candidate_id = n.subject_id AND p.kind <> 'prospect')));

-- name: CountSyncFeedback :one
SELECT count(*) FROM feedback f
JOIN applications a ON a.id = f.application_id
JOIN job_phases p ON p.id = a.phase_id
WHERE p.kind <> 'prospect';

-- name: CountSyncPrivateJobs :one
SELECT count(*) FROM jobs WHERE status <> 'draft' AND availability = 'PRIVATE';

-- name: CountSyncAssignees :one
SELECT count(*) FROM (
    SELECT DISTINCT t.job_id, u.person_urn
    FROM team_members t
    JOIN users u ON u.id = t.user_id
    JOIN jobs j ON j.id = t.job_id
    WHERE j.status <> 'draft' AND j.availability = 'PRIVATE' AND u.person_urn <> ''
) AS pairs;

-- name: UpsertJobTask :exec
-- A new task replaces the job's last one; the job posting stays until the
-- new task reports one (an update keeps the posting).
INSERT INTO linkedin_job_tasks (job_id, task_urn, submitted_at, check_at, status, message, job_posting)
VALUES ($1, $2, $3, $4, 'IN_PROGRESS', '', '')
ON CONFLICT (job_id) DO UPDATE SET task_urn = excluded.task_urn, submitted_at = excluded.submitted_at,
    check_at = excluded.check_at, status = excluded.status, message = excluded.message;

-- name: ListDueJobTasks :many
SELECT * FROM linkedin_job_tasks
WHERE check_at IS NOT NULL AND check_at <= sqlc.arg(now)
ORDER BY check_at, job_id
LIMIT sqlc.arg(lim);

-- name: UpdateJobTaskCheck :execrows
-- Records a check of the task; a task replaced meanwhile is left alone.
UPDATE linkedin_job_tasks
SET status = sqlc.arg(status), message = sqlc.arg(message),
    job_posting = coalesce(nullif(CAST(sqlc.arg(job_posting) AS TEXT), ''), job_posting),
    check_at = sqlc.arg(check_at), checked_at = sqlc.arg(checked_at)
WHERE job_id = sqlc.arg(job_id) AND task_urn = sqlc.arg(task_urn);

-- name: GetJobTask :one
SELECT * FROM linkedin_job_tasks WHERE job_id = $1;
