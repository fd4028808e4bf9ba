package simstore

import (
	"context"
	"sync"
	"time"

	"attractor/internal/sqldb"
)

// A historical sync fills the sync tables from empty in seconds, far
// faster than PostgreSQL's autovacuum looks at them (once a minute). Plans
// made while a table was empty — the generic plans of prepared statements
// and the foreign-key checks of every upsert — then scan the whole table:
// a stage upsert took 15–25 ms at 10,000 applications. So the store
// refreshes the statistics itself whenever the rows it upserted since the
// last refresh reach the count it had then (the tables have about doubled),
// which re-plans those statements; a sync of N rows costs about log2(N)
// ANALYZE runs. SQLite plans these lookups from its indexes alone.

// syncTables are the tables the sync upserts.
const syncTables = "sync_jobs, sync_candidates, sync_candidate_notes, sync_applications, sync_application_items"

// minAnalyzeRows is the first refresh's threshold.
const minAnalyzeRows = 1000

// statistics counts upserted rows between refreshes.
type statistics struct {
	mu       sync.Mutex
	written  int  // rows upserted since the last refresh began
	total    int  // rows upserted before it
	running  bool // a refresh is under way
	disabled bool // not PostgreSQL
}

// wrote records n upserted rows and starts a refresh in the background
// when they reach the threshold; it never waits for one.
func (s *Store) wrote(n int) {
	if s.stats.add(n) {
		go s.analyze()
	}
}

// add counts n rows and reports whether a refresh should start now, which
// it then counts as running.
func (st *statistics) add(n int) bool {
	st.mu.Lock()
	defer st.mu.Unlock()
	st.written += n
	if st.disabled || st.running || st.written < max(minAnalyzeRows, st.total) {
		return false
	}
	st.total += st.written
	st.written, st.running = 0, true
	return true
}

// analyze refreshes the sync tables' statistics. A failure only leaves
// the refresh to autovacuum, so it is not reported.
func (s *Store) analyze() {
	defer func() {
		s.stats.mu.Lock()
		s.stats.running = false
		s.stats.mu.Unlock()
	}()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	_, _ = s.db.Write.ExecContext(ctx, "ANALYZE "+syncTables)
}

// newStatistics returns the counter for db's engine.
func newStatistics(db *sqldb.DB) *statistics {
	return &statistics{disabled: db.Engine != sqldb.Postgres}
}
