package simstore

import (
	"context"
	"embed"
	"io/fs"

	"attractor/internal/sqldb"
)

// migrationFiles holds the portable core schema at the top of migrations/
// and the engine-specific steps in migrations/<engine>/ (the member name
// index). Version numbers are one sequence across all of them; an engine
// file replaces the core file of the same name, which holds the portable
// part of that step (as internal/store does for the ATS).
//
//go:embed migrations/*.sql migrations/sqlite/*.sql migrations/postgres/*.sql
var migrationFiles embed.FS

// CoreMigrations returns the portable core schema: the top-level files, which
// sqlc reads. It lacks the per-engine name index; migrate databases with
// MigrationsFor or Migrate. (A database migrated with the core alone still
// works: name matching falls back to a scan.)
func CoreMigrations() fs.FS {
	sub, err := fs.Sub(migrationFiles, "migrations")
	if err != nil {
		panic(err) // the embedded directory always exists
	}
	return sub
}

// MigrationsFor returns the complete migration set for engine: the core
// files overlaid with those in migrations/<engine>, as one flat directory
// as goose expects. Pass it to sqldb.Migrate or sqldbtest.Open*.
func MigrationsFor(engine sqldb.Engine) fs.FS {
	return sqldb.EngineMigrations(CoreMigrations(), engine)
}

// Migrate applies every pending migration for db's engine. It is safe on
// every start-up.
func Migrate(ctx context.Context, db *sqldb.DB) error {
	return sqldb.Migrate(ctx, db, MigrationsFor(db.Engine))
}
