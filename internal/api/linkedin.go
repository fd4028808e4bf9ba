package api

import (
	"context"
	"log/slog"
	"net/http"
	"net/url"

	"attractor/internal/ats"
	"attractor/internal/syncer"
)

// LinkedIn is the LinkedIn integration as the API drives it: the admin's
// setup flow, the push callback and each user's own connection.
// *syncer.Syncer implements it; the API holds only this interface, so the
// server can be built without a running sync engine.
type LinkedIn interface {
	Integration(ctx context.Context) (*syncer.IntegrationView, error)
	Connect(ctx context.Context) (*syncer.WidgetConfig, error)
	Request(ctx context.Context, in syncer.RequestInput) (*syncer.IntegrationView, error)
	Notify(ctx context.Context) (*syncer.IntegrationView, error)
	SetJobAvailability(ctx context.Context, a ats.Availability) (*syncer.IntegrationView, error)
	Disconnect(ctx context.Context) (*syncer.IntegrationView, error)
	Failures(ctx context.Context, p ats.Page) ([]*ats.SyncFailure, int, error)
	RetryFailures(ctx context.Context) (int, error)
	CallbackHandler() http.Handler
	ConnectMember(ctx context.Context) (string, error)
	CompleteMember(ctx context.Context, code, state string) (*ats.User, error)
	DisconnectMember(ctx context.Context) error
}

// connectionsPage is the web UI's page of a user's connected accounts,
// where the LinkedIn sign-in returns the browser.
const connectionsPage = "/settings/connections"

// linkedInUpdate is the body of PATCH /api/v1/integrations/linkedin.
type linkedInUpdate struct {
	JobAvailability *ats.Availability `json:"job_availability"`
}

// retryBody answers POST …/failures/retry.
type retryBody struct {
	Retried int `json:"retried"`
}

// memberConnectBody answers POST /api/v1/me/linkedin/connect.
type memberConnectBody struct {
	AuthorizationURL string `json:"authorization_url"`
}

// pushNotification documents what LinkedIn POSTs to the callback
// (rsc-api.md §4); the callback reads the exact bytes itself.
type pushNotification struct {
	ID        string `json:"id"`
	Type      string `json:"type"`
	ExpiresAt int64  `json:"expiresAt"`
}

// errNoLinkedIn answers every LinkedIn route of a server built without
// the integration.
func errNoLinkedIn() error {
	return ats.Errorf(ats.ENOTFOUND, "The LinkedIn integration is not available on this server.")
}

// linkedInReply renders v, or err; LinkedIn being unreachable (or
// refusing Attractor's credentials) is a 502 with the syncer's message,
// which says what to do, rather than an anonymous internal error.
func (s *Server) linkedInReply(w http.ResponseWriter, r *http.Request, status int, v any, err error) error {
	if ats.ErrorCode(err) == syncer.ELinkedIn {
		s.logger.Warn("linkedin unavailable", slog.String("error", err.Error()), requestGroup(r))
		return encode(w, http.StatusBadGateway, errorBody{Error: errorDetail{Code: syncer.ELinkedIn, Message: ats.ErrorMessage(err)}})
	}
	return reply(w, status, v, err)
}

// handleLinkedInShow returns the integration's state and sync figures.
func (s *Server) handleLinkedInShow(w http.ResponseWriter, r *http.Request) error {
	if s.linkedin == nil {
		return errNoLinkedIn()
	}
	v, err := s.linkedin.Integration(r.Context())
	return s.linkedInReply(w, r, http.StatusOK, v, err)
}

// handleLinkedInUpdate changes the default availability of synced jobs.
func (s *Server) handleLinkedInUpdate(w http.ResponseWriter, r *http.Request) error {
	if s.linkedin == nil {
		return errNoLinkedIn()
	}
	in, err := decode[linkedInUpdate](r)
	if err != nil {
		return err
	}
	var v *syncer.IntegrationView
	if in.JobAvailability == nil {
		v, err = s.linkedin.Integration(r.Context())
	} else {
		v, err = s.linkedin.SetJobAvailability(r.Context(), *in.JobAvailability)
	}
	return s.linkedInReply(w, r, http.StatusOK, v, err)
}

// handleLinkedInDelete disconnects the instance from LinkedIn.
func (s *Server) handleLinkedInDelete(w http.ResponseWriter, r *http.Request) error {
	if s.linkedin == nil {
		return errNoLinkedIn()
	}
	_, err := s.linkedin.Disconnect(r.Context())
	return done(w, err)
}

