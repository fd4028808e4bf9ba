package linkedinsim_test

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"attractor/internal/linkedinsim"
)

// These tests drive limits and faults through HTTP against the real
// Server: the control API switches them, the partner API shows them.

// ctlEnv is a running simulator with its control token and a parent
// token; sim holds the Server so tests can reach its Faults.
type ctlEnv struct {
	*simEnv
	sim     *linkedinsim.Server
	control string
	parent  string
}

// setupCtl starts a simulator over a fresh SQLite world with opts.
func setupCtl(t *testing.T, opts ...linkedinsim.Option) *ctlEnv {
	t.Helper()
	t.Parallel()
	ctx := context.Background()
	store := newWorldStore(t)
	st, err := store.Settings(ctx)
	if err != nil {
		t.Fatal(err)
	}
	clock := &testClock{now: time.Now()}
	logger := slog.New(slog.NewTextHandler(io.Discard, nil))
	sim := linkedinsim.NewServer(linkedinsim.NewService(store, clock.Now), logger, opts...)
	srv := httptest.NewServer(sim.Handler())
	t.Cleanup(srv.Close)
	e := &ctlEnv{simEnv: &simEnv{srv: srv, clock: clock}, sim: sim, control: st.ControlToken}
	e.parent = e.rawToken(t, linkedinsim.DefaultPartnerClientID, linkedinsim.DefaultPartnerClientSecret)
	return e
}

// rawToken gets a client-credentials token without checking its expiry
// against the wall clock (the simulator's clock is the test's).
func (e *ctlEnv) rawToken(t *testing.T, id, secret string) string {
	t.Helper()
	form := url.Values{"grant_type": {"client_credentials"}, "client_id": {id}, "client_secret": {secret}}
	var tok struct {
		AccessToken string `json:"access_token"`
		ExpiresIn   int    `json:"expires_in"`
	}
	resp := e.call(t, "POST", "/oauth/v2/accessToken", "", "application/x-www-form-urlencoded", form.Encode(), nil, &tok)
	if resp.StatusCode != http.StatusOK || tok.AccessToken == "" || tok.ExpiresIn != 1800 {
		t.Fatalf("token for %s = %d %+v", id, resp.StatusCode, tok)
	}
	return tok.AccessToken
}

// put sends a control PUT and decodes the answer into out.
func (e *ctlEnv) put(t *testing.T, path, body string, out any) {
	t.Helper()
	resp := e.call(t, "PUT", path, e.control, "application/json", body, nil, out)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("PUT %s %s = %d", path, body, resp.StatusCode)
	}
}

// finder is a cheap authed call: the parent's provisioning finder. Extra
// ids[N] parameters are ignored by the handler but counted as records.
func finder(records int) string {
	p := appsPath + "?q=credentialsByUniqueForeignId&uniqueForeignId=nobody"
	for i := range records {
		p += "&ids[" + strconv.Itoa(i) + "].atsCandidateId=C" + strconv.Itoa(i)
	}
	return p
}

// status makes one call and returns its status, Retry-After and body.
func (e *ctlEnv) status(t *testing.T, method, path, token string) (int, string, linkedinError) {
	t.Helper()
	var body linkedinError
	resp := e.call(t, method, path, token, "", "", nil, &body)
	return resp.StatusCode, resp.Header.Get("Retry-After"), body
}

// wantStatus checks one call's status, Retry-After ("" for none) and, for
// errors, LinkedIn's error body.
func (e *ctlEnv) wantStatus(t *testing.T, path, token string, status int, retryAfter string) {
	t.Helper()
	got, ra, body := e.status(t, "GET", path, token)
	if got != status || ra != retryAfter {
		t.Fatalf("GET %s = %d Retry-After %q, want %d %q", path, got, ra, status, retryAfter)
	}
	if status >= 400 && (body.Status != status || body.Message == "" || body.ServiceErrorCode == nil) {
		t.Errorf("error body %+v, want LinkedIn's shape with status %d", body, status)
	}
}

