package linkedinsim

import (
	"context"
	"errors"
	"fmt"
	"math"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"time"

	"attractor/internal/linkedinsim/restli"
)

// LinkedIn's documented RSC throttles (rsc-api.md §2.4, §2.6): the
// defaults of LimitSettings.
const (
	DefaultRecordsPerMinute       = 10_000
	DefaultCallsPerDay            = 100_000
	DefaultIntegrationCallsPerDay = 5_000
	DefaultExportsPerSeatPerMonth = 300
	DefaultBatchSize              = restli.MaxBatchSize
)

// Error codes of refusals the client may retry: limits and faults.
const (
	ETHROTTLED   = "throttled"   // a limit or an injected burst: 429
	EUNAVAILABLE = "unavailable" // an injected outage: 503
)

// throttleMessage is the text of LinkedIn's 429 body [INF: the wording
// LinkedIn's gateway is reported to send; rsc-api.md §2.5 gives only the
// status].
const throttleMessage = "Resource level throttle %s limit for calls to this resource is reached."

// integrationPrefixes are the paths with their own daily budget instead of
// the app's general one (rsc-api.md §2.6: 5,000 atsIntegrations calls a
// day).
var integrationPrefixes = []string{"/v2/atsIntegrations"}

// LimitSettings are the throttles the simulator enforces, as
// GET/PUT /sim/v1/limits read and write them. When Enabled is false no
// limit applies, the batch size included.
type LimitSettings struct {
	Enabled                bool `json:"enabled"`
	RecordsPerMinute       int  `json:"recordsPerMinute"`
	CallsPerDay            int  `json:"callsPerDay"`
	IntegrationCallsPerDay int  `json:"integrationCallsPerDay"`
	ExportsPerSeatPerMonth int  `json:"exportsPerSeatPerMonth"`
	BatchSize              int  `json:"batchSize"`
}

// DefaultLimitSettings returns LinkedIn's documented limits, enabled.
func DefaultLimitSettings() LimitSettings {
	return LimitSettings{Enabled: true, RecordsPerMinute: DefaultRecordsPerMinute,
		CallsPerDay: DefaultCallsPerDay, IntegrationCallsPerDay: DefaultIntegrationCallsPerDay,
		ExportsPerSeatPerMonth: DefaultExportsPerSeatPerMonth, BatchSize: DefaultBatchSize}
}

// Validate returns a 422 naming the first field that is not a positive
// integer.
func (ls LimitSettings) Validate() error {
	for _, f := range []struct {
		name string
		v    int
	}{{"recordsPerMinute", ls.RecordsPerMinute}, {"callsPerDay", ls.CallsPerDay},
		{"integrationCallsPerDay", ls.IntegrationCallsPerDay},
		{"exportsPerSeatPerMonth", ls.ExportsPerSeatPerMonth}, {"batchSize", ls.BatchSize}} {
		if f.v <= 0 {
			return Errorf(EUNPROCESSABLE, "ERROR :: /%s :: must be a positive integer", f.name)
		}
	}
	return nil
}

// Limits meters partner API calls per app (keyed by client id) and
// exports per seat, in memory:
//
//   - records: a token bucket of RecordsPerMinute records refilled
//     continuously, so Retry-After is the time until this call's records
//     fit;
//   - calls: a counter per UTC day, one for atsIntegrations paths and one
//     for everything else, so Retry-After is the time to the next UTC
//     midnight (LinkedIn's documented reset);
//   - exports: a counter per seat per UTC calendar month.
//
// atsIntegrations calls count only against their own daily budget, not
// the general one nor the records (rsc-api.md §2.6 lists them apart). A
// refused call consumes nothing. A Limits is safe for concurrent use;
// the zero value is not usable, call NewLimits.
type Limits struct {
	now func() time.Time

	mu      sync.Mutex
	set     LimitSettings
	apps    map[string]*appUsage
	exports map[string]*window
}

// appUsage is one app's consumption.
type appUsage struct {
	records      bucket
	calls        window
	integrations window
}

// NewLimits returns Limits with the default settings, reading time from
// now (nil means time.Now).
func NewLimits(now func() time.Time) *Limits {
	if now == nil {
		now = time.Now
	}
	return &Limits{now: now, set: DefaultLimitSettings(), apps: map[string]*appUsage{},
		exports: map[string]*window{}}
}

// Settings returns the current settings.
func (l *Limits) Settings() LimitSettings {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.set
}

