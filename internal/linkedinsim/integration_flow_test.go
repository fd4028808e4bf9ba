package linkedinsim_test

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"attractor/internal/linkedinsim"
)

// TestIntegrationLifeCycle walks rsc-api.md §6.1: request in the widget,
// partner names and configures (partner ready, pushed), admin enables
// (pushed), the gate opens, admin disables (pushed), the gate closes.
func TestIntegrationLifeCycle(t *testing.T) {
	e := setupIntegration(t, 0)
	ctx := context.Background()
	app, child, reqID := e.customer(t, "tenant-life")
	secret := app.Credentials.ClientSecret
	domainApp := e.app(t, app.Credentials.ClientID)

	if got := e.byRequest(t, child, reqID); len(got) != 4 || got["CSA_API"] != "REQUESTED" {
		t.Fatalf("after request: %v", got)
	}
	wantForbidden(t, e.svc.Authorize(ctx, domainApp, org1, linkedinsim.CapSync), "not enabled")
	wantForbidden(t, e.svc.Authorize(ctx, domainApp, org2, linkedinsim.CapIntegrations), "does not belong")

	e.nameAll(t, child)
	e.wantError(t, "POST", "/sim/v1/ats-instances/"+domainApp.URN()+"/enable", controlTok, "application/json",
		`{"level":"company","contract":"`+contract1+`","actor":"`+adminSeat+`"}`, nil, http.StatusConflict)

	e.setCallback(t, child, e.callback.URL+"/li/tenant-life")
	readyID := e.pushed(t, secret, "INTEGRATION_STATUS_CHANGE")
	if got := e.byRequest(t, child, readyID); len(got) != 4 || got["ONE_CLICK_EXPORT"] != "PARTNER_READY" {
		t.Fatalf("partner ready push points at %v", got)
	}

	t.Run("Configurations", func(t *testing.T) { testConfigurations(t, e, child) })

	resp := e.call(t, "POST", "/sim/v1/ats-instances/"+domainApp.URN()+"/enable", controlTok, "application/json",
		`{"level":"contract","contract":"`+contract1+`","actor":"`+adminSeat+`"}`, nil, nil)
	if resp.StatusCode != 200 {
		t.Fatalf("enable = %d", resp.StatusCode)
	}
	enabledID := e.pushed(t, secret, "INTEGRATION_STATUS_CHANGE")
	if got := e.byRequest(t, child, enabledID); len(got) != 4 || got["CSA_API"] != "ENABLED" {
		t.Fatalf("enable push points at %v", got)
	}
	if err := e.svc.Authorize(ctx, domainApp, org1, linkedinsim.CapSync); err != nil {
		t.Errorf("sync after enable: %v", err)
	}
	if err := e.svc.Authorize(ctx, domainApp, contract1, linkedinsim.CapCSA); err != nil {
		t.Errorf("CSA after enable: %v", err)
	}
	wantForbidden(t, e.svc.Authorize(ctx, domainApp, contract2, linkedinsim.CapCSA), "does not belong")
	wantForbidden(t, e.svc.Authorize(ctx, domainApp, contract1, linkedinsim.CapSync), "not an organization")

	t.Run("Instances", func(t *testing.T) { testInstances(t, e, domainApp) })

	resp = e.call(t, "POST", "/sim/v1/ats-instances/"+app.Credentials.ClientID+"/disable", controlTok,
		"application/json", `{"actor":"`+adminSeat+`"}`, nil, nil)
	if resp.StatusCode != 200 {
		t.Fatalf("disable = %d", resp.StatusCode)
	}
	disabledID := e.pushed(t, secret, "INTEGRATION_STATUS_CHANGE")
	if got := e.byRequest(t, child, disabledID); got["IN_ATS_INDICATOR"] != "DISABLED" || got["CSA_API"] != "DISABLED" {
		t.Fatalf("disable push points at %v", got)
	}
	wantForbidden(t, e.svc.Authorize(ctx, domainApp, org1, linkedinsim.CapSync), "not enabled")
	wantForbidden(t, e.svc.Authorize(ctx, domainApp, contract1, linkedinsim.CapCSA), "CSA_API is not enabled")
}

