package syncer

import (
	"context"
	"encoding/json"
	"errors"
	"log/slog"
	"time"

	"attractor/internal/ats"
	"attractor/internal/queue"
	"attractor/internal/rsc"
)

// The drainer sends the outbox (architecture.md §5): kind by kind in
// dependency order, each entity's latest state, in batches of at most 100
// per endpoint, then acknowledges, defers or fails each row by its own
// outcome (rsc-api.md §2.4).

// Retry policy of an entity LinkedIn could not take for now.
const (
	maxAttempts = 8
	retryCap    = 5 * time.Minute
)

// taskSlice bounds one run of a task: a run that has worked this long
// stops between batches and snoozes to continue, so a long historical sync
// gives its worker back now and then. It is long because a snoozed task
// waits for the queue's scheduler (up to seconds): at 30 s slices the
// pauses cost a quarter of LinkedIn's allowed rate when pacing to it.
const taskSlice = 10 * time.Minute

// errSlice ends a run whose slice is used up.
var errSlice = errors.New("task slice used up")

// backoff is the wait before attempt n+1 of an entity that failed n+1
// times: retryBase doubling per attempt, capped.
func (s *Syncer) backoff(attempts int) time.Duration {
	d := s.retryBase
	for i := 0; i < attempts && d < retryCap; i++ {
		d *= 2
	}
	return min(d, retryCap)
}

// handleDrain is the drain task. Only one drain runs per process; kicks
// that arrive meanwhile make it look again before it ends, within the
// task's slice.
func (s *Syncer) handleDrain(ctx context.Context, payload []byte) error {
	if !s.beginDrain() {
		return nil
	}
	deadline := s.now().Add(taskSlice)
	deferred := false
	for {
		d, err := s.drain(ctx)
		if err == nil && s.sliceOver(deadline) {
			err = queue.Snooze(0) // kicked all along: go on in a fresh run
		}
		if err != nil {
			s.endDrain(true)
			return err
		}
		deferred = deferred || d
		if s.endDrain(false) {
			return s.scheduleRetry(ctx, deferred, isRetry(payload))
		}
	}
}

// drainPayload is the drain task's payload: empty when kicked or
// periodic, Retry for the delayed drain that waits for deferred rows.
type drainPayload struct {
	Retry bool `json:"retry"`
}

// retryPayload makes the delayed drain unique apart from the kicked and
// periodic ones, so a waiting retry does not swallow them.
var retryPayload, _ = json.Marshal(drainPayload{Retry: true})

func isRetry(payload []byte) bool {
	var p drainPayload
	return len(payload) > 0 && json.Unmarshal(payload, &p) == nil && p.Retry
}

// drainer is one drain run.
type drainer struct {
	s        *Syncer
	in       *ats.LinkedInIntegration
	cl       *rsc.Client
	deadline time.Time
	deferred bool // a row was deferred: schedule a drain for when it is due
}

// drain sends what the outbox holds, if the integration is enabled and the
// historical sync is done (until then the historical sync sends
// everything, the latest state included). It reports whether it deferred
// a row.
func (s *Syncer) drain(ctx context.Context) (bool, error) {
	in, err := s.loadIntegration(ctx)
	if err != nil {
		return false, err
	}
	if in.Stage != ats.StageEnabled || in.Progress.State != ats.SyncDone {
		return false, nil
	}
	d := &drainer{s: s, in: in, cl: s.child(in), deadline: s.now().Add(taskSlice)}
	for _, kind := range ats.SyncOrder {
		if err := d.drainKind(ctx, kind); err != nil {
			return d.deferred, s.stopped(ctx, "drain", err)
		}
	}
	return d.deferred, nil
}

// drainKind sends the due rows of kind, a batch at a time, until none are
// left. Every row of a batch ends acknowledged, deferred or failed, unless
// sending stops, so the loop ends.
func (d *drainer) drainKind(ctx context.Context, kind ats.EntityKind) error {
	for {
		var rows []ats.OutboxEntry
		err := d.s.store.View(ctx, func(tx ats.Tx) (err error) {
			rows, err = tx.FindDueOutbox(kind, d.s.now(), maxBatch)
			return err
		})
		if err != nil || len(rows) == 0 {
			return err
		}
		if err := d.drainRows(ctx, rows); err != nil {
			return err
		}
		if len(rows) < maxBatch {
			return nil
		}
		if d.s.sliceOver(d.deadline) {
			return errSlice
		}
	}
}

