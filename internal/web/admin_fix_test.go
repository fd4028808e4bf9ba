package web_test

import (
	"net/http"
	"net/url"
	"testing"

	"attractor/internal/ats"
)

// TestAdminUserFormRoleStartsEmpty checks that the "Add a user" form
// makes nobody an admin by default: the role select starts on an empty,
// required "Choose a role…" option, a submit without a role is refused
// with the role's error, and a failed submit keeps the chosen role.
func TestAdminUserFormRoleStartsEmpty(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	c := e.signIn(t, e.mustUser(t, ats.RoleAdmin, "Ada Admin"))

	t.Run("OK", func(t *testing.T) {
		d := c.page(t, "/admin/users")
		if d.count("#f-role[required]") != 1 || d.count(`#f-role option[value=""][selected]`) != 1 ||
			d.count("#f-role option[selected]") != 1 || d.text(`#f-role option[value=""]`) != "Choose a role…" {
			t.Errorf("role select: required %d, empty option selected %d, selected %d, text %q", d.count("#f-role[required]"),
				d.count(`#f-role option[value=""][selected]`), d.count("#f-role option[selected]"), d.text(`#f-role option[value=""]`))
		}
	})
	t.Run("ErrRoleRequired", func(t *testing.T) {
		resp := c.post(t, "/admin/users", url.Values{"name": {"No Role"}, "email": {"norole@example.com"}, "password": {testPassword}})
		d := readDoc(t, resp)
		if resp.StatusCode != http.StatusUnprocessableEntity || d.text("#f-role-error") == "" {
			t.Errorf("no role = %d, role error %q", resp.StatusCode, d.text("#f-role-error"))
		}
	})
	t.Run("ErrKeepsChosenRole", func(t *testing.T) {
		resp := c.post(t, "/admin/users", url.Values{"name": {""}, "email": {"x@example.com"}, "role": {"recruiter"}, "password": {testPassword}})
		d := readDoc(t, resp)
		if got := d.attr("#f-role option[selected]", "value"); resp.StatusCode != http.StatusUnprocessableEntity || got != "recruiter" {
			t.Errorf("failed submit = %d, selected role %q", resp.StatusCode, got)
		}
	})
}

// TestAdminTemplatePhaseLabelsNamed checks that each row's "On" and
// "Remove" checkboxes carry the row's phase in their label (hidden from
// sight), so a screen reader does not hear a column of identical labels,
// and that the phase names in the index are isolated in <bdi>.
func TestAdminTemplatePhaseLabelsNamed(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	admin := e.mustUser(t, ats.RoleAdmin, "Ada Admin")
	c := e.signIn(t, admin)
	d := c.submit(t, "/admin/templates", url.Values{"name": {"Engineering"}})
	labels := d.texts("tr.phase-row td:last-child label")
	if len(labels) < 2 {
		t.Fatalf("only %d option labels: %q", len(labels), labels)
	}
	seen := map[string]bool{}
	for _, l := range labels {
		if seen[l] {
			t.Errorf("label %q repeats; all: %q", l, labels)
		}
		seen[l] = true
	}
	if !seen["On: Prospect"] || !seen["Remove: Screen"] {
		t.Errorf("labels %q lack \"On: Prospect\" and \"Remove: Screen\"", labels)
	}
	if n := d.count(`tr.phase-row td:last-child label .visually-hidden bdi`); n != len(labels) {
		t.Errorf("%d of %d labels name their phase in a hidden <bdi>", n, len(labels))
	}
	d = c.page(t, "/admin/templates")
	if d.count("td.template-phases bdi") < 5 || d.count("td.template-name bdi") < 2 {
		t.Errorf("template index: %d phase <bdi>, %d name <bdi>", d.count("td.template-phases bdi"), d.count("td.template-name bdi"))
	}
	d = c.page(t, "/admin/users")
	if d.count("td.user-name bdi") != d.count("td.user-name") {
		t.Errorf("users list: %d of %d names in <bdi>", d.count("td.user-name bdi"), d.count("td.user-name"))
	}
}
