package linkedinsim

import (
	"context"
	"maps"
	"math/rand/v2"
	"slices"
	"sync"
	"time"
	"unicode/utf8"
)

// Bounds of the fault settings, so a typo cannot hang the simulator, and
// a runaway script cannot grow it without end.
const (
	maxFaultLatency = 10 * time.Minute
	maxBurst        = 1_000_000
	maxFailJobTasks = 1_000 // entries of failJobTasks
	maxFailJobText  = 1_000 // characters of a failJobTasks id or message
)

// FaultSettings are the failures the simulator injects, as GET/PUT
// /sim/v1/faults read and write them. The zero value injects nothing,
// which is the default. PUT replaces the whole set: an omitted field is
// off.
type FaultSettings struct {
	// Seed seeds the random choices (which calls fail, 500 or 503, the
	// jitter, which callbacks are dropped or duplicated), so a test that
	// sends the same calls in the same order sees the same faults. Every
	// PUT reseeds.
	Seed int64 `json:"seed"`
	// ErrorRate is the fraction of partner API calls, in [0, 1], answered
	// 500 or 503 (even odds) with LinkedIn's error body instead of being
	// served.
	ErrorRate float64 `json:"errorRate"`
	// LatencyMs delays every partner API call, plus a uniform random
	// 0..JitterMs. The delay ends early when the client goes away.
	LatencyMs int `json:"latencyMs"`
	JitterMs  int `json:"jitterMs"`
	// TokenExpirySeconds, when positive, makes tokens issued from now on
	// expire after that many seconds. The token response still says
	// expires_in 1800, as the point is to exercise the client's re-auth on
	// 401.
	TokenExpirySeconds int `json:"tokenExpirySeconds"`
	// RevokeTokens, when true in a PUT, invalidates every token issued so
	// far (401, "expired"); tokens issued afterwards work. It is an action,
	// not a state: GET reports it as tokensRevokedAt.
	RevokeTokens bool `json:"revokeTokens,omitempty"`
	// Burst429Calls answers the next N partner API calls 429 with
	// Retry-After: Burst429RetryAfterSeconds (0 means 1). GET reports how
	// many of the N are left.
	Burst429Calls             int `json:"burst429Calls"`
	Burst429RetryAfterSeconds int `json:"burst429RetryAfterSeconds"`
	// DropCallbackRate and DuplicateCallbackRate, in [0, 1], are the odds
	// that Callback tells the push worker to drop a push notification, or
	// to deliver it twice.
	DropCallbackRate      float64 `json:"dropCallbackRate"`
	DuplicateCallbackRate float64 `json:"duplicateCallbackRate"`
	// FailJobTasks maps an ATS externalJobPostingId to the error message
	// the next job creation task for that id ends FAILED with (of any app
	// and organization), after JobTaskDelay as a successful task would.
	// Each entry is one-shot: creating the task removes it, so GET lists
	// only the entries still waiting, and sending the job again (once the
	// customer fixed it) succeeds.
	FailJobTasks map[string]string `json:"failJobTasks,omitempty"`
}

// FaultState is what GET /sim/v1/faults returns: the settings, with
// Burst429Calls counting down and FailJobTasks losing the entries used,
// and when tokens were last revoked.
type FaultState struct {
	FaultSettings
	TokensRevokedAt *time.Time `json:"tokensRevokedAt,omitempty"`
}

// Validate returns a 422 naming the first field out of range.
func (fs FaultSettings) Validate() error {
	rates := []struct {
		name string
		v    float64
	}{{"errorRate", fs.ErrorRate}, {"dropCallbackRate", fs.DropCallbackRate},
		{"duplicateCallbackRate", fs.DuplicateCallbackRate}}
	for _, r := range rates {
		if !(r.v >= 0 && r.v <= 1) {
			return Errorf(EUNPROCESSABLE, "ERROR :: /%s :: must be a number from 0 to 1", r.name)
		}
	}
	counts := []struct {
		name   string
		v, max int
	}{{"latencyMs", fs.LatencyMs, int(maxFaultLatency.Milliseconds())},
		{"jitterMs", fs.JitterMs, int(maxFaultLatency.Milliseconds())},
		{"tokenExpirySeconds", fs.TokenExpirySeconds, int(TokenTTL.Seconds())},
		{"burst429Calls", fs.Burst429Calls, maxBurst},
		{"burst429RetryAfterSeconds", fs.Burst429RetryAfterSeconds, 86_400}}
	for _, c := range counts {
		if c.v < 0 || c.v > c.max {
			return Errorf(EUNPROCESSABLE, "ERROR :: /%s :: must be an integer from 0 to %d", c.name, c.max)
		}
	}
	return validateFailJobTasks(fs.FailJobTasks)
}

