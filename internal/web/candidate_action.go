package web

import (
	"net/http"

	"attractor/internal/ats"
)

// handleCandidateUpdate saves the profile's edit form; a failed submit
// shows the Profile tab again with the input kept.
func (s *Server) handleCandidateUpdate(w http.ResponseWriter, r *http.Request) error {
	f, err := newForm(r)
	if err != nil {
		return err
	}
	c, err := s.svc.UpdateCandidate(r.Context(), r.PathValue("id"), candidateUpdateOf(f))
	if f.Failed(err) {
		return s.candidateFailed(w, r, "profile", f, func(v *candidateView, f Form) { v.EditForm = f })
	} else if err != nil {
		return err
	}
	return s.redirect(w, r, "/candidates/"+c.ID, "Candidate saved.")
}

// handleCandidateNoteCreate adds a note about the candidate. The text is
// kept as typed (line breaks included).
func (s *Server) handleCandidateNoteCreate(w http.ResponseWriter, r *http.Request) error {
	f, err := newForm(r)
	if err != nil {
		return err
	}
	n, err := s.svc.CreateCandidateNote(r.Context(), r.PathValue("id"), f.Values.Get("text"))
	if f.Failed(err) {
		return s.candidateFailed(w, r, "notes", f, func(v *candidateView, f Form) { v.NoteForm = f })
	} else if err != nil {
		return err
	}
	return s.redirect(w, r, "/candidates/"+n.SubjectID+"/notes", "Note added.")
}

// handleCandidateApply adds the candidate to a job as an applicant or a
// prospect, then shows their Applications tab; a failed submit shows the
// form again on the Profile tab, where it lives.
func (s *Server) handleCandidateApply(w http.ResponseWriter, r *http.Request) error {
	f, err := newForm(r)
	if err != nil {
		return err
	}
	in := ats.ApplicationInput{CandidateID: r.PathValue("id"), JobID: f.Get("job_id"),
		Prospect: f.Get("prospect") == "true", Source: f.Get("source")}
	app, err := s.svc.CreateApplication(r.Context(), in)
	if f.Failed(err) {
		return s.candidateFailed(w, r, "profile", f, func(v *candidateView, f Form) { v.ApplyForm = f })
	} else if err != nil {
		return err
	}
	msg := "Added to the job as an applicant."
	if app.Prospect {
		msg = "Added to the job as a prospect."
	}
	return s.redirect(w, r, "/candidates/"+app.CandidateID+"/applications", msg)
}

// handleCandidatePoolAdd puts the candidate in a talent pool.
func (s *Server) handleCandidatePoolAdd(w http.ResponseWriter, r *http.Request) error {
	f, err := newForm(r)
	if err != nil {
		return err
	}
	ref := r.PathValue("id")
	err = s.svc.AddPoolMember(r.Context(), f.Get("pool_id"), ref)
	if ats.ErrorCode(err) == ats.ENOTFOUND && f.Get("pool_id") == "" {
		err = &ats.Error{Code: ats.EINVALID, Message: "Choose a talent pool.",
			Fields: map[string]string{"pool_id": "Choose a talent pool."}}
	}
	if f.Failed(err) {
		return s.candidateFailed(w, r, "profile", f, func(v *candidateView, f Form) { v.PoolForm = f })
	} else if err != nil {
		return err
	}
	c, err := s.svc.FindCandidate(r.Context(), ref)
	if err != nil {
		return err
	}
	return s.redirect(w, r, "/candidates/"+c.ID, "Added to the talent pool.")
}