// SetSettings validates and applies ls, and starts every meter afresh so a
// test that lowers a limit sees exactly that budget.
func (l *Limits) SetSettings(ls LimitSettings) error {
	if err := ls.Validate(); err != nil {
		return err
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	l.set = ls
	l.apps = map[string]*appUsage{}
	l.exports = map[string]*window{}
	return nil
}

// BatchSize returns the most entities one call may carry, or MaxInt when
// limits are off.
func (l *Limits) BatchSize() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	if !l.set.Enabled {
		return math.MaxInt
	}
	return l.set.BatchSize
}

// AllowExport counts one 1-Click Export by seat (a urn:li:seat) at now,
// or refuses it with a 429 carrying Retry-After (the start of the next
// UTC month) when the seat has used ExportsPerSeatPerMonth this month.
// The export feature calls it before creating the exportedCandidates
// record and returns the error as is; the API adapters render it.
func (l *Limits) AllowExport(seat string, now time.Time) error {
	l.mu.Lock()
	defer l.mu.Unlock()
	if !l.set.Enabled {
		return nil
	}
	w := l.exports[seat]
	if w == nil {
		w = &window{}
		l.exports[seat] = w
	}
	if wait, ok := w.take(monthStart(now), nextMonth, l.set.ExportsPerSeatPerMonth, now); !ok {
		return throttled("SEAT MONTH", wait)
	}
	return nil
}

// RefundExport gives back the export AllowExport counted for seat at now,
// for an export that was allowed but then not stored (the create failed).
// It does nothing when limits are off, when the seat's window has moved on
// to another month since, or when nothing is counted.
func (l *Limits) RefundExport(seat string, now time.Time) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if !l.set.Enabled {
		return
	}
	if w := l.exports[seat]; w != nil {
		w.refund(monthStart(now))
	}
}

// admit meters one authenticated API call of app before its handler runs:
// the daily call budget, then the batch size and records of the default
// count (the ids in the query). It returns r with a meter in its context
// for CountRecords.
func (l *Limits) admit(r *http.Request, app *App) (*http.Request, error) {
	m := &meter{limits: l, app: app.ClientID, integration: isIntegrationPath(r.URL.Path)}
	if err := l.takeCall(m); err != nil {
		return r, err
	}
	if err := m.count(queryRecords(restli.Query(r))); err != nil {
		return r, err
	}
	return r.WithContext(context.WithValue(r.Context(), meterKey{}, m)), nil
}

// takeCall counts the call against the app's daily budget.
func (l *Limits) takeCall(m *meter) error {
	l.mu.Lock()
	defer l.mu.Unlock()
	if !l.set.Enabled {
		return nil
	}
	u := l.usage(m.app)
	now := l.now()
	w, limit, name := &u.calls, l.set.CallsPerDay, "APPLICATION DAY"
	if m.integration {
		w, limit, name = &u.integrations, l.set.IntegrationCallsPerDay, "APPLICATION INTEGRATIONS DAY"
	}
	if wait, ok := w.take(dayStart(now), nextDay, limit, now); !ok {
		return throttled(name, wait)
	}
	m.call = w
	return nil
}

// usage returns app's meters, creating them full. l.mu must be held.
func (l *Limits) usage(app string) *appUsage {
	u := l.apps[app]
	if u == nil {
		u = &appUsage{records: bucket{tokens: float64(l.set.RecordsPerMinute), at: l.now()}}
		l.apps[app] = u
	}
	return u
}

// meter is one call's consumption, kept in the request context so the
// handler can report its real record count.
type meter struct {
	limits      *Limits
	app         string
	integration bool
	call        *window // the counted daily window, to refund
	records     int     // records charged so far
}

type meterKey struct{}

// CountRecords reports that the call r carries n entities (ids, body
// entities or elements), once the handler has parsed them and before it
// writes anything. It checks n against the configured batch size (400, the
// message of restli.CheckBatchSize) and charges the app's records per
// minute for n in place of the adapter's default, the number of ids in the
// query; over the budget it returns a 429 with Retry-After and the call
// consumes nothing. Handlers return its error as is:
//
//	if err := CountRecords(r, len(entities)); err != nil {
//		return err
//	}
//
// Outside the authed adapter (a direct handler test) only the batch size
// is checked, against LinkedIn's 100.
func CountRecords(r *http.Request, n int) error {
	m, _ := r.Context().Value(meterKey{}).(*meter)
	if m == nil {
		return batchError(restli.CheckBatchSize(n, DefaultBatchSize))
	}
	return m.count(n)
}

