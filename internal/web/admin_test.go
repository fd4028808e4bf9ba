package web_test

import (
	"net/http"
	"net/url"
	"testing"

	"github.com/google/go-cmp/cmp"

	"attractor/internal/ats"
)

// adminHostile are the texts every text field must show inert and intact.
var adminHostile = []string{`<script>alert(1)</script>`, `"><img src=x onerror=alert(1)>`, "עברית\u200e مرحبا", "👩🏽‍💻"}

// adminInert checks a page created no element from hostile input.
func adminInert(t *testing.T, d *doc) {
	t.Helper()
	if d.count("main script:not([src]):not([type^='IN/'])") != 0 || d.count("img[onerror]") != 0 || d.count("img") != 0 {
		t.Errorf("hostile input became markup: %d scripts, %d img", d.count("main script"), d.count("img"))
	}
}

func TestAdminPagesRefuseOthers(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	admin := e.mustUser(t, ats.RoleAdmin, "Ada Admin")
	tpls, err := e.svc.FindTemplates(as(admin))
	if err != nil {
		t.Fatal(err)
	}
	paths := []string{"/admin", "/admin/users", "/admin/users/" + admin.ID, "/admin/templates", "/admin/templates/" + tpls[0].ID, "/admin/linkedin"}
	t.Run("AdminOK", func(t *testing.T) {
		c := e.signIn(t, admin)
		for _, p := range paths {
			d := c.page(t, p)
			if d.attr(`header.site nav a[href="/admin"]`, "aria-current") != "page" {
				t.Errorf("%s: Admin not marked in the header", p)
			}
		}
	})
	for _, role := range []ats.Role{ats.RoleRecruiter, ats.RoleHiringManager, ats.RoleInterviewer, ats.RoleReadOnly} {
		t.Run("Err403"+string(role), func(t *testing.T) {
			c := e.signIn(t, e.mustUser(t, role, "Someone"))
			for _, p := range paths {
				if resp, d := c.get(t, p); resp.StatusCode != http.StatusForbidden {
					t.Errorf("%s GET %s = %d, want 403 (%q)", role, p, resp.StatusCode, d.text("main"))
				}
			}
			for _, p := range []string{"/admin/users", "/admin/users/" + admin.ID, "/admin/templates", "/admin/templates/" + tpls[0].ID} {
				if resp := c.post(t, p, url.Values{"name": {"x"}, "op": {"profile"}, "role": {"admin"}}); resp.StatusCode != http.StatusForbidden {
					t.Errorf("%s POST %s = %d, want 403", role, p, resp.StatusCode)
				}
			}
		})
	}
}

