package api_test

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"io"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"attractor/internal/api"
	"attractor/internal/ats"
	"attractor/internal/queue"
	"attractor/internal/session"
	"attractor/internal/sqldb"
	"attractor/internal/sqldb/sqldbtest"
	"attractor/internal/store"
	"attractor/internal/syncer"

	"github.com/google/go-cmp/cmp"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// testBundle is one API over a fresh SQLite database, served over real
// HTTP.
type testBundle struct {
	url    string
	svc    *ats.Service
	srv    *api.Server
	store  *store.Store
	syncer *syncer.Syncer
	queue  *queue.Queue // migrated, not started
	logs   *syncBuffer
}

// setup builds the production wiring (store, service, session manager,
// syncer, server, middleware) on a migrated temporary database. The
// syncer's queue is migrated but not started, and LinkedIn points at a
// closed port: tests that talk to LinkedIn use setupLinkedIn.
func setup(t *testing.T) *testBundle {
	t.Helper()
	return setupWith(t, "http://127.0.0.1:9", func(string) string { return "http://127.0.0.1:1" })
}

// setupWith is setup with LinkedIn at linkedinURL; public gives the
// instance's public URL from the test server's.
func setupWith(t *testing.T, linkedinURL string, public func(serverURL string) string) *testBundle {
	t.Helper()
	db := sqldbtest.OpenSQLite(t, store.MigrationsFor(sqldb.SQLite))
	st := store.New(db, sqldb.UTCNow)
	svc := ats.NewService(st)
	if err := svc.EnsureDefaultTemplate(context.Background()); err != nil {
		t.Fatalf("EnsureDefaultTemplate: %v", err)
	}
	logs := &syncBuffer{}
	logger := slog.New(slog.NewTextHandler(logs, nil))
	q, err := queue.New(db, queue.Options{Logger: logger, PollInterval: 10 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	if err := q.Migrate(context.Background()); err != nil {
		t.Fatal(err)
	}
	var h http.Handler = http.NotFoundHandler()
	var mu sync.Mutex
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		hh := h
		mu.Unlock()
		hh.ServeHTTP(w, r)
	}))
	t.Cleanup(ts.Close)
	sy, err := syncer.New(syncer.Config{Store: st, Queue: q, APIURL: linkedinURL, AuthURL: linkedinURL,
		PlatformURL: linkedinURL, ClientID: "attractor-partner", ClientSecret: "attractor-partner-secret",
		PublicURL: public(ts.URL), HTTPClient: &http.Client{Timeout: 10 * time.Second}, Logger: logger})
	if err != nil {
		t.Fatal(err)
	}
	if err := sy.Start(context.Background()); err != nil {
		t.Fatal(err)
	}
	srv := api.NewServer(svc, session.NewManager(st.Sessions(), false), st, sy, nil, logger)
	mu.Lock()
	h = srv.Handler()
	mu.Unlock()
	return &testBundle{url: ts.URL, svc: svc, srv: srv, store: st, syncer: sy, queue: q, logs: logs}
}

// syncBuffer collects log output written by concurrent handlers.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// systemCtx acts as the operator, for bootstrapping data outside the API.
func systemCtx() context.Context {
	return ats.NewContextWithUser(context.Background(), &ats.SystemUser)
}

// mustCreateUser creates a user directly through the service.
func mustCreateUser(tb testing.TB, svc *ats.Service, email string, role ats.Role) *ats.User {
	tb.Helper()
	u, err := svc.CreateUser(systemCtx(), ats.UserInput{Email: email, Name: "User " + email, Role: role, Password: testPassword})
	if err != nil {
		tb.Fatalf("CreateUser(%s): %v", email, err)
	}
	return u
}

// mustToken issues an API token for u through the service.
func mustToken(tb testing.TB, svc *ats.Service, u *ats.User) string {
	tb.Helper()
	tok, err := svc.CreateToken(ats.NewContextWithUser(context.Background(), u), "test", 0)
	if err != nil {
		tb.Fatalf("CreateToken: %v", err)
	}
	return tok.Secret
}

