package simstore_test

import (
	"testing"
	"time"

	"attractor/internal/linkedinsim"
	"attractor/internal/linkedinsim/simstore"
	"attractor/internal/linkedinsim/simstore/simstoretest"
	"attractor/internal/sqldb"
	"attractor/internal/sqldb/sqldbtest"
)

// TestSQLite runs the conformance suite on SQLite, always.
func TestSQLite(t *testing.T) {
	t.Log("engine=sqlite")
	simstoretest.Run(t, func(t *testing.T, now func() time.Time) linkedinsim.Store {
		return simstore.New(sqldbtest.OpenSQLite(t, simstore.MigrationsFor(sqldb.SQLite)), now)
	})
}

// TestPostgres runs the conformance suite on PostgreSQL when
// ATTRACTOR_TEST_POSTGRES is set (it must be under CI).
func TestPostgres(t *testing.T) {
	sqldbtest.PostgresURL(t)
	t.Log("engine=postgres")
	simstoretest.Run(t, func(t *testing.T, now func() time.Time) linkedinsim.Store {
		return simstore.New(sqldbtest.OpenPostgres(t, simstore.MigrationsFor(sqldb.Postgres)), now)
	})
}
