package web_test

import (
	"fmt"
	"strings"
	"testing"

	"attractor/internal/ats"
)

// TestCandidateJobChoices checks the "add to job" choices: loaded on the
// Profile tab only, limited to jobs where the user's seat lets them add
// (an interviewer seat does not), never silently capped (more jobs than
// listed are announced with a search field), and searchable by ?jq.
func TestCandidateJobChoices(t *testing.T) {
	t.Parallel()
	w := candSetup(t)
	// Rita sits on this one as an interviewer only: no adding there.
	j, err := w.e.svc.CreateJob(as(w.hm), ats.JobInput{Title: "Interview Only", CreatorRole: ats.TeamHiringManager,
		Location: ats.Location{City: "Berlin", CountryCode: "DE"}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := w.e.svc.ReplaceTeam(as(w.hm), j.ID, []ats.TeamMember{{UserID: w.hm.ID, Role: ats.TeamHiringManager},
		{UserID: w.rec.ID, Role: ats.TeamInterviewer}}); err != nil {
		t.Fatal(err)
	}
	if _, err := w.e.svc.ActivateJob(as(w.hm), j.ID); err != nil {
		t.Fatal(err)
	}
	for i := range 55 {
		candJob(t, w, fmt.Sprintf("Bulk role %02d", i))
	}
	base := "/candidates/" + w.cand.ID
	options := "#f-job_id option:not([value=''])"

	t.Run("OnlyOnProfile", func(t *testing.T) {
		d := w.e.signIn(t, w.rec).page(t, base+"/applications")
		if d.count("#apply-form, #pool-form") != 0 || d.count("#cand-add-link") != 1 {
			t.Errorf("applications tab: %d action forms, %d links to them", d.count("#apply-form, #pool-form"), d.count("#cand-add-link"))
		}
	})
	t.Run("CapAnnouncedWithSearch", func(t *testing.T) {
		for _, u := range []*ats.User{w.admin, w.rec} {
			d := w.e.signIn(t, u).page(t, base)
			note := d.text("#job-count")
			if d.count(options) != 50 || d.count("#f-jq") != 1 || !strings.Contains(note, "50 of") {
				t.Errorf("%s: %d jobs listed, search field %d, note %q", u.Role, d.count(options), d.count("#f-jq"), note)
			}
		}
	})
	t.Run("InterviewerSeatNotOffered", func(t *testing.T) {
		d := w.e.signIn(t, w.rec).page(t, base+"?jq=interview")
		if d.count(options) != 0 || d.attr("#f-jq", "value") != "interview" {
			t.Errorf("recruiter offered %q for a job where they only interview", d.texts(options))
		}
		d = w.e.signIn(t, w.admin).page(t, base+"?jq=interview")
		if got := d.texts(options); len(got) != 1 || !strings.HasPrefix(got[0], "Interview Only") {
			t.Errorf("admin offered %q, want Interview Only", got)
		}
	})
	t.Run("SearchByTitleAndNumber", func(t *testing.T) {
		c := w.e.signIn(t, w.rec)
		if got := c.page(t, base+"?jq=bulk+role+07").texts(options); len(got) != 1 || !strings.HasPrefix(got[0], "Bulk role 07") {
			t.Errorf("search by title offered %q", got)
		}
		if got := c.page(t, base+"?jq="+w.job.Number).texts(options); len(got) != 1 || !strings.HasPrefix(got[0], "Backend Engineer") {
			t.Errorf("search by number offered %q", got)
		}
	})
}

// TestCandidateApplicationsTabSeats checks the Applications tab's titles
// and "Open" links per viewer, worked out from the viewer's seats.
func TestCandidateApplicationsTabSeats(t *testing.T) {
	t.Parallel()
	w := candSetup(t)
	for _, tc := range []struct {
		name  string
		u     *ats.User
		title string
		open  int
	}{
		{"AdminOpens", w.admin, "Backend Engineer", 1},
		{"ReadOnlyOpens", w.readOnly, "Backend Engineer", 1},
		{"SeatedRecruiterOpens", w.rec, "Backend Engineer", 1},
		{"SeatedInterviewerOpens", w.iv, "Backend Engineer", 1},
		{"RecruiterWithoutSeatSeesTitleOnly", w.outRec, "Backend Engineer", 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d := w.e.signIn(t, tc.u).page(t, "/candidates/"+w.cand.ID+"/applications")
			if got := d.text(".cand-apps .cand-job"); got != tc.title || d.count(".cand-open") != tc.open {
				t.Errorf("title %q, %d open links; want %q, %d", got, d.count(".cand-open"), tc.title, tc.open)
			}
		})
	}
}

// TestCandidateNamesIsolated checks that user-supplied names shown next to
// separators are wrapped in <bdi>, so right-to-left text cannot reorder
// the separators around it.
func TestCandidateNamesIsolated(t *testing.T) {
	t.Parallel()
	w := candSetup(t)
	rtl := "עברית\u200e مرحبا"
	c := candCandidate(t, w.e, w.rec, rtl, "ש", "rtl@example.com")
	pool := candPool(t, w.e, w.rec, rtl, w.hm.ID)
	if err := w.e.svc.AddPoolMember(as(w.rec), pool.ID, c.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := w.e.svc.CreateCandidateNote(as(w.rec), c.ID, "note"); err != nil {
		t.Fatal(err)
	}
	cl := w.e.signIn(t, w.rec)
	for _, tc := range []struct{ path, sel string }{
		{"/candidates", "a.cand-name bdi"},
		{"/candidates/" + c.ID, "#cand-title bdi"},
		{"/candidates/" + c.ID + "/notes", ".cand-note-meta bdi"},
		{"/pools", "a.pool-name bdi"},
		{"/pools/" + pool.ID, "#pool-title bdi"},
		{"/pools/" + pool.ID, "a.cand-name bdi"},
	} {
		if d := cl.page(t, tc.path); d.count(tc.sel) == 0 {
			t.Errorf("%s: no %s", tc.path, tc.sel)
		}
	}
}
