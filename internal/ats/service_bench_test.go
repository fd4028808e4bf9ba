package ats_test

import (
	"context"
	"fmt"
	"io/fs"
	"sort"
	"testing"
	"time"

	"attractor/internal/ats"
	"attractor/internal/sqldb"
	"attractor/internal/sqldb/sqldbtest"
	"attractor/internal/store"
)

// engines opens a fresh store per engine for benchmarks; PostgreSQL runs
// when ATTRACTOR_TEST_POSTGRES is set.
var engines = []struct {
	name   string
	engine sqldb.Engine
	open   func(testing.TB, fs.FS) *sqldb.DB
}{
	{"sqlite", sqldb.SQLite, sqldbtest.OpenSQLite},
	{"postgres", sqldb.Postgres, sqldbtest.OpenPostgres},
}

// benchWorld is a service with a recruiter and an active job.
func benchWorld(b *testing.B, engine sqldb.Engine, open func(testing.TB, fs.FS) *sqldb.DB) (*ats.Service, context.Context, *ats.Job, []ats.Phase) {
	b.Helper()
	svc := ats.NewService(store.New(open(b, store.MigrationsFor(engine)), sqldb.UTCNow))
	ctx := context.Background()
	if err := svc.EnsureDefaultTemplate(ctx); err != nil {
		b.Fatal(err)
	}
	u, err := svc.CreateUser(ats.NewContextWithUser(ctx, &ats.SystemUser),
		ats.UserInput{Email: "rec@example.com", Name: "Rec", Role: ats.RoleRecruiter, Password: "long-enough-pw"})
	if err != nil {
		b.Fatal(err)
	}
	rec := ats.NewContextWithUser(ctx, u)
	j, err := svc.CreateJob(rec, ats.JobInput{Title: "Benchmark job"})
	if err == nil {
		j, err = svc.ActivateJob(rec, j.ID)
	}
	if err != nil {
		b.Fatal(err)
	}
	phases, err := svc.FindJobPhases(rec, j.ID)
	if err != nil {
		b.Fatal(err)
	}
	return svc, rec, j, phases
}

// reportPercentiles adds p50 and p95 latencies of the timed operations.
func reportPercentiles(b *testing.B, d []time.Duration) {
	sort.Slice(d, func(i, j int) bool { return d[i] < d[j] })
	if len(d) == 0 {
		return
	}
	b.ReportMetric(float64(d[len(d)/2].Microseconds())/1000, "p50-ms")
	b.ReportMetric(float64(d[len(d)*95/100].Microseconds())/1000, "p95-ms")
}

// BenchmarkCandidateCreate measures creating a candidate through the
// service: validation, number, insert, emails, history and outbox in one
// transaction.
func BenchmarkCandidateCreate(b *testing.B) {
	for _, e := range engines {
		b.Run(e.name, func(b *testing.B) {
			svc, rec, _, _ := benchWorld(b, e.engine, e.open)
			var d []time.Duration
			for i := 0; b.Loop(); i++ {
				start := time.Now()
				_, err := svc.CreateCandidate(rec, &ats.Candidate{FirstName: "José", LastName: fmt.Sprintf("Müller-%d", i),
					Email: fmt.Sprintf("jose.%d@example.com", i), Phones: []string{"+49 30 1234567"}})
				if err != nil {
					b.Fatal(err)
				}
				d = append(d, time.Since(start))
			}
			reportPercentiles(b, d)
		})
	}
}

// BenchmarkApplicationMove measures moving an application between two
// phases: permission checks, phase lookup, update, phase entry, history and
// outbox in one transaction.
func BenchmarkApplicationMove(b *testing.B) {
	for _, e := range engines {
		b.Run(e.name, func(b *testing.B) {
			svc, rec, j, phases := benchWorld(b, e.engine, e.open)
			c, err := svc.CreateCandidate(rec, &ats.Candidate{FirstName: "Ana", LastName: "Move", Email: "ana@example.com"})
			if err != nil {
				b.Fatal(err)
			}
			app, err := svc.CreateApplication(rec, ats.ApplicationInput{CandidateID: c.ID, JobID: j.ID})
			if err != nil {
				b.Fatal(err)
			}
			targets := []string{phases[2].ID, phases[3].ID}
			var d []time.Duration
			for i := 0; b.Loop(); i++ {
				start := time.Now()
				if _, err := svc.MoveApplication(rec, app.ID, targets[i%2]); err != nil {
					b.Fatal(err)
				}
				d = append(d, time.Since(start))
			}
			reportPercentiles(b, d)
		})
	}
}
