package web_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"attractor/internal/ats"
	"attractor/internal/syncer"
)

func TestSettingsProfile(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	for _, role := range []ats.Role{ats.RoleAdmin, ats.RoleRecruiter, ats.RoleHiringManager, ats.RoleInterviewer, ats.RoleReadOnly} {
		u := e.mustUser(t, role, `<script>alert(1)</script> 👩🏽‍💻`)
		d := e.signIn(t, u).page(t, "/settings")
		got := []string{d.text(".profile-name"), d.text(".profile-email"), d.attr(`a[href="/settings/connections"]`, "href")}
		want := []string{u.Name, u.Email, "/settings/connections"}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("%s profile (-want +got):\n%s", role, diff)
		}
		adminInert(t, d)
	}
}

func TestSettingsConnections(t *testing.T) {
	t.Parallel()
	t.Run("Unavailable", func(t *testing.T) {
		t.Parallel()
		e := newEnv(t)
		c := e.signIn(t, e.mustUser(t, ats.RoleInterviewer, "Ivy"))
		d := c.page(t, "/settings/connections")
		if d.text(".linkedin-unavailable") == "" || d.count("#linkedin-member-connect") != 0 {
			t.Errorf("without LinkedIn: %q", d.text(".connection-linkedin"))
		}
		if resp := c.post(t, "/settings/connections/linkedin", nil); resp.StatusCode != http.StatusNotFound {
			t.Errorf("connect without LinkedIn = %d", resp.StatusCode)
		}
	})
	t.Run("ConnectRedirectsToLinkedIn", func(t *testing.T) {
		t.Parallel()
		l := newAdminLinkedIn(ats.StageEnabled)
		e := newEnvWith(t, envConfig{linkedin: l})
		c := e.signIn(t, e.mustUser(t, ats.RoleRecruiter, "Rita"))
		d := c.page(t, "/settings/connections")
		if d.count("#linkedin-member-connect button") != 1 {
			t.Fatalf("no connect button: %q", d.text(".connection-linkedin"))
		}
		resp := c.post(t, "/settings/connections/linkedin", nil)
		if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != l.authURL {
			t.Errorf("connect = %d to %q, want 303 to %q", resp.StatusCode, resp.Header.Get("Location"), l.authURL)
		}
	})
	t.Run("Outcomes", func(t *testing.T) {
		t.Parallel()
		e := newEnvWith(t, envConfig{linkedin: newAdminLinkedIn(ats.StageEnabled)})
		c := e.signIn(t, e.mustUser(t, ats.RoleRecruiter, "Rita"))
		for outcome, want := range map[string]string{"connected": "Your LinkedIn account is connected.",
			"cancelled": "You cancelled connecting LinkedIn. Nothing was changed.", "failed": "LinkedIn did not connect your account. Please try again.",
			"<script>": ""} {
			d := c.page(t, "/settings/connections?linkedin="+outcome)
			if got := d.text(".linkedin-outcome"); got != want {
				t.Errorf("linkedin=%s: message %q, want %q", outcome, got, want)
			}
		}
	})
	t.Run("ConnectedShowsURNsAndDisconnects", func(t *testing.T) {
		t.Parallel()
		l := newAdminLinkedIn(ats.StageEnabled)
		e := newEnvWith(t, envConfig{linkedin: l})
		u := e.mustUser(t, ats.RoleRecruiter, "Rita")
		u.PersonURN, u.SeatURN = "urn:li:person:abc123", "urn:li:seat:90002"
		if err := e.store.Update(systemCtx(), func(tx ats.Tx) error { return tx.UpdateUser(u) }); err != nil {
			t.Fatal(err)
		}
		c := e.signIn(t, u)
		d := c.page(t, "/settings/connections")
		if d.text(".person-urn") != "urn:li:person:abc123" || d.text(".seat-urn") != "urn:li:seat:90002" ||
			d.count("#linkedin-member-disconnect[data-confirm]") != 1 {
			t.Errorf("connected: person %q seat %q", d.text(".person-urn"), d.text(".seat-urn"))
		}
		d = c.submit(t, "/settings/connections/linkedin/delete", nil)
		if d.text(".flash") != "Your LinkedIn account is disconnected." {
			t.Errorf("flash = %q", d.text(".flash"))
		}
		if diff := cmp.Diff([]string{"disconnect-member"}, l.called()); diff != "" {
			t.Errorf("calls (-want +got):\n%s", diff)
		}
	})
	t.Run("ErrLinkedInUnreachable", func(t *testing.T) {
		t.Parallel()
		l := newAdminLinkedIn(ats.StageEnabled)
		l.err = &ats.Error{Code: syncer.ELinkedIn, Message: "LinkedIn could not be reached to start the sign-in. Try again in a moment."}
		e := newEnvWith(t, envConfig{linkedin: l})
		c := e.signIn(t, e.mustUser(t, ats.RoleRecruiter, "Rita"))
		resp := c.post(t, "/settings/connections/linkedin", nil)
		d := readDoc(t, resp)
		if resp.StatusCode != http.StatusBadGateway || !strings.Contains(d.text(".form-error"), "could not be reached") {
			t.Errorf("unreachable = %d, %q", resp.StatusCode, d.text(".form-error"))
		}
	})
}
