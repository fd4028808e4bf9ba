package linkedinsim_test

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"golang.org/x/oauth2"
	"golang.org/x/oauth2/clientcredentials"

	"attractor/internal/linkedinsim"
	"attractor/internal/linkedinsim/simstore"
	"attractor/internal/sqldb"
	"attractor/internal/sqldb/sqldbtest"
)

// testClock is a settable clock, so tests can expire tokens.
type testClock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *testClock) Now() time.Time      { c.mu.Lock(); defer c.mu.Unlock(); return c.now }
func (c *testClock) Add(d time.Duration) { c.mu.Lock(); defer c.mu.Unlock(); c.now = c.now.Add(d) }

// simEnv is a running simulator over a real SQLite database with the
// default world (seed 1, small).
type simEnv struct {
	srv   *httptest.Server
	clock *testClock
}

// newWorldStore opens a fresh SQLite simulator database holding the
// default world (seed 1) with 200 members.
func newWorldStore(t *testing.T) *simstore.Store {
	t.Helper()
	store := simstore.New(sqldbtest.OpenSQLite(t, simstore.MigrationsFor(sqldb.SQLite)), nil)
	if err := linkedinsim.Generate(context.Background(), store, 1, 200); err != nil {
		t.Fatal(err)
	}
	return store
}

func setup(t *testing.T) *simEnv {
	t.Helper()
	t.Parallel()
	store := newWorldStore(t)
	clock := &testClock{now: time.Now()}
	logger := slog.New(slog.NewTextHandler(io.Discard, nil))
	srv := httptest.NewServer(linkedinsim.NewServer(linkedinsim.NewService(store, clock.Now), logger).Handler())
	t.Cleanup(srv.Close)
	return &simEnv{srv: srv, clock: clock}
}

// token gets a token the way the ATS will: x/oauth2 client credentials
// with the secret in the form body.
func (e *simEnv) token(t *testing.T, id, secret string) string {
	t.Helper()
	cfg := clientcredentials.Config{ClientID: id, ClientSecret: secret,
		TokenURL: e.srv.URL + "/oauth/v2/accessToken", AuthStyle: oauth2.AuthStyleInParams}
	tok, err := cfg.Token(context.Background())
	if err != nil {
		t.Fatalf("token for %s: %v", id, err)
	}
	if exp := time.Until(tok.Expiry); exp < 29*time.Minute || exp > 31*time.Minute {
		t.Errorf("token expires in %v, want 30m", exp)
	}
	return tok.AccessToken
}