func TestControlLimits(t *testing.T) {
	e := setupCtl(t)
	var got linkedinsim.LimitSettings
	e.call(t, "GET", "/sim/v1/limits", e.control, "", "", nil, &got)
	if got != linkedinsim.DefaultLimitSettings() {
		t.Errorf("GET limits = %+v, want the defaults", got)
	}
	e.put(t, "/sim/v1/limits", `{"enabled":false,"callsPerDay":7}`, &got)
	want := linkedinsim.DefaultLimitSettings()
	want.Enabled, want.CallsPerDay = false, 7
	if got != want {
		t.Errorf("PUT limits = %+v, want %+v", got, want)
	}
	e.put(t, "/sim/v1/limits", `{}`, &got)
	if got != linkedinsim.DefaultLimitSettings() {
		t.Errorf("PUT {} = %+v, want the defaults", got)
	}

	bad := []struct {
		name, token, ctype, body string
		status                   int
		field                    string
	}{
		{"Zero", e.control, "application/json", `{"recordsPerMinute":0}`, 422, "recordsPerMinute"},
		{"Negative", e.control, "application/json", `{"batchSize":-5}`, 422, "batchSize"},
		{"WrongType", e.control, "application/json", `{"callsPerDay":"many"}`, 400, "callsPerDay"},
		{"UnknownField", e.control, "application/json", `{"recordsPerMinut":5}`, 422, "recordsPerMinut"},
		{"Malformed", e.control, "application/json", `{"enabled":`, 400, ""},
		{"NotJSON", e.control, "text/plain", `{}`, 415, ""},
		{"NoToken", "", "application/json", `{}`, 401, ""},
		{"PartnerToken", e.parent, "application/json", `{}`, 401, ""},
	}
	for _, tt := range bad {
		t.Run(tt.name, func(t *testing.T) {
			got := e.wantError(t, "PUT", "/sim/v1/limits", tt.token, tt.ctype, tt.body, nil, tt.status)
			if !strings.Contains(got.Message, tt.field) {
				t.Errorf("message %q does not name %s", got.Message, tt.field)
			}
		})
	}
	e.call(t, "GET", "/sim/v1/limits", e.control, "", "", nil, &got)
	if got != linkedinsim.DefaultLimitSettings() {
		t.Errorf("after bad PUTs limits = %+v, want unchanged defaults", got)
	}
}

// TestLimitsHTTP shows each limit as a client sees it: 429, LinkedIn's
// error body and a Retry-After that is enough to wait.
func TestLimitsHTTP(t *testing.T) {
	e := setupCtl(t)
	app := e.provision(t, e.parent, "tenant-limits")
	child := e.rawToken(t, app.Credentials.ClientID, app.Credentials.ClientSecret)

	t.Run("RecordsPerMinute", func(t *testing.T) {
		e.put(t, "/sim/v1/limits", `{"recordsPerMinute":150}`, nil)
		e.wantStatus(t, finder(100), e.parent, 200, "")
		// 50 records left; 50 more missing at 150 a minute: 20 s.
		e.wantStatus(t, finder(100), e.parent, 429, "20")
		e.wantStatus(t, finder(100), child, 403, "") // per app: the child is not throttled
		e.clock.Add(20 * time.Second)
		e.wantStatus(t, finder(100), e.parent, 200, "")
		e.wantStatus(t, finder(101), e.parent, 400, "") // the batch size comes first
	})
	t.Run("CallsPerDay", func(t *testing.T) {
		e.put(t, "/sim/v1/limits", `{"callsPerDay":2}`, nil)
		e.wantStatus(t, finder(0), e.parent, 200, "")
		e.wantStatus(t, finder(0), e.parent, 200, "")
		now := e.clock.Now().UTC()
		midnight := time.Date(now.Year(), now.Month(), now.Day()+1, 0, 0, 0, 0, time.UTC)
		_, ra, body := e.status(t, "GET", finder(0), e.parent)
		if secs, _ := strconv.Atoi(ra); secs < 1 || time.Duration(secs)*time.Second < midnight.Sub(now) ||
			body.Status != 429 || !strings.Contains(body.Message, "throttle") {
			t.Errorf("over the day: Retry-After %q (midnight in %v), body %+v", ra, midnight.Sub(now), body)
		}
		e.wantStatus(t, finder(0), child, 403, "")
		e.clock.Add(midnight.Sub(now))
		e.parent = e.rawToken(t, linkedinsim.DefaultPartnerClientID, linkedinsim.DefaultPartnerClientSecret)
		e.wantStatus(t, finder(0), e.parent, 200, "")
	})
	t.Run("SwitchedOff", func(t *testing.T) {
		e.put(t, "/sim/v1/limits", `{"recordsPerMinute":1}`, nil)
		e.wantStatus(t, finder(0), e.parent, 200, "")
		e.wantStatus(t, finder(0), e.parent, 429, "60")
		e.put(t, "/sim/v1/limits", `{"enabled":false,"callsPerDay":1,"recordsPerMinute":1}`, nil)
		for range 5 {
			e.wantStatus(t, finder(100), e.parent, 200, "")
		}
		e.wantStatus(t, finder(150), e.parent, 200, "") // no batch size either
	})
	t.Run("ExportsThroughServer", func(t *testing.T) {
		e.put(t, "/sim/v1/limits", `{"exportsPerSeatPerMonth":1}`, nil)
		lim := e.sim.Limits()
		if err := lim.AllowExport("urn:li:seat:1", e.clock.Now()); err != nil {
			t.Fatal(err)
		}
		if err := lim.AllowExport("urn:li:seat:1", e.clock.Now()); linkedinsim.ErrorCode(err) != linkedinsim.ETHROTTLED {
			t.Errorf("second export = %v, want throttled", err)
		}
	})
}

