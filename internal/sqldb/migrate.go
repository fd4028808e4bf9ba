package sqldb

import (
	"context"
	"fmt"
	"hash/fnv"
	"io/fs"

	"github.com/pressly/goose/v3"
	"github.com/pressly/goose/v3/lock"
)

// Migrate applies every pending migration in migrations, the directory that
// holds the 00001_name.sql files. It is safe to call on every start-up: an
// up-to-date database is left alone. On PostgreSQL an advisory lock keeps two
// replicas from migrating the same schema at once.
func Migrate(ctx context.Context, db *DB, migrations fs.FS) error {
	p, err := newProvider(ctx, db, migrations)
	if err != nil {
		return err
	}
	if _, err := p.Up(ctx); err != nil {
		return fmt.Errorf("migrate %s: %w", db.Engine, err)
	}
	return nil
}

// MigrationsCurrent reports whether every migration in migrations has been
// applied, for health checks that should fail while a deploy is half done.
func MigrationsCurrent(ctx context.Context, db *DB, migrations fs.FS) (bool, error) {
	p, err := newProvider(ctx, db, migrations)
	if err != nil {
		return false, err
	}
	pending, err := p.HasPending(ctx)
	if err != nil {
		return false, fmt.Errorf("check migrations %s: %w", db.Engine, err)
	}
	return !pending, nil
}

// newProvider builds a goose provider on db.Write. The global Go-migration
// registry is disabled so nothing outside migrations can sneak in.
func newProvider(ctx context.Context, db *DB, migrations fs.FS) (*goose.Provider, error) {
	opts := []goose.ProviderOption{goose.WithDisableGlobalRegistry(true)}
	dialect := goose.DialectSQLite3
	if db.Engine == Postgres {
		dialect = goose.DialectPostgres
		locker, err := schemaLocker(ctx, db)
		if err != nil {
			return nil, err
		}
		opts = append(opts, goose.WithSessionLocker(locker))
	}
	p, err := goose.NewProvider(dialect, db.Write, migrations, opts...)
	if err != nil {
		return nil, fmt.Errorf("load migrations: %w", err)
	}
	return p, nil
}

// schemaLocker returns a session advisory lock keyed by the current schema.
// Replicas of one deployment share a schema and so exclude each other, while
// test schemas in one database get distinct locks and migrate in parallel.
func schemaLocker(ctx context.Context, db *DB) (lock.SessionLocker, error) {
	var schema string
	if err := db.Write.QueryRowContext(ctx, "SELECT current_schema()").Scan(&schema); err != nil {
		return nil, fmt.Errorf("read current schema: %w", err)
	}
	h := fnv.New64a()
	h.Write([]byte("attractor/goose/" + schema))
	locker, err := lock.NewPostgresSessionLocker(
		lock.WithLockID(int64(h.Sum64())),
		lock.WithLockTimeout(1, 300), // poll each second for up to 5 minutes
	)
	if err != nil {
		return nil, fmt.Errorf("create migration lock: %w", err)
	}
	return locker, nil
}