// validateFailJobTasks bounds failJobTasks and refuses empty ids, which
// no job has (externalJobPostingId is required and non-empty), and empty
// messages, as a FAILED task always carries one. Ids are checked in
// order, so the same body always names the same entry.
func validateFailJobTasks(m map[string]string) error {
	if len(m) > maxFailJobTasks {
		return Errorf(EUNPROCESSABLE, "ERROR :: /failJobTasks :: must have at most %d entries", maxFailJobTasks)
	}
	for _, id := range slices.Sorted(maps.Keys(m)) {
		if id == "" || utf8.RuneCountInString(id) > maxFailJobText {
			return Errorf(EUNPROCESSABLE, "ERROR :: /failJobTasks :: an externalJobPostingId must have 1 to %d characters", maxFailJobText)
		}
		if n := utf8.RuneCountInString(m[id]); n == 0 || n > maxFailJobText {
			return Errorf(EUNPROCESSABLE, "ERROR :: /failJobTasks :: the message for %q must have 1 to %d characters", id, maxFailJobText)
		}
	}
	return nil
}

// Faults injects failures into the partner API, the token service and the
// push worker. It is safe for concurrent use; make one with NewFaults.
//
// Who calls what:
//   - the Server's authed adapter calls it before authenticating each
//     partner API call (latency, 429 bursts, 500/503);
//   - the Service consults it when issuing and checking tokens (forced
//     expiry, revocation); NewServer attaches the Server's Faults to its
//     Service, WithTokenFaults does so for a Service used alone;
//   - the push worker calls Callback once per notification it is about to
//     send, before the first attempt: drop means do not send it at all
//     (never, not even a retry: the ATS must cope with a lost push);
//     duplicate means send it twice (the same body and signature), so the
//     ATS must deliver idempotently;
//   - the Service's SyncJobs calls claimJobTaskFailures once per batch of
//     new tasks, to fail those whose job failJobTasks names.
type Faults struct {
	// SleepFunc waits d or until ctx ends, returning ctx.Err() then. nil
	// means a timer. Tests set it, before serving, to record delays.
	SleepFunc func(ctx context.Context, d time.Duration) error

	mu        sync.Mutex
	set       FaultSettings
	version   uint64 // counts Set calls, so an undo never revives a replaced entry
	revokedAt time.Time
	calls     *rand.Rand // which API calls fail, and how
	latency   *rand.Rand // jitter
	callbacks *rand.Rand // Callback's answers
}

// NewFaults returns Faults that inject nothing.
func NewFaults() *Faults {
	f := &Faults{}
	f.reseed(0)
	return f
}

// reseed gives each consumer its own stream, so concurrent pushes do not
// change which API calls fail. f.mu must be held.
func (f *Faults) reseed(seed int64) {
	s := uint64(seed)
	f.calls = rand.New(rand.NewPCG(s, 1))
	f.latency = rand.New(rand.NewPCG(s, 2))
	f.callbacks = rand.New(rand.NewPCG(s, 3))
}

// State returns the current settings and state.
func (f *Faults) State() FaultState {
	f.mu.Lock()
	defer f.mu.Unlock()
	st := FaultState{FaultSettings: f.set}
	st.FailJobTasks = nil // claims modify the map: copy it, and none left is none
	if len(f.set.FailJobTasks) > 0 {
		st.FailJobTasks = maps.Clone(f.set.FailJobTasks)
	}
	if !f.revokedAt.IsZero() {
		at := f.revokedAt
		st.TokensRevokedAt = &at
	}
	return st
}

