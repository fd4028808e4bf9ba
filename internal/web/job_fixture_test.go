package web_test

import (
	"fmt"
	"net/url"
	"testing"

	"attractor/internal/ats"
)

// jobHostile are texts that must render inert and intact in every text
// field of the jobs pages.
var jobHostile = []string{`<script>alert(1)</script>`, `"><img src=x onerror=alert(1)>`,
	"עברית\u200e مرحبا", "👩🏽\u200d💻"}

// jobBundle is a job with a staffed hiring team and people outside it.
type jobBundle struct {
	e                    *env
	admin, rec, hm, intv *ats.User
	outsider, readOnly   *ats.User
	job                  *ats.Job
	phases               map[ats.PhaseKind]ats.Phase
	screen               ats.Phase
}

// jobSetup creates a job by a recruiter with a hiring manager and an
// interviewer on its team, activated when active is true.
func jobSetup(t *testing.T, active bool) *jobBundle {
	t.Helper()
	e := newEnv(t)
	b := &jobBundle{e: e, admin: e.mustUser(t, ats.RoleAdmin, "Ada Admin"),
		rec: e.mustUser(t, ats.RoleRecruiter, "Rita Recruiter"), hm: e.mustUser(t, ats.RoleHiringManager, "Hank Manager"),
		intv: e.mustUser(t, ats.RoleInterviewer, "Ivy Interviewer"), outsider: e.mustUser(t, ats.RoleInterviewer, "Otto Outsider"),
		readOnly: e.mustUser(t, ats.RoleReadOnly, "Rory Reader"), phases: map[ats.PhaseKind]ats.Phase{}}
	j, err := e.svc.CreateJob(as(b.rec), ats.JobInput{Title: "Backend engineer", Description: "Go and SQL.",
		Location: ats.Location{City: "Berlin", CountryCode: "DE"}})
	if err != nil {
		t.Fatalf("CreateJob: %v", err)
	}
	_, err = e.svc.ReplaceTeam(as(b.rec), j.ID, []ats.TeamMember{{UserID: b.rec.ID, Role: ats.TeamRecruiter},
		{UserID: b.hm.ID, Role: ats.TeamHiringManager}, {UserID: b.intv.ID, Role: ats.TeamInterviewer}})
	if err != nil {
		t.Fatalf("ReplaceTeam: %v", err)
	}
	if active {
		if j, err = e.svc.ActivateJob(as(b.rec), j.ID); err != nil {
			t.Fatalf("ActivateJob: %v", err)
		}
	}
	b.job = j
	phases, err := e.svc.FindJobPhases(as(b.rec), j.ID)
	if err != nil {
		t.Fatal(err)
	}
	for _, ph := range phases {
		b.phases[ph.Kind] = ph
		if ph.Name == "Screen" {
			b.screen = ph
		}
	}
	return b
}

// jobApply adds n new candidates to the job (as prospects when prospect).
func jobApply(t *testing.T, b *jobBundle, n int, prospect bool) []*ats.Application {
	t.Helper()
	var out []*ats.Application
	for i := range n {
		c, err := b.e.svc.CreateCandidate(as(b.rec), &ats.Candidate{FirstName: "Cand", LastName: fmt.Sprintf("N%03d", i),
			Email: fmt.Sprintf("cand%d-%t@example.com", i, prospect)})
		if err != nil {
			t.Fatalf("CreateCandidate: %v", err)
		}
		app, err := b.e.svc.CreateApplication(as(b.rec), ats.ApplicationInput{CandidateID: c.ID, JobID: b.job.ID, Prospect: prospect})
		if err != nil {
			t.Fatalf("CreateApplication: %v", err)
		}
		out = append(out, app)
	}
	return out
}

// jobForm is a complete, valid job form.
func jobForm(title string) url.Values {
	return url.Values{"title": {title}, "description": {"Build things."}, "location.city": {"Lisbon"},
		"location.country_code": {"PT"}, "employment_type": {"FULL_TIME"}, "openings": {"2"},
		"linkedin_availability": {"PUBLIC"}, "creator_role": {"recruiter"}}
}

// jobInert checks that a page created no element from hostile text.
func jobInert(t *testing.T, d *doc) {
	t.Helper()
	if n := d.count("main script"); n != 0 {
		t.Errorf("page has %d script elements in main", n)
	}
	if n := d.count("img[onerror], img[src=x]"); n != 0 {
		t.Errorf("page has %d injected img elements", n)
	}
}
