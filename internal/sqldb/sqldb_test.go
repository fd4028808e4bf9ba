package sqldb_test

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"attractor/internal/sqldb"
	"attractor/internal/sqldb/sqldbtest"
)

// migrations is the tiny schema the tests run against.
var migrations = os.DirFS("testdata/migrations")

// forEachEngine runs fn against a fresh migrated database on SQLite and, when
// ATTRACTOR_TEST_POSTGRES is set, on PostgreSQL.
func forEachEngine(t *testing.T, fn func(t *testing.T, db *sqldb.DB)) {
	t.Helper()
	open := map[sqldb.Engine]func(testing.TB, fs.FS) *sqldb.DB{
		sqldb.SQLite:   sqldbtest.OpenSQLite,
		sqldb.Postgres: sqldbtest.OpenPostgres,
	}
	for engine, openFn := range open {
		t.Run(engine.String(), func(t *testing.T) {
			t.Parallel()
			db := openFn(t, migrations)
			t.Logf("engine=%s", db.Engine)
			fn(t, db)
		})
	}
}

func TestMigrateIsIdempotent(t *testing.T) {
	t.Parallel()
	forEachEngine(t, func(t *testing.T, db *sqldb.DB) {
		if err := sqldb.Migrate(t.Context(), db, migrations); err != nil {
			t.Fatalf("second Migrate: %v", err)
		}
		current, err := sqldb.MigrationsCurrent(t.Context(), db, migrations)
		if err != nil || !current {
			t.Fatalf("MigrationsCurrent = %v, %v; want true, nil", current, err)
		}
	})
}

func TestMigrationsCurrentFalseBeforeMigrate(t *testing.T) {
	t.Parallel()
	ctx := t.Context()
	db, err := sqldb.Open(ctx, "sqlite:"+filepath.Join(t.TempDir(), "sub", "dir", "x.db"))
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	defer db.Close()
	current, err := sqldb.MigrationsCurrent(ctx, db, migrations)
	if err != nil || current {
		t.Fatalf("MigrationsCurrent = %v, %v; want false, nil", current, err)
	}
}

func TestTimeRoundTrip(t *testing.T) {
	t.Parallel()
	zone := time.FixedZone("UTC+2", 2*60*60)
	written := sqldb.UTC(time.Date(2026, 11, 8, 10, 30, 0, 123456789, zone))
	forEachEngine(t, func(t *testing.T, db *sqldb.DB) {
		insertThing(t, db, "a", "a@example.com", written)
		var got time.Time
		err := db.Read.QueryRowContext(t.Context(),
			"SELECT created_at FROM things WHERE id = $1", "a").Scan(&got)
		if err != nil {
			t.Fatalf("select: %v", err)
		}
		if got != written {
			t.Errorf("read back %v (%s), wrote %v", got, got.Location(), written)
		}
	})
}

func TestColumnTypesRoundTrip(t *testing.T) {
	t.Parallel()
	type row struct {
		Payload []byte
		Active  bool
	}
	want := row{Payload: []byte{0, 1, 0xff}, Active: true}
	forEachEngine(t, func(t *testing.T, db *sqldb.DB) {
		_, err := db.Write.ExecContext(t.Context(),
			"INSERT INTO things (id, email, created_at, payload, active) VALUES ($1, $2, $3, $4, $5)",
			"b", "b@example.com", sqldb.UTCNow(), want.Payload, want.Active)
		if err != nil {
			t.Fatalf("insert: %v", err)
		}
		var got row
		err = db.Read.QueryRowContext(t.Context(),
			"SELECT payload, active FROM things WHERE id = $1", "b").Scan(&got.Payload, &got.Active)
		if err != nil {
			t.Fatalf("select: %v", err)
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("row mismatch (-want +got):\n%s", diff)
		}
	})
}

func TestConstraintViolations(t *testing.T) {
	t.Parallel()
	forEachEngine(t, func(t *testing.T, db *sqldb.DB) {
		ctx := t.Context()
		insertThing(t, db, "c", "c@example.com", sqldb.UTCNow())
		dupID := insertThingErr(ctx, db, "c", "other@example.com")
		dupEmail := insertThingErr(ctx, db, "d", "c@example.com")
		_, missingParent := db.Write.ExecContext(ctx,
			"INSERT INTO thing_notes (id, thing_id, body) VALUES ($1, $2, $3)", "n", "nope", "x")
		_, syntax := db.Write.ExecContext(ctx, "INSERT INTO nowhere VALUES (1)")
		_, readOnly := db.Read.ExecContext(ctx, "DELETE FROM things")

		tests := []struct {
			name         string
			err          error
			unique, fkey bool
		}{
			{"duplicate primary key", fmt.Errorf("wrapped: %w", dupID), true, false},
			{"duplicate unique column", dupEmail, true, false},
			{"missing parent", fmt.Errorf("wrapped: %w", missingParent), false, true},
			{"syntax error", syntax, false, false},
			{"plain error", errors.New("unique"), false, false},
			{"nil", nil, false, false},
		}
		if db.Engine == sqldb.SQLite {
			tests = append(tests, struct {
				name         string
				err          error
				unique, fkey bool
			}{"write on reader", readOnly, false, false})
		}
		for _, tt := range tests {
			if got := sqldb.IsUniqueViolation(tt.err); got != tt.unique {
				t.Errorf("%s: IsUniqueViolation(%v) = %v, want %v", tt.name, tt.err, got, tt.unique)
			}
			if got := sqldb.IsForeignKeyViolation(tt.err); got != tt.fkey {
				t.Errorf("%s: IsForeignKeyViolation(%v) = %v, want %v", tt.name, tt.err, got, tt.fkey)
			}
		}
	})
}

// insertThing inserts a row that must succeed.
func insertThing(t *testing.T, db *sqldb.DB, id, email string, created time.Time) {
	t.Helper()
	_, err := db.Write.ExecContext(t.Context(),
		"INSERT INTO things (id, email, created_at) VALUES ($1, $2, $3)", id, email, created)
	if err != nil {
		t.Fatalf("insert %s: %v", id, err)
	}
}

// insertThingErr inserts a row and returns the error, for violation tests.
func insertThingErr(ctx context.Context, db *sqldb.DB, id, email string) error {
	_, err := db.Write.ExecContext(ctx,
		"INSERT INTO things (id, email, created_at) VALUES ($1, $2, $3)", id, email, sqldb.UTCNow())
	return err
}
