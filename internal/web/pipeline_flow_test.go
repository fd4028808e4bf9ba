package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"attractor/internal/ats"
)

// jobToOffer moves app to the job's Offer phase.
func jobToOffer(t *testing.T, b *jobBundle, app *ats.Application) {
	t.Helper()
	if _, err := b.e.svc.MoveApplication(as(b.rec), app.ID, b.phases[ats.PhaseOffer].ID); err != nil {
		t.Fatalf("MoveApplication: %v", err)
	}
}

func TestJobHire(t *testing.T) {
	t.Parallel()
	b := jobSetup(t, true)
	apps := jobApply(t, b, 3, false)
	jobToOffer(t, b, apps[0])
	jobToOffer(t, b, apps[1])
	offer := "/jobs/" + b.job.ID + "/pipeline?phase=" + b.phases[ats.PhaseOffer].ID

	tests := []struct {
		name string
		user *ats.User
		hire int
	}{
		{"Recruiter", b.rec, 2},
		{"HiringManager", b.hm, 2},
		{"Interviewer", b.intv, 0},
		{"ReadOnly", b.readOnly, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name+"HireButtons", func(t *testing.T) {
			d := b.e.signIn(t, tt.user).page(t, offer)
			if got := d.count("form.app-hire[action$='/hire'] button"); got != tt.hire {
				t.Errorf("hire buttons = %d, want %d", got, tt.hire)
			}
			app := b.e.signIn(t, tt.user).page(t, "/applications/"+apps[0].ID)
			if got := app.count("#hire-form"); got != min(tt.hire, 1) {
				t.Errorf("application page hire forms = %d", got)
			}
		})
	}
	c := b.e.signIn(t, b.rec)
	t.Run("NotOutsideOffer", func(t *testing.T) {
		d := c.page(t, "/jobs/"+b.job.ID+"/pipeline")
		if d.count("form.app-hire") != 0 || c.page(t, "/applications/"+apps[2].ID).count("#hire-form") != 0 {
			t.Errorf("hire offered outside the Offer phase")
		}
	})
	t.Run("ErrInterviewer", func(t *testing.T) {
		resp := b.e.signIn(t, b.intv).post(t, "/applications/"+apps[0].ID+"/hire", url.Values{})
		resp.Body.Close()
		if resp.StatusCode != http.StatusForbidden {
			t.Errorf("interviewer hire = %d", resp.StatusCode)
		}
	})
	t.Run("ErrNotInOfferShownOnRow", func(t *testing.T) {
		pipe := "/jobs/" + b.job.ID + "/pipeline"
		resp := c.post(t, "/applications/"+apps[2].ID+"/hire", url.Values{"next": {pipe}})
		d := readDoc(t, resp)
		if resp.StatusCode != http.StatusConflict || !strings.Contains(d.text("#app-"+apps[2].ID+"-error"), "offer phase") {
			t.Errorf("hire outside Offer = %d, row error %q", resp.StatusCode, d.text("#app-"+apps[2].ID+"-error"))
		}
	})
	t.Run("FromPipelineThenCloseFilled", func(t *testing.T) {
		d := c.page(t, offer)
		form := "form.app-hire[action='/applications/" + apps[0].ID + "/hire']"
		next := d.attr(form+" input[name=next]", "value")
		d = c.submit(t, d.attr(form, "action"), url.Values{"next": {next}})
		if !strings.HasPrefix(d.text(".flash"), "Hired") || d.text("#app-"+apps[0].ID+" .badge") != "Hired" {
			t.Errorf("after hire: flash %q, badge %q", d.text(".flash"), d.text("#app-"+apps[0].ID+" .badge"))
		}
		d = c.submit(t, "/jobs/"+b.job.ID+"/close", url.Values{"reason": {string(ats.CloseFilled)}})
		if d.text(".job-status") != "Closed · Filled" {
			t.Errorf("job status = %q", d.text(".job-status"))
		}
	})
}