// handleLinkedInConnect provisions the instance's LinkedIn app and returns
// the onboarding widget's configuration.
func (s *Server) handleLinkedInConnect(w http.ResponseWriter, r *http.Request) error {
	if s.linkedin == nil {
		return errNoLinkedIn()
	}
	c, err := s.linkedin.Connect(r.Context())
	return s.linkedInReply(w, r, http.StatusOK, c, err)
}

// handleLinkedInRequest takes the widget's onintegrate payload.
func (s *Server) handleLinkedInRequest(w http.ResponseWriter, r *http.Request) error {
	if s.linkedin == nil {
		return errNoLinkedIn()
	}
	in, err := decode[syncer.RequestInput](r)
	if err != nil {
		return err
	}
	v, err := s.linkedin.Request(r.Context(), in)
	return s.linkedInReply(w, r, http.StatusOK, v, err)
}

// handleLinkedInNotify sends names and configurations again.
func (s *Server) handleLinkedInNotify(w http.ResponseWriter, r *http.Request) error {
	if s.linkedin == nil {
		return errNoLinkedIn()
	}
	v, err := s.linkedin.Notify(r.Context())
	return s.linkedInReply(w, r, http.StatusOK, v, err)
}

// handleLinkedInFailureIndex lists the entities LinkedIn refused.
func (s *Server) handleLinkedInFailureIndex(w http.ResponseWriter, r *http.Request) error {
	if s.linkedin == nil {
		return errNoLinkedIn()
	}
	page, err := pageQuery(r)
	if err != nil {
		return err
	}
	items, total, err := s.linkedin.Failures(r.Context(), page)
	return list(w, items, total, page, err)
}

// handleLinkedInFailureRetry queues every listed failure again.
func (s *Server) handleLinkedInFailureRetry(w http.ResponseWriter, r *http.Request) error {
	if s.linkedin == nil {
		return errNoLinkedIn()
	}
	n, err := s.linkedin.RetryFailures(r.Context())
	return reply(w, http.StatusOK, retryBody{Retried: n}, err)
}

// handleLinkedInCallback hands LinkedIn's push to the syncer, which checks
// the signature and answers itself (syncer.CallbackHandler).
func (s *Server) handleLinkedInCallback(w http.ResponseWriter, r *http.Request) error {
	if s.linkedin == nil {
		return errNoLinkedIn()
	}
	s.linkedin.CallbackHandler().ServeHTTP(w, r)
	return nil
}

// handleMeLinkedInConnect starts connecting the caller's LinkedIn account.
func (s *Server) handleMeLinkedInConnect(w http.ResponseWriter, r *http.Request) error {
	if s.linkedin == nil {
		return errNoLinkedIn()
	}
	u, err := s.linkedin.ConnectMember(r.Context())
	return s.linkedInReply(w, r, http.StatusOK, memberConnectBody{AuthorizationURL: u}, err)
}

// handleMeLinkedInCallback is where LinkedIn sends the browser back. On
// success, or when the member cancelled (error=…), it redirects to the
// connections page with linkedin=connected, cancelled or failed; a
// missing, foreign or expired state, or a code LinkedIn refuses, is a 400
// that says so.
func (s *Server) handleMeLinkedInCallback(w http.ResponseWriter, r *http.Request) error {
	if s.linkedin == nil {
		return errNoLinkedIn()
	}
	q := r.URL.Query()
	if e := q.Get("error"); e != "" {
		outcome := "failed"
		if e == "user_cancelled_authorize" || e == "user_cancelled_login" {
			outcome = "cancelled"
		}
		http.Redirect(w, r, connectionsPage+"?linkedin="+url.QueryEscape(outcome), http.StatusSeeOther)
		return nil
	}
	if q.Get("state") == "" || q.Get("code") == "" {
		return badRequest("LinkedIn's answer lacks its code or state. Start connecting LinkedIn again.",
			map[string]string{"state": "Required with code."})
	}
	_, err := s.linkedin.CompleteMember(r.Context(), q.Get("code"), q.Get("state"))
	if ats.ErrorCode(err) == ats.EINVALID {
		return badRequest(ats.ErrorMessage(err), ats.ErrorFields(err))
	} else if err != nil {
		return s.linkedInReply(w, r, 0, nil, err)
	}
	http.Redirect(w, r, connectionsPage+"?linkedin=connected", http.StatusSeeOther)
	return nil
}

// handleMeLinkedInDelete disconnects the caller's LinkedIn account.
func (s *Server) handleMeLinkedInDelete(w http.ResponseWriter, r *http.Request) error {
	if s.linkedin == nil {
		return errNoLinkedIn()
	}
	return done(w, s.linkedin.DisconnectMember(r.Context()))
}
