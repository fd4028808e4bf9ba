package syncer

import (
	"context"
	"strings"
	"sync"
	"testing"
	"time"

	"attractor/internal/ats"
	"attractor/internal/linkedinsim"
	"attractor/internal/linkedinsim/simstore"
	"attractor/internal/sqldb"
	"attractor/internal/sqldb/sqldbtest"
)

// simClock is a simulator clock the test moves.
type simClock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *simClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *simClock) Add(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}

// TestJobTasks checks the tasks LinkedIn answers job records with: while
// LinkedIn processes the jobs their tasks stay in progress and are asked
// about again; then the posted jobs show their job posting, and the one
// LinkedIn could not post is listed with its message, until an admin's
// retry sends it again and its new task succeeds.
func TestJobTasks(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e engine) {
		clock := &simClock{now: time.Now()}
		sim := startSimOn(t, sqldbtest.OpenSQLite(t, simstore.MigrationsFor(sqldb.SQLite)), clock.Now)
		en := newEnv(t, e, sim, sim.enableChild(t), nil)
		en.s.cfg.JobTaskCheck = 20 * time.Millisecond
		w := buildWorld(t, en, 2)
		bad := w.jobs[1]
		sim.control(t, "PUT", "/sim/v1/faults", `{"failJobTasks":{"`+bad.ID+`":"Job location <b>could not</b> be resolved"}}`)
		must(t, en.s.StartHistorical(context.Background()))
		en.start()
		waitFor(t, "historical sync", func() bool { return en.progress().State == ats.SyncDone })

		// LinkedIn is still processing: each task was asked about and is
		// due again.
		waitFor(t, "tasks checked while in progress", func() bool {
			return en.everyJobTask(t, w, func(jt *ats.JobTask) bool {
				return jt.CheckedAt != nil && jt.Status == ats.JobTaskInProgress && jt.CheckAt != nil
			})
		})
		if fs := en.failures(); len(fs) != 0 {
			t.Fatalf("failures while in progress: %+v", *fs[0])
		}

		clock.Add(linkedinsim.JobTaskDelay)
		waitFor(t, "tasks settled", func() bool {
			return en.everyJobTask(t, w, func(jt *ats.JobTask) bool { return jt.CheckAt == nil })
		})
		for _, j := range w.jobs {
			jt := en.jobTask(t, j.ID)
			switch {
			case j.ID == bad.ID:
				if jt.Status != "FAILED" || jt.JobPosting != "" || !strings.Contains(jt.Message, "<b>could not</b>") {
					t.Errorf("failed job's task = %+v", *jt)
				}
			case jt.Status != "SUCCEEDED" || !strings.HasPrefix(jt.JobPosting, "urn:li:jobPosting:"):
				t.Errorf("job %s task = %+v, want SUCCEEDED with its posting", j.Title, *jt)
			}
		}
		fs := en.failures()
		if len(fs) != 1 || fs[0].EntityID != bad.ID || fs[0].Status != 422 || fs[0].Op != ats.OutboxUpsert ||
			fs[0].Message != "LinkedIn did not post the job: Job location <b>could not</b> be resolved" {
			t.Fatalf("failures = %+v, want the job LinkedIn did not post", fs)
		}

		// The fault was one-shot, as a fix would be: the retried job's new
		// task succeeds and replaces the failed one.
		failed := en.jobTask(t, bad.ID)
		must(t, en.store.Update(context.Background(), func(tx ats.Tx) error {
			_, err := tx.RetrySyncFailures()
			return err
		}))
		en.s.Kick()
		waitFor(t, "the job sent again", func() bool { return en.jobTask(t, bad.ID).TaskURN != failed.TaskURN })
		clock.Add(linkedinsim.JobTaskDelay)
		waitFor(t, "the new task succeeded", func() bool { return en.jobTask(t, bad.ID).Status == "SUCCEEDED" })
		if fs := en.failures(); len(fs) != 0 {
			t.Errorf("failures after the retry = %+v", *fs[0])
		}
	})
}

// jobTask returns the job's last task.
func (en *env) jobTask(t *testing.T, jobID string) *ats.JobTask {
	t.Helper()
	jt, err := en.findJobTask(jobID)
	must(t, err)
	return jt
}

func (en *env) findJobTask(jobID string) (jt *ats.JobTask, err error) {
	err = en.store.View(context.Background(), func(tx ats.Tx) (err error) {
		jt, err = tx.FindJobTask(jobID)
		return err
	})
	return jt, err
}

// everyJobTask reports whether every synced job of w has a task and ok
// holds for each.
func (en *env) everyJobTask(t *testing.T, w *world, ok func(*ats.JobTask) bool) bool {
	t.Helper()
	for _, j := range w.jobs {
		jt, err := en.findJobTask(j.ID)
		if ats.ErrorCode(err) == ats.ENOTFOUND {
			return false
		}
		must(t, err)
		if !ok(jt) {
			return false
		}
	}
	return true
}