func TestJobHireFromApplicationPage(t *testing.T) {
	t.Parallel()
	b := jobSetup(t, true)
	app := jobApply(t, b, 1, false)[0]
	jobToOffer(t, b, app)
	c := b.e.signIn(t, b.hm)
	self := "/applications/" + app.ID
	d := c.page(t, self)
	if d.attr("#hire-form input[name=next]", "value") != self {
		t.Fatalf("hire form next = %q", d.attr("#hire-form input[name=next]", "value"))
	}
	d = c.submit(t, d.attr("#hire-form", "action"), url.Values{"next": {self}})
	if d.text(".app-status .badge") != "Hired" || d.count("#hire-form, #move-form") != 0 {
		t.Errorf("after hire: status %q", d.text(".app-status .badge"))
	}
}

// TestJobRefusedOnApplicationPage checks that a move, reject or hire
// refused from the application page returns there with the refusal shown
// as an alert, instead of showing a pipeline page that may not hold the
// application's row.
func TestJobRefusedOnApplicationPage(t *testing.T) {
	t.Parallel()
	b := jobSetup(t, true)
	app := jobApply(t, b, 1, false)[0]
	c := b.e.signIn(t, b.rec)
	self := "/applications/" + app.ID
	tests := []struct {
		name, action string
		form         url.Values
		want         string
	}{
		{"ErrMoveToSamePhase", "move", url.Values{"phase_id": {app.PhaseID}}, "already in"},
		{"ErrRejectWithoutReason", "reject", url.Values{"reason": {" "}}, "reason"},
		{"ErrHireOutsideOffer", "hire", url.Values{}, "offer phase"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.form.Set("next", self)
			resp := c.post(t, self+"/"+tt.action, tt.form)
			resp.Body.Close()
			if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != self {
				t.Fatalf("refused %s = %d to %q", tt.action, resp.StatusCode, resp.Header.Get("Location"))
			}
			d := c.page(t, self)
			if got := d.text(".flash-error[role=alert]"); !strings.Contains(strings.ToLower(got), tt.want) {
				t.Errorf("alert = %q, want it to mention %q", got, tt.want)
			}
			if d.count(".flash") != 0 || d.count(".flash-error.notice-bad") != 1 {
				t.Errorf("refusal styled as success, or missing the problem style")
			}
			if c.page(t, self).count(".flash-error") != 0 {
				t.Errorf("the refusal is shown again on the next page")
			}
		})
	}
}

// TestJobPipelineRefusalAlert checks that a refusal on the pipeline is
// announced at the top of the page as well as on its row.
func TestJobPipelineRefusalAlert(t *testing.T) {
	t.Parallel()
	b := jobSetup(t, true)
	app := jobApply(t, b, 1, false)[0]
	pipe := "/jobs/" + b.job.ID + "/pipeline"
	resp := b.e.signIn(t, b.rec).post(t, "/applications/"+app.ID+"/reject", url.Values{"reason": {""}, "next": {pipe}})
	d := readDoc(t, resp)
	row := d.text("#app-" + app.ID + "-error")
	alert := d.text("p.row-refused[role=alert]")
	if resp.StatusCode != http.StatusUnprocessableEntity || row == "" || !strings.HasSuffix(alert, row) {
		t.Errorf("status %d, row %q, alert %q", resp.StatusCode, row, alert)
	}
	if d.attr("p.row-refused a", "href") != "#app-"+app.ID || !strings.HasPrefix(alert, "Cand N000") {
		t.Errorf("alert does not point to the row: %q", alert)
	}
	if d.count("#app-"+app.ID+"-error[role=alert]") != 0 {
		t.Errorf("the refusal is announced twice")
	}
}

