package linkedinsim

import (
	"context"
	"crypto/sha256"
	"crypto/subtle"
	"net/url"
	"slices"
	"strings"
	"time"
)

// Lifetimes of the member-side credentials.
const (
	// SessionTTL is how long a simulator sign-in lasts. LinkedIn's li_at
	// cookie lives for months; a working day is enough for a simulator.
	SessionTTL = 24 * time.Hour
	// AuthorizationCodeTTL is the life of a 3-legged authorization code:
	// 10 minutes, as RFC 6749 §4.1.2 recommends at most.
	AuthorizationCodeTTL = 10 * time.Minute
	// MemberTokenTTL is the life of a member access token: LinkedIn's
	// 3-legged tokens last 60 days.
	MemberTokenTTL = 60 * 24 * time.Hour
)

// MemberSession is a simulator sign-in, known by the SHA-256 of the
// opaque value of its cookie.
type MemberSession struct {
	Hash      []byte
	MemberID  int64
	CreatedAt time.Time
	ExpiresAt time.Time
}

// MemberSeat is one of a member's seats with its contract and
// organization, as the onboarding widget lists them.
type MemberSeat struct {
	Seat
	Contract         Contract
	OrganizationName string
}

// AuthorizationCode is a 3-legged authorization code, known by its
// SHA-256: single use, bound to the app and the redirect_uri it was
// issued for. UsedAt is zero until exchanged.
type AuthorizationCode struct {
	Hash        []byte
	AppID       int64
	MemberID    int64
	RedirectURI string
	Scope       string // space-separated
	CreatedAt   time.Time
	ExpiresAt   time.Time
	UsedAt      time.Time
}

// MemberToken is a 3-legged access token, known by its SHA-256. CodeHash
// names the code it was issued for, so a replayed code can revoke it.
type MemberToken struct {
	Hash      []byte
	AppID     int64
	MemberID  int64
	Scope     string
	CodeHash  []byte
	CreatedAt time.Time
	ExpiresAt time.Time
}

// SigninStore is the storage of member sign-in and the 3-legged flow;
// simstore implements it on both engines.
type SigninStore interface {
	// CreateMemberSession stores a session and prunes the member's expired
	// ones.
	CreateMemberSession(ctx context.Context, sess MemberSession) error
	// FindMemberSession returns a session by hash, expired or not.
	FindMemberSession(ctx context.Context, hash []byte) (*MemberSession, error)
	// DeleteMemberSession removes a session; a missing one is no error.
	DeleteMemberSession(ctx context.Context, hash []byte) error
	// ListMemberSeats returns a member's seats, by contract.
	ListMemberSeats(ctx context.Context, memberID int64) ([]MemberSeat, error)
	// CreateAuthorizationCode stores a new code.
	CreateAuthorizationCode(ctx context.Context, code AuthorizationCode) error
	// UseAuthorizationCode marks a code used at usedAt and returns it. A
	// code used before is returned with first == false and its UsedAt,
	// and the member tokens issued for it are deleted in the same
	// transaction.
	UseAuthorizationCode(ctx context.Context, hash []byte, usedAt time.Time) (code *AuthorizationCode, first bool, err error)
	// CreateMemberToken stores a member access token.
	CreateMemberToken(ctx context.Context, tok MemberToken) error
	// FindMemberToken returns a member token by hash, expired or not.
	FindMemberToken(ctx context.Context, hash []byte) (*MemberToken, error)
}

// errSignIn is the one answer to every failed sign-in, so the form cannot
// be used to learn which emails belong to seat holders.
var errSignIn = Errorf(EUNAUTHORIZED, "That email and password combination is not right. Seat holders sign in with the world's seat password.")

