package seed_test

import (
	"context"
	"testing"

	"attractor/internal/ats"
	"attractor/internal/seed"
	"attractor/internal/sqldb"
	"attractor/internal/sqldb/sqldbtest"
	"attractor/internal/store"
)

// TestATS seeds a small world and checks, through the service, that it
// holds what World reports: every job (drafts, private and closed among
// them), every candidate, and the applications with their prospects.
func TestATS(t *testing.T) {
	ctx := context.Background()
	svc := ats.NewService(store.New(sqldbtest.OpenSQLite(t, store.MigrationsFor(sqldb.SQLite)), sqldb.UTCNow))
	if err := svc.EnsureDefaultTemplate(ctx); err != nil {
		t.Fatal(err)
	}
	w, err := seed.ATS(ctx, svc, seed.Sizes{Jobs: 20, Candidates: 50, Applications: 100, Notes: 30, Feedback: 20, Workers: 2, Seed: 7})
	if err != nil {
		t.Fatal(err)
	}
	rec := ats.NewContextWithUser(ctx, w.Recruiter)
	statuses := map[ats.JobStatus]int{}
	private := 0
	for _, j := range w.Jobs {
		statuses[j.Status]++
		if j.Availability == ats.AvailabilityPrivate {
			private++
		}
	}
	if statuses[ats.JobDraft] != 1 || statuses[ats.JobClosed] != 2 || private != 4 {
		t.Errorf("job statuses %v, private %d; want 1 draft, 2 closed, 4 private", statuses, private)
	}
	_, total, err := svc.FindCandidates(rec, ats.CandidateFilter{Page: ats.Page{Limit: 1}})
	if err != nil || total != 50 {
		t.Errorf("candidates = %d, %v; want 50", total, err)
	}
	apps, prospects := 0, 0
	for _, c := range w.Candidates {
		list, n, err := svc.FindCandidateApplications(rec, c.ID, ats.Page{Limit: 100})
		if err != nil {
			t.Fatal(err)
		}
		apps += n
		for _, a := range list {
			if a.PhaseKind == ats.PhaseProspect {
				prospects++
			}
		}
	}
	if apps != w.Applications || apps != 100 || prospects != w.Prospects || prospects == 0 {
		t.Errorf("applications %d (world %d), prospects %d (world %d)", apps, w.Applications, prospects, w.Prospects)
	}
}
