package api

import (
	"context"
	"log/slog"
	"net/http"

	"attractor/internal/ats"
	"attractor/internal/session"

	"github.com/alexedwards/scs/v2"
)

// HealthChecker reports whether storage is usable; *store.Store implements
// it. It is an interface so the API does not depend on the storage package.
type HealthChecker interface {
	Ping(ctx context.Context) error
	MigrationsCurrent(ctx context.Context) (bool, error)
}

// Server holds the API's dependencies. It owns no listener: Routes installs
// the endpoints on a mux the caller composes with the web UI.
type Server struct {
	svc      *ats.Service
	sessions *scs.SessionManager
	health   HealthChecker
	linkedin LinkedIn // nil: the LinkedIn routes answer 404
	signins  *session.SigninLimiter
	logger   *slog.Logger
	csrf     *http.CrossOriginProtection
	metrics  *metrics
	openapi  []byte
}

// NewServer returns an API server. The session manager is created by the
// caller (see session.NewManager) because the web UI shares it. linkedin is
// the LinkedIn integration (a *syncer.Syncer); nil leaves it out, and its
// routes answer 404. signins limits sign-in attempts per client address;
// pass the web UI's, so the two share one budget (nil: the API's own).
func NewServer(svc *ats.Service, sessions *scs.SessionManager, health HealthChecker, linkedin LinkedIn,
	signins *session.SigninLimiter, logger *slog.Logger) *Server {
	if signins == nil {
		signins = session.NewSigninLimiter(nil)
	}
	s := &Server{svc: svc, sessions: sessions, health: health, linkedin: linkedin, signins: signins, logger: logger,
		csrf: http.NewCrossOriginProtection(), metrics: newMetrics()}
	s.openapi = buildOpenAPI(s.routes())
	return s
}

// Handler returns the API on its own mux, wrapped in the middleware the
// routes expect from their caller: panic recovery, request logging, the
// session and the body limit. cmd wraps a mux shared with the web UI the
// same way, with Middleware.
func (s *Server) Handler() http.Handler {
	mux := http.NewServeMux()
	s.Routes(mux)
	return s.Middleware(mux)
}

// Middleware wraps h in the stack every API route needs around it. The
// order matters: recovery is outermost so it also catches panics in the
// other layers, and the session is loaded before any handler reads it.
func (s *Server) Middleware(h http.Handler) http.Handler {
	h = limitBody(h)
	h = s.sessions.LoadAndSave(h)
	h = s.logRequests(h)
	return s.recoverPanics(h)
}