// Set validates fs and replaces the settings, reseeding the random
// choices; with RevokeTokens it invalidates every token issued before now.
func (f *Faults) Set(fs FaultSettings, now time.Time) error {
	if err := fs.Validate(); err != nil {
		return err
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	if fs.RevokeTokens {
		f.revokedAt = now.UTC().Truncate(time.Microsecond) // the store's precision
		fs.RevokeTokens = false
	}
	fs.FailJobTasks = maps.Clone(fs.FailJobTasks) // claims modify the map
	f.set = fs
	f.version++
	f.reseed(fs.Seed)
	return nil
}

// claimJobTaskFailures gives each of tasks whose job failJobTasks names
// that entry's message, and removes the entry: it is used up by the first
// task for the job, even when one batch holds the same id twice (for two
// organizations). The tasks are not stored yet, so the caller calls undo
// when storing them fails; undo puts the entries back unless a PUT has
// replaced the settings since. A nil f fails nothing.
func (f *Faults) claimJobTaskFailures(tasks []*JobTask) (undo func()) {
	if f == nil {
		return func() {}
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	claimed := map[string]string{}
	for _, t := range tasks {
		if msg, ok := f.set.FailJobTasks[t.ExternalJobPostingID]; ok {
			t.ErrorMessage = msg
			claimed[t.ExternalJobPostingID] = msg
			delete(f.set.FailJobTasks, t.ExternalJobPostingID)
		}
	}
	version := f.version
	return func() {
		f.mu.Lock()
		defer f.mu.Unlock()
		if f.version == version {
			maps.Copy(f.set.FailJobTasks, claimed)
		}
	}
}

// Callback tells the push worker what to do with the notification it is
// about to send: drop it, or send it twice. With no callback faults set it
// returns false, false. See Faults for the contract.
func (f *Faults) Callback() (drop bool, duplicate bool) {
	if f == nil {
		return false, false
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.set.DropCallbackRate > 0 && f.callbacks.Float64() < f.set.DropCallbackRate {
		return true, false
	}
	return false, f.set.DuplicateCallbackRate > 0 && f.callbacks.Float64() < f.set.DuplicateCallbackRate
}

// inject runs the API call faults, in the order a gateway would: the
// delay, then a 429 burst, then a random 500/503. A nil error means serve
// the call.
func (f *Faults) inject(ctx context.Context) error {
	if d := f.delay(); d > 0 {
		if err := f.sleep(ctx, d); err != nil {
			return &retryError{err: Errorf(EINTERNAL, "Request cancelled."), injected: true}
		}
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.set.Burst429Calls > 0 {
		f.set.Burst429Calls--
		wait := time.Duration(max(1, f.set.Burst429RetryAfterSeconds)) * time.Second
		re := throttled("APPLICATION", wait).(*retryError)
		re.injected = true
		return re
	}
	if f.set.ErrorRate > 0 && f.calls.Float64() < f.set.ErrorRate {
		if f.calls.IntN(2) == 0 {
			return &retryError{err: &Error{Code: EINTERNAL, Message: "Internal Server Error"}, injected: true}
		}
		return &retryError{err: &Error{Code: EUNAVAILABLE, Message: "Service Unavailable"}, injected: true}
	}
	return nil
}

// delay draws this call's added latency.
func (f *Faults) delay() time.Duration {
	f.mu.Lock()
	defer f.mu.Unlock()
	d := time.Duration(f.set.LatencyMs) * time.Millisecond
	if f.set.JitterMs > 0 {
		d += time.Duration(f.latency.IntN(f.set.JitterMs+1)) * time.Millisecond
	}
	return d
}

func (f *Faults) sleep(ctx context.Context, d time.Duration) error {
	if f.SleepFunc != nil {
		return f.SleepFunc(ctx, d)
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// tokenTTL is the lifetime of a token issued now. A nil f is no faults.
func (f *Faults) tokenTTL() time.Duration {
	if f == nil {
		return TokenTTL
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.set.TokenExpirySeconds > 0 {
		return time.Duration(f.set.TokenExpirySeconds) * time.Second
	}
	return TokenTTL
}

// issuedAt is the creation time to record for a token issued at now: now,
// or just after the last revocation when the clock has not passed it, so
// a token issued after a revocation is never caught by it.
func (f *Faults) issuedAt(now time.Time) time.Time {
	if f == nil {
		return now
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	if !f.revokedAt.IsZero() && !now.UTC().Truncate(time.Microsecond).After(f.revokedAt) {
		return f.revokedAt.Add(time.Microsecond)
	}
	return now
}

// tokenRevoked reports whether a token created at createdAt was revoked.
func (f *Faults) tokenRevoked(createdAt time.Time) bool {
	if f == nil {
		return false
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	return !f.revokedAt.IsZero() && !createdAt.After(f.revokedAt)
}

// WithTokenFaults makes a Service consult f when issuing and checking
// tokens, and when creating job tasks (failJobTasks). NewServer applies it
// with the Server's Faults.
func WithTokenFaults(f *Faults) ServiceOption {
	return func(s *Service) { s.faults = f }
}
