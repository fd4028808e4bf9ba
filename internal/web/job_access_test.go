package web_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"attractor/internal/ats"
)

// TestJobHeaderLinksByRole checks that the header links only to the
// sections the role may open: interviewers get 403 on the candidates list
// and the talent pools, so they are not offered them.
func TestJobHeaderLinksByRole(t *testing.T) {
	t.Parallel()
	b := jobSetup(t, true)
	tests := []struct {
		name string
		user *ats.User
		want []string
	}{
		{"Interviewer", b.intv, []string{"Dashboard", "Jobs"}},
		{"Recruiter", b.rec, []string{"Dashboard", "Jobs", "Candidates", "Talent pools"}},
		{"HiringManager", b.hm, []string{"Dashboard", "Jobs", "Candidates", "Talent pools"}},
		{"ReadOnly", b.readOnly, []string{"Dashboard", "Jobs", "Candidates", "Talent pools"}},
		{"Admin", b.admin, []string{"Dashboard", "Jobs", "Candidates", "Talent pools", "Admin"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := b.e.signIn(t, tt.user)
			d := c.page(t, "/jobs")
			got := d.texts("header.site nav a")
			if !cmp.Equal(got, tt.want) {
				t.Errorf("header links = %v, want %v", got, tt.want)
			}
			for _, a := range d.all("header.site nav a") {
				for _, at := range a.Attr {
					if at.Key != "href" {
						continue
					}
					if resp, _ := c.get(t, at.Val); resp.StatusCode != http.StatusOK {
						t.Errorf("header link %s = %d", at.Val, resp.StatusCode)
					}
				}
			}
		})
	}
}

// TestJobPipelineLinksByAccess checks that the job page and the
// dashboard's all-jobs cards link to a job's pipeline only for viewers who
// may view its applications: a recruiter not on the team sees the job but
// gets 403 on its pipeline.
func TestJobPipelineLinksByAccess(t *testing.T) {
	t.Parallel()
	b := jobSetup(t, true)
	stranger := b.e.mustUser(t, ats.RoleRecruiter, "Sam Stranger")
	pipe := "/jobs/" + b.job.ID + "/pipeline"
	tests := []struct {
		name  string
		user  *ats.User
		links bool
	}{
		{"RecruiterOnTeam", b.rec, true},
		{"HiringManagerOnTeam", b.hm, true},
		{"InterviewerOnTeam", b.intv, true},
		{"ReadOnly", b.readOnly, true},
		{"Admin", b.admin, true},
		{"ErrRecruiterNotOnTeam", stranger, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := b.e.signIn(t, tt.user)
			resp, _ := c.get(t, pipe)
			if got := resp.StatusCode == http.StatusOK; got != tt.links {
				t.Fatalf("pipeline = %d, links expected %t", resp.StatusCode, tt.links)
			}
			d := c.page(t, "/jobs/"+b.job.ID)
			want := map[bool]int{true: 1, false: 0}[tt.links]
			if got := d.count(".job-actions a[href='" + pipe + "']"); got != want {
				t.Errorf("Pipeline buttons = %d, want %d", got, want)
			}
			if got, n := d.count("ol.phases a[href^='"+pipe+"']"), len(d.all("ol.phases li")); (got == n) != tt.links || n == 0 {
				t.Errorf("phase links = %d of %d phases", got, n)
			}
			// The all-jobs cards do not know the viewer's seats: recruiters
			// reach their own jobs' pipelines from "My jobs".
			if tt.user == b.admin || tt.user == stranger {
				dash := c.page(t, "/?scope=all")
				if got := dash.count(".job-card a[href='" + pipe + "']"); got != want {
					t.Errorf("dashboard Open pipeline links = %d, want %d", got, want)
				}
			}
		})
	}
	t.Run("MyJobsLinksPipeline", func(t *testing.T) {
		d := b.e.signIn(t, b.intv).page(t, "/")
		if got := d.count(".job-card a[href='" + pipe + "']"); got != 1 {
			t.Errorf("interviewer's dashboard Open pipeline links = %d, want 1", got)
		}
	})
}

// TestJobRowLabels checks that the team and process editors' repeated
// controls carry a row-specific accessible name, and that user-supplied
// names sit in <bdi> so right-to-left text does not swallow separators.
func TestJobRowLabels(t *testing.T) {
	t.Parallel()
	b := jobSetup(t, false)
	c := b.e.signIn(t, b.rec)

	team := c.page(t, "/jobs/"+b.job.ID+"/team")
	removes := team.texts(".team-row label.check")
	if !cmp.Equal(removes, []string{"Remove Hank Manager", "Remove Rita Recruiter", "Remove Ivy Interviewer"}) &&
		!cmp.Equal(removes, []string{"Remove Rita Recruiter", "Remove Hank Manager", "Remove Ivy Interviewer"}) {
		t.Errorf("team remove labels = %v", removes)
	}
	if got := team.count(".team-row .visually-hidden bdi"); got != len(removes) {
		t.Errorf("hidden row names in bdi = %d, want %d", got, len(removes))
	}
	if got := team.count(".team-row .who-name bdi"); got < len(removes) {
		t.Errorf("member names in bdi = %d", got)
	}
	if !strings.Contains(team.text(".crumbs"), b.job.Title) || team.count(".crumbs bdi") != 1 {
		t.Errorf("crumbs = %q, bdi %d", team.text(".crumbs"), team.count(".crumbs bdi"))
	}

	proc := c.page(t, "/jobs/"+b.job.ID+"/process")
	numbers := proc.texts(".process-row label[for$='-order']")
	if len(numbers) < 5 || numbers[0] != "Number of Prospect" || numbers[len(numbers)-1] != "Number of the new phase" {
		t.Errorf("number labels = %v", numbers)
	}
	if got := proc.text(".process-row label.check"); got != "Switched on (Prospect)" {
		t.Errorf("switch label = %q", got)
	}
	seen := map[string]bool{}
	for _, l := range proc.texts(".process-row label") {
		if seen[l] {
			t.Errorf("label %q repeats", l)
		}
		seen[l] = true
	}
}

// TestJobIndexPastLastPage checks that a jobs link past the last row
// shows the last page rather than an empty one.
func TestJobIndexPastLastPage(t *testing.T) {
	t.Parallel()
	b := jobSetup(t, true)
	d := b.e.signIn(t, b.rec).page(t, "/jobs?offset=100")
	if got := d.count("table.jobs tbody tr"); got != 1 || d.text(".pager span") != "1–1 of 1" {
		t.Errorf("past the end: %d rows, pager %q", got, d.text(".pager span"))
	}
}
