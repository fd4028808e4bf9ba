package linkedinsim

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"time"
)

// PushWorkerConfig configures a PushWorker; zero fields take the defaults.
type PushWorkerConfig struct {
	// Client sends the callbacks; default: a client with a 10 s timeout.
	Client *http.Client
	// Backoff is the wait after failed attempt n (1-based); default
	// DefaultBackoff. Tests inject short durations.
	Backoff func(attempt int) time.Duration
	// Poll bounds how long the worker sleeps when nothing wakes it;
	// default 5 s.
	Poll time.Duration
	// Batch is how many due notifications one pass delivers; default 50.
	Batch int
	// Logger receives delivery failures; default: discard.
	Logger *slog.Logger
	// OnAttempt, when set, is called after each attempt is recorded, so
	// tests and monitors can wait for deliveries instead of polling.
	OnAttempt func(PushAttempt)
}

// DefaultBackoff doubles from 1 s up to an hour: 1 s, 2 s, 4 s, …
func DefaultBackoff(attempt int) time.Duration {
	d := time.Second
	for i := 1; i < attempt && d < time.Hour; i++ {
		d *= 2
	}
	return min(d, time.Hour)
}

// PushWorker delivers the push outbox (rsc-api.md §4): it POSTs each due
// notification to the app's CALLBACK_URL, signed with the child app's
// secret, records every attempt and retries with backoff until a 2xx.
// Run is its only goroutine and stops with its context.
type PushWorker struct {
	svc *Service
	cfg PushWorkerConfig
}

// NewPushWorker returns a worker over svc's outbox.
func NewPushWorker(svc *Service, cfg PushWorkerConfig) *PushWorker {
	if cfg.Client == nil {
		cfg.Client = &http.Client{Timeout: 10 * time.Second}
	}
	if cfg.Backoff == nil {
		cfg.Backoff = DefaultBackoff
	}
	if cfg.Poll <= 0 {
		cfg.Poll = 5 * time.Second
	}
	if cfg.Batch <= 0 {
		cfg.Batch = 50
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.DiscardHandler)
	}
	return &PushWorker{svc: svc, cfg: cfg}
}

// Run delivers until ctx is done, then returns nil. Storage errors are
// logged and retried on the next pass, so a blip never stops delivery.
func (w *PushWorker) Run(ctx context.Context) error {
	timer := time.NewTimer(0)
	defer timer.Stop()
	for {
		select {
		case <-ctx.Done():
			return nil
		case <-w.svc.pushWake:
		case <-timer.C:
		}
		if err := w.deliverDue(ctx); err != nil && ctx.Err() == nil {
			w.cfg.Logger.Error("push delivery pass failed", "err", err)
		}
		timer.Reset(w.sleep(ctx))
	}
}

// sleep is how long to wait for the next due notification, at most Poll.
func (w *PushWorker) sleep(ctx context.Context) time.Duration {
	next, err := w.svc.store.NextPushDue(ctx)
	if err != nil {
		return w.cfg.Poll
	}
	return min(max(next.Sub(w.svc.now()), 0), w.cfg.Poll)
}

// deliverDue makes one attempt at every notification due now.
func (w *PushWorker) deliverDue(ctx context.Context) error {
	due, err := w.svc.store.DuePushes(ctx, w.svc.now(), w.cfg.Batch)
	if err != nil {
		return err
	}
	for _, p := range due {
		if err := w.deliver(ctx, p); err != nil {
			return err
		}
	}
	return nil
}

// deliver makes one attempt and records it.
func (w *PushWorker) deliver(ctx context.Context, p PushNotification) error {
	url, secret, targetErr := w.svc.pushTarget(ctx, p.AppID)
	a := PushAttempt{PushID: p.ID, Attempt: p.Attempts + 1, At: w.svc.now(), CallbackURL: url}
	drop, duplicate := false, false
	if p.Attempts == 0 { // the faults decide once per notification, not per retry
		drop, duplicate = w.svc.faults.Callback()
	}
	var err error
	switch {
	case targetErr != nil: // recorded and retried like a failed post, so one
		err = targetErr //    bad row never blocks the queue behind it
	case drop:
		a.Error = "dropped by fault injection" // LinkedIn lost it: never sent, never retried
	case duplicate:
		if a.StatusCode, err = w.post(ctx, url, secret, p.Body); err == nil {
			a.StatusCode, err = w.post(ctx, url, secret, p.Body)
		}
	default:
		a.StatusCode, err = w.post(ctx, url, secret, p.Body)
	}
	progress := PushProgress{Attempts: a.Attempt}
	if err == nil {
		progress.DeliveredAt = a.At
		progress.NextAttemptAt = p.NextAttemptAt
	} else {
		a.Error = err.Error()
		progress.NextAttemptAt = a.At.Add(w.cfg.Backoff(a.Attempt))
		w.cfg.Logger.Warn("push delivery failed", "push", p.ID, "type", p.Type, "attempt", a.Attempt, "err", err)
	}
	if err := w.svc.store.RecordPushAttempt(ctx, a, progress); err != nil {
		return err
	}
	if w.cfg.OnAttempt != nil {
		w.cfg.OnAttempt(a)
	}
	return nil
}

// post sends one signed notification; any answer but 2xx is an error.
func (w *PushWorker) post(ctx context.Context, url, secret string, body []byte) (int, error) {
	if url == "" {
		return 0, fmt.Errorf("no CALLBACK_URL configured")
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, url, bytes.NewReader(body))
	if err != nil {
		return 0, fmt.Errorf("build request: %w", err)
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set(SignatureHeader, SignPush(body, secret))
	resp, err := w.cfg.Client.Do(req)
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10)) //nolint:errcheck // draining for reuse only
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return resp.StatusCode, fmt.Errorf("callback answered %d", resp.StatusCode)
	}
	return resp.StatusCode, nil
}
