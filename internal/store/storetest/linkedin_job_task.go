package storetest

import (
	"testing"
	"time"

	"attractor/internal/ats"
)

// testJobTasks covers the tasks LinkedIn answers job records with: a new
// task replaces the job's last one but keeps its job posting, due tasks
// come most overdue first, a check of a replaced task changes nothing,
// and a settled task is no longer due.
func testJobTasks(open OpenFunc) func(*testing.T) {
	return func(t *testing.T) {
		e := setup(t, open)
		at := func(min int) time.Time { return utc(baseTime.Add(time.Duration(min) * time.Minute)) }
		e.update(t, func(tx ats.Tx) error {
			_, err := tx.FindJobTask("job-a")
			wantCode(t, err, ats.ENOTFOUND)
			check(t, tx.SaveJobTask("job-a", "urn:li:simpleJobPostingTask:a1", at(5)))
			return tx.SaveJobTask("job-b", "urn:li:simpleJobPostingTask:"+hostile[4], at(3))
		})
		wantDueTasks(t, e, at(4), "job-b")
		wantDueTasks(t, e, at(5), "job-b", "job-a")

		// The check of a-1 lands; the job's next record gets a new task.
		settled := at(6)
		e.update(t, func(tx ats.Tx) error {
			ok, err := tx.SaveJobTaskCheck(&ats.JobTask{JobID: "job-a", TaskURN: "urn:li:simpleJobPostingTask:a1",
				Status: "SUCCEEDED", JobPosting: "urn:li:jobPosting:7", CheckedAt: &settled})
			diff(t, "first check saved", ok, true)
			return err
		})
		wantDueTasks(t, e, at(60), "job-b")
		e.clock.Set(at(7))
		e.update(t, func(tx ats.Tx) error {
			return tx.SaveJobTask("job-a", "urn:li:simpleJobPostingTask:a2", at(12))
		})
		// A late check of the replaced task must not overwrite the new one.
		e.update(t, func(tx ats.Tx) error {
			ok, err := tx.SaveJobTaskCheck(&ats.JobTask{JobID: "job-a", TaskURN: "urn:li:simpleJobPostingTask:a1",
				Status: "FAILED", Message: "stale", CheckedAt: &settled})
			diff(t, "stale check saved", ok, false)
			return err
		})
		check12 := at(12)
		e.view(t, func(tx ats.Tx) error {
			got, err := tx.FindJobTask("job-a")
			check(t, err)
			diff(t, "replaced task", got, &ats.JobTask{JobID: "job-a", TaskURN: "urn:li:simpleJobPostingTask:a2",
				SubmittedAt: at(7), CheckAt: &check12, Status: ats.JobTaskInProgress, JobPosting: "urn:li:jobPosting:7",
				CheckedAt: &settled})
			return nil
		})
		// A failed check keeps the posting and records LinkedIn's message.
		e.update(t, func(tx ats.Tx) error {
			ok, err := tx.SaveJobTaskCheck(&ats.JobTask{JobID: "job-a", TaskURN: "urn:li:simpleJobPostingTask:a2",
				Status: "FAILED", Message: hostile[0], CheckedAt: &check12})
			diff(t, "second check saved", ok, true)
			return err
		})
		e.view(t, func(tx ats.Tx) error {
			got, err := tx.FindJobTask("job-a")
			check(t, err)
			diff(t, "failed task", []string{got.Status, got.Message, got.JobPosting}, []string{"FAILED", hostile[0], "urn:li:jobPosting:7"})
			return nil
		})
		wantDueTasks(t, e, at(60), "job-b")
	}
}

// wantDueTasks checks which jobs' tasks are due at now, in order.
func wantDueTasks(t *testing.T, e *env, now time.Time, jobs ...string) {
	t.Helper()
	e.view(t, func(tx ats.Tx) error {
		due, err := tx.FindDueJobTasks(now, 10)
		check(t, err)
		got := []string{}
		for _, d := range due {
			got = append(got, d.JobID)
		}
		diff(t, "due job tasks", got, append([]string{}, jobs...))
		return nil
	})
}
