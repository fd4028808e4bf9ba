package web_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"attractor/internal/ats"
	"attractor/internal/syncer"
	"attractor/internal/web"
)

// adminLinkedIn is a fake web.LinkedIn: it answers with the view it
// holds, records what the pages asked of it, and fails with err when set.
type adminLinkedIn struct {
	mu       sync.Mutex
	view     syncer.IntegrationView
	widget   syncer.WidgetConfig
	failures []*ats.SyncFailure
	requests []syncer.RequestInput
	calls    []string
	err      error
	authURL  string
}

var _ web.LinkedIn = (*adminLinkedIn)(nil)

// newAdminLinkedIn is a fake at stage with the widget LinkedIn's sim gives.
func newAdminLinkedIn(stage ats.IntegrationStage) *adminLinkedIn {
	return &adminLinkedIn{
		view: syncer.IntegrationView{Stage: stage, JobAvailability: ats.AvailabilityPublic,
			CallbackURL: "http://ats.example/api/v1/integrations/linkedin/callback", Historical: syncer.HistoricalView{State: "not_started"}},
		widget: syncer.WidgetConfig{ScriptURL: "http://127.0.0.1:8090/xdoor/scripts/in.js", APIKey: "child-client-1",
			ExtensionName: "ATSIntegrationWidget", ExtensionURL: "http://127.0.0.1:8090/rsc/extensions/onboarding-widget",
			BundleTypes: []string{syncer.BundleCompany, syncer.BundleContract}, Stage: ats.StageProvisioned},
		authURL: "http://127.0.0.1:8090/oauth/v2/authorization?client_id=x&state=s",
	}
}

// call records name and returns the fake's error and a copy of its view.
func (l *adminLinkedIn) call(name string) (*syncer.IntegrationView, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.calls = append(l.calls, name)
	v := l.view
	return &v, l.err
}

func (l *adminLinkedIn) Integration(ctx context.Context) (*syncer.IntegrationView, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	v := l.view
	return &v, nil
}

