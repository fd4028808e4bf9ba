package syncer

import (
	"context"
	"fmt"
	"net/http"
	"time"

	"attractor/internal/ats"
	"attractor/internal/rsc"
)

// LinkedIn posts a job asynchronously: each job record it takes (create,
// update, close) is answered with a task, which partners are to check a
// few minutes later, at least five, for SUCCEEDED, or for FAILED with an
// error when the job was not posted or did not pass validation
// (rsc-api.md §3.5). The ATS keeps each job's last task (ats.JobTask),
// and a periodic queue task checks those due, up to 100 per call. A
// failed task is listed with the sync failures under LinkedIn's message,
// so an admin sees it and can send the job again once it is fixed; a
// task still in progress is checked again later; a task LinkedIn no
// longer knows (tasks live 24 hours to 30 days) ends the checks.

// TaskJobTasks is the queue task that checks due job tasks.
const TaskJobTasks = "linkedin.jobtasks"

// defaultJobTaskCheck is Config.JobTaskCheck's default: LinkedIn's advice
// to check no sooner than five minutes after the submit.
const defaultJobTaskCheck = 5 * time.Minute

// jobTaskLifetime is how long LinkedIn keeps a task at most; a task it
// still reports in a status the ATS does not know is not asked about
// past it.
const jobTaskLifetime = 30 * 24 * time.Hour

// maxTaskMessage bounds LinkedIn's message kept in a failure.
const maxTaskMessage = 1000

// taskCheckAt is when a task submitted (or last checked) at now is checked
// next.
func (s *Syncer) taskCheckAt(now time.Time) time.Time { return now.Add(s.cfg.JobTaskCheck) }

// saveJobTask records the task of a job record LinkedIn took.
func saveJobTask(tx ats.Tx, u *unit, checkAt time.Time) error {
	p := jobPart(u)
	if p == nil || p.created == "" {
		return nil
	}
	return tx.SaveJobTask(u.entry.EntityID, p.created, checkAt)
}

// handleJobTasks is the periodic check of due job tasks, while the
// integration is enabled.
func (s *Syncer) handleJobTasks(ctx context.Context, _ []byte) error {
	in, err := s.loadIntegration(ctx)
	if err != nil {
		return err
	}
	if in.Stage != ats.StageEnabled {
		return nil
	}
	cl := s.child(in)
	deadline := s.now().Add(taskSlice)
	for !s.sliceOver(deadline) {
		n, err := s.checkJobTasks(ctx, cl)
		if err != nil {
			return s.stopped(ctx, "check job tasks", err)
		}
		if n < maxBatch {
			return nil
		}
	}
	return nil
}

// checkJobTasks checks one batch of due tasks and returns its size.
func (s *Syncer) checkJobTasks(ctx context.Context, cl *rsc.Client) (int, error) {
	var due []*ats.JobTask
	now := s.now()
	err := s.store.View(ctx, func(tx ats.Tx) (err error) {
		due, err = tx.FindDueJobTasks(now, maxBatch)
		return err
	})
	if err != nil || len(due) == 0 {
		return 0, err
	}
	urns := make([]string, len(due))
	for i, t := range due {
		urns[i] = t.TaskURN
	}
	got, err := cl.JobTasks(ctx, urns)
	if err != nil {
		return 0, err
	}
	checked := s.now()
	err = s.store.Update(context.WithoutCancel(ctx), func(tx ats.Tx) error {
		for i, t := range due {
			if err := s.settleJobTask(tx, *t, got[i], checked); err != nil {
				return err
			}
		}
		return nil
	})
	return len(due), err
}

// settleJobTask records what LinkedIn said of task t at now and lists a
// failure, unless the job's task was replaced since it was read.
func (s *Syncer) settleJobTask(tx ats.Tx, t ats.JobTask, g rsc.Got[rsc.JobTask], now time.Time) error {
	next := s.taskCheckAt(now)
	t.CheckedAt, t.CheckAt = &now, nil
	failed := false
	switch {
	case g.Err != nil && g.Err.Status == http.StatusNotFound, now.Sub(t.SubmittedAt) > jobTaskLifetime:
		t.Status = ats.JobTaskExpired
	case g.Err != nil || g.Value == nil:
		t.CheckAt = &next // LinkedIn could not say this time
	case g.Value.Failed():
		t.Status, t.Message, failed = g.Value.Status, taskMessage(g.Value), true
	case g.Value.Status == rsc.TaskSucceeded || g.Value.Status == rsc.TaskProcessed:
		t.Status, t.Message, t.JobPosting = g.Value.Status, "", g.Value.JobPosting
	default: // IN_PROGRESS, or a status not documented yet
		t.Status, t.CheckAt = g.Value.Status, &next
	}
	current, err := tx.SaveJobTaskCheck(&t)
	if err != nil || !current || !failed {
		return err
	}
	return s.listJobTaskFailure(tx, t)
}

// listJobTaskFailure lists a job LinkedIn did not post with the sync
// failures, as an upsert to send again, or as the close of a job deleted
// here since.
func (s *Syncer) listJobTaskFailure(tx ats.Tx, t ats.JobTask) error {
	op := ats.OutboxUpsert
	if _, err := tx.FindJobByID(t.JobID); ats.ErrorCode(err) == ats.ENOTFOUND {
		op = ats.OutboxDelete
	} else if err != nil {
		return err
	}
	msg := "LinkedIn did not post the job: " + t.Message
	return tx.FailOutbox(ats.OutboxEntry{EntityKind: ats.EntityJob, EntityID: t.JobID, Op: op},
		http.StatusUnprocessableEntity, msg)
}

// taskMessage is LinkedIn's reason for a failed task, bounded.
func taskMessage(t *rsc.JobTask) string {
	msg := fmt.Sprintf("task %s with no reason given", t.Status)
	if t.Error != nil && t.Error.Message != "" {
		msg = t.Error.Message
	}
	if r := []rune(msg); len(r) > maxTaskMessage {
		msg = string(r[:maxTaskMessage]) + "…"
	}
	return msg
}
