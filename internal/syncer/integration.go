package syncer

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"log/slog"
	"net/url"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"attractor/internal/ats"
	"attractor/internal/rsc"
)

// This file is the LinkedIn setup flow an admin drives from the ATS
// (rsc-api.md §6.1) and its admin page: Connect provisions this
// instance's child app and returns what the onboarding widget needs. The
// steps after it are in integration_request.go; integration_status.go
// moves the stage as LinkedIn answers. Every step reads and writes the
// stored integration, so the flow survives restarts and may be repeated:
// each step is idempotent.

// Paths of this instance that LinkedIn reaches, under Config.PublicURL.
const (
	CallbackPath       = "/api/v1/integrations/linkedin/callback"
	MemberCallbackPath = "/api/v1/me/linkedin/callback"
)

// The onboarding widget (rsc-api.md §5.1): LinkedIn's loader script on the
// platform host, the extension it renders and the RSC bundles offered.
const (
	loaderPath = "/xdoor/scripts/in.js"
	// widgetExtension is the extension name the loader's
	// "extensions: Name@URL" line and the <script type="IN/Name"> tag use.
	widgetExtension = "ATSIntegrationWidget"
	// widgetExtensionPath is LinkedIn's documented extension URL
	// (rsc-api.md §5.1, DOC apply-connect); linkedinsim has the widget
	// built in and accepts any URL there.
	widgetExtensionPath = "/rsc/extensions/onboarding-widget"
	BundleCompany       = "RECRUITER_SYSTEM_CONNECT_COMPANY"
	BundleContract      = "RECRUITER_SYSTEM_CONNECT_CONTRACT"
)

// ELinkedIn is the code of an *ats.Error saying LinkedIn could not be
// reached or would not accept this instance's credentials; the API answers
// it with 502 and the message, which names what to do. A refusal of the
// request itself (a 4xx from LinkedIn) is ECONFLICT with LinkedIn's words.
const ELinkedIn = "linkedin_unavailable"

// IntegrationView is the LinkedIn admin page: where the setup stands and
// how the sync is doing. The child app's secret is never part of it.
type IntegrationView struct {
	Stage           ats.IntegrationStage `json:"stage"`
	AccessLevel     ats.AccessLevel      `json:"access_level"`
	AppURN          string               `json:"app_urn,omitempty"`
	ClientID        string               `json:"client_id,omitempty"`
	Organization    string               `json:"organization,omitempty"`
	Contract        string               `json:"contract,omitempty"`
	RequestID       string               `json:"request_id,omitempty"`
	JobAvailability ats.Availability     `json:"job_availability"`
	StatusChangedAt *time.Time           `json:"status_changed_at,omitempty"`
	// CallbackURL is where LinkedIn pushes notifications for this instance.
	CallbackURL string         `json:"callback_url"`
	Historical  HistoricalView `json:"historical_sync"`
	// OutboxQueued counts changes waiting to be sent; Failures the
	// entities LinkedIn refused for good (GET …/failures lists them).
	OutboxQueued int `json:"outbox_queued"`
	Failures     int `json:"failures"`
}

// HistoricalView is the historical sync's progress with its rate and an
// estimate of when it ends (certification TC1: the admin must learn when
// historical data is done).
type HistoricalView struct {
	State         string     `json:"state"` // not_started, running or done
	Done          int64      `json:"done"`
	Total         int64      `json:"total"`
	RatePerSecond float64    `json:"rate_per_second"` // records sent per second since the start
	ETA           *time.Time `json:"eta,omitempty"`   // while running, once a rate is known
	StartedAt     *time.Time `json:"started_at,omitempty"`
	FinishedAt    *time.Time `json:"finished_at,omitempty"`
}

// WidgetConfig is what the admin page needs to render LinkedIn's
// onboarding widget (rsc-api.md §5.1):
//
//	<script src="{script_url}">api_key: {api_key}
//	extensions: {extension_name}@{extension_url}</script>
//	<script type="IN/{extension_name}" data-supported-bundled-integration-types="{bundle_types, comma-joined}"
//	  data-onintegrate="…"></script>
//
// and the widget's onintegrate payload goes to POST …/linkedin/request.
type WidgetConfig struct {
	ScriptURL     string               `json:"script_url"`
	APIKey        string               `json:"api_key"`
	ExtensionName string               `json:"extension_name"`
	ExtensionURL  string               `json:"extension_url"`
	BundleTypes   []string             `json:"bundle_types"`
	Stage         ats.IntegrationStage `json:"stage"`
}

