package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"html"
	"io"
	"net"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"attractor/internal/sqldb"
	"attractor/internal/sqldb/sqldbtest"
)

// e2eEngine names where the ATS and linkedinsim keep their data in an
// end-to-end run: a fresh SQLite file each, or a fresh PostgreSQL schema
// each.
type e2eEngine struct {
	name string
	urls func(t *testing.T) (ats, sim string)
}

var e2eEngines = []e2eEngine{
	{"sqlite", func(t *testing.T) (string, string) {
		dir := t.TempDir()
		return "sqlite:" + filepath.Join(dir, "ats.db"), "sqlite:" + filepath.Join(dir, "sim.db")
	}},
	{"postgres", func(t *testing.T) (string, string) {
		return sqldbtest.NewPostgresURL(t), sqldbtest.NewPostgresURL(t)
	}},
}

// e2eProc is a program started through run, stopped by cancel.
type e2eProc struct {
	cancel context.CancelFunc
	done   chan error
	out    *lockedBuffer
	base   string
}

// start runs args in the background and waits for "<name> listening on".
func e2eStart(t *testing.T, env map[string]string, args ...string) *e2eProc {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	p := &e2eProc{cancel: cancel, done: make(chan error, 1), out: newLockedBuffer()}
	go func() { p.done <- run(ctx, args, envOf(env), nil, p.out, p.out) }()
	p.base = "http://" + p.out.waitFor(t, regexp.MustCompile(`listening on http://(\S+)`), p.done)[1]
	t.Cleanup(func() { p.stop(t) })
	return p
}

// stop cancels the program and waits for run to return; stopping twice is
// harmless.
func (p *e2eProc) stop(t *testing.T) {
	t.Helper()
	if p.cancel == nil {
		return
	}
	p.cancel()
	p.cancel = nil
	select {
	case err := <-p.done:
		if err != nil {
			t.Errorf("run returned %v\n%s", err, p.out)
		}
	case <-time.After(time.Minute):
		t.Errorf("run did not stop within a minute\n%s", p.out)
	}
}

// freeAddr returns a loopback address nobody listens on, so the ATS can be
// told its public URL (for callbacks) before it starts.
func freeAddr(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().String()
}

// e2eClient is an HTTP client with its own cookie jar.
type e2eClient struct {
	t    *testing.T
	base string
	http *http.Client
}

func newE2EClient(t *testing.T, base string) *e2eClient {
	jar, _ := cookiejar.New(nil)
	return &e2eClient{t: t, base: base, http: &http.Client{Jar: jar, Timeout: time.Minute,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}}
}

