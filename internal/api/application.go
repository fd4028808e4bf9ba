package api

import (
	"net/http"

	"attractor/internal/ats"
)

// moveInput is the body of POST /api/v1/applications/{id}/move.
type moveInput struct {
	PhaseID string `json:"phase_id"`
}

// rejectInput is the body of POST /api/v1/applications/{id}/reject.
type rejectInput struct {
	Reason string `json:"reason"`
}

// handleApplicationCreate adds a candidate to a job, as a prospect or an
// applicant.
func (s *Server) handleApplicationCreate(w http.ResponseWriter, r *http.Request) error {
	in, err := decode[ats.ApplicationInput](r)
	if err != nil {
		return err
	}
	app, err := s.svc.CreateApplication(r.Context(), in)
	return reply(w, http.StatusCreated, app, err)
}

// handleApplicationShow returns one application.
func (s *Server) handleApplicationShow(w http.ResponseWriter, r *http.Request) error {
	app, err := s.svc.FindApplication(r.Context(), r.PathValue("id"))
	return reply(w, http.StatusOK, app, err)
}

// handleApplicationDelete removes an application with its history, notes
// and feedback.
func (s *Server) handleApplicationDelete(w http.ResponseWriter, r *http.Request) error {
	return done(w, s.svc.DeleteApplication(r.Context(), r.PathValue("id")))
}

// handleApplicationMove moves an application to another phase of its job.
func (s *Server) handleApplicationMove(w http.ResponseWriter, r *http.Request) error {
	in, err := decode[moveInput](r)
	if err != nil {
		return err
	}
	app, err := s.svc.MoveApplication(r.Context(), r.PathValue("id"), in.PhaseID)
	return reply(w, http.StatusOK, app, err)
}

// handleApplicationReject closes an application with a reason.
func (s *Server) handleApplicationReject(w http.ResponseWriter, r *http.Request) error {
	in, err := decode[rejectInput](r)
	if err != nil {
		return err
	}
	app, err := s.svc.RejectApplication(r.Context(), r.PathValue("id"), in.Reason)
	return reply(w, http.StatusOK, app, err)
}

// handleApplicationHire marks an application in the offer phase as hired.
func (s *Server) handleApplicationHire(w http.ResponseWriter, r *http.Request) error {
	app, err := s.svc.HireApplication(r.Context(), r.PathValue("id"))
	return reply(w, http.StatusOK, app, err)
}

// handleApplicationWithdraw records that the candidate withdrew.
func (s *Server) handleApplicationWithdraw(w http.ResponseWriter, r *http.Request) error {
	app, err := s.svc.WithdrawApplication(r.Context(), r.PathValue("id"))
	return reply(w, http.StatusOK, app, err)
}

// handleApplicationPhases returns the phases the application went
// through, oldest first.
func (s *Server) handleApplicationPhases(w http.ResponseWriter, r *http.Request) error {
	entries, err := s.svc.FindPhaseEntries(r.Context(), r.PathValue("id"))
	return all(w, entries, err)
}

// handleApplicationHistory returns an application's audit trail.
func (s *Server) handleApplicationHistory(w http.ResponseWriter, r *http.Request) error {
	return s.history(w, r, ats.EntityApplication)
}
