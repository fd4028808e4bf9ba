package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/google/uuid"

	"attractor/internal/ats"
	"attractor/internal/sqldb"
	"attractor/internal/store/dbq"
)

// Compile-time checks that the store satisfies the domain's contract.
var (
	_ ats.Store = (*Store)(nil)
	_ ats.Tx    = (*tx)(nil)
)

// Store implements ats.Store over a migrated sqldb.DB. It holds no state of
// its own beyond the handles and the clock, so one Store serves a whole
// process and is safe for concurrent use.
type Store struct {
	db       *sqldb.DB
	now      sqldb.NowFunc
	search   searcher
	onOutbox func()
}

// New returns a Store over db, which must have been migrated with
// MigrationsFor(db.Engine) (or Migrate). now is the clock every transaction
// reads once when it begins; nil means sqldb.UTCNow. Injecting it lets
// tests fix time on both engines alike.
func New(db *sqldb.DB, now sqldb.NowFunc) *Store {
	if now == nil {
		now = sqldb.UTCNow
	}
	return &Store{db: db, now: now, search: newSearcher(db.Engine)}
}

// OnOutbox registers fn to be called after every committed Update that
// queued at least one outbox row, so the sync engine's drainer wakes as
// soon as there is work instead of polling. fn runs synchronously on the
// committing goroutine and must not block (signal a channel without
// waiting). It is not guarded by a mutex: call OnOutbox once, before the
// store is shared with other goroutines.
func (s *Store) OnOutbox(fn func()) { s.onOutbox = fn }

// View runs fn in a read-only transaction on the read handle, so on SQLite
// readers never queue behind the single writer. Its error is returned as is.
func (s *Store) View(ctx context.Context, fn func(ats.Tx) error) error {
	return s.run(ctx, s.db.Read, &sql.TxOptions{ReadOnly: true}, fn)
}

// Update runs fn in a read-write transaction that commits when fn returns
// nil and rolls back otherwise, so nothing fn wrote (outbox rows included)
// survives a failure. Do not call Update from inside fn: on SQLite the one
// writer connection is already taken and the call would wait forever.
//
// On PostgreSQL writes run SERIALIZABLE: every domain operation reads a
// record, checks its rules and writes it back, and under READ COMMITTED two
// such operations could both pass their checks and the later write would
// silently undo the earlier (a reject lost to a concurrent move). The loser
// of such a race is run again, up to maxAttempts times, so callers see
// either success or a rule violation against the winner's state. SQLite
// already serialises writers: its one writer connection begins IMMEDIATE.
func (s *Store) Update(ctx context.Context, fn func(ats.Tx) error) error {
	opts := s.isolation(sql.LevelSerializable)
	var err error
	for attempt := 0; attempt < maxAttempts; attempt++ {
		if err = s.run(ctx, s.db.Write, opts, fn); !sqldb.IsRetryable(err) {
			return err
		}
		if werr := sqldb.RetryWait(ctx, attempt); werr != nil {
			return err
		}
	}
	return err
}

// NextNumber draws the next value of a counter in a transaction of its own.
// On PostgreSQL it runs READ COMMITTED: the draw is one upsert statement,
// atomic at any level, and concurrent draws then queue on the counter
// row's lock instead of failing each other as SERIALIZABLE transactions
// updating one row do (four concurrent seeders used to exhaust their
// retries on it).
func (s *Store) NextNumber(ctx context.Context, counter string) (int64, error) {
	opts := s.isolation(sql.LevelReadCommitted)
	var n int64
	err := s.run(ctx, s.db.Write, opts, func(tx ats.Tx) (err error) {
		n, err = tx.NextNumber(counter)
		return err
	})
	return n, err
}

// syncTables are the tables the sync's readers and counts join.
const syncTables = "jobs, job_phases, candidates, applications, phase_entries, notes, feedback, team_members, users"

// AnalyzeSyncTables runs ANALYZE on PostgreSQL, in a statement of its own
// (in a transaction it would hold its locks, and lose its statistics on a
// retry). On tables filled since autovacuum last looked, PostgreSQL's
// planner drove the Prospect rule's EXISTS from every prospect phase
// instead of from the page's candidates: 100 ms a page instead of 1 ms,
// measured after seeding 5,000 candidates. SQLite's planner takes these
// queries' indexes without statistics, and its ANALYZE would read whole
// indexes, so there it does nothing.
func (s *Store) AnalyzeSyncTables(ctx context.Context) error {
	if s.db.Engine != sqldb.Postgres {
		return nil
	}
	_, err := s.db.Write.ExecContext(ctx, "ANALYZE "+syncTables)
	return wrap(err, "analyze sync tables")
}

// isolation is the transaction options for level on PostgreSQL; SQLite
// has one writer, which serialises writes anyway.
func (s *Store) isolation(level sql.IsolationLevel) *sql.TxOptions {
	if s.db.Engine != sqldb.Postgres {
		return nil
	}
	return &sql.TxOptions{Isolation: level}
}

// maxAttempts bounds how often a write transaction that lost a race is run
// again before its error is returned.
const maxAttempts = 10

// run begins a transaction on db, fixes its clock and hands it to fn. The
// deferred Rollback also covers a panic in fn; after Commit it is a no-op.
func (s *Store) run(ctx context.Context, db *sql.DB, opts *sql.TxOptions, fn func(ats.Tx) error) error {
	sqlTx, err := db.BeginTx(ctx, opts)
	if err != nil {
		return fmt.Errorf("begin transaction: %w", err)
	}
	defer s.db.PreparePending(ctx, db) // after the rollback below frees the connection
	defer sqlTx.Rollback()             //nolint:errcheck // the commit error is what matters
	t := &tx{ctx: ctx, sql: sqlTx, q: dbq.New(s.db.Cached(db, sqlTx)), now: sqldb.UTC(s.now()), search: s.search}
	if err := fn(t); err != nil {
		return err
	}
	if err := sqlTx.Commit(); err != nil {
		return fmt.Errorf("commit transaction: %w", err)
	}
	if t.queued && s.onOutbox != nil {
		s.onOutbox()
	}
	return nil
}

