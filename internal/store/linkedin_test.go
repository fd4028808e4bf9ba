package store_test

import (
	"context"
	"errors"
	"testing"

	"attractor/internal/ats"
	"attractor/internal/store/storetest"
)

// TestOnOutbox checks that the drainer is woken after exactly the commits
// that queued outbox rows: not after rollbacks, reads or writes that queue
// nothing.
func TestOnOutbox(t *testing.T) {
	ctx := context.Background()
	s := storetest.OpenSQLite(t, nil)
	calls := 0
	s.OnOutbox(func() { calls++ })
	steps := []struct {
		name string
		fn   func(ats.Tx) error
		want int
	}{
		{"write queueing a row", func(tx ats.Tx) error {
			return tx.CreateCandidate(&ats.Candidate{FirstName: "Ann", LastName: "Lee", Email: "ann@example.com"})
		}, 1},
		{"write queueing nothing", func(tx ats.Tx) error {
			return tx.SaveIntegration(&ats.LinkedInIntegration{Stage: ats.StageProvisioned})
		}, 1},
		{"rolled back", func(tx ats.Tx) error {
			if err := tx.QueueSync(ats.OutboxEntry{EntityKind: ats.EntityJob, EntityID: "j"}); err != nil {
				return err
			}
			return errors.New("boom")
		}, 1},
		{"failure moved out", func(tx ats.Tx) error {
			return tx.FailOutbox(ats.OutboxEntry{EntityKind: ats.EntityJob, EntityID: "j", Op: ats.OutboxUpsert}, 422, "x")
		}, 1},
		{"failures retried", func(tx ats.Tx) error { _, err := tx.RetrySyncFailures(); return err }, 2},
		{"nothing to retry", func(tx ats.Tx) error { _, err := tx.RetrySyncFailures(); return err }, 2},
		{"queue sync", func(tx ats.Tx) error { return tx.QueueSync(ats.OutboxEntry{EntityKind: ats.EntityJob, EntityID: "j"}) }, 3},
	}
	for _, st := range steps {
		_ = s.Update(ctx, st.fn)
		if calls != st.want {
			t.Errorf("after %s: %d calls, want %d", st.name, calls, st.want)
		}
	}
	if err := s.View(ctx, func(tx ats.Tx) error { _, err := tx.FindOutbox(); return err }); err != nil {
		t.Fatal(err)
	}
	if calls != 3 {
		t.Errorf("after a view: %d calls, want 3", calls)
	}
}