const testPassword = "correct horse battery staple"

// client calls the API as one caller: with a Bearer token, with a cookie
// jar (after login), or anonymously.
type client struct {
	t      *testing.T
	base   string
	http   *http.Client
	token  string
	header http.Header
}

// anon returns a client with no credentials but a cookie jar, so it can
// sign in.
func (b *testBundle) anon(t *testing.T) *client {
	jar, err := cookiejar.New(nil)
	if err != nil {
		t.Fatal(err)
	}
	return &client{t: t, base: b.url, http: &http.Client{Jar: jar}, header: http.Header{}}
}

// bearer returns a client authenticating with token.
func (b *testBundle) bearer(t *testing.T, token string) *client {
	c := b.anon(t)
	c.token = token
	return c
}

// response is an answer read in full.
type response struct {
	status int
	header http.Header
	body   []byte
}

// do sends a request. body may be nil, a string or []byte (sent as is), or
// any value (sent as JSON).
func (c *client) do(method, path string, body any) *response {
	c.t.Helper()
	req, err := http.NewRequest(method, c.base+path, bodyReader(c.t, body))
	if err != nil {
		c.t.Fatal(err)
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if c.token != "" {
		req.Header.Set("Authorization", "Bearer "+c.token)
	}
	for k, v := range c.header {
		req.Header[k] = v
	}
	resp, err := c.http.Do(req)
	if err != nil {
		c.t.Fatalf("%s %s: %v", method, path, err)
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	if err != nil {
		c.t.Fatalf("%s %s: read body: %v", method, path, err)
	}
	return &response{status: resp.StatusCode, header: resp.Header, body: data}
}

func bodyReader(t *testing.T, body any) io.Reader {
	switch b := body.(type) {
	case nil:
		return nil
	case string:
		return strings.NewReader(b)
	case []byte:
		return bytes.NewReader(b)
	}
	data, err := json.Marshal(body)
	if err != nil {
		t.Fatal(err)
	}
	return bytes.NewReader(data)
}

// want sends a request and fails the test unless it gets status.
func (c *client) want(status int, method, path string, body any) *response {
	c.t.Helper()
	r := c.do(method, path, body)
	if r.status != status {
		c.t.Fatalf("%s %s: status %d, want %d; body: %s", method, path, r.status, status, r.body)
	}
	return r
}

// call sends a request, checks the status and decodes the JSON answer.
func call[T any](c *client, status int, method, path string, body any) T {
	c.t.Helper()
	r := c.want(status, method, path, body)
	var v T
	if err := json.Unmarshal(r.body, &v); err != nil {
		c.t.Fatalf("%s %s: decode %s: %v", method, path, r.body, err)
	}
	return v
}

// page is the wire form of a list.
type page[T any] struct {
	Items  []T `json:"items"`
	Total  int `json:"total"`
	Limit  int `json:"limit"`
	Offset int `json:"offset"`
}

// apiError is the wire form of an error.
type apiError struct {
	Error struct {
		Code    string            `json:"code"`
		Message string            `json:"message"`
		Fields  map[string]string `json:"fields"`
	} `json:"error"`
}

// wantError checks the status and the error code of a failed call and
// returns the error body.
func (c *client) wantError(status int, code, method, path string, body any) apiError {
	c.t.Helper()
	e := call[apiError](c, status, method, path, body)
	if e.Error.Code != code || e.Error.Message == "" {
		c.t.Fatalf("%s %s: error %+v, want code %q and a message", method, path, e.Error, code)
	}
	return e
}

// step runs an ordered subtest and stops the parent when it fails, since
// later steps build on earlier ones.
func step(t *testing.T, name string, fn func(t *testing.T)) {
	t.Helper()
	if !t.Run(name, fn) {
		t.FailNow()
	}
}

// golden compares got with testdata/name, or rewrites it under -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if diff := cmp.Diff(string(want), string(got)); diff != "" {
		t.Errorf("%s mismatch (-want +got), run go test -update if intended:\n%s", name, diff)
	}
}
