package syncer

import (
	"context"
	"errors"
	"slices"
	"time"

	"attractor/internal/ats"
	"attractor/internal/rsc"
)

// The historical sync sends everything once when the integration is
// enabled (rsc-api.md §6.2): every kind in dependency order, each paged by
// id so memory stays constant. After each page it saves how far it got
// (kind and cursor), so a crash, a restart or a 429 resumes after the last
// entity written instead of sending it again.

// historicalPage is how many entities one page reads.
const historicalPage = maxBatch

// historicalRetryWait is the one in-place wait before a call's failed
// records are tried again; records that fail again are handed to the
// drainer (the outbox), which retries them with backoff once the
// historical sync is done, so a 5xx costs the sync a moment, not seconds.
const historicalRetryWait = 50 * time.Millisecond

var (
	// errSuperseded means the progress saved is no longer this run's: a new
	// historical sync started; the task carries on with that one.
	errSuperseded = errors.New("historical sync superseded")
	// errNotRunning means the integration left the enabled stage or the
	// sync is no longer running: the task ends.
	errNotRunning = errors.New("historical sync not running")
)

// historical is one run of the historical sync task.
type historical struct {
	s        *Syncer
	in       *ats.LinkedInIntegration
	cl       *rsc.Client
	prog     ats.SyncProgress // as last saved
	deadline time.Time
	// clearFailures is set when failures were listed at the start: a
	// written entity then clears its own. Otherwise there is nothing to
	// clear (the drainer does not run until the sync is done), which saves
	// two writes per entity.
	clearFailures bool
}

// handleHistorical is the historical sync task.
func (s *Syncer) handleHistorical(ctx context.Context, _ []byte) error {
	deadline := s.now().Add(taskSlice)
	for {
		in, err := s.loadIntegration(ctx)
		if err != nil {
			return err
		}
		if in.Stage != ats.StageEnabled || in.Progress.State != ats.SyncRunning {
			return nil
		}
		h := &historical{s: s, in: in, cl: s.child(in), prog: in.Progress, deadline: deadline}
		if h.clearFailures, err = s.hasFailures(ctx); err != nil {
			return err
		}
		err = h.run(ctx)
		switch {
		case errors.Is(err, errSuperseded):
			continue
		case errors.Is(err, errNotRunning):
			return nil
		case err != nil:
			return s.stopped(ctx, "historical", err)
		}
		s.Kick() // what changed meanwhile sits in the outbox
		return nil
	}
}

// run sends every kind from where the saved progress left off, then marks
// the sync done.
func (h *historical) run(ctx context.Context) error {
	start := max(slices.Index(ats.SyncOrder, h.prog.Kind), 0)
	for _, kind := range ats.SyncOrder[start:] {
		if kind != h.prog.Kind {
			h.prog.Kind, h.prog.Cursor = kind, ""
		}
		if err := h.sendKind(ctx, kind); err != nil {
			return err
		}
	}
	return h.finish(ctx)
}

// sendKind sends the pages of kind after the cursor.
func (h *historical) sendKind(ctx context.Context, kind ats.EntityKind) error {
	for {
		units, err := h.page(ctx, kind)
		if err != nil || len(units) == 0 {
			return err
		}
		if err := h.sendPage(ctx, units); err != nil {
			return err
		}
		if kind == ats.EntityCandidate {
			h.s.readMatches(ctx, h.cl, h.in.Organization, units)
		}
		if h.s.now().After(h.deadline) {
			return errSlice
		}
	}
}

// page reads the next page of kind.
func (h *historical) page(ctx context.Context, kind ats.EntityKind) ([]*unit, error) {
	var units []*unit
	err := h.s.store.View(ctx, func(tx ats.Tx) (err error) {
		r := &reading{s: h.s, in: h.in, tx: tx, full: true}
		units, _, err = r.read(kind, h.prog.Cursor, "", historicalPage)
		return err
	})
	return units, err
}

