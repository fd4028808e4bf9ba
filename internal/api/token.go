package api

import (
	"net/http"
	"time"
)

// tokenInput is the body of POST /api/v1/tokens. ExpiresInDays empty or 0
// means the token does not expire.
type tokenInput struct {
	Name          string `json:"name"`
	ExpiresInDays int    `json:"expires_in_days"`
}

// maxTokenDays keeps the day count from overflowing time.Duration (it is
// clamped to [-1, maxTokenDays]); the service enforces the real bounds and
// names the field.
const maxTokenDays = 100_000

// handleTokenCreate issues an API token for the caller. The secret is in
// this response only; it cannot be read back later.
func (s *Server) handleTokenCreate(w http.ResponseWriter, r *http.Request) error {
	in, err := decode[tokenInput](r)
	if err != nil {
		return err
	}
	days := max(min(in.ExpiresInDays, maxTokenDays), -1)
	t, err := s.svc.CreateToken(r.Context(), in.Name, time.Duration(days)*24*time.Hour)
	return reply(w, http.StatusCreated, t, err)
}

// handleTokenIndex lists the caller's tokens, so they can see which are in
// use and revoke the rest.
func (s *Server) handleTokenIndex(w http.ResponseWriter, r *http.Request) error {
	tokens, err := s.svc.FindTokens(r.Context())
	return all(w, tokens, err)
}

// handleTokenDelete revokes a token; requests carrying it fail from then on.
func (s *Server) handleTokenDelete(w http.ResponseWriter, r *http.Request) error {
	return done(w, s.svc.DeleteToken(r.Context(), r.PathValue("id")))
}
