package web_test

import (
	"fmt"
	"net/url"
	"slices"
	"strings"
	"testing"

	"attractor/internal/ats"
)

// poolFormAsRendered is the pool edit form as the page would submit it
// untouched: name, description and the ticked contributors.
func poolFormAsRendered(d *doc) url.Values {
	f := url.Values{"name": {d.attr("#pool-edit-form #f-name", "value")},
		"description": {d.text("#pool-edit-form #f-description")}, "contributor_ids": {}}
	for _, n := range d.all(`#pool-edit-form input[name=contributor_ids][checked]`) {
		for _, a := range n.Attr {
			if a.Key == "value" {
				f.Add("contributor_ids", a.Val)
			}
		}
	}
	return f
}

// TestPoolContributorPicker checks that the pool form always lists the
// pool's contributors (even those no search or list would show), so
// saving it untouched keeps them, and that other people are found by a
// search (?uq) listing at most 50 matches and saying when there are more.
func TestPoolContributorPicker(t *testing.T) {
	t.Parallel()
	w := candSetup(t)
	late := w.e.mustUser(t, ats.RoleRecruiter, "Zz Disabled Contributor")
	pool := candPool(t, w.e, w.rec, "Shared", w.hm.ID, late.ID)
	off := true
	if _, err := w.e.svc.UpdateUser(as(w.admin), late.ID, ats.UserUpdate{Disabled: &off}); err != nil {
		t.Fatal(err)
	}
	for i := range 55 {
		w.e.mustUser(t, ats.RoleHiringManager, fmt.Sprintf("Bulk Manager %02d", i))
	}
	path := "/pools/" + pool.ID
	c := w.e.signIn(t, w.rec)

	t.Run("SaveKeepsUnlistedContributor", func(t *testing.T) {
		d := c.page(t, path)
		f := poolFormAsRendered(d)
		if !slices.Contains(f["contributor_ids"], late.ID) {
			t.Errorf("contributor %s not ticked on the form; ticked %q", late.Name, f["contributor_ids"])
		}
		c.submit(t, path, f)
		got, err := w.e.svc.FindPool(as(w.rec), pool.ID)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Contains(got.Contributors, late.ID) || !slices.Contains(got.Contributors, w.hm.ID) {
			t.Errorf("after saving untouched: contributors %q, want %s and %s kept", got.Contributors, w.hm.ID, late.ID)
		}
	})
	t.Run("ListCappedAndAnnounced", func(t *testing.T) {
		d := c.page(t, path)
		boxes := d.count("#pool-edit-form input[name=contributor_ids]")
		if boxes > 52 || d.text("#user-count") == "" || d.count("#f-uq") != 1 {
			t.Errorf("%d checkboxes, note %q, search field %d", boxes, d.text("#user-count"), d.count("#f-uq"))
		}
	})
	t.Run("SearchKeepsWhatWasTypedAndTicked", func(t *testing.T) {
		d := c.page(t, path+"?uq=manager+07")
		btn := "#pool-edit-form button[name=search]"
		if d.attr(btn, "formmethod") != "get" || d.attr(btn, "formaction") != path || d.attr(btn, "value") != "1" {
			t.Fatalf("Search button: formmethod %q formaction %q value %q, want it to send the pool form by GET to %s",
				d.attr(btn, "formmethod"), d.attr(btn, "formaction"), d.attr(btn, "value"), path)
		}
		// What the browser sends when the user renames the pool, ticks
		// Bulk Manager 07 and unticks the hiring manager, then searches
		// for someone else.
		f := poolFormAsRendered(d)
		var bulk7 string
		for _, n := range d.all("#pool-edit-form .pool-contributors label") {
			if strings.Contains(textOf(n), "Bulk Manager 07") {
				bulk7 = attrOf(n.FirstChild, "value")
			}
		}
		f.Set("name", "Renamed <b>pool</b>")
		f.Set("description", "typed before searching")
		f["contributor_ids"] = slices.DeleteFunc(append(f["contributor_ids"], bulk7), func(id string) bool { return id == w.hm.ID })
		f.Set("uq", "manager 12")
		f.Set("search", "1")
		d = c.page(t, path+"?"+f.Encode())
		if got := d.attr("#pool-edit-form #f-name", "value"); got != "Renamed <b>pool</b>" {
			t.Errorf("name after search = %q", got)
		}
		if got := d.text("#pool-edit-form #f-description"); got != "typed before searching" {
			t.Errorf("description after search = %q", got)
		}
		ticked := poolFormAsRendered(d)["contributor_ids"]
		if !slices.Contains(ticked, bulk7) || !slices.Contains(ticked, late.ID) || slices.Contains(ticked, w.hm.ID) {
			t.Errorf("ticked after search = %q, want Bulk Manager 07 and %s, not the unticked hiring manager", ticked, late.Name)
		}
		if names := d.texts("#pool-edit-form .pool-contributors label bdi"); !slices.Contains(names, "Bulk Manager 12") {
			t.Errorf("search matches %q lack Bulk Manager 12", names)
		}
		d = c.page(t, "/pools?"+url.Values{"search": {"1"}, "name": {"Draft pool"}, "uq": {"manager 03"},
			"contributor_ids": {bulk7}}.Encode())
		if d.attr("#pool-create-form #f-name", "value") != "Draft pool" || d.count("#pool-create-form input[name=contributor_ids][checked]") != 1 {
			t.Errorf("new-pool form after search: name %q, %d ticked", d.attr("#pool-create-form #f-name", "value"),
				d.count("#pool-create-form input[name=contributor_ids][checked]"))
		}
	})
	t.Run("SearchFindsByNameOrEmail", func(t *testing.T) {
		d := c.page(t, path+"?uq=manager+07")
		names := d.texts("#pool-edit-form .pool-contributors label bdi")
		if !slices.Contains(names, "Bulk Manager 07") || slices.Contains(names, "Bulk Manager 08") ||
			!slices.Contains(names, late.Name) || d.attr("#f-uq", "value") != "manager 07" {
			t.Errorf("search listed %q", names)
		}
		d = c.page(t, "/pools?uq="+url.QueryEscape(strings.ToUpper(w.outRec.Email)))
		if names := d.texts("#pool-create-form .pool-contributors label bdi"); !slices.Equal(names, []string{w.outRec.Name}) {
			t.Errorf("email search on the new-pool form listed %q", names)
		}
	})
}