// do sends a request with a JSON or form body and returns status and body.
func (c *e2eClient) do(method, path, contentType string, body io.Reader, header map[string]string) (int, []byte) {
	c.t.Helper()
	req, err := http.NewRequest(method, c.base+path, body)
	if err != nil {
		c.t.Fatal(err)
	}
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	for k, v := range header {
		req.Header.Set(k, v)
	}
	resp, err := c.http.Do(req)
	if err != nil {
		c.t.Fatalf("%s %s: %v", method, path, err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, b
}

// json sends v as JSON, expects want and decodes the answer into out.
func (c *e2eClient) json(method, path string, v any, want int, out any, header map[string]string) {
	c.t.Helper()
	var body io.Reader
	if v != nil {
		b, _ := json.Marshal(v)
		body = bytes.NewReader(b)
	}
	status, b := c.do(method, path, "application/json", body, header)
	if status != want {
		c.t.Fatalf("%s %s = %d, want %d: %s", method, path, status, want, b)
	}
	if out != nil {
		if err := json.Unmarshal(b, out); err != nil {
			c.t.Fatalf("%s %s: %v in %s", method, path, err, b)
		}
	}
}

// form posts form values and returns status and body.
func (c *e2eClient) form(path string, v url.Values) (int, []byte) {
	c.t.Helper()
	return c.do(http.MethodPost, path, "application/x-www-form-urlencoded", strings.NewReader(v.Encode()), nil)
}

// integrationView is what GET /api/v1/integrations/linkedin answers.
type integrationView struct {
	Stage       string `json:"stage"`
	AccessLevel string `json:"access_level"`
	ClientID    string `json:"client_id"`
	Historical  struct {
		State string `json:"state"`
		Done  int64  `json:"done"`
		Total int64  `json:"total"`
	} `json:"historical_sync"`
	OutboxQueued int `json:"outbox_queued"`
	Failures     int `json:"failures"`
}

// simControl calls linkedinsim's control API.
func simControl(sim *e2eClient, method, path string, v any, out any) {
	sim.t.Helper()
	sim.json(method, path, v, http.StatusOK, out, map[string]string{"Authorization": "Bearer attractor-sim-control"})
}

// playWidget does what the Recruiter admin does in LinkedIn's onboarding
// widget: signs in with the admin seat's member, picks the contract and
// clicks Request for contract-level access; it returns the onintegrate
// payload the widget hands to the embedding page.
func playWidget(t *testing.T, simBase, apiKey, origin string) map[string]any {
	t.Helper()
	var world struct {
		SeatPassword  string
		Organizations []struct {
			Contracts []struct {
				URN   string
				Seats []struct {
					URN    string
					Admin  bool
					Member struct{ Email string }
				}
			}
		}
	}
	sim := newE2EClient(t, simBase)
	simControl(sim, http.MethodGet, "/sim/v1/world", nil, &world)
	email := ""
	for _, o := range world.Organizations {
		for _, c := range o.Contracts {
			for _, s := range c.Seats {
				if s.URN == "urn:li:seat:90001" {
					email = s.Member.Email
				}
			}
		}
	}
	if email == "" {
		t.Fatalf("no member for seat 90001 in the world")
	}
	params := url.Values{"api_key": {apiKey}, "origin": {origin},
		"types": {"RECRUITER_SYSTEM_CONNECT_COMPANY,RECRUITER_SYSTEM_CONNECT_CONTRACT"}}
	signin := url.Values{"session_key": {email}, "session_password": {world.SeatPassword}}
	for k, v := range params {
		signin[k] = v
	}
	if status, b := sim.form("/xdoor/widget/onboarding/signin", signin); status != http.StatusSeeOther {
		t.Fatalf("widget sign-in = %d: %s", status, b)
	}
	req := url.Values{"bundle": {"RECRUITER_SYSTEM_CONNECT_CONTRACT"}, "contract": {"urn:li:contract:5001"}}
	for k, v := range params {
		req[k] = v
	}
	status, b := sim.form("/xdoor/widget/onboarding/request", req)
	m := regexp.MustCompile(`id="li-integrate" data-payload="([^"]*)"`).FindSubmatch(b)
	if status != http.StatusOK || m == nil {
		t.Fatalf("widget request = %d, no handoff: %s", status, b)
	}
	var payload map[string]any
	if err := json.Unmarshal([]byte(html.UnescapeString(string(m[1]))), &payload); err != nil {
		t.Fatalf("handoff payload: %v", err)
	}
	return payload
}

// waitIntegration polls the ATS's integration state until ok says so.
func waitIntegration(t *testing.T, ats *e2eClient, what string, limit time.Duration, ok func(integrationView) bool) integrationView {
	t.Helper()
	deadline := time.Now().Add(limit)
	var v integrationView
	logged := time.Now()
	for {
		ats.json(http.MethodGet, "/api/v1/integrations/linkedin", nil, http.StatusOK, &v, nil)
		if ok(v) {
			return v
		}
		if time.Since(logged) > 15*time.Second {
			t.Logf("waiting for %s: %+v", what, v)
			logged = time.Now()
		}
		if time.Now().After(deadline) {
			t.Fatalf("integration never reached %s within %s: %+v", what, limit, v)
		}
		time.Sleep(100 * time.Millisecond) // polling interval, not an assertion
	}
}

// engineName is for log lines the CI summary greps.
func engineName(e e2eEngine) sqldb.Engine { return sqldb.Engine(e.name) }

var _ = fmt.Sprintf
