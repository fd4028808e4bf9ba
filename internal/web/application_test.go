package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"attractor/internal/ats"
)

func TestApplicationShow(t *testing.T) {
	t.Parallel()
	w := candSetup(t)
	path := "/applications/" + w.app.ID

	t.Run("ControlsPerRole", func(t *testing.T) {
		for _, tc := range []struct {
			u                              *ats.User
			move, reject, feedback, noting bool
		}{
			{w.admin, true, true, true, true},
			{w.rec, true, true, true, true},
			{w.hm, true, false, true, true},
			{w.iv, false, false, true, false},
			{w.readOnly, false, false, false, false},
		} {
			d := w.e.signIn(t, tc.u).page(t, path)
			got := [4]bool{d.count("#move-form") == 1, d.count("#reject-form") == 1,
				d.count("#feedback-form") == 1, d.count("#app-note-form") == 1}
			if want := [4]bool{tc.move, tc.reject, tc.feedback, tc.noting}; got != want {
				t.Errorf("%s: move, reject, feedback, note forms = %v, want %v", tc.u.Role, got, want)
			}
			if d.text("#app-candidate") != "José Müller" || d.text("#app-job") != "Backend Engineer" {
				t.Errorf("%s: header %q / %q", tc.u.Role, d.text("#app-candidate"), d.text("#app-job"))
			}
		}
	})
	t.Run("TimelineAndMoveForm", func(t *testing.T) {
		d := w.e.signIn(t, w.rec).page(t, path)
		if got := d.text(".app-timeline li"); !strings.Contains(got, "Application") || !strings.Contains(got, "Rita Recruiter") {
			t.Errorf("timeline = %q", got)
		}
		if d.attr(`#move-form input[name="next"]`, "value") != path || d.attr(`#reject-form input[name="next"]`, "value") != path {
			t.Error("move/reject forms do not come back to the application")
		}
		if d.attr("#move-form", "action") != path+"/move" || d.attr("#reject-form", "action") != path+"/reject" {
			t.Error("move/reject forms post elsewhere")
		}
	})
	t.Run("ErrForbidden", func(t *testing.T) {
		for _, u := range []*ats.User{w.outRec, w.outIv} {
			if got := candStatus(t, w.e.signIn(t, u), path); got != http.StatusForbidden {
				t.Errorf("%s GET = %d, want 403", u.Name, got)
			}
		}
	})
	t.Run("ErrNotFound", func(t *testing.T) {
		if got := candStatus(t, w.e.signIn(t, w.rec), "/applications/00000000-0000-0000-0000-000000000000"); got != http.StatusNotFound {
			t.Errorf("unknown application = %d, want 404", got)
		}
	})
	t.Run("Rejected", func(t *testing.T) {
		c2 := candCandidate(t, w.e, w.rec, "Rolf", "Rejected", "rolf@example.com")
		app, err := w.e.svc.CreateApplication(as(w.rec), ats.ApplicationInput{CandidateID: c2.ID, JobID: w.job.ID})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.e.svc.RejectApplication(as(w.rec), app.ID, "Position filled"); err != nil {
			t.Fatal(err)
		}
		d := w.e.signIn(t, w.rec).page(t, "/applications/"+app.ID)
		if d.text("#app-reason") != "Position filled" || d.count("#move-form, #reject-form") != 0 {
			t.Errorf("rejected application: reason %q, %d move/reject forms", d.text("#app-reason"), d.count("#move-form, #reject-form"))
		}
	})
}

