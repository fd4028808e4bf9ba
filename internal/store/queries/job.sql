-- name: NextNumber :one
-- Counters not seeded by the migration start at 1001 too.
INSERT INTO counters (name, value) VALUES ($1, 1001)
ON CONFLICT (name) DO UPDATE SET value = counters.value + 1
RETURNING value;

-- name: CreateJob :execrows
INSERT INTO jobs (id, number, title, description, city, region, country_code, postal_code,
    employment_type, openings, availability, status, close_reason, template_id, created_by,
    search_key, created_at, updated_at, activated_at, closed_at)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20)
ON CONFLICT DO NOTHING;

-- name: GetJob :one
SELECT * FROM jobs WHERE id = $1;

-- name: GetJobByNumber :one
SELECT * FROM jobs WHERE number = $1;

-- name: ListJobs :many
-- An empty status or pattern means no filter; pattern is a LIKE pattern
-- with \ escapes, built in Go. member_roles is a comma-separated list of
-- team roles (no commas or LIKE wildcards in them), empty for any seat.
SELECT * FROM jobs
WHERE (status = sqlc.arg(status) OR sqlc.arg(status) = '')
  AND (search_key LIKE CAST(sqlc.arg(pattern) AS TEXT) ESCAPE '\' OR sqlc.arg(pattern) = '')
  AND (CAST(sqlc.arg(member_id) AS TEXT) = '' OR EXISTS (
      SELECT 1 FROM team_members t WHERE t.job_id = jobs.id AND t.user_id = sqlc.arg(member_id)
        AND (CAST(sqlc.arg(member_roles) AS TEXT) = ''
          OR ',' || CAST(sqlc.arg(member_roles) AS TEXT) || ',' LIKE '%,' || t.role || ',%')))
ORDER BY created_at DESC, id DESC
LIMIT sqlc.arg(lim) OFFSET sqlc.arg(off);

-- name: CountJobs :one
SELECT count(*) FROM jobs
WHERE (status = sqlc.arg(status) OR sqlc.arg(status) = '')
  AND (search_key LIKE CAST(sqlc.arg(pattern) AS TEXT) ESCAPE '\' OR sqlc.arg(pattern) = '')
  AND (CAST(sqlc.arg(member_id) AS TEXT) = '' OR EXISTS (
      SELECT 1 FROM team_members t WHERE t.job_id = jobs.id AND t.user_id = sqlc.arg(member_id)
        AND (CAST(sqlc.arg(member_roles) AS TEXT) = ''
          OR ',' || CAST(sqlc.arg(member_roles) AS TEXT) || ',' LIKE '%,' || t.role || ',%')));

-- name: GetJobSyncFields :one
-- What a job's applications (the title) and its ACL (availability and
-- whether it is a draft) depend on, read before an update to tell whether
-- they must be sent again.
SELECT title, availability, status FROM jobs WHERE id = $1;

-- name: UpdateJob :execrows
UPDATE jobs SET title = $2, description = $3, city = $4, region = $5, country_code = $6,
    postal_code = $7, employment_type = $8, openings = $9, availability = $10, status = $11,
    close_reason = $12, template_id = $13, search_key = $14, updated_at = $15,
    activated_at = $16, closed_at = $17
WHERE id = $1;

-- name: DeleteJob :execrows
DELETE FROM jobs WHERE id = $1;

-- name: ListJobPhases :many
SELECT * FROM job_phases WHERE job_id = $1 ORDER BY position, id;

-- name: UpsertJobPhase :execrows
-- The WHERE keeps a phase id of another job from being moved.
INSERT INTO job_phases (id, job_id, name, kind, position, enabled)
VALUES ($1, $2, $3, $4, $5, $6)
ON CONFLICT (id) DO UPDATE SET name = excluded.name, kind = excluded.kind,
    position = excluded.position, enabled = excluded.enabled
WHERE job_phases.job_id = excluded.job_id;

-- name: DeleteJobPhase :exec
DELETE FROM job_phases WHERE id = $1 AND job_id = $2;

-- name: CountPhaseApplications :one
SELECT count(*) FROM applications WHERE phase_id = $1;

-- name: ListTeam :many
-- Hiring managers first, then recruiters, then interviewers, by name.
SELECT t.user_id, t.role, coalesce(u.name, '') AS name, coalesce(u.email, '') AS email
FROM team_members t LEFT JOIN users u ON u.id = t.user_id
WHERE t.job_id = $1
ORDER BY CASE t.role WHEN 'hiring_manager' THEN 0 WHEN 'recruiter' THEN 1 ELSE 2 END,
    u.name_key, t.user_id;

-- name: DeleteTeam :exec
DELETE FROM team_members WHERE job_id = $1;

-- name: InsertTeamMember :execrows
INSERT INTO team_members (job_id, user_id, role) VALUES ($1, $2, $3)
ON CONFLICT DO NOTHING;

-- name: GetTeamRole :one
SELECT role FROM team_members WHERE job_id = $1 AND user_id = $2;

-- name: CountApplicationsByPhase :many
SELECT phase_id, count(*) AS n FROM applications WHERE job_id = $1 GROUP BY phase_id;

-- name: ListApplicationIDsByJob :many
SELECT id FROM applications WHERE job_id = $1 ORDER BY created_at, id;
