package storetest

import (
	"testing"

	"attractor/internal/sqldb"
	"attractor/internal/sqldb/sqldbtest"
	"attractor/internal/store"
)

// OpenSQLite returns a Store over a fresh SQLite database in tb's temp
// dir, migrated with the full SQLite set (search index included), for any
// package's tests. now may be nil for the real clock.
func OpenSQLite(tb testing.TB, now sqldb.NowFunc) *store.Store {
	tb.Helper()
	return store.New(sqldbtest.OpenSQLite(tb, store.MigrationsFor(sqldb.SQLite)), now)
}

// OpenPostgres returns a Store over a fresh schema of the
// ATTRACTOR_TEST_POSTGRES database (skipping when it is unset, failing
// under CI), migrated with the full PostgreSQL set.
func OpenPostgres(tb testing.TB, now sqldb.NowFunc) *store.Store {
	tb.Helper()
	return store.New(sqldbtest.OpenPostgres(tb, store.MigrationsFor(sqldb.Postgres)), now)
}
