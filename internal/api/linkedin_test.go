package api_test

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"attractor/internal/api"
	"attractor/internal/ats"
	"attractor/internal/linkedinsim"
	"attractor/internal/linkedinsim/simstore"
	"attractor/internal/session"
	"attractor/internal/sqldb"
	"attractor/internal/sqldb/sqldbtest"
)

// simLinkedIn is linkedinsim in-process over loopback HTTP, with its push
// worker delivering notifications.
type simLinkedIn struct {
	url   string
	svc   *linkedinsim.Service
	store *simstore.Store
}

func startSimLinkedIn(t *testing.T) *simLinkedIn {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	st := simstore.New(sqldbtest.OpenSQLite(t, simstore.MigrationsFor(sqldb.SQLite)), nil)
	if err := linkedinsim.Generate(ctx, st, 1, 200); err != nil {
		t.Fatal(err)
	}
	svc := linkedinsim.NewService(st, nil)
	srv := httptest.NewServer(linkedinsim.NewServer(svc, slog.New(slog.DiscardHandler)).Handler())
	t.Cleanup(srv.Close)
	done := make(chan struct{})
	w := linkedinsim.NewPushWorker(svc, linkedinsim.PushWorkerConfig{Poll: 50 * time.Millisecond,
		Backoff: func(int) time.Duration { return 50 * time.Millisecond }})
	go func() {
		defer close(done)
		w.Run(ctx) //nolint:errcheck // Run returns nil when ctx ends
	}()
	t.Cleanup(func() { cancel(); <-done })
	return &simLinkedIn{url: srv.URL, svc: svc, store: st}
}

// member returns the member holding a seat of the default world.
func (l *simLinkedIn) member(t *testing.T, seat int64) *linkedinsim.Member {
	t.Helper()
	s, _, err := l.store.FindSeatContract(context.Background(), seat)
	if err != nil {
		t.Fatal(err)
	}
	m, err := l.store.FindMemberByID(context.Background(), s.MemberID)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// control calls linkedinsim's control API.
func (l *simLinkedIn) control(t *testing.T, path, body string) {
	t.Helper()
	req, _ := http.NewRequest("POST", l.url+path, strings.NewReader(body))
	req.Header.Set("Authorization", "Bearer "+linkedinsim.DefaultControlToken)
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 {
		t.Fatalf("POST %s = %d %s", path, resp.StatusCode, b)
	}
}

// approve signs the seat holder in to linkedinsim, opens authURL and
// clicks Allow; it returns where LinkedIn sends the browser back.
func (l *simLinkedIn) approve(t *testing.T, seat int64, authURL string) *url.URL {
	t.Helper()
	jar, _ := cookiejar.New(nil)
	hc := &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	post := func(path string, form url.Values) *http.Response {
		resp, err := hc.PostForm(l.url+path, form)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp
	}
	post("/checkpoint/lg/login-submit", url.Values{"session_key": {l.member(t, seat).Email},
		"session_password": {linkedinsim.SeatPassword(1)}})
	resp, err := hc.Get(authURL)
	if err != nil || resp.StatusCode != 200 {
		t.Fatalf("consent page: %v %v", resp, err)
	}
	resp.Body.Close()
	u, _ := url.Parse(authURL)
	form := u.Query()
	form.Set("action", "allow")
	loc, err := url.Parse(post("/oauth/v2/authorization", form).Header.Get("Location"))
	if err != nil || loc.Query().Get("code") == "" {
		t.Fatalf("allow redirected to %v", loc)
	}
	return loc
}

// setupLinkedIn is setup with linkedinsim as LinkedIn and the queue
// running, the API's own URL being the instance's public URL.
func setupLinkedIn(t *testing.T) (*testBundle, *simLinkedIn) {
	t.Helper()
	sim := startSimLinkedIn(t)
	b := setupWith(t, sim.url, func(u string) string { return u })
	if err := b.queue.Start(context.Background()); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		if err := b.queue.Stop(ctx); err != nil {
			t.Errorf("stop queue: %v", err)
		}
	})
	return b, sim
}

// noRedirects makes c stop at redirects, so a test reads them.
func noRedirects(c *client) *client {
	c.http.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	return c
}

// signIn returns a cookie-session client of a new user with role.
func (b *testBundle) signIn(t *testing.T, email string, role ats.Role) *client {
	t.Helper()
	mustCreateUser(t, b.svc, email, role)
	c := b.anon(t)
	c.want(200, "POST", "/api/v1/session", map[string]string{"email": email, "password": testPassword})
	return c
}

