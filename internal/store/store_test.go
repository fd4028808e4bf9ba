package store_test

import (
	"context"
	"io/fs"
	"slices"
	"testing"
	"time"

	"attractor/internal/ats"
	"attractor/internal/sqldb"
	"attractor/internal/sqldb/sqldbtest"
	"attractor/internal/store"
	"attractor/internal/store/storetest"
)

// TestSQLite runs the conformance suite on SQLite, always.
func TestSQLite(t *testing.T) {
	t.Log("engine=sqlite")
	storetest.Run(t, func(t *testing.T, now func() time.Time) storetest.Env {
		s := store.New(sqldbtest.OpenSQLite(t, store.MigrationsFor(sqldb.SQLite)), now)
		return storetest.Env{Store: s, Sessions: s.Sessions()}
	})
}

// TestPostgres runs the conformance suite on PostgreSQL when
// ATTRACTOR_TEST_POSTGRES is set (it must be under CI).
func TestPostgres(t *testing.T) {
	sqldbtest.PostgresURL(t)
	t.Log("engine=postgres")
	// Migrate one schema before the parallel tests start, so a fresh
	// database gets pg_trgm once rather than in racing transactions.
	sqldbtest.OpenPostgres(t, store.MigrationsFor(sqldb.Postgres))
	storetest.Run(t, func(t *testing.T, now func() time.Time) storetest.Env {
		s := store.New(sqldbtest.OpenPostgres(t, store.MigrationsFor(sqldb.Postgres)), now)
		return storetest.Env{Store: s, Sessions: s.Sessions()}
	})
}

// TestMigrationSets checks that each engine's set is the core schema plus
// its own steps, seen by goose as one flat directory.
func TestMigrationSets(t *testing.T) {
	for engine, want := range map[sqldb.Engine][]string{
		sqldb.SQLite: {"00001_core.sql", "00002_search.sql", "00003_linkedin.sql", "00004_sync_ahead.sql",
			"00005_linkedin_job_tasks.sql"},
		sqldb.Postgres: {"00001_core.sql", "00002_search.sql", "00003_linkedin.sql", "00004_sync_ahead.sql",
			"00005_linkedin_job_tasks.sql"},
	} {
		got, err := fs.Glob(store.MigrationsFor(engine), "*.sql")
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(got, want) {
			t.Errorf("%s: files %v, want %v", engine, got, want)
		}
		entries, err := fs.ReadDir(store.MigrationsFor(engine), ".")
		if err != nil || len(entries) != len(want) {
			t.Errorf("%s: ReadDir = %d entries, %v; want %d", engine, len(entries), err, len(want))
		}
	}
	core, _ := fs.Glob(store.CoreMigrations(), "*.sql")
	if !slices.Equal(core, []string{"00001_core.sql", "00003_linkedin.sql", "00004_sync_ahead.sql",
		"00005_linkedin_job_tasks.sql"}) {
		t.Errorf("core files %v", core)
	}
}

// TestHealth covers Ping and MigrationsCurrent, and that a SQLite database
// migrated with the core set alone still searches correctly (by scanning)
// while reporting that migrations are pending.
func TestHealth(t *testing.T) {
	ctx := context.Background()
	full := storetest.OpenSQLite(t, nil)
	if err := full.Ping(ctx); err != nil {
		t.Fatal(err)
	}
	if ok, err := full.MigrationsCurrent(ctx); err != nil || !ok {
		t.Errorf("fully migrated: current = %v, %v; want true", ok, err)
	}
	core := store.New(sqldbtest.OpenSQLite(t, store.CoreMigrations()), nil)
	// The engine step (version 2) lies below the core's last version, so
	// goose reports it as a missing out-of-order migration rather than as
	// pending: either way the database must not read as current.
	if ok, err := core.MigrationsCurrent(ctx); err == nil && ok {
		t.Errorf("core only: current = %v, %v; want not current", ok, err)
	}
	err := core.Update(ctx, func(tx ats.Tx) error {
		return tx.CreateCandidate(&ats.Candidate{FirstName: "José", LastName: "Müller", Email: "jm@example.com"})
	})
	if err != nil {
		t.Fatal(err)
	}
	err = core.View(ctx, func(tx ats.Tx) error {
		got, total, err := tx.FindCandidates(ats.CandidateFilter{Query: "mueller"})
		if err == nil && (total != 1 || len(got) != 1) {
			t.Errorf("search without index: %d results, total %d; want 1", len(got), total)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
}
