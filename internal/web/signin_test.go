package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"attractor/internal/ats"
	"attractor/internal/browsertest"
)

func TestSignin(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	u := e.mustUser(t, ats.RoleRecruiter, "Rita Recruiter")

	t.Run("AnonymousIsSentToSignin", func(t *testing.T) {
		resp, _ := e.anonymous(t).get(t, "/jobs?status=active")
		if got, want := resp.Header.Get("Location"), "/signin?next="+url.QueryEscape("/jobs?status=active"); resp.StatusCode != http.StatusSeeOther || got != want {
			t.Errorf("GET /jobs anonymously = %d to %q, want 303 to %q", resp.StatusCode, got, want)
		}
	})
	t.Run("OK", func(t *testing.T) {
		c := e.anonymous(t)
		resp := c.post(t, "/signin", url.Values{"email": {u.Email}, "password": {testPassword}, "next": {"/jobs"}})
		if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/jobs" {
			t.Fatalf("sign in = %d to %q, want 303 to /jobs", resp.StatusCode, resp.Header.Get("Location"))
		}
		d := c.page(t, "/")
		if got := d.text("header.site .user-name"); got != "Rita Recruiter" {
			t.Errorf("header user = %q", got)
		}
		if got := d.text("header.site .role"); got != "Recruiter" {
			t.Errorf("header role = %q", got)
		}
	})
	t.Run("ErrWrongPasswordKeepsEmail", func(t *testing.T) {
		resp := e.anonymous(t).post(t, "/signin", url.Values{"email": {u.Email}, "password": {"nope"}})
		d := readDoc(t, resp)
		if resp.StatusCode != http.StatusUnauthorized {
			t.Errorf("status = %d, want 401", resp.StatusCode)
		}
		if d.text(".form-error") == "" || d.attr("#f-email", "value") != u.Email || d.attr("#f-password", "value") != "" {
			t.Errorf("form after failure: error %q, email %q, password %q", d.text(".form-error"),
				d.attr("#f-email", "value"), d.attr("#f-password", "value"))
		}
	})
	t.Run("ErrNextToAnotherSite", func(t *testing.T) {
		for _, next := range []string{"https://evil.example/", "//evil.example/", "/\\evil.example",
			"/\t/evil.example", "/\n/evil.example", "/\r//evil.example", "/%2F/evil.example", "javascript:alert(1)", " //evil.example"} {
			resp := e.anonymous(t).post(t, "/signin", url.Values{"email": {u.Email}, "password": {testPassword}, "next": {next}})
			if loc := resp.Header.Get("Location"); loc != "/" {
				t.Errorf("next=%q redirected to %q, want /", next, loc)
			}
		}
	})
	t.Run("Signout", func(t *testing.T) {
		c := e.signIn(t, u)
		c.post(t, "/signout", nil)
		if resp, _ := c.get(t, "/jobs"); resp.StatusCode != http.StatusSeeOther {
			t.Errorf("after sign-out GET /jobs = %d, want 303 to sign in", resp.StatusCode)
		}
	})
}

func TestPageSecurity(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	u := e.mustUser(t, ats.RoleAdmin, "Ada Admin")
	c := e.signIn(t, u)

	t.Run("Headers", func(t *testing.T) {
		resp, _ := c.get(t, "/")
		csp := resp.Header.Get("Content-Security-Policy")
		for _, want := range []string{"script-src 'self' http://127.0.0.1:8090;", "frame-ancestors 'none'", "object-src 'none'"} {
			if !strings.Contains(csp, want) {
				t.Errorf("CSP %q lacks %q", csp, want)
			}
		}
		if resp.Header.Get("Cache-Control") != "no-store" || resp.Header.Get("X-Frame-Options") != "DENY" {
			t.Errorf("headers: %v", resp.Header)
		}
	})
	t.Run("ErrCrossSitePost", func(t *testing.T) {
		req, _ := http.NewRequest(http.MethodPost, e.url+"/signout", nil)
		req.Header.Set("Sec-Fetch-Site", "cross-site")
		resp, err := c.http.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		d := readDoc(t, resp)
		if resp.StatusCode != http.StatusForbidden || !strings.Contains(d.text("main"), "another site") {
			t.Errorf("cross-site post = %d %q, want 403", resp.StatusCode, d.text("main"))
		}
		c.page(t, "/") // still signed in: the forged sign-out did nothing
	})
	t.Run("NotFound", func(t *testing.T) {
		resp, d := c.get(t, "/no/such/page")
		if resp.StatusCode != http.StatusNotFound || d.text("h1") != "404 · Not Found" {
			t.Errorf("unknown page = %d %q", resp.StatusCode, d.text("h1"))
		}
	})
	t.Run("StaticCachedByHash", func(t *testing.T) {
		d := c.page(t, "/")
		css := d.attr("link[rel=stylesheet]", "href")
		resp, err := c.http.Get(e.url + css)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != 200 || !strings.Contains(resp.Header.Get("Cache-Control"), "immutable") ||
			!strings.HasPrefix(resp.Header.Get("Content-Type"), "text/css") {
			t.Errorf("GET %s = %d, %v", css, resp.StatusCode, resp.Header)
		}
	})
}

// TestSigninInBrowser signs in through the page in Chromium at phone
// width, where the header must still offer every section.
func TestSigninInBrowser(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	u := e.mustUser(t, ats.RoleRecruiter, "Rita Recruiter")
	ctx := e.browser(t, u, 375)
	name, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS("header.site .user-name")))
	if err != nil {
		t.Fatal(err)
	}
	if name != "Rita Recruiter" {
		t.Errorf("header shows %q", name)
	}
	fitsWidth(t, ctx, 375)
	browsertest.Screenshot(t, ctx, "dashboard-375.png")
}
