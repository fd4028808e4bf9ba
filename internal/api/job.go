package api

import (
	"net/http"

	"attractor/internal/ats"
)

// closeInput is the body of POST /api/v1/jobs/{id}/close.
type closeInput struct {
	Reason ats.CloseReason `json:"reason"`
}

// phaseCount is a phase of a job's process with the number of its
// applications, which is what a pipeline view shows.
type phaseCount struct {
	ats.Phase
	Count int `json:"count"`
}

// handleJobIndex lists the jobs the caller may see, filtered by q (title or
// number) and status.
func (s *Server) handleJobIndex(w http.ResponseWriter, r *http.Request) error {
	page, err := pageQuery(r)
	if err != nil {
		return err
	}
	q := r.URL.Query()
	f := ats.JobFilter{Query: q.Get("q"), Status: ats.JobStatus(q.Get("status")), Page: page}
	jobs, total, err := s.svc.FindJobs(r.Context(), f)
	return list(w, jobs, total, page, err)
}

// handleJobCreate creates a draft job; the caller takes a seat on its team.
func (s *Server) handleJobCreate(w http.ResponseWriter, r *http.Request) error {
	in, err := decode[ats.JobInput](r)
	if err != nil {
		return err
	}
	j, err := s.svc.CreateJob(r.Context(), in)
	return reply(w, http.StatusCreated, j, err)
}

// handleJobShow returns a job by id or number.
func (s *Server) handleJobShow(w http.ResponseWriter, r *http.Request) error {
	j, err := s.svc.FindJob(r.Context(), r.PathValue("id"))
	return reply(w, http.StatusOK, j, err)
}

// handleJobLinkedIn shows the job's LinkedIn task (404 until it is sent).
func (s *Server) handleJobLinkedIn(w http.ResponseWriter, r *http.Request) error {
	jt, err := s.svc.FindJobLinkedIn(r.Context(), r.PathValue("id"))
	return reply(w, http.StatusOK, jt, err)
}

// handleJobUpdate changes a job's details (and, while draft, its process).
func (s *Server) handleJobUpdate(w http.ResponseWriter, r *http.Request) error {
	upd, err := decode[ats.JobUpdate](r)
	if err != nil {
		return err
	}
	j, err := s.svc.UpdateJob(r.Context(), r.PathValue("id"), upd)
	return reply(w, http.StatusOK, j, err)
}

// handleJobDelete removes a job with everything in it.
func (s *Server) handleJobDelete(w http.ResponseWriter, r *http.Request) error {
	return done(w, s.svc.DeleteJob(r.Context(), r.PathValue("id")))
}

// handleJobActivate opens a draft job for candidates.
func (s *Server) handleJobActivate(w http.ResponseWriter, r *http.Request) error {
	j, err := s.svc.ActivateJob(r.Context(), r.PathValue("id"))
	return reply(w, http.StatusOK, j, err)
}

// handleJobClose closes an active job as filled or cancelled.
func (s *Server) handleJobClose(w http.ResponseWriter, r *http.Request) error {
	in, err := decode[closeInput](r)
	if err != nil {
		return err
	}
	j, err := s.svc.CloseJob(r.Context(), r.PathValue("id"), in.Reason)
	return reply(w, http.StatusOK, j, err)
}

// handleJobPhases returns the job's process with the number of
// applications in each phase.
func (s *Server) handleJobPhases(w http.ResponseWriter, r *http.Request) error {
	phases, err := s.svc.FindJobPhases(r.Context(), r.PathValue("id"))
	if err != nil {
		return err
	}
	counts, err := s.svc.JobCounts(r.Context(), r.PathValue("id"))
	out := make([]phaseCount, len(phases))
	for i, ph := range phases {
		out[i] = phaseCount{Phase: ph, Count: counts[ph.ID]}
	}
	return all(w, out, err)
}

// handleJobApplications lists a job's pipeline, optionally one phase or
// one status of it.
func (s *Server) handleJobApplications(w http.ResponseWriter, r *http.Request) error {
	page, err := pageQuery(r)
	if err != nil {
		return err
	}
	q := r.URL.Query()
	f := ats.ApplicationFilter{PhaseID: q.Get("phase_id"), Status: ats.ApplicationStatus(q.Get("status")), Page: page}
	apps, total, err := s.svc.FindJobApplications(r.Context(), r.PathValue("id"), f)
	return list(w, apps, total, page, err)
}

// handleJobHistory returns a job's audit trail, newest first.
func (s *Server) handleJobHistory(w http.ResponseWriter, r *http.Request) error {
	return s.history(w, r, ats.EntityJob)
}

// history renders the audit trail of the record named by the path id.
func (s *Server) history(w http.ResponseWriter, r *http.Request, kind ats.EntityKind) error {
	page, err := pageQuery(r)
	if err != nil {
		return err
	}
	entries, total, err := s.svc.FindHistory(r.Context(), kind, r.PathValue("id"), page)
	return list(w, entries, total, page, err)
}
