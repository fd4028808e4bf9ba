package simstore

import (
	"context"
	"database/sql"
	"sync"

	"attractor/internal/linkedinsim"
	"attractor/internal/linkedinsim/simstore/simdb"
)

// A partner's historical sync sends notes, feedback and stages one parent
// at a time (rsc-api.md §3.9–§3.11), so the simulator sees many small
// concurrent writes of two or three rows. A transaction each would make
// the commit, not the rows, the cost (one writer connection on SQLite, a
// WAL flush and round trips on PostgreSQL). groupCommit runs the writes
// that queued up while one transaction was committing together in the
// next one: the first writer to find no transaction running leads it, and
// hands the lead to a waiting writer when it is done. Each write stays
// atomic and isolated: if the shared transaction fails, every write in it
// is run again in a transaction of its own, so one write's error is its
// alone.

// maxGroup bounds how many writes share a transaction.
const maxGroup = 64

// groupCommit queues writes and runs them in shared transactions.
type groupCommit struct {
	mu      sync.Mutex
	queue   []*groupWrite
	running bool // a writer leads a transaction
}

// groupWrite is one queued write and, once woken, its outcome or the
// lead.
type groupWrite struct {
	recs []*linkedinsim.SubRecord
	err  error
	lead bool // woken to lead the next transaction, not done
	wake chan struct{}
}

// do writes recs in a write transaction, possibly shared with other
// writes, and returns the error of its own write. The transaction is not
// cancelled with ctx: writes of other callers ride on it.
func (g *groupCommit) do(ctx context.Context, s *Store, recs []*linkedinsim.SubRecord) error {
	w := &groupWrite{recs: recs, wake: make(chan struct{})}
	g.mu.Lock()
	g.queue = append(g.queue, w)
	lead := !g.running
	g.running = true
	g.mu.Unlock()
	if !lead {
		<-w.wake
		if !w.lead {
			return w.err
		}
	}
	g.lead(context.WithoutCancel(ctx), s, w)
	return w.err
}

// lead runs the next group, own's writer's among them, and hands the lead
// on. own is at the head of the queue: either the queue was empty when it
// came (no lead was running), or the last leader chose it as the head,
// and only a leader takes from the queue.
func (g *groupCommit) lead(ctx context.Context, s *Store, own *groupWrite) {
	g.mu.Lock()
	n := min(len(g.queue), maxGroup)
	group := g.queue[:n:n]
	g.queue = g.queue[n:]
	g.mu.Unlock()
	runGroup(ctx, s, group)
	g.mu.Lock()
	var next *groupWrite
	if len(g.queue) > 0 {
		next = g.queue[0]
	} else {
		g.running = false
	}
	g.mu.Unlock()
	for _, w := range group {
		if w != own {
			close(w.wake)
		}
	}
	if next != nil {
		next.lead = true
		close(next.wake)
	}
}

// runGroup runs the writes in one transaction, or each in its own when
// the shared one fails.
func runGroup(ctx context.Context, s *Store, group []*groupWrite) {
	if len(group) > 1 {
		var all []*linkedinsim.SubRecord
		for _, w := range group {
			all = append(all, w.recs...)
		}
		err := s.upsert(ctx, len(all), func(q *simdb.Queries, tx *sql.Tx) error { return s.putSubRecords(ctx, q, tx, all) })
		if err == nil {
			return
		}
	}
	for _, w := range group {
		w.err = s.upsert(ctx, len(w.recs), func(q *simdb.Queries, tx *sql.Tx) error { return s.putSubRecords(ctx, q, tx, w.recs) })
	}
}
