package rsc_test

import (
	"context"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"strings"
	"testing"

	"attractor/internal/linkedinsim"
	"attractor/internal/rsc"
)

// TestMemberFlowAgainstSimulator runs the 3-legged flow of rsc-api.md
// §3.18 over real HTTP: the partner registers the redirect URI on the child
// app, a seat holder signs in and approves, the ATS exchanges the code and
// reads the person URN with the member's token.
func TestMemberFlowAgainstSimulator(t *testing.T) {
	t.Parallel()
	e := setupSim(t)
	ctx := context.Background()
	parent := e.client(linkedinsim.DefaultPartnerClientID, linkedinsim.DefaultPartnerClientSecret, &countingTransport{})
	app, err := parent.CreateApp(ctx, rsc.AppInput{UniqueForeignID: "inst-m", Name: "Attractor - Acme",
		Description: "member flow", ValidJSSDKDomains: []string{"https://ats.example"}})
	if err != nil {
		t.Fatal(err)
	}
	const redirect = "https://ats.example/api/v1/me/linkedin/callback"
	child := e.client(app.Credentials.ClientID, app.Credentials.ClientSecret, &countingTransport{})

	authURL := child.AuthorizationURL(redirect, "st-1")
	u, err := url.Parse(authURL)
	if err != nil || u.Path != "/oauth/v2/authorization" {
		t.Fatalf("AuthorizationURL = %q", authURL)
	}
	q := u.Query()
	if q.Get("response_type") != "code" || q.Get("client_id") != app.Credentials.ClientID ||
		q.Get("redirect_uri") != redirect || q.Get("state") != "st-1" || q.Get("scope") != rsc.ScopeLiteProfile {
		t.Errorf("authorization query = %v", q)
	}

	// Before the redirect URI is registered LinkedIn refuses to send a code there.
	m := e.member(t, 90002)
	b := newMemberBrowser(t, e.url)
	b.signIn(m.Email, linkedinsim.SeatPassword(1))
	if resp := b.get(authURL); resp.StatusCode != http.StatusBadRequest {
		t.Errorf("authorization with an unregistered redirect_uri = %d, want 400", resp.StatusCode)
	}
	if err := parent.SetAppCallbackURLs(ctx, app.Key, []string{redirect}); err != nil {
		t.Fatal(err)
	}
	code := b.approve(authURL, redirect, "st-1")

	if _, err := child.ExchangeCode(ctx, code, "https://ats.example/elsewhere"); rsc.KindOf(err) != rsc.Permanent {
		t.Errorf("exchange for another redirect_uri = %v, want a permanent invalid_grant", err)
	}
	code = b.approve(authURL, redirect, "st-1") // the refused exchange spent the first code
	token, err := child.ExchangeCode(ctx, code, redirect)
	if err != nil {
		t.Fatal(err)
	}
	person, err := child.Me(ctx, token)
	if err != nil || person != m.PersonURN {
		t.Errorf("Me = %q, %v; want %s", person, err, m.PersonURN)
	}
	if _, err := child.Me(ctx, "not-a-token"); rsc.KindOf(err) != rsc.NeedsReauth {
		t.Errorf("Me with a bad token = %v, want needs_reauth (401)", err)
	}
}

// memberBrowser plays a member's browser on the simulator's pages: it
// keeps the session cookie and stops at redirects so the test can read them.
type memberBrowser struct {
	t    *testing.T
	base string
	hc   *http.Client
}

func newMemberBrowser(t *testing.T, base string) *memberBrowser {
	jar, _ := cookiejar.New(nil)
	return &memberBrowser{t: t, base: base, hc: &http.Client{Jar: jar,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}}
}

func (b *memberBrowser) get(u string) *http.Response {
	b.t.Helper()
	resp, err := b.hc.Get(u)
	if err != nil {
		b.t.Fatal(err)
	}
	resp.Body.Close()
	return resp
}

func (b *memberBrowser) post(path string, form url.Values) *http.Response {
	b.t.Helper()
	resp, err := b.hc.Post(b.base+path, "application/x-www-form-urlencoded", strings.NewReader(form.Encode()))
	if err != nil {
		b.t.Fatal(err)
	}
	resp.Body.Close()
	return resp
}

func (b *memberBrowser) signIn(email, password string) {
	b.t.Helper()
	resp := b.post("/checkpoint/lg/login-submit", url.Values{"session_key": {email}, "session_password": {password}})
	if resp.StatusCode != http.StatusSeeOther {
		b.t.Fatalf("sign in = %d", resp.StatusCode)
	}
}

// approve shows the consent page and clicks Allow; it returns the code
// LinkedIn redirects back with.
func (b *memberBrowser) approve(authURL, redirect, state string) string {
	b.t.Helper()
	if resp := b.get(authURL); resp.StatusCode != http.StatusOK {
		b.t.Fatalf("consent page = %d", resp.StatusCode)
	}
	u, _ := url.Parse(authURL)
	form := u.Query()
	form.Set("action", "allow")
	resp := b.post("/oauth/v2/authorization", form)
	loc, err := url.Parse(resp.Header.Get("Location"))
	if resp.StatusCode != http.StatusFound || err != nil || !strings.HasPrefix(loc.String(), redirect+"?") ||
		loc.Query().Get("state") != state || loc.Query().Get("code") == "" {
		b.t.Fatalf("allow = %d %q", resp.StatusCode, resp.Header.Get("Location"))
	}
	return loc.Query().Get("code")
}
