package web_test

import (
	"fmt"
	"io"
	"net/http"
	"net/netip"
	"net/url"
	"strings"
	"testing"

	"attractor/internal/ats"
	"attractor/internal/session"
	"attractor/internal/web"
)

// postFrom posts a form as c, through a proxy that says the request came
// from forwardedFor (X-Forwarded-For).
func postFrom(t *testing.T, c *client, path string, form url.Values, forwardedFor string) *http.Response {
	t.Helper()
	req, err := http.NewRequest(http.MethodPost, c.e.url+path, strings.NewReader(form.Encode()))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	req.Header.Set("X-Forwarded-For", forwardedFor)
	resp, err := c.http.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	return resp
}

// exhaust spends one address's sign-in budget (20 attempts) on unknown
// accounts, so the per-account throttle plays no part.
func exhaust(t *testing.T, e *env, forwardedFor string) {
	t.Helper()
	for i := range 20 {
		form := url.Values{"email": {fmt.Sprintf("nobody%d@example.com", i)}, "password": {"wrong-password"}}
		if resp := postFrom(t, e.anonymous(t), "/signin", form, forwardedFor); resp.StatusCode != http.StatusUnauthorized {
			t.Fatalf("attempt %d = %d, want 401", i+1, resp.StatusCode)
		}
	}
}

// TestSigninLimitBehindProxy checks the per-address sign-in limit behind a
// reverse proxy: with the proxy trusted (the test server's loopback
// address), each client named in X-Forwarded-For has its own budget and a
// forged entry left of the proxy's cannot borrow another's; with no proxy
// trusted, the header is ignored and everyone behind it shares one budget.
func TestSigninLimitBehindProxy(t *testing.T) {
	t.Parallel()
	const client, other = "203.0.113.7", "198.51.100.9"
	bad := url.Values{"email": {"someone@example.com"}, "password": {"wrong-password"}}

	t.Run("TrustedProxy", func(t *testing.T) {
		trusted := []netip.Prefix{netip.MustParsePrefix("127.0.0.1/32")}
		e := newEnvWith(t, envConfig{options: web.Options{Signins: session.NewSigninLimiter(trusted)}})
		u := e.mustUser(t, ats.RoleRecruiter, "Rita Recruiter")
		exhaust(t, e, client)
		if resp := postFrom(t, e.anonymous(t), "/signin", bad, client); resp.StatusCode != http.StatusTooManyRequests {
			t.Errorf("21st attempt from %s = %d, want 429", client, resp.StatusCode)
		}
		if resp := postFrom(t, e.anonymous(t), "/signin", bad, "10.9.9.9, "+client); resp.StatusCode != http.StatusTooManyRequests {
			t.Errorf("%s with a forged hop before it = %d, want 429", client, resp.StatusCode)
		}
		good := url.Values{"email": {u.Email}, "password": {testPassword}}
		if resp := postFrom(t, e.anonymous(t), "/signin", good, other); resp.StatusCode != http.StatusSeeOther {
			t.Errorf("sign-in from %s = %d, want 303", other, resp.StatusCode)
		}
		if resp := postFrom(t, e.anonymous(t), "/signin", good, client+", "+other); resp.StatusCode != http.StatusSeeOther {
			t.Errorf("sign-in from %s naming %s first = %d, want 303 (the forged entry is ignored)", other, client, resp.StatusCode)
		}
	})
	t.Run("NoTrustedProxy", func(t *testing.T) {
		e := newEnv(t)
		u := e.mustUser(t, ats.RoleRecruiter, "Rita Recruiter")
		exhaust(t, e, client)
		good := url.Values{"email": {u.Email}, "password": {testPassword}}
		if resp := postFrom(t, e.anonymous(t), "/signin", good, other); resp.StatusCode != http.StatusTooManyRequests {
			t.Errorf("sign-in claiming %s = %d, want 429: the header is not trusted, both share the proxy's budget", other, resp.StatusCode)
		}
	})
}

// TestSigninLimitSharedWithAPI checks that the pages and the JSON API
// draw on one per-address budget: the API's sign-in is no way around the
// pages' limit, nor the other way round.
func TestSigninLimitSharedWithAPI(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	u := e.mustUser(t, ats.RoleRecruiter, "Rita Recruiter")
	apiSignin := func(email, password string) (*http.Response, string) {
		t.Helper()
		body := fmt.Sprintf(`{"email":%q,"password":%q}`, email, password)
		req, err := http.NewRequest(http.MethodPost, e.url+"/api/v1/session", strings.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		req.Header.Set("Content-Type", "application/json")
		resp, err := e.anonymous(t).http.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp, string(b)
	}
	// Unknown accounts, so the per-account throttle plays no part.
	for i := range 10 {
		if resp, _ := apiSignin(fmt.Sprintf("api%d@example.com", i), "wrong-password"); resp.StatusCode != http.StatusUnauthorized {
			t.Fatalf("API attempt %d = %d, want 401", i+1, resp.StatusCode)
		}
	}
	for i := range 10 {
		form := url.Values{"email": {fmt.Sprintf("nobody%d@example.com", i)}, "password": {"wrong-password"}}
		if resp := postFrom(t, e.anonymous(t), "/signin", form, ""); resp.StatusCode != http.StatusUnauthorized {
			t.Fatalf("page attempt %d = %d, want 401", i+1, resp.StatusCode)
		}
	}
	resp, body := apiSignin(u.Email, testPassword)
	if resp.StatusCode != http.StatusTooManyRequests || !strings.Contains(body, "from your network") {
		t.Errorf("API sign-in after 20 attempts from this address = %d %s, want 429 naming the network", resp.StatusCode, body)
	}
}
