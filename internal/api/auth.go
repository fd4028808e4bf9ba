package api

import (
	"context"
	"net/http"
	"strings"

	"attractor/internal/ats"
	"attractor/internal/session"
)

// authenticate identifies the caller and puts them in the context. A
// Bearer token wins over the cookie; a bad token is refused rather than
// falling back, so a client never acts as someone unexpected. Requests not
// carrying a token are cookie requests and pass the cross-origin check,
// since a browser attaches cookies to forged requests but never tokens.
// Anonymous callers reach only public routes.
func (s *Server) authenticate(public bool, next handlerFunc) handlerFunc {
	return func(w http.ResponseWriter, r *http.Request) error {
		u, err := s.identify(r)
		if err != nil {
			return err
		}
		if u == nil && !public {
			return ats.Errorf(ats.EUNAUTHORIZED, "You must sign in.")
		}
		if u != nil {
			r = r.WithContext(ats.NewContextWithUser(r.Context(), u))
		}
		return next(w, r)
	}
}

// identify returns the caller, nil for an anonymous one.
func (s *Server) identify(r *http.Request) (*ats.User, error) {
	if auth := r.Header.Get("Authorization"); auth != "" {
		token, ok := bearerToken(auth)
		if !ok {
			return nil, ats.Errorf(ats.EUNAUTHORIZED, "The Authorization header must be \"Bearer\" and an API token.")
		}
		return s.svc.UserByToken(r.Context(), token)
	}
	if err := s.csrf.Check(r); err != nil {
		return nil, ats.Errorf(ats.EFORBIDDEN, "Cross-origin request refused.")
	}
	return s.sessionUser(r.Context())
}

// bearerToken extracts the token of an "Authorization: Bearer …" header;
// the scheme is case-insensitive (RFC 9110 §11.1).
func bearerToken(header string) (string, bool) {
	scheme, token, ok := strings.Cut(header, " ")
	token = strings.TrimSpace(token)
	return token, ok && strings.EqualFold(scheme, "Bearer") && token != ""
}

// sessionUser returns the session's user (see session.User).
func (s *Server) sessionUser(ctx context.Context) (*ats.User, error) {
	return session.User(ctx, s.sessions, s.svc)
}