func TestFaultsOffByDefault(t *testing.T) {
	e := setupCtl(t)
	var st linkedinsim.FaultState
	e.call(t, "GET", "/sim/v1/faults", e.control, "", "", nil, &st)
	if diff := cmp.Diff(linkedinsim.FaultState{}, st); diff != "" {
		t.Errorf("GET faults, want nothing injected (-want +got):\n%s", diff)
	}
	for range 50 {
		e.wantStatus(t, finder(1), e.parent, 200, "")
	}
	e.clock.Add(29 * time.Minute)
	e.wantStatus(t, finder(1), e.parent, 200, "")
	for range 20 {
		if drop, dup := e.sim.Faults().Callback(); drop || dup {
			t.Fatalf("Callback() = %v, %v with faults off", drop, dup)
		}
	}
}

// statuses makes n calls and returns their statuses, checking every error
// is LinkedIn's shape.
func (e *ctlEnv) statuses(t *testing.T, n int) []int {
	t.Helper()
	var out []int
	for range n {
		got, _, body := e.status(t, "GET", finder(1), e.parent)
		if got != 200 && (body.Status != got || body.Message == "" || body.ServiceErrorCode == nil) {
			t.Errorf("%d body %+v, want LinkedIn's error shape", got, body)
		}
		out = append(out, got)
	}
	return out
}

func TestFaultErrorRate(t *testing.T) {
	e := setupCtl(t)
	e.put(t, "/sim/v1/faults", `{"seed":7,"errorRate":0.5}`, nil)
	first := e.statuses(t, 60)
	counts := map[int]int{}
	for _, s := range first {
		counts[s]++
	}
	if len(counts) != 3 || counts[200] == 0 || counts[500] == 0 || counts[503] == 0 {
		t.Errorf("statuses %v, want a mix of 200, 500 and 503 only", counts)
	}
	e.put(t, "/sim/v1/faults", `{"seed":7,"errorRate":0.5}`, nil)
	if again := e.statuses(t, 60); !slices.Equal(first, again) {
		t.Errorf("same seed, different faults:\n%v\n%v", first, again)
	}
	e.put(t, "/sim/v1/faults", `{"errorRate":1}`, nil)
	for _, s := range e.statuses(t, 10) {
		if s != 500 && s != 503 {
			t.Errorf("errorRate 1 answered %d", s)
		}
	}
	e.put(t, "/sim/v1/faults", `{}`, nil)
	for _, s := range e.statuses(t, 10) {
		if s != 200 {
			t.Errorf("faults off answered %d", s)
		}
	}
}

func TestFaultBurst429(t *testing.T) {
	e := setupCtl(t)
	var st linkedinsim.FaultState
	e.put(t, "/sim/v1/faults", `{"burst429Calls":3,"burst429RetryAfterSeconds":7}`, &st)
	if st.Burst429Calls != 3 {
		t.Errorf("PUT answered %+v", st)
	}
	for range 3 {
		e.wantStatus(t, finder(1), e.parent, 429, "7")
	}
	e.wantStatus(t, finder(1), e.parent, 200, "")
	e.call(t, "GET", "/sim/v1/faults", e.control, "", "", nil, &st)
	if st.Burst429Calls != 0 || st.Burst429RetryAfterSeconds != 7 {
		t.Errorf("after the burst GET = %+v, want 0 calls left", st)
	}
	e.put(t, "/sim/v1/faults", `{"burst429Calls":1}`, nil)
	e.wantStatus(t, finder(1), e.parent, 429, "1")
	e.wantStatus(t, finder(1), e.parent, 200, "")
}

