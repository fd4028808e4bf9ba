package rsc

import (
	"context"
	"net/http"
	"sync"
	"time"

	"golang.org/x/oauth2"
	"golang.org/x/oauth2/clientcredentials"
)

// tokenPath is LinkedIn's token endpoint on the auth host (rsc-api.md §3.1).
const tokenPath = "/oauth/v2/accessToken"

// expiryMargin is how long before expiry a token stops being reused, so a
// call never starts with a token that lapses in flight (rsc-api.md §2.1:
// reuse until near expiry).
const expiryMargin = time.Minute

// tokenSource is a resettable token cache over x/oauth2's client
// credentials flow. x/oauth2's own ReuseTokenSource cannot be told that
// LinkedIn revoked a token it still believes valid; this one can, so a 401
// leads to exactly one fresh token (rsc-api.md §2.5). Fetching under the
// mutex makes concurrent callers share one refresh, and the caller's ctx
// bounds the token request.
type tokenSource struct {
	cfg  clientcredentials.Config
	hc   *http.Client
	now  func() time.Time
	mu   sync.Mutex
	tok  *oauth2.Token
	mint int // tokens fetched, for tests and logs
}

func newTokenSource(cfg Config, now func() time.Time) *tokenSource {
	return &tokenSource{hc: cfg.HTTPClient, now: now, cfg: clientcredentials.Config{
		ClientID: cfg.ClientID, ClientSecret: cfg.ClientSecret,
		TokenURL: cfg.AuthURL + tokenPath, AuthStyle: oauth2.AuthStyleInParams,
	}}
}

// Token returns the cached token, or fetches one when there is none or it
// is near expiry.
func (s *tokenSource) Token(ctx context.Context) (*oauth2.Token, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.tok != nil && (s.tok.Expiry.IsZero() || s.now().Add(expiryMargin).Before(s.tok.Expiry)) {
		return s.tok, nil
	}
	tok, err := s.cfg.Token(context.WithValue(ctx, oauth2.HTTPClient, s.hc))
	if err != nil {
		return nil, tokenError(err)
	}
	s.tok, s.mint = tok, s.mint+1
	return tok, nil
}

// Reset drops the cached token if it is still the one that was refused, so
// several calls failing with the same token cause one refresh, not many.
func (s *tokenSource) Reset(refused string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.tok != nil && s.tok.AccessToken == refused {
		s.tok = nil
	}
}
