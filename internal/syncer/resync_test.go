package syncer

import (
	"bytes"
	"encoding/json"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"attractor/internal/ats"
	"attractor/internal/linkedinsim"
	"attractor/internal/sqldb"

	"github.com/google/go-cmp/cmp"
)

// resyncJobs are an instance's jobs in each status.
type resyncJobs struct {
	active1, active2, draft, closed *ats.Job
}

func (e *liEnv) resyncWorld() resyncJobs {
	e.t.Helper()
	if err := e.svc.EnsureDefaultTemplate(ats.NewContextWithUser(e.ctx, &ats.SystemUser)); err != nil {
		e.t.Fatal(err)
	}
	job := func(title string, activate bool) *ats.Job {
		j, err := e.svc.CreateJob(e.admin, ats.JobInput{Title: title, Location: ats.Location{City: "Oslo"}})
		if err != nil {
			e.t.Fatal(err)
		}
		if activate {
			if j, err = e.svc.ActivateJob(e.admin, j.ID); err != nil {
				e.t.Fatal(err)
			}
		}
		return j
	}
	w := resyncJobs{active1: job("Engineer", true), active2: job("Designer", true), draft: job("Draft", false),
		closed: job("Closed", true)}
	if _, err := e.svc.CloseJob(e.admin, w.closed.ID, ats.CloseCancelled); err != nil {
		e.t.Fatal(err)
	}
	return w
}

// queuedJobs lists the job ids in the outbox.
func (e *liEnv) queuedJobs() []string {
	e.t.Helper()
	var ids []string
	err := e.store.View(e.ctx, func(tx ats.Tx) error {
		rows, err := tx.FindDueOutbox(ats.EntityJob, time.Now().Add(24*time.Hour), 1000)
		for _, r := range rows {
			ids = append(ids, r.EntityID)
		}
		return err
	})
	if err != nil {
		e.t.Fatal(err)
	}
	slices.Sort(ids)
	return ids
}

func (e *liEnv) clearOutbox() {
	e.t.Helper()
	if err := e.store.Update(e.ctx, func(tx ats.Tx) error { return tx.ClearOutboxUpserts() }); err != nil {
		e.t.Fatal(err)
	}
}

// resyncBody is a RESYNC_JOBS body and its signature under the child
// app's secret.
func (e *liEnv) resyncBody(id, app string, all bool, ids ...string) ([]byte, string) {
	body, _ := json.Marshal(map[string]any{"id": id, "type": pushResyncJobs, "developerApplicationUrn": app,
		"syncAllOpenJobs": all, "externalJobPostingIds": append([]string{}, ids...)})
	return body, linkedinsim.SignPush(body, e.integration().ClientSecret)
}

// runNotifications runs the queued notification tasks (not the drains
// the resync kicks: no integration is enabled to send to).
func (e *liEnv) runNotifications() int {
	e.t.Helper()
	n := 0
	for _, task := range e.fq.take() {
		if task.task != TaskNotification {
			continue
		}
		n++
		if err := e.fq.handlers[task.task](e.ctx, task.payload); err != nil {
			e.t.Errorf("task %s(%s) = %v", task.task, task.payload, err)
		}
	}
	return n
}

