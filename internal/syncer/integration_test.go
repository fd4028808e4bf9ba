package syncer

import (
	"encoding/json"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"attractor/internal/ats"
	"attractor/internal/linkedinsim"
	"attractor/internal/rsc"
	"attractor/internal/sqldb"

	"github.com/google/go-cmp/cmp"
)

// TestSetupFlow is the whole setup of rsc-api.md §6.1 against linkedinsim
// with the real queue: Connect, the widget's request, Request (partner
// ready), a Recruiter admin enabling contract-level access, the push it
// causes reaching the callback, and the stage following: enabled with
// contract access and the historical sync started; then disabled.
func TestSetupFlow(t *testing.T) {
	t.Parallel()
	liEngines(t, func(t *testing.T, engine sqldb.Engine) {
		e := newLIEnv(t, engine, liOptions{pushes: true})
		w, err := e.s.Connect(e.admin)
		if err != nil {
			t.Fatal(err)
		}
		want := &WidgetConfig{ScriptURL: e.simURL + "/xdoor/scripts/in.js", APIKey: w.APIKey,
			ExtensionName: "ATSIntegrationWidget", ExtensionURL: e.simURL + "/rsc/extensions/onboarding-widget",
			BundleTypes: []string{BundleCompany, BundleContract}, Stage: ats.StageProvisioned}
		if diff := cmp.Diff(want, w); diff != "" || w.APIKey == "" {
			t.Errorf("Connect (-want +got):\n%s", diff)
		}
		e.checkWidgetServes(w.APIKey)

		v, err := e.s.Request(e.admin, e.widgetRequest(w.APIKey, 90001, liOrg, liContract, linkedinsim.LevelContract))
		if err != nil {
			t.Fatal(err)
		}
		if v.Stage != ats.StagePartnerReady || v.Organization != liOrg || v.Contract != liContract ||
			v.CallbackURL != e.atsURL+CallbackPath {
			t.Fatalf("after Request: %+v", v)
		}
		e.checkSimConfigured()
		e.waitDelivered() // LinkedIn reports PARTNER_READY to the callback

		e.enable("contract")
		e.waitDelivered()
		e.waitFor("stage enabled and the historical sync started", func() bool {
			in := e.integration()
			return in.Stage == ats.StageEnabled && in.Progress.StartedAt != nil
		})
		in := e.integration()
		if in.AccessLevel != ats.AccessContract || in.StatusChangedAt == nil {
			t.Errorf("enabled integration = %+v, want contract access and a status change time", in)
		}
		if in.Progress.State != ats.SyncRunning && in.Progress.State != ats.SyncDone || in.Progress.StartedAt == nil {
			t.Errorf("historical sync progress = %+v, want started", in.Progress)
		}

		e.control("POST", "/sim/v1/ats-instances/"+in.AppURN+"/disable", map[string]string{"actor": liAdminSeat})
		e.waitDelivered()
		e.waitFor("stage disabled", func() bool { return e.integration().Stage == ats.StageDisabled })
		if got := e.integration(); got.AccessLevel != ats.AccessNone {
			t.Errorf("disabled integration keeps access %q", got.AccessLevel)
		}
	})
}

