-- A job creation task can end FAILED ("API job was not posted or did not
-- pass validation", rsc-api.md §3.5): error_message is the message the
-- task reports, '' for a task that succeeds. The simulator fails a task
-- only when the failJobTasks fault names its job (faults.go), so the
-- message is fixed when the task is created, not when it is read.

-- +goose Up
ALTER TABLE sync_job_tasks ADD COLUMN error_message TEXT NOT NULL DEFAULT '';

-- +goose Down
ALTER TABLE sync_job_tasks DROP COLUMN error_message;
