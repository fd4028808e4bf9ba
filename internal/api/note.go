package api

import "net/http"

// noteInput is the body that creates or edits a note.
type noteInput struct {
	Text string `json:"text"`
}

// handleCandidateNoteIndex lists the notes about a candidate, newest first.
func (s *Server) handleCandidateNoteIndex(w http.ResponseWriter, r *http.Request) error {
	page, err := pageQuery(r)
	if err != nil {
		return err
	}
	notes, total, err := s.svc.FindCandidateNotes(r.Context(), r.PathValue("id"), page)
	return list(w, notes, total, page, err)
}

// handleCandidateNoteCreate writes a note about a candidate.
func (s *Server) handleCandidateNoteCreate(w http.ResponseWriter, r *http.Request) error {
	in, err := decode[noteInput](r)
	if err != nil {
		return err
	}
	n, err := s.svc.CreateCandidateNote(r.Context(), r.PathValue("id"), in.Text)
	return reply(w, http.StatusCreated, n, err)
}

// handleApplicationNoteIndex lists the notes on an application.
func (s *Server) handleApplicationNoteIndex(w http.ResponseWriter, r *http.Request) error {
	page, err := pageQuery(r)
	if err != nil {
		return err
	}
	notes, total, err := s.svc.FindApplicationNotes(r.Context(), r.PathValue("id"), page)
	return list(w, notes, total, page, err)
}

// handleApplicationNoteCreate writes a note on an application.
func (s *Server) handleApplicationNoteCreate(w http.ResponseWriter, r *http.Request) error {
	in, err := decode[noteInput](r)
	if err != nil {
		return err
	}
	n, err := s.svc.CreateApplicationNote(r.Context(), r.PathValue("id"), in.Text)
	return reply(w, http.StatusCreated, n, err)
}

// handleNoteUpdate changes a note's text (its author or an admin).
func (s *Server) handleNoteUpdate(w http.ResponseWriter, r *http.Request) error {
	in, err := decode[noteInput](r)
	if err != nil {
		return err
	}
	n, err := s.svc.UpdateNote(r.Context(), r.PathValue("id"), in.Text)
	return reply(w, http.StatusOK, n, err)
}

// handleNoteDelete removes a note (its author or an admin).
func (s *Server) handleNoteDelete(w http.ResponseWriter, r *http.Request) error {
	return done(w, s.svc.DeleteNote(r.Context(), r.PathValue("id")))
}
