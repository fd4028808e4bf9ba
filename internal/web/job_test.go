package web_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"attractor/internal/ats"
)

func TestJobIndex(t *testing.T) {
	t.Parallel()
	b := jobSetup(t, false)
	for i := range 52 {
		if _, err := b.e.svc.CreateJob(as(b.rec), ats.JobInput{Title: fmt.Sprintf("Filler %02d", i)}); err != nil {
			t.Fatal(err)
		}
	}
	t.Run("RecruiterSeesAllPaged", func(t *testing.T) {
		d := b.e.signIn(t, b.rec).page(t, "/jobs")
		if got := d.count("table.jobs tbody tr"); got != 50 {
			t.Errorf("rows = %d, want 50", got)
		}
		if got := d.text(".pager span"); got != "1–50 of 53" {
			t.Errorf("pager = %q", got)
		}
		if d.attr(".pager a[rel=next]", "href") == "" || d.count("a[href='/jobs/new']") != 1 {
			t.Errorf("no next link or no New job button")
		}
	})
	t.Run("SearchAndStatus", func(t *testing.T) {
		c := b.e.signIn(t, b.rec)
		d := c.page(t, "/jobs?q=backend&status=draft")
		if got := d.texts("table.jobs tbody td a"); !cmp.Equal(got, []string{"Backend engineer"}) {
			t.Errorf("search = %v", got)
		}
		if got := d.attr("#f-q", "value"); got != "backend" {
			t.Errorf("search box keeps %q", got)
		}
		if d := c.page(t, "/jobs?status=active"); d.count("table.jobs tbody tr") != 0 {
			t.Errorf("active filter shows draft jobs")
		}
	})
	t.Run("ErrBadStatus", func(t *testing.T) {
		resp, _ := b.e.signIn(t, b.rec).get(t, "/jobs?status=bogus")
		if resp.StatusCode != http.StatusUnprocessableEntity {
			t.Errorf("status = %d, want 422", resp.StatusCode)
		}
	})
	t.Run("InterviewerSeesOwnJobsOnly", func(t *testing.T) {
		d := b.e.signIn(t, b.intv).page(t, "/jobs")
		if got := d.texts("table.jobs tbody td a"); !cmp.Equal(got, []string{"Backend engineer"}) || d.count("a[href='/jobs/new']") != 0 {
			t.Errorf("interviewer sees %v, new button %d", got, d.count("a[href='/jobs/new']"))
		}
		if d := b.e.signIn(t, b.outsider).page(t, "/jobs"); d.count("table.jobs tbody tr") != 0 {
			t.Errorf("outsider sees jobs")
		}
	})
}

