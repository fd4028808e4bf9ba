package web_test

import (
	"net/http"
	"net/url"
	"strconv"
	"testing"

	"github.com/google/go-cmp/cmp"

	"attractor/internal/ats"
)

// adminTemplateForm is the edit form of tpl as the page submits it, named
// name, with the two blank new rows holding extra's names.
func adminTemplateForm(tpl *ats.ProcessTemplate, name string, extra ...string) url.Values {
	f := url.Values{"name": {name}}
	for i, ph := range tpl.Phases {
		f.Add("phase_id", ph.ID)
		f.Add("phase_kind", string(ph.Kind))
		f.Add("phase_name", ph.Name)
		f.Add("phase_order", strconv.Itoa(i+1))
		if ph.Enabled && ph.Kind == ats.PhaseProspect {
			f.Add("phase_enabled", strconv.Itoa(i))
		}
	}
	for _, n := range append(extra, "", "")[:2] {
		f.Add("phase_id", "")
		f.Add("phase_kind", "custom")
		f.Add("phase_name", n)
		f.Add("phase_order", "")
	}
	return f
}

func TestAdminTemplates(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	admin := e.mustUser(t, ats.RoleAdmin, "Ada Admin")
	c := e.signIn(t, admin)

	t.Run("IndexListsDefault", func(t *testing.T) {
		d := c.page(t, "/admin/templates")
		if d.text("td.template-name") != "Default Default" || d.text("td.template-phases") != "Prospect → Application → Screen → Interview → Offer" {
			t.Errorf("index: %q / %q", d.text("td.template-name"), d.text("td.template-phases"))
		}
	})
	t.Run("ErrNameRequired", func(t *testing.T) {
		resp := c.post(t, "/admin/templates", url.Values{"name": {""}, "is_default": {"on"}})
		d := readDoc(t, resp)
		if resp.StatusCode != http.StatusUnprocessableEntity || d.text("#f-name-error") == "" || d.count(`input[name=is_default][checked]`) != 1 {
			t.Errorf("empty name = %d, error %q", resp.StatusCode, d.text("#f-name-error"))
		}
	})
	t.Run("CreateAndEditPhases", func(t *testing.T) {
		d := c.submit(t, "/admin/templates", url.Values{"name": {"Engineering"}})
		if d.text(".template-title") != "Engineering" || d.count("tr.phase-row") != 7 {
			t.Fatalf("new template page: %q, %d rows", d.text(".template-title"), d.count("tr.phase-row"))
		}
		tpl := adminFindTemplate(t, e, admin, "Engineering")
		// Rename Screen, move Interview before it, switch Prospect off,
		// add "Take-home", and remove nothing.
		f := adminTemplateForm(tpl, "Engineering hiring", "Take-home")
		f.Del("phase_enabled")
		f["phase_name"][2] = "Phone screen"
		f["phase_order"][2], f["phase_order"][3] = "4", "3"
		f["phase_order"][5] = "5" // the new row, before Offer
		f["phase_order"][4] = "6"
		d = c.submit(t, "/admin/templates/"+tpl.ID, f)
		if d.text(".flash") != "Saved the template Engineering hiring." {
			t.Errorf("flash = %q", d.text(".flash"))
		}
		got := adminPhaseNames(adminFindTemplate(t, e, admin, "Engineering hiring"))
		want := []string{"Prospect (off)", "Application", "Interview", "Phone screen", "Take-home", "Offer"}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("phases (-want +got):\n%s", diff)
		}
		// Remove the custom phase "Interview" (row 2 now).
		tpl = adminFindTemplate(t, e, admin, "Engineering hiring")
		f = adminTemplateForm(tpl, tpl.Name)
		f.Add("phase_remove", "2")
		c.submit(t, "/admin/templates/"+tpl.ID, f)
		got = adminPhaseNames(adminFindTemplate(t, e, admin, "Engineering hiring"))
		want = []string{"Prospect (off)", "Application", "Phone screen", "Take-home", "Offer"}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("after removal (-want +got):\n%s", diff)
		}
	})
	t.Run("ErrPhasesKeepInput", func(t *testing.T) {
		tpl := adminFindTemplate(t, e, admin, "Default")
		f := adminTemplateForm(tpl, "Default", "Screen") // a duplicate name
		resp := c.post(t, "/admin/templates/"+tpl.ID, f)
		d := readDoc(t, resp)
		if resp.StatusCode != http.StatusUnprocessableEntity || d.text("#f-phases-error") == "" {
			t.Fatalf("duplicate phase = %d, error %q", resp.StatusCode, d.text("#f-phases-error"))
		}
		if got := d.attr("#phase-name-5", "value"); got != "Screen" {
			t.Errorf("new row kept %q, want Screen", got)
		}
	})
	t.Run("HostileNames", func(t *testing.T) {
		for _, name := range adminHostile {
			d := c.submit(t, "/admin/templates", url.Values{"name": {name}})
			if d.text(".template-title") != name {
				t.Errorf("template title = %q, want %q", d.text(".template-title"), name)
			}
			tpl := adminFindTemplate(t, e, admin, name)
			d = c.submit(t, "/admin/templates/"+tpl.ID, adminTemplateForm(tpl, name, name))
			if got := d.attr("#phase-name-5", "value"); got != name {
				t.Errorf("phase name = %q, want %q", got, name)
			}
			adminInert(t, d)
		}
		d := c.page(t, "/admin/templates")
		adminInert(t, d)
		for _, name := range adminHostile {
			if !adminContains(d.texts("td.template-name a"), name) {
				t.Errorf("list lacks %q", name)
			}
		}
	})
}

// adminFindTemplate returns the template called name.
func adminFindTemplate(t *testing.T, e *env, admin *ats.User, name string) *ats.ProcessTemplate {
	t.Helper()
	list, err := e.svc.FindTemplates(as(admin))
	if err != nil {
		t.Fatal(err)
	}
	for _, tpl := range list {
		if tpl.Name == name {
			return tpl
		}
	}
	t.Fatalf("no template %q", name)
	return nil
}

// adminPhaseNames lists a template's phases, "(off)" marking switched-off ones.
func adminPhaseNames(tpl *ats.ProcessTemplate) []string {
	var out []string
	for _, ph := range tpl.Phases {
		n := ph.Name
		if !ph.Enabled {
			n += " (off)"
		}
		out = append(out, n)
	}
	return out
}
