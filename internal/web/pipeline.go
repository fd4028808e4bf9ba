package web

import (
	"net/http"
	"net/url"

	"attractor/internal/ats"
)

// pipelinePageSize is how many applications one phase tab shows at once:
// a job may have tens of thousands, so the page never lists them all.
const pipelinePageSize = 50

// pipelineView is a job's pipeline: a tab per phase with its count (the
// Prospect phase apart, as Attract's Prospects tab), one page of the
// chosen phase's applications with move and reject controls, and the forms
// that add candidates. It costs a bounded number of queries: the job, its
// team, phases and counts, one page of applications and its total.
type pipelineView struct {
	Base
	*jobAccess
	Prospect *pipelineTab
	Tabs     []pipelineTab
	Current  ats.Phase
	Status   string
	Apps     []*ats.Application
	Pager    Pager
	// Here is this page's address, sent as next so moves come back to it.
	Here string
	// Search, Found and FoundTotal are the existing-candidate search.
	Search     string
	Found      []*ats.Candidate
	FoundTotal int
	// Form is the add-a-new-candidate form.
	Form Form
	// FailedID names the application whose move or reject was refused;
	// RowForm holds that submit's message and input.
	FailedID string
	RowForm  Form
	phases   []ats.Phase
}

// pipelineTab is one phase tab.
type pipelineTab struct {
	ats.Phase
	Count   int
	Current bool
	URL     string
}

// handlePipeline shows a job's pipeline.
func (s *Server) handlePipeline(w http.ResponseWriter, r *http.Request) error {
	v, err := s.pipeline(r, r.URL.Query())
	if err != nil {
		return err
	}
	return s.ok(w, r, "pipeline", v)
}

// pipeline builds the pipeline of the path's job for the query q (phase,
// status, offset, cq).
func (s *Server) pipeline(r *http.Request, q url.Values) (*pipelineView, error) {
	a, err := s.loadJob(r)
	if err != nil {
		return nil, err
	}
	v := &pipelineView{Base: s.base(r, "Pipeline · "+a.Job.Title, "jobs"), jobAccess: a,
		Status: q.Get("status"), Search: q.Get("cq"), Form: Form{Values: url.Values{"as": {"applicant"}}}}
	if err := s.pipelineTabs(r, v, q.Get("phase")); err != nil {
		return nil, err
	}
	here := url.URL{Path: "/jobs/" + a.Job.ID + "/pipeline", RawQuery: q.Encode()}
	v.Here = here.String()
	if err := s.pipelineApps(r, v, q); err != nil {
		return nil, err
	}
	return v, s.pipelineSearch(r, v)
}

// pipelineTabs loads the phases and their counts and picks the current
// phase: the one asked for, else the Application phase.
func (s *Server) pipelineTabs(r *http.Request, v *pipelineView, want string) error {
	phases, err := s.svc.FindJobPhases(r.Context(), v.Job.ID)
	if err != nil {
		return err
	}
	counts, err := s.svc.JobCounts(r.Context(), v.Job.ID)
	if err != nil {
		return err
	}
	v.phases = phases
	for _, ph := range phases {
		if ph.Kind == ats.PhaseApplication && v.Current.ID == "" || ph.ID == want {
			v.Current = ph
		}
	}
	for _, ph := range phases {
		if !ph.Enabled && counts[ph.ID] == 0 {
			continue
		}
		tab := pipelineTab{Phase: ph, Count: counts[ph.ID], Current: ph.ID == v.Current.ID,
			URL: "/jobs/" + v.Job.ID + "/pipeline?phase=" + url.QueryEscape(ph.ID)}
		if ph.Kind == ats.PhaseProspect {
			v.Prospect = &tab
		} else {
			v.Tabs = append(v.Tabs, tab)
		}
	}
	return nil
}

// pipelineApps loads one page of the current phase's applications.
func (s *Server) pipelineApps(r *http.Request, v *pipelineView, q url.Values) error {
	pr := &http.Request{URL: &url.URL{Path: "/jobs/" + v.Job.ID + "/pipeline", RawQuery: q.Encode()}}
	page, err := pageOf(pr, pipelinePageSize)
	if err != nil {
		return err
	}
	asked := page
	apps, total, page, err := findPage(page, func(p ats.Page) ([]*ats.Application, int, error) {
		return s.pipelinePage(r, v, p)
	})
	if err != nil {
		return err
	}
	if page != asked {
		// The page emptied since its link was made (its last row moved
		// away): the last page that has rows is shown; come back to it.
		v.Here = withOffset(pr, page.Offset)
	}
	v.Apps, v.Pager = apps, newPager(pr, page, len(apps), total)
	return nil
}

// pipelinePage queries one page of the current phase's applications.
func (s *Server) pipelinePage(r *http.Request, v *pipelineView, page ats.Page) ([]*ats.Application, int, error) {
	return s.svc.FindJobApplications(r.Context(), v.Job.ID, ats.ApplicationFilter{
		PhaseID: v.Current.ID, Status: ats.ApplicationStatus(v.Status), Page: page})
}