func TestFaultLatency(t *testing.T) {
	var mu sync.Mutex
	var delays []time.Duration
	faults := linkedinsim.NewFaults()
	faults.SleepFunc = func(ctx context.Context, d time.Duration) error {
		mu.Lock()
		defer mu.Unlock()
		delays = append(delays, d)
		return nil
	}
	e := setupCtl(t, linkedinsim.WithFaults(faults))
	run := func() []time.Duration {
		mu.Lock()
		delays = nil
		mu.Unlock()
		e.put(t, "/sim/v1/faults", `{"seed":3,"latencyMs":200,"jitterMs":50}`, nil)
		e.statuses(t, 20)
		mu.Lock()
		defer mu.Unlock()
		return slices.Clone(delays)
	}
	first := run()
	if len(first) != 20 {
		t.Fatalf("%d delays for 20 calls", len(first))
	}
	for _, d := range first {
		if d < 200*time.Millisecond || d > 250*time.Millisecond {
			t.Errorf("delay %v, want 200ms + 0..50ms", d)
		}
	}
	if slices.Min(first) == slices.Max(first) {
		t.Errorf("no jitter: %v", first)
	}
	if again := run(); !slices.Equal(first, again) {
		t.Errorf("same seed, different delays:\n%v\n%v", first, again)
	}
}

// TestFaultLatencyReal uses the real timer: a call takes at least the
// added latency, and a client that gives up frees the handler at once.
func TestFaultLatencyReal(t *testing.T) {
	e := setupCtl(t)
	e.put(t, "/sim/v1/faults", `{"latencyMs":30}`, nil)
	start := time.Now()
	e.wantStatus(t, finder(1), e.parent, 200, "")
	if d := time.Since(start); d < 30*time.Millisecond {
		t.Errorf("call took %v, want at least 30ms", d)
	}

	e.put(t, "/sim/v1/faults", `{"latencyMs":600000}`, nil) // 10 minutes
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	req, _ := http.NewRequestWithContext(ctx, "GET", e.srv.URL+finder(1), nil)
	req.Header.Set("Authorization", "Bearer "+e.parent)
	if resp, err := http.DefaultClient.Do(req); err == nil {
		resp.Body.Close()
		t.Fatalf("call under 10 minutes of latency answered %d", resp.StatusCode)
	}
	// Close waits for running handlers: it returns only if the delay
	// honoured the cancelled request context.
	closed := make(chan struct{})
	go func() { e.srv.Close(); close(closed) }()
	select {
	case <-closed:
	case <-time.After(10 * time.Second):
		t.Fatal("handler still sleeping after the client went away")
	}
}

func TestFaultTokenExpiry(t *testing.T) {
	e := setupCtl(t)
	before := e.parent
	var st linkedinsim.FaultState
	e.put(t, "/sim/v1/faults", `{"tokenExpirySeconds":5}`, &st)
	short := e.rawToken(t, linkedinsim.DefaultPartnerClientID, linkedinsim.DefaultPartnerClientSecret)
	e.wantStatus(t, finder(1), short, 200, "")
	e.clock.Add(5 * time.Second)
	_, _, body := e.status(t, "GET", finder(1), short)
	if body.Status != 401 || body.ServiceErrorCode == nil || *body.ServiceErrorCode != 401 ||
		!strings.Contains(body.Message, "expired") {
		t.Errorf("short-lived token after 5s: %+v, want 401 expired", body)
	}
	e.wantStatus(t, finder(1), before, 200, "") // issued before the fault: 30 minutes

	t.Run("RevokeAll", func(t *testing.T) {
		e.put(t, "/sim/v1/faults", `{"revokeTokens":true}`, &st)
		if st.TokensRevokedAt == nil || st.RevokeTokens {
			t.Errorf("PUT revokeTokens answered %+v", st)
		}
		e.wantStatus(t, finder(1), before, 401, "")
		fresh := e.rawToken(t, linkedinsim.DefaultPartnerClientID, linkedinsim.DefaultPartnerClientSecret)
		e.wantStatus(t, finder(1), fresh, 200, "")
		e.put(t, "/sim/v1/faults", `{}`, &st)
		e.wantStatus(t, finder(1), before, 401, "") // revoked for good
		e.wantStatus(t, finder(1), fresh, 200, "")
	})
}

