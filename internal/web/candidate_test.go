package web_test

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"attractor/internal/ats"
)

// candHostile are the texts every free-text field of the candidates area
// must show inert and intact.
var candHostile = []string{`<script>alert(1)</script>`, `"><img src=x onerror=alert(1)>`,
	"עברית\u200e مرحبا", "👩🏽‍💻"}

// candWorld is the candidates area's fixture: an active job whose team
// seats a recruiter, a hiring manager and an interviewer, a candidate
// applied to it, and users who sit on no team.
type candWorld struct {
	e                          *env
	admin, rec, hm, iv, outRec *ats.User
	readOnly, outIv            *ats.User
	job                        *ats.Job
	cand                       *ats.Candidate
	app                        *ats.Application
}

// candSetup builds the fixture.
func candSetup(t *testing.T) *candWorld {
	t.Helper()
	e := newEnv(t)
	w := &candWorld{e: e, admin: e.mustUser(t, ats.RoleAdmin, "Ada Admin"),
		rec: e.mustUser(t, ats.RoleRecruiter, "Rita Recruiter"), hm: e.mustUser(t, ats.RoleHiringManager, "Hugo Manager"),
		iv: e.mustUser(t, ats.RoleInterviewer, "Ivan Interviewer"), outRec: e.mustUser(t, ats.RoleRecruiter, "Otto Outside"),
		readOnly: e.mustUser(t, ats.RoleReadOnly, "Rhea Reader"), outIv: e.mustUser(t, ats.RoleInterviewer, "Olga Offteam")}
	w.job = candJob(t, w, "Backend Engineer")
	w.cand = candCandidate(t, e, w.rec, "José", "Müller", "jose@example.com")
	app, err := e.svc.CreateApplication(as(w.rec), ats.ApplicationInput{CandidateID: w.cand.ID, JobID: w.job.ID})
	if err != nil {
		t.Fatalf("CreateApplication: %v", err)
	}
	w.app = app
	return w
}

// candJob creates and activates a job staffed with the fixture's team.
func candJob(t *testing.T, w *candWorld, title string) *ats.Job {
	t.Helper()
	svc := w.e.svc
	j, err := svc.CreateJob(as(w.rec), ats.JobInput{Title: title, Location: ats.Location{City: "Berlin", CountryCode: "DE"}})
	if err != nil {
		t.Fatalf("CreateJob: %v", err)
	}
	_, err = svc.ReplaceTeam(as(w.rec), j.ID, []ats.TeamMember{{UserID: w.rec.ID, Role: ats.TeamRecruiter},
		{UserID: w.hm.ID, Role: ats.TeamHiringManager}, {UserID: w.iv.ID, Role: ats.TeamInterviewer}})
	if err != nil {
		t.Fatalf("ReplaceTeam: %v", err)
	}
	if j, err = svc.ActivateJob(as(w.rec), j.ID); err != nil {
		t.Fatalf("ActivateJob: %v", err)
	}
	return j
}

// candCandidate creates a candidate as u.
func candCandidate(t *testing.T, e *env, u *ats.User, first, last, email string) *ats.Candidate {
	t.Helper()
	c, err := e.svc.CreateCandidate(as(u), &ats.Candidate{FirstName: first, LastName: last, Email: email})
	if err != nil {
		t.Fatalf("CreateCandidate: %v", err)
	}
	return c
}

// candStatus fetches path and returns its status.
func candStatus(t *testing.T, c *client, path string) int {
	t.Helper()
	resp, _ := c.get(t, path)
	return resp.StatusCode
}

// candInert fails unless no injected element exists in the page.
func candInert(t *testing.T, d *doc) {
	t.Helper()
	if n, m := d.count("main script"), d.count("img[onerror]"); n != 0 || m != 0 {
		t.Errorf("injected markup became elements: %d scripts, %d img[onerror]", n, m)
	}
}

