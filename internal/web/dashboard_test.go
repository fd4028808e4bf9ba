package web_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"attractor/internal/ats"
)

// dashboardJob creates a job as u (on its hiring team as recruiter) with
// one application in its Application phase.
func dashboardJob(t *testing.T, e *env, u *ats.User, title string) *ats.Job {
	t.Helper()
	j, err := e.svc.CreateJob(as(u), ats.JobInput{Title: title, Location: ats.Location{City: "Berlin", CountryCode: "DE"},
		CreatorRole: ats.TeamRecruiter})
	if err != nil {
		t.Fatalf("CreateJob: %v", err)
	}
	if j, err = e.svc.ActivateJob(as(u), j.ID); err != nil {
		t.Fatalf("ActivateJob: %v", err)
	}
	cand, err := e.svc.CreateCandidate(as(u), &ats.Candidate{FirstName: "Cara", LastName: "Candidate", Email: "cara-" + j.Number + "@example.com"})
	if err != nil {
		t.Fatalf("CreateCandidate: %v", err)
	}
	if _, err := e.svc.CreateApplication(as(u), ats.ApplicationInput{CandidateID: cand.ID, JobID: j.ID}); err != nil {
		t.Fatalf("CreateApplication: %v", err)
	}
	return j
}

func TestDashboard(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	rita := e.mustUser(t, ats.RoleRecruiter, "Rita Recruiter")
	rex := e.mustUser(t, ats.RoleRecruiter, "Rex Recruiter")
	mine := dashboardJob(t, e, rita, `<script>alert(1)</script> "><img src=x onerror=alert(1)> עברית‎ مرحبا 👩🏽‍💻`)
	dashboardJob(t, e, rex, "Someone else's job")

	t.Run("MyJobs", func(t *testing.T) {
		d := e.signIn(t, rita).page(t, "/")
		if diff := cmp.Diff([]string{mine.Title}, d.texts(".job-card h3")); diff != "" {
			t.Errorf("jobs (-want +got):\n%s", diff)
		}
		got := d.texts(".job-card .phase-counts li")
		want := []string{"Prospect 0", "Application 1", "Screen 0", "Interview 0", "Offer 0"}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("phase counts (-want +got):\n%s", diff)
		}
		if len(d.texts(".dashboard-activity .timeline > li")) == 0 || d.text(".dashboard-activity .timeline a") != mine.Title {
			t.Errorf("activity: %v", d.texts(".dashboard-activity .timeline > li"))
		}
		adminInert(t, d)
	})
	t.Run("AllActiveJobs", func(t *testing.T) {
		d := e.signIn(t, rita).page(t, "/?scope=all")
		if got := len(d.texts(".job-card")); got != 2 || d.text("#jobs-heading") != "All active jobs" {
			t.Errorf("all jobs: %d cards, heading %q", got, d.text("#jobs-heading"))
		}
	})
	t.Run("InterviewerWithoutJobs", func(t *testing.T) {
		d := e.signIn(t, e.mustUser(t, ats.RoleInterviewer, "Ivy")).page(t, "/?scope=all")
		if d.count(".job-card") != 0 || d.count(".dashboard-scope") != 0 || d.text(".empty") == "" {
			t.Errorf("interviewer: %d cards, scope tabs %d, empty %q", d.count(".job-card"), d.count(".dashboard-scope"), d.text(".empty"))
		}
	})
}