// SignIn checks a seat holder's email and password and opens a session.
// It returns the member and the session's opaque value (the cookie); the
// store keeps only its hash. Unknown emails, members without a seat and
// wrong passwords are the same EUNAUTHORIZED error, and the password is
// compared in constant time whatever the email.
func (s *Service) SignIn(ctx context.Context, email, password string) (*Member, string, error) {
	st, err := s.store.Settings(ctx)
	if err != nil {
		return nil, "", err
	}
	want, got := sha256.Sum256([]byte(st.SeatPassword)), sha256.Sum256([]byte(password))
	passwordOK := subtle.ConstantTimeCompare(want[:], got[:]) == 1
	m, err := s.store.MatchMemberByEmailKey(ctx, EmailKey(email))
	if ErrorCode(err) == ENOTFOUND || err == nil && m.Closed {
		return nil, "", errSignIn
	} else if err != nil {
		return nil, "", err
	}
	seats, err := s.store.ListMemberSeats(ctx, m.ID)
	if err != nil {
		return nil, "", err
	}
	if !passwordOK || !slices.ContainsFunc(seats, func(x MemberSeat) bool { return x.Active }) {
		return nil, "", errSignIn
	}
	token, err := randomString(32)
	if err != nil {
		return nil, "", err
	}
	now := s.now()
	hash := sha256.Sum256([]byte(token))
	err = s.store.CreateMemberSession(ctx, MemberSession{Hash: hash[:], MemberID: m.ID,
		CreatedAt: now, ExpiresAt: now.Add(SessionTTL)})
	return m, token, err
}

// SessionMember returns the member signed in with the session value
// token. Unknown and expired sessions are EUNAUTHORIZED.
func (s *Service) SessionMember(ctx context.Context, token string) (*Member, error) {
	if token == "" {
		return nil, Errorf(EUNAUTHORIZED, "Not signed in.")
	}
	hash := sha256.Sum256([]byte(token))
	sess, err := s.store.FindMemberSession(ctx, hash[:])
	if ErrorCode(err) == ENOTFOUND {
		return nil, Errorf(EUNAUTHORIZED, "Not signed in.")
	} else if err != nil {
		return nil, err
	}
	if !s.now().Before(sess.ExpiresAt) {
		return nil, Errorf(EUNAUTHORIZED, "Your session has expired. Sign in again.")
	}
	return s.store.FindMemberByID(ctx, sess.MemberID)
}

// SignOut ends the session with value token; ending an unknown one is no
// error.
func (s *Service) SignOut(ctx context.Context, token string) error {
	if token == "" {
		return nil
	}
	hash := sha256.Sum256([]byte(token))
	return s.store.DeleteMemberSession(ctx, hash[:])
}

// MemberSeats returns the member's seats with their contracts.
func (s *Service) MemberSeats(ctx context.Context, memberID int64) ([]MemberSeat, error) {
	return s.store.ListMemberSeats(ctx, memberID)
}

// Scopes the simulated 3-legged flow grants. r_liteprofile is the one RSC
// needs (rsc-api.md §2.1, §3.18); the others are accepted so clients
// written for LinkedIn's other products are not refused.
var knownScopes = []string{"r_liteprofile", "r_basicprofile", "r_emailaddress", "openid", "profile", "email"}

// profileScopes are those that allow GET /v2/me.
var profileScopes = []string{"r_liteprofile", "r_basicprofile", "profile"}

// AuthorizationRequest is a validated GET /oauth/v2/authorization: the
// app, where to send the member back, and what it asks for.
type AuthorizationRequest struct {
	App         *App
	RedirectURI string
	State       string
	Scopes      []string
}

// AuthorizeError is a problem with an authorization request. Redirect
// says whether it may be reported to the redirect_uri (RFC 6749 §4.1.2.1):
// never when the client or the redirect_uri itself is in doubt.
type AuthorizeError struct {
	Redirect bool
	Code     string // RFC 6749 error code, for the redirect
	Err      *Error
}

func (e *AuthorizeError) Error() string { return e.Err.Error() }
func (e *AuthorizeError) Unwrap() error { return e.Err }

