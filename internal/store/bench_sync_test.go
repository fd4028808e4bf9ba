package store_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"attractor/internal/ats"
	"attractor/internal/sqldb"
	"attractor/internal/store"
	"attractor/internal/store/storetest"
)

// benchSyncCandidates is the size of the historical-sync read benchmark:
// each candidate has one application (every third still in Prospect) with
// a phase entry, a note and feedback, about 100,000 records in all.
const benchSyncCandidates = 20_000

// BenchmarkSyncRead measures the store's half of a historical sync on
// SQLite: reading every kind in SyncOrder with pages of 1,000, reporting
// records read per second. The sync engine's budget is 20,000 records/s
// end to end, so the reads must be well above it.
func BenchmarkSyncRead(b *testing.B) {
	s := storetest.OpenSQLite(b, nil)
	seedSync(b, s)
	ctx := context.Background()
	b.ResetTimer()
	records := 0
	for b.Loop() {
		err := s.View(ctx, func(tx ats.Tx) error {
			n, err := readAllKinds(tx)
			records += n
			return err
		})
		if err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(records)/b.Elapsed().Seconds(), "records/s")
	start := time.Now()
	if err := s.View(ctx, func(tx ats.Tx) error { _, err := tx.CountSyncable(); return err }); err != nil {
		b.Fatal(err)
	}
	b.Logf("CountSyncable took %v", time.Since(start))
}

func readAllKinds(tx ats.Tx) (int, error) {
	total := 0
	for _, read := range []func(after string) (string, int, error){
		pager(tx.SyncJobs, func(x ats.SyncJob) string { return x.Job.ID }),
		pager(tx.SyncCandidates, func(x ats.SyncCandidate) string { return x.Candidate.ID }),
		pager(tx.SyncApplications, func(x ats.SyncApplication) string { return x.Application.ID }),
		pager(tx.SyncStages, func(x ats.SyncStages) string { return x.ApplicationID }),
		pager(tx.SyncNotes, func(x ats.SyncNote) string { return x.Note.ID }),
		pager(tx.SyncFeedback, func(x ats.SyncFeedback) string { return x.Feedback.ID }),
		pager(tx.SyncTeams, func(x ats.SyncTeam) string { return x.JobID }),
	} {
		for after := ""; ; {
			last, n, err := read(after)
			if err != nil {
				return 0, err
			}
			total += n
			if n < 1000 {
				break
			}
			after = last
		}
	}
	return total, nil
}

func pager[T any](read func(after, only string, limit int) ([]T, error), id func(T) string) func(string) (string, int, error) {
	return func(after string) (string, int, error) {
		page, err := read(after, "", 1000)
		if err != nil || len(page) == 0 {
			return "", 0, err
		}
		return id(page[len(page)-1]), len(page), nil
	}
}

func seedSync(b *testing.B, s *store.Store) {
	b.Helper()
	start := time.Now()
	err := s.Update(context.Background(), func(tx ats.Tx) error {
		j := &ats.Job{Number: "J-1", Title: "Go", EmploymentType: ats.EmploymentFullTime, Openings: 1,
			Availability: ats.AvailabilityPrivate, Status: ats.JobActive}
		phases := ats.DefaultPhases()
		if err := tx.CreateJob(j, phases, nil); err != nil {
			return err
		}
		for i := range benchSyncCandidates {
			if err := seedCandidate(tx, j, phases[i%3%2], i); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	b.Logf("seeded %d candidates in %v (%s)", benchSyncCandidates, time.Since(start), sqldb.SQLite)
}

func seedCandidate(tx ats.Tx, j *ats.Job, ph ats.Phase, i int) error {
	email := fmt.Sprintf("c%d@example.com", i)
	c := &ats.Candidate{Number: fmt.Sprintf("C-%d", i), FirstName: "C", LastName: fmt.Sprint(i), Email: email,
		OtherEmails: []string{}, Phones: []string{}, SearchKey: email}
	if err := tx.CreateCandidate(c); err != nil {
		return err
	}
	a := &ats.Application{CandidateID: c.ID, JobID: j.ID, PhaseID: ph.ID, Status: ats.AppActive}
	if err := tx.CreateApplication(a); err != nil {
		return err
	}
	if err := tx.AddPhaseEntry(&ats.PhaseEntry{ApplicationID: a.ID, PhaseID: ph.ID}); err != nil {
		return err
	}
	if err := tx.CreateNote(&ats.Note{SubjectKind: ats.SubjectApplication, SubjectID: a.ID, Text: "n"}); err != nil {
		return err
	}
	return tx.CreateFeedback(&ats.Feedback{ApplicationID: a.ID, InterviewType: ats.InterviewOther, Recommendation: ats.RecYes})
}
