package linkedinsim

import (
	"errors"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// fakeClock is a settable clock, so windows pass without sleeping.
type fakeClock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *fakeClock) Now() time.Time      { c.mu.Lock(); defer c.mu.Unlock(); return c.now }
func (c *fakeClock) Add(d time.Duration) { c.mu.Lock(); defer c.mu.Unlock(); c.now = c.now.Add(d) }

// t0 is mid-morning UTC on the 10th, far from day and month ends.
var t0 = time.Date(2026, 3, 10, 9, 30, 0, 0, time.UTC)

// limitStep is one row of a scripted run: after advancing the clock by
// advance, app makes calls calls to path, each carrying records ids; every
// call must answer status, and the last one Retry-After retryAfter.
type limitStep struct {
	name       string
	advance    time.Duration
	app        string
	path       string
	records    int
	calls      int
	status     int
	retryAfter string
}

// runLimitSteps plays steps in order against l.
func runLimitSteps(t *testing.T, l *Limits, clock *fakeClock, steps []limitStep) {
	t.Helper()
	for _, st := range steps {
		clock.Add(st.advance)
		path := st.path
		if path == "" {
			path = "/v2/atsCandidates"
		}
		for i := range st.calls {
			status, ra := admitCall(t, l, st.app, path, st.records)
			if status != st.status {
				t.Fatalf("%s: call %d of %d = %d, want %d", st.name, i+1, st.calls, status, st.status)
			}
			if i == st.calls-1 && ra != st.retryAfter {
				t.Errorf("%s: Retry-After = %q, want %q", st.name, ra, st.retryAfter)
			}
		}
	}
}

// admitCall runs the adapter's admission for one call of app carrying n
// ids in the query, returning the status it would answer and Retry-After.
func admitCall(t *testing.T, l *Limits, app, path string, n int) (int, string) {
	t.Helper()
	_, err := l.admit(httptest.NewRequest("GET", path+idsQuery(n), nil), &App{ClientID: app})
	return outcome(err)
}

// outcome renders err as the adapter would: status and Retry-After.
func outcome(err error) (int, string) {
	if err == nil {
		return http.StatusOK, ""
	}
	rec := httptest.NewRecorder()
	setRetryAfter(rec, err)
	return statusOf(ErrorCode(err)), rec.Header().Get("Retry-After")
}

// idsQuery is a protocol-1 batch query of n compound keys.
func idsQuery(n int) string {
	var b strings.Builder
	for i := range n {
		sep := "&"
		if i == 0 {
			sep = "?"
		}
		b.WriteString(sep + "ids[" + strconv.Itoa(i) + "].atsCandidateId=C" + strconv.Itoa(i) +
			"&ids[" + strconv.Itoa(i) + "].dataProvider=ATS")
	}
	return b.String()
}

func newTestLimits(t *testing.T, ls LimitSettings) (*Limits, *fakeClock) {
	t.Helper()
	clock := &fakeClock{now: t0}
	l := NewLimits(clock.Now)
	if err := l.SetSettings(ls); err != nil {
		t.Fatal(err)
	}
	return l, clock
}

func TestLimitsRecordsPerMinute(t *testing.T) {
	l, clock := newTestLimits(t, DefaultLimitSettings())
	runLimitSteps(t, l, clock, []limitStep{
		{name: "FillMinute", app: "a", records: 100, calls: 100, status: 200},
		// 100 records at 10,000/min take 0.6 s to earn back.
		{name: "Over", app: "a", records: 100, calls: 1, status: 429, retryAfter: "1"},
		{name: "OtherAppUnaffected", app: "b", records: 100, calls: 100, status: 200},
		{name: "AfterRetryAfter", advance: time.Second, app: "a", records: 100, calls: 1, status: 200},
		// 1 s earned 166.7 records; 100 spent, 66.7 left.
		{name: "OverAgain", app: "a", records: 100, calls: 1, status: 429, retryAfter: "1"},
		{name: "SmallFits", app: "a", records: 60, calls: 1, status: 200},
		{name: "RefusedCallsCostNothing", app: "a", records: 100, calls: 50, status: 429, retryAfter: "1"},
		{name: "WindowRecovered", advance: time.Minute, app: "a", records: 100, calls: 100, status: 200},
		{name: "FullAgain", app: "a", records: 1, calls: 1, status: 429, retryAfter: "1"},
	})
}