func testConfigurations(t *testing.T, e *intEnv, child string) {
	oce := intPath + "/" + intKey(org1, "ONE_CLICK_EXPORT") + "/configurations"
	ind := intPath + "/" + intKey(org1, "IN_ATS_INDICATOR") + "/configurations"
	put := map[string]string{"X-RestLi-Method": "batch_update"}
	var w struct {
		Results map[string]struct{ Status int }
		Errors  map[string]struct{ Status int }
	}
	e.call(t, "PUT", oce+"?ids=JOB_POSTING_VIEWERS", child, "application/json",
		`{"entities":{"JOB_POSTING_VIEWERS":{"configurationValue":{"string":"ALL_PRODUCT_USERS"}}}}`, put, &w)
	if w.Results["JOB_POSTING_VIEWERS"].Status != 204 {
		t.Errorf("JOB_POSTING_VIEWERS = %+v", w)
	}
	w.Results, w.Errors = nil, nil
	e.call(t, "PUT", ind+"?ids=APPLICATION_VIEWERS&ids=CALLBACK_URL", child, "application/json",
		`{"entities":{"APPLICATION_VIEWERS":{"configurationValue":{"string":"ALL_PRODUCT_USERS"}},"CALLBACK_URL":{"configurationValue":{"string":"https://x.example"}}}}`, put, &w)
	if w.Results["APPLICATION_VIEWERS"].Status != 204 || w.Errors["CALLBACK_URL"].Status != 422 {
		t.Errorf("APPLICATION_VIEWERS + misplaced CALLBACK_URL = %+v", w)
	}
	var g struct {
		Results map[string]struct {
			ConfigurationValue struct{ String string } `json:"configurationValue"`
		}
		Statuses map[string]int
	}
	e.call(t, "GET", oce+"?ids=CALLBACK_URL&ids=JOB_POSTING_VIEWERS", child, "", "", nil, &g)
	if !strings.Contains(g.Results["CALLBACK_URL"].ConfigurationValue.String, "/li/tenant-life") ||
		g.Results["JOB_POSTING_VIEWERS"].ConfigurationValue.String != "ALL_PRODUCT_USERS" {
		t.Errorf("GET configurations = %+v", g)
	}
	w.Results, w.Errors = nil, nil
	e.call(t, "DELETE", oce+"?ids=JOB_POSTING_VIEWERS", child, "", "", nil, &w)
	if w.Results["JOB_POSTING_VIEWERS"].Status != 204 {
		t.Errorf("DELETE = %+v", w)
	}
	w.Results, w.Errors = nil, nil
	e.call(t, "DELETE", oce+"?ids=JOB_POSTING_VIEWERS", child, "", "", nil, &w)
	if w.Errors["JOB_POSTING_VIEWERS"].Status != 404 {
		t.Errorf("second DELETE = %+v", w)
	}
}

func testInstances(t *testing.T, e *intEnv, app *linkedinsim.App) {
	var got struct {
		Elements []struct {
			App          string
			CallbackURL  string `json:"callbackUrl"`
			Integrations []integrationEntity
		}
	}
	e.call(t, "GET", "/sim/v1/ats-instances", controlTok, "", "", nil, &got)
	if len(got.Elements) != 1 || got.Elements[0].App != app.URN() || len(got.Elements[0].Integrations) != 4 ||
		got.Elements[0].CallbackURL == "" {
		t.Fatalf("instances = %+v", got)
	}
	for _, in := range got.Elements[0].Integrations {
		if in.OnboardingStatus != "ENABLED" || in.IntegrationName == "" || in.TenantType != "RECRUITER" {
			t.Errorf("instance integration %+v", in)
		}
	}
}

