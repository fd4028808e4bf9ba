package web

import (
	"net/http"
	"net/url"
	"strings"

	"attractor/internal/ats"
)

// jobPageSize is how many jobs the list shows at once.
const jobPageSize = 50

// jobAccess is what every page about one job loads first: the job, its
// hiring team and the signed-in user's seat on it. Pages use it to hide the
// controls the user's role and seat do not allow; the service checks the
// same rules again when a form is posted.
type jobAccess struct {
	Job    *ats.Job
	Team   []ats.TeamMember
	Seat   ats.TeamRole
	viewer *ats.User
}

// loadJob loads the job named by the path's id (its id or number) with its
// team; the service refuses users who may not see it.
func (s *Server) loadJob(r *http.Request) (*jobAccess, error) {
	ctx := r.Context()
	j, err := s.svc.FindJob(ctx, r.PathValue("id"))
	if err != nil {
		return nil, err
	}
	team, err := s.svc.FindTeam(ctx, j.ID)
	if err != nil {
		return nil, err
	}
	a := &jobAccess{Job: j, Team: team, viewer: ats.UserFromContext(ctx)}
	for _, m := range team {
		if m.UserID == a.viewer.ID {
			a.Seat = m.Role
		}
	}
	return a, nil
}

// can reports whether the user's role and seat allow action on this job.
func (a *jobAccess) can(action ats.Action) bool {
	return ats.Allowed(a.viewer.Role, a.Seat, action)
}

// require refuses a page whose purpose the user may not use, so people do
// not fill in a form the service would refuse.
func (a *jobAccess) require(action ats.Action) error {
	if !a.can(action) {
		return ats.Errorf(ats.EFORBIDDEN, "You are not allowed to %s.", action.Describe())
	}
	return nil
}

// CanViewApplications reports whether the pipeline may be opened: a
// recruiter or hiring manager not on the team sees the job but not its
// applications (the service answers 403), so no link leads there.
func (a *jobAccess) CanViewApplications() bool { return a.can(ats.ActionViewApplication) }

// CanEdit reports whether the details and team may be changed.
func (a *jobAccess) CanEdit() bool {
	return a.Job.Status != ats.JobClosed && a.can(ats.ActionEditJob)
}

// CanEditProcess reports whether the phases may be changed: only while
// the job is a draft.
func (a *jobAccess) CanEditProcess() bool {
	return a.Job.Status == ats.JobDraft && a.can(ats.ActionEditJob)
}

// CanActivate reports whether the Activate button is shown.
func (a *jobAccess) CanActivate() bool {
	return a.Job.Status == ats.JobDraft && a.can(ats.ActionActivateJob)
}

// CanClose reports whether the Close form is shown.
func (a *jobAccess) CanClose() bool {
	return a.Job.Status == ats.JobActive && a.can(ats.ActionCloseJob)
}

// EmploymentLabel is the employment type as people write it ("Full
// time" for FULL_TIME).
func (a *jobAccess) EmploymentLabel() string { return jobWords(string(a.Job.EmploymentType)) }

// AvailabilityLabel is the LinkedIn availability as people write it.
func (a *jobAccess) AvailabilityLabel() string { return jobWords(string(a.Job.Availability)) }

// jobWords turns an upper-case enum value such as FULL_TIME into "Full time".
func jobWords(s string) string { return label(strings.ToLower(s)) }

// StatusClass is the badge style of the job's status.
func (a *jobAccess) StatusClass() string { return jobStatusClass(a.Job.Status) }

// jobStatusClass styles a status badge: active green, closed red.
func jobStatusClass(st ats.JobStatus) string {
	switch st {
	case ats.JobActive:
		return "ok"
	case ats.JobClosed:
		return "bad"
	}
	return ""
}

// jobIndexView is the jobs list.
type jobIndexView struct {
	Base
	Jobs      []*ats.Job
	Query     string
	Status    string
	Pager     Pager
	CanCreate bool
	Form      Form
}

// Statuses are the status filter's choices.
func (v *jobIndexView) Statuses() []option {
	return options(v.Status, []string{"", "draft", "active", "closed"},
		[]string{"Any status", "Draft", "Active", "Closed"})
}

// StatusClass styles a row's status badge.
func (v *jobIndexView) StatusClass(st ats.JobStatus) string { return jobStatusClass(st) }

// handleJobIndex lists the jobs the user may see, searched by title or
// number and filtered by status, a page at a time.
func (s *Server) handleJobIndex(w http.ResponseWriter, r *http.Request) error {
	page, err := pageOf(r, jobPageSize)
	if err != nil {
		return err
	}
	q := r.URL.Query()
	v := jobIndexView{Base: s.base(r, "Jobs", "jobs"), Query: q.Get("q"), Status: q.Get("status")}
	v.CanCreate = ats.Allowed(v.User.Role, ats.TeamNone, ats.ActionCreateJob)
	v.Form = Form{Values: q}
	f := ats.JobFilter{Query: v.Query, Status: ats.JobStatus(v.Status), Page: page}
	// A link to a page that no longer has rows shows the last one.
	jobs, total, page, err := findPage(page, func(p ats.Page) ([]*ats.Job, int, error) {
		f.Page = p
		return s.svc.FindJobs(r.Context(), f)
	})
	if v.Form.Failed(err) {
		s.render(w, r, v.Form.Status(), "job_index", &v)
		return nil
	} else if err != nil {
		return err
	}
	v.Jobs, v.Pager = jobs, newPager(r, page, len(jobs), total)
	return s.ok(w, r, "job_index", &v)
}

