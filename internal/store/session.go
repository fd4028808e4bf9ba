package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/alexedwards/scs/v2"

	"attractor/internal/sqldb"
	"attractor/internal/store/dbq"
)

var _ scs.CtxStore = (*SessionStore)(nil)

// SessionStore keeps scs web sessions in the sessions table of the ATS
// database, so sessions survive restarts and are shared by replicas on
// PostgreSQL. Expiry is compared with the store's clock in Go, never with
// an SQL-side clock, so both engines and tests with a fixed clock agree.
type SessionStore struct {
	db  *sqldb.DB
	now sqldb.NowFunc
}

// Sessions returns the scs store over this Store's database and clock.
func (s *Store) Sessions() *SessionStore {
	return &SessionStore{db: s.db, now: s.now}
}

// FindCtx returns the data of an unexpired session; an unknown or expired
// token is (nil, false, nil), as scs expects.
func (s *SessionStore) FindCtx(ctx context.Context, token string) ([]byte, bool, error) {
	b, err := dbq.New(s.db.CachedDB(s.db.Read)).FindSession(ctx, dbq.FindSessionParams{Token: token, Expiry: sqldb.UTC(s.now())})
	if errors.Is(err, sql.ErrNoRows) {
		return nil, false, nil
	}
	if err != nil {
		return nil, false, fmt.Errorf("find session: %w", err)
	}
	return b, true, nil
}

// CommitCtx saves a session's data and expiry, replacing any earlier
// version of the same token.
func (s *SessionStore) CommitCtx(ctx context.Context, token string, b []byte, expiry time.Time) error {
	if b == nil {
		b = []byte{}
	}
	err := dbq.New(s.db.CachedDB(s.db.Write)).UpsertSession(ctx, dbq.UpsertSessionParams{Token: token, Data: b, Expiry: sqldb.UTC(expiry)})
	if err != nil {
		return fmt.Errorf("commit session: %w", err)
	}
	return nil
}

// DeleteCtx removes a session; an unknown token is not an error.
func (s *SessionStore) DeleteCtx(ctx context.Context, token string) error {
	if err := dbq.New(s.db.CachedDB(s.db.Write)).DeleteSession(ctx, token); err != nil {
		return fmt.Errorf("delete session: %w", err)
	}
	return nil
}

// Find is FindCtx without a context, for scs's plain Store interface.
func (s *SessionStore) Find(token string) ([]byte, bool, error) {
	return s.FindCtx(context.Background(), token)
}

// Commit is CommitCtx without a context.
func (s *SessionStore) Commit(token string, b []byte, expiry time.Time) error {
	return s.CommitCtx(context.Background(), token, b, expiry)
}

// Delete is DeleteCtx without a context.
func (s *SessionStore) Delete(token string) error {
	return s.DeleteCtx(context.Background(), token)
}

// DeleteExpiredSessions removes sessions whose expiry has passed by the
// store's clock and returns how many went. Expired rows are already
// invisible to FindCtx; this only reclaims space, so a periodic job may run
// it at any interval.
func (s *SessionStore) DeleteExpiredSessions(ctx context.Context) (int, error) {
	n, err := dbq.New(s.db.CachedDB(s.db.Write)).DeleteExpiredSessions(ctx, sqldb.UTC(s.now()))
	if err != nil {
		return 0, fmt.Errorf("delete expired sessions: %w", err)
	}
	return int(n), nil
}
