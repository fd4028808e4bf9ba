package syncer

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"time"

	"attractor/internal/ats"
	"attractor/internal/queue"
	"attractor/internal/rsc"
)

// The historical sync sends everything once when the integration is
// enabled (rsc-api.md §6.2): every kind in dependency order, each paged by
// id so memory stays constant, a page's calls several at a time
// (historical_send.go). After each page it saves how far it got (kind,
// cursor and the entities sent past the cursor), so a crash, a restart or
// a 429 resumes without sending again anything LinkedIn took.

// historicalPage is how many entities one page reads.
const historicalPage = maxBatch

// historicalRetryWait is the one in-place wait before a call's failed
// records are tried again; records that fail again are handed to the
// drainer (the outbox), which retries them with backoff once the
// historical sync is done, so a 5xx costs the sync a moment, not seconds.
const historicalRetryWait = 50 * time.Millisecond

var (
	// errSuperseded means the progress saved is no longer this run's: a new
	// historical sync started, which its own task sends.
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
	// blocked is set once a page of the kind being sent was saved with a
	// unit not settled: the cursor cannot pass it, so what later pages
	// settle is saved as Ahead. Only saves touch it and prog, one at a
	// time.
	blocked bool
}

// historicalTask is the historical task's payload: the run it belongs to,
// named by the run's start time. Each run gets a task of its own, so
// starting a run while the previous run's task is still finishing (the
// queue has not yet recorded it as completed) cannot be skipped as a
// duplicate of it; a task whose run was superseded ends and leaves the
// newer run to that run's task.
type historicalTask struct {
	Run *time.Time `json:"run,omitempty"`
}

// enqueueHistorical queues the task of the run that started at run (nil:
// a run saved without a start time, which that task then sends).
func (s *Syncer) enqueueHistorical(ctx context.Context, run *time.Time) error {
	payload, err := json.Marshal(historicalTask{Run: run})
	if err != nil {
		return err
	}
	return s.q.Enqueue(ctx, taskHistorical, payload, queue.EnqueueOptions{Unique: true})
}

// ownsRun reports whether the task may work on the saved progress p; a
// task naming no run hands over to the run's own task.
func (t historicalTask) ownsRun(p ats.SyncProgress) bool {
	return t.Run == nil || (p.StartedAt != nil && p.StartedAt.Equal(*t.Run))
}

// handleHistorical is the historical sync task.
func (s *Syncer) handleHistorical(ctx context.Context, payload []byte) error {
	var task historicalTask
	if len(payload) > 0 {
		if err := json.Unmarshal(payload, &task); err != nil {
			return queue.Cancel(fmt.Errorf("historical task payload: %w", err))
		}
	}
	deadline := s.now().Add(taskSlice)
	for {
		in, err := s.loadIntegration(ctx)
		if err != nil {
			return err
		}
		if in.Stage != ats.StageEnabled || in.Progress.State != ats.SyncRunning || !task.ownsRun(in.Progress) {
			return nil
		}
		if task.Run == nil && in.Progress.StartedAt != nil {
			// Queued without a run (before runs were named): hand over to the
			// saved run's own task, which a status poll may queue too, rather
			// than send alongside it.
			return s.enqueueHistorical(ctx, in.Progress.StartedAt)
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
			h.prog.Kind, h.prog.Cursor, h.prog.Ahead = kind, "", nil
		}
		if err := h.sendKind(ctx, kind); err != nil {
			return err
		}
	}
	return h.finish(ctx)
}

// sendKind sends the pages of kind after the cursor: each page is read
// while the pages before it are still under way (historical_send.go), and
// saved after them.
func (h *historical) sendKind(ctx context.Context, kind ats.EntityKind) error {
	p := h.newPipeline(ctx, kind)
	cursor, ahead := h.prog.Cursor, h.prog.Ahead
	h.blocked = false
	for !p.failed() {
		if ctx.Err() != nil {
			p.fail(ctx.Err())
			break
		}
		units, err := h.page(ctx, kind, cursor, ahead)
		if err != nil {
			p.fail(err)
			break
		}
		if len(units) == 0 {
			break
		}
		cursor = lastID(units)
		p.start(ctx, units)
		if h.s.sliceOver(h.deadline) {
			p.fail(errSlice)
		}
	}
	return p.wait()
}

// page reads the page of kind after cursor; the entities in ahead were
// sent before a restart and are marked saved.
func (h *historical) page(ctx context.Context, kind ats.EntityKind, cursor string, ahead []string) ([]*unit, error) {
	var units []*unit
	err := h.s.store.View(ctx, func(tx ats.Tx) (err error) {
		r := &reading{s: h.s, in: h.in, tx: tx, full: true}
		units, _, err = r.read(kind, cursor, "", historicalPage)
		return err
	})
	markSaved(units, ahead)
	return units, err
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
		return runAfter(tx, u, h.s.taskCheckAt(h.s.now()))
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
