package api

import (
	"net/http"

	"attractor/internal/ats"
)

// candidateInput is the body of POST /api/v1/candidates: the fields a
// client may set. The domain type also carries ids, numbers and times,
// which the server assigns.
type candidateInput struct {
	FirstName    string      `json:"first_name"`
	LastName     string      `json:"last_name"`
	Email        string      `json:"email"`
	OtherEmails  []string    `json:"other_emails"`
	Phones       []string    `json:"phones"`
	Address      ats.Address `json:"address"`
	Company      string      `json:"current_company"`
	Title        string      `json:"current_title"`
	LinkedInURL  string      `json:"linkedin_profile_url"`
	PersonURN    string      `json:"linkedin_person_urn"`
	Source       string      `json:"source"`
	DoNotContact bool        `json:"do_not_contact"`
}

// candidate converts the input to the domain type.
func (in candidateInput) candidate() *ats.Candidate {
	return &ats.Candidate{FirstName: in.FirstName, LastName: in.LastName, Email: in.Email,
		OtherEmails: in.OtherEmails, Phones: in.Phones, Address: in.Address, Company: in.Company,
		Title: in.Title, LinkedInURL: in.LinkedInURL, PersonURN: in.PersonURN, Source: in.Source,
		DoNotContact: in.DoNotContact}
}

// handleCandidateIndex searches candidates by name or email (q), ignoring
// case and accents.
func (s *Server) handleCandidateIndex(w http.ResponseWriter, r *http.Request) error {
	page, err := pageQuery(r)
	if err != nil {
		return err
	}
	f := ats.CandidateFilter{Query: r.URL.Query().Get("q"), Page: page}
	candidates, total, err := s.svc.FindCandidates(r.Context(), f)
	return list(w, candidates, total, page, err)
}

// handleCandidateCreate adds a person to the talent database.
func (s *Server) handleCandidateCreate(w http.ResponseWriter, r *http.Request) error {
	in, err := decode[candidateInput](r)
	if err != nil {
		return err
	}
	c, err := s.svc.CreateCandidate(r.Context(), in.candidate())
	return reply(w, http.StatusCreated, c, err)
}

// handleCandidateShow returns a candidate by id or number.
func (s *Server) handleCandidateShow(w http.ResponseWriter, r *http.Request) error {
	c, err := s.svc.FindCandidate(r.Context(), r.PathValue("id"))
	return reply(w, http.StatusOK, c, err)
}

// handleCandidateUpdate changes the fields present in the body.
func (s *Server) handleCandidateUpdate(w http.ResponseWriter, r *http.Request) error {
	upd, err := decode[ats.CandidateUpdate](r)
	if err != nil {
		return err
	}
	c, err := s.svc.UpdateCandidate(r.Context(), r.PathValue("id"), upd)
	return reply(w, http.StatusOK, c, err)
}

// handleCandidateDelete removes a candidate with their applications.
func (s *Server) handleCandidateDelete(w http.ResponseWriter, r *http.Request) error {
	return done(w, s.svc.DeleteCandidate(r.Context(), r.PathValue("id")))
}

// handleCandidateApplications lists a candidate's applications: their
// status on each job.
func (s *Server) handleCandidateApplications(w http.ResponseWriter, r *http.Request) error {
	page, err := pageQuery(r)
	if err != nil {
		return err
	}
	apps, total, err := s.svc.FindCandidateApplications(r.Context(), r.PathValue("id"), page)
	return list(w, apps, total, page, err)
}

// handleCandidateHistory returns a candidate's audit trail, newest first.
func (s *Server) handleCandidateHistory(w http.ResponseWriter, r *http.Request) error {
	return s.history(w, r, ats.EntityCandidate)
}