// pipelineSearch finds existing candidates to add when the user searched.
func (s *Server) pipelineSearch(r *http.Request, v *pipelineView) (err error) {
	if v.Search == "" || !v.CanAdd() || !ats.Allowed(v.User.Role, ats.TeamNone, ats.ActionViewCandidate) {
		return nil
	}
	v.Found, v.FoundTotal, err = s.svc.FindCandidates(r.Context(),
		ats.CandidateFilter{Query: v.Search, Page: ats.Page{Limit: 10}})
	return err
}

// CanMove reports whether app's move control is shown: an active
// application of an active job, and a seat that may advance.
func (v *pipelineView) CanMove(app *ats.Application) bool {
	return v.Job.Status == ats.JobActive && app.Status == ats.AppActive && v.can(ats.ActionMoveApplication)
}

// CanReject reports whether app's reject control is shown (recruiters).
func (v *pipelineView) CanReject(app *ats.Application) bool {
	return v.Job.Status == ats.JobActive && app.Status == ats.AppActive && v.can(ats.ActionRejectApplication)
}

// CanHire reports whether app's Hire button is shown: an active
// application in the Offer phase of an active job, and a seat that may
// move applications (what HireApplication checks).
func (v *pipelineView) CanHire(app *ats.Application) bool {
	return app.PhaseKind == ats.PhaseOffer && v.CanMove(app)
}

// CanAdd reports whether candidates may be added as applicants.
func (v *pipelineView) CanAdd() bool {
	return v.Job.Status == ats.JobActive && v.can(ats.ActionAddApplicant)
}

// CanAddProspect reports whether candidates may be added as prospects: the
// job's Prospect phase must be switched on.
func (v *pipelineView) CanAddProspect() bool {
	return v.Job.Status == ats.JobActive && v.can(ats.ActionAddProspect) && v.Prospect != nil && v.Prospect.Enabled
}

// MoveOptions are the phases app may move to, with the refused submit's
// choice kept, else the phase after app's current one chosen: moving on is
// the usual move, and a select left on its first option (often Prospect)
// would move backwards.
func (v *pipelineView) MoveOptions(app *ats.Application) []option {
	want := nextPhaseID(v.phases, app.PhaseID)
	if v.FailedID == app.ID && v.RowForm.Get("phase_id") != "" {
		want = v.RowForm.Get("phase_id")
	}
	var out []option
	for _, ph := range v.phases {
		if ph.Enabled && ph.ID != app.PhaseID {
			out = append(out, option{Value: ph.ID, Label: ph.Name, Selected: ph.ID == want})
		}
	}
	return out
}

// nextPhaseID is the id of the first enabled phase after the one with id
// current in the process order of phases, "" when current is the last.
func nextPhaseID(phases []ats.Phase, current string) string {
	seen := false
	for _, ph := range phases {
		if seen && ph.Enabled {
			return ph.ID
		}
		seen = seen || ph.ID == current
	}
	return ""
}

// RejectReasons are suggested reasons; any text is accepted.
func (v *pipelineView) RejectReasons() []string { return ats.DefaultRejectionReasons }

// RowError is the refusal to show on app's row, "" for other rows.
func (v *pipelineView) RowError(app *ats.Application) string {
	if v.FailedID != app.ID {
		return ""
	}
	return v.RowForm.Message
}

// FailedName is the candidate's name on the refused application's row,
// for the page-level alert that points to it; "" when nothing was refused
// or the row is not on this page.
func (v *pipelineView) FailedName() string {
	for _, app := range v.Apps {
		if app.ID == v.FailedID && app.Candidate != nil {
			return app.Candidate.FirstName + " " + app.Candidate.LastName
		}
	}
	return ""
}

// RowReason is the reason typed into app's refused reject form.
func (v *pipelineView) RowReason(app *ats.Application) string {
	if v.FailedID != app.ID {
		return ""
	}
	return v.RowForm.Values.Get("reason")
}

// Statuses are the status filter's choices.
func (v *pipelineView) Statuses() []option {
	return options(v.Status, []string{"", "active", "rejected", "hired", "withdrawn"},
		[]string{"Any status", "Active", "Rejected", "Hired", "Withdrawn"})
}

// StatusBadge is a row's status badge, the one the candidate and
// application pages show (withdrawn is neutral). The row's meta line
// already gives a rejection's reason, so the badge leaves it out.
func (v *pipelineView) StatusBadge(app *ats.Application) appStatusBadge {
	b := newAppStatusBadge(app)
	b.Reason = ""
	return b
}

// AddChoices are the add forms' "add as" choices.
func (v *pipelineView) AddChoices() []option {
	values, labels := []string{"applicant"}, []string{"Applicant"}
	if v.CanAddProspect() {
		values, labels = append(values, "prospect"), append(labels, "Prospect")
	}
	return options(v.Form.Get("as"), values, labels)
}
