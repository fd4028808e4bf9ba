package api

import (
	"net/http"

	"attractor/internal/ats"
)

// handleUserIndex lists users; everyone signed in may, to staff teams.
func (s *Server) handleUserIndex(w http.ResponseWriter, r *http.Request) error {
	page, err := pageQuery(r)
	if err != nil {
		return err
	}
	users, total, err := s.svc.FindUsers(r.Context(), ats.UserFilter{Page: page})
	return list(w, users, total, page, err)
}

// handleUserCreate adds a user (admins).
func (s *Server) handleUserCreate(w http.ResponseWriter, r *http.Request) error {
	in, err := decode[ats.UserInput](r)
	if err != nil {
		return err
	}
	u, err := s.svc.CreateUser(r.Context(), in)
	return reply(w, http.StatusCreated, u, err)
}

// handleUserShow returns one user.
func (s *Server) handleUserShow(w http.ResponseWriter, r *http.Request) error {
	u, err := s.svc.FindUserByID(r.Context(), r.PathValue("id"))
	return reply(w, http.StatusOK, u, err)
}

// handleUserUpdate changes a user's name, role, password or disabled flag
// (admins).
func (s *Server) handleUserUpdate(w http.ResponseWriter, r *http.Request) error {
	upd, err := decode[ats.UserUpdate](r)
	if err != nil {
		return err
	}
	u, err := s.svc.UpdateUser(r.Context(), r.PathValue("id"), upd)
	return reply(w, http.StatusOK, u, err)
}
