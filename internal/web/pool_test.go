package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"attractor/internal/ats"
)

// candPool creates a pool owned by u.
func candPool(t *testing.T, e *env, u *ats.User, name string, contributors ...string) *ats.TalentPool {
	t.Helper()
	p, err := e.svc.CreatePool(as(u), ats.TalentPoolInput{Name: name, Contributors: contributors})
	if err != nil {
		t.Fatalf("CreatePool: %v", err)
	}
	return p
}

func TestPoolIndex(t *testing.T) {
	t.Parallel()
	w := candSetup(t)
	candPool(t, w.e, w.rec, "Go developers")

	t.Run("SystemPoolMarked", func(t *testing.T) {
		d := w.e.signIn(t, w.readOnly).page(t, "/pools")
		if got := d.texts(".pool-list .pool-name"); len(got) != 2 {
			t.Errorf("pools = %q", got)
		}
		if got := d.count(".pool-list .pool-system"); got != 1 {
			t.Errorf("system badges = %d, want 1", got)
		}
		if d.count("#pool-create-form") != 0 {
			t.Error("read-only user may create pools")
		}
	})
	t.Run("OKCreate", func(t *testing.T) {
		c := w.e.signIn(t, w.rec)
		if c.page(t, "/pools").count("#pool-create-form") != 1 {
			t.Fatal("no create form for a recruiter")
		}
		d := c.submit(t, "/pools", url.Values{"name": {"Designers"}, "description": {"UX and UI"},
			"contributor_ids": {w.hm.ID}})
		if d.text("#pool-title") != "Designers" || !strings.Contains(d.text(".cand-head"), "Hugo Manager") {
			t.Errorf("new pool page: %q", d.text(".cand-head"))
		}
	})
	t.Run("ErrFieldsKeepInput", func(t *testing.T) {
		resp := w.e.signIn(t, w.rec).post(t, "/pools", url.Values{"name": {"linkedin"}, "description": {"Kept"},
			"contributor_ids": {w.iv.ID}})
		d := readDoc(t, resp)
		if resp.StatusCode != http.StatusUnprocessableEntity || d.text("#f-name-error") == "" ||
			d.text("#f-description") != "Kept" {
			t.Errorf("status %d, name error %q, description %q", resp.StatusCode, d.text("#f-name-error"), d.text("#f-description"))
		}
	})
	t.Run("ErrInterviewerForbidden", func(t *testing.T) {
		if got := candStatus(t, w.e.signIn(t, w.iv), "/pools"); got != http.StatusForbidden {
			t.Errorf("interviewer GET /pools = %d, want 403", got)
		}
	})
}

