package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"attractor/internal/ats"
)

func TestJobPipelinePaging(t *testing.T) {
	t.Parallel()
	b := jobSetup(t, true)
	jobApply(t, b, 120, false)
	jobApply(t, b, 3, true)
	c := b.e.signIn(t, b.rec)
	path := "/jobs/" + b.job.ID + "/pipeline"

	d := c.page(t, path)
	if got := d.count("ul.apps li.app"); got != 50 {
		t.Errorf("applications shown = %d, want 50", got)
	}
	if got := d.text(".pager span"); got != "1–50 of 120" {
		t.Errorf("pager = %q", got)
	}
	if got := d.texts(".phase-tabs .count"); !cmp.Equal(got, []string{"120", "0", "0", "0"}) {
		t.Errorf("phase counts = %v", got)
	}
	if got := d.text(".prospect-tab a"); got != "Prospects 3" {
		t.Errorf("prospect tab = %q", got)
	}
	if got := d.text(".phase-tabs a[aria-current=page]"); got != "Application 120" {
		t.Errorf("current tab = %q", got)
	}
	next := d.attr(".pager a[rel=next]", "href")
	last := c.page(t, strings.Replace(next, "offset=50", "offset=100", 1))
	if got := last.count("ul.apps li.app"); got != 20 || last.text(".pager span") != "101–120 of 120" {
		t.Errorf("last page: %d rows, pager %q", got, last.text(".pager span"))
	}
	pros := c.page(t, d.attr(".prospect-tab a", "href"))
	if got := pros.count("ul.apps li.app"); got != 3 || pros.text("#phase-h") != "Prospect" {
		t.Errorf("prospects: %d rows, heading %q", got, pros.text("#phase-h"))
	}
	if resp, _ := c.get(t, path+"?offset=-1"); resp.StatusCode != http.StatusUnprocessableEntity {
		t.Errorf("bad offset = %d", resp.StatusCode)
	}
}

func TestJobPipelineRoles(t *testing.T) {
	t.Parallel()
	b := jobSetup(t, true)
	apps := jobApply(t, b, 2, false)
	path := "/jobs/" + b.job.ID + "/pipeline"

	tests := []struct {
		name                  string
		user                  *ats.User
		move, reject, addForm int
	}{
		{"Recruiter", b.rec, 2, 2, 1},
		{"HiringManager", b.hm, 2, 0, 1},
		{"Interviewer", b.intv, 0, 0, 0},
		{"ReadOnly", b.readOnly, 0, 0, 0},
		{"Admin", b.admin, 2, 2, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := b.e.signIn(t, tt.user).page(t, path)
			got := []int{d.count("form.app-move"), d.count("form.app-reject"), d.count("form.new-candidate")}
			if want := []int{tt.move, tt.reject, tt.addForm}; !cmp.Equal(got, want) {
				t.Errorf("move, reject, add forms = %v, want %v", got, want)
			}
			if d.count("a.cand-name[href='/candidates/"+apps[0].CandidateID+"']") != 1 ||
				d.count("a[href='/applications/"+apps[0].ID+"']") != 1 {
				t.Errorf("links to candidate and application missing")
			}
		})
	}
}

