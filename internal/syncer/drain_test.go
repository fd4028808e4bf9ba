package syncer

import (
	"context"
	"strings"
	"testing"
	"time"

	"attractor/internal/ats"
)

// TestDrainOutcomes drives the drainer through what LinkedIn can answer:
// a refusal (listed, then fixed and retried by an admin), an outage
// (deferred with backoff, then sent), a 429 (snoozed, then sent) and
// rejected credentials (paused with the rows kept).
func TestDrainOutcomes(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e engine) {
		sim := startSim(t)
		en := newEnv(t, e, sim, sim.enableChild(t), nil)
		w := buildWorld(t, en, 10)
		en.s.retryBase = 300 * time.Millisecond
		must(t, en.s.StartHistorical(context.Background()))
		en.start()
		waitFor(t, "historical sync", func() bool { return en.progress().State == ats.SyncDone })

		t.Run("RefusedThenFixed", func(t *testing.T) { testRefused(t, w) })
		t.Run("OutageDeferred", func(t *testing.T) { testOutage(t, w) })
		t.Run("ThrottledSnoozed", func(t *testing.T) { testThrottled(t, w) })
		t.Run("BadCredentialsPause", func(t *testing.T) { testBadCredentials(t, w) })
	})
}

// drained kicks the drainer and waits for an empty outbox.
func (w *world) drained(t *testing.T) remote {
	t.Helper()
	w.en.s.Kick()
	waitFor(t, "outbox drained", func() bool { return w.en.outboxLen() == 0 })
	return w.en.sim.snapshot(t, w.en.app.simID)
}

// rename edits a candidate's first name, which queues it.
func (w *world) rename(t *testing.T, c *ats.Candidate, name string) {
	t.Helper()
	_, err := w.en.svc.UpdateCandidate(w.rec, c.ID, ats.CandidateUpdate{FirstName: &name})
	must(t, err)
}

// outboxRow returns the queued row of an entity, if any.
func (w *world) outboxRow(t *testing.T, kind ats.EntityKind, id string) *ats.OutboxEntry {
	t.Helper()
	var rows []ats.OutboxEntry
	must(t, w.en.store.View(context.Background(), func(tx ats.Tx) (err error) {
		rows, err = tx.FindOutbox()
		return err
	}))
	for _, r := range rows {
		if r.EntityKind == kind && r.EntityID == id {
			return &r
		}
	}
	return nil
}

// testRefused: LinkedIn requires candidateEmail on an application, so an
// application of a candidate without email is refused and listed (its
// stage history, refused for want of its parent, is retried meanwhile);
// once the candidate has an email, an admin's retry sends it all.
func testRefused(t *testing.T, w *world) {
	svc, en := w.en.svc, w.en
	c, err := svc.CreateCandidate(w.rec, &ats.Candidate{FirstName: "No", LastName: "Mail"})
	must(t, err)
	a, err := svc.CreateApplication(w.rec, ats.ApplicationInput{CandidateID: c.ID, JobID: w.jobs[0].ID})
	must(t, err)
	en.s.Kick()
	waitFor(t, "the refusal listed", func() bool { return len(en.failures()) > 0 })
	fs := en.failures()
	if len(fs) != 1 || fs[0].EntityID != a.ID || fs[0].Status != 422 || !strings.Contains(fs[0].Message, "candidateEmail") {
		t.Fatalf("failures = %+v, want the application refused for its candidateEmail", *fs[0])
	}
	if row := w.outboxRow(t, ats.EntityStage, a.ID); row == nil {
		t.Error("the refused application's stages are not waiting for a retry")
	}
	email := "no.mail@example.com"
	_, err = svc.UpdateCandidate(w.rec, c.ID, ats.CandidateUpdate{Email: &email})
	must(t, err)
	must(t, en.store.Update(context.Background(), func(tx ats.Tx) error {
		_, err := tx.RetrySyncFailures()
		return err
	}))
	r := w.drained(t)
	if _, ok := r["candidate/"+c.ID]; !ok {
		t.Error("candidate not sent")
	}
	if got := r.field(t, "application/"+a.ID, "candidateEmail"); got != email {
		t.Errorf("candidateEmail = %v, want %s", got, email)
	}
	if n := r.count("stage/" + a.ID + "/"); n != 1 {
		t.Errorf("%d stages sent, want 1", n)
	}
	if fs := en.failures(); len(fs) != 0 {
		t.Errorf("failures after the retry = %+v, want none", *fs[0])
	}
}

// testOutage: every call fails; the row is deferred with growing
// attempts, and sent once LinkedIn is back, without waiting for a kick.
func testOutage(t *testing.T, w *world) {
	c := w.cands[2]
	w.en.sim.control(t, "PUT", "/sim/v1/faults", `{"errorRate":1}`)
	w.rename(t, c, "Outage")
	w.en.s.Kick()
	waitFor(t, "two failed attempts", func() bool {
		row := w.outboxRow(t, ats.EntityCandidate, c.ID)
		return row != nil && row.Attempts >= 2
	})
	w.en.sim.control(t, "PUT", "/sim/v1/faults", `{}`)
	waitFor(t, "outbox drained", func() bool { return w.en.outboxLen() == 0 })
	r := w.en.sim.snapshot(t, w.en.app.simID)
	if got := r.field(t, "candidate/"+c.ID, "firstName"); got != "Outage" {
		t.Errorf("firstName = %v", got)
	}
	if fs := w.en.failures(); len(fs) != 0 {
		t.Errorf("failures = %+v, want none", fs)
	}
}

// testThrottled: a 429 snoozes the drain for LinkedIn's Retry-After.
func testThrottled(t *testing.T, w *world) {
	c := w.cands[3]
	w.en.sim.control(t, "PUT", "/sim/v1/faults", `{"burst429Calls":1,"burst429RetryAfterSeconds":1}`)
	w.rename(t, c, "Throttled")
	r := w.drained(t)
	if got := r.field(t, "candidate/"+c.ID, "firstName"); got != "Throttled" {
		t.Errorf("firstName = %v", got)
	}
	if row := w.outboxRow(t, ats.EntityCandidate, c.ID); row != nil {
		t.Errorf("row left: %+v", row)
	}
}

// testBadCredentials: with a secret LinkedIn rejects, nothing is sent
// and the rows stay queued, unlisted; with the right one they go.
func testBadCredentials(t *testing.T, w *world) {
	en, c := w.en, w.cands[4]
	setSecret := func(secret string) {
		must(t, en.store.Update(context.Background(), func(tx ats.Tx) error {
			in, err := tx.FindIntegration()
			if err != nil {
				return err
			}
			in.ClientSecret = secret
			return tx.SaveIntegration(in)
		}))
	}
	setSecret("wrong")
	w.rename(t, c, "Paused")
	_, err := en.s.drain(context.Background()) // ends quietly
	must(t, err)
	if row := w.outboxRow(t, ats.EntityCandidate, c.ID); row == nil || row.Attempts != 0 {
		t.Errorf("row = %+v, want it queued with no attempt used", row)
	}
	after := en.sim.snapshot(t, en.app.simID)
	if got := after.field(t, "candidate/"+c.ID, "firstName"); got == "Paused" {
		t.Error("sent with a rejected secret")
	}
	if fs := en.failures(); len(fs) != 0 {
		t.Errorf("failures = %+v, want none", fs)
	}
	setSecret(en.app.secret)
	r := w.drained(t)
	if got := r.field(t, "candidate/"+c.ID, "firstName"); got != "Paused" {
		t.Errorf("firstName = %v", got)
	}
}
