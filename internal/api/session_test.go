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

// TestTokenRevocation lists a user's tokens without secrets and revokes
// one: it stops working at once, others keep working, and nobody but its
// owner or an admin can revoke it.
func TestTokenRevocation(t *testing.T) {
	t.Parallel()
	b := setup(t)
	u := mustCreateUser(t, b.svc, "rec@example.com", ats.RoleRecruiter)
	other := b.bearer(t, mustToken(t, b.svc, mustCreateUser(t, b.svc, "hm@example.com", ats.RoleHiringManager)))
	keep, spare := b.bearer(t, mustToken(t, b.svc, u)), mustToken(t, b.svc, u)
	tokens := call[struct {
		Items []map[string]any `json:"items"`
		Total int              `json:"total"`
	}](keep, 200, "GET", "/api/v1/tokens", nil)
	if tokens.Total != 2 || tokens.Items[0]["token"] != nil {
		t.Fatalf("token list = %+v; want two tokens without secrets", tokens)
	}
	id := tokens.Items[0]["id"].(string)
	other.wantError(404, "not_found", "DELETE", "/api/v1/tokens/"+id, nil)
	keep.want(204, "DELETE", "/api/v1/tokens/"+id, nil)
	keep.wantError(404, "not_found", "DELETE", "/api/v1/tokens/"+id, nil)
	revoked, kept := 0, 0
	for _, c := range []*client{b.bearer(t, spare), keep} {
		if c.do("GET", "/api/v1/me", nil).status == 200 {
			kept++
		} else {
			revoked++
		}
	}
	if revoked != 1 || kept != 1 {
		t.Errorf("after revoking one of two tokens: %d work, %d fail; want 1 and 1", kept, revoked)
	}
}

// TestSignInThrottled checks that repeated wrong passwords for one account
// end in 429 with Retry-After.
func TestSignInThrottled(t *testing.T) {
	t.Parallel()
	b := setup(t)
	u := mustCreateUser(t, b.svc, "rec@example.com", ats.RoleRecruiter)
	c := b.anon(t)
	for range 10 {
		c.wantError(401, "unauthorized", "POST", "/api/v1/session", map[string]string{"email": u.Email, "password": "wrong-password"})
	}
	c.wantError(429, "too_many_requests", "POST", "/api/v1/session", map[string]string{"email": u.Email, "password": testPassword})
	if got := c.do("POST", "/api/v1/session", map[string]string{"email": u.Email, "password": testPassword}).header.Get("Retry-After"); got != "30" {
		t.Errorf("Retry-After = %q, want 30", got)
	}
}

// TestPasswordResetEndsSessions checks that an admin resetting a user's
// password signs that user out of existing sessions.
func TestPasswordResetEndsSessions(t *testing.T) {
	t.Parallel()
	b := setup(t)
	admin := b.bearer(t, mustToken(t, b.svc, mustCreateUser(t, b.svc, "admin@example.com", ats.RoleAdmin)))
	u := mustCreateUser(t, b.svc, "rec@example.com", ats.RoleRecruiter)
	session := b.anon(t)
	session.want(200, "POST", "/api/v1/session", map[string]string{"email": u.Email, "password": testPassword})
	session.want(200, "GET", "/api/v1/me", nil)
	admin.want(200, "PATCH", "/api/v1/users/"+u.ID, map[string]string{"name": "Renamed"})
	session.want(200, "GET", "/api/v1/me", nil)
	admin.want(200, "PATCH", "/api/v1/users/"+u.ID, map[string]string{"password": "a-brand-new-password"})
	session.wantError(401, "unauthorized", "GET", "/api/v1/me", nil)
	session.want(200, "POST", "/api/v1/session", map[string]string{"email": u.Email, "password": "a-brand-new-password"})
	session.want(200, "GET", "/api/v1/me", nil)
}
