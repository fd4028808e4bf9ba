// Package session binds a browser's session cookie to a signed-in user.
// The JSON API and the web UI share one session manager and the keys
// below, so signing in through either serves both.
package session

import (
	"context"
	"net/http"
	"time"

	"attractor/internal/ats"

	"github.com/alexedwards/scs/v2"
)

// userKey holds the signed-in user's id.
const userKey = "user_id"

// stampKey holds the user's credential stamp at sign-in; a session whose
// stamp no longer matches predates a password change.
const stampKey = "credential_stamp"

// NewManager returns the session manager shared by the API and the web
// UI, storing sessions in store. secureCookie should be true whenever the
// site is served over HTTPS, so the cookie never travels in clear text.
func NewManager(store scs.CtxStore, secureCookie bool) *scs.SessionManager {
	m := scs.New()
	m.Store = store
	m.IdleTimeout = 12 * time.Hour
	m.Lifetime = 7 * 24 * time.Hour
	m.Cookie.Name = "attractor_session"
	m.Cookie.HttpOnly = true
	m.Cookie.SameSite = http.SameSiteLaxMode
	m.Cookie.Secure = secureCookie
	m.Cookie.Path = "/"
	return m
}

// SignIn binds the session to u. The session token is renewed first, so
// a token planted before sign-in (session fixation) is worthless after it,
// and the data is cleared, so nothing a previous user left in the session
// (a flash, a LinkedIn widget URL) carries over to u.
func SignIn(ctx context.Context, m *scs.SessionManager, u *ats.User) error {
	if err := m.RenewToken(ctx); err != nil {
		return err
	}
	if err := m.Clear(ctx); err != nil {
		return err
	}
	m.Put(ctx, userKey, u.ID)
	m.Put(ctx, stampKey, u.CredentialStamp())
	return nil
}

// User loads the session's user afresh on every request, so a disabled or
// demoted user, or one whose password was reset, loses access at once
// rather than when the session expires. It returns nil for an anonymous
// session. The lookup acts as the system because no user is identified yet.
func User(ctx context.Context, m *scs.SessionManager, svc *ats.Service) (*ats.User, error) {
	id := m.GetString(ctx, userKey)
	if id == "" {
		return nil, nil
	}
	u, err := svc.FindUserByID(ats.NewContextWithUser(ctx, &ats.SystemUser), id)
	stale := err == nil && (u.Disabled || m.GetString(ctx, stampKey) != u.CredentialStamp())
	if ats.ErrorCode(err) == ats.ENOTFOUND || stale {
		m.Remove(ctx, userKey)
		return nil, nil
	}
	return u, err
}
