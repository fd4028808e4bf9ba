package store

import (
	"time"

	"attractor/internal/ats"
	"attractor/internal/store/dbq"
)

// This file stores the tasks LinkedIn answers job records with
// (ats.JobTask), one row per job: the last record's task and its checks.

// SaveJobTask records the task of the job record LinkedIn took now; the
// job posting of an earlier task is kept until the new one reports.
func (t *tx) SaveJobTask(jobID, taskURN string, checkAt time.Time) error {
	err := t.q.UpsertJobTask(t.ctx, dbq.UpsertJobTaskParams{JobID: jobID, TaskUrn: taskURN,
		SubmittedAt: t.now, CheckAt: nullTime(&checkAt)})
	return wrap(err, "save job task")
}

// FindDueJobTasks returns up to limit tasks due for a check at now.
func (t *tx) FindDueJobTasks(now time.Time, limit int) ([]*ats.JobTask, error) {
	rows, err := t.q.ListDueJobTasks(t.ctx, dbq.ListDueJobTasksParams{Now: nullTime(&now), Lim: int32(limit)})
	if err != nil {
		return nil, wrap(err, "find due job tasks")
	}
	out := make([]*ats.JobTask, len(rows))
	for i, r := range rows {
		out[i] = jobTaskFromRow(r)
	}
	return out, nil
}

// SaveJobTaskCheck records a check of jt unless the job's task was
// replaced since it was read.
func (t *tx) SaveJobTaskCheck(jt *ats.JobTask) (bool, error) {
	n, err := t.q.UpdateJobTaskCheck(t.ctx, dbq.UpdateJobTaskCheckParams{Status: jt.Status, Message: jt.Message,
		JobPosting: jt.JobPosting, CheckAt: nullTime(jt.CheckAt), CheckedAt: nullTime(jt.CheckedAt),
		JobID: jt.JobID, TaskUrn: jt.TaskURN})
	if err != nil {
		return false, wrap(err, "save job task check")
	}
	return n == 1, nil
}

// FindJobTask returns the job's last task, or ENOTFOUND.
func (t *tx) FindJobTask(jobID string) (*ats.JobTask, error) {
	row, err := t.q.GetJobTask(t.ctx, jobID)
	if err != nil {
		return nil, lookup(err, "LinkedIn job task", "find job task")
	}
	return jobTaskFromRow(row), nil
}

func jobTaskFromRow(r dbq.LinkedinJobTask) *ats.JobTask {
	return &ats.JobTask{JobID: r.JobID, TaskURN: r.TaskUrn, SubmittedAt: r.SubmittedAt.UTC(),
		CheckAt: timePtr(r.CheckAt), Status: r.Status, Message: r.Message, JobPosting: r.JobPosting,
		CheckedAt: timePtr(r.CheckedAt)}
}