// checkWidgetServes loads LinkedIn's widget page as the admin page would
// embed it: the app must accept this instance's origin (RSC-105).
func (e *liEnv) checkWidgetServes(apiKey string) {
	e.t.Helper()
	q := url.Values{"api_key": {apiKey}, "origin": {e.atsURL}, "types": {BundleCompany + "," + BundleContract}}
	resp, err := http.Get(e.simURL + "/xdoor/widget/onboarding?" + q.Encode())
	if err != nil {
		e.t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK || !strings.Contains(resp.Header.Get("Content-Security-Policy"), "frame-ancestors "+e.atsURL) {
		e.t.Errorf("widget for %s = %d, CSP %q", e.atsURL, resp.StatusCode, resp.Header.Get("Content-Security-Policy"))
	}
}

// checkSimConfigured reads back what LinkedIn holds for the instance:
// four named integrations and the configurations of rsc-api.md §3.4.
func (e *liEnv) checkSimConfigured() {
	e.t.Helper()
	list, err := e.sim.ListATSInstances(e.ctx)
	if err != nil || len(list) != 1 {
		e.t.Fatalf("ATS instances = %d, %v; want one", len(list), err)
	}
	inst := list[0]
	if inst.CallbackURL != e.atsURL+CallbackPath {
		e.t.Errorf("CALLBACK_URL = %q", inst.CallbackURL)
	}
	if len(inst.Integrations) != 4 {
		e.t.Errorf("integrations = %+v, want 4", inst.Integrations)
	}
	for _, in := range inst.Integrations {
		if !strings.HasPrefix(in.Name, "Attractor (") || in.Status != linkedinsim.StatusPartnerReady {
			e.t.Errorf("integration %v = %q %s", in.Key, in.Name, in.Status)
		}
	}
	set, err := e.simDB.FindIntegrationSet(e.ctx, inst.App.ID)
	if err != nil {
		e.t.Fatal(err)
	}
	got := map[string]string{}
	for _, c := range set.Configurations {
		got[string(c.Key.Type)+"/"+string(c.Name)] = c.Value
	}
	want := map[string]string{"ONE_CLICK_EXPORT/CALLBACK_URL": e.atsURL + CallbackPath,
		"ONE_CLICK_EXPORT/JOB_POSTING_VIEWERS": "ALL_PRODUCT_USERS", "IN_ATS_INDICATOR/APPLICATION_VIEWERS": "ALL_PRODUCT_USERS"}
	if diff := cmp.Diff(want, got); diff != "" {
		e.t.Errorf("configurations (-want +got):\n%s", diff)
	}
}

// TestConnect covers provisioning: idempotence, a moved public URL, and
// the company-level request without CSA_API.
func TestConnect(t *testing.T) {
	t.Parallel()
	liEngines(t, func(t *testing.T, engine sqldb.Engine) {
		e := newLIEnv(t, engine, liOptions{fakeQueue: true})
		w1, err := e.s.Connect(e.admin)
		if err != nil {
			t.Fatal(err)
		}
		w2, err := e.s.Connect(e.admin)
		if err != nil || w2.APIKey != w1.APIKey {
			t.Fatalf("second Connect = %+v, %v; want the same app", w2, err)
		}
		moved := e.newSyncer(e.fq, "https://ats.example.com:8443/")
		if _, err := moved.Connect(e.admin); err != nil {
			t.Fatal(err)
		}
		list, err := e.sim.ListATSInstances(e.ctx)
		if err != nil || len(list) != 1 {
			t.Fatalf("apps = %d, %v; want one app for one instance", len(list), err)
		}
		app := list[0].App
		if diff := cmp.Diff([]string{"https://ats.example.com:8443"}, app.ValidJSSDKDomains); diff != "" {
			t.Errorf("widget domains after the move (-want +got):\n%s", diff)
		}
		if diff := cmp.Diff([]string{"https://ats.example.com:8443" + MemberCallbackPath}, app.OAuth2CallbackURLs); diff != "" {
			t.Errorf("redirect URLs after the move (-want +got):\n%s", diff)
		}
		in := e.integration()
		if in.Stage != ats.StageProvisioned || in.AppURN != app.URN() || in.ClientID != w1.APIKey || in.ClientSecret == "" {
			t.Errorf("stored integration = %+v", in)
		}

		// Company-level access only: CSA_API is neither requested nor named.
		v, err := e.s.Request(e.admin, e.widgetRequest(w1.APIKey, 90001, liOrg, liContract, linkedinsim.LevelCompany))
		if err != nil || v.Stage != ats.StagePartnerReady {
			t.Fatalf("company-level Request = %+v, %v", v, err)
		}
		if v, err = e.s.Notify(e.admin); err != nil || v.Stage != ats.StagePartnerReady {
			t.Fatalf("Notify = %+v, %v", v, err)
		}
		e.enable("company")
		if err := e.s.refreshStatus(e.ctx, ""); err != nil {
			t.Fatal(err)
		}
		if in := e.integration(); in.Stage != ats.StageEnabled || in.AccessLevel != ats.AccessCompany {
			t.Errorf("after company-level enable: %s/%s, want enabled/company", in.Stage, in.AccessLevel)
		}
		named := func(got []fakeTask) bool {
			run := e.integration().Progress.StartedAt
			return slices.ContainsFunc(got, func(f fakeTask) bool {
				var task historicalTask
				return f.task == taskHistorical && json.Unmarshal(f.payload, &task) == nil && task.Run != nil && run != nil && task.Run.Equal(*run)
			})
		}
		if got := e.fq.take(); !named(got) {
			t.Errorf("enqueued %+v, want the historical sync's task naming its run", got)
		}
		// A task queued without a run (by an older version) hands over to
		// the run's own task instead of sending alongside it.
		if err := e.s.handleHistorical(e.ctx, nil); err != nil {
			t.Fatal(err)
		}
		if got := e.fq.take(); !named(got) {
			t.Errorf("a task without a run enqueued %+v, want the run's own task", got)
		}
		if p := e.integration().Progress; p.Done != 0 {
			t.Errorf("the task without a run sent %d records itself", p.Done)
		}
	})
}

// TestConnectResumes: a Connect interrupted after LinkedIn created the app
// (before its credentials were saved) finds that app again through the
// saved instance id instead of creating a second one.
func TestConnectResumes(t *testing.T) {
	t.Parallel()
	e := newLIEnv(t, sqldb.SQLite, liOptions{fakeQueue: true})
	if _, err := e.s.change(e.ctx, func(in *ats.LinkedInIntegration) error {
		in.InstanceID = "attractor-test-instance"
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if e.integration().InstanceID != "attractor-test-instance" {
		t.Fatalf("the instance id was not saved: %q", e.integration().InstanceID)
	}
	// The interrupted Connect: LinkedIn made the app, nothing was saved.
	app, err := e.s.partner().CreateApp(e.ctx, rsc.AppInput{UniqueForeignID: "attractor-test-instance", Name: "Attractor - test",
		Description: "interrupted"})
	if err != nil {
		t.Fatal(err)
	}
	w, err := e.s.Connect(e.admin)
	if err != nil || w.APIKey != app.Credentials.ClientID {
		t.Fatalf("Connect = %+v, %v; want the app made before (%s)", w, err, app.Credentials.ClientID)
	}
	if list, err := e.sim.ListATSInstances(e.ctx); err != nil || len(list) != 1 {
		t.Errorf("apps = %d, %v; want one", len(list), err)
	}
}

// TestSetupRules covers who may run the setup and what it refuses.
func TestSetupRules(t *testing.T) {
	t.Parallel()
	e := newLIEnv(t, sqldb.SQLite, liOptions{fakeQueue: true})
	for _, role := range []ats.Role{ats.RoleRecruiter, ats.RoleHiringManager, ats.RoleInterviewer, ats.RoleReadOnly} {
		ctx := e.as(role)
		checks := map[string]error{}
		_, checks["Integration"] = e.s.Integration(ctx)
		_, checks["Connect"] = e.s.Connect(ctx)
		_, checks["Request"] = e.s.Request(ctx, RequestInput{Organization: liOrg, Contract: liContract})
		_, checks["Notify"] = e.s.Notify(ctx)
		_, checks["SetJobAvailability"] = e.s.SetJobAvailability(ctx, ats.AvailabilityPrivate)
		_, checks["Disconnect"] = e.s.Disconnect(ctx)
		_, _, checks["Failures"] = e.s.Failures(ctx, ats.Page{})
		_, checks["RetryFailures"] = e.s.RetryFailures(ctx)
		for name, err := range checks {
			if ats.ErrorCode(err) != ats.EFORBIDDEN {
				t.Errorf("%s as %s = %v, want forbidden", name, role, err)
			}
		}
	}
	if _, err := e.s.Connect(e.ctx); ats.ErrorCode(err) != ats.EUNAUTHORIZED {
		t.Errorf("anonymous Connect = %v, want unauthorized", err)
	}
	if _, err := e.s.Request(e.admin, RequestInput{Organization: liOrg, Contract: liContract}); ats.ErrorCode(err) != ats.ECONFLICT {
		t.Errorf("Request before Connect = %v, want conflict", err)
	}
	_, err := e.s.Request(e.admin, RequestInput{Organization: "urn:li:contract:1", Contract: "5001", RequestID: "a\nb",
		IntegrationTypes: []string{"JOBS"}, Bundle: "APPLY_WITH_LINKEDIN"})
	want := []string{"bundle", "contract", "integrationTypes", "organization", "requestId"}
	if got := fieldNames(err); ats.ErrorCode(err) != ats.EINVALID || !cmp.Equal(got, want) {
		t.Errorf("Request with bad input = %v, fields %v; want invalid %v", err, got, want)
	}
	if _, err := e.s.SetJobAvailability(e.admin, "SECRET"); ats.ErrorCode(err) != ats.EINVALID || ats.ErrorFields(err)["job_availability"] == "" {
		t.Errorf("SetJobAvailability(SECRET) = %v, want invalid job_availability", err)
	}
	v, err := e.s.SetJobAvailability(e.admin, ats.AvailabilityPrivate)
	if err != nil || v.JobAvailability != ats.AvailabilityPrivate || v.Stage != ats.StageNotConnected {
		t.Errorf("SetJobAvailability(PRIVATE) = %+v, %v", v, err)
	}
	if _, err := e.s.Notify(e.admin); ats.ErrorCode(err) != ats.ECONFLICT {
		t.Errorf("Notify before Connect = %v, want conflict", err)
	}
}

func fieldNames(err error) []string {
	var out []string
	for k := range ats.ErrorFields(err) {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

// TestDisconnectAndReconnect: a disconnected instance keeps its data and
// app, ignores LinkedIn, and comes back on Connect.
func TestDisconnectAndReconnect(t *testing.T) {
	t.Parallel()
	e := newLIEnv(t, sqldb.SQLite, liOptions{fakeQueue: true})
	w := e.connectAndRequest()
	e.enable("contract")
	if _, err := e.s.Notify(e.admin); err != nil {
		t.Fatal(err)
	}
	before := e.integration()
	if before.Stage != ats.StageEnabled || before.AccessLevel != ats.AccessContract {
		t.Fatalf("before disconnect: %s/%s", before.Stage, before.AccessLevel)
	}
	v, err := e.s.Disconnect(e.admin)
	if err != nil || v.Stage != ats.StageNotConnected || v.AccessLevel != ats.AccessNone {
		t.Fatalf("Disconnect = %+v, %v", v, err)
	}
	in := e.integration()
	if in.ClientID != before.ClientID || in.ClientSecret != before.ClientSecret || in.Organization != liOrg ||
		in.Progress.State != before.Progress.State {
		t.Errorf("Disconnect lost data: %+v", in)
	}
	// LinkedIn still says enabled; a disconnected instance does not listen.
	if err := e.s.refreshStatus(e.ctx, ""); err != nil || e.integration().Stage != ats.StageNotConnected {
		t.Errorf("refresh while disconnected: %v, stage %s", err, e.integration().Stage)
	}
	if err := e.s.runStatusPoll(e.ctx, nil); err != nil || e.integration().Stage != ats.StageNotConnected {
		t.Errorf("status poll while disconnected: %v, stage %s", err, e.integration().Stage)
	}
	if _, err := e.s.Request(e.admin, RequestInput{Organization: liOrg, Contract: liContract}); ats.ErrorCode(err) != ats.ECONFLICT {
		t.Errorf("Request while disconnected = %v, want conflict", err)
	}
	w2, err := e.s.Connect(e.admin)
	if err != nil || w2.APIKey != w.APIKey {
		t.Fatalf("reconnect = %+v, %v; want the same app", w2, err)
	}
	if in := e.integration(); in.Stage != ats.StageEnabled || in.AccessLevel != ats.AccessContract {
		t.Errorf("after reconnect: %s/%s, want enabled/contract again", in.Stage, in.AccessLevel)
	}
}

// TestIntegrationView checks the figures of the admin page.
func TestIntegrationView(t *testing.T) {
	t.Parallel()
	e := newLIEnv(t, sqldb.SQLite, liOptions{fakeQueue: true})
	v, err := e.s.Integration(e.admin)
	if err != nil {
		t.Fatal(err)
	}
	want := &IntegrationView{Stage: ats.StageNotConnected, JobAvailability: ats.AvailabilityPublic,
		CallbackURL: e.atsURL + CallbackPath, Historical: HistoricalView{State: "not_started"}}
	if diff := cmp.Diff(want, v); diff != "" {
		t.Errorf("fresh view (-want +got):\n%s", diff)
	}

	start := time.Date(2026, 1, 1, 10, 0, 0, 0, time.UTC)
	now := start.Add(100 * time.Second)
	got := historicalView(ats.SyncProgress{State: ats.SyncRunning, Done: 500, Total: 1500, StartedAt: &start}, now)
	eta := now.Add(200 * time.Second)
	if got.RatePerSecond != 5 || got.ETA == nil || !got.ETA.Equal(eta) {
		t.Errorf("running: %+v, want 5/s and ETA %s", got, eta)
	}
	end := start.Add(50 * time.Second)
	got = historicalView(ats.SyncProgress{State: ats.SyncDone, Done: 1000, Total: 1000, StartedAt: &start, FinishedAt: &end}, now)
	if got.RatePerSecond != 20 || got.ETA != nil || got.State != "done" {
		t.Errorf("done: %+v, want 20/s, no ETA", got)
	}
}

// TestStageOf maps LinkedIn's statuses to stages.
func TestStageOf(t *testing.T) {
	t.Parallel()
	org := func(s string) map[string]string {
		return map[string]string{"ONE_CLICK_EXPORT": s, "IN_ATS_INDICATOR": s, "PROFILE_PLUGIN": s}
	}
	with := func(m map[string]string, k, v string) map[string]string { m[k] = v; return m }
	tests := []struct {
		name     string
		statuses map[string]string
		stage    ats.IntegrationStage
		level    ats.AccessLevel
	}{
		{"nothing", map[string]string{}, ats.StageProvisioned, ats.AccessNone},
		{"requested", org("REQUESTED"), ats.StageProvisioned, ats.AccessNone},
		{"one not ready", with(org("PARTNER_READY"), "PROFILE_PLUGIN", "REQUESTED"), ats.StageProvisioned, ats.AccessNone},
		{"partner ready", org(normalizeStatus("Partner ready")), ats.StagePartnerReady, ats.AccessNone},
		{"company", with(org("ENABLED"), "CSA_API", "PARTNER_READY"), ats.StageEnabled, ats.AccessCompany},
		{"contract", with(org("ENABLED"), "CSA_API", "ENABLED"), ats.StageEnabled, ats.AccessContract},
		{"csa alone", with(org("PARTNER_READY"), "CSA_API", "ENABLED"), ats.StagePartnerReady, ats.AccessNone},
		{"disabled", with(org("ENABLED"), "IN_ATS_INDICATOR", "DISABLED"), ats.StageDisabled, ats.AccessNone},
	}
	for _, tt := range tests {
		stage, level := stageOf(tt.statuses)
		if stage != tt.stage || level != tt.level {
			t.Errorf("%s: %s/%s, want %s/%s", tt.name, stage, level, tt.stage, tt.level)
		}
	}
}

func TestAppName(t *testing.T) {
	t.Parallel()
	for origin, want := range map[string]string{
		"https://ats.example.com":                         "Attractor - ats.example.com",
		"http://LinkedIn.corp:8080":                       "Attractor - .corp:8080",
		"https://" + strings.Repeat("a", 60) + ".example": "Attractor - " + strings.Repeat("a", 38),
	} {
		if got := appName(origin); got != want {
			t.Errorf("appName(%q) = %q, want %q", origin, got, want)
		}
	}
}