// TestLinkedInOverAPI drives the admin's setup and a user's connection
// through the JSON API against linkedinsim, LinkedIn's notifications
// arriving at the API's callback route.
func TestLinkedInOverAPI(t *testing.T) {
	t.Parallel()
	b, sim := setupLinkedIn(t)
	admin := b.bearer(t, mustToken(t, b.svc, mustCreateUser(t, b.svc, "admin@example.com", ats.RoleAdmin)))

	widget := call[map[string]any](admin, 200, "POST", linkedin+"/connect", nil)
	apiKey, _ := widget["api_key"].(string)
	if apiKey == "" || widget["script_url"] != sim.url+"/xdoor/scripts/in.js" || widget["stage"] != "provisioned" {
		t.Fatalf("connect = %v", widget)
	}
	reqID, err := sim.svc.RequestIntegration(context.Background(), apiKey, sim.member(t, 90001).PersonURN,
		"urn:li:organization:1001", "urn:li:contract:5001", linkedinsim.LevelContract)
	if err != nil {
		t.Fatal(err)
	}
	bad := admin.wantError(422, "invalid", "POST", linkedin+"/request", map[string]string{"organization": "1001", "contract": "urn:li:contract:5001"})
	if bad.Error.Fields["organization"] == "" {
		t.Errorf("bad organization: %+v", bad.Error)
	}
	admin.wantError(400, "bad_request", "POST", linkedin+"/request", map[string]string{"organisation": "urn:li:organization:1001"})
	// The widget's whole onintegrate payload, as the page hands it over.
	handoff := map[string]any{"organization": "urn:li:organization:1001", "contract": "urn:li:contract:5001",
		"integrationTypes": []string{"ONE_CLICK_EXPORT", "IN_ATS_INDICATOR", "PROFILE_PLUGIN", "CSA_API"},
		"bundle":           "RECRUITER_SYSTEM_CONNECT_CONTRACT", "requestId": reqID}
	v := call[map[string]any](admin, 200, "POST", linkedin+"/request", handoff)
	if v["stage"] != "partner_ready" || v["callback_url"] != b.url+"/api/v1/integrations/linkedin/callback" {
		t.Fatalf("request = %v", v)
	}

	sim.control(t, "/sim/v1/ats-instances/"+v["app_urn"].(string)+"/enable",
		`{"level":"contract","contract":"urn:li:contract:5001","actor":"urn:li:seat:90001"}`)
	deadline := time.Now().Add(15 * time.Second)
	started := func(v map[string]any) bool {
		return v["stage"] == "enabled" && v["historical_sync"].(map[string]any)["state"] != "not_started"
	}
	for v = call[map[string]any](admin, 200, "GET", linkedin, nil); !started(v); v = call[map[string]any](admin, 200, "GET", linkedin, nil) {
		if time.Now().After(deadline) {
			t.Fatalf("never enabled with the historical sync started: %v\nlogs:\n%s", v, b.logs.String())
		}
		time.Sleep(10 * time.Millisecond)
	}
	if v["access_level"] != "contract" || v["status_changed_at"] == nil {
		t.Errorf("enabled integration = %v", v)
	}

	if got := call[map[string]any](admin, 200, "PATCH", linkedin, map[string]string{"job_availability": "PRIVATE"}); got["job_availability"] != "PRIVATE" {
		t.Errorf("PATCH = %v", got)
	}
	admin.wantError(422, "invalid", "PATCH", linkedin, map[string]string{"job_availability": "SECRET"})
	if got := call[page[ats.SyncFailure]](admin, 200, "GET", linkedin+"/failures?limit=10", nil); got.Total != 0 || got.Limit != 10 {
		t.Errorf("failures = %+v", got)
	}
	if got := call[map[string]int](admin, 200, "POST", linkedin+"/failures/retry", nil); got["retried"] != 0 {
		t.Errorf("retry = %v", got)
	}
	if got := call[map[string]any](admin, 200, "POST", linkedin+"/notify", nil); got["stage"] != "enabled" {
		t.Errorf("notify = %v", got)
	}

	connectMember(t, b, sim)

	admin.want(204, "DELETE", linkedin, nil)
	if got := call[map[string]any](admin, 200, "GET", linkedin, nil); got["stage"] != "not_connected" || got["client_id"] != apiKey {
		t.Errorf("after disconnect = %v", got)
	}
}

