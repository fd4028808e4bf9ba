package web

import (
	"net/http"
	"net/url"
	"strings"

	"attractor/internal/ats"
)

// applicationView is one application: its candidate and job, the phases
// it went through, notes, interview feedback, and the forms the viewer's
// role and seat allow.
type applicationView struct {
	Base
	App          *ats.Application
	Candidate    *ats.Candidate
	Job          *ats.Job
	Seat         ats.TeamRole
	Timeline     []appTimelineEntry
	Phases       []ats.Phase
	Notes        []*ats.Note
	NotesPager   Pager
	Feedback     []*ats.Feedback
	NoteForm     Form
	FeedbackForm Form
	MoveForm     Form
	RejectForm   Form
}

// appTimelineEntry is a phase the application entered, with who moved it.
type appTimelineEntry struct {
	ats.PhaseEntry
	By string
}

// can reports whether the viewer's role and seat on the job allow a.
func (v *applicationView) can(a ats.Action) bool {
	return ats.Allowed(v.User.Role, v.Seat, a)
}

// CanMove reports whether to show the move form: the viewer may move the
// job's applications, and this one and its job are still open.
func (v *applicationView) CanMove() bool {
	return v.can(ats.ActionMoveApplication) && v.App.Status == ats.AppActive && v.Job.Status == ats.JobActive
}

// CanHire reports whether to show the Hire button: the move rules, and
// the application is in the Offer phase (what HireApplication checks).
func (v *applicationView) CanHire() bool { return v.CanMove() && v.App.PhaseKind == ats.PhaseOffer }

// CanReject reports whether to show the reject form (recruiters only).
func (v *applicationView) CanReject() bool {
	return v.can(ats.ActionRejectApplication) && v.App.Status == ats.AppActive
}

// CanNote reports whether the viewer may write notes on the application.
func (v *applicationView) CanNote() bool { return v.can(ats.ActionWriteApplicationNote) }

// CanFeedback reports whether the viewer may submit interview feedback.
func (v *applicationView) CanFeedback() bool { return v.can(ats.ActionAddFeedback) }

// SeesAllFeedback reports whether the list holds everyone's feedback or
// only the viewer's own (interviewers).
func (v *applicationView) SeesAllFeedback() bool { return v.can(ats.ActionViewAllFeedback) }

// MovePhases are the enabled phases other than the current one.
func (v *applicationView) MovePhases() []ats.Phase {
	var out []ats.Phase
	for _, ph := range v.Phases {
		if ph.Enabled && ph.ID != v.App.PhaseID {
			out = append(out, ph)
		}
	}
	return out
}

// NextPhase is the move form's preselected phase: the one after the
// current one, so the default move is forwards.
func (v *applicationView) NextPhase() string { return nextPhaseID(v.Phases, v.App.PhaseID) }

// Self is the address the move and reject forms return to.
func (v *applicationView) Self() string { return "/applications/" + v.App.ID }

// RejectionReasons are the reasons offered by the reject form.
func (v *applicationView) RejectionReasons() []string { return ats.DefaultRejectionReasons }

// InterviewTypes are the feedback form's interview types.
func (v *applicationView) InterviewTypes() []appChoice {
	return []appChoice{{string(ats.InterviewPhoneScreen), "Phone screen"}, {string(ats.InterviewVideo), "Video"},
		{string(ats.InterviewOnsite), "On-site"}, {string(ats.InterviewOther), "Other"}}
}

// Recommendations are the feedback form's verdicts, strong no to strong yes.
func (v *applicationView) Recommendations() []appChoice {
	return []appChoice{{string(ats.RecStrongNo), "Strong no"}, {string(ats.RecNo), "No"},
		{string(ats.RecNeutral), "Neutral"}, {string(ats.RecYes), "Yes"}, {string(ats.RecStrongYes), "Strong yes"}}
}

// RecommendationLabel names a recommendation as the form does.
func (v *applicationView) RecommendationLabel(r ats.Recommendation) string {
	for _, c := range v.Recommendations() {
		if c.Value == string(r) {
			return c.Label
		}
	}
	return string(r)
}

// InterviewLabel names an interview type as the form does.
func (v *applicationView) InterviewLabel(t ats.InterviewType) string {
	for _, c := range v.InterviewTypes() {
		if c.Value == string(t) {
			return c.Label
		}
	}
	return string(t)
}

// appChoice is an option of a select or radio group.
type appChoice struct {
	Value, Label string
}

// appEvalRows is how many attribute/result rows the feedback form offers.
const appEvalRows = 3

// EvalRows are the feedback form's evaluation rows, with the submitted
// values kept after a failed submit.
func (v *applicationView) EvalRows() []ats.Evaluation {
	attrs, results := v.FeedbackForm.Values["eval_attribute"], v.FeedbackForm.Values["eval_result"]
	rows := make([]ats.Evaluation, max(appEvalRows, len(attrs), len(results)))
	for i := range rows {
		if i < len(attrs) {
			rows[i].Attribute = attrs[i]
		}
		if i < len(results) {
			rows[i].Result = results[i]
		}
	}
	return rows
}

// handleApplicationShow is the application page.
func (s *Server) handleApplicationShow(w http.ResponseWriter, r *http.Request) error {
	v, err := s.applicationPage(r)
	if err != nil {
		return err
	}
	return s.ok(w, r, "application", v)
}