// call sends a request and decodes a JSON answer into out (when non-nil).
func (e *simEnv) call(t *testing.T, method, path, token, ctype, body string, hdr map[string]string, out any) *http.Response {
	t.Helper()
	req, err := http.NewRequest(method, e.srv.URL+path, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	if ctype != "" {
		req.Header.Set("Content-Type", ctype)
	}
	for k, v := range hdr {
		req.Header.Set(k, v)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if out != nil {
		if err := json.NewDecoder(resp.Body).Decode(out); err != nil && !errors.Is(err, io.EOF) {
			t.Fatalf("%s %s: decode: %v", method, path, err)
		}
	}
	return resp
}

// linkedinError is LinkedIn's error body.
type linkedinError struct {
	ServiceErrorCode *int   `json:"serviceErrorCode"`
	Message          string `json:"message"`
	Status           int    `json:"status"`
}

// wantError checks status and LinkedIn's error shape.
func (e *simEnv) wantError(t *testing.T, method, path, token, ctype, body string, hdr map[string]string, status int) linkedinError {
	t.Helper()
	var got linkedinError
	resp := e.call(t, method, path, token, ctype, body, hdr, &got)
	if resp.StatusCode != status || got.Status != status || got.Message == "" || got.ServiceErrorCode == nil ||
		*got.ServiceErrorCode != status {
		t.Errorf("%s %s = %d %+v, want %d in LinkedIn's error shape with serviceErrorCode = status",
			method, path, resp.StatusCode, got, status)
	}
	return got
}

type provisioned struct {
	Key               string   `json:"key"`
	UniqueForeignID   string   `json:"uniqueForeignId"`
	Name              string   `json:"name"`
	ValidJSSDKDomains []string `json:"validJsSdkDomains"`
	Credentials       struct {
		ClientID     string `json:"client_id"`
		ClientSecret string `json:"client_secret"`
	} `json:"credentials"`
}

const appsPath = "/v2/provisionedApplications"

func (e *simEnv) provision(t *testing.T, parent, foreignID string) provisioned {
	t.Helper()
	var app provisioned
	body := `{"uniqueForeignId":"` + foreignID + `","name":"Attractor - Acme","description":"Acme's ATS",
		"oauth2AuthorizedCallbackUrls":[],"validJsSdkDomains":["http://localhost:8080"]}`
	resp := e.call(t, "POST", appsPath, parent, "application/json", body, nil, &app)
	if resp.StatusCode != http.StatusCreated || resp.Header.Get("X-RestLi-Id") != app.Key {
		t.Fatalf("provision = %d (id %q), %+v", resp.StatusCode, resp.Header.Get("X-RestLi-Id"), app)
	}
	return app
}

// TestProvisioningFlow is the partner's onboarding, in order: parent token,
// provision, child token, finder, partial update, and the refusals.
func TestProvisioningFlow(t *testing.T) {
	e := setup(t)
	parent := e.token(t, linkedinsim.DefaultPartnerClientID, linkedinsim.DefaultPartnerClientSecret)
	app := e.provision(t, parent, "tenant-42")
	if !strings.HasPrefix(app.Key, "urn:li:developerApplication:") || app.Credentials.ClientID == "" ||
		app.Credentials.ClientSecret == "" || app.UniqueForeignID != "tenant-42" {
		t.Fatalf("provisioned %+v", app)
	}
	child := e.token(t, app.Credentials.ClientID, app.Credentials.ClientSecret)

	t.Run("ChildRefused", func(t *testing.T) {
		got := e.wantError(t, "GET", appsPath+"?q=credentialsByUniqueForeignId&uniqueForeignId=tenant-42",
			child, "", "", nil, http.StatusForbidden)
		if *got.ServiceErrorCode != http.StatusForbidden {
			t.Errorf("serviceErrorCode = %d, want 403 (the status)", *got.ServiceErrorCode)
		}
		e.wantError(t, "POST", appsPath, child, "application/json", `{"uniqueForeignId":"x","name":"n"}`, nil, http.StatusForbidden)
	})
	t.Run("ErrDuplicate", func(t *testing.T) {
		e.wantError(t, "POST", appsPath, parent, "application/json",
			`{"uniqueForeignId":"tenant-42","name":"Attractor - Again"}`, nil, http.StatusConflict)
	})
	t.Run("Finder", func(t *testing.T) {
		var found struct{ Elements []provisioned }
		e.call(t, "GET", appsPath+"?q=credentialsByUniqueForeignId&uniqueForeignId=tenant-42", parent, "", "", nil, &found)
		if len(found.Elements) != 1 || found.Elements[0].Key != app.Key || found.Elements[0].Credentials != app.Credentials {
			t.Errorf("finder = %+v, want %+v", found, app)
		}
		e.call(t, "GET", appsPath+"?q=credentialsByUniqueForeignId&uniqueForeignId=nobody", parent, "", "", nil, &found)
		if len(found.Elements) != 0 {
			t.Errorf("finder for unknown id = %+v, want none", found)
		}
	})
	t.Run("PartialUpdate", func(t *testing.T) {
		path := appsPath + "/" + url.PathEscape(app.Key)
		body := `{"patch":{"$set":{"validJsSdkDomains":["https://ats.example","http://localhost:5000"]}}}`
		resp := e.call(t, "POST", path, parent, "application/json", body, map[string]string{"x-restli-method": "PARTIAL_UPDATE"}, nil)
		if resp.StatusCode != http.StatusNoContent {
			t.Fatalf("partial update = %d, want 204", resp.StatusCode)
		}
		var found struct{ Elements []provisioned }
		e.call(t, "GET", appsPath+"?q=credentialsByUniqueForeignId&uniqueForeignId=tenant-42", parent, "", "", nil, &found)
		if got := found.Elements[0].ValidJSSDKDomains; len(got) != 2 || got[0] != "https://ats.example" {
			t.Errorf("domains after update = %v", got)
		}
		e.wantError(t, "POST", path, child, "application/json", body, nil, http.StatusForbidden)
		e.wantError(t, "POST", appsPath+"/urn:li:developerApplication:1", parent, "application/json", body, nil, http.StatusNotFound)
		e.wantError(t, "POST", appsPath+"/app-1", parent, "application/json", body, nil, http.StatusBadRequest)
		e.wantError(t, "POST", path, parent, "application/json", `{"patch":{"$unset":{}}}`, nil, http.StatusBadRequest)
		e.wantError(t, "POST", path, parent, "application/json", body, map[string]string{"X-RestLi-Method": "batch_update"}, http.StatusBadRequest)
		e.wantError(t, "POST", path, parent, "application/json",
			`{"patch":{"$set":{"validJsSdkDomains":["https://ats.example/"]}}}`, nil, http.StatusUnprocessableEntity)
	})
}

// TestProvisioningBadInput covers malformed and invalid create bodies.
func TestProvisioningBadInput(t *testing.T) {
	e := setup(t)
	parent := e.token(t, linkedinsim.DefaultPartnerClientID, linkedinsim.DefaultPartnerClientSecret)
	for _, tc := range []struct {
		name, ctype, body string
		status            int
	}{
		{"Syntax", "application/json", `{"uniqueForeignId":`, http.StatusBadRequest},
		{"WrongType", "application/json", `{"uniqueForeignId":42,"name":"A"}`, http.StatusBadRequest},
		{"NotObject", "application/json", `["a"]`, http.StatusBadRequest},
		{"ContentType", "text/plain", `{"uniqueForeignId":"x","name":"A"}`, http.StatusUnsupportedMediaType},
		{"MissingForeignID", "application/json", `{"name":"A"}`, http.StatusUnprocessableEntity},
		{"MissingName", "application/json", `{"uniqueForeignId":"x"}`, http.StatusUnprocessableEntity},
		{"NameLinkedIn", "application/json", `{"uniqueForeignId":"x","name":"Acme LinkedIn"}`, http.StatusUnprocessableEntity},
		{"NameTooLong", "application/json", `{"uniqueForeignId":"x","name":"` + strings.Repeat("é", 51) + `"}`, http.StatusUnprocessableEntity},
		{"UnknownField", "application/json", `{"uniqueForeignId":"x","name":"A","validJSSdkDomains":[]}`, http.StatusUnprocessableEntity},
		{"BadDomain", "application/json", `{"uniqueForeignId":"x","name":"A","validJsSdkDomains":["ats.example"]}`, http.StatusUnprocessableEntity},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e.wantError(t, "POST", appsPath, parent, tc.ctype, tc.body, nil, tc.status)
		})
	}
	e.wantError(t, "GET", appsPath+"?q=other", parent, "", "", nil, http.StatusBadRequest)
	e.wantError(t, "GET", appsPath+"?q=credentialsByUniqueForeignId", parent, "", "", nil, http.StatusBadRequest)
}

