-- +goose Up
-- LinkedIn posts a job asynchronously: every job record it takes comes
-- back as a task (urn:li:simpleJobPostingTask), to be checked a few
-- minutes later (rsc-api.md §3.5). One row per job: the task of the last
-- record sent, when it is next checked (NULL once settled), what the last
-- check said, and the job posting LinkedIn made of it. No foreign key:
-- the close sent for a deleted job is checked too.
CREATE TABLE linkedin_job_tasks (
    job_id       TEXT PRIMARY KEY,
    task_urn     TEXT NOT NULL,
    submitted_at TIMESTAMP NOT NULL,
    check_at     TIMESTAMP,
    status       TEXT NOT NULL,        -- IN_PROGRESS until a check says otherwise
    message      TEXT NOT NULL,        -- LinkedIn's error when the task failed
    job_posting  TEXT NOT NULL,        -- urn:li:jobPosting:N, kept across tasks until a new one is reported
    checked_at   TIMESTAMP
);
CREATE INDEX linkedin_job_tasks_check_idx ON linkedin_job_tasks (check_at);

-- +goose Down
DROP TABLE linkedin_job_tasks;