// jobShowView is a job's page: details, team, process with counts, and the
// status actions.
type jobShowView struct {
	Base
	*jobAccess
	Phases []phaseCount
	Form   Form
	// LinkedIn is how LinkedIn processed the job's last record; nil
	// until the job is sent.
	LinkedIn *ats.JobTask
}

// LinkedInText says how LinkedIn processed the job's last record, with
// the number of the job posting it made (urn:li:jobPosting:N) once known.
func (v *jobShowView) LinkedInText() string {
	t := v.LinkedIn
	posting := ""
	if n, ok := strings.CutPrefix(t.JobPosting, "urn:li:jobPosting:"); ok && n != "" {
		posting = " (LinkedIn job " + n + ")"
	}
	switch {
	case t.Message != "":
		return "Not posted: " + t.Message
	case t.Status == ats.JobTaskInProgress:
		return "Being processed by LinkedIn" + posting
	case t.Status == ats.JobTaskExpired:
		return "LinkedIn no longer reports on the last update" + posting
	}
	return "Posted" + posting
}

// phaseCount is a phase with the number of its applications.
type phaseCount struct {
	ats.Phase
	Count int
}

// Members lists the team members holding seat, for the team summary.
func (v *jobShowView) Members(seat string) []ats.TeamMember {
	var out []ats.TeamMember
	for _, m := range v.Team {
		if string(m.Role) == seat {
			out = append(out, m)
		}
	}
	return out
}

// Seats are the team summary's rows.
func (v *jobShowView) Seats() []string {
	return []string{string(ats.TeamHiringManager), string(ats.TeamRecruiter), string(ats.TeamInterviewer)}
}

// CloseReasons are the close form's choices.
func (v *jobShowView) CloseReasons() []option {
	return options(v.Form.Get("reason"), []string{string(ats.CloseCancelled), string(ats.CloseFilled)},
		[]string{"Job cancelled", "Position filled"})
}

// TotalCount is the number of applications in every phase.
func (v *jobShowView) TotalCount() int {
	n := 0
	for _, p := range v.Phases {
		n += p.Count
	}
	return n
}

// handleJobShow shows a job.
func (s *Server) handleJobShow(w http.ResponseWriter, r *http.Request) error {
	v, err := s.jobShow(r)
	if err != nil {
		return err
	}
	return s.ok(w, r, "job_show", v)
}

// jobShow builds a job's page view; the activate and close handlers reuse
// it to show a refusal in place.
func (s *Server) jobShow(r *http.Request) (*jobShowView, error) {
	a, err := s.loadJob(r)
	if err != nil {
		return nil, err
	}
	phases, err := s.svc.FindJobPhases(r.Context(), a.Job.ID)
	if err != nil {
		return nil, err
	}
	counts, err := s.svc.JobCounts(r.Context(), a.Job.ID)
	if err != nil {
		return nil, err
	}
	task, err := s.svc.FindJobLinkedIn(r.Context(), a.Job.ID)
	if err != nil && ats.ErrorCode(err) != ats.ENOTFOUND {
		return nil, err
	}
	v := &jobShowView{Base: s.base(r, a.Job.Title, "jobs"), jobAccess: a, Form: Form{Values: url.Values{}}, LinkedIn: task}
	for _, ph := range phases {
		v.Phases = append(v.Phases, phaseCount{Phase: ph, Count: counts[ph.ID]})
	}
	return v, nil
}

// handleJobActivate makes a draft job active.
func (s *Server) handleJobActivate(w http.ResponseWriter, r *http.Request) error {
	j, err := s.svc.ActivateJob(r.Context(), r.PathValue("id"))
	if err != nil {
		return s.jobRefused(w, r, Form{Values: url.Values{}}, err)
	}
	return s.redirect(w, r, "/jobs/"+j.ID, "The job is active: candidates can now be added.")
}

// handleJobClose closes an active job as filled or cancelled.
func (s *Server) handleJobClose(w http.ResponseWriter, r *http.Request) error {
	f, err := newForm(r)
	if err != nil {
		return err
	}
	j, err := s.svc.CloseJob(r.Context(), r.PathValue("id"), ats.CloseReason(f.Get("reason")))
	if err != nil {
		return s.jobRefused(w, r, f, err)
	}
	return s.redirect(w, r, "/jobs/"+j.ID, "The job is closed.")
}

// jobRefused shows the job's page again with the service's reason for
// refusing a status change (such as "filled" without a hire).
func (s *Server) jobRefused(w http.ResponseWriter, r *http.Request, f Form, err error) error {
	if !f.Failed(err) || ats.ErrorCode(err) == ats.ENOTFOUND || ats.ErrorCode(err) == ats.EFORBIDDEN {
		return err
	}
	v, verr := s.jobShow(r)
	if verr != nil {
		return verr
	}
	v.Form = f
	s.render(w, r, f.Status(), "job_show", v)
	return nil
}

// selectView is what a page's "jobselect" block renders: a labelled
// select with its problem tied to it, like the "field" partial.
type selectView struct {
	Name, Label, Error string
	Options            []option
}

// option is one choice of a select.
type option struct {
	Value, Label string
	Selected     bool
}

// options pairs values with labels, marking the current value selected.
func options(current string, values, labels []string) []option {
	out := make([]option, len(values))
	for i, val := range values {
		out[i] = option{Value: val, Label: labels[i], Selected: val == current}
	}
	return out
}
