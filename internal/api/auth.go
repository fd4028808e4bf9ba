package api

import (
	"context"
	"net/http"
	"strings"

	"attractor/internal/ats"
)

// sessionUserKey is the session key holding the signed-in user's id. The
// web UI uses the same key, so one sign-in serves both.
const sessionUserKey = "user_id"

// sessionStampKey holds the user's credential stamp at sign-in; a session
// whose stamp no longer matches predates a password change.
const sessionStampKey = "credential_stamp"

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

// sessionUser loads the session's user afresh on every request, so a
// disabled or demoted user, or one whose password was reset, loses access
// at once rather than when the session expires. The lookup acts as the system because no user is
// identified yet.
func (s *Server) sessionUser(ctx context.Context) (*ats.User, error) {
	id := s.sessions.GetString(ctx, sessionUserKey)
	if id == "" {
		return nil, nil
	}
	u, err := s.svc.FindUserByID(ats.NewContextWithUser(ctx, &ats.SystemUser), id)
	stale := err == nil && (u.Disabled || s.sessions.GetString(ctx, sessionStampKey) != u.CredentialStamp())
	if ats.ErrorCode(err) == ats.ENOTFOUND || stale {
		s.sessions.Remove(ctx, sessionUserKey)
		return nil, nil
	}
	return u, err
}
