package linkedinsim_test

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"strings"
	"testing"
	"time"

	"attractor/internal/linkedinsim"
)

// browser is an HTTP client with cookies that does not follow redirects,
// so tests see each hop of the sign-in and OAuth flows.
type browser struct {
	t *testing.T
	e *simEnv
	c *http.Client
}

func newBrowser(t *testing.T, e *simEnv) *browser {
	jar, err := cookiejar.New(nil)
	if err != nil {
		t.Fatal(err)
	}
	return &browser{t: t, e: e, c: &http.Client{Jar: jar,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}}
}

// do sends a request (a form when form != nil) and returns the response
// and its body.
func (b *browser) do(method, path string, form url.Values, hdr map[string]string) (*http.Response, string) {
	b.t.Helper()
	var body io.Reader
	if form != nil {
		body = strings.NewReader(form.Encode())
	}
	req, err := http.NewRequest(method, b.e.srv.URL+path, body)
	if err != nil {
		b.t.Fatal(err)
	}
	if form != nil {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	for k, v := range hdr {
		req.Header.Set(k, v)
	}
	resp, err := b.c.Do(req)
	if err != nil {
		b.t.Fatal(err)
	}
	defer resp.Body.Close()
	out, _ := io.ReadAll(resp.Body)
	return resp, string(out)
}

// signIn signs in with email and password and expects success.
func (b *browser) signIn(email, password string) {
	b.t.Helper()
	resp, body := b.do("POST", "/checkpoint/lg/login-submit", url.Values{"session_key": {email},
		"session_password": {password}}, nil)
	if resp.StatusCode != http.StatusSeeOther {
		b.t.Fatalf("sign in = %d, want 303:\n%s", resp.StatusCode, body)
	}
}

// worldAdmin returns the world summary and the member holding the admin
// seat 90001 (admin of contracts 5001 and 5002).
func worldAdmin(t *testing.T, e *simEnv) (linkedinsim.WorldSummary, linkedinsim.MemberSummary) {
	t.Helper()
	var w linkedinsim.WorldSummary
	if resp := e.call(t, "GET", "/sim/v1/world", controlTok, "", "", nil, &w); resp.StatusCode != 200 {
		t.Fatalf("world = %d", resp.StatusCode)
	}
	for _, o := range w.Organizations {
		for _, c := range o.Contracts {
			for _, s := range c.Seats {
				if s.URN == adminSeat {
					return w, s.Member
				}
			}
		}
	}
	t.Fatal("no seat " + adminSeat)
	return w, linkedinsim.MemberSummary{}
}

func TestSignIn(t *testing.T) {
	e := setup(t)
	w, admin := worldAdmin(t, e)
	t.Run("OK", func(t *testing.T) {
		b := newBrowser(t, e)
		resp, body := b.do("GET", "/login?session_redirect=/login%3Fx%3D1", nil, nil)
		if resp.StatusCode != 200 || !strings.Contains(body, `id="session_key"`) ||
			resp.Header.Get("X-Frame-Options") != "DENY" ||
			!strings.Contains(resp.Header.Get("Content-Security-Policy"), "frame-ancestors 'none'") {
			t.Fatalf("sign-in page = %d %v\n%s", resp.StatusCode, resp.Header, body)
		}
		resp, _ = b.do("POST", "/checkpoint/lg/login-submit", url.Values{"session_key": {strings.ToUpper(admin.Email)},
			"session_password": {w.SeatPassword}, "session_redirect": {"/login?x=1"}}, nil)
		if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/login?x=1" {
			t.Fatalf("sign in = %d → %q", resp.StatusCode, resp.Header.Get("Location"))
		}
		var cookie *http.Cookie
		for _, c := range resp.Cookies() {
			if c.Name == "li_at" {
				cookie = c
			}
		}
		if cookie == nil || !cookie.HttpOnly || cookie.SameSite != http.SameSiteLaxMode || len(cookie.Value) < 40 ||
			cookie.MaxAge != int(linkedinsim.SessionTTL.Seconds()) {
			t.Fatalf("session cookie = %+v", cookie)
		}
		_, body = b.do("GET", "/login", nil, nil)
		if !strings.Contains(body, `id="signed-in"`) || !strings.Contains(body, admin.Email) {
			t.Fatalf("signed-in page:\n%s", body)
		}
		resp, _ = b.do("POST", "/m/logout", url.Values{}, nil)
		if resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("sign out = %d", resp.StatusCode)
		}
		if _, body = b.do("GET", "/login", nil, nil); strings.Contains(body, `id="signed-in"`) {
			t.Error("still signed in after sign-out")
		}
	})
	t.Run("ErrWrongCredentials", func(t *testing.T) {
		b := newBrowser(t, e)
		var bodies []string
		for _, f := range []url.Values{
			{"session_key": {admin.Email}, "session_password": {"wrong"}},
			{"session_key": {"nobody@example.com"}, "session_password": {w.SeatPassword}},
			{"session_key": {""}, "session_password": {""}},
		} {
			resp, body := b.do("POST", "/checkpoint/lg/login-submit", f, nil)
			if resp.StatusCode != http.StatusUnauthorized || len(resp.Cookies()) != 0 || !strings.Contains(body, `id="error"`) {
				t.Errorf("%v = %d, cookies %v", f, resp.StatusCode, resp.Cookies())
			}
			bodies = append(bodies, body[strings.Index(body, `id="error"`):][:120])
		}
		if bodies[0] != bodies[1] {
			t.Errorf("wrong password and unknown email answer differently:\n%s\n%s", bodies[0], bodies[1])
		}
	})
	t.Run("ErrCrossOriginPost", func(t *testing.T) {
		b := newBrowser(t, e)
		resp, body := b.do("POST", "/checkpoint/lg/login-submit", url.Values{"session_key": {admin.Email},
			"session_password": {w.SeatPassword}}, map[string]string{"Sec-Fetch-Site": "cross-site"})
		if resp.StatusCode != http.StatusForbidden || len(resp.Cookies()) != 0 || !strings.Contains(body, "another site") {
			t.Errorf("cross-site sign-in = %d\n%s", resp.StatusCode, body)
		}
	})
	t.Run("ErrOpenRedirect", func(t *testing.T) {
		b := newBrowser(t, e)
		resp, _ := b.do("POST", "/checkpoint/lg/login-submit", url.Values{"session_key": {admin.Email},
			"session_password": {w.SeatPassword}, "session_redirect": {"//evil.example/x"}}, nil)
		if resp.Header.Get("Location") != "/login" {
			t.Errorf("redirect to %q, want /login", resp.Header.Get("Location"))
		}
	})
	t.Run("SessionExpires", func(t *testing.T) {
		e := setup(t)
		w, admin := worldAdmin(t, e)
		b := newBrowser(t, e)
		b.signIn(admin.Email, w.SeatPassword)
		e.clock.Add(linkedinsim.SessionTTL)
		if _, body := b.do("GET", "/login", nil, nil); strings.Contains(body, `id="signed-in"`) {
			t.Error("signed in after the session expired")
		}
	})
}