func TestAdminUsers(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	admin := e.mustUser(t, ats.RoleAdmin, "Ada Admin")
	c := e.signIn(t, admin)

	t.Run("CreateOK", func(t *testing.T) {
		d := c.submit(t, "/admin/users", url.Values{"name": {"Hal Manager"}, "email": {"hal@example.com"},
			"role": {"hiring_manager"}, "password": {testPassword}})
		if d.text(".flash") != "Added Hal Manager." || d.text(".subject-role") != "Hiring manager" {
			t.Errorf("after create: flash %q role %q", d.text(".flash"), d.text(".subject-role"))
		}
		d = c.page(t, "/admin/users")
		if !cmp.Equal(true, adminContains(d.texts("td.user-email"), "hal@example.com")) {
			t.Errorf("list lacks the new user: %v", d.texts("td.user-email"))
		}
	})
	t.Run("ErrFieldsKeepInput", func(t *testing.T) {
		resp := c.post(t, "/admin/users", url.Values{"name": {"Ina Input"}, "email": {"not-an-email"}, "role": {"boss"}, "password": {"x"}})
		d := readDoc(t, resp)
		if resp.StatusCode != http.StatusUnprocessableEntity {
			t.Fatalf("status = %d, want 422", resp.StatusCode)
		}
		got := []string{d.attr("#f-name", "value"), d.attr("#f-email", "value"), d.attr("#f-password", "value"),
			adminNonEmpty(d.text("#f-email-error")), adminNonEmpty(d.text("#f-role-error")), adminNonEmpty(d.text("#f-password-error")), d.attr("#f-email", "aria-describedby")}
		want := []string{"Ina Input", "not-an-email", "", "yes", "yes", "yes", "f-email-error"}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("failed form (-want +got):\n%s", diff)
		}
	})
	t.Run("ErrDuplicateEmail", func(t *testing.T) {
		resp := c.post(t, "/admin/users", url.Values{"name": {"Again"}, "email": {admin.Email}, "role": {"recruiter"}, "password": {testPassword}})
		d := readDoc(t, resp)
		if resp.StatusCode != http.StatusConflict || d.text(".form-error") == "" {
			t.Errorf("duplicate email = %d, error %q", resp.StatusCode, d.text(".form-error"))
		}
	})
	t.Run("EditRoleDisableEnablePassword", func(t *testing.T) {
		u := e.mustUser(t, ats.RoleInterviewer, "Ivan Interviewer")
		path := "/admin/users/" + u.ID
		d := c.submit(t, path, url.Values{"op": {"profile"}, "name": {"Ivan Recruiter"}, "role": {"recruiter"}})
		if d.text(".subject-role") != "Recruiter" || d.text(".subject-name") != "Ivan Recruiter" {
			t.Errorf("after edit: role %q name %q", d.text(".subject-role"), d.text(".subject-name"))
		}
		d = c.submit(t, path, url.Values{"op": {"disable"}})
		if d.text(".subject-status") != "Disabled" || d.count("#user-enable") != 1 {
			t.Errorf("after disable: %q", d.text(".subject-status"))
		}
		if resp := e.anonymous(t).post(t, "/signin", url.Values{"email": {u.Email}, "password": {testPassword}}); resp.StatusCode == http.StatusSeeOther {
			t.Errorf("a disabled user signed in")
		}
		d = c.submit(t, path, url.Values{"op": {"enable"}})
		if d.text(".subject-status") != "Active" {
			t.Errorf("after enable: %q", d.text(".subject-status"))
		}
		c.submit(t, path, url.Values{"op": {"password"}, "password": {"a brand new long password"}})
		if resp := e.anonymous(t).post(t, "/signin", url.Values{"email": {u.Email}, "password": {"a brand new long password"}}); resp.StatusCode != http.StatusSeeOther {
			t.Errorf("sign in with the reset password = %d", resp.StatusCode)
		}
	})
	t.Run("ErrOwnRoleKeepsInput", func(t *testing.T) {
		resp := c.post(t, "/admin/users/"+admin.ID, url.Values{"op": {"profile"}, "name": {"Ada Renamed"}, "role": {"read_only"}})
		d := readDoc(t, resp)
		if resp.StatusCode != http.StatusUnprocessableEntity || d.text("#f-role-error") == "" ||
			d.attr("#f-name", "value") != "Ada Renamed" || d.attr(`#f-role option[selected]`, "value") != "read_only" {
			t.Errorf("own demotion = %d, error %q, name %q, role %q", resp.StatusCode, d.text("#f-role-error"),
				d.attr("#f-name", "value"), d.attr(`#f-role option[selected]`, "value"))
		}
		if d.count("#user-disable") != 0 {
			t.Errorf("an admin is offered to disable themselves")
		}
	})
	t.Run("ErrShortPassword", func(t *testing.T) {
		u := e.mustUser(t, ats.RoleRecruiter, "Pat Password")
		resp := c.post(t, "/admin/users/"+u.ID, url.Values{"op": {"password"}, "password": {"short"}})
		d := readDoc(t, resp)
		if resp.StatusCode != http.StatusUnprocessableEntity || d.text("#f-password-error") == "" || d.attr("#f-password", "value") != "" {
			t.Errorf("short password = %d, error %q", resp.StatusCode, d.text("#f-password-error"))
		}
	})
	t.Run("ErrUnknownUser", func(t *testing.T) {
		if resp, _ := c.get(t, "/admin/users/nope"); resp.StatusCode != http.StatusNotFound {
			t.Errorf("unknown user = %d", resp.StatusCode)
		}
	})
	t.Run("HostileNames", func(t *testing.T) {
		for i, name := range adminHostile {
			d := c.submit(t, "/admin/users", url.Values{"name": {name}, "email": {"hostile" + string(rune('a'+i)) + "@example.com"},
				"role": {"recruiter"}, "password": {testPassword}})
			if d.text(".subject-name") != name {
				t.Errorf("user page name = %q, want %q", d.text(".subject-name"), name)
			}
			adminInert(t, d)
		}
		d := c.page(t, "/admin/users")
		for _, name := range adminHostile {
			if !adminContains(d.texts("td.user-name"), name) {
				t.Errorf("list lacks %q", name)
			}
		}
		adminInert(t, d)
	})
}

// adminContains reports whether list holds s.
func adminContains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

// adminNonEmpty is "yes" when s has text, for compact table checks.
func adminNonEmpty(s string) string {
	if s == "" {
		return ""
	}
	return "yes"
}