func TestJobCreate(t *testing.T) {
	t.Parallel()
	b := jobSetup(t, false)
	c := b.e.signIn(t, b.rec)

	t.Run("NewFormChoices", func(t *testing.T) {
		d := c.page(t, "/jobs/new")
		if d.count("#f-process_template_id option") < 1 || d.attr("#f-openings", "value") != "1" {
			t.Errorf("template options %d, openings %q", d.count("#f-process_template_id option"), d.attr("#f-openings", "value"))
		}
		if got := d.texts("#f-creator_role option"); !cmp.Equal(got, []string{"Recruiter", "Hiring manager"}) {
			t.Errorf("creator roles = %v", got)
		}
		if got := b.e.signIn(t, b.hm).page(t, "/jobs/new").texts("#f-creator_role option"); !cmp.Equal(got, []string{"Hiring manager"}) {
			t.Errorf("hiring manager's creator roles = %v", got)
		}
	})
	t.Run("OK", func(t *testing.T) {
		d := c.submit(t, "/jobs", jobForm("Data engineer"))
		if d.text(".flash") == "" || d.text(".job-title") != "Data engineer" || d.text(".job-status") != "Draft" {
			t.Errorf("after create: flash %q title %q status %q", d.text(".flash"), d.text(".job-title"), d.text(".job-status"))
		}
		if got := d.texts("ol.phases li a"); !cmp.Equal(got, []string{"Prospect", "Application", "Screen", "Interview", "Offer"}) {
			t.Errorf("process = %v", got)
		}
	})
	t.Run("ErrTitleRequiredKeepsInput", func(t *testing.T) {
		form := jobForm("")
		form.Set("openings", "many")
		resp := c.post(t, "/jobs", form)
		d := readDoc(t, resp)
		if resp.StatusCode != http.StatusUnprocessableEntity {
			t.Fatalf("status = %d, want 422", resp.StatusCode)
		}
		if d.text("#f-title-error") == "" || d.attr("#f-title", "aria-invalid") != "true" || d.text("#f-openings-error") == "" {
			t.Errorf("errors: title %q openings %q", d.text("#f-title-error"), d.text("#f-openings-error"))
		}
		if d.text("#f-description") != "Build things." || d.attr("#f-location\\.city", "value") != "Lisbon" ||
			d.attr("#f-openings", "value") != "many" {
			t.Errorf("input not kept: %q %q", d.text("#f-description"), d.attr("#f-location\\.city", "value"))
		}
	})
	t.Run("HostileTextInert", func(t *testing.T) {
		for _, h := range jobHostile {
			form := jobForm(h)
			form.Set("description", h+"\nsecond line")
			form.Set("location.city", h)
			d := c.submit(t, "/jobs", form)
			jobInert(t, d)
			if d.text(".job-title") != h || d.text(".job-description") != h+" second line" || !strings.HasPrefix(d.text("dd.job-location"), h) {
				t.Errorf("hostile %q shown as title %q, description %q, location %q", h, d.text(".job-title"),
					d.text(".job-description"), d.text("dd.job-location"))
			}
			list := c.page(t, "/jobs?q="+url.QueryEscape(h))
			jobInert(t, list)
			if got := list.text("table.jobs tbody td a"); got != h {
				t.Errorf("list shows %q, want %q", got, h)
			}
		}
	})
	for _, role := range []ats.Role{ats.RoleInterviewer, ats.RoleReadOnly} {
		t.Run("ErrForbidden"+label(role), func(t *testing.T) {
			u := b.e.mustUser(t, role, "Nope")
			c := b.e.signIn(t, u)
			if resp, _ := c.get(t, "/jobs/new"); resp.StatusCode != http.StatusForbidden {
				t.Errorf("GET /jobs/new = %d, want 403", resp.StatusCode)
			}
			if resp := c.post(t, "/jobs", jobForm("X")); resp.StatusCode != http.StatusForbidden {
				t.Errorf("POST /jobs = %d, want 403", resp.StatusCode)
			}
		})
	}
}

// label is a role as a test name part.
func label(r ats.Role) string { return strings.ReplaceAll(string(r), "_", "") }

func TestJobShow(t *testing.T) {
	t.Parallel()
	b := jobSetup(t, true)
	jobApply(t, b, 3, false)
	jobApply(t, b, 2, true)
	path := "/jobs/" + b.job.ID

	t.Run("RecruiterSeesActionsAndCounts", func(t *testing.T) {
		d := b.e.signIn(t, b.rec).page(t, path)
		if got := d.texts("ol.phases .count"); !cmp.Equal(got, []string{"2", "3", "0", "0", "0"}) {
			t.Errorf("counts = %v", got)
		}
		if got := d.texts(".job-team .member"); !cmp.Equal(got, []string{"Hank Manager", "Rita Recruiter", "Ivy Interviewer"}) {
			t.Errorf("team = %v", got)
		}
		if d.count("form[action$='/close']") != 1 || d.count("a[href$='/edit']") != 1 || d.count("form[action$='/activate']") != 0 {
			t.Errorf("recruiter actions wrong")
		}
	})
	t.Run("ByNumber", func(t *testing.T) {
		if d := b.e.signIn(t, b.rec).page(t, "/jobs/"+b.job.Number); d.text(".job-number") != b.job.Number {
			t.Errorf("number = %q", d.text(".job-number"))
		}
	})
	t.Run("HiringManagerCannotClose", func(t *testing.T) {
		d := b.e.signIn(t, b.hm).page(t, path)
		if d.count("form[action$='/close']") != 0 || d.count("a[href$='/edit']") != 1 {
			t.Errorf("hiring manager actions wrong")
		}
	})
	for _, u := range []*ats.User{b.intv, b.readOnly} {
		t.Run("ReadOnlyFor"+label(u.Role), func(t *testing.T) {
			d := b.e.signIn(t, u).page(t, path)
			if d.count(".job-actions form, a[href$='/edit'], a[href$='/team'], form[action$='/close']") != 0 {
				t.Errorf("%s sees write controls", u.Role)
			}
		})
	}
	t.Run("LinkedInStatus", func(t *testing.T) { testJobLinkedIn(t, b, path) })
	t.Run("ErrOutsider", func(t *testing.T) {
		c := b.e.signIn(t, b.outsider)
		for _, p := range []string{path, path + "/pipeline", path + "/edit", path + "/team"} {
			if resp, _ := c.get(t, p); resp.StatusCode != http.StatusForbidden {
				t.Errorf("GET %s as outsider = %d, want 403", p, resp.StatusCode)
			}
		}
	})
	t.Run("ErrNotFound", func(t *testing.T) {
		c := b.e.signIn(t, b.rec)
		for _, p := range []string{"/jobs/nope", "/jobs/J-999999", "/jobs/00000000-0000-4000-8000-000000000000/pipeline"} {
			if resp, _ := c.get(t, p); resp.StatusCode != http.StatusNotFound {
				t.Errorf("GET %s = %d, want 404", p, resp.StatusCode)
			}
		}
	})
}

