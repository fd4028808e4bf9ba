package web

import (
	"net/http"
	"net/url"
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

// pipelineNext is where a move or reject returns: the form's next when it
// is a path on this site, else the application's phase in its pipeline.
func pipelineNext(f Form, app *ats.Application) string {
	if next := f.Get("next"); next != "" {
		return localPath(next)
	}
	return "/jobs/" + app.JobID + "/pipeline?phase=" + url.QueryEscape(app.PhaseID)
}

// applicationRefused shows a refused move or reject (no reason, a closed
// job, an application already rejected) on the pipeline page, with the
// message on the application's row and the input kept. Refusals of access
// and unknown applications are the error page.
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

// handlePipelineAdd adds a candidate to the job as an applicant or a
// prospect (field as): an existing one (candidate_id) or a new one
// created from first_name, last_name and email.
func (s *Server) handlePipelineAdd(w http.ResponseWriter, r *http.Request) error {
	f, err := newForm(r)
	if err != nil {
		return err
	}
	a, err := s.loadJob(r)
	if err != nil {
		return err
	}
	prospect := f.Get("as") == "prospect"
	candidateID, err := s.pipelineCandidate(r, a, f, prospect)
	if err == nil {
		var app *ats.Application
		app, err = s.svc.CreateApplication(r.Context(), ats.ApplicationInput{CandidateID: candidateID,
			JobID: a.Job.ID, Prospect: prospect})
		if err == nil {
			return s.redirect(w, r, "/jobs/"+a.Job.ID+"/pipeline?phase="+url.QueryEscape(app.PhaseID),
				"Added to "+app.PhaseName+".")
		}
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

// pipelineCandidate returns the chosen candidate's id, creating the new
// candidate first. It checks the job takes candidates before creating
// anyone, so a refused add leaves no stray candidate behind.
func (s *Server) pipelineCandidate(r *http.Request, a *jobAccess, f Form, prospect bool) (string, error) {
	action := ats.ActionAddApplicant
	if prospect {
		action = ats.ActionAddProspect
	}
	if err := a.require(action); err != nil {
		return "", err
	}
	if a.Job.Status != ats.JobActive {
		return "", ats.Errorf(ats.ECONFLICT, "Candidates can be added only to an active job; this job is %s.", a.Job.Status)
	}
	if id := f.Get("candidate_id"); id != "" {
		return id, nil
	}
	c, err := s.svc.CreateCandidate(r.Context(), &ats.Candidate{FirstName: f.Get("first_name"),
		LastName: f.Get("last_name"), Email: strings.TrimSpace(f.Get("email"))})
	if err != nil {
		return "", err
	}
	return c.ID, nil
}
