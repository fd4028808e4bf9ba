package rsc

import (
	"context"
	"net/http"
	"sync/atomic"
	"testing"
	"time"
)

func okFinder(calls *atomic.Int32) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		calls.Add(1)
		writeJSON(w, 200, map[string]any{"elements": []any{}})
	}
}

func TestDailyBudgetWaits(t *testing.T) {
	var calls atomic.Int32
	f := newFake(t, okFinder(&calls))
	now := time.Date(2026, 3, 1, 23, 0, 0, 0, time.UTC)
	cl := f.client(Config{CallsPerDay: 2, NowFunc: func() time.Time { return now }})
	ctx := context.Background()
	for range 2 {
		if _, err := cl.IntegrationsByRequest(ctx, "r"); err != nil {
			t.Fatal(err)
		}
	}
	short, cancel := context.WithTimeout(ctx, 20*time.Millisecond)
	defer cancel()
	if _, err := cl.IntegrationsByRequest(short, "r"); err == nil || KindOf(err) != Retryable {
		t.Errorf("third call = %v, want it to wait for tomorrow and give up with ctx", err)
	}
	if calls.Load() != 2 {
		t.Errorf("API calls = %d, want 2 within the daily budget", calls.Load())
	}
	now = now.Add(time.Hour) // next UTC day
	if _, err := cl.IntegrationsByRequest(ctx, "r"); err != nil {
		t.Errorf("call on the next day: %v", err)
	}
}

func TestRecordBudgetWaits(t *testing.T) {
	var calls atomic.Int32
	f := newFake(t, func(w http.ResponseWriter, r *http.Request) {
		calls.Add(1)
		writeJSON(w, 200, map[string]any{"results": map[string]any{}, "errors": map[string]any{}})
	})
	cl := f.client(Config{RecordsPerMinute: 60}) // one record a second, burst 60
	ids := make([]string, 60)
	for i := range ids {
		ids[i] = "C" + string(rune('A'+i%26))
	}
	ctx := context.Background()
	if _, err := cl.DeleteCandidates(ctx, org, ids); err != nil {
		t.Fatal(err)
	}
	short, cancel := context.WithTimeout(ctx, 20*time.Millisecond)
	defer cancel()
	if _, err := cl.DeleteCandidates(short, org, ids[:10]); err == nil {
		t.Error("second batch went out at once; want it to wait for the bucket")
	}
	if calls.Load() != 1 {
		t.Errorf("API calls = %d, want 1", calls.Load())
	}
}

func TestPacerDefaultsAndUnlimited(t *testing.T) {
	p := newPacer(0, 0, time.Now)
	if p.perDay != DefaultCallsPerDay || p.records.Limit() != DefaultRecordsPerMinute/60.0 || p.records.Burst() != maxBatch {
		t.Errorf("defaults = %d/day, %v/s burst %d", p.perDay, p.records.Limit(), p.records.Burst())
	}
	u := newPacer(-1, -1, time.Now)
	if err := u.wait(context.Background(), 1_000_000); err != nil || u.records != nil {
		t.Errorf("unlimited pacer: %v", err)
	}
}