func TestJobEdit(t *testing.T) {
	t.Parallel()
	b := jobSetup(t, false)
	path := "/jobs/" + b.job.ID
	c := b.e.signIn(t, b.hm)

	t.Run("FormFilled", func(t *testing.T) {
		d := c.page(t, path+"/edit")
		if d.attr("#f-title", "value") != "Backend engineer" || d.attr("#f-location\\.country_code", "value") != "DE" ||
			d.count("#f-process_template_id") != 0 || d.count("a[href$='/process']") != 1 {
			t.Errorf("edit form: title %q", d.attr("#f-title", "value"))
		}
	})
	t.Run("OK", func(t *testing.T) {
		form := jobForm("Staff engineer")
		form.Set("linkedin_availability", "PRIVATE")
		d := c.submit(t, path, form)
		if d.text(".job-title") != "Staff engineer" || !strings.Contains(d.text("dl.facts"), "Private") {
			t.Errorf("after edit: %q / %q", d.text(".job-title"), d.text("dl.facts"))
		}
	})
	t.Run("ErrCountryCode", func(t *testing.T) {
		form := jobForm("Kept title")
		form.Set("location.country_code", "Germany")
		resp := c.post(t, path, form)
		d := readDoc(t, resp)
		if resp.StatusCode != 422 || d.text("#f-location\\.country_code-error") == "" || d.attr("#f-title", "value") != "Kept title" {
			t.Errorf("status %d, error %q, title %q", resp.StatusCode, d.text("#f-location\\.country_code-error"), d.attr("#f-title", "value"))
		}
	})
	t.Run("ErrInterviewer", func(t *testing.T) {
		ci := b.e.signIn(t, b.intv)
		if resp, _ := ci.get(t, path+"/edit"); resp.StatusCode != http.StatusForbidden {
			t.Errorf("GET edit = %d", resp.StatusCode)
		}
		if resp := ci.post(t, path, jobForm("Hacked")); resp.StatusCode != http.StatusForbidden {
			t.Errorf("POST edit = %d", resp.StatusCode)
		}
	})
}