func TestCandidateIndex(t *testing.T) {
	t.Parallel()
	w := candSetup(t)
	candCandidate(t, w.e, w.rec, "Anna", "Schmidt", "anna@example.com")

	t.Run("AccentInsensitiveSearch", func(t *testing.T) {
		d := w.e.signIn(t, w.rec).page(t, "/candidates?q=muller")
		if got := d.texts("table.cand-list .cand-name"); len(got) != 1 || got[0] != "José Müller" {
			t.Errorf("search muller = %q, want [José Müller]", got)
		}
		if got := d.attr("#f-q", "value"); got != "muller" {
			t.Errorf("search box = %q, want muller", got)
		}
	})
	t.Run("ListsAll", func(t *testing.T) {
		d := w.e.signIn(t, w.readOnly).page(t, "/candidates")
		if got := d.count("table.cand-list tbody tr"); got != 2 {
			t.Errorf("rows = %d, want 2", got)
		}
		if d.count(`a[href="/candidates/new"]`) != 0 {
			t.Error("read-only user is offered New candidate")
		}
	})
	t.Run("NoMatch", func(t *testing.T) {
		d := w.e.signIn(t, w.rec).page(t, "/candidates?q=nobody")
		if d.count(".cand-empty") != 1 {
			t.Error("no empty-result message")
		}
	})
	t.Run("ErrQueryTooLong", func(t *testing.T) {
		resp, d := w.e.signIn(t, w.rec).get(t, "/candidates?q="+strings.Repeat("a", 201))
		if resp.StatusCode != http.StatusUnprocessableEntity || d.text("#f-q-error") == "" {
			t.Errorf("status %d, error %q; want 422 with the q error", resp.StatusCode, d.text("#f-q-error"))
		}
	})
	t.Run("ErrInterviewerForbidden", func(t *testing.T) {
		if got := candStatus(t, w.e.signIn(t, w.iv), "/candidates"); got != http.StatusForbidden {
			t.Errorf("interviewer GET /candidates = %d, want 403", got)
		}
	})
}

func TestCandidateCreate(t *testing.T) {
	t.Parallel()
	w := candSetup(t)

	t.Run("OK", func(t *testing.T) {
		c := w.e.signIn(t, w.rec)
		c.page(t, "/candidates/new")
		d := c.submit(t, "/candidates", url.Values{"first_name": {"Zoë"}, "last_name": {"Ångström"},
			"email": {"zoe@example.com"}, "phones": {"+49 1\n+49 2"}, "address.country_code": {"se"}})
		if got := d.text("#cand-title"); got != "Zoë Ångström" {
			t.Errorf("profile title = %q", got)
		}
		if d.text(".flash") != "Candidate added." {
			t.Errorf("flash = %q", d.text(".flash"))
		}
	})
	t.Run("ErrFieldsKeepInput", func(t *testing.T) {
		resp := w.e.signIn(t, w.rec).post(t, "/candidates", url.Values{"first_name": {"Kept"}, "last_name": {""},
			"email": {"not-an-email"}, "other_emails": {"a@example.com\nbad"}})
		d := readDoc(t, resp)
		if resp.StatusCode != http.StatusUnprocessableEntity {
			t.Errorf("status = %d, want 422", resp.StatusCode)
		}
		for _, id := range []string{"#f-last_name-error", "#f-email-error", "#f-other_emails-error"} {
			if d.text(id) == "" {
				t.Errorf("no %s", id)
			}
		}
		if d.attr("#f-first_name", "value") != "Kept" || d.attr("#f-email", "value") != "not-an-email" ||
			d.text("#f-other_emails") != "a@example.com bad" {
			t.Errorf("input not kept: %q %q %q", d.attr("#f-first_name", "value"), d.attr("#f-email", "value"), d.text("#f-other_emails"))
		}
	})
	t.Run("ErrForbidden", func(t *testing.T) {
		for _, u := range []*ats.User{w.readOnly, w.iv} {
			c := w.e.signIn(t, u)
			if got := candStatus(t, c, "/candidates/new"); got != http.StatusForbidden {
				t.Errorf("%s GET new = %d, want 403", u.Role, got)
			}
			if resp := c.post(t, "/candidates", url.Values{"first_name": {"A"}, "last_name": {"B"}}); resp.StatusCode != http.StatusForbidden {
				t.Errorf("%s POST = %d, want 403", u.Role, resp.StatusCode)
			}
		}
	})
}

func TestCandidateHostileText(t *testing.T) {
	t.Parallel()
	w := candSetup(t)
	c := w.e.signIn(t, w.rec)
	for i, text := range candHostile {
		t.Run(text, func(t *testing.T) {
			email := fmt.Sprintf("עברית👩🏽‍💻%d@example.com", i)
			d := c.submit(t, "/candidates", url.Values{"first_name": {text}, "last_name": {"X"},
				"email": {email}, "current_title": {text}})
			candInert(t, d)
			if got := d.text("#cand-fullname"); got != strings.Join(strings.Fields(text+" X"), " ") {
				t.Errorf("name shows %q, want %q", got, text+" X")
			}
			if got := d.text(".cand-facts .cand-email"); got != email {
				t.Errorf("email shows %q", got)
			}
			id := strings.TrimPrefix(d.attr("form#candidate-form", "action"), "/candidates/")
			d = c.submit(t, "/candidates/"+id+"/notes", url.Values{"text": {text + "\nline two"}})
			candInert(t, d)
			if got := d.text(".cand-note-text"); got != strings.Join(strings.Fields(text+" line two"), " ") {
				t.Errorf("note shows %q", got)
			}
			if !strings.Contains(d.raw, "&lt;") && strings.Contains(text, "<") {
				t.Error("angle brackets not escaped")
			}
			d = c.page(t, "/candidates?q="+url.QueryEscape(text))
			candInert(t, d)
		})
	}
}