// requireAdmin returns the acting user when they may manage the
// integration.
func requireAdmin(ctx context.Context) (*ats.User, error) {
	u := ats.UserFromContext(ctx)
	if u == nil {
		return nil, ats.Errorf(ats.EUNAUTHORIZED, "You must sign in.")
	}
	if !ats.Allowed(u.Role, ats.TeamNone, ats.ActionManageIntegration) {
		return nil, ats.Errorf(ats.EFORBIDDEN, "You are not allowed to %s.", ats.ActionManageIntegration.Describe())
	}
	return u, nil
}

// change reads the integration in a write transaction, lets fn edit it and
// saves it unless fn returns an error; it returns what was saved.
func (s *Syncer) change(ctx context.Context, fn func(in *ats.LinkedInIntegration) error) (*ats.LinkedInIntegration, error) {
	var out *ats.LinkedInIntegration
	err := s.store.Update(ctx, func(tx ats.Tx) error {
		in, err := tx.FindIntegration()
		if err != nil {
			return err
		}
		if err := fn(in); err != nil {
			return err
		}
		in.UpdatedAt = time.Time{} // the transaction's time
		out = in
		return tx.SaveIntegration(in)
	})
	return out, err
}

// Integration returns the whole state of the integration for the admin
// page. Admins only.
func (s *Syncer) Integration(ctx context.Context) (*IntegrationView, error) {
	if _, err := requireAdmin(ctx); err != nil {
		return nil, err
	}
	return s.view(ctx)
}

// view builds the admin page's view from the store.
func (s *Syncer) view(ctx context.Context) (*IntegrationView, error) {
	var v *IntegrationView
	err := s.store.View(ctx, func(tx ats.Tx) error {
		in, err := tx.FindIntegration()
		if err != nil {
			return err
		}
		queued, err := tx.CountOutbox()
		if err != nil {
			return err
		}
		_, failures, err := tx.FindSyncFailures(ats.Page{Limit: 1})
		if err != nil {
			return err
		}
		v = &IntegrationView{Stage: in.Stage, AccessLevel: in.AccessLevel, AppURN: in.AppURN, ClientID: in.ClientID,
			Organization: in.Organization, Contract: in.Contract, RequestID: in.RequestID,
			JobAvailability: in.JobAvailability, StatusChangedAt: in.StatusChangedAt, CallbackURL: s.callbackURL(),
			Historical: historicalView(in.Progress, s.now()), OutboxQueued: queued, Failures: failures}
		return nil
	})
	return v, err
}

// historicalView derives the rate and the ETA from the saved progress.
func historicalView(p ats.SyncProgress, now time.Time) HistoricalView {
	v := HistoricalView{State: string(p.State), Done: p.Done, Total: p.Total, StartedAt: p.StartedAt, FinishedAt: p.FinishedAt}
	if p.State == ats.SyncNotStarted {
		v.State = "not_started"
	}
	if p.StartedAt == nil {
		return v
	}
	end := now
	if p.State == ats.SyncDone && p.FinishedAt != nil {
		end = *p.FinishedAt
	}
	if elapsed := end.Sub(*p.StartedAt).Seconds(); elapsed > 0 && p.Done > 0 {
		v.RatePerSecond = float64(p.Done) / elapsed
	}
	if p.State == ats.SyncRunning && v.RatePerSecond > 0 && p.Total >= p.Done {
		eta := now.Add(time.Duration(float64(p.Total-p.Done) / v.RatePerSecond * float64(time.Second))).UTC().Truncate(time.Second)
		v.ETA = &eta
	}
	return v
}

