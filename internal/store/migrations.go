package store

import (
	"context"
	"embed"
	"io/fs"
	"path"
	"slices"
	"strings"

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
	return engineFS{core: CoreMigrations(), engine: string(engine)}
}

// Migrate applies every pending migration for db's engine. It is safe to
// call on every start-up.
func Migrate(ctx context.Context, db *sqldb.DB) error {
	return sqldb.Migrate(ctx, db, MigrationsFor(db.Engine))
}

// engineFS overlays migrations/<engine>/*.sql onto the core directory. Only
// top-level names exist in it, which is all goose reads.
type engineFS struct {
	core   fs.FS
	engine string
}

// Open opens a top-level file from the engine directory or, failing that,
// from the core directory.
func (e engineFS) Open(name string) (fs.File, error) {
	if name != "." && path.Dir(name) == "." {
		if f, err := e.core.Open(path.Join(e.engine, name)); err == nil {
			return f, nil
		}
	}
	return e.core.Open(name)
}

// Glob matches pattern against the files of both directories.
func (e engineFS) Glob(pattern string) ([]string, error) {
	core, err := fs.Glob(e.core, pattern)
	if err != nil {
		return nil, err
	}
	own, err := fs.Glob(e.core, path.Join(e.engine, pattern))
	if err != nil {
		return nil, err
	}
	for _, name := range own {
		core = append(core, path.Base(name))
	}
	slices.Sort(core)
	return slices.Compact(core), nil
}

// ReadDir lists the top-level files of both directories, without the
// engine subdirectories themselves.
func (e engineFS) ReadDir(name string) ([]fs.DirEntry, error) {
	entries, err := fs.ReadDir(e.core, name)
	if err != nil || name != "." {
		return entries, err
	}
	own, err := fs.ReadDir(e.core, e.engine)
	if err != nil {
		return nil, err
	}
	out := slices.DeleteFunc(entries, fs.DirEntry.IsDir)
	out = append(out, own...)
	slices.SortFunc(out, func(a, b fs.DirEntry) int { return strings.Compare(a.Name(), b.Name()) })
	return out, nil
}