func TestCandidateProfile(t *testing.T) {
	t.Parallel()
	w := candSetup(t)
	base := "/candidates/" + w.cand.ID

	t.Run("TabsPerRole", func(t *testing.T) {
		for _, u := range []*ats.User{w.admin, w.rec, w.hm, w.readOnly, w.iv} {
			c := w.e.signIn(t, u)
			for _, tab := range []string{"", "/profile", "/applications", "/notes", "/history", "/linkedin"} {
				d := c.page(t, base+tab)
				if d.text("#cand-title") != "José Müller" || d.count(`.tabs a[aria-current="page"]`) != 1 {
					t.Errorf("%s %s: title %q", u.Role, tab, d.text("#cand-title"))
				}
				editable := u.Role == ats.RoleAdmin || u.Role == ats.RoleRecruiter || u.Role == ats.RoleHiringManager
				editable = editable && (tab == "" || tab == "/profile") // the choices load on Profile only
				if got := d.count("#apply-form") == 1; got != editable {
					t.Errorf("%s %s: actions shown %v, want %v", u.Role, tab, got, editable)
				}
			}
		}
	})
	t.Run("ErrUnknownTab", func(t *testing.T) {
		if got := candStatus(t, w.e.signIn(t, w.rec), base+"/secrets"); got != http.StatusNotFound {
			t.Errorf("unknown tab = %d, want 404", got)
		}
	})
	t.Run("ErrUnknownCandidate", func(t *testing.T) {
		if got := candStatus(t, w.e.signIn(t, w.rec), "/candidates/C-999999"); got != http.StatusNotFound {
			t.Errorf("unknown candidate = %d, want 404", got)
		}
	})
	t.Run("ErrInterviewerOffTeam", func(t *testing.T) {
		if got := candStatus(t, w.e.signIn(t, w.outIv), base); got != http.StatusForbidden {
			t.Errorf("interviewer without a seat = %d, want 403", got)
		}
	})
	t.Run("ApplicationsLinkOnlyWhenVisible", func(t *testing.T) {
		for _, tc := range []struct {
			u    *ats.User
			link bool
		}{{w.rec, true}, {w.hm, true}, {w.iv, true}, {w.readOnly, true}, {w.admin, true}, {w.outRec, false}} {
			d := w.e.signIn(t, tc.u).page(t, base+"/applications")
			if got := d.text(".cand-apps .cand-job"); got != "Backend Engineer" {
				t.Errorf("%s: job = %q", tc.u.Name, got)
			}
			if got := d.count(`a[href="/applications/`+w.app.ID+`"]`) == 1; got != tc.link {
				t.Errorf("%s: link %v, want %v", tc.u.Name, got, tc.link)
			}
		}
	})
	t.Run("LinkedInPlaceholder", func(t *testing.T) {
		urn := "urn:li:person:abc123"
		if _, err := w.e.svc.UpdateCandidate(as(w.rec), w.cand.ID, ats.CandidateUpdate{PersonURN: &urn}); err != nil {
			t.Fatal(err)
		}
		d := w.e.signIn(t, w.rec).page(t, base+"/linkedin")
		if d.text("#cand-urn") != urn || !strings.Contains(d.text(".cand-linkedin"), "sourcing features arrive") {
			t.Errorf("LinkedIn tab = %q", d.text(".cand-linkedin"))
		}
	})
	t.Run("History", func(t *testing.T) {
		d := w.e.signIn(t, w.rec).page(t, base+"/history")
		if d.count(".cand-history > li") < 1 || !strings.Contains(d.text(".cand-history"), "Rita Recruiter") {
			t.Errorf("history = %q", d.text(".cand-history"))
		}
	})
}