func (l *adminLinkedIn) Connect(ctx context.Context) (*syncer.WidgetConfig, error) {
	if _, err := l.call("connect"); err != nil {
		return nil, err
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	l.view.Stage = ats.StageProvisioned
	c := l.widget
	return &c, nil
}

func (l *adminLinkedIn) Request(ctx context.Context, in syncer.RequestInput) (*syncer.IntegrationView, error) {
	l.mu.Lock()
	l.requests = append(l.requests, in)
	l.mu.Unlock()
	if _, err := l.call("request"); err != nil {
		return nil, err
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	l.view.Stage, l.view.Organization, l.view.Contract = ats.StagePartnerReady, in.Organization, in.Contract
	v := l.view
	return &v, nil
}

func (l *adminLinkedIn) Notify(ctx context.Context) (*syncer.IntegrationView, error) {
	return l.call("notify")
}

func (l *adminLinkedIn) SetJobAvailability(ctx context.Context, a ats.Availability) (*syncer.IntegrationView, error) {
	if _, err := l.call("availability:" + string(a)); err != nil {
		return nil, err
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	l.view.JobAvailability = a
	v := l.view
	return &v, nil
}

func (l *adminLinkedIn) Disconnect(ctx context.Context) (*syncer.IntegrationView, error) {
	if _, err := l.call("disconnect"); err != nil {
		return nil, err
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	l.view.Stage = ats.StageDisabled
	v := l.view
	return &v, nil
}

func (l *adminLinkedIn) Failures(ctx context.Context, p ats.Page) ([]*ats.SyncFailure, int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.failures, len(l.failures), nil
}

func (l *adminLinkedIn) RetryFailures(ctx context.Context) (int, error) {
	_, err := l.call("retry")
	l.mu.Lock()
	defer l.mu.Unlock()
	return len(l.failures), err
}

func (l *adminLinkedIn) ConnectMember(ctx context.Context) (string, error) {
	_, err := l.call("connect-member")
	return l.authURL, err
}

func (l *adminLinkedIn) DisconnectMember(ctx context.Context) error {
	_, err := l.call("disconnect-member")
	return err
}

// called returns the calls the pages made.
func (l *adminLinkedIn) called() []string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return append([]string(nil), l.calls...)
}

// adminLinkedInEnv is an env with fake LinkedIn at stage and a signed-in
// admin's client.
func adminLinkedInEnv(t *testing.T, stage ats.IntegrationStage) (*env, *adminLinkedIn, *client) {
	t.Helper()
	l := newAdminLinkedIn(stage)
	e := newEnvWith(t, envConfig{linkedin: l})
	return e, l, e.signIn(t, e.mustUser(t, ats.RoleAdmin, "Ada Admin"))
}

func TestLinkedInTabStages(t *testing.T) {
	t.Parallel()
	t.Run("Unavailable", func(t *testing.T) {
		t.Parallel()
		e := newEnv(t)
		c := e.signIn(t, e.mustUser(t, ats.RoleAdmin, "Ada Admin"))
		d := c.page(t, "/admin/linkedin")
		if !strings.Contains(d.text(".linkedin-unavailable"), "not available") || d.count("form") != 1 {
			t.Errorf("without LinkedIn: notice %q, %d forms (want only sign-out)", d.text(".linkedin-unavailable"), d.count("form"))
		}
		resp := c.post(t, "/admin/linkedin/connect", nil)
		if resp.StatusCode != http.StatusNotFound {
			t.Errorf("connect without LinkedIn = %d, want 404", resp.StatusCode)
		}
	})
	t.Run("NotConnected", func(t *testing.T) {
		t.Parallel()
		_, _, c := adminLinkedInEnv(t, ats.StageNotConnected)
		d := c.page(t, "/admin/linkedin")
		if got := d.text(".linkedin-status .badge"); got != "Not connected" {
			t.Errorf("stage = %q", got)
		}
		if d.count("#linkedin-connect button") != 1 || d.count("#linkedin-disconnect") != 0 || d.count(".linkedin-sync") != 0 {
			t.Errorf("not connected: connect %d, disconnect %d, sync %d", d.count("#linkedin-connect button"),
				d.count("#linkedin-disconnect"), d.count(".linkedin-sync"))
		}
	})
	t.Run("ConnectShowsWidget", func(t *testing.T) {
		t.Parallel()
		_, l, c := adminLinkedInEnv(t, ats.StageNotConnected)
		d := c.submit(t, "/admin/linkedin/connect", nil)
		if d.text(".flash") == "" || d.text(".linkedin-status .badge") != "Connected, waiting for LinkedIn's request" {
			t.Errorf("after connect: flash %q, stage %q", d.text(".flash"), d.text(".linkedin-status .badge"))
		}
		adminCheckWidget(t, d, l.widget)
		// The widget stays on the page when it is opened again.
		if d := c.page(t, "/admin/linkedin"); d.count(`script[type="IN/ATSIntegrationWidget"]`) != 1 {
			t.Errorf("widget gone on reload")
		}
	})
	t.Run("ProvisionedWithoutWidgetOffersIt", func(t *testing.T) {
		t.Parallel()
		_, _, c := adminLinkedInEnv(t, ats.StageProvisioned)
		d := c.page(t, "/admin/linkedin")
		if d.count("main script") != 0 || d.count(".linkedin-widget #linkedin-connect button") != 1 {
			t.Errorf("provisioned in a new session: %d scripts, open-widget button %d", d.count("main script"),
				d.count(".linkedin-widget #linkedin-connect button"))
		}
	})
	t.Run("PartnerReady", func(t *testing.T) {
		t.Parallel()
		_, l, c := adminLinkedInEnv(t, ats.StagePartnerReady)
		l.view.Organization, l.view.Contract = "urn:li:organization:1001", "urn:li:contract:5001"
		d := c.page(t, "/admin/linkedin")
		if got := d.text(".linkedin-status .badge"); got != "Partner ready" {
			t.Errorf("stage = %q", got)
		}
		if d.text(".organization") != "urn:li:organization:1001" || d.text(".contract") != "urn:li:contract:5001" {
			t.Errorf("organization %q contract %q", d.text(".organization"), d.text(".contract"))
		}
		d = c.submit(t, "/admin/linkedin/notify", nil)
		if d.text(".flash") != "LinkedIn was notified again." {
			t.Errorf("notify flash = %q", d.text(".flash"))
		}
		if diff := cmp.Diff([]string{"notify"}, l.called()); diff != "" {
			t.Errorf("calls (-want +got):\n%s", diff)
		}
	})
	t.Run("EnabledWithProgress", func(t *testing.T) {
		t.Parallel()
		_, l, c := adminLinkedInEnv(t, ats.StageEnabled)
		eta := time.Date(2026, 5, 1, 12, 30, 0, 0, time.UTC)
		l.view.AccessLevel = ats.AccessContract
		l.view.OutboxQueued = 7
		l.view.Historical = syncer.HistoricalView{State: "running", Done: 250, Total: 1000, RatePerSecond: 5, ETA: &eta}
		d := c.page(t, "/admin/linkedin")
		got := []string{d.text(".linkedin-status .badge"), d.text(".access"), d.text(".sync-state"), d.text(".sync-done"),
			d.text(".sync-total"), d.text(".sync-percent"), d.attr(".progress > span", "style"), d.attr(".sync-eta time", "datetime"), d.text(".outbox")}
		want := []string{"Enabled", "Contract-level access", "Running", "250", "1000", "25", "width: 25%", "2026-05-01T12:30:00Z", "7"}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("enabled page (-want +got):\n%s", diff)
		}
		if d.attr(".progress", "aria-valuenow") != "250" || d.count("#linkedin-disconnect[data-confirm]") != 1 {
			t.Errorf("progress aria-valuenow %q, disconnect with confirm %d", d.attr(".progress", "aria-valuenow"), d.count("#linkedin-disconnect[data-confirm]"))
		}
	})
	t.Run("Disabled", func(t *testing.T) {
		t.Parallel()
		_, _, c := adminLinkedInEnv(t, ats.StageDisabled)
		d := c.page(t, "/admin/linkedin")
		if d.text(".linkedin-status .badge") != "Disabled" || d.count("#linkedin-connect") != 1 || d.count("#linkedin-disconnect") != 0 {
			t.Errorf("disabled: stage %q, connect %d, disconnect %d", d.text(".linkedin-status .badge"), d.count("#linkedin-connect"), d.count("#linkedin-disconnect"))
		}
	})
	t.Run("FailuresAndRetry", func(t *testing.T) {
		t.Parallel()
		_, l, c := adminLinkedInEnv(t, ats.StageEnabled)
		l.failures = []*ats.SyncFailure{{EntityKind: ats.EntityCandidate, EntityID: "C-7", Op: ats.OutboxUpsert, Status: 422,
			Message: `<script>alert(1)</script> bad email`, Attempts: 3, FailedAt: time.Date(2026, 4, 1, 0, 0, 0, 0, time.UTC)}}
		l.view.Failures = 1
		d := c.page(t, "/admin/linkedin")
		if d.count("table.failures tbody tr") != 1 || d.text(".failure-message") != `<script>alert(1)</script> bad email` || d.count("main script") != 0 {
			t.Errorf("failures: rows %d, message %q, scripts %d", d.count("table.failures tbody tr"), d.text(".failure-message"), d.count("main script"))
		}
		d = c.submit(t, "/admin/linkedin/failures/retry", nil)
		if d.text(".flash") != "Queued 1 failed record to be sent again." {
			t.Errorf("retry flash = %q", d.text(".flash"))
		}
	})
}

// adminCheckWidget checks the widget's markup: LinkedIn's loader with its
// configuration as text, the widget tag and the hidden request form.
func adminCheckWidget(t *testing.T, d *doc, w syncer.WidgetConfig) {
	t.Helper()
	if got := d.attr(".linkedin-widget script[src]", "src"); got != w.ScriptURL {
		t.Errorf("loader src = %q, want %q", got, w.ScriptURL)
	}
	loader := d.text(".linkedin-widget script[src]")
	want := "api_key: " + w.APIKey + " extensions: " + w.ExtensionName + "@" + w.ExtensionURL
	if loader != want {
		t.Errorf("loader text = %q, want %q", loader, want)
	}
	tag := `.linkedin-widget script[type="IN/ATSIntegrationWidget"]`
	if got := d.attr(tag, "data-supported-bundled-integration-types"); got != strings.Join(w.BundleTypes, ",") {
		t.Errorf("bundles = %q", got)
	}
	if got := d.attr(tag, "data-onintegrate"); got != "attractorLinkedInIntegrate" {
		t.Errorf("onintegrate = %q", got)
	}
	if d.count(`form#linkedin-request[action="/admin/linkedin/request"] input[name=organization]`) != 1 {
		t.Errorf("no request form")
	}
}

func TestLinkedInTabActions(t *testing.T) {
	t.Parallel()
	t.Run("RequestOK", func(t *testing.T) {
		t.Parallel()
		_, l, c := adminLinkedInEnv(t, ats.StageProvisioned)
		d := c.submit(t, "/admin/linkedin/request", url.Values{"organization": {"urn:li:organization:1001"},
			"contract": {"urn:li:contract:5001"}, "requestId": {"req-1"}, "bundle": {syncer.BundleCompany},
			"integrationTypes": {"ONE_CLICK_EXPORT", "IN_ATS_INDICATOR"}})
		if d.text(".linkedin-status .badge") != "Partner ready" {
			t.Errorf("after request: stage %q", d.text(".linkedin-status .badge"))
		}
		want := []syncer.RequestInput{{Organization: "urn:li:organization:1001", Contract: "urn:li:contract:5001", RequestID: "req-1",
			Bundle: syncer.BundleCompany, IntegrationTypes: []string{"ONE_CLICK_EXPORT", "IN_ATS_INDICATOR"}}}
		if diff := cmp.Diff(want, l.requests); diff != "" {
			t.Errorf("request (-want +got):\n%s", diff)
		}
	})
	t.Run("ErrRequestInvalid", func(t *testing.T) {
		t.Parallel()
		_, l, c := adminLinkedInEnv(t, ats.StageProvisioned)
		l.err = ats.Problems{"organization": "Must be the organization URN the widget handed over (urn:li:organization:…)."}.Err()
		resp := c.post(t, "/admin/linkedin/request", url.Values{"organization": {"nope"}})
		d := readDoc(t, resp)
		if resp.StatusCode != http.StatusUnprocessableEntity || d.text(".form-error") == "" {
			t.Errorf("invalid request = %d, error %q", resp.StatusCode, d.text(".form-error"))
		}
	})
	t.Run("ErrLinkedInUnreachable", func(t *testing.T) {
		t.Parallel()
		_, l, c := adminLinkedInEnv(t, ats.StageNotConnected)
		l.err = &ats.Error{Code: syncer.ELinkedIn, Message: "LinkedIn could not be reached to provision this instance's LinkedIn app. Try again in a moment."}
		resp := c.post(t, "/admin/linkedin/connect", nil)
		d := readDoc(t, resp)
		if resp.StatusCode != http.StatusBadGateway || !strings.Contains(d.text(".form-error"), "could not be reached") {
			t.Errorf("unreachable = %d, error %q", resp.StatusCode, d.text(".form-error"))
		}
	})
	t.Run("Availability", func(t *testing.T) {
		t.Parallel()
		_, l, c := adminLinkedInEnv(t, ats.StageEnabled)
		d := c.submit(t, "/admin/linkedin/availability", url.Values{"job_availability": {"PRIVATE"}})
		if d.attr(`input[name=job_availability][value=PRIVATE]`, "checked") == "" && d.count(`input[value=PRIVATE][checked]`) != 1 {
			t.Errorf("private not checked after saving")
		}
		resp := c.post(t, "/admin/linkedin/availability", url.Values{"job_availability": {"SECRET"}})
		d = readDoc(t, resp)
		if resp.StatusCode != http.StatusUnprocessableEntity || d.text("#f-availability-error") == "" {
			t.Errorf("bad availability = %d, error %q", resp.StatusCode, d.text("#f-availability-error"))
		}
		if diff := cmp.Diff([]string{"availability:PRIVATE"}, l.called()); diff != "" {
			t.Errorf("calls (-want +got):\n%s", diff)
		}
	})
	t.Run("Disconnect", func(t *testing.T) {
		t.Parallel()
		_, _, c := adminLinkedInEnv(t, ats.StageEnabled)
		d := c.submit(t, "/admin/linkedin/disconnect", nil)
		if d.text(".flash") != "Disconnected from LinkedIn." || d.text(".linkedin-status .badge") != "Disabled" {
			t.Errorf("after disconnect: flash %q stage %q", d.text(".flash"), d.text(".linkedin-status .badge"))
		}
	})
	t.Run("ErrNotAdmin", func(t *testing.T) {
		t.Parallel()
		e, l, _ := adminLinkedInEnv(t, ats.StageEnabled)
		c := e.signIn(t, e.mustUser(t, ats.RoleRecruiter, "Rita Recruiter"))
		for _, path := range []string{"/admin/linkedin/connect", "/admin/linkedin/request", "/admin/linkedin/notify",
			"/admin/linkedin/availability", "/admin/linkedin/disconnect", "/admin/linkedin/failures/retry"} {
			if resp := c.post(t, path, url.Values{"job_availability": {"PUBLIC"}}); resp.StatusCode != http.StatusForbidden {
				t.Errorf("recruiter POST %s = %d, want 403", path, resp.StatusCode)
			}
		}
		if resp, _ := c.get(t, "/admin/linkedin"); resp.StatusCode != http.StatusForbidden {
			t.Errorf("recruiter GET /admin/linkedin = %d", resp.StatusCode)
		}
		if calls := l.called(); len(calls) != 0 {
			t.Errorf("a recruiter reached LinkedIn: %v", calls)
		}
	})
}