// TestJobPipelineAddNewIsAtomic checks that a refused add of a new
// candidate leaves no candidate behind.
func TestJobPipelineAddNewIsAtomic(t *testing.T) {
	t.Parallel()
	b := jobSetup(t, true)
	if _, err := b.e.svc.CloseJob(as(b.rec), b.job.ID, ats.CloseCancelled); err != nil {
		t.Fatal(err)
	}
	c := b.e.signIn(t, b.rec)
	for i := range 2 { // a resubmit creates nobody either
		resp := c.post(t, "/jobs/"+b.job.ID+"/applications", url.Values{"first_name": {"Ghost"}, "last_name": {"Closed"},
			"email": {"ghost@example.com"}, "as": {"applicant"}})
		resp.Body.Close()
		if resp.StatusCode != http.StatusConflict {
			t.Errorf("add %d to a closed job = %d, want 409", i, resp.StatusCode)
		}
	}
	if _, n, err := b.e.svc.FindCandidates(as(b.admin), ats.CandidateFilter{Query: "ghost"}); err != nil || n != 0 {
		t.Errorf("refused adds left %d candidates (%v)", n, err)
	}
}

// TestJobPipelinePastLastPage checks that moving the only application on
// the last page away does not land on an empty page claiming rows.
func TestJobPipelinePastLastPage(t *testing.T) {
	t.Parallel()
	b := jobSetup(t, true)
	jobApply(t, b, 51, false)
	c := b.e.signIn(t, b.rec)
	second := "/jobs/" + b.job.ID + "/pipeline?offset=50"
	d := c.page(t, second)
	if d.count("ul.apps li.app") != 1 || d.text(".pager span") != "51–51 of 51" {
		t.Fatalf("second page: %d rows, pager %q", d.count("ul.apps li.app"), d.text(".pager span"))
	}
	only := strings.TrimPrefix(d.attr("ul.apps li.app", "id"), "app-")
	next := d.attr("#app-"+only+" form.app-move input[name=next]", "value")
	d = c.submit(t, "/applications/"+only+"/move", url.Values{"phase_id": {b.screen.ID}, "next": {next}})
	if got := d.count("ul.apps li.app"); got != 50 || d.text(".pager span") != "1–50 of 50" {
		t.Errorf("after moving the last row: %d rows, pager %q", got, d.text(".pager span"))
	}
	if d.count(".pager a[rel=next]") != 0 || d.text(".flash") != "Moved to Screen." {
		t.Errorf("next link %d, flash %q", d.count(".pager a[rel=next]"), d.text(".flash"))
	}
	if here := d.attr("form.app-move input[name=next]", "value"); strings.Contains(here, "offset") {
		t.Errorf("moves return to %q, past the end again", here)
	}
	if resp, _ := c.get(t, "/jobs/"+b.job.ID+"/pipeline?offset=5000&phase="+b.phases[ats.PhaseOffer].ID); resp.StatusCode != http.StatusOK {
		t.Errorf("empty phase far past the end = %d", resp.StatusCode)
	}
}

// TestJobMoveDefaultsForward checks that the move selects start on the
// phase after the application's own, not on the first option (Prospect,
// a move backwards).
func TestJobMoveDefaultsForward(t *testing.T) {
	t.Parallel()
	b := jobSetup(t, true)
	apps := jobApply(t, b, 2, false)
	app, offer := apps[0], apps[1]
	prospect := jobApply(t, b, 1, true)[0]
	jobToOffer(t, b, offer)
	c := b.e.signIn(t, b.rec)
	pipe := "/jobs/" + b.job.ID + "/pipeline"
	tests := []struct {
		name, path, sel string
		want            []string
	}{
		{"PipelineApplication", pipe, "#move-" + app.ID, []string{"Screen"}},
		{"PipelineProspect", pipe + "?phase=" + b.phases[ats.PhaseProspect].ID, "#move-" + prospect.ID, []string{"Application"}},
		{"PipelineLastPhaseNone", pipe + "?phase=" + b.phases[ats.PhaseOffer].ID, "#move-" + offer.ID, nil},
		{"ApplicationPage", "/applications/" + app.ID, "#f-phase_id", []string{"Screen"}},
		{"ApplicationPageProspect", "/applications/" + prospect.ID, "#f-phase_id", []string{"Application"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := c.page(t, tt.path)
			if d.count(tt.sel) != 1 {
				t.Fatalf("no select %s", tt.sel)
			}
			if got := d.texts(tt.sel + " option[selected]"); !cmp.Equal(got, tt.want) {
				t.Errorf("selected = %v, want %v", got, tt.want)
			}
		})
	}
}
