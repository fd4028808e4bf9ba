package linkedinsim

import (
	"errors"
	"mime"
	"net/http"
	"strconv"
)

// oauthError is an RFC 6749 §5.2 error, rendered as
// {"error", "error_description"} with its own status.
type oauthError struct {
	status int
	code   string
	desc   string
}

func (e *oauthError) Error() string { return e.code + ": " + e.desc }

// tokenResponse is LinkedIn's client-credentials answer. LinkedIn sends no
// token_type, and neither do we; x/oauth2 treats a missing one as Bearer.
type tokenResponse struct {
	AccessToken string `json:"access_token"`
	ExpiresIn   int    `json:"expires_in"`
	Scope       string `json:"scope,omitempty"` // member tokens only (handle_signin.go)
}

// handleAccessToken implements POST /oauth/v2/accessToken for the client
// credentials grant and the 3-legged authorization_code grant. Credentials are read from the form body only, as
// LinkedIn reads them (no HTTP Basic), and the body must be
// application/x-www-form-urlencoded: a JSON body is invalid_request.
func (s *Server) handleAccessToken(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, maxBody)
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("Pragma", "no-cache")
	tok, err := s.issueToken(r)
	var oe *oauthError
	switch {
	case errors.As(err, &oe):
		writeJSON(w, oe.status, map[string]string{"error": oe.code, "error_description": oe.desc})
	case err != nil:
		s.logFailure(r, http.StatusInternalServerError, err)
		writeJSON(w, http.StatusInternalServerError, map[string]string{"error": "server_error",
			"error_description": "Internal server error."})
	default:
		writeJSON(w, http.StatusOK, tok)
	}
}

// issueToken validates the request and asks the service for a token.
func (s *Server) issueToken(r *http.Request) (tokenResponse, error) {
	if err := parseTokenForm(r); err != nil {
		return tokenResponse{}, err
	}
	f := r.PostForm
	for _, p := range []string{"grant_type", "client_id", "client_secret"} {
		if f.Get(p) == "" {
			return tokenResponse{}, invalidRequest("A required parameter \"" + p + "\" is missing")
		}
	}
	switch g := f.Get("grant_type"); g {
	case "client_credentials":
	case "authorization_code": // the 3-legged flow (handle_signin.go)
		return s.issueMemberToken(r.Context(), f)
	default:
		return tokenResponse{}, &oauthError{http.StatusBadRequest, "unsupported_grant_type",
			"The grant type " + strconv.Quote(g) + " is not supported; use client_credentials or authorization_code"}
	}
	token, _, err := s.svc.IssueToken(r.Context(), f.Get("client_id"), f.Get("client_secret"))
	if ErrorCode(err) == EUNAUTHORIZED {
		return tokenResponse{}, &oauthError{http.StatusUnauthorized, "invalid_client", "Client authentication failed"}
	} else if err != nil {
		return tokenResponse{}, err
	}
	return tokenResponse{AccessToken: token, ExpiresIn: int(TokenTTL.Seconds())}, nil
}

// parseTokenForm requires a form-encoded body and parses it into
// r.PostForm (query parameters are ignored).
func parseTokenForm(r *http.Request) error {
	mt, _, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if err != nil || mt != "application/x-www-form-urlencoded" {
		return invalidRequest("The request body must be application/x-www-form-urlencoded")
	}
	if err := r.ParseForm(); err != nil {
		return invalidRequest("The request body is not a valid form")
	}
	return nil
}

func invalidRequest(desc string) error {
	return &oauthError{http.StatusBadRequest, "invalid_request", desc}
}
