package api_test

import (
	"net/url"
	"testing"

	"attractor/internal/ats"
)

// sessionCookie returns the value of the session cookie in c's jar.
func sessionCookie(t *testing.T, c *client) string {
	t.Helper()
	u, _ := url.Parse(c.base)
	for _, ck := range c.http.Jar.Cookies(u) {
		if ck.Name == "attractor_session" {
			return ck.Value
		}
	}
	return ""
}

// TestSignInRenewsToken checks that signing in issues a fresh session
// token, so a token planted before sign-in (fixation) is useless.
func TestSignInRenewsToken(t *testing.T) {
	t.Parallel()
	b := setup(t)
	u := mustCreateUser(t, b.svc, "rec@example.com", ats.RoleRecruiter)
	c := b.anon(t)
	login := map[string]string{"email": u.Email, "password": testPassword}
	c.want(200, "POST", "/api/v1/session", login)
	first := sessionCookie(t, c)
	c.want(200, "POST", "/api/v1/session", login)
	if second := sessionCookie(t, c); first == "" || second == first {
		t.Fatalf("session token %q after a second sign-in, was %q; want a new one", second, first)
	}
	stale := b.anon(t)
	base, _ := url.Parse(b.url)
	stale.http.Jar.SetCookies(base, c.http.Jar.Cookies(base))
	c.want(204, "DELETE", "/api/v1/session", nil)
	stale.wantError(401, "unauthorized", "GET", "/api/v1/me", nil)
}

// TestDisabledUserLosesAccess checks that disabling a user ends both
// their sessions and their tokens at once.
func TestDisabledUserLosesAccess(t *testing.T) {
	t.Parallel()
	b := setup(t)
	admin := b.bearer(t, mustToken(t, b.svc, mustCreateUser(t, b.svc, "admin@example.com", ats.RoleAdmin)))
	u := mustCreateUser(t, b.svc, "rec@example.com", ats.RoleRecruiter)
	session := b.anon(t)
	session.want(200, "POST", "/api/v1/session", map[string]string{"email": u.Email, "password": testPassword})
	token := b.bearer(t, mustToken(t, b.svc, u))
	session.want(200, "GET", "/api/v1/me", nil)
	token.want(200, "GET", "/api/v1/me", nil)

	admin.want(200, "PATCH", "/api/v1/users/"+u.ID, map[string]bool{"disabled": true})
	session.wantError(401, "unauthorized", "GET", "/api/v1/me", nil)
	token.wantError(401, "unauthorized", "GET", "/api/v1/me", nil)
	b.anon(t).wantError(401, "unauthorized", "POST", "/api/v1/session",
		map[string]string{"email": u.Email, "password": testPassword})
}