// TestLimitsRetryAfterExact checks Retry-After is the time until the
// call's records fit, rounded up, and that waiting exactly that long is
// enough.
func TestLimitsRetryAfterExact(t *testing.T) {
	ls := DefaultLimitSettings()
	ls.RecordsPerMinute = 120 // 2 records a second
	ls.BatchSize = 200
	l, clock := newTestLimits(t, ls)
	runLimitSteps(t, l, clock, []limitStep{
		{name: "Fill", app: "a", records: 60, calls: 2, status: 200},
		{name: "Need50", app: "a", records: 50, calls: 1, status: 429, retryAfter: "25"},
		{name: "Early", advance: 24 * time.Second, app: "a", records: 50, calls: 1, status: 429, retryAfter: "1"},
		{name: "OnTime", advance: time.Second, app: "a", records: 50, calls: 1, status: 200},
		{name: "MoreThanCapacity", advance: time.Hour, app: "a", records: 121, calls: 1, status: 429,
			retryAfter: "60"},
	})
}

func TestLimitsCallsPerDay(t *testing.T) {
	ls := DefaultLimitSettings()
	ls.RecordsPerMinute = 1 << 30 // calls, not records, are under test
	l, clock := newTestLimits(t, ls)
	clock.Add(14*time.Hour + 29*time.Minute) // 23:59 UTC
	runLimitSteps(t, l, clock, []limitStep{
		{name: "FullDay", app: "a", records: 1, calls: DefaultCallsPerDay, status: 200},
		{name: "Over", app: "a", records: 1, calls: 1, status: 429, retryAfter: "60"},
		{name: "OtherApp", app: "b", records: 1, calls: 1, status: 200},
		{name: "IntegrationsOwnBudget", app: "a", path: "/v2/atsIntegrations", calls: 1, status: 200},
		{name: "StillOverBeforeMidnight", advance: 59 * time.Second, app: "a", records: 1, calls: 1, status: 429,
			retryAfter: "1"},
		{name: "NextUTCDay", advance: time.Second, app: "a", records: 1, calls: 1, status: 200},
	})
}

func TestLimitsIntegrationCallsPerDay(t *testing.T) {
	l, clock := newTestLimits(t, DefaultLimitSettings())
	integ := "/v2/atsIntegrations/urn:li:organization:1/configurations"
	runLimitSteps(t, l, clock, []limitStep{
		{name: "FullDay", app: "a", path: "/v2/atsIntegrations", calls: DefaultIntegrationCallsPerDay, status: 200},
		{name: "Over", app: "a", path: integ, calls: 1, status: 429, retryAfter: strconv.Itoa(14*3600 + 30*60)},
		{name: "OtherResourcesUnaffected", app: "a", path: "/v2/atsCandidates", records: 1, calls: 1, status: 200},
		{name: "PrefixIsASegment", app: "a", path: "/v2/atsIntegrationsX", records: 1, calls: 1, status: 200},
		{name: "OtherApp", app: "b", path: "/v2/atsIntegrations", calls: 1, status: 200},
		{name: "NextDay", advance: 24 * time.Hour, app: "a", path: "/v2/atsIntegrations", calls: 1, status: 200},
	})
}

