// Package simstoretest is the conformance suite for linkedinsim.Store: every
// engine runs the same tests, so the simulator's storage behaves alike on
// SQLite and PostgreSQL. Any change to its storage behaviour extends this
// suite first.
package simstoretest

import (
	"context"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"attractor/internal/linkedinsim"
)

// OpenFunc opens a fresh, empty, migrated store whose clock is now. It is
// called once per test, possibly in parallel, and registers its cleanup.
type OpenFunc func(t *testing.T, now func() time.Time) linkedinsim.Store

// Run runs the whole suite against the engine behind open.
func Run(t *testing.T, open OpenFunc) {
	groups := []struct {
		name string
		fn   func(*testing.T, OpenFunc)
	}{
		{"World", testWorld}, {"App", testApp}, {"AccessToken", testAccessToken},
		{"Match", testMatch},
		{"Integration", testIntegration}, // integration.go
		{"Sync", testSync},               // sync.go
		{"SyncView", testSyncView},       // sync.go (ViewStore)
		{"Signin", testSignin},           // signin.go
		{"CSA", testCSA},                 // csa.go
		{"Export", testExport},           // export.go
	}
	for _, g := range groups {
		t.Run(g.name, func(t *testing.T) { g.fn(t, open) })
	}
}

// baseTime carries nanoseconds and a non-UTC zone, so each round trip
// proves the store normalises to UTC microseconds.
var baseTime = time.Date(2026, 11, 8, 10, 30, 0, 123456789, time.FixedZone("CEST", 2*3600))

// setup marks the test parallel and opens its own store.
func setup(t *testing.T, open OpenFunc) linkedinsim.Store {
	t.Helper()
	t.Parallel()
	return open(t, func() time.Time { return baseTime })
}

// exactTime compares times by instant and zone name.
var exactTime = cmp.Comparer(func(a, b time.Time) bool {
	return a.Equal(b) && a.Location().String() == b.Location().String()
})

// utc is what a time must read back as.
func utc(t time.Time) time.Time { return t.UTC().Truncate(time.Microsecond) }

func diff(t *testing.T, what string, got, want any) {
	t.Helper()
	if d := cmp.Diff(want, got, exactTime); d != "" {
		t.Errorf("%s mismatch (-want +got):\n%s", what, d)
	}
}

func check(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func wantCode(t *testing.T, err error, want string) {
	t.Helper()
	if got := linkedinsim.ErrorCode(err); got != want {
		t.Fatalf("error code = %q (%v), want %q", got, err, want)
	}
}

var ctx = context.Background()