func TestJobActivateClose(t *testing.T) {
	t.Parallel()
	b := jobSetup(t, false)
	path := "/jobs/" + b.job.ID
	c := b.e.signIn(t, b.rec)

	if resp := b.e.signIn(t, b.intv).post(t, path+"/activate", nil); resp.StatusCode != http.StatusForbidden {
		t.Errorf("interviewer activate = %d, want 403", resp.StatusCode)
	}
	d := c.submit(t, path+"/activate", nil)
	if d.text(".job-status") != "Active" || d.count("a[href$='/process']") != 0 {
		t.Errorf("after activate: %q", d.text(".job-status"))
	}
	resp := c.post(t, path+"/activate", nil)
	if d := readDoc(t, resp); resp.StatusCode != http.StatusConflict || d.text(".form-error") == "" {
		t.Errorf("second activate = %d %q", resp.StatusCode, d.text(".form-error"))
	}
	resp = c.post(t, path+"/close", url.Values{"reason": {"filled"}})
	if d := readDoc(t, resp); resp.StatusCode != http.StatusConflict || !strings.Contains(d.text(".form-error"), "hired") ||
		d.attr("#f-reason option[selected]", "value") != "filled" {
		t.Errorf("close filled without hire = %d %q", resp.StatusCode, d.text(".form-error"))
	}
	if resp := b.e.signIn(t, b.hm).post(t, path+"/close", url.Values{"reason": {"cancelled"}}); resp.StatusCode != http.StatusForbidden {
		t.Errorf("hiring manager close = %d, want 403", resp.StatusCode)
	}
	d = c.submit(t, path+"/close", url.Values{"reason": {"cancelled"}})
	if d.text(".job-status") != "Closed · Cancelled" || d.count("a[href$='/edit']") != 0 {
		t.Errorf("after close: %q", d.text(".job-status"))
	}
}

func TestJobTeam(t *testing.T) {
	t.Parallel()
	b := jobSetup(t, false)
	path := "/jobs/" + b.job.ID + "/team"
	c := b.e.signIn(t, b.rec)
	extra := b.e.mustUser(t, ats.RoleInterviewer, "Xena Extra")

	t.Run("Shows", func(t *testing.T) {
		d := c.page(t, path)
		if got := d.count(".team-row"); got != 3 {
			t.Errorf("rows = %d", got)
		}
		if got := d.texts("#f-add_user option"); !strings.Contains(strings.Join(got, "|"), "Xena Extra (Interviewer)") ||
			strings.Contains(strings.Join(got, "|"), "Rita Recruiter") {
			t.Errorf("add choices = %v", got)
		}
	})
	t.Run("OK", func(t *testing.T) {
		d := c.page(t, path)
		form := url.Values{"add_user": {extra.ID}, "add_role": {"interviewer"}}
		for i := range d.count(".team-row") {
			key := fmt.Sprintf("member.%d.", i)
			form.Set(key+"user", d.attr(fmt.Sprintf(".team-row:nth-child(%d) input[type=hidden]", i+1), "value"))
			form.Set(key+"role", d.attr(fmt.Sprintf("#member-%d-role option[selected]", i), "value"))
		}
		form.Set("member.2.remove", "on") // the interviewer
		d = c.submit(t, path, form)
		if got := d.texts(".job-team .member"); !cmp.Equal(got, []string{"Hank Manager", "Rita Recruiter", "Xena Extra"}) {
			t.Errorf("team = %v", got)
		}
	})
	t.Run("ErrNoLeadKeepsInput", func(t *testing.T) {
		form := url.Values{"member.0.user": {b.rec.ID}, "member.0.role": {"recruiter"}, "member.0.remove": {"on"},
			"member.1.user": {b.hm.ID}, "member.1.role": {"interviewer"}, "add_user": {extra.ID}, "add_role": {"recruiter"}}
		resp := c.post(t, path, form)
		d := readDoc(t, resp)
		if resp.StatusCode != 422 || d.text("#members-error") == "" {
			t.Fatalf("status %d, error %q", resp.StatusCode, d.text("#members-error"))
		}
		if d.attr("#member-1-role option[selected]", "value") != "interviewer" || d.count("input[name='member.0.remove'][checked]") != 1 ||
			d.attr("#f-add_user option[selected]", "value") != extra.ID {
			t.Errorf("input not kept")
		}
	})
	t.Run("ErrInterviewer", func(t *testing.T) {
		if resp, _ := b.e.signIn(t, extra).get(t, path); resp.StatusCode != http.StatusForbidden {
			t.Errorf("interviewer GET team = %d", resp.StatusCode)
		}
	})
}