// drainRows sends one batch of rows and settles each. After a stop the
// rows already settled are recorded and the rest stay queued.
func (d *drainer) drainRows(ctx context.Context, rows []ats.OutboxEntry) error {
	units, err := d.load(ctx, rows)
	if err != nil {
		return err
	}
	var sendErr error
	for _, c := range plan(units, false) {
		if sendErr = c.run(ctx, d.cl, d.in.Organization); sendErr != nil {
			break
		}
	}
	if err := d.settle(ctx, units); err != nil {
		return err
	}
	if rows[0].EntityKind == ats.EntityCandidate {
		d.s.readMatches(ctx, d.cl, d.in.Organization, units)
	}
	return sendErr
}

// load reads the latest state of each row's entity and plans its unit. An
// entity gone since the row was written has nothing to send: its delete
// row follows.
func (d *drainer) load(ctx context.Context, rows []ats.OutboxEntry) ([]*unit, error) {
	units := make([]*unit, len(rows))
	err := d.s.store.View(ctx, func(tx ats.Tx) error {
		r := &reading{s: d.s, in: d.in, tx: tx}
		for i, row := range rows {
			if row.Op == ats.OutboxDelete {
				u, err := deleteUnitOf(r, row)
				if err != nil {
					return err
				}
				units[i] = u
				continue
			}
			got, _, err := r.read(row.EntityKind, "", row.EntityID, 1)
			if err != nil {
				return err
			}
			units[i] = &unit{}
			if len(got) > 0 {
				units[i] = got[0]
			}
			units[i].entry = row
		}
		return nil
	})
	return units, err
}

// deleteUnitOf plans an outbox delete. A job is closed rather than
// deleted, and a job's ACL is emptied and deleted, from what the mirror
// says LinkedIn holds (the job is gone here); the reader plans the rest.
func deleteUnitOf(r *reading, row ats.OutboxEntry) (*unit, error) {
	switch row.EntityKind {
	case ats.EntityJob:
		sent, ok, err := r.tx.FindSentJob(row.EntityID)
		if err != nil {
			return nil, err
		}
		return closeJobUnit(row, sent, ok), nil
	case ats.EntityTeam:
		assignees, ok, err := r.tx.FindSentTeam(row.EntityID)
		if err != nil {
			return nil, err
		}
		return deleteTeamUnit(row, assignees, ok), nil
	}
	return r.deleteUnit(row)
}

// settle records each unit's outcome: written → acknowledged (and what
// LinkedIn now has recorded), refused → failed, failed for now → retried
// later with backoff until the attempts run out. Units not tried (the run
// stopped first) are left queued as they were. The write is not cancelled
// with ctx: what LinkedIn took must be acknowledged, or it would be sent
// again.
func (d *drainer) settle(ctx context.Context, units []*unit) error {
	now := d.s.now()
	deferred := false
	err := d.s.store.Update(context.WithoutCancel(ctx), func(tx ats.Tx) error {
		deferred = false
		for _, u := range units {
			st, e := u.state()
			if st == unitPending && e == nil {
				continue
			}
			retry, err := settleUnit(tx, u, st, e, now.Add(d.s.backoff(u.entry.Attempts)), d.s.taskCheckAt(now))
			if err != nil {
				return err
			}
			deferred = deferred || retry
		}
		return nil
	})
	d.deferred = d.deferred || deferred
	if err == nil {
		d.s.logFailures(ctx, units)
		d.s.sent(units)
	}
	return err
}

