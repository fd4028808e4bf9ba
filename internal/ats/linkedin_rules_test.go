package ats_test

import (
	"context"
	"io/fs"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"

	"attractor/internal/ats"
	"attractor/internal/sqldb"
	"attractor/internal/store"
)

// setupWithStore is setupOn plus a second Store over the same database, so
// a test can set LinkedIn state the Service does not expose and inspect the
// outbox the Service wrote.
func setupWithStore(t *testing.T, engine sqldb.Engine, open func(testing.TB, fs.FS) *sqldb.DB) (*world, *store.Store) {
	t.Helper()
	var db *sqldb.DB
	w := setupOn(t, engine, func(tb testing.TB, m fs.FS) *sqldb.DB {
		db = open(tb, m)
		return db
	})
	return w, store.New(db, sqldb.UTCNow)
}

// TestNewJobDefaultAvailability proves that a job created without an
// availability takes the integration's default, and an explicit one wins.
func TestNewJobDefaultAvailability(t *testing.T) {
	for _, e := range engines {
		t.Run(e.name, func(t *testing.T) {
			w, st := setupWithStore(t, e.engine, e.open)
			create := func(a ats.Availability) ats.Availability {
				t.Helper()
				j, err := w.svc.CreateJob(w.rec, ats.JobInput{Title: "Engineer", Availability: a})
				must(t, err)
				return j.Availability
			}
			got := []ats.Availability{create("")}
			must(t, st.Update(context.Background(), func(tx ats.Tx) error {
				return tx.SaveIntegration(&ats.LinkedInIntegration{Stage: ats.StageEnabled, JobAvailability: ats.AvailabilityPrivate})
			}))
			got = append(got, create(""), create(ats.AvailabilityPublic))
			want := []ats.Availability{ats.AvailabilityPublic, ats.AvailabilityPrivate, ats.AvailabilityPublic}
			if d := cmp.Diff(want, got); d != "" {
				t.Errorf("availabilities (no integration, PRIVATE default, explicit PUBLIC) (-want +got):\n%s", d)
			}
		})
	}
}

// TestLeavingProspectQueuesCandidate proves the Prospect rule's hook: a
// move out of Prospect queues the candidate with their notes and all their
// applications with what hangs off them; a move between later phases does
// not queue the candidate again.
func TestLeavingProspectQueuesCandidate(t *testing.T) {
	for _, e := range engines {
		t.Run(e.name, func(t *testing.T) {
			w, st := setupWithStore(t, e.engine, e.open)
			j, phases := w.activeJob(t)
			c := w.candidate(t, "Ana", "ana@example.com")
			app, err := w.svc.CreateApplication(w.rec, ats.ApplicationInput{CandidateID: c.ID, JobID: j.ID, Prospect: true})
			must(t, err)
			candNote, err := w.svc.CreateCandidateNote(w.rec, c.ID, "Met at a meetup.")
			must(t, err)
			appNote, err := w.svc.CreateApplicationNote(w.rec, app.ID, "Strong Go background.")
			must(t, err)
			clearOutbox(t, st)

			_, err = w.svc.MoveApplication(w.rec, app.ID, phaseOf(phases, ats.PhaseApplication, "").ID)
			must(t, err)
			want := []string{"application/" + app.ID, "candidate/" + c.ID, "note/" + appNote.ID,
				"note/" + candNote.ID, "stage/" + app.ID}
			slices.Sort(want)
			if d := cmp.Diff(want, queued(t, st)); d != "" {
				t.Errorf("queued after leaving Prospect (-want +got):\n%s", d)
			}

			clearOutbox(t, st)
			_, err = w.svc.MoveApplication(w.rec, app.ID, phaseOf(phases, ats.PhaseCustom, "Screen").ID)
			must(t, err)
			want = []string{"application/" + app.ID, "stage/" + app.ID}
			if d := cmp.Diff(want, queued(t, st)); d != "" {
				t.Errorf("queued after a later move (-want +got):\n%s", d)
			}
		})
	}
}

func clearOutbox(t *testing.T, st *store.Store) {
	t.Helper()
	must(t, st.Update(context.Background(), func(tx ats.Tx) error { return tx.ClearOutboxUpserts() }))
}

// queued lists the outbox upserts as kind/id, sorted.
func queued(t *testing.T, st *store.Store) []string {
	t.Helper()
	var out []string
	must(t, st.View(context.Background(), func(tx ats.Tx) error {
		rows, err := tx.FindOutbox()
		for _, r := range rows {
			if r.Op == ats.OutboxUpsert {
				out = append(out, string(r.EntityKind)+"/"+r.EntityID)
			}
		}
		return err
	}))
	slices.Sort(out)
	return out
}

// TestApplicantAfterProspectsQueuesCandidate proves that a new application
// past Prospect, for a candidate whose applications were all prospects,
// queues the candidate with what was held back; a first application does
// not queue the candidate again.
func TestApplicantAfterProspectsQueuesCandidate(t *testing.T) {
	for _, e := range engines {
		t.Run(e.name, func(t *testing.T) {
			w, st := setupWithStore(t, e.engine, e.open)
			j1, _ := w.activeJob(t)
			j2, _ := w.activeJob(t)
			c := w.candidate(t, "Ana", "ana@example.com")
			prospect, err := w.svc.CreateApplication(w.rec, ats.ApplicationInput{CandidateID: c.ID, JobID: j1.ID, Prospect: true})
			must(t, err)
			note, err := w.svc.CreateCandidateNote(w.rec, c.ID, "Met at a meetup.")
			must(t, err)
			clearOutbox(t, st)

			applicant, err := w.svc.CreateApplication(w.rec, ats.ApplicationInput{CandidateID: c.ID, JobID: j2.ID})
			must(t, err)
			want := []string{"application/" + prospect.ID, "application/" + applicant.ID, "candidate/" + c.ID,
				"note/" + note.ID, "stage/" + prospect.ID, "stage/" + applicant.ID}
			slices.Sort(want)
			if d := cmp.Diff(want, queued(t, st)); d != "" {
				t.Errorf("queued after the first application past Prospect (-want +got):\n%s", d)
			}

			fresh := w.candidate(t, "Ben", "ben@example.com")
			clearOutbox(t, st)
			first, err := w.svc.CreateApplication(w.rec, ats.ApplicationInput{CandidateID: fresh.ID, JobID: j1.ID})
			must(t, err)
			want = []string{"application/" + first.ID, "stage/" + first.ID}
			if d := cmp.Diff(want, queued(t, st)); d != "" {
				t.Errorf("queued after a first application (-want +got):\n%s", d)
			}
		})
	}
}