// Ping checks that both handles reach the database, for /healthz.
func (s *Store) Ping(ctx context.Context) error {
	if err := s.db.Write.PingContext(ctx); err != nil {
		return fmt.Errorf("ping database: %w", err)
	}
	if err := s.db.Read.PingContext(ctx); err != nil {
		return fmt.Errorf("ping database readers: %w", err)
	}
	return nil
}

// MigrationsCurrent reports whether every migration of this engine's set has
// been applied, so /healthz can fail while a deploy is half done.
func (s *Store) MigrationsCurrent(ctx context.Context) (bool, error) {
	return sqldb.MigrationsCurrent(ctx, s.db, MigrationsFor(s.db.Engine))
}

// tx is one transaction: ats.Tx methods take no context, so the one given
// to View or Update is kept here and used for every statement.
type tx struct {
	ctx    context.Context
	sql    *sql.Tx
	q      *dbq.Queries
	now    time.Time
	search searcher
	// queued is set once the transaction writes an outbox row, so a commit
	// can wake the drainer (Store.OnOutbox).
	queued bool
}

// Now returns the transaction's time, fixed when it began, in UTC.
func (t *tx) Now() time.Time { return t.now }

// stamp normalises a caller-supplied time for writing, defaulting the zero
// time to the transaction's time.
func (t *tx) stamp(at *time.Time) {
	if at.IsZero() {
		*at = t.now
	}
	*at = sqldb.UTC(*at)
}

// stampNew sets a new record's times: the zero creation time becomes the
// transaction's, a zero update time becomes the creation time, and both
// are normalised for writing.
func (t *tx) stampNew(created, updated *time.Time) {
	t.stamp(created)
	if updated.IsZero() {
		*updated = *created
	}
	t.stamp(updated)
}

// newID fills an empty id with a UUIDv7, whose time order keeps inserts
// local in the primary-key index.
func newID(id *string) error {
	if *id != "" {
		return nil
	}
	u, err := uuid.NewV7()
	if err != nil {
		return fmt.Errorf("generate id: %w", err)
	}
	*id = u.String()
	return nil
}

// notFound is the error every lookup returns for an unknown id.
func notFound(what string) error {
	return &ats.Error{Code: ats.ENOTFOUND, Message: what + " not found."}
}

// conflict is the error for a write that breaks a uniqueness rule; msg is
// shown to the user and names what clashed.
func conflict(format string, args ...any) error {
	return &ats.Error{Code: ats.ECONFLICT, Message: fmt.Sprintf(format, args...)}
}

// lookup maps a single-row read error: no rows becomes ENOTFOUND for what,
// anything else is wrapped with op.
func lookup(err error, what, op string) error {
	if errors.Is(err, sql.ErrNoRows) {
		return notFound(what)
	}
	return wrap(err, op)
}

// wrap adds context to a storage error. Constraint violations that slipped
// past the pre-checks (a concurrent writer on PostgreSQL) still become
// domain errors, so callers never see driver types.
func wrap(err error, op string) error {
	switch {
	case err == nil:
		return nil
	case sqldb.IsUniqueViolation(err):
		return conflict("This conflicts with a record that already exists.")
	case sqldb.IsForeignKeyViolation(err):
		return notFound("A record this refers to was")
	}
	return fmt.Errorf("%s: %w", op, err)
}

// takenBy interprets a lookup by a unique key made before a write: it
// reports whether the key belongs to a row other than self. Checking first
// keeps the transaction usable on PostgreSQL, where a failed statement
// would abort it.
func takenBy(ownerID string, err error, self string) (bool, error) {
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	return ownerID != self, nil
}

// changed turns an :execrows result into ENOTFOUND when no row matched.
func changed(n int64, err error, what, op string) error {
	if err != nil {
		return wrap(err, op)
	}
	if n == 0 {
		return notFound(what)
	}
	return nil
}

// page returns the normalised limit and offset as sqlc's LIMIT parameters.
func page(p ats.Page) (limit, offset int32) {
	p = p.Normalize()
	return int32(p.Limit), int32(p.Offset)
}

// nullTime converts an optional time for writing, normalising it in place so
// the caller's value equals what is stored.
func nullTime(t *time.Time) sql.NullTime {
	if t == nil {
		return sql.NullTime{}
	}
	*t = sqldb.UTC(*t)
	return sql.NullTime{Time: *t, Valid: true}
}

// timePtr converts an optional time read back, in UTC.
func timePtr(t sql.NullTime) *time.Time {
	if !t.Valid {
		return nil
	}
	u := t.Time.UTC()
	return &u
}

// encodeJSON stores a list-valued field as JSON text; nil lists are stored
// as [] so they read back as empty, not nil.
func encodeJSON[T any](v []T) (string, error) {
	if v == nil {
		v = []T{}
	}
	b, err := json.Marshal(v)
	if err != nil {
		return "", fmt.Errorf("encode list: %w", err)
	}
	return string(b), nil
}

// decodeJSON reads a list-valued field written by encodeJSON.
func decodeJSON[T any](s string) ([]T, error) {
	out := []T{}
	if err := json.Unmarshal([]byte(s), &out); err != nil {
		return nil, fmt.Errorf("decode list: %w", err)
	}
	return out, nil
}

// emptyIfNil returns v, or an empty slice for nil, so values written read
// back equal.
func emptyIfNil[T any](v []T) []T {
	if v == nil {
		return []T{}
	}
	return v
}