// sendPage sends a page call by call, in unit order, retrying the records
// LinkedIn could not take for now in place. However it ends, the units
// settled before the first unsettled one are saved with the cursor after
// them; the rest are sent again on resume.
func (h *historical) sendPage(ctx context.Context, units []*unit) error {
	var err error
	for i, c := range plan(units, true) {
		if i > 0 && h.s.now().After(h.deadline) {
			err = errSlice
			break
		}
		if err = h.sendCall(ctx, c); err != nil {
			break
		}
	}
	if serr := h.save(ctx, settledPrefix(units)); serr != nil {
		return serr
	}
	return err
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

// settledPrefix returns the units before the first one not settled.
func settledPrefix(units []*unit) []*unit {
	for i, u := range units {
		if st, _ := u.state(); st == unitPending {
			return units[:i]
		}
	}
	return units
}

// save records settled units and moves the cursor past them, in one
// transaction that first checks the run is still current. It is not
// cancelled with ctx: once LinkedIn took the records, forgetting so would
// send them again.
func (h *historical) save(ctx context.Context, units []*unit) error {
	if len(units) == 0 {
		return nil
	}
	p := h.prog
	p.Cursor = lastID(units)
	for _, u := range units {
		p.Done += u.records()
	}
	err := h.s.store.Update(context.WithoutCancel(ctx), func(tx ats.Tx) error {
		if err := h.checkCurrent(tx); err != nil {
			return err
		}
		for _, u := range units {
			if err := h.recordSettled(tx, u); err != nil {
				return err
			}
		}
		return tx.SaveSyncProgress(p)
	})
	if err == nil {
		h.prog = p
		h.s.logFailures(ctx, units)
		h.s.sent(units)
	}
	return err
}

// checkCurrent fails unless the saved progress is still this run's.
func (h *historical) checkCurrent(tx ats.Tx) error {
	in, err := tx.FindIntegration()
	if err != nil {
		return err
	}
	saved := in.Progress
	switch {
	case in.Stage != ats.StageEnabled || saved.State != ats.SyncRunning:
		return errNotRunning
	case saved.StartedAt == nil || h.prog.StartedAt == nil || !saved.StartedAt.Equal(*h.prog.StartedAt):
		return errSuperseded
	}
	return nil
}

// recordSettled records a unit the historical sync settled. There is no
// outbox row to settle (the sync started by dropping them), so a written
// unit only clears a failure listed from an earlier send, and a refused
// one is listed with an entry of its own.
func (h *historical) recordSettled(tx ats.Tx, u *unit) error {
	st, e := u.state()
	if st == unitSent {
		if h.clearFailures && len(u.parts) > 0 {
			// Version 0 matches no outbox row: this only clears the failure.
			if err := tx.AckOutbox(u.entry.EntityKind, u.entry.EntityID, 0); err != nil {
				return err
			}
		}
		return runAfter(tx, u)
	}
	if st == unitDeferred {
		entry := u.entry
		entry.Op = ats.OutboxUpsert
		return tx.QueueSync(entry)
	}
	row := u.entry // version 0: matches no outbox row
	return tx.FailOutbox(row, e.Status, failureMessage(e))
}

// hasFailures reports whether any sync failure is listed.
func (s *Syncer) hasFailures(ctx context.Context) (bool, error) {
	var n int
	err := s.store.View(ctx, func(tx ats.Tx) (err error) {
		_, n, err = tx.FindSyncFailures(ats.Page{Limit: 1})
		return err
	})
	return n > 0, err
}

// finish marks the sync done.
func (h *historical) finish(ctx context.Context) error {
	p := h.prog
	now := h.s.now().UTC()
	p.State, p.Kind, p.Cursor, p.FinishedAt = ats.SyncDone, "", "", &now
	return h.s.store.Update(context.WithoutCancel(ctx), func(tx ats.Tx) error {
		if err := h.checkCurrent(tx); err != nil {
			return err
		}
		return tx.SaveSyncProgress(p)
	})
}