// TestTokenEndpoint covers the OAuth error cases and token expiry.
func TestTokenEndpoint(t *testing.T) {
	e := setup(t)
	form := func(v url.Values) string { return v.Encode() }
	good := url.Values{"grant_type": {"client_credentials"}, "client_id": {linkedinsim.DefaultPartnerClientID},
		"client_secret": {linkedinsim.DefaultPartnerClientSecret}}
	with := func(k, v string) url.Values {
		out := url.Values{}
		for key, vals := range good {
			out[key] = vals
		}
		if v == "" {
			out.Del(k)
		} else {
			out.Set(k, v)
		}
		return out
	}
	const formType = "application/x-www-form-urlencoded"
	for _, tc := range []struct {
		name, ctype, body string
		status            int
		code              string
	}{
		{"WrongSecret", formType, form(with("client_secret", "nope")), 401, "invalid_client"},
		{"UnknownClient", formType, form(with("client_id", "nobody")), 401, "invalid_client"},
		{"MissingGrantType", formType, form(with("grant_type", "")), 400, "invalid_request"},
		{"MissingSecret", formType, form(with("client_secret", "")), 400, "invalid_request"},
		{"OtherGrant", formType, form(with("grant_type", "password")), 400, "unsupported_grant_type"},
		{"JSON", "application/json", `{"grant_type":"client_credentials","client_id":"attractor-partner","client_secret":"attractor-partner-secret"}`, 400, "invalid_request"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var got struct {
				Error            string `json:"error"`
				ErrorDescription string `json:"error_description"`
			}
			resp := e.call(t, "POST", "/oauth/v2/accessToken", "", tc.ctype, tc.body, nil, &got)
			if resp.StatusCode != tc.status || got.Error != tc.code || got.ErrorDescription == "" {
				t.Errorf("= %d %+v, want %d %s", resp.StatusCode, got, tc.status, tc.code)
			}
			if resp.Header.Get("Cache-Control") != "no-store" {
				t.Errorf("Cache-Control = %q", resp.Header.Get("Cache-Control"))
			}
		})
	}
	t.Run("Expired", func(t *testing.T) {
		tok := e.token(t, linkedinsim.DefaultPartnerClientID, linkedinsim.DefaultPartnerClientSecret)
		path := appsPath + "?q=credentialsByUniqueForeignId&uniqueForeignId=x"
		if resp := e.call(t, "GET", path, tok, "", "", nil, nil); resp.StatusCode != 200 {
			t.Fatalf("fresh token: %d", resp.StatusCode)
		}
		e.clock.Add(linkedinsim.TokenTTL)
		got := e.wantError(t, "GET", path, tok, "", "", nil, http.StatusUnauthorized)
		if *got.ServiceErrorCode != http.StatusUnauthorized || !strings.Contains(got.Message, "expired") {
			t.Errorf("expired token: %+v, want serviceErrorCode 401 (the status) and an expiry message", got)
		}
		e.wantError(t, "GET", path, "bogus", "", "", nil, http.StatusUnauthorized)
		e.wantError(t, "GET", path, "", "", "", nil, http.StatusUnauthorized)
	})
}