// settleUnit records one unit's outcome and reports whether it was
// deferred.
func settleUnit(tx ats.Tx, u *unit, st unitState, e *rsc.Error, retryAt, taskCheck time.Time) (bool, error) {
	row := u.entry
	switch {
	case st == unitSent:
		if err := tx.AckOutbox(row.EntityKind, row.EntityID, row.Version); err != nil {
			return false, err
		}
		return false, runAfter(tx, u, taskCheck)
	case st == unitFailed || row.Attempts+1 >= maxAttempts:
		return false, tx.FailOutbox(row, e.Status, failureMessage(e)) // counts this send
	}
	return true, tx.DeferOutbox(row.EntityKind, row.EntityID, row.Version, retryAt)
}

// runAfter records what LinkedIn now has, the record of a job and its
// task (first checked at taskCheck) included; an entity deleted meanwhile
// has nothing to record (but a job's record is kept: its delete, queued
// meanwhile, closes it with the record).
func runAfter(tx ats.Tx, u *unit, taskCheck time.Time) error {
	if err := saveSentJob(tx, u); err != nil {
		return err
	}
	if err := saveJobTask(tx, u, taskCheck); err != nil {
		return err
	}
	if u.after == nil {
		return nil
	}
	if err := u.after(tx); err != nil && ats.ErrorCode(err) != ats.ENOTFOUND {
		return err
	}
	return nil
}

// failureMessage is what the admin reads: LinkedIn's message, else the
// error.
func failureMessage(e *rsc.Error) string {
	if e.Message != "" {
		return e.Message
	}
	return e.Error()
}

// logFailures logs each entity LinkedIn refused, once, where it becomes a
// listed failure.
func (s *Syncer) logFailures(ctx context.Context, units []*unit) {
	for _, u := range units {
		if st, e := u.state(); st == unitFailed {
			s.log.LogAttrs(ctx, slog.LevelInfo, "linkedin refused entity", slog.String("kind", string(u.entry.EntityKind)),
				slog.String("id", u.entry.EntityID), slog.Int("status", e.Status), slog.String("message", e.Message))
		}
	}
}

// scheduleRetry makes a drain run when the earliest deferred row is due,
// so a retry does not wait for the periodic drain: a drain that deferred
// rows enqueues the retry drain, and the retry drain snoozes until the
// next row is due (enqueueing itself would be a no-op while it runs).
func (s *Syncer) scheduleRetry(ctx context.Context, deferred, retry bool) error {
	if !deferred && !retry {
		return nil
	}
	var next *time.Time
	err := s.store.View(ctx, func(tx ats.Tx) (err error) {
		next, err = tx.NextOutboxDue()
		return err
	})
	if err != nil || next == nil {
		return err
	}
	delay := next.Sub(s.now())
	switch {
	case delay <= 0:
		return nil // due now: a kick or the periodic drain takes it
	case retry:
		return queue.Snooze(delay)
	}
	return s.q.Enqueue(ctx, taskDrain, retryPayload, queue.EnqueueOptions{Unique: true, Delay: delay})
}

// stopped turns why a run stopped into the task's outcome: a 429 snoozes
// for LinkedIn's Retry-After; revoked credentials or an integration
// LinkedIn refuses end the run quietly, leaving the work queued for when
// an admin reconnects (the status poll notices); a used-up slice
// continues at once.
func (s *Syncer) stopped(ctx context.Context, task string, err error) error {
	var stop *stopError
	switch {
	case errors.Is(err, errSlice):
		return queue.Snooze(0)
	case !errors.As(err, &stop):
		return err
	case stop.err.Kind == rsc.Snooze:
		return queue.Snooze(stop.err.RetryAfter)
	}
	level := slog.LevelDebug
	if s.paused.CompareAndSwap(false, true) {
		level = slog.LevelWarn // once, not every periodic drain
	}
	s.log.LogAttrs(ctx, level, "linkedin refused the app; sync paused", slog.String("task", task),
		slog.Any("error", stop.err))
	return nil
}

// sent notes that LinkedIn took records, ending a pause.
func (s *Syncer) sent(units []*unit) {
	for _, u := range units {
		if st, _ := u.state(); st == unitSent && len(u.parts) > 0 {
			s.paused.Store(false)
			return
		}
	}
}
