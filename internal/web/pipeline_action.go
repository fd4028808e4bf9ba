package web

import (
	"maps"
	"net/http"
	"net/url"
	"slices"
	"strings"

	"attractor/internal/ats"
)

// handleApplicationMove moves an application to another phase (field
// phase_id) and returns to next (a local path) or the job's pipeline. The
// application page posts here too.
func (s *Server) handleApplicationMove(w http.ResponseWriter, r *http.Request) error {
	f, err := newForm(r)
	if err != nil {
		return err
	}
	app, err := s.svc.MoveApplication(r.Context(), r.PathValue("id"), f.Get("phase_id"))
	if err != nil {
		return s.applicationRefused(w, r, f, err)
	}
	return s.redirect(w, r, pipelineNext(f, app), "Moved to "+app.PhaseName+".")
}

// handleApplicationReject rejects an application with a reason (field
// reason) and returns like a move.
func (s *Server) handleApplicationReject(w http.ResponseWriter, r *http.Request) error {
	f, err := newForm(r)
	if err != nil {
		return err
	}
	app, err := s.svc.RejectApplication(r.Context(), r.PathValue("id"), f.Values.Get("reason"))
	if err != nil {
		return s.applicationRefused(w, r, f, err)
	}
	return s.redirect(w, r, pipelineNext(f, app), "Application rejected.")
}

// handleApplicationHire marks an application in the Offer phase as hired,
// which lets the job be closed as filled, and returns like a move.
func (s *Server) handleApplicationHire(w http.ResponseWriter, r *http.Request) error {
	f, err := newForm(r)
	if err != nil {
		return err
	}
	app, err := s.svc.HireApplication(r.Context(), r.PathValue("id"))
	if err != nil {
		return s.applicationRefused(w, r, f, err)
	}
	return s.redirect(w, r, pipelineNext(f, app), "Hired: the job can now be closed as filled.")
}

// pipelineNext is where a move or reject returns: the form's next when it
// is a path on this site, else the application's phase in its pipeline.
func pipelineNext(f Form, app *ats.Application) string {
	if next := f.Get("next"); next != "" {
		return localPath(next)
	}
	return "/jobs/" + app.JobID + "/pipeline?phase=" + url.QueryEscape(app.PhaseID)
}

// applicationRefused shows a refused move, reject or hire (no reason, a
// closed job, an application already rejected). Posted from the
// application's own page (next), it goes back there with the refusal as an
// alert; otherwise it shows the pipeline page, with the message on the
// application's row and the input kept. Refusals of access and unknown
// applications are the error page.
func (s *Server) applicationRefused(w http.ResponseWriter, r *http.Request, f Form, err error) error {
	switch ats.ErrorCode(err) {
	case ats.EINVALID, ats.ECONFLICT:
	default:
		return err
	}
	app, ferr := s.svc.FindApplication(r.Context(), r.PathValue("id"))
	if ferr != nil {
		return err
	}
	if self := "/applications/" + app.ID; pathOf(localPath(f.Get("next"))) == self {
		return s.redirectRefused(w, r, self, refusalText(err))
	}
	f.Failed(err)
	r.SetPathValue("id", app.JobID)
	v, verr := s.pipeline(r, pipelineQuery(f, app))
	if verr != nil {
		return verr
	}
	v.FailedID, v.RowForm = app.ID, f
	s.render(w, r, f.Status(), "pipeline", v)
	return nil
}

// pipelineQuery is the pipeline query to show again after a refusal: the
// one in next when next is this job's pipeline, else the application's
// phase.
func pipelineQuery(f Form, app *ats.Application) url.Values {
	if u, err := url.Parse(localPath(f.Get("next"))); err == nil && u.Path == "/jobs/"+app.JobID+"/pipeline" {
		return u.Query()
	}
	return url.Values{"phase": {app.PhaseID}}
}

// refusalText is a refusal as one line for an alert away from its form:
// the message followed by each field's problem ("Reason: This field is
// required."), since the form's fields are not there to carry them.
func refusalText(err error) string {
	fields := ats.ErrorFields(err)
	names := slices.Sorted(maps.Keys(fields))
	parts := []string{ats.ErrorMessage(err)}
	for _, name := range names {
		parts = append(parts, label(strings.TrimSuffix(name, "_id"))+": "+fields[name])
	}
	return strings.Join(parts, " ")
}

// pathOf is the path of a local address, without its query and fragment.
func pathOf(local string) string {
	u, err := url.Parse(local)
	if err != nil {
		return ""
	}
	return u.Path
}

// handlePipelineAdd adds a candidate to the job as an applicant or a
// prospect (field as): an existing one (candidate_id) or a new one
// created from first_name, last_name and email. A new candidate and their
// application are created in one transaction, so a refused add leaves no
// stray candidate behind and a resubmit does not duplicate one.
func (s *Server) handlePipelineAdd(w http.ResponseWriter, r *http.Request) error {
	f, err := newForm(r)
	if err != nil {
		return err
	}
	a, err := s.loadJob(r)
	if err != nil {
		return err
	}
	in := ats.ApplicationInput{CandidateID: f.Get("candidate_id"), JobID: a.Job.ID, Prospect: f.Get("as") == "prospect"}
	var app *ats.Application
	if in.CandidateID != "" {
		app, err = s.svc.CreateApplication(r.Context(), in)
	} else {
		_, app, err = s.svc.ApplyNewCandidate(r.Context(), &ats.Candidate{FirstName: f.Get("first_name"),
			LastName: f.Get("last_name"), Email: strings.TrimSpace(f.Get("email"))}, in)
	}
	if err == nil {
		return s.redirect(w, r, "/jobs/"+a.Job.ID+"/pipeline?phase="+url.QueryEscape(app.PhaseID),
			"Added to "+app.PhaseName+".")
	}
	if !f.Failed(err) || ats.ErrorCode(err) == ats.EFORBIDDEN {
		return err
	}
	v, verr := s.pipeline(r, url.Values{})
	if verr != nil {
		return verr
	}
	v.Form = f
	s.render(w, r, f.Status(), "pipeline", v)
	return nil
}
