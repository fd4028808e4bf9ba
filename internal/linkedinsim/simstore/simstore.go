package simstore

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"

	"attractor/internal/linkedinsim"
	"attractor/internal/linkedinsim/simstore/simdb"
	"attractor/internal/sqldb"
)

// Compile-time check that Store satisfies the simulator's contract.
var _ linkedinsim.Store = (*Store)(nil)

// Store implements linkedinsim.Store over a migrated sqldb.DB. It holds only
// handles and the clock, so one Store serves a whole process.
type Store struct {
	db        *sqldb.DB
	now       sqldb.NowFunc
	memberFTS *sqldb.TableProbe // SQLite's member name index (match.go)
	subWrites *groupCommit      // PutSubRecords' shared transactions (group.go)
	stats     *statistics       // rows upserted since the last ANALYZE (analyze.go)
}

// New returns a Store over db, migrated with MigrationsFor or Migrate. now stamps rows
// the store creates itself (nil means sqldb.UTCNow).
func New(db *sqldb.DB, now sqldb.NowFunc) *Store {
	if now == nil {
		now = sqldb.UTCNow
	}
	return &Store{db: db, now: now, memberFTS: sqldb.NewTableProbe("member_fts"), subWrites: &groupCommit{},
		stats: newStatistics(db)}
}

// read runs fn with queries on the read handle, outside a transaction:
// every read here is a single statement.
func (s *Store) read() *simdb.Queries { return simdb.New(s.db.CachedDB(s.db.Read)) }

// update runs fn in a write transaction that commits when fn returns nil.
//
// On PostgreSQL writes run SERIALIZABLE and a transaction that loses a race
// is run again (up to maxAttempts): the simulator's writes read state, check
// it and write it back (an integration's life cycle, a job's posting id),
// and under READ COMMITTED two of them could interleave and lose one's
// change. SQLite's one writer connection already serialises them.
func (s *Store) update(ctx context.Context, fn func(q *simdb.Queries, tx *sql.Tx) error) error {
	return s.write(ctx, sql.LevelSerializable, fn)
}

// upsert is update for writes that only upsert records the ATS sends, each
// with one statement whose effect does not depend on what else is stored
// (ON CONFLICT … DO UPDATE, a foreign key for the parent): on PostgreSQL
// they run READ COMMITTED, where concurrent calls neither see nor cause
// serialization failures, and an INSERT … ON CONFLICT is atomic all the
// same. rows is how many records fn upserts (analyze.go).
func (s *Store) upsert(ctx context.Context, rows int, fn func(q *simdb.Queries, tx *sql.Tx) error) error {
	if err := s.write(ctx, sql.LevelReadCommitted, fn); err != nil {
		return err
	}
	s.wrote(rows)
	return nil
}

// write runs fn in a write transaction at level on PostgreSQL, running it
// again when it loses a race.
func (s *Store) write(ctx context.Context, level sql.IsolationLevel, fn func(q *simdb.Queries, tx *sql.Tx) error) error {
	var opts *sql.TxOptions
	if s.db.Engine == sqldb.Postgres {
		opts = &sql.TxOptions{Isolation: level}
	}
	var err error
	for attempt := 0; attempt < maxAttempts; attempt++ {
		if err = s.runUpdate(ctx, opts, fn); !sqldb.IsRetryable(err) {
			return err
		}
		if werr := sqldb.RetryWait(ctx, attempt); werr != nil {
			return err
		}
	}
	return err
}

// maxAttempts bounds how often a write that lost a race is run again.
const maxAttempts = 10

// runUpdate runs fn once in a write transaction.
func (s *Store) runUpdate(ctx context.Context, opts *sql.TxOptions, fn func(q *simdb.Queries, tx *sql.Tx) error) error {
	tx, err := s.db.Write.BeginTx(ctx, opts)
	if err != nil {
		return fmt.Errorf("begin transaction: %w", err)
	}
	defer s.db.PreparePending(ctx, s.db.Write) // after the rollback below frees the connection
	defer tx.Rollback()                        //nolint:errcheck // the commit error is what matters
	if err := fn(simdb.New(s.db.Cached(s.db.Write, tx)), tx); err != nil {
		return err
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("commit transaction: %w", err)
	}
	return nil
}

// notFound is the error every lookup returns for a missing row.
func notFound(what string) error {
	return linkedinsim.Errorf(linkedinsim.ENOTFOUND, "%s not found.", what)
}

// lookup maps a single-row read error: no rows becomes ENOTFOUND.
func lookup(err error, what, op string) error {
	if errors.Is(err, sql.ErrNoRows) {
		return notFound(what)
	}
	return wrap(err, op)
}

// wrap adds context to a storage error and turns constraint violations
// into domain errors, so callers never see driver types.
func wrap(err error, op string) error {
	switch {
	case err == nil:
		return nil
	case sqldb.IsUniqueViolation(err):
		return linkedinsim.Errorf(linkedinsim.ECONFLICT, "This conflicts with a record that already exists.")
	case sqldb.IsForeignKeyViolation(err):
		return notFound("A record this refers to was")
	}
	return fmt.Errorf("%s: %w", op, err)
}

// encodeList stores a list as JSON text; nil is stored as [].
func encodeList(v []string) string {
	if v == nil {
		v = []string{}
	}
	b, _ := json.Marshal(v) // a []string always marshals
	return string(b)
}

// decodeList reads a list written by encodeList.
func decodeList(s string) ([]string, error) {
	out := []string{}
	if err := json.Unmarshal([]byte(s), &out); err != nil {
		return nil, fmt.Errorf("decode list: %w", err)
	}
	return out, nil
}
