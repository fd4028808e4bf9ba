package syncer

import (
	"context"
	"sync"
	"time"

	"attractor/internal/ats"
	"attractor/internal/rsc"
)

// Most of a historical sync is calls of two or three records each:
// stages, notes and feedback go to their application's own URL
// (rsc-api.md §3.9–§3.11), one call per application. Made one at a time,
// the sync would wait on a round trip per application, so a page's calls
// go out several at a time. What LinkedIn took is then no longer a prefix
// of the page, which the cursor alone cannot say: the units settled past
// the cursor are saved with it (SyncProgress.Ahead), and a resumed sync
// skips them.

// defaultHistoricalCalls is Config.HistoricalCalls' default: enough to
// hide a loopback or LAN round trip behind the others, few enough that
// LinkedIn sees a handful of connections from one customer app.
const defaultHistoricalCalls = 8

// inFlight is how many calls of kind a page may have under way. A team's
// assignees need its ACL at LinkedIn first, and both may share a page, so
// teams go one call at a time; every other kind's calls are independent.
func (h *historical) inFlight(kind ats.EntityKind) int {
	if kind == ats.EntityTeam {
		return 1
	}
	return h.s.cfg.HistoricalCalls
}

// maxPagesInFlight bounds the pages read and not yet saved, so memory and
// the Ahead list stay small whatever the calls per page.
const maxPagesInFlight = 4

// pipeline sends the pages of one kind: a page's calls start as soon as
// it is read and a call slot is free, so the next page's read and first
// calls overlap the last calls of the page before, and each page is saved
// once its calls are over and the page before it is saved. The first
// failure (a stop, ctx ending, a failed save) starts no further call or
// page; what is under way finishes and is saved.
//
// The calls are made by a fixed set of workers, one per call in flight,
// rather than a goroutine each: a call goes deep (HTTP client, JSON), and
// a fresh goroutine grew its stack on every call.
type pipeline struct {
	h       *historical
	kind    ats.EntityKind
	work    chan pageCall // to the workers; a send waits for a free one
	workers sync.WaitGroup
	pages   chan struct{} // a slot per page not yet saved
	saved   chan struct{} // closed when the last page started is saved
	wg      sync.WaitGroup

	mu    sync.Mutex
	first error
}

// pageCall is a call of a page, and the page's count of calls under way.
type pageCall struct {
	c    *call
	page *sync.WaitGroup
}

// newPipeline starts the workers of kind's calls; they end in wait.
func (h *historical) newPipeline(ctx context.Context, kind ats.EntityKind) *pipeline {
	saved := make(chan struct{})
	close(saved)
	p := &pipeline{h: h, kind: kind, work: make(chan pageCall), pages: make(chan struct{}, maxPagesInFlight),
		saved: saved}
	for range max(h.inFlight(kind), 1) {
		p.workers.Go(func() { p.work1(ctx) })
	}
	return p
}

// work1 makes the calls handed to one worker. A call handed over after
// the first failure is not made, as none would have started then.
func (p *pipeline) work1(ctx context.Context) {
	for w := range p.work {
		if !p.failed() && ctx.Err() == nil {
			if err := p.h.sendCall(ctx, w.c); err != nil {
				p.fail(err)
			}
		}
		w.page.Done()
	}
}

// fail records err unless a failure came first.
func (p *pipeline) fail(err error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.first == nil {
		p.first = err
	}
}

func (p *pipeline) failed() bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.first != nil
}

// start starts the calls of a page, waiting for free slots, and the
// page's save after them.
func (p *pipeline) start(ctx context.Context, units []*unit) {
	p.pages <- struct{}{} // a page's slot frees when it is saved
	calls := &sync.WaitGroup{}
	for _, c := range plan(units, true) {
		if p.failed() || ctx.Err() != nil {
			break
		}
		calls.Add(1)
		p.work <- pageCall{c, calls} // a call under way ends: it honours ctx
	}
	prev, saved := p.saved, make(chan struct{})
	p.saved = saved
	p.wg.Go(func() {
		defer func() { <-p.pages }()
		defer close(saved)
		calls.Wait()
		<-prev
		p.finish(ctx, units)
	})
}

// finish saves a page whose calls are over and, for candidates, reads
// back their matches.
func (p *pipeline) finish(ctx context.Context, units []*unit) {
	if err := p.h.save(ctx, units); err != nil {
		p.fail(err)
		return
	}
	if p.kind == ats.EntityCandidate && !p.failed() {
		p.h.s.readMatches(ctx, p.h.cl, p.h.in.Organization, unlinked(units))
	}
}

