package web

import (
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"

	"attractor/internal/ats"
	"attractor/internal/session"
	"attractor/internal/syncer"

	"github.com/alexedwards/scs/v2"
)

// LinkedIn is what the pages need of the LinkedIn integration;
// *syncer.Syncer implements it. Nil leaves the LinkedIn pages saying the
// integration is not available.
type LinkedIn interface {
	Integration(ctx context.Context) (*syncer.IntegrationView, error)
	Connect(ctx context.Context) (*syncer.WidgetConfig, error)
	Request(ctx context.Context, in syncer.RequestInput) (*syncer.IntegrationView, error)
	Notify(ctx context.Context) (*syncer.IntegrationView, error)
	SetJobAvailability(ctx context.Context, a ats.Availability) (*syncer.IntegrationView, error)
	Disconnect(ctx context.Context) (*syncer.IntegrationView, error)
	Failures(ctx context.Context, p ats.Page) ([]*ats.SyncFailure, int, error)
	RetryFailures(ctx context.Context) (int, error)
	ConnectMember(ctx context.Context) (string, error)
	DisconnectMember(ctx context.Context) error
}

// Options are the web UI's settings, loaded by cmd.
type Options struct {
	// LinkedInPlatformURL is the origin of LinkedIn's widget platform
	// (in.js and the onboarding widget's iframe); the Content-Security-
	// Policy allows scripts and frames from it and nowhere else.
	LinkedInPlatformURL string
	// LinkedInAuthURL is the origin of LinkedIn's sign-in, where the
	// Connections tab's form sends the browser; form-action allows it.
	LinkedInAuthURL string
	// Signins limits sign-in attempts per client address; pass the one the
	// JSON API uses, so both draw on one budget. Nil: a limiter of the
	// pages' own that trusts no proxy.
	Signins *session.SigninLimiter
}

// Server holds the web UI's dependencies. Like the API server it owns no
// listener: Routes installs the pages on a mux the caller composes.
type Server struct {
	svc      *ats.Service
	sessions *scs.SessionManager
	linkedin LinkedIn
	logger   *slog.Logger
	opts     Options
	csrf     *http.CrossOriginProtection
	signins  *session.SigninLimiter
	assets   *assets
	pages    *pages
	csp      string
}

// NewServer parses the templates and hashes the static files; an error
// means the binary was built with a broken template.
func NewServer(svc *ats.Service, sessions *scs.SessionManager, linkedin LinkedIn, logger *slog.Logger, opts Options) (*Server, error) {
	s := &Server{svc: svc, sessions: sessions, linkedin: linkedin, logger: logger, opts: opts,
		csrf: http.NewCrossOriginProtection(), signins: opts.Signins}
	if s.signins == nil {
		s.signins = session.NewSigninLimiter(nil)
	}
	var err error
	if s.assets, err = loadAssets(); err != nil {
		return nil, err
	}
	if s.pages, err = parsePages(s.funcs()); err != nil {
		return nil, err
	}
	s.csp = contentSecurityPolicy(opts.LinkedInPlatformURL, opts.LinkedInAuthURL)
	return s, nil
}

// contentSecurityPolicy allows scripts, styles and images from this origin,
// LinkedIn's platform script and widget frame, and form posts that end at
// LinkedIn's sign-in. Inline scripts are never allowed, so injected markup
// cannot run.
func contentSecurityPolicy(platformURL, authURL string) string {
	platform, auth := origin(platformURL), origin(authURL)
	return fmt.Sprintf("default-src 'self'; script-src 'self'%[1]s; frame-src 'self'%[1]s; "+
		"connect-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "+
		"object-src 'none'; base-uri 'none'; form-action 'self'%[2]s; frame-ancestors 'none'", platform, auth)
}

// origin returns " scheme://host" of a URL, or "" when it has none.
func origin(raw string) string {
	u, err := url.Parse(raw)
	if err != nil || u.Scheme == "" || u.Host == "" {
		return ""
	}
	return " " + u.Scheme + "://" + u.Host
}