func TestApplicationFeedback(t *testing.T) {
	t.Parallel()
	w := candSetup(t)
	path := "/applications/" + w.app.ID

	t.Run("OK", func(t *testing.T) {
		d := w.e.signIn(t, w.iv).submit(t, path+"/feedback", url.Values{"interview_type": {"VIDEO"},
			"eval_attribute": {"Communication", "", ""}, "eval_result": {"Strong", "", ""},
			"recommendation": {"yes"}, "comments": {"Clear thinker."}})
		if got := d.text(".app-feedback li .app-rec"); got != "Yes" {
			t.Errorf("recommendation shown %q", got)
		}
		if got := d.text(".app-evals dt") + "=" + d.text(".app-evals dd"); got != "Communication=Strong" {
			t.Errorf("evaluations shown %q", got)
		}
	})
	t.Run("InterviewerSeesOwnOnly", func(t *testing.T) {
		_, err := w.e.svc.CreateFeedback(as(w.hm), w.app.ID, ats.Feedback{InterviewType: ats.InterviewOnsite,
			Recommendation: ats.RecNo, Comments: "Hugo's view"})
		if err != nil {
			t.Fatal(err)
		}
		if d := w.e.signIn(t, w.iv).page(t, path); strings.Contains(d.text("#feedback"), "Hugo's view") {
			t.Error("interviewer sees another interviewer's feedback")
		}
		if d := w.e.signIn(t, w.rec).page(t, path); !strings.Contains(d.text("#feedback"), "Hugo's view") {
			t.Error("recruiter does not see all feedback")
		}
	})
	t.Run("ErrFieldsKeepInput", func(t *testing.T) {
		resp := w.e.signIn(t, w.iv).post(t, path+"/feedback", url.Values{"interview_type": {"ONSITE"},
			"eval_attribute": {"Coding", "Teamwork"}, "eval_result": {"Good", ""}, "comments": {"Kept text"}})
		d := readDoc(t, resp)
		if resp.StatusCode != http.StatusUnprocessableEntity {
			t.Errorf("status = %d, want 422", resp.StatusCode)
		}
		if d.text("#f-recommendation-error") == "" || d.text("#f-evaluations-error") == "" {
			t.Errorf("errors: recommendation %q, evaluations %q", d.text("#f-recommendation-error"), d.text("#f-evaluations-error"))
		}
		if d.text("#f-comments") != "Kept text" || d.attr("#f-eval-attr-1", "value") != "Teamwork" ||
			d.count(`#f-interview_type option[value="ONSITE"][selected]`) != 1 {
			t.Errorf("input not kept: comments %q, attr %q", d.text("#f-comments"), d.attr("#f-eval-attr-1", "value"))
		}
	})
	t.Run("ErrReadOnly", func(t *testing.T) {
		resp := w.e.signIn(t, w.readOnly).post(t, path+"/feedback", url.Values{"interview_type": {"VIDEO"}, "recommendation": {"yes"}})
		if resp.StatusCode == http.StatusSeeOther {
			t.Error("read-only user submitted feedback")
		}
	})
}

func TestApplicationNotes(t *testing.T) {
	t.Parallel()
	w := candSetup(t)
	path := "/applications/" + w.app.ID

	t.Run("OK", func(t *testing.T) {
		d := w.e.signIn(t, w.hm).submit(t, path+"/notes", url.Values{"text": {"Call back Monday."}})
		if got := d.text("#notes .cand-note-text"); got != "Call back Monday." {
			t.Errorf("note = %q", got)
		}
	})
	t.Run("ErrEmpty", func(t *testing.T) {
		resp := w.e.signIn(t, w.rec).post(t, path+"/notes", url.Values{"text": {""}})
		if d := readDoc(t, resp); resp.StatusCode != http.StatusUnprocessableEntity || d.text("#f-text-error") == "" {
			t.Errorf("status %d, error %q", resp.StatusCode, d.text("#f-text-error"))
		}
	})
	t.Run("ErrInterviewer", func(t *testing.T) {
		if resp := w.e.signIn(t, w.iv).post(t, path+"/notes", url.Values{"text": {"x"}}); resp.StatusCode == http.StatusSeeOther {
			t.Error("interviewer wrote an application note")
		}
	})
}

func TestApplicationHostileText(t *testing.T) {
	t.Parallel()
	w := candSetup(t)
	path := "/applications/" + w.app.ID
	c := w.e.signIn(t, w.rec)
	for _, text := range candHostile {
		t.Run(text, func(t *testing.T) {
			d := c.submit(t, path+"/feedback", url.Values{"interview_type": {"OTHER"}, "recommendation": {"neutral"},
				"eval_attribute": {text}, "eval_result": {text}, "comments": {text}})
			candInert(t, d)
			want := strings.Join(strings.Fields(text), " ")
			if got := d.texts(".app-comments"); got[len(got)-1] != want {
				t.Errorf("comments shown %q, want %q", got[len(got)-1], want)
			}
			d = c.submit(t, path+"/notes", url.Values{"text": {text}})
			candInert(t, d)
			if got := d.text("#notes .cand-note-text"); got != want {
				t.Errorf("note shown %q, want %q", got, want)
			}
		})
	}
}