func TestCandidateUpdate(t *testing.T) {
	t.Parallel()
	w := candSetup(t)
	base := "/candidates/" + w.cand.ID
	form := func(first, email string) url.Values {
		return url.Values{"first_name": {first}, "last_name": {"Müller"}, "email": {email},
			"current_company": {"Acme"}, "do_not_contact": {"on"}}
	}

	t.Run("OK", func(t *testing.T) {
		d := w.e.signIn(t, w.hm).submit(t, base, form("Josef", "josef@example.com"))
		if d.text("#cand-title") != "Josef Müller" || d.count(".cand-head .badge.bad") != 1 {
			t.Errorf("after edit: %q", d.text(".cand-head"))
		}
		if d.attr("#f-do_not_contact", "checked") == "" && d.count("#f-do_not_contact[checked]") != 1 {
			t.Error("do not contact not kept in the form")
		}
	})
	t.Run("ErrInvalidKeepsInput", func(t *testing.T) {
		resp := w.e.signIn(t, w.rec).post(t, base, form("", "bad"))
		d := readDoc(t, resp)
		if resp.StatusCode != http.StatusUnprocessableEntity || d.text("#f-first_name-error") == "" ||
			d.attr("#f-email", "value") != "bad" || d.count("details.cand-edit[open]") != 1 {
			t.Errorf("status %d, error %q, email %q", resp.StatusCode, d.text("#f-first_name-error"), d.attr("#f-email", "value"))
		}
	})
	t.Run("ErrReadOnly", func(t *testing.T) {
		resp := w.e.signIn(t, w.readOnly).post(t, base, form("X", "x@example.com"))
		if resp.StatusCode != http.StatusForbidden {
			t.Errorf("read-only edit = %d, want 403", resp.StatusCode)
		}
		if c, _ := w.e.svc.FindCandidate(as(w.admin), w.cand.ID); c.FirstName == "X" {
			t.Error("read-only user changed the candidate")
		}
	})
}

func TestCandidateNotes(t *testing.T) {
	t.Parallel()
	w := candSetup(t)
	path := "/candidates/" + w.cand.ID + "/notes"

	t.Run("OK", func(t *testing.T) {
		d := w.e.signIn(t, w.rec).submit(t, path, url.Values{"text": {"Strong Go background."}})
		if got := d.texts(".cand-note-text"); len(got) != 1 || got[0] != "Strong Go background." {
			t.Errorf("notes = %q", got)
		}
	})
	t.Run("ErrEmpty", func(t *testing.T) {
		resp := w.e.signIn(t, w.rec).post(t, path, url.Values{"text": {"  "}})
		d := readDoc(t, resp)
		if resp.StatusCode != http.StatusUnprocessableEntity || d.text("#f-text-error") == "" {
			t.Errorf("status %d, error %q", resp.StatusCode, d.text("#f-text-error"))
		}
	})
	t.Run("InterviewerReadsButCannotWrite", func(t *testing.T) {
		c := w.e.signIn(t, w.iv)
		if d := c.page(t, path); d.count("#note-form") != 0 {
			t.Error("interviewer sees the note form")
		}
		if resp := c.post(t, path, url.Values{"text": {"x"}}); resp.StatusCode == http.StatusSeeOther {
			t.Error("interviewer added a note")
		}
	})
}

func TestCandidateApply(t *testing.T) {
	t.Parallel()
	w := candSetup(t)
	other := candJob(t, w, "Data Analyst")
	c2 := candCandidate(t, w.e, w.rec, "Lena", "Nowak", "lena@example.com")
	path := "/candidates/" + c2.ID + "/applications"

	t.Run("OffersJobsWithASeat", func(t *testing.T) {
		d := w.e.signIn(t, w.rec).page(t, "/candidates/"+c2.ID)
		if got := d.count("#f-job_id option[value]:not([value=''])"); got != 2 {
			t.Errorf("recruiter offered %d jobs, want 2", got)
		}
		d = w.e.signIn(t, w.outRec).page(t, "/candidates/"+c2.ID)
		if got := d.count("#f-job_id option:not([value=''])"); got != 0 {
			t.Errorf("recruiter without seats offered %d jobs, want 0", got)
		}
	})
	t.Run("OKProspect", func(t *testing.T) {
		d := w.e.signIn(t, w.rec).submit(t, path, url.Values{"job_id": {other.ID}, "prospect": {"true"}})
		if got := d.text(".cand-apps .cand-job"); got != "Data Analyst" {
			t.Errorf("applications = %q", got)
		}
	})
	t.Run("ErrNoJob", func(t *testing.T) {
		resp := w.e.signIn(t, w.rec).post(t, path, url.Values{"job_id": {""}})
		d := readDoc(t, resp)
		if resp.StatusCode != http.StatusUnprocessableEntity || d.text("#f-job_id-error") == "" {
			t.Errorf("status %d, error %q", resp.StatusCode, d.text("#f-job_id-error"))
		}
	})
	t.Run("ErrNoSeat", func(t *testing.T) {
		resp := w.e.signIn(t, w.outRec).post(t, path, url.Values{"job_id": {w.job.ID}})
		d := readDoc(t, resp)
		if resp.StatusCode != http.StatusForbidden || d.text("#apply-form .form-error") == "" {
			t.Errorf("status %d, message %q", resp.StatusCode, d.text("#apply-form .form-error"))
		}
	})
}
