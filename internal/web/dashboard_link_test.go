package web_test

import (
	"testing"

	"attractor/internal/ats"
)

// TestDashboardPipelineLinks checks that each card of "All active jobs"
// offers "Open pipeline" exactly when the viewer may see the job's
// applications: admins on every job, a recruiter only where they hold a
// seat.
func TestDashboardPipelineLinks(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	rita := e.mustUser(t, ats.RoleRecruiter, "Rita Recruiter")
	rex := e.mustUser(t, ats.RoleRecruiter, "Rex Recruiter")
	admin := e.mustUser(t, ats.RoleAdmin, "Ada Admin")
	a := dashboardJob(t, e, rita, "Team A job")
	b := dashboardJob(t, e, rex, "Team B job")

	tests := []struct {
		name         string
		user         *ats.User
		path         string
		wantA, wantB bool
	}{
		{"RecruiterAllSeatOnly", rita, "/?scope=all", true, false},
		{"RecruiterMyJobs", rita, "/", true, false},
		{"OtherRecruiterAll", rex, "/?scope=all", false, true},
		{"AdminAll", admin, "/?scope=all", true, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			d := e.signIn(t, tc.user).page(t, tc.path)
			for _, j := range []struct {
				job  *ats.Job
				want bool
			}{{a, tc.wantA}, {b, tc.wantB}} {
				link := `.job-card a[href="/jobs/` + j.job.ID + `/pipeline"]`
				if got := d.count(link) == 1; got != j.want {
					t.Errorf("%s: pipeline link %t, want %t", j.job.Title, got, j.want)
				}
			}
			if tc.path == "/?scope=all" && d.count(".job-card") != 2 {
				t.Errorf("cards = %d, want 2", d.count(".job-card"))
			}
		})
	}
}
