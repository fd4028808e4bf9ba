package web_test

import (
	"net/http"
	"net/url"
	"testing"

	"attractor/internal/ats"
)

// TestSettingsSignInStartsCleanSession checks that signing in on a browser
// another user used does not hand that user's session data to the new
// user: admin A connects LinkedIn (the widget configuration is kept in the
// session), then admin B signs in on the same browser and must not be
// shown A's widget.
func TestSettingsSignInStartsCleanSession(t *testing.T) {
	t.Parallel()
	e, _, c := adminLinkedInEnv(t, ats.StageNotConnected)
	b := e.mustUser(t, ats.RoleAdmin, "Ben Second")
	if d := c.submit(t, "/admin/linkedin/connect", nil); d.count(`script[type="IN/ATSIntegrationWidget"]`) != 1 {
		t.Fatal("A's page shows no widget after connecting")
	}
	resp := c.post(t, "/signin", url.Values{"email": {b.Email}, "password": {testPassword}})
	resp.Body.Close()
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("sign in as B = %d", resp.StatusCode)
	}
	d := c.page(t, "/admin/linkedin")
	if got := d.text("header.site .user-name"); got != "Ben Second" {
		t.Fatalf("signed in as %q, want Ben Second", got)
	}
	if n := d.count(`script[type="IN/ATSIntegrationWidget"]`); n != 0 {
		t.Errorf("B's session carries A's LinkedIn widget (%d widget tags)", n)
	}
}
