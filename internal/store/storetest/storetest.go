// Package storetest is the conformance suite for ats.Store: every storage
// engine runs the same tests, so SQLite and PostgreSQL are proven to behave
// alike (River's riverdrivertest, WTF's per-noun tests). Any change to
// storage behaviour extends this suite first.
//
// It also offers OpenSQLite and OpenPostgres, which other packages' tests
// use to get a real, migrated store.
package storetest

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/alexedwards/scs/v2"
	"github.com/google/go-cmp/cmp"

	"attractor/internal/ats"
)

// SessionStore is the web-session store the suite checks next to ats.Store.
type SessionStore interface {
	scs.CtxStore
	DeleteExpiredSessions(ctx context.Context) (int, error)
}

// Env is one fresh, empty, migrated database as the suite sees it: the
// domain store and the session store over the same data and clock.
type Env struct {
	Store    ats.Store
	Sessions SessionStore
}

// OpenFunc opens a fresh Env whose stores read the time from now. It is
// called once per test, possibly from parallel tests, and must register
// its own cleanup.
type OpenFunc func(t *testing.T, now func() time.Time) Env

// Run runs the whole suite against the engine behind open. Tests are
// grouped per noun with outcome-named subtests, and each gets its own
// database so they run in parallel.
func Run(t *testing.T, open OpenFunc) {
	groups := []struct {
		name string
		fn   func(*testing.T, OpenFunc)
	}{
		{"User", testUser}, {"Template", testTemplate}, {"Job", testJob},
		{"Candidate", testCandidate}, {"Search", testSearch}, {"Application", testApplication},
		{"Note", testNote}, {"Pool", testPool}, {"History", testHistory},
		{"Outbox", testOutbox}, {"Tx", testTx}, {"Session", testSession},
		{"LinkedIn", testLinkedIn}, {"Sync", testSync},
	}
	for _, g := range groups {
		t.Run(g.name, func(t *testing.T) { g.fn(t, open) })
	}
}

// env is what one test works with: the stores and their clock.
type env struct {
	ats.Store
	sessions SessionStore
	clock    *clock
}

// setup marks the test parallel and opens its own database with a clock
// fixed at baseTime.
func setup(t *testing.T, open OpenFunc) *env {
	t.Helper()
	t.Parallel()
	c := &clock{now: baseTime}
	e := open(t, c.Now)
	return &env{Store: e.Store, sessions: e.Sessions, clock: c}
}

// clock is a settable clock shared by a test and its stores.
type clock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *clock) Set(t time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = t
}

// baseTime is the clock's start. Every time the suite writes carries
// nanoseconds and a non-UTC zone, so each round trip also proves the store
// normalises to UTC microseconds.
var baseTime = time.Date(2026, 11, 8, 10, 30, 0, 123456789, time.FixedZone("CEST", 2*3600))

// at returns baseTime plus d minutes, with a sub-microsecond remainder.
func at(minutes int) time.Time {
	return baseTime.Add(time.Duration(minutes) * time.Minute)
}

// utc is what a time must read back as: UTC, truncated to microseconds.
func utc(t time.Time) time.Time { return t.UTC().Truncate(time.Microsecond) }

// exactTime compares times by instant and zone name, so a value read back in
// another zone, or with lost microseconds, is a difference.
var exactTime = cmp.Comparer(func(a, b time.Time) bool {
	return a.Equal(b) && a.Location().String() == b.Location().String()
})

// hostile is text that must survive storage byte for byte.
var hostile = []string{
	"<script>alert(1)</script>", "'; DROP TABLE candidates; --", "\u202Eevil", "👩🏽\u200d💻",
	"Zoë O'Brien-Łukasz", "山田太郎", `back\slash 100% under_score "quoted"`,
}

func (e *env) update(t *testing.T, fn func(ats.Tx) error) {
	t.Helper()
	if err := e.Update(context.Background(), fn); err != nil {
		t.Fatalf("update: %v", err)
	}
}

func (e *env) view(t *testing.T, fn func(ats.Tx) error) {
	t.Helper()
	if err := e.View(context.Background(), fn); err != nil {
		t.Fatalf("view: %v", err)
	}
}

// updateErr runs fn in a write transaction and returns its error.
func (e *env) updateErr(fn func(ats.Tx) error) error {
	return e.Update(context.Background(), fn)
}

// wantCode fails unless err carries the domain code want.
func wantCode(t *testing.T, err error, want string) {
	t.Helper()
	if got := ats.ErrorCode(err); got != want {
		t.Fatalf("error code = %q (%v), want %q", got, err, want)
	}
}

// diff fails with a got/want diff when got and want differ.
func diff(t *testing.T, what string, got, want any, opts ...cmp.Option) {
	t.Helper()
	opts = append(opts, exactTime)
	if d := cmp.Diff(want, got, opts...); d != "" {
		t.Errorf("%s mismatch (-want +got):\n%s", what, d)
	}
}

// check fails the test on an unexpected error.
func check(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}