// applicationFailed shows the application page again after a failed
// form, with the form placed by put and the input kept.
func (s *Server) applicationFailed(w http.ResponseWriter, r *http.Request, f Form, put func(*applicationView, Form)) error {
	v, err := s.applicationPage(r)
	if err != nil {
		return err
	}
	put(v, f)
	s.render(w, r, f.Status(), "application", v)
	return nil
}

// applicationPage loads everything the page shows; the service refuses
// (403/404) an application the viewer may not see.
func (s *Server) applicationPage(r *http.Request) (*applicationView, error) {
	ctx := r.Context()
	app, err := s.svc.FindApplication(ctx, r.PathValue("id"))
	if err != nil {
		return nil, err
	}
	v := &applicationView{App: app, NoteForm: Form{Values: url.Values{}}, FeedbackForm: Form{Values: url.Values{}},
		MoveForm: Form{Values: url.Values{}}, RejectForm: Form{Values: url.Values{}}}
	if v.Candidate, err = s.svc.FindCandidate(ctx, app.CandidateID); err != nil {
		return nil, err
	}
	if v.Job, err = s.svc.FindJob(ctx, app.JobID); err != nil {
		return nil, err
	}
	v.Base = s.base(r, v.Candidate.FirstName+" "+v.Candidate.LastName+" · "+v.Job.Title, "candidates")
	if v.Seat, err = s.candSeat(r, app.JobID); err != nil {
		return nil, err
	}
	if err := s.loadApplicationLists(r, v); err != nil {
		return nil, err
	}
	return v, nil
}

// loadApplicationLists fetches the timeline, phases, notes and feedback.
func (s *Server) loadApplicationLists(r *http.Request, v *applicationView) error {
	ctx := r.Context()
	entries, err := s.svc.FindPhaseEntries(ctx, v.App.ID)
	if err != nil {
		return err
	}
	v.Timeline = s.appTimeline(r, entries)
	if v.Phases, err = s.svc.FindJobPhases(ctx, v.App.JobID); err != nil {
		return err
	}
	p, err := pageOf(r, candidateListSize)
	if err != nil {
		return err
	}
	notes, total, p, err := findPage(p, func(p ats.Page) ([]*ats.Note, int, error) {
		return s.svc.FindApplicationNotes(ctx, v.App.ID, p)
	})
	if err != nil {
		return err
	}
	v.Notes, v.NotesPager = notes, pagerAt(r, "/applications/"+v.App.ID, p, len(notes), total)
	v.Feedback, err = s.svc.FindFeedback(ctx, v.App.ID)
	return err
}

// appTimeline names who moved the application into each phase; a user
// who cannot be found is shown as "someone".
func (s *Server) appTimeline(r *http.Request, entries []ats.PhaseEntry) []appTimelineEntry {
	names := map[string]string{}
	out := make([]appTimelineEntry, 0, len(entries))
	for _, e := range entries {
		name, ok := names[e.EnteredBy]
		if !ok {
			name = "someone"
			if u, err := s.svc.FindUserByID(r.Context(), e.EnteredBy); err == nil {
				name = u.Name
			}
			names[e.EnteredBy] = name
		}
		out = append(out, appTimelineEntry{PhaseEntry: e, By: name})
	}
	return out
}

// handleApplicationNoteCreate adds a note to the application.
func (s *Server) handleApplicationNoteCreate(w http.ResponseWriter, r *http.Request) error {
	f, err := newForm(r)
	if err != nil {
		return err
	}
	n, err := s.svc.CreateApplicationNote(r.Context(), r.PathValue("id"), f.Values.Get("text"))
	if f.Failed(err) {
		return s.applicationFailed(w, r, f, func(v *applicationView, f Form) { v.NoteForm = f })
	} else if err != nil {
		return err
	}
	return s.redirect(w, r, "/applications/"+n.SubjectID+"#notes", "Note added.")
}

// handleFeedbackCreate records the viewer's interview feedback.
func (s *Server) handleFeedbackCreate(w http.ResponseWriter, r *http.Request) error {
	f, err := newForm(r)
	if err != nil {
		return err
	}
	fb, err := s.svc.CreateFeedback(r.Context(), r.PathValue("id"), appFeedbackOf(f))
	if f.Failed(err) {
		return s.applicationFailed(w, r, f, func(v *applicationView, f Form) { v.FeedbackForm = f })
	} else if err != nil {
		return err
	}
	return s.redirect(w, r, "/applications/"+fb.ApplicationID+"#feedback", "Feedback submitted.")
}

// appFeedbackOf reads the feedback form. Evaluation rows left wholly
// empty are dropped; half-filled ones go to the service, which says what
// is missing.
func appFeedbackOf(f Form) ats.Feedback {
	fb := ats.Feedback{InterviewType: ats.InterviewType(f.Get("interview_type")),
		Recommendation: ats.Recommendation(f.Get("recommendation")), Comments: f.Values.Get("comments"),
		Evaluations: []ats.Evaluation{}}
	attrs, results := f.Values["eval_attribute"], f.Values["eval_result"]
	for i := range max(len(attrs), len(results)) {
		var e ats.Evaluation
		if i < len(attrs) {
			e.Attribute = attrs[i]
		}
		if i < len(results) {
			e.Result = results[i]
		}
		if strings.TrimSpace(e.Attribute) != "" || strings.TrimSpace(e.Result) != "" {
			fb.Evaluations = append(fb.Evaluations, e)
		}
	}
	return fb
}