func TestJobInterviewerCannotMove(t *testing.T) {
	t.Parallel()
	b := jobSetup(t, true)
	app := jobApply(t, b, 1, false)[0]
	c := b.e.signIn(t, b.intv)
	resp := c.post(t, "/applications/"+app.ID+"/move", url.Values{"phase_id": {b.screen.ID}})
	resp.Body.Close()
	if resp.StatusCode != http.StatusForbidden {
		t.Errorf("interviewer move = %d, want 403", resp.StatusCode)
	}
	resp = c.post(t, "/applications/"+app.ID+"/reject", url.Values{"reason": {"No"}})
	resp.Body.Close()
	if resp.StatusCode != http.StatusForbidden {
		t.Errorf("interviewer reject = %d, want 403", resp.StatusCode)
	}
	got, err := b.e.svc.FindApplication(as(b.rec), app.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.PhaseID != app.PhaseID || got.Status != ats.AppActive {
		t.Errorf("application changed: phase %s status %s", got.PhaseName, got.Status)
	}
}

func TestJobMoveReject(t *testing.T) {
	t.Parallel()
	b := jobSetup(t, true)
	apps := jobApply(t, b, 3, false)
	c := b.e.signIn(t, b.rec)
	pipe := "/jobs/" + b.job.ID + "/pipeline"

	t.Run("MoveBackToNext", func(t *testing.T) {
		resp := c.post(t, "/applications/"+apps[0].ID+"/move", url.Values{"phase_id": {b.screen.ID}, "next": {pipe + "?status=active"}})
		resp.Body.Close()
		if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != pipe+"?status=active" {
			t.Fatalf("move = %d to %q", resp.StatusCode, resp.Header.Get("Location"))
		}
		d := c.page(t, pipe)
		if d.text(".flash") != "Moved to Screen." {
			t.Errorf("flash = %q", d.text(".flash"))
		}
		if got := d.texts(".phase-tabs .count"); !cmp.Equal(got, []string{"2", "1", "0", "0"}) {
			t.Errorf("counts = %v", got)
		}
	})
	t.Run("ErrNextElsewhere", func(t *testing.T) {
		resp := c.post(t, "/applications/"+apps[0].ID+"/move", url.Values{"phase_id": {b.phases[ats.PhaseApplication].ID},
			"next": {"https://evil.example/"}})
		resp.Body.Close()
		if loc := resp.Header.Get("Location"); loc != "/" {
			t.Errorf("next to another site redirected to %q", loc)
		}
	})
	t.Run("ErrReasonRequiredShownOnRow", func(t *testing.T) {
		resp := c.post(t, "/applications/"+apps[1].ID+"/reject", url.Values{"reason": {"  "}, "next": {pipe}})
		d := readDoc(t, resp)
		if resp.StatusCode != http.StatusUnprocessableEntity || d.text("#app-"+apps[1].ID+"-error") == "" {
			t.Errorf("reject without reason = %d, row error %q", resp.StatusCode, d.text("#app-"+apps[1].ID+"-error"))
		}
	})
	t.Run("ErrUnknownPhaseKeepsChoice", func(t *testing.T) {
		resp := c.post(t, "/applications/"+apps[1].ID+"/move", url.Values{"phase_id": {"nope"}})
		d := readDoc(t, resp)
		if resp.StatusCode != http.StatusUnprocessableEntity || d.text("#app-"+apps[1].ID+"-error") == "" {
			t.Errorf("move to unknown phase = %d", resp.StatusCode)
		}
	})
	t.Run("HiringManagerCannotReject", func(t *testing.T) {
		resp := b.e.signIn(t, b.hm).post(t, "/applications/"+apps[1].ID+"/reject", url.Values{"reason": {"Nope"}})
		resp.Body.Close()
		if resp.StatusCode != http.StatusForbidden {
			t.Errorf("hiring manager reject = %d", resp.StatusCode)
		}
	})
	t.Run("HostileReasonInert", func(t *testing.T) {
		for i, h := range jobHostile[:2] {
			app := apps[1+i]
			d := c.submit(t, "/applications/"+app.ID+"/reject", url.Values{"reason": {h}})
			jobInert(t, d)
			if got := d.text("#app-" + app.ID + " .reject-reason"); got != h {
				t.Errorf("reason shown as %q, want %q", got, h)
			}
			if d.count("#app-"+app.ID+" form") != 0 {
				t.Errorf("rejected application still has controls")
			}
		}
	})
	t.Run("ErrUnknownApplication", func(t *testing.T) {
		resp := c.post(t, "/applications/00000000-0000-4000-8000-000000000000/move", url.Values{"phase_id": {b.screen.ID}})
		resp.Body.Close()
		if resp.StatusCode != http.StatusNotFound {
			t.Errorf("unknown application = %d", resp.StatusCode)
		}
	})
}

func TestJobPipelineAdd(t *testing.T) {
	t.Parallel()
	b := jobSetup(t, true)
	c := b.e.signIn(t, b.rec)
	add := "/jobs/" + b.job.ID + "/applications"

	t.Run("NewApplicant", func(t *testing.T) {
		d := c.submit(t, add, url.Values{"first_name": {"Nina"}, "last_name": {"New"}, "email": {"nina@example.com"}, "as": {"applicant"}})
		if d.text(".flash") != "Added to Application." || !strings.Contains(strings.Join(d.texts("a.cand-name"), "|"), "Nina New") {
			t.Errorf("flash %q, names %v", d.text(".flash"), d.texts("a.cand-name"))
		}
	})
	t.Run("ExistingAsProspect", func(t *testing.T) {
		cand, err := b.e.svc.CreateCandidate(as(b.rec), &ats.Candidate{FirstName: "José", LastName: "Müller", Email: "jose@example.com"})
		if err != nil {
			t.Fatal(err)
		}
		d := c.page(t, "/jobs/"+b.job.ID+"/pipeline?cq=jose+muller")
		if got := d.text(".found-name"); got != "José Müller" {
			t.Fatalf("search found %q", got)
		}
		d = c.submit(t, add, url.Values{"candidate_id": {cand.ID}, "as": {"prospect"}})
		if d.text("#phase-h") != "Prospect" || d.text("a.cand-name") != "José Müller" {
			t.Errorf("after add: phase %q, name %q", d.text("#phase-h"), d.text("a.cand-name"))
		}
	})
	t.Run("ErrNamesRequiredKeepsInput", func(t *testing.T) {
		resp := c.post(t, add, url.Values{"first_name": {""}, "last_name": {""}, "email": {"kept@example.com"}, "as": {"prospect"}})
		d := readDoc(t, resp)
		if resp.StatusCode != 422 || d.text("#f-first_name-error") == "" || d.text("#f-last_name-error") == "" {
			t.Errorf("status %d, errors %q %q", resp.StatusCode, d.text("#f-first_name-error"), d.text("#f-last_name-error"))
		}
		if d.attr("#f-email", "value") != "kept@example.com" || d.attr("input[name=as][checked]", "value") != "prospect" {
			t.Errorf("input not kept")
		}
	})
	t.Run("HostileNamesInert", func(t *testing.T) {
		for _, h := range jobHostile {
			d := c.submit(t, add, url.Values{"first_name": {h}, "last_name": {h}, "as": {"applicant"}})
			jobInert(t, d)
			if !strings.Contains(strings.Join(d.texts("a.cand-name"), "|"), h+" "+h) {
				t.Errorf("name %q not shown intact: %v", h, d.texts("a.cand-name"))
			}
		}
	})
	t.Run("ErrInterviewer", func(t *testing.T) {
		resp := b.e.signIn(t, b.intv).post(t, add, url.Values{"first_name": {"A"}, "last_name": {"B"}})
		resp.Body.Close()
		if resp.StatusCode != http.StatusForbidden {
			t.Errorf("interviewer add = %d", resp.StatusCode)
		}
	})
	t.Run("ErrDraftJobCreatesNobody", func(t *testing.T) {
		j, err := b.e.svc.CreateJob(as(b.rec), ats.JobInput{Title: "Draft"})
		if err != nil {
			t.Fatal(err)
		}
		resp := c.post(t, "/jobs/"+j.ID+"/applications", url.Values{"first_name": {"Ghost"}, "last_name": {"Person"}})
		d := readDoc(t, resp)
		if resp.StatusCode != http.StatusConflict || !strings.Contains(d.text(".form-error"), "active job") {
			t.Errorf("add to draft = %d %q", resp.StatusCode, d.text(".form-error"))
		}
		if _, n, _ := b.e.svc.FindCandidates(as(b.rec), ats.CandidateFilter{Query: "ghost"}); n != 0 {
			t.Errorf("a refused add created %d candidates", n)
		}
	})
}
