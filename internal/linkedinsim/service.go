package linkedinsim

import (
	"context"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"time"
)

// TokenTTL is the lifetime of a client-credentials token: 30 minutes for
// the talent APIs (rsc-api.md §2.1).
const TokenTTL = 30 * time.Minute

// Service is the simulator's domain: it authenticates apps, issues and
// checks tokens, provisions child apps and summarises the world. HTTP
// handlers only parse and render around it, so the Recruiter UI of a later
// wave can call the same code.
type Service struct {
	store  Store
	now    func() time.Time
	faults *Faults // forced token expiry, failed job tasks (faults.go); nil: none
	// pushWake nudges the PushWorker when the outbox grows (push.go).
	pushWake chan struct{}
	// resync watches the answers to Job Resync requests (push_resync.go).
	resync *resyncLog
}

// ServiceOption configures a Service (WithTokenFaults).
type ServiceOption func(*Service)

// NewService returns a Service over store. now is the clock for token
// expiry and update times; nil means time.Now. Tests inject it to expire
// tokens without waiting. Tokens, apps and integrations are cached in
// memory (cache.go), so every change to them must go through this
// Service, not around it to the store.
func NewService(store Store, now func() time.Time, opts ...ServiceOption) *Service {
	if now == nil {
		now = time.Now
	}
	resync := newResyncLog()
	s := &Service{store: &resyncStore{Store: newCachedStore(store), log: resync}, now: now,
		pushWake: make(chan struct{}, 1), resync: resync}
	for _, opt := range opts {
		opt(s)
	}
	return s
}

// Credentials are an app's client id and secret, as provisioning returns
// them.
type Credentials struct {
	ClientID     string
	ClientSecret string
}

// IssueToken authenticates a client by id and secret and returns a new
// opaque token, valid for TokenTTL. Any authentication failure is one
// EUNAUTHORIZED error, so callers cannot probe which client ids exist.
func (s *Service) IssueToken(ctx context.Context, clientID, secret string) (string, *App, error) {
	app, err := s.store.FindAppByClientID(ctx, clientID)
	if ErrorCode(err) == ENOTFOUND {
		return "", nil, Errorf(EUNAUTHORIZED, "Client authentication failed.")
	} else if err != nil {
		return "", nil, err
	}
	sum := sha256.Sum256([]byte(secret))
	if subtle.ConstantTimeCompare(sum[:], app.SecretHash) != 1 {
		return "", nil, Errorf(EUNAUTHORIZED, "Client authentication failed.")
	}
	token, err := randomString(32)
	if err != nil {
		return "", nil, err
	}
	now := s.faults.issuedAt(s.now())
	hash := sha256.Sum256([]byte(token))
	err = s.store.CreateAccessToken(ctx, AccessToken{Hash: hash[:], AppID: app.ID,
		ExpiresAt: now.Add(s.faults.tokenTTL()), CreatedAt: now})
	return token, app, err
}

// Authenticate resolves a bearer token to its app. Unknown and expired
// tokens are EUNAUTHORIZED with LinkedIn's service codes, so a client knows
// to fetch a new token.
func (s *Service) Authenticate(ctx context.Context, token string) (*App, error) {
	hash := sha256.Sum256([]byte(token))
	t, err := s.store.FindAccessToken(ctx, hash[:])
	if ErrorCode(err) == ENOTFOUND {
		return nil, &Error{Code: EUNAUTHORIZED, Message: "Invalid access token"}
	} else if err != nil {
		return nil, err
	}
	if !s.now().Before(t.ExpiresAt) || s.faults.tokenRevoked(t.CreatedAt) {
		return nil, &Error{Code: EUNAUTHORIZED, Message: "The token used in the request has expired"}
	}
	return s.store.FindAppByID(ctx, t.AppID)
}

// CheckControlToken accepts only the world's control API token.
func (s *Service) CheckControlToken(ctx context.Context, token string) error {
	st, err := s.store.Settings(ctx)
	if err != nil {
		return err
	}
	if subtle.ConstantTimeCompare([]byte(token), []byte(st.ControlToken)) != 1 {
		return &Error{Code: EUNAUTHORIZED, Message: "Invalid control API token"}
	}
	return nil
}

// childSecret derives a child app's secret from the world's secret key and
// its client id. Storing only the hash while being able to re-derive the
// secret lets the credentials finder return it, as LinkedIn's does.
func childSecret(key []byte, clientID string) string {
	mac := hmac.New(sha256.New, key)
	mac.Write([]byte("child-secret/" + clientID))
	return base64.RawURLEncoding.EncodeToString(mac.Sum(nil)[:18])
}

// randomString returns n random bytes as unpadded base64url text.
func randomString(n int) (string, error) {
	b := make([]byte, n)
	if _, err := rand.Read(b); err != nil {
		return "", err
	}
	return base64.RawURLEncoding.EncodeToString(b), nil
}

// randomClientID returns a 14-character lower-case client id, the shape of
// LinkedIn's.
func randomClientID() string {
	const alphabet = "0123456789abcdefghijklmnopqrstuvwxyz"
	b := make([]byte, 14)
	rand.Read(b) // crypto/rand.Read never fails (Go ≥ 1.24)
	for i := range b {
		b[i] = alphabet[int(b[i])%len(alphabet)]
	}
	return string(b)
}