// TestCallbackResyncJobs: a signed RESYNC_JOBS queues exactly the jobs it
// asks for; another app's, a replay and garbage change nothing.
func TestCallbackResyncJobs(t *testing.T) {
	t.Parallel()
	liEngines(t, func(t *testing.T, engine sqldb.Engine) {
		e := newLIEnv(t, engine, liOptions{fakeQueue: true})
		e.connectAndRequest()
		w := e.resyncWorld()
		e.clearOutbox()
		e.fq.take()
		app := e.integration().AppURN
		deliver := func(body []byte, sig, want string) {
			t.Helper()
			if status, got := e.post(body, sig); status != 200 || got["status"] != want {
				t.Fatalf("resync %s = %d %v, want 200 %s", body, status, got, want)
			}
			e.runNotifications()
		}

		// Another application's resync: ignored, nothing queued.
		before := e.snapshot()
		body, sig := e.resyncBody("r-0", "urn:li:developerApplication:999999", true)
		deliver(body, sig, "queued")
		if diff := cmp.Diff(before, e.snapshot()); diff != "" {
			t.Errorf("another app's resync changed the state (-before +after):\n%s", diff)
		}
		if !strings.Contains(e.logs.String(), "another application's") {
			t.Errorf("no warning about another application; logs:\n%s", e.logs.String())
		}

		// Every open job: the two active ones, neither the draft nor the closed.
		body, sig = e.resyncBody("r-1", app, true)
		deliver(body, sig, "queued")
		if got, want := e.queuedJobs(), sorted(w.active1.ID, w.active2.ID); !slices.Equal(got, want) {
			t.Errorf("syncAllOpenJobs queued %v, want %v", got, want)
		}
		e.clearOutbox()

		// A replay is a duplicate: nothing queued again.
		deliver(body, sig, "duplicate")
		if got := e.queuedJobs(); len(got) != 0 {
			t.Errorf("replay queued %v", got)
		}

		// Listed ids: only those this instance has (a draft was never sent).
		body, sig = e.resyncBody("r-2", app, false, w.active2.ID, w.closed.ID, w.draft.ID, "no-such-job", w.active2.ID)
		deliver(body, sig, "queued")
		if got, want := e.queuedJobs(), sorted(w.active2.ID, w.closed.ID); !slices.Equal(got, want) {
			t.Errorf("listed resync queued %v, want %v", got, want)
		}
		if !strings.Contains(e.logs.String(), "no-such-job") {
			t.Errorf("unknown id not logged; logs:\n%s", e.logs.String())
		}
		e.clearOutbox()

		// Garbage is refused and queues nothing.
		before = e.snapshot()
		sign := func(b []byte) string { return linkedinsim.SignPush(b, before.Integration.ClientSecret) }
		for name, b := range map[string]string{
			"no app":          `{"id":"r-3","type":"RESYNC_JOBS","syncAllOpenJobs":true}`,
			"no jobs":         `{"id":"r-4","type":"RESYNC_JOBS","developerApplicationUrn":"` + app + `"}`,
			"empty id":        `{"id":"r-5","type":"RESYNC_JOBS","developerApplicationUrn":"` + app + `","externalJobPostingIds":[""]}`,
			"ids not strings": `{"id":"r-6","type":"RESYNC_JOBS","developerApplicationUrn":"` + app + `","externalJobPostingIds":[1]}`,
			"no id":           `{"type":"RESYNC_JOBS","developerApplicationUrn":"` + app + `","syncAllOpenJobs":true}`,
		} {
			if status, _ := e.post([]byte(b), sign([]byte(b))); status != 400 {
				t.Errorf("%s: %d, want 400", name, status)
			}
		}
		body, _ = e.resyncBody("r-7", app, true)
		if status, _ := e.post(body, sign(append(body, ' '))); status != 401 {
			t.Errorf("badly signed resync = %d, want 401", status)
		}
		if q := e.fq.take(); len(q) != 0 {
			t.Errorf("refused resyncs queued %+v", q)
		}
		if diff := cmp.Diff(before, e.snapshot()); diff != "" {
			t.Errorf("refused resyncs changed the state (-before +after):\n%s", diff)
		}
	})
}

func sorted(ids ...string) []string {
	ids = slices.Clone(ids)
	slices.Sort(ids)
	return ids
}

// TestResyncJobsEndToEnd: LinkedIn (linkedinsim, over HTTP) asks an
// enabled instance to resync its open jobs; the ATS answers the webhook and
// re-sends them, and the simulator records them UPDATEd within 30 minutes.
func TestResyncJobsEndToEnd(t *testing.T) {
	t.Parallel()
	e := newLIEnv(t, sqldb.SQLite, liOptions{pushes: true})
	e.connectAndRequest()
	e.waitDelivered()
	w := e.resyncWorld()
	e.enable("contract")
	e.waitDelivered()
	e.waitFor("the historical sync to finish", func() bool {
		in := e.integration()
		return in.Stage == ats.StageEnabled && in.Progress.State == ats.SyncDone
	})
	e.waitFor("the outbox to drain", func() bool { return len(e.queuedJobs()) == 0 })
	in := e.integration()
	appID, err := linkedinsim.ParseAppURN(in.AppURN)
	if err != nil {
		t.Fatal(err)
	}

	req, _ := http.NewRequest("POST", e.simURL+"/sim/v1/ats-instances/"+in.AppURN+"/resync-jobs",
		bytes.NewReader([]byte(`{"syncAllOpenJobs":true}`)))
	req.Header.Set("Authorization", "Bearer "+linkedinsim.DefaultControlToken)
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusAccepted {
		t.Fatalf("resync request = %d", resp.StatusCode)
	}
	e.waitDelivered()

	var got linkedinsim.JobResync
	e.waitFor("both open jobs UPDATEd on LinkedIn", func() bool {
		list, err := e.sim.JobResyncs(e.ctx, appID)
		if err != nil || len(list) != 1 {
			t.Fatalf("resyncs = %+v, %v", list, err)
		}
		got = list[0]
		return len(got.Jobs) >= 2
	})
	time.Sleep(200 * time.Millisecond) // let any stray send land before checking "exactly"
	list, err := e.sim.JobResyncs(e.ctx, appID)
	must(t, err)
	got = list[0]
	var ids []string
	for _, j := range got.Jobs {
		ids = append(ids, j.ExternalJobPostingID)
		if j.UpdatedAt.Before(got.RequestedAt) || !j.WithinDeadline {
			t.Errorf("job %s answered at %v for a request at %v, want within 30 minutes", j.ExternalJobPostingID,
				j.UpdatedAt, got.RequestedAt)
		}
	}
	if want := sorted(w.active1.ID, w.active2.ID); !slices.Equal(ids, want) {
		t.Errorf("jobs re-sent = %v, want exactly the open ones %v", ids, want)
	}
	if got.DeliveredAt.IsZero() || !got.SyncAllOpenJobs {
		t.Errorf("resync = %+v, want delivered", got)
	}
}