// CheckAuthorization validates an authorization request in RFC 6749's
// order: client and redirect_uri first (errors shown to the member), then
// response_type and scope (errors sent to the redirect_uri).
func (s *Service) CheckAuthorization(ctx context.Context, clientID, redirectURI, responseType, state, scope string) (*AuthorizationRequest, error) {
	if clientID == "" {
		return nil, &AuthorizeError{Err: Errorf(EINVALID, "The client_id parameter is missing.")}
	}
	app, err := s.store.FindAppByClientID(ctx, clientID)
	if ErrorCode(err) == ENOTFOUND {
		return nil, &AuthorizeError{Err: Errorf(EINVALID, "The client_id %q does not belong to any application.", clientID)}
	} else if err != nil {
		return nil, err
	}
	if !redirectAllowed(app, redirectURI) {
		return nil, &AuthorizeError{Err: Errorf(EINVALID,
			"The redirect_uri %q does not match the application's registered redirect URLs or valid JavaScript SDK domains.", redirectURI)}
	}
	req := &AuthorizationRequest{App: app, RedirectURI: redirectURI, State: state}
	if responseType != "code" {
		return req, &AuthorizeError{Redirect: true, Code: "unsupported_response_type",
			Err: Errorf(EINVALID, "response_type must be \"code\".")}
	}
	if req.Scopes, err = parseScopes(scope); err != nil {
		return req, &AuthorizeError{Redirect: true, Code: "invalid_scope", Err: err.(*Error)}
	}
	return req, nil
}

// parseScopes splits a space- or comma-separated scope list (LinkedIn
// accepts both) and checks each scope.
func parseScopes(scope string) ([]string, error) {
	fields := strings.FieldsFunc(scope, func(r rune) bool { return r == ' ' || r == ',' || r == '+' })
	if len(fields) == 0 {
		return nil, Errorf(EINVALID, "The scope parameter is required.")
	}
	var out []string
	for _, f := range fields {
		if !slices.Contains(knownScopes, f) {
			return nil, Errorf(EINVALID, "Scope %q is not authorized for your application.", f)
		}
		if !slices.Contains(out, f) {
			out = append(out, f)
		}
	}
	return out, nil
}

// redirectAllowed reports whether uri is an absolute http(s) URL without a
// fragment that is exactly one of the app's registered
// oauth2AuthorizedCallbackUrls. LinkedIn matches redirect URIs exactly, so
// an ATS that forgot to register its callback fails here as it would there,
// and a code can never be sent to another path on an allowed origin.
func redirectAllowed(app *App, uri string) bool {
	u, err := url.Parse(uri)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.Fragment != "" || u.User != nil {
		return false
	}
	return slices.Contains(app.OAuth2CallbackURLs, uri)
}

// OriginAllowed reports whether origin is one of the app's valid
// JavaScript SDK domains. Scheme and host compare case-insensitively and a
// trailing "/" on a registered domain is forgiven; the port must match.
func OriginAllowed(app *App, origin string) bool {
	norm := func(s string) string { return strings.ToLower(strings.TrimSuffix(strings.TrimSpace(s), "/")) }
	o := norm(origin)
	if o == "" || o == "null" || strings.ContainsAny(o, " ;,'\"*") || !isOrigin(o) {
		return false
	}
	return slices.ContainsFunc(app.ValidJSSDKDomains, func(d string) bool { return norm(d) == o })
}

// ApproveAuthorization records that member approved req and returns the code to send
// to the redirect_uri.
func (s *Service) ApproveAuthorization(ctx context.Context, req *AuthorizationRequest, member *Member) (string, error) {
	code, err := randomString(24)
	if err != nil {
		return "", err
	}
	now := s.now()
	hash := sha256.Sum256([]byte(code))
	err = s.store.CreateAuthorizationCode(ctx, AuthorizationCode{Hash: hash[:], AppID: req.App.ID,
		MemberID: member.ID, RedirectURI: req.RedirectURI, Scope: strings.Join(req.Scopes, " "),
		CreatedAt: now, ExpiresAt: now.Add(AuthorizationCodeTTL)})
	return code, err
}

// errBadGrant is the answer to any unusable authorization code.
var errBadGrant = Errorf(EINVALID, "The authorization code is invalid, expired, already used, or was issued to another client or redirect_uri.")