func TestLimitsExportsPerSeatPerMonth(t *testing.T) {
	l, clock := newTestLimits(t, DefaultLimitSettings())
	export := func(seat string) (int, string) { return outcome(l.AllowExport(seat, clock.Now())) }
	for i := range DefaultExportsPerSeatPerMonth {
		if status, _ := export("urn:li:seat:1"); status != 200 {
			t.Fatalf("export %d = %d, want 200", i+1, status)
		}
	}
	// From 2026-03-10 09:30 to 2026-04-01 00:00 UTC.
	wantWait := strconv.Itoa(int(time.Date(2026, 4, 1, 0, 0, 0, 0, time.UTC).Sub(t0).Seconds()))
	tests := []struct {
		name       string
		advance    time.Duration
		seat       string
		status     int
		retryAfter string
	}{
		{"Over", 0, "urn:li:seat:1", 429, wantWait},
		{"OtherSeat", 0, "urn:li:seat:2", 200, ""},
		{"SameMonthLater", 21 * 24 * time.Hour, "urn:li:seat:1", 429, strconv.Itoa(14*3600 + 30*60)},
		{"NextMonth", 15 * time.Hour, "urn:li:seat:1", 200, ""},
	}
	for _, tt := range tests {
		clock.Add(tt.advance)
		status, ra := export(tt.seat)
		if status != tt.status || ra != tt.retryAfter {
			t.Errorf("%s: export = %d Retry-After %q, want %d %q", tt.name, status, ra, tt.status, tt.retryAfter)
		}
	}
}

func TestLimitsDisabled(t *testing.T) {
	ls := DefaultLimitSettings()
	ls.Enabled = false
	ls.RecordsPerMinute, ls.CallsPerDay, ls.IntegrationCallsPerDay, ls.ExportsPerSeatPerMonth = 1, 1, 1, 1
	l, clock := newTestLimits(t, ls)
	runLimitSteps(t, l, clock, []limitStep{
		{name: "Records", app: "a", records: 100, calls: 10, status: 200},
		{name: "BatchSizeOff", app: "a", records: 150, calls: 1, status: 200},
		{name: "Integrations", app: "a", path: "/v2/atsIntegrations", calls: 10, status: 200},
	})
	for range 10 {
		if err := l.AllowExport("urn:li:seat:1", clock.Now()); err != nil {
			t.Fatalf("AllowExport with limits off: %v", err)
		}
	}
	if got := l.BatchSize(); got < 1<<30 {
		t.Errorf("BatchSize with limits off = %d, want unbounded", got)
	}
}

func TestLimitsBatchSize(t *testing.T) {
	ls := DefaultLimitSettings()
	ls.BatchSize = 10
	l, clock := newTestLimits(t, ls)
	runLimitSteps(t, l, clock, []limitStep{
		{name: "AtLimit", app: "a", records: 10, calls: 1, status: 200},
		{name: "OverInQuery", app: "a", records: 11, calls: 1, status: 400},
	})
	_, err := l.admit(httptest.NewRequest("GET", "/v2/atsCandidates"+idsQuery(101), nil), &App{ClientID: "a"})
	if got := ErrorMessage(err); got != "Batch size 101 exceeds the maximum allowed batch size of 10" {
		t.Errorf("101 ids: message %q", got)
	}
}

// TestCountRecords drives the handler hook: the adapter charges the ids in
// the query, CountRecords moves the charge to what the handler parsed,
// and a refused call gives back its records and its daily call.
func TestCountRecords(t *testing.T) {
	ls := DefaultLimitSettings()
	ls.RecordsPerMinute, ls.CallsPerDay, ls.BatchSize = 150, 2, 100
	l, _ := newTestLimits(t, ls)
	app := &App{ClientID: "a"}
	call := func(n int) (int, string) {
		r, err := l.admit(httptest.NewRequest("POST", "/v2/simpleJobPostings", nil), app)
		if err != nil {
			return outcome(err)
		}
		return outcome(CountRecords(r, n))
	}
	tests := []struct {
		name       string
		records    int
		status     int
		retryAfter string
	}{
		{"ElementsInBody", 100, 200, ""},        // 50 records left, 1 call
		{"Refused", 100, 429, "20"},             // 50 missing at 150/min; refunded
		{"RefundedCallAndRecords", 50, 200, ""}, // 2nd call of the day, exactly 50 left
		{"DailyBudgetNowSpent", 0, 429, ""},
	}
	for _, tt := range tests {
		status, ra := call(tt.records)
		if status != tt.status || (tt.retryAfter != "" && ra != tt.retryAfter) {
			t.Errorf("%s: = %d Retry-After %q, want %d %q", tt.name, status, ra, tt.status, tt.retryAfter)
		}
	}

	t.Run("BatchSize", func(t *testing.T) {
		l, _ := newTestLimits(t, DefaultLimitSettings())
		r, err := l.admit(httptest.NewRequest("POST", "/v2/atsCandidates", nil), app)
		if err != nil {
			t.Fatal(err)
		}
		err = CountRecords(r, 101)
		if status, _ := outcome(err); status != 400 ||
			ErrorMessage(err) != "Batch size 101 exceeds the maximum allowed batch size of 100" {
			t.Errorf("101 entities = %d %q", status, ErrorMessage(err))
		}
	})
	t.Run("NoAdapter", func(t *testing.T) {
		r := httptest.NewRequest("POST", "/v2/atsCandidates", nil)
		if err := CountRecords(r, 100); err != nil {
			t.Errorf("100 without adapter: %v", err)
		}
		if status, _ := outcome(CountRecords(r, 101)); status != 400 {
			t.Errorf("101 without adapter = %d, want 400", status)
		}
	})
}

