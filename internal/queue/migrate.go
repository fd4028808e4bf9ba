package queue

import (
	"context"
	"errors"
	"fmt"
	"hash/fnv"

	"github.com/riverqueue/river/rivermigrate"

	"attractor/internal/sqldb"
)

// Migrate creates or upgrades River's tables (rivermigrate up). It is
// idempotent, so it can run on every start-up next to sqldb.Migrate. River's
// migrator takes no lock of its own, so on PostgreSQL Migrate holds a session
// advisory lock keyed by the current schema while it runs: two replicas
// starting together migrate one after the other, and the second finds nothing
// to do. On SQLite the single writer connection already serialises them.
func (q *Queue) Migrate(ctx context.Context) (err error) {
	if q.db.Engine == sqldb.Postgres {
		unlock, lerr := q.lockSchema(ctx)
		if lerr != nil {
			return fmt.Errorf("migrate queue: %w", lerr)
		}
		defer func() { err = errors.Join(err, unlock()) }()
	}
	if _, err := q.migrator.Migrate(ctx, rivermigrate.DirectionUp, nil); err != nil {
		return fmt.Errorf("migrate queue: %w", err)
	}
	return nil
}

// lockSchema takes a PostgreSQL session advisory lock for River migrations in
// the current schema on a dedicated pool connection, and returns the unlock.
// Distinct schemas (test schemas in one database) get distinct locks.
func (q *Queue) lockSchema(ctx context.Context) (unlock func() error, err error) {
	conn, err := q.db.Pool.Acquire(ctx)
	if err != nil {
		return nil, fmt.Errorf("acquire lock connection: %w", err)
	}
	var schema string
	if err := conn.QueryRow(ctx, "SELECT current_schema()").Scan(&schema); err != nil {
		conn.Release()
		return nil, fmt.Errorf("read current schema: %w", err)
	}
	h := fnv.New64a()
	h.Write([]byte("attractor/river/" + schema))
	key := int64(h.Sum64())
	if _, err := conn.Exec(ctx, "SELECT pg_advisory_lock($1)", key); err != nil {
		conn.Release()
		return nil, fmt.Errorf("lock schema %s: %w", schema, err)
	}
	return func() error {
		defer conn.Release()
		// A background context: the lock must go even if ctx is done.
		if _, err := conn.Exec(context.Background(), "SELECT pg_advisory_unlock($1)", key); err != nil {
			// Close the connection so the pool drops it and the server
			// releases the lock with the session.
			_ = conn.Conn().Close(context.Background())
			return fmt.Errorf("unlock schema %s: %w", schema, err)
		}
		return nil
	}, nil
}