// wait waits for every page started to be saved and returns the first
// failure.
func (p *pipeline) wait() error {
	p.wg.Wait()
	close(p.work)
	p.workers.Wait()
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.first
}

// sendCall makes a call and retries its failed-for-now records once after
// a short wait; what still fails is deferred to the drainer.
func (h *historical) sendCall(ctx context.Context, c *call) error {
	for attempt := 0; ; attempt++ {
		if err := c.run(ctx, h.cl, h.in.Organization); err != nil {
			return err
		}
		c.parts = retryable(c.parts)
		if len(c.parts) == 0 {
			return nil
		}
		if attempt > 0 {
			for _, p := range c.parts {
				p.deferred = true
			}
			return nil
		}
		if err := sleep(ctx, min(h.s.retryBase, historicalRetryWait)); err != nil {
			return err
		}
	}
}

// retryable returns the parts that failed for now.
func retryable(parts []*part) []*part {
	var out []*part
	for _, p := range parts {
		if !p.ok && (p.err == nil || p.err.Kind != rsc.Permanent) {
			out = append(out, p)
		}
	}
	return out
}

// sleep waits d or until ctx ends.
func sleep(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

// markSaved marks the units a save already recorded (the progress's
// Ahead): they are not sent, recorded or counted again.
func markSaved(units []*unit, ahead []string) {
	if len(ahead) == 0 {
		return
	}
	done := make(map[string]bool, len(ahead))
	for _, id := range ahead {
		done[id] = true
	}
	for _, u := range units {
		if done[u.entry.EntityID] {
			u.saved, u.parts = true, nil
		}
	}
}

// settled reports whether a unit's send is over: written, refused, or
// handed to the drainer.
func (u *unit) settled() bool {
	st, _ := u.state()
	return st != unitPending
}

// settledPrefix returns the units before the first one not settled.
func settledPrefix(units []*unit) []*unit {
	for i, u := range units {
		if !u.settled() {
			return units[:i]
		}
	}
	return units
}

// fresh returns the units settled by this send, not by an earlier one.
func fresh(units []*unit) []*unit {
	var out []*unit
	for _, u := range units {
		if u.settled() && !u.saved {
			out = append(out, u)
		}
	}
	return out
}

// aheadOf returns what the progress's Ahead becomes after a page whose
// first n units are settled (the cursor moves past them): the units
// settled after those, and the earlier Ahead entries this page did not
// reach (an entity created meanwhile can push them to a later page).
func aheadOf(prev []string, units []*unit, n int) []string {
	inPage := make(map[string]bool, len(units))
	for _, u := range units {
		inPage[u.entry.EntityID] = true
	}
	var out []string
	for _, id := range prev {
		if !inPage[id] {
			out = append(out, id)
		}
	}
	for _, u := range units[n:] {
		if u.settled() {
			out = append(out, u.entry.EntityID)
		}
	}
	return out
}

// save records the units this send settled and moves the cursor past the
// settled prefix of the page (unless an earlier page is blocked), keeping
// those settled after it as Ahead, in
// one transaction that first checks the run is still current. It is not
// cancelled with ctx: once LinkedIn took the records, forgetting so would
// send them again.
func (h *historical) save(ctx context.Context, units []*unit) error {
	done := fresh(units)
	prefix := settledPrefix(units)
	if h.blocked {
		prefix = nil
	}
	p := h.prog
	if len(prefix) > 0 {
		p.Cursor = lastID(prefix)
	}
	p.Ahead = aheadOf(h.prog.Ahead, units, len(prefix))
	blocked := h.blocked || len(prefix) < len(units)
	if len(done) == 0 && p.Cursor == h.prog.Cursor {
		h.blocked = blocked
		return nil
	}
	for _, u := range done {
		p.Done += u.records()
	}
	err := h.s.store.Update(context.WithoutCancel(ctx), func(tx ats.Tx) error {
		if err := h.checkCurrent(tx); err != nil {
			return err
		}
		for _, u := range done {
			if err := h.recordSettled(tx, u); err != nil {
				return err
			}
		}
		return tx.SaveSyncProgress(p)
	})
	if err != nil {
		// The pages after this one are saved still (what LinkedIn took is
		// not sent again), but none may move the cursor past this page.
		h.blocked = true
		return err
	}
	h.prog, h.blocked = p, blocked
	for _, u := range done {
		u.saved = true
	}
	h.s.logFailures(ctx, done)
	h.s.sent(done)
	return nil
}