func TestLimitSettingsValidate(t *testing.T) {
	tests := []struct {
		name  string
		edit  func(*LimitSettings)
		field string
	}{
		{"OK", func(*LimitSettings) {}, ""},
		{"DisabledStillValidated", func(ls *LimitSettings) { ls.Enabled = false; ls.BatchSize = 0 }, "batchSize"},
		{"Records", func(ls *LimitSettings) { ls.RecordsPerMinute = 0 }, "recordsPerMinute"},
		{"Calls", func(ls *LimitSettings) { ls.CallsPerDay = -1 }, "callsPerDay"},
		{"Integrations", func(ls *LimitSettings) { ls.IntegrationCallsPerDay = 0 }, "integrationCallsPerDay"},
		{"Exports", func(ls *LimitSettings) { ls.ExportsPerSeatPerMonth = 0 }, "exportsPerSeatPerMonth"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ls := DefaultLimitSettings()
			tt.edit(&ls)
			err := NewLimits(nil).SetSettings(ls)
			if tt.field == "" {
				if err != nil {
					t.Fatal(err)
				}
				return
			}
			var e *Error
			if !errors.As(err, &e) || e.Code != EUNPROCESSABLE || !strings.Contains(e.Message, "/"+tt.field+" ") {
				t.Errorf("err = %v, want 422 naming %s", err, tt.field)
			}
		})
	}
}

// TestLimitsRefundExport: a refunded export can be taken again; a refund
// never lends an export beyond the limit, touches only its own seat and
// month, and does nothing with limits off.
func TestLimitsRefundExport(t *testing.T) {
	ls := DefaultLimitSettings()
	ls.ExportsPerSeatPerMonth = 2
	l, clock := newTestLimits(t, ls)
	allow := func(seat string) int { s, _ := outcome(l.AllowExport(seat, clock.Now())); return s }
	const a, b = "urn:li:seat:1", "urn:li:seat:2"
	l.RefundExport(a, clock.Now()) // nothing counted yet: no credit
	if allow(a) != 200 || allow(a) != 200 || allow(a) != 429 {
		t.Fatal("a refund before any export lent an extra export")
	}
	l.RefundExport(a, clock.Now())
	if got := allow(a); got != 200 {
		t.Errorf("after refund = %d, want 200", got)
	}
	if got := allow(a); got != 429 {
		t.Errorf("after refund used = %d, want 429", got)
	}
	l.RefundExport(b, clock.Now()) // another seat's refund does not help a
	if got := allow(a); got != 429 {
		t.Errorf("after other seat's refund = %d, want 429", got)
	}
	// A refund dated last month does not credit this month's window.
	last := clock.Now()
	clock.Add(31 * 24 * time.Hour)
	if allow(a) != 200 || allow(a) != 200 {
		t.Fatal("new month should allow two exports")
	}
	l.RefundExport(a, last)
	if got := allow(a); got != 429 {
		t.Errorf("after last month's refund = %d, want 429", got)
	}
	ls.Enabled = false
	if err := l.SetSettings(ls); err != nil {
		t.Fatal(err)
	}
	l.RefundExport(a, clock.Now()) // no panic, no effect
}
