package rsc

import (
	"context"
	"sync"
	"time"

	"golang.org/x/time/rate"
)

// maxBatch is LinkedIn's batch limit (rsc-api.md §2.4); it is also the
// bucket's burst, so at most one batch goes above the steady rate in any
// minute and the per-minute limit is not exceeded by a full bucket.
const maxBatch = 100

// pacer keeps one app within its budgets (rsc-api.md §2.6): a token bucket
// of records per minute, where a call costs its entity count, and a count
// of calls per UTC day. Calls wait for budget, honouring ctx, rather than
// earning 429s.
type pacer struct {
	records *rate.Limiter // nil: unlimited
	perDay  int           // <= 0: unlimited
	now     func() time.Time

	mu    sync.Mutex
	day   time.Time // UTC midnight of the counted day
	calls int
}

func newPacer(perMinute, perDay int, now func() time.Time) *pacer {
	if perMinute == 0 {
		perMinute = DefaultRecordsPerMinute
	}
	if perDay == 0 {
		perDay = DefaultCallsPerDay
	}
	p := &pacer{perDay: perDay, now: now}
	if perMinute > 0 {
		p.records = rate.NewLimiter(rate.Limit(float64(perMinute)/60), min(perMinute, maxBatch))
	}
	return p
}

// wait blocks until one call costing records may go.
func (p *pacer) wait(ctx context.Context, records int) error {
	if err := p.waitDay(ctx); err != nil {
		return err
	}
	if p.records == nil || records <= 0 {
		return nil
	}
	return p.records.WaitN(ctx, min(records, p.records.Burst()))
}

// waitDay takes one call from today's budget, sleeping until the next UTC
// day when it is spent.
func (p *pacer) waitDay(ctx context.Context) error {
	for {
		next, ok := p.takeCall()
		if ok {
			return nil
		}
		t := time.NewTimer(next.Sub(p.now()))
		select {
		case <-ctx.Done():
			t.Stop()
			return ctx.Err()
		case <-t.C:
		}
	}
}

// takeCall counts a call if today's budget allows, else returns when the
// next day starts.
func (p *pacer) takeCall() (time.Time, bool) {
	if p.perDay <= 0 {
		return time.Time{}, true
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	today := p.now().UTC().Truncate(24 * time.Hour)
	if !today.Equal(p.day) {
		p.day, p.calls = today, 0
	}
	if p.calls >= p.perDay {
		return today.Add(24 * time.Hour), false
	}
	p.calls++
	return time.Time{}, true
}