// oauthApp provisions a child app whose valid SDK domain is
// http://localhost:8080 and whose one registered redirect is callbackURI,
// and returns its credentials.
func oauthApp(t *testing.T, e *simEnv) provisioned {
	t.Helper()
	parent := e.token(t, linkedinsim.DefaultPartnerClientID, linkedinsim.DefaultPartnerClientSecret)
	return provisionOAuth(t, e, parent, "oauth-"+strings.ReplaceAll(t.Name(), "/", "-"), "Attractor - Acme")
}

// provisionOAuth provisions a child app named name with callbackURI
// registered as its redirect (LinkedIn matches redirect URIs exactly).
func provisionOAuth(t *testing.T, e *simEnv, parent, foreignID, name string) provisioned {
	t.Helper()
	var app provisioned
	body, _ := json.Marshal(map[string]any{"uniqueForeignId": foreignID, "name": name, "description": "x",
		"oauth2AuthorizedCallbackUrls": []string{callbackURI}, "validJsSdkDomains": []string{"http://localhost:8080"}})
	if resp := e.call(t, "POST", appsPath, parent, "application/json", string(body), nil, &app); resp.StatusCode != 201 {
		t.Fatalf("provision = %d", resp.StatusCode)
	}
	return app
}

const callbackURI = "http://localhost:8080/linkedin/callback?tenant=1"

