package store

import (
	"context"
	"embed"
	"io/fs"

	"attractor/internal/sqldb"
)

// migrationFiles holds the portable core schema at the top of migrations/
// and the engine-specific steps in migrations/<engine>/. Version numbers
// are one sequence across all of them.
//
//go:embed migrations/*.sql migrations/sqlite/*.sql migrations/postgres/*.sql
var migrationFiles embed.FS

// CoreMigrations returns the portable core schema: the migrations directory,
// whose top-level *.sql files goose applies and sqlc reads. It lacks the
// per-engine search index; migrate databases with MigrationsFor or Migrate,
// which include it. (A database migrated with this set alone still works:
// search falls back to a scan.)
func CoreMigrations() fs.FS {
	sub, err := fs.Sub(migrationFiles, "migrations")
	if err != nil {
		panic(err) // the embedded directory always exists
	}
	return sub
}

// MigrationsFor returns the complete migration set for engine: the core
// files plus those in migrations/<engine>, presented as one flat directory
// as goose expects. Pass it to sqldb.Migrate or sqldbtest.Open*.
func MigrationsFor(engine sqldb.Engine) fs.FS {
	return sqldb.EngineMigrations(CoreMigrations(), engine)
}

// Migrate applies every pending migration for db's engine. It is safe to
// call on every start-up.
func Migrate(ctx context.Context, db *sqldb.DB) error {
	return sqldb.Migrate(ctx, db, MigrationsFor(db.Engine))
}