func TestPoolShow(t *testing.T) {
	t.Parallel()
	w := candSetup(t)
	pool := candPool(t, w.e, w.rec, "Go developers", w.hm.ID)
	if err := w.e.svc.AddPoolMember(as(w.rec), pool.ID, w.cand.ID); err != nil {
		t.Fatal(err)
	}
	path := "/pools/" + pool.ID

	t.Run("ControlsPerRole", func(t *testing.T) {
		for _, tc := range []struct {
			u            *ats.User
			edit, remove bool
		}{{w.rec, true, true}, {w.admin, true, true}, {w.hm, false, true}, {w.outRec, false, false}, {w.readOnly, false, false}} {
			d := w.e.signIn(t, tc.u).page(t, path)
			if got := d.texts(".pool-members .cand-name"); len(got) != 1 || got[0] != "José Müller" {
				t.Errorf("%s: members %q", tc.u.Name, got)
			}
			if got := [2]bool{d.count("#pool-edit-form") == 1, d.count(".pool-members form") == 1}; got != [2]bool{tc.edit, tc.remove} {
				t.Errorf("%s: edit, remove = %v, want %v %v", tc.u.Name, got, tc.edit, tc.remove)
			}
		}
	})
	t.Run("SystemPool", func(t *testing.T) {
		sys, err := w.e.svc.EnsureSystemPool(systemCtx(), ats.LinkedInPoolName)
		if err != nil {
			t.Fatal(err)
		}
		href := "/pools/" + sys.ID
		d := w.e.signIn(t, w.admin).page(t, href)
		if d.count("#pool-title .pool-system") != 1 || d.count("#pool-edit-form") != 0 {
			t.Errorf("system pool page: badge %d, edit form %d", d.count("#pool-title .pool-system"), d.count("#pool-edit-form"))
		}
		if resp := w.e.signIn(t, w.admin).post(t, href, url.Values{"name": {"Renamed"}}); resp.StatusCode == http.StatusSeeOther {
			t.Error("system pool renamed")
		}
	})
	t.Run("OKRemoveMember", func(t *testing.T) {
		c2 := candCandidate(t, w.e, w.rec, "Temp", "Member", "temp@example.com")
		if err := w.e.svc.AddPoolMember(as(w.rec), pool.ID, c2.ID); err != nil {
			t.Fatal(err)
		}
		d := w.e.signIn(t, w.hm).submit(t, path+"/members/"+c2.ID+"/delete", nil)
		if got := d.texts(".pool-members .cand-name"); len(got) != 1 {
			t.Errorf("members after removal = %q", got)
		}
	})
	t.Run("ErrRemoveForbidden", func(t *testing.T) {
		if resp := w.e.signIn(t, w.outRec).post(t, path+"/members/"+w.cand.ID+"/delete", nil); resp.StatusCode != http.StatusForbidden {
			t.Errorf("outsider removal = %d, want 403", resp.StatusCode)
		}
	})
	t.Run("ErrNotFound", func(t *testing.T) {
		if got := candStatus(t, w.e.signIn(t, w.rec), "/pools/00000000-0000-0000-0000-000000000000"); got != http.StatusNotFound {
			t.Errorf("unknown pool = %d, want 404", got)
		}
	})
	t.Run("OKEditAndShare", func(t *testing.T) {
		d := w.e.signIn(t, w.rec).submit(t, path, url.Values{"name": {"Gophers"}, "description": {"Go people"},
			"contributor_ids": {w.admin.ID}})
		if d.text("#pool-title") != "Gophers" || !strings.Contains(d.text(".cand-head"), "Ada Admin") ||
			strings.Contains(d.text(".cand-head"), "Hugo Manager") {
			t.Errorf("after edit: %q", d.text(".cand-head"))
		}
	})
	t.Run("ErrEditKeepsInput", func(t *testing.T) {
		resp := w.e.signIn(t, w.rec).post(t, path, url.Values{"name": {""}, "description": {"Still here"}})
		d := readDoc(t, resp)
		if resp.StatusCode != http.StatusUnprocessableEntity || d.text("#f-name-error") == "" || d.text("#f-description") != "Still here" {
			t.Errorf("status %d, error %q, description %q", resp.StatusCode, d.text("#f-name-error"), d.text("#f-description"))
		}
	})
	t.Run("ErrEditByContributor", func(t *testing.T) {
		if resp := w.e.signIn(t, w.hm).post(t, path, url.Values{"name": {"Mine"}}); resp.StatusCode == http.StatusSeeOther {
			t.Error("contributor renamed the pool")
		}
	})
}

func TestPoolAddFromCandidate(t *testing.T) {
	t.Parallel()
	w := candSetup(t)
	pool := candPool(t, w.e, w.rec, "Shortlist")
	path := "/candidates/" + w.cand.ID + "/pools"

	t.Run("OK", func(t *testing.T) {
		w.e.signIn(t, w.rec).submit(t, path, url.Values{"pool_id": {pool.ID}})
		d := w.e.signIn(t, w.rec).page(t, "/pools/"+pool.ID)
		if got := d.texts(".pool-members .cand-name"); len(got) != 1 {
			t.Errorf("members = %q", got)
		}
	})
	t.Run("ErrNoPool", func(t *testing.T) {
		resp := w.e.signIn(t, w.rec).post(t, path, url.Values{"pool_id": {""}})
		if d := readDoc(t, resp); resp.StatusCode != http.StatusUnprocessableEntity || d.text("#f-pool_id-error") == "" {
			t.Errorf("status %d, error %q", resp.StatusCode, d.text("#f-pool_id-error"))
		}
	})
	t.Run("ErrNotContributor", func(t *testing.T) {
		if d := w.e.signIn(t, w.outRec).page(t, "/candidates/"+w.cand.ID); d.count(`#f-pool_id option[value="`+pool.ID+`"]`) != 0 {
			t.Error("outsider offered another's pool")
		}
		if resp := w.e.signIn(t, w.outRec).post(t, path, url.Values{"pool_id": {pool.ID}}); resp.StatusCode == http.StatusSeeOther {
			t.Error("outsider added to another's pool")
		}
	})
}

func TestPoolHostileText(t *testing.T) {
	t.Parallel()
	w := candSetup(t)
	c := w.e.signIn(t, w.rec)
	for _, text := range candHostile {
		t.Run(text, func(t *testing.T) {
			d := c.submit(t, "/pools", url.Values{"name": {text}, "description": {text + "\nmore"}})
			candInert(t, d)
			if got := d.text("#pool-title"); got != strings.Join(strings.Fields(text), " ") {
				t.Errorf("name shown %q", got)
			}
			if got := d.text(".cand-head .pool-desc"); got != strings.Join(strings.Fields(text+" more"), " ") {
				t.Errorf("description shown %q", got)
			}
			if got := d.attr("#f-name", "value"); got != text {
				t.Errorf("name input %q", got)
			}
			candInert(t, c.page(t, "/pools"))
		})
	}
}