func TestJobProcess(t *testing.T) {
	t.Parallel()
	b := jobSetup(t, false)
	path := "/jobs/" + b.job.ID + "/process"
	c := b.e.signIn(t, b.rec)

	d := c.page(t, path)
	if got := d.count(".process-row"); got != 6 { // five phases and a new one
		t.Fatalf("rows = %d", got)
	}
	form := url.Values{}
	for i := range 6 {
		for _, part := range []string{"id", "name", "order"} {
			name := fmt.Sprintf("phases.%d.%s", i, part)
			form.Set(name, d.attr("[name='"+name+"']", "value"))
		}
	}
	form.Set("phases.0.enabled", "on")
	form.Set("phases.2.name", "Phone screen")
	form.Set("phases.3.remove", "on")      // Interview
	form.Set("phases.5.name", "Tech test") // new, before Offer

	t.Run("ErrDuplicateNameKeepsInput", func(t *testing.T) {
		bad := url.Values{}
		for k, v := range form {
			bad[k] = v
		}
		bad.Set("phases.5.name", "Offer")
		resp := c.post(t, path, bad)
		d := readDoc(t, resp)
		if resp.StatusCode != 422 || d.text("#phases-error") == "" || d.attr("[name='phases.2.name']", "value") != "Phone screen" {
			t.Errorf("status %d, error %q", resp.StatusCode, d.text("#phases-error"))
		}
	})
	t.Run("OK", func(t *testing.T) {
		d := c.submit(t, path, form)
		if got := d.texts("ol.phases li a"); !cmp.Equal(got, []string{"Prospect", "Application", "Phone screen", "Tech test", "Offer"}) {
			t.Errorf("process = %v", got)
		}
	})
	t.Run("ErrActive", func(t *testing.T) {
		if _, err := b.e.svc.ActivateJob(as(b.rec), b.job.ID); err != nil {
			t.Fatal(err)
		}
		if resp, _ := c.get(t, path); resp.StatusCode != http.StatusConflict {
			t.Errorf("GET process of active job = %d, want 409", resp.StatusCode)
		}
	})
}

// testJobLinkedIn follows the job's LinkedIn task on its page: nothing
// until it is sent, then processing, posted with LinkedIn's job number,
// and a failure with LinkedIn's message, rendered inert.
func testJobLinkedIn(t *testing.T, b *jobBundle, path string) {
	c := b.e.signIn(t, b.rec)
	if d := c.page(t, path); d.count(".job-linkedin") != 0 {
		t.Fatalf("a job never sent shows %q", d.text(".job-linkedin"))
	}
	task := "urn:li:simpleJobPostingTask:1"
	checked := time.Now()
	steps := []struct {
		name  string
		write func(tx ats.Tx) error
		want  string
		error bool
	}{
		{"Sent", func(tx ats.Tx) error { return tx.SaveJobTask(b.job.ID, task, checked) }, "Being processed by LinkedIn", false},
		{"Posted", func(tx ats.Tx) error {
			_, err := tx.SaveJobTaskCheck(&ats.JobTask{JobID: b.job.ID, TaskURN: task, Status: "SUCCEEDED",
				JobPosting: "urn:li:jobPosting:4242", CheckedAt: &checked})
			return err
		}, "Posted (LinkedIn job 4242)", false},
		{"Failed", func(tx ats.Tx) error {
			_, err := tx.SaveJobTaskCheck(&ats.JobTask{JobID: b.job.ID, TaskURN: task, Status: "FAILED",
				Message: "<script>alert(1)</script> bad location", CheckedAt: &checked})
			return err
		}, "Not posted: <script>alert(1)</script> bad location", true},
	}
	for _, st := range steps {
		if err := b.e.store.Update(context.Background(), st.write); err != nil {
			t.Fatal(err)
		}
		d := c.page(t, path)
		if got := d.text(".job-linkedin bdi"); got != st.want {
			t.Errorf("%s: %q, want %q", st.name, got, st.want)
		}
		if got := d.count(".job-linkedin.error"); got != map[bool]int{false: 0, true: 1}[st.error] {
			t.Errorf("%s: %d error marks", st.name, got)
		}
		if d.count(".job-linkedin script") != 0 {
			t.Errorf("%s: LinkedIn's markup got through", st.name)
		}
		if got, want := d.count(".job-linkedin time"), map[bool]int{false: 1, true: 0}[st.name == "Sent"]; got != want {
			t.Errorf("%s: %d check times, want %d", st.name, got, want)
		}
	}
}