// Connect provisions this instance's LinkedIn app through the partner app
// and returns the onboarding widget's configuration (rsc-api.md §6.1 step
// 1). It is idempotent: the instance id is saved before the app is
// created, so a retry (or a reconnect after Disconnect) finds the app made
// before instead of making a second; the app's JS SDK domain and OAuth
// redirect follow Config.PublicURL when it changed. A disconnected
// instance becomes provisioned again; later stages are kept. Admins only.
func (s *Syncer) Connect(ctx context.Context) (*WidgetConfig, error) {
	if _, err := requireAdmin(ctx); err != nil {
		return nil, err
	}
	in, err := s.change(ctx, func(in *ats.LinkedInIntegration) error {
		if in.InstanceID == "" && in.ClientID == "" {
			in.InstanceID = newInstanceID()
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	app, err := s.provision(ctx, in)
	if err != nil {
		return nil, err
	}
	in, err = s.change(ctx, func(in *ats.LinkedInIntegration) error {
		in.AppURN, in.ClientID, in.ClientSecret = app.Key, app.Credentials.ClientID, app.Credentials.ClientSecret
		if in.Stage == "" || in.Stage == ats.StageNotConnected {
			s.setStage(in, ats.StageProvisioned, ats.AccessNone)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	s.log.InfoContext(ctx, "linkedin app provisioned", slog.String("app", in.AppURN), slog.String("stage", string(in.Stage)))
	if in.Organization != "" { // a reconnect: LinkedIn may have moved on meanwhile
		if err := s.refreshStatus(ctx, ""); err != nil {
			s.log.WarnContext(ctx, "linkedin status refresh after connect failed", slog.Any("error", err))
		}
	}
	return &WidgetConfig{ScriptURL: s.cfg.PlatformURL + loaderPath, APIKey: in.ClientID,
		ExtensionName: widgetExtension, ExtensionURL: s.cfg.PlatformURL + widgetExtensionPath,
		BundleTypes: []string{BundleCompany, BundleContract}, Stage: in.Stage}, nil
}

// provision finds or creates the child app for the instance id and
// brings its JS SDK domain and OAuth redirect up to date. An app saved
// without an instance id is kept as it is, with its domains set afresh.
func (s *Syncer) provision(ctx context.Context, in *ats.LinkedInIntegration) (*rsc.App, error) {
	p := s.partner()
	origin, redirect := s.origin(), s.memberRedirectURI()
	if in.InstanceID == "" {
		app := &rsc.App{Key: in.AppURN}
		app.Credentials.ClientID, app.Credentials.ClientSecret = in.ClientID, in.ClientSecret
		return app, s.updateApp(ctx, app, origin, redirect)
	}
	instanceID := in.InstanceID
	app, err := p.FindApp(ctx, instanceID)
	if errors.Is(err, rsc.ErrNotFound) {
		app, err = p.CreateApp(ctx, rsc.AppInput{UniqueForeignID: instanceID, Name: appName(origin),
			Description:       "Attractor ATS instance " + instanceID + " at " + origin,
			ValidJSSDKDomains: []string{origin}, OAuth2CallbackURLs: []string{redirect}})
		if statusOf(err) == 409 { // a concurrent Connect created it first
			app, err = p.FindApp(ctx, instanceID)
		}
	}
	if err != nil {
		return nil, s.linkedInError(ctx, err, "provision this instance's LinkedIn app")
	}
	if app.Credentials.ClientID == "" || app.Credentials.ClientSecret == "" {
		return nil, &ats.Error{Code: ELinkedIn, Message: "LinkedIn returned the app without its credentials. Try again in a moment."}
	}
	return app, s.updateApp(ctx, app, origin, redirect)
}

// updateApp makes origin the app's only widget domain and registers the
// member sign-in redirect, when they are not so already.
func (s *Syncer) updateApp(ctx context.Context, app *rsc.App, origin, redirect string) error {
	p := s.partner()
	if !slices.Equal(app.ValidJSSDKDomains, []string{origin}) {
		if err := p.SetAppDomains(ctx, app.Key, []string{origin}); err != nil {
			return s.linkedInError(ctx, err, "register "+origin+" as the widget domain")
		}
	}
	if !slices.Equal(app.OAuth2CallbackURLs, []string{redirect}) {
		if err := p.SetAppCallbackURLs(ctx, app.Key, []string{redirect}); err != nil {
			return s.linkedInError(ctx, err, "register the sign-in redirect "+redirect)
		}
	}
	return nil
}

// appName is the child app's name, "{ATS} - {customer}" in at most 50
// characters without "LinkedIn" (rsc-api.md §3.2); the customer is named
// by the instance's host.
func appName(origin string) string {
	host := origin
	if u, err := url.Parse(origin); err == nil && u.Host != "" {
		host = u.Host
	}
	name := "Attractor - " + strings.NewReplacer("LinkedIn", "", "linkedin", "", "Linkedin", "").Replace(host)
	for utf8.RuneCountInString(name) > 50 {
		_, size := utf8.DecodeLastRuneInString(name)
		name = name[:len(name)-size]
	}
	return name
}

// newInstanceID is this instance's uniqueForeignId: random, made once.
func newInstanceID() string {
	b := make([]byte, 16)
	_, _ = rand.Read(b) // crypto/rand.Read never fails (Go ≥ 1.24)
	return "attractor-" + hex.EncodeToString(b)
}

// setStage moves in to stage and level, stamping the change.
func (s *Syncer) setStage(in *ats.LinkedInIntegration, stage ats.IntegrationStage, level ats.AccessLevel) {
	if in.Stage == stage && in.AccessLevel == level {
		return
	}
	now := s.now().UTC()
	in.Stage, in.AccessLevel, in.StatusChangedAt = stage, level, &now
}

// linkedInError turns a failed call to LinkedIn into the admin's error and
// logs the detail: LinkedIn's refusal of the request is ECONFLICT with its
// message; unreachable, throttled or refused credentials are ELinkedIn.
func (s *Syncer) linkedInError(ctx context.Context, err error, what string) error {
	if _, ok := errors.AsType[*ats.Error](err); ok {
		return err
	}
	var e *rsc.Error
	if !errors.As(err, &e) {
		return err // not LinkedIn's answer: a storage failure, say
	}
	s.log.WarnContext(ctx, "linkedin call failed", slog.String("step", what), slog.Any("error", err))
	msg := e.Message
	switch e.Kind {
	case rsc.Permanent:
		return ats.Errorf(ats.ECONFLICT, "LinkedIn refused to %s: %s", what, strings.TrimSpace(msg))
	case rsc.NeedsReauth:
		return &ats.Error{Code: ELinkedIn, Message: "LinkedIn refused Attractor's credentials while trying to " + what +
			". Check the partner app settings (ATTRACTOR_LINKEDIN_CLIENT_ID and _SECRET), then connect again."}
	}
	return &ats.Error{Code: ELinkedIn, Message: "LinkedIn could not be reached to " + what + ". Try again in a moment."}
}

// statusOf is the HTTP status of a failed call, 0 when there is none.
func statusOf(err error) int {
	var e *rsc.Error
	if errors.As(err, &e) {
		return e.Status
	}
	return 0
}

// publicURL is Config.PublicURL without a trailing "/".
func (s *Syncer) publicURL() string { return strings.TrimRight(s.cfg.PublicURL, "/") }

// origin is the scheme and host of the public URL: the widget domain.
func (s *Syncer) origin() string {
	u, err := url.Parse(s.publicURL())
	if err != nil || u.Host == "" {
		return s.publicURL()
	}
	return strings.ToLower(u.Scheme + "://" + u.Host)
}

// callbackURL is this instance's CALLBACK_URL (rsc-api.md §3.4, §4).
func (s *Syncer) callbackURL() string { return s.publicURL() + CallbackPath }

// memberRedirectURI is where LinkedIn sends a member back with the code.
func (s *Syncer) memberRedirectURI() string { return s.publicURL() + MemberCallbackPath }

// instanceLabel prefixes the integration names the Recruiter admin sees.
func (s *Syncer) instanceLabel() string {
	host := s.origin()
	if u, err := url.Parse(host); err == nil && u.Host != "" {
		host = u.Host
	}
	return "Attractor (" + host + ")"
}
