// Package sqldbtest opens isolated, migrated databases for tests, so every
// storage test can run against SQLite always and PostgreSQL when available.
package sqldbtest

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"testing"

	"attractor/internal/sqldb"
)

// postgresEnv names the variable holding the URL of a PostgreSQL database
// that tests may create schemas in.
const postgresEnv = "ATTRACTOR_TEST_POSTGRES"

// OpenSQLite opens a fresh SQLite database in tb.TempDir(), migrated with
// migrations, and closes it on cleanup. A file rather than :memory: is used
// because the writer and readers are separate connections.
func OpenSQLite(tb testing.TB, migrations fs.FS) *sqldb.DB {
	tb.Helper()
	path := filepath.Join(tb.TempDir(), "test.db")
	return openMigrated(tb, "sqlite:"+path, migrations)
}

// PostgresURL returns the test PostgreSQL URL from ATTRACTOR_TEST_POSTGRES.
// When it is unset the test is skipped, except under CI, where a silently
// skipped engine would hide failures, so the test fails instead.
func PostgresURL(tb testing.TB) string {
	tb.Helper()
	u := os.Getenv(postgresEnv)
	if u != "" {
		return u
	}
	if os.Getenv("CI") == "true" {
		tb.Fatal(postgresEnv + " must be set under CI")
	}
	tb.Skip(postgresEnv + " is not set; skipping PostgreSQL test")
	return ""
}

// OpenPostgres creates a fresh schema in the ATTRACTOR_TEST_POSTGRES database,
// opens a DB whose search_path is that schema followed by public (where
// extensions such as pg_trgm live), migrates it, and drops the schema on
// cleanup. Each test gets its own schema, so tests can run in parallel.
//
// Migrations must create extensions WITH SCHEMA public: a plain CREATE
// EXTENSION lands in the test schema and vanishes when that schema is dropped.
func OpenPostgres(tb testing.TB, migrations fs.FS) *sqldb.DB {
	tb.Helper()
	return openMigrated(tb, NewPostgresURL(tb), migrations)
}

// NewPostgresURL creates a fresh, empty schema as OpenPostgres does and
// returns a URL whose search_path is that schema followed by public, for
// tests that hand a database URL to a whole program (run, serve).
func NewPostgresURL(tb testing.TB) string {
	tb.Helper()
	base := PostgresURL(tb)
	schema := "t_" + randomHex(tb)
	admin := open(tb, base)
	exec(tb, admin, "CREATE SCHEMA "+schema)
	tb.Cleanup(func() {
		exec(tb, admin, "DROP SCHEMA "+schema+" CASCADE")
	})
	return withSearchPath(tb, base, schema+",public")
}

// openMigrated opens dbURL, closes it on cleanup and applies migrations.
func openMigrated(tb testing.TB, dbURL string, migrations fs.FS) *sqldb.DB {
	tb.Helper()
	db := open(tb, dbURL)
	if err := sqldb.Migrate(context.Background(), db, migrations); err != nil {
		tb.Fatalf("migrate: %v", err)
	}
	return db
}

// open opens dbURL and registers its Close as a cleanup.
func open(tb testing.TB, dbURL string) *sqldb.DB {
	tb.Helper()
	db, err := sqldb.Open(context.Background(), dbURL)
	if err != nil {
		tb.Fatalf("open test database: %v", err)
	}
	tb.Cleanup(func() {
		if err := db.Close(); err != nil {
			tb.Errorf("close test database: %v", err)
		}
	})
	return db
}

// exec runs a statement that must succeed. It uses a background context
// because cleanups run after the test's context is cancelled.
func exec(tb testing.TB, db *sqldb.DB, stmt string) {
	tb.Helper()
	if _, err := db.Write.ExecContext(context.Background(), stmt); err != nil {
		tb.Fatalf("%s: %v", stmt, err)
	}
}

// withSearchPath adds search_path to the URL's query; pgx turns unknown
// query parameters into connection RuntimeParams, so every pooled connection
// starts with it.
func withSearchPath(tb testing.TB, base, searchPath string) string {
	tb.Helper()
	u, err := url.Parse(base)
	if err != nil {
		tb.Fatalf("parse %s: %v", postgresEnv, err)
	}
	q := u.Query()
	q.Set("search_path", searchPath)
	u.RawQuery = q.Encode()
	return u.String()
}

// randomHex returns 16 random hex digits for a collision-free schema name.
func randomHex(tb testing.TB) string {
	tb.Helper()
	b := make([]byte, 8)
	if _, err := rand.Read(b); err != nil {
		tb.Fatalf("random schema name: %v", err)
	}
	return hex.EncodeToString(b)
}