// authorize runs the 3-legged flow up to the code: authorization request,
// consent, Allow.
func authorize(t *testing.T, b *browser, clientID, state string) string {
	t.Helper()
	q := url.Values{"response_type": {"code"}, "client_id": {clientID}, "redirect_uri": {callbackURI},
		"state": {state}, "scope": {"r_liteprofile"}}
	resp, body := b.do("GET", "/oauth/v2/authorization?"+q.Encode(), nil, nil)
	if resp.StatusCode != 200 || !strings.Contains(body, `id="allow"`) ||
		!strings.Contains(resp.Header.Get("Content-Security-Policy"), "form-action 'self' http://localhost:8080") {
		t.Fatalf("consent page = %d %v\n%s", resp.StatusCode, resp.Header, body)
	}
	q.Set("action", "allow")
	resp, _ = b.do("POST", "/oauth/v2/authorization", q, nil)
	loc, err := url.Parse(resp.Header.Get("Location"))
	if resp.StatusCode != http.StatusFound || err != nil || !strings.HasPrefix(loc.String(), "http://localhost:8080/linkedin/callback?") ||
		loc.Query().Get("state") != state || loc.Query().Get("tenant") != "1" || loc.Query().Get("code") == "" {
		t.Fatalf("allow = %d → %q", resp.StatusCode, resp.Header.Get("Location"))
	}
	return loc.Query().Get("code")
}

type tokenAnswer struct {
	AccessToken      string `json:"access_token"`
	ExpiresIn        int    `json:"expires_in"`
	Scope            string `json:"scope"`
	Error            string `json:"error"`
	ErrorDescription string `json:"error_description"`
}

func exchange(t *testing.T, e *simEnv, app provisioned, code, redirect string) (int, tokenAnswer) {
	t.Helper()
	form := url.Values{"grant_type": {"authorization_code"}, "code": {code}, "redirect_uri": {redirect},
		"client_id": {app.Credentials.ClientID}, "client_secret": {app.Credentials.ClientSecret}}
	var got tokenAnswer
	resp := e.call(t, "POST", "/oauth/v2/accessToken", "", "application/x-www-form-urlencoded", form.Encode(), nil, &got)
	return resp.StatusCode, got
}