func TestFaultCallback(t *testing.T) {
	e := setupCtl(t)
	f := e.sim.Faults()
	sample := func(body string) (drops, dups []bool) {
		e.put(t, "/sim/v1/faults", body, nil)
		for range 40 {
			d, u := f.Callback()
			drops, dups = append(drops, d), append(dups, u)
		}
		return drops, dups
	}
	all := func(v []bool, want bool) bool {
		return !slices.ContainsFunc(v, func(b bool) bool { return b != want })
	}
	if drops, dups := sample(`{"dropCallbackRate":1}`); !all(drops, true) || !all(dups, false) {
		t.Errorf("drop 1: drops %v dups %v", drops, dups)
	}
	if drops, dups := sample(`{"duplicateCallbackRate":1}`); !all(drops, false) || !all(dups, true) {
		t.Errorf("duplicate 1: drops %v dups %v", drops, dups)
	}
	body := `{"seed":11,"dropCallbackRate":0.3,"duplicateCallbackRate":0.3}`
	drops, dups := sample(body)
	if all(drops, false) || all(drops, true) || all(dups, false) {
		t.Errorf("mixed rates: drops %v dups %v", drops, dups)
	}
	for i := range drops {
		if drops[i] && dups[i] {
			t.Errorf("callback %d both dropped and duplicated", i)
		}
	}
	if d2, u2 := sample(body); !slices.Equal(drops, d2) || !slices.Equal(dups, u2) {
		t.Error("same seed, different callback faults")
	}
}

func TestControlFaultsBadInput(t *testing.T) {
	e := setupCtl(t)
	bad := []struct {
		name, body string
		status     int
		field      string
	}{
		{"RateAboveOne", `{"errorRate":1.5}`, 422, "errorRate"},
		{"NegativeRate", `{"dropCallbackRate":-0.1}`, 422, "dropCallbackRate"},
		{"NegativeLatency", `{"latencyMs":-1}`, 422, "latencyMs"},
		{"HugeJitter", `{"jitterMs":600001}`, 422, "jitterMs"},
		{"ExpiryBeyondTTL", `{"tokenExpirySeconds":1801}`, 422, "tokenExpirySeconds"},
		{"NegativeBurst", `{"burst429Calls":-2}`, 422, "burst429Calls"},
		{"WrongType", `{"latencyMs":"slow"}`, 400, "latencyMs"},
		{"UnknownField", `{"errorRatio":0.1}`, 422, "errorRatio"},
		{"FailJobEmptyID", `{"failJobTasks":{"":"Job location could not be resolved"}}`, 422, "failJobTasks"},
		{"FailJobLongID", `{"failJobTasks":{"` + strings.Repeat("J", 1001) + `":"bad"}}`, 422, "failJobTasks"},
		{"FailJobEmptyMessage", `{"failJobTasks":{"J-1001":""}}`, 422, "failJobTasks"},
		{"FailJobLongMessage", `{"failJobTasks":{"J-1001":"` + strings.Repeat("é", 1001) + `"}}`, 422, "failJobTasks"},
		{"FailJobTooMany", failJobTasks(1001), 422, "failJobTasks"},
		{"FailJobNotString", `{"failJobTasks":{"J-1001":7}}`, 400, "failJobTasks"},
		{"FailJobNotObject", `{"failJobTasks":["J-1001"]}`, 400, "failJobTasks"},
	}
	for _, tt := range bad {
		t.Run(tt.name, func(t *testing.T) {
			got := e.wantError(t, "PUT", "/sim/v1/faults", e.control, "application/json", tt.body, nil, tt.status)
			if !strings.Contains(got.Message, tt.field) {
				t.Errorf("message %q does not name %s", got.Message, tt.field)
			}
		})
	}
	e.wantError(t, "PUT", "/sim/v1/faults", "", "application/json", `{}`, nil, 401)
	e.wantError(t, "GET", "/sim/v1/faults", e.parent, "", "", nil, 401)
	var st linkedinsim.FaultState
	e.call(t, "GET", "/sim/v1/faults", e.control, "", "", nil, &st)
	if diff := cmp.Diff(linkedinsim.FaultState{}, st); diff != "" {
		t.Errorf("after bad PUTs faults changed (-want +got):\n%s", diff)
	}
	if b, _ := json.Marshal(st); strings.Contains(string(b), "revokeTokens") {
		t.Errorf("GET shows the revokeTokens action: %s", b)
	}
}