// TestControlWorld checks the world summary and its token guard.
func TestControlWorld(t *testing.T) {
	e := setup(t)
	var w linkedinsim.WorldSummary
	resp := e.call(t, "GET", "/sim/v1/world", linkedinsim.DefaultControlToken, "", "", nil, &w)
	if resp.StatusCode != 200 || w.Seed != 1 || w.Partner.ClientID != linkedinsim.DefaultPartnerClientID ||
		w.Partner.ClientSecret != linkedinsim.DefaultPartnerClientSecret || w.SeatPassword != "recruiter-1" ||
		w.ControlToken != linkedinsim.DefaultControlToken || len(w.Organizations) != 3 {
		t.Fatalf("world = %d %+v", resp.StatusCode, w)
	}
	admins := map[string]int{}
	for _, o := range w.Organizations {
		for _, c := range o.Contracts {
			for _, s := range c.Seats {
				if s.Admin {
					admins[s.Member.URN]++
				}
			}
		}
	}
	multi := 0
	for _, n := range admins {
		if n > 1 {
			multi++
		}
	}
	if multi == 0 {
		t.Errorf("no member holds admin seats on two contracts: %v", admins)
	}
	e.wantError(t, "GET", "/sim/v1/world", "wrong", "", "", nil, http.StatusUnauthorized)
	parent := e.token(t, linkedinsim.DefaultPartnerClientID, linkedinsim.DefaultPartnerClientSecret)
	e.wantError(t, "GET", "/sim/v1/world", parent, "", "", nil, http.StatusUnauthorized)
}

// TestUnmatchedRoutes: unknown API paths and wrong methods get LinkedIn's
// JSON error body, not Go's plain text.
func TestUnmatchedRoutes(t *testing.T) {
	e := setup(t)
	if got := e.wantError(t, "GET", "/v2/noSuchResource", "", "", "", nil, http.StatusNotFound); got.Status != 404 {
		t.Errorf("unknown path body = %+v", got)
	}
	resp := e.call(t, "DELETE", "/v2/simpleJobPostings", "", "", "", nil, nil)
	if resp.StatusCode != http.StatusMethodNotAllowed || resp.Header.Get("Allow") != "POST" ||
		!strings.HasPrefix(resp.Header.Get("Content-Type"), "application/json") {
		t.Errorf("wrong method = %d, Allow %q, type %q", resp.StatusCode, resp.Header.Get("Allow"), resp.Header.Get("Content-Type"))
	}
	e.wantError(t, "GET", "/sim/v1/nothing", "", "", "", nil, http.StatusNotFound)
}