func TestThreeLeggedOAuth(t *testing.T) {
	e := setup(t)
	w, admin := worldAdmin(t, e)
	app := oauthApp(t, e)
	b := newBrowser(t, e)

	t.Run("SignInFirst", func(t *testing.T) {
		anon := newBrowser(t, e)
		q := url.Values{"response_type": {"code"}, "client_id": {app.Credentials.ClientID},
			"redirect_uri": {callbackURI}, "state": {"s"}, "scope": {"r_liteprofile"}}
		resp, _ := anon.do("GET", "/oauth/v2/authorization?"+q.Encode(), nil, nil)
		loc := resp.Header.Get("Location")
		if resp.StatusCode != http.StatusFound || !strings.HasPrefix(loc, "/login?session_redirect=%2Foauth%2Fv2%2Fauthorization%3F") {
			t.Errorf("anonymous authorization = %d → %q", resp.StatusCode, loc)
		}
	})
	b.signIn(admin.Email, w.SeatPassword)
	code := authorize(t, b, app.Credentials.ClientID, "xyz<&>")

	t.Run("ExchangeAndMe", func(t *testing.T) {
		status, tok := exchange(t, e, app, code, callbackURI)
		if status != 200 || tok.AccessToken == "" || tok.ExpiresIn != int(linkedinsim.MemberTokenTTL.Seconds()) || tok.Scope != "r_liteprofile" {
			t.Fatalf("exchange = %d %+v", status, tok)
		}
		var me map[string]string
		if resp := e.call(t, "GET", "/v2/me", tok.AccessToken, "", "", nil, &me); resp.StatusCode != 200 {
			t.Fatalf("/v2/me = %d", resp.StatusCode)
		}
		wantID := strings.TrimPrefix(admin.URN, "urn:li:person:")
		if me["id"] != wantID || me["localizedFirstName"] != admin.FirstName || me["localizedLastName"] != admin.LastName {
			t.Errorf("/v2/me = %v, want %s %s %s", me, wantID, admin.FirstName, admin.LastName)
		}
		var idOnly map[string]string
		e.call(t, "GET", "/v2/me?fields=id", tok.AccessToken, "", "", nil, &idOnly)
		if len(idOnly) != 1 || idOnly["id"] != wantID {
			t.Errorf("/v2/me?fields=id = %v", idOnly)
		}

		// A replayed code is refused and revokes the token it issued.
		status, again := exchange(t, e, app, code, callbackURI)
		if status != 400 || again.Error != "invalid_grant" {
			t.Errorf("reused code = %d %+v, want 400 invalid_grant", status, again)
		}
		e.wantError(t, "GET", "/v2/me", tok.AccessToken, "", "", nil, http.StatusUnauthorized)
	})
	t.Run("ErrExchange", func(t *testing.T) {
		other := oauthApp(t, e)
		for _, tc := range []struct {
			name       string
			app        provisioned
			redirect   string
			status     int
			code, want string
		}{
			{"WrongRedirect", app, "http://localhost:8080/other", 400, "", "invalid_grant"},
			{"OtherClient", other, callbackURI, 400, "", "invalid_grant"},
			{"UnknownCode", app, callbackURI, 400, "nope", "invalid_grant"},
			{"MissingRedirect", app, "", 400, "", "invalid_request"},
		} {
			t.Run(tc.name, func(t *testing.T) {
				code := tc.code
				if code == "" {
					code = authorize(t, b, app.Credentials.ClientID, "s")
				}
				status, got := exchange(t, e, tc.app, code, tc.redirect)
				if status != tc.status || got.Error != tc.want || got.ErrorDescription == "" {
					t.Errorf("= %d %+v, want %d %s", status, got, tc.status, tc.want)
				}
			})
		}
		t.Run("WrongSecret", func(t *testing.T) {
			bad := app
			bad.Credentials.ClientSecret = "nope"
			status, got := exchange(t, e, bad, authorize(t, b, app.Credentials.ClientID, "s"), callbackURI)
			if status != 401 || got.Error != "invalid_client" {
				t.Errorf("= %d %+v", status, got)
			}
		})
	})
	t.Run("ErrExpiredCode", func(t *testing.T) {
		code := authorize(t, b, app.Credentials.ClientID, "s")
		e.clock.Add(linkedinsim.AuthorizationCodeTTL)
		status, got := exchange(t, e, app, code, callbackURI)
		if status != 400 || got.Error != "invalid_grant" {
			t.Errorf("expired code = %d %+v", status, got)
		}
	})
	t.Run("Cancel", func(t *testing.T) {
		q := url.Values{"response_type": {"code"}, "client_id": {app.Credentials.ClientID},
			"redirect_uri": {callbackURI}, "state": {"st"}, "scope": {"r_liteprofile"}, "action": {"cancel"}}
		resp, _ := b.do("POST", "/oauth/v2/authorization", q, nil)
		loc, _ := url.Parse(resp.Header.Get("Location"))
		if resp.StatusCode != http.StatusFound || loc.Query().Get("error") != "user_cancelled_authorize" ||
			loc.Query().Get("state") != "st" || loc.Query().Get("code") != "" {
			t.Errorf("cancel = %d → %s", resp.StatusCode, loc)
		}
	})
	t.Run("ErrAuthorizationRequest", func(t *testing.T) {
		for _, tc := range []struct {
			name   string
			q      url.Values
			status int    // 200 for an error page is never right; 400 page, 302 redirect
			err    string // error= of the redirect
		}{
			{"UnknownClient", url.Values{"client_id": {"nobody"}}, 400, ""},
			{"MissingClient", url.Values{"client_id": {""}}, 400, ""},
			{"ForeignRedirect", url.Values{"redirect_uri": {"https://evil.example/cb"}}, 400, ""},
			{"RedirectWithFragment", url.Values{"redirect_uri": {callbackURI + "#x"}}, 400, ""},
			{"JavascriptRedirect", url.Values{"redirect_uri": {"javascript:alert(1)"}}, 400, ""},
			{"ResponseType", url.Values{"response_type": {"token"}}, 302, "unsupported_response_type"},
			{"UnknownScope", url.Values{"scope": {"r_liteprofile w_member_social"}}, 302, "invalid_scope"},
			{"NoScope", url.Values{"scope": {""}}, 302, "invalid_scope"},
		} {
			t.Run(tc.name, func(t *testing.T) {
				q := url.Values{"response_type": {"code"}, "client_id": {app.Credentials.ClientID},
					"redirect_uri": {callbackURI}, "state": {"s"}, "scope": {"r_liteprofile"}}
				for k, v := range tc.q {
					q[k] = v
				}
				resp, body := b.do("GET", "/oauth/v2/authorization?"+q.Encode(), nil, nil)
				loc, _ := url.Parse(resp.Header.Get("Location"))
				if resp.StatusCode != tc.status {
					t.Fatalf("= %d → %s, want %d\n%s", resp.StatusCode, loc, tc.status, body)
				}
				if tc.err == "" && (!strings.Contains(body, `id="error"`) || loc.String() != "") {
					t.Errorf("want an error page, got Location %q\n%s", loc, body)
				}
				if tc.err != "" && (loc.Query().Get("error") != tc.err || loc.Query().Get("state") != "s" ||
					!strings.HasPrefix(loc.String(), "http://localhost:8080/")) {
					t.Errorf("redirect %s, want error=%s", loc, tc.err)
				}
			})
		}
	})
	t.Run("ErrMeTokens", func(t *testing.T) {
		child := e.token(t, app.Credentials.ClientID, app.Credentials.ClientSecret)
		got := e.wantError(t, "GET", "/v2/me", child, "", "", nil, http.StatusForbidden)
		if !strings.Contains(got.Message, "me.GET") {
			t.Errorf("app token on /v2/me: %+v", got)
		}
		e.wantError(t, "GET", "/v2/me", "bogus", "", "", nil, http.StatusUnauthorized)
		e.wantError(t, "GET", "/v2/me", "", "", "", nil, http.StatusUnauthorized)

		code := authorize(t, b, app.Credentials.ClientID, "s")
		_, tok := exchange(t, e, app, code, callbackURI)
		e.clock.Add(linkedinsim.MemberTokenTTL + time.Second)
		got = e.wantError(t, "GET", "/v2/me", tok.AccessToken, "", "", nil, http.StatusUnauthorized)
		if *got.ServiceErrorCode != http.StatusUnauthorized || !strings.Contains(got.Message, "expired") {
			t.Errorf("expired member token: %+v", got)
		}
		// A member token is not a partner API token.
		e.wantError(t, "GET", appsPath+"?q=credentialsByUniqueForeignId&uniqueForeignId=x", tok.AccessToken,
			"", "", nil, http.StatusUnauthorized)
	})
}

// TestAuthorizationHostileText checks that text the partner controls
// (app name, state) is escaped on the consent page.
func TestAuthorizationHostileText(t *testing.T) {
	e := setup(t)
	w, admin := worldAdmin(t, e)
	parent := e.token(t, linkedinsim.DefaultPartnerClientID, linkedinsim.DefaultPartnerClientSecret)
	app := provisionOAuth(t, e, parent, "hostile", "<script>alert(1)</script>")
	b := newBrowser(t, e)
	b.signIn(admin.Email, w.SeatPassword)
	q := url.Values{"response_type": {"code"}, "client_id": {app.Credentials.ClientID}, "redirect_uri": {callbackURI},
		"state": {`"><img src=x onerror=alert(1)>`}, "scope": {"r_liteprofile"}}
	_, page := b.do("GET", "/oauth/v2/authorization?"+q.Encode(), nil, nil)
	if strings.Contains(page, "<script>alert") || strings.Contains(page, "<img src=x") ||
		!strings.Contains(page, "&lt;script&gt;alert(1)&lt;/script&gt;") {
		t.Errorf("hostile text not escaped:\n%s", page)
	}
}
