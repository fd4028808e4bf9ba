package api

import (
	"net/http"

	"attractor/internal/ats"
	"attractor/internal/session"
)

// loginInput is the body of POST /api/v1/session.
type loginInput struct {
	Email    string `json:"email"`
	Password string `json:"password"`
}

// handleSessionCreate signs a user in with email and password and binds
// the session cookie to them. The session token is renewed first, so a
// token planted before sign-in (session fixation) is worthless after it.
func (s *Server) handleSessionCreate(w http.ResponseWriter, r *http.Request) error {
	in, err := decode[loginInput](r)
	if err != nil {
		return err
	}
	if !s.signins.Allow(r) {
		return ats.Errorf(ats.ETOOMANY, "Too many sign-in attempts from your network. Wait a minute and try again.")
	}
	u, err := s.svc.Authenticate(r.Context(), in.Email, in.Password)
	if err != nil {
		return err
	}
	if err := session.SignIn(r.Context(), s.sessions, u); err != nil {
		return err
	}
	return encode(w, http.StatusOK, u)
}

// handleSessionDelete signs out by destroying the session; it succeeds
// when there is no session too, so clients can call it blindly.
func (s *Server) handleSessionDelete(w http.ResponseWriter, r *http.Request) error {
	return done(w, s.sessions.Destroy(r.Context()))
}

// handleMe returns the signed-in user, so clients learn who they are and
// which role they hold.
func (s *Server) handleMe(w http.ResponseWriter, r *http.Request) error {
	return encode(w, http.StatusOK, ats.UserFromContext(r.Context()))
}