// TestPushRetried: a callback failing with 500 twice gets the notification
// on the third attempt, and every attempt is recorded.
func TestPushRetried(t *testing.T) {
	e := setupIntegration(t, 2)
	app, child, _ := e.customer(t, "tenant-retry")
	e.nameAll(t, child)
	e.setCallback(t, child, e.callback.URL+"/li/tenant-retry")
	for i, want := range []int{500, 500, 200} {
		r := e.callback.next(t)
		if r.status != want || r.signature != linkedinsim.SignPush(r.body, app.Credentials.ClientSecret) {
			t.Fatalf("attempt %d: status %d signature %q", i+1, r.status, r.signature)
		}
		if a := e.recorded(t); a.Attempt != i+1 || a.StatusCode != want {
			t.Fatalf("recorded %+v, want attempt %d with %d", a, i+1, want)
		}
	}
	pushes, err := e.store.ListPushes(context.Background(), e.app(t, app.Credentials.ClientID).ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(pushes) != 1 || pushes[0].DeliveredAt.IsZero() || len(pushes[0].History) != 3 ||
		pushes[0].History[0].StatusCode != 500 || pushes[0].History[2].StatusCode != 200 {
		t.Fatalf("outbox = %+v", pushes)
	}
}

// TestQueuePush: the export feature's sender.
func TestQueuePush(t *testing.T) {
	e := setupIntegration(t, 0)
	app, child, _ := e.customer(t, "tenant-export")
	e.setCallback(t, child, e.callback.URL+"/li/tenant-export")
	id := e.app(t, app.Credentials.ClientID).ID
	p, err := e.svc.QueuePush(context.Background(), id, linkedinsim.PushExportCandidateProfile,
		linkedinsim.PushPayload{ID: "export-1"})
	if err != nil {
		t.Fatal(err)
	}
	if got := e.pushed(t, app.Credentials.ClientSecret, "EXPORT_CANDIDATE_PROFILE"); got != "export-1" || p.NotificationID != got {
		t.Errorf("pushed id %q, queued %+v", got, p)
	}
	for _, tc := range []struct {
		typ  linkedinsim.PushType
		id   string
		app  int64
		code string
	}{
		{"OTHER", "x", id, linkedinsim.EUNPROCESSABLE},
		{linkedinsim.PushExportCandidateProfile, "", id, linkedinsim.EUNPROCESSABLE},
		{linkedinsim.PushExportCandidateProfile, "x", 1, linkedinsim.ENOTFOUND},
	} {
		_, err := e.svc.QueuePush(context.Background(), tc.app, tc.typ, linkedinsim.PushPayload{ID: tc.id})
		if linkedinsim.ErrorCode(err) != tc.code {
			t.Errorf("QueuePush(%v) = %v, want %s", tc, err, tc.code)
		}
	}
}

// TestPushFaults: a dropped notification never reaches the callback and is
// not retried; a duplicated one arrives twice, identical and signed.
func TestPushFaults(t *testing.T) {
	e := setupIntegration(t, 0)
	e.call(t, "PUT", "/sim/v1/faults", controlTok, "application/json", `{"seed":1,"duplicateCallbackRate":1}`, nil, nil)
	app, child, _ := e.customer(t, "tenant-faults")
	e.nameAll(t, child)
	e.setCallback(t, child, e.callback.URL+"/li/tenant-faults")
	first, second := e.callback.next(t), e.callback.next(t)
	if string(first.body) != string(second.body) || second.signature != linkedinsim.SignPush(second.body, app.Credentials.ClientSecret) {
		t.Fatalf("duplicate differs: %s / %s", first.body, second.body)
	}
	e.recorded(t)
	e.call(t, "PUT", "/sim/v1/faults", controlTok, "application/json", `{"seed":1,"dropCallbackRate":1}`, nil, nil)
	id := e.app(t, app.Credentials.ClientID).ID
	if _, err := e.svc.QueuePush(context.Background(), id, linkedinsim.PushExportCandidateProfile,
		linkedinsim.PushPayload{ID: "export-dropped"}); err != nil {
		t.Fatal(err)
	}
	if a := e.recorded(t); a.StatusCode != 0 || !strings.Contains(a.Error, "dropped") {
		t.Fatalf("attempt for a dropped push = %+v", a)
	}
	select {
	case r := <-e.callback.got:
		t.Fatalf("a dropped push reached the callback: %s", r.body)
	default:
	}
}