// ExchangeCode trades an authorization code for a member access token
// (RFC 6749 §4.1.3). The client authenticates with its secret
// (EUNAUTHORIZED otherwise). The code must exist, be unused, unexpired,
// issued to this client and for this redirect_uri, else EINVALID
// (invalid_grant); a code presented twice also revokes the token issued
// for it. It returns the token's value and record.
func (s *Service) ExchangeCode(ctx context.Context, clientID, secret, code, redirectURI string) (string, *MemberToken, error) {
	app, err := s.authenticateClient(ctx, clientID, secret)
	if err != nil {
		return "", nil, err
	}
	now := s.now()
	codeHash := sha256.Sum256([]byte(code))
	c, first, err := s.store.UseAuthorizationCode(ctx, codeHash[:], now)
	if ErrorCode(err) == ENOTFOUND {
		return "", nil, errBadGrant
	} else if err != nil {
		return "", nil, err
	}
	if !first || !now.Before(c.ExpiresAt) || c.AppID != app.ID || c.RedirectURI != redirectURI {
		return "", nil, errBadGrant
	}
	token, err := randomString(32)
	if err != nil {
		return "", nil, err
	}
	hash := sha256.Sum256([]byte(token))
	tok := &MemberToken{Hash: hash[:], AppID: app.ID, MemberID: c.MemberID, Scope: c.Scope,
		CodeHash: codeHash[:], CreatedAt: now, ExpiresAt: now.Add(MemberTokenTTL)}
	return token, tok, s.store.CreateMemberToken(ctx, *tok)
}

// authenticateClient checks a client id and secret in constant time.
func (s *Service) authenticateClient(ctx context.Context, clientID, secret string) (*App, error) {
	app, err := s.store.FindAppByClientID(ctx, clientID)
	if ErrorCode(err) == ENOTFOUND {
		return nil, Errorf(EUNAUTHORIZED, "Client authentication failed.")
	} else if err != nil {
		return nil, err
	}
	sum := sha256.Sum256([]byte(secret))
	if subtle.ConstantTimeCompare(sum[:], app.SecretHash) != 1 {
		return nil, Errorf(EUNAUTHORIZED, "Client authentication failed.")
	}
	return app, nil
}

// Me is the lite profile GET /v2/me returns.
type Me struct {
	ID                 string
	LocalizedFirstName string
	LocalizedLastName  string
}

// AuthenticateMember resolves a member access token to the member's lite
// profile. Unknown tokens are EUNAUTHORIZED (an app's client-credentials
// token is EFORBIDDEN: valid, but not a member's), expired ones
// EUNAUTHORIZED with the expiry code, and a token without a profile scope
// EFORBIDDEN.
func (s *Service) AuthenticateMember(ctx context.Context, token string) (*Me, error) {
	hash := sha256.Sum256([]byte(token))
	t, err := s.store.FindMemberToken(ctx, hash[:])
	if ErrorCode(err) == ENOTFOUND {
		if _, appErr := s.Authenticate(ctx, token); appErr == nil {
			return nil, &Error{Code: EFORBIDDEN, Message: "Not enough permissions to access: me.GET.NO_VERSION"}
		}
		return nil, &Error{Code: EUNAUTHORIZED, Message: "Invalid access token"}
	} else if err != nil {
		return nil, err
	}
	if !s.now().Before(t.ExpiresAt) {
		return nil, &Error{Code: EUNAUTHORIZED, Message: "The token used in the request has expired"}
	}
	if !slices.ContainsFunc(strings.Fields(t.Scope), func(sc string) bool { return slices.Contains(profileScopes, sc) }) {
		return nil, &Error{Code: EFORBIDDEN, Message: "Not enough permissions to access: me.GET.NO_VERSION"}
	}
	m, err := s.store.FindMemberByID(ctx, t.MemberID)
	if err != nil {
		return nil, err
	}
	return &Me{ID: strings.TrimPrefix(m.PersonURN, personURNPrefix),
		LocalizedFirstName: m.FirstName, LocalizedLastName: m.LastName}, nil
}