// count checks the batch size and moves the records charge to n.
func (m *meter) count(n int) error {
	if err := batchError(restli.CheckBatchSize(n, m.limits.BatchSize())); err != nil {
		return err
	}
	l := m.limits
	l.mu.Lock()
	defer l.mu.Unlock()
	if !l.set.Enabled || m.integration {
		return nil
	}
	b := &l.usage(m.app).records
	now := l.now()
	b.refill(now, l.set.RecordsPerMinute)
	if wait, ok := b.take(float64(n-m.records), l.set.RecordsPerMinute); !ok {
		b.tokens = min(b.tokens+float64(m.records), float64(l.set.RecordsPerMinute))
		if m.call != nil {
			m.call.n--
		}
		m.records, m.call = 0, nil
		return throttled("APPLICATION MINUTE RECORDS", wait)
	}
	m.records = n
	return nil
}

// batchError carries restli's 400 as a domain error.
func batchError(err error) error {
	if err == nil {
		return nil
	}
	re := restli.AsError(err)
	return &Error{Code: EINVALID, Message: re.Message}
}

// queryRecords is the default record count of a call: the distinct
// ids[N] indexes plus simple ids= values in the query, and at least 1.
func queryRecords(q url.Values) int {
	idx := map[string]bool{}
	n := len(q["ids"])
	for p := range q {
		if rest, ok := strings.CutPrefix(p, "ids["); ok {
			if i, _, ok := strings.Cut(rest, "]"); ok {
				idx[i] = true
			}
		}
	}
	return max(1, n+len(idx))
}

func isIntegrationPath(path string) bool {
	for _, p := range integrationPrefixes {
		if path == p || strings.HasPrefix(path, p+"/") {
			return true
		}
	}
	return false
}

// bucket is a token bucket of capacity c (the limit per minute) refilled
// at c per minute.
type bucket struct {
	tokens float64
	at     time.Time
}

// refill adds the tokens earned since the last refill.
func (b *bucket) refill(now time.Time, c int) {
	if d := now.Sub(b.at); d > 0 {
		b.tokens = min(float64(c), b.tokens+d.Minutes()*float64(c))
	}
	b.at = now
}

// take removes n tokens, or reports how long until n are there. A
// negative n returns tokens.
func (b *bucket) take(n float64, c int) (time.Duration, bool) {
	if n <= b.tokens {
		b.tokens = min(float64(c), b.tokens-n)
		return 0, true
	}
	if n > float64(c) {
		return time.Minute, false
	}
	return time.Duration((n - b.tokens) / float64(c) * float64(time.Minute)), false
}

// window counts events in a calendar window (a UTC day or month).
type window struct {
	start time.Time
	n     int
}

// take counts one event in the window starting at start, or reports how
// long until the next window when limit events are counted already.
func (w *window) take(start time.Time, next func(time.Time) time.Time, limit int, now time.Time) (time.Duration, bool) {
	if !w.start.Equal(start) {
		w.start, w.n = start, 0
	}
	if w.n >= limit {
		return next(start).Sub(now), false
	}
	w.n++
	return 0, true
}

// refund uncounts one event taken in the window starting at start; a
// window that has moved on is left alone.
func (w *window) refund(start time.Time) {
	if w.start.Equal(start) && w.n > 0 {
		w.n--
	}
}

func dayStart(t time.Time) time.Time {
	y, m, d := t.UTC().Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

func nextDay(start time.Time) time.Time { return start.AddDate(0, 0, 1) }

func monthStart(t time.Time) time.Time {
	y, m, _ := t.UTC().Date()
	return time.Date(y, m, 1, 0, 0, 0, 0, time.UTC)
}

func nextMonth(start time.Time) time.Time { return start.AddDate(0, 1, 0) }

// retryError is a refusal the adapters render with extras: a Retry-After
// header, and no error log for injected faults, which are not failures.
type retryError struct {
	err        *Error
	retryAfter time.Duration // 0: no header
	injected   bool
}

func (e *retryError) Error() string { return e.err.Error() }
func (e *retryError) Unwrap() error { return e.err }

// throttled is the 429 for the named limit, retryable after wait.
func throttled(limit string, wait time.Duration) error {
	return &retryError{err: &Error{Code: ETHROTTLED, Message: fmt.Sprintf(throttleMessage, limit)}, retryAfter: wait}
}

// retryAfterSeconds renders wait as a Retry-After value: whole seconds,
// rounded up, at least 1.
func retryAfterSeconds(wait time.Duration) string {
	return strconv.FormatInt(max(1, int64(math.Ceil(wait.Seconds()))), 10)
}

// setRetryAfter sets Retry-After when err asks for one.
func setRetryAfter(w http.ResponseWriter, err error) {
	var re *retryError
	if errors.As(err, &re) && re.retryAfter > 0 {
		w.Header().Set("Retry-After", retryAfterSeconds(re.retryAfter))
	}
}

// isInjected tells an injected fault, which is not logged.
func isInjected(err error) bool {
	var re *retryError
	return errors.As(err, &re) && re.injected
}