// connectMember connects a recruiter's LinkedIn account through the API,
// with a session cookie as a browser has.
func connectMember(t *testing.T, b *testBundle, sim *simLinkedIn) {
	rec := noRedirects(b.signIn(t, "rec@example.com", ats.RoleRecruiter))
	authURL := call[map[string]string](rec, 200, "POST", "/api/v1/me/linkedin/connect", nil)["authorization_url"]
	back := sim.approve(t, 90002, authURL)
	if !strings.HasPrefix(back.String(), b.url+"/api/v1/me/linkedin/callback?") {
		t.Fatalf("LinkedIn sent the browser to %s", back)
	}
	path := back.RequestURI()

	other := noRedirects(b.signIn(t, "hm@example.com", ats.RoleHiringManager))
	if e := other.wantError(400, "bad_request", "GET", path, nil); e.Error.Fields["state"] == "" {
		t.Errorf("another user's state: %+v", e.Error)
	}
	r := rec.want(303, "GET", path, nil)
	if loc := r.header.Get("Location"); loc != "/settings/connections?linkedin=connected" {
		t.Errorf("Location = %q", loc)
	}
	me := call[ats.User](rec, 200, "GET", "/api/v1/me", nil)
	if me.PersonURN != sim.member(t, 90002).PersonURN || me.SeatURN != "urn:li:seat:90002" {
		t.Errorf("me = %s / %s", me.PersonURN, me.SeatURN)
	}
	rec.wantError(400, "bad_request", "GET", "/api/v1/me/linkedin/callback?code=x&state=forged", nil)
	rec.wantError(400, "bad_request", "GET", "/api/v1/me/linkedin/callback", nil)
	r = rec.want(303, "GET", "/api/v1/me/linkedin/callback?error=user_cancelled_authorize&state=x", nil)
	if loc := r.header.Get("Location"); loc != "/settings/connections?linkedin=cancelled" {
		t.Errorf("cancelled: Location = %q", loc)
	}
	rec.want(204, "DELETE", "/api/v1/me/linkedin", nil)
	if me := call[ats.User](rec, 200, "GET", "/api/v1/me", nil); me.PersonURN != "" || me.SeatURN != "" {
		t.Errorf("after disconnecting: %s / %s", me.PersonURN, me.SeatURN)
	}
}

// TestLinkedInCallbackNeedsNoSession checks the callback route: open to
// LinkedIn's server-to-server POST without a session, refusing what is
// not signed with the app's secret.
func TestLinkedInCallbackNeedsNoSession(t *testing.T) {
	t.Parallel()
	b, _ := setupLinkedIn(t)
	admin := b.bearer(t, mustToken(t, b.svc, mustCreateUser(t, b.svc, "admin@example.com", ats.RoleAdmin)))
	admin.want(200, "POST", linkedin+"/connect", nil)
	var secret string
	err := b.store.View(context.Background(), func(tx ats.Tx) error {
		in, err := tx.FindIntegration()
		secret = in.ClientSecret
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	anon := b.anon(t)
	body := `{"id":"n-1","type":"INTEGRATION_STATUS_CHANGE","expiresAt":1}`
	e := anon.wantError(401, "unauthorized", "POST", linkedin+"/callback", body)
	if !strings.Contains(e.Error.Message, "X-LI-Signature") {
		t.Errorf("unsigned callback: %+v", e.Error)
	}
	anon.header.Set("X-LI-Signature", linkedinsim.SignPush([]byte(body), secret))
	if got := call[map[string]string](anon, 200, "POST", linkedin+"/callback", body); got["status"] != "queued" {
		t.Errorf("signed callback = %v", got)
	}
	if got := call[map[string]string](anon, 200, "POST", linkedin+"/callback", body); got["status"] != "duplicate" {
		t.Errorf("replayed callback = %v", got)
	}
}

// TestLinkedInUnavailable: LinkedIn down is a 502 whose message says what
// happened, not an anonymous internal error.
func TestLinkedInUnavailable(t *testing.T) {
	t.Parallel()
	b := setup(t)
	admin := b.bearer(t, mustToken(t, b.svc, mustCreateUser(t, b.svc, "admin@example.com", ats.RoleAdmin)))
	e := admin.wantError(502, "linkedin_unavailable", "POST", linkedin+"/connect", nil)
	if !strings.Contains(e.Error.Message, "could not be reached") {
		t.Errorf("502 message = %q", e.Error.Message)
	}
	rec := b.bearer(t, mustToken(t, b.svc, mustCreateUser(t, b.svc, "rec@example.com", ats.RoleRecruiter)))
	rec.wantError(409, "conflict", "POST", "/api/v1/me/linkedin/connect", nil)
}

// TestLinkedInAbsent: a server built without the integration answers its
// routes with 404, and they stay documented.
func TestLinkedInAbsent(t *testing.T) {
	t.Parallel()
	b := setup(t)
	srv := api.NewServer(b.svc, session.NewManager(b.store.Sessions(), false), b.store, nil, nil, slog.New(slog.DiscardHandler))
	ts := httptest.NewServer(srv.Handler())
	defer ts.Close()
	c := b.bearer(t, mustToken(t, b.svc, mustCreateUser(t, b.svc, "admin@example.com", ats.RoleAdmin)))
	c.base = ts.URL
	c.wantError(404, "not_found", "GET", linkedin, nil)
	var doc openAPIDoc
	if err := json.Unmarshal(c.want(200, "GET", "/api/v1/openapi.json", nil).body, &doc); err != nil {
		t.Fatal(err)
	}
	if doc.Paths[linkedin]["get"] == nil {
		t.Error("the LinkedIn routes are missing from the document")
	}
}
