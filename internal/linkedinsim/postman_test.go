package linkedinsim_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"golang.org/x/oauth2"
	"golang.org/x/oauth2/clientcredentials"

	"attractor/internal/linkedinsim"
	"attractor/internal/linkedinsim/restli"
	"attractor/internal/linkedinsim/simstore"
)

// This file replays LinkedIn's public RSC Postman collection (rsc-api.md
// §8, requests 1–48, modules 1 to 5) against the simulator over HTTP, in
// the collection's order and with its bodies and headers, quirks included:
// the lower-case x-restli-method header, the interview-feedback PUT
// without it, entity keys whose fields come in another order than the
// ids[N] parameters, URNs left unencoded in query strings, an empty
// dispositionReason. Only requests 3 and 4 get a header the collection
// lacks (Content-Type, see there). postman_bad_test.go sends the same
// requests with bad input.
//
// What people do on LinkedIn between the requests is interleaved as
// lettered steps: the Recruiter admin requesting access in the onboarding
// widget (05a, through the service, as the widget's request is a browser
// form) and enabling it in Recruiter (17a, 29a, control API); a
// recruiter's 1-Click Export (29c), InMail with a reply sharing contact
// info (31a) and prospect note (33a), all through the control API; the
// recruiter's 3-legged sign-in for request 48 through the sign-in pages.

// The collection's variables (rsc-api.md §8) with the collection's
// default values where it has them.
const (
	pmCustomerName    = "Acme Corp"
	pmUniqueForeignID = "acme-postman-0001"
	pmCandidateID     = "TEST_CANDIDATE_ID_0001"
	pmNoteID          = "TEST_NOTE_ID_0001"
	pmApplicationID   = "TEST_APPLICATION_ID_0001"
	pmPrivateJobID    = "TEST_EXTERNAL_JOB_ID_0001"
	pmPublicJobID     = "TEST_EXTERNAL_JOB_ID_0002"
	pmAppNoteID       = "APPL_NOTE_0001"
	pmFeedbackID      = "APPL_INTERVIEW_0001"
	pmACLID           = "TEST_JOBS"
)

// pmClock is real time plus an offset the test can move forward, so the
// push worker keeps running while job tasks and tokens can be aged.
type pmClock struct {
	mu  sync.Mutex
	off time.Duration
}

func (c *pmClock) Now() time.Time      { c.mu.Lock(); defer c.mu.Unlock(); return time.Now().Add(c.off) }
func (c *pmClock) Add(d time.Duration) { c.mu.Lock(); defer c.mu.Unlock(); c.off += d }

// pmEnv is a simulator over a real SQLite database with a generated world,
// a running push worker and a partner callback server.
type pmEnv struct {
	*simEnv
	svc   *linkedinsim.Service
	store *simstore.Store
	clk   *pmClock
	cb    *callbackServer
	world linkedinsim.WorldSummary
}

func setupPostman(t *testing.T) *pmEnv {
	t.Helper()
	t.Parallel()
	ctx := context.Background()
	store := newWorldStore(t)
	clk := &pmClock{}
	svc := linkedinsim.NewService(store, clk.Now)
	logger := slog.New(slog.NewTextHandler(io.Discard, nil))
	srv := httptest.NewServer(linkedinsim.NewServer(svc, logger).Handler())
	t.Cleanup(srv.Close)
	worker := linkedinsim.NewPushWorker(svc, linkedinsim.PushWorkerConfig{
		Backoff: func(int) time.Duration { return 10 * time.Millisecond }, Poll: 20 * time.Millisecond})
	runCtx, cancel := context.WithCancel(ctx)
	done := make(chan struct{})
	go func() { worker.Run(runCtx); close(done) }()
	t.Cleanup(func() { cancel(); <-done })
	e := &pmEnv{simEnv: &simEnv{srv: srv}, svc: svc, store: store, clk: clk, cb: newCallbackServer(t, 0)}
	if resp := e.call(t, "GET", "/sim/v1/world", linkedinsim.DefaultControlToken, "", "", nil, &e.world); resp.StatusCode != 200 {
		t.Fatalf("GET /sim/v1/world = %d", resp.StatusCode)
	}
	return e
}

// pmCustomer is one customer of the world as the partner sees it: its
// organization, a contract with an admin seat, and a recruiter (another
// seat holder) the ATS binds to its user.
type pmCustomer struct {
	org, contract string
	admin         linkedinsim.SeatSummary
	recruiter     linkedinsim.SeatSummary
}

// customerAt returns the i-th organization of the world that has a
// contract with an admin seat and a second seat.
func (e *pmEnv) customerAt(t *testing.T, i int) pmCustomer {
	t.Helper()
	n := 0
	for _, o := range e.world.Organizations {
		for _, c := range o.Contracts {
			var admin, other *linkedinsim.SeatSummary
			for j := range c.Seats {
				s := &c.Seats[j]
				if s.Admin && admin == nil {
					admin = s
				} else if other == nil && (!s.Admin || admin != nil) {
					other = s
				}
			}
			if admin == nil || other == nil || other.URN == admin.URN {
				continue
			}
			if n == i {
				return pmCustomer{org: o.URN, contract: c.URN, admin: *admin, recruiter: *other}
			}
			n++
			break
		}
	}
	t.Fatalf("the world has no customer #%d with an admin and another seat", i)
	return pmCustomer{}
}

// pmReq is one request as the collection sends it. header is exactly the
// collection's header list; names are sent as written (lower case too).
type pmReq struct {
	method, path, token string
	header              map[string]string
	body                string
}

// send performs r and decodes a JSON answer into out (when non-nil),
// failing the test when the answer is not status.
func (e *pmEnv) send(t *testing.T, r pmReq, status int, out any) *http.Response {
	t.Helper()
	var body io.Reader
	if r.body != "" {
		body = strings.NewReader(r.body)
	}
	req, err := http.NewRequest(r.method, e.srv.URL+r.path, body)
	if err != nil {
		t.Fatal(err)
	}
	if r.token != "" {
		req.Header.Set("Authorization", "Bearer "+r.token)
	}
	for k, v := range r.header {
		req.Header[k] = []string{v} // as written: x-restli-method stays lower case on the wire
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	if resp.StatusCode != status {
		t.Fatalf("%s %s = %d %s, want %d", r.method, r.path, resp.StatusCode, raw, status)
	}
	if out != nil {
		if err := json.Unmarshal(raw, out); err != nil {
			t.Fatalf("%s %s: decode %s: %v", r.method, r.path, raw, err)
		}
	}
	return resp
}

// Wire shapes, with the fields rsc-api.md documents.

type pmTokenResp struct {
	AccessToken string `json:"access_token"`
	ExpiresIn   int    `json:"expires_in"`
}

type pmApp struct {
	Key               string   `json:"key"`
	UniqueForeignID   string   `json:"uniqueForeignId"`
	Name              string   `json:"name"`
	Description       string   `json:"description"`
	ValidJSSDKDomains []string `json:"validJsSdkDomains"`
	OAuth2Callbacks   []string `json:"oauth2AuthorizedCallbackUrls"`
	Credentials       struct {
		ClientID     string `json:"client_id"`
		ClientSecret string `json:"client_secret"`
	} `json:"credentials"`
}

type pmPaging struct {
	Start int   `json:"start"`
	Count int   `json:"count"`
	Total int   `json:"total"`
	Links []any `json:"links"`
}

type pmFinder[T any] struct {
	Elements []T      `json:"elements"`
	Paging   pmPaging `json:"paging"`
}

type pmStatus struct {
	Status int `json:"status"`
}

type pmEntityError struct {
	Status  int    `json:"status"`
	Message string `json:"message"`
}

// pmBatchWrite is the 200 answer of batch_update, batch_partial_update and
// batch delete (rsc-api.md §2.4).
type pmBatchWrite struct {
	Errors  map[string]pmEntityError `json:"errors"`
	Results map[string]pmStatus      `json:"results"`
}

// pmBatchGet is a batch get map (rsc-api.md §2.4).
type pmBatchGet[T any] struct {
	Results  map[string]T             `json:"results"`
	Statuses map[string]int           `json:"statuses"`
	Errors   map[string]pmEntityError `json:"errors"`
}

type pmIntegration struct {
	IntegrationContext string `json:"integrationContext"`
	IntegrationType    string `json:"integrationType"`
	TenantType         string `json:"tenantType"`
	DataProvider       string `json:"dataProvider"`
	IntegrationName    string `json:"integrationName"`
	OnboardingStatus   string `json:"onboardingStatus"`
}

type pmConfig struct {
	ConfigurationValue struct {
		String string `json:"string"`
	} `json:"configurationValue"`
}

type pmCreated struct {
	Elements []struct {
		ID     string         `json:"id"`
		Status int            `json:"status"`
		Error  *pmEntityError `json:"error"`
	} `json:"elements"`
}

type pmTask struct {
	Status     string `json:"status"`
	JobPosting string `json:"jobPosting"`
}

type pmAddress struct {
	Line1              string `json:"line1"`
	City               string `json:"city"`
	GeographicArea     string `json:"geographicArea"`
	GeographicAreaType string `json:"geographicAreaType"`
	PostalCode         string `json:"postalCode"`
	Country            string `json:"country"`
}

type pmPhone struct {
	Number    string `json:"number"`
	Extension string `json:"extension"`
}

type pmCandidate struct {
	Addresses           []pmAddress `json:"addresses"`
	ATSCreatedAt        int64       `json:"atsCreatedAt"`
	ATSLastModifiedAt   int64       `json:"atsLastModifiedAt"`
	CurrentCompanyName  string      `json:"currentCompanyName"`
	CurrentJobTitle     string      `json:"currentJobTitle"`
	EmailAddresses      []string    `json:"emailAddresses"`
	ExternalProfileURL  string      `json:"externalProfileUrl"`
	FirstName           string      `json:"firstName"`
	LastName            string      `json:"lastName"`
	MiddleInitial       string      `json:"middleInitial"`
	PhoneNumbers        []pmPhone   `json:"phoneNumbers"`
	Prefix              string      `json:"prefix"`
	Suffix              string      `json:"suffix"`
	MatchedMembers      []string    `json:"matchedMembers"`
	ManualMatchedMember *string     `json:"manualMatchedMember"`
}

type pmApplication struct {
	ATSCandidateID    string `json:"atsCandidateId"`
	ATSCreatedAt      int64  `json:"atsCreatedAt"`
	ATSLastModifiedAt int64  `json:"atsLastModifiedAt"`
	ATSJobPostingID   string `json:"atsJobPostingId"`
	ATSJobPostingName string `json:"atsJobPostingName"`
	CandidateEmail    string `json:"candidateEmail"`
	FirstName         string `json:"firstName"`
	LastName          string `json:"lastName"`
	Source            string `json:"source"`
	DispositionReason string `json:"dispositionReason"`
}

type pmActor struct {
	FirstName string `json:"firstName"`
	LastName  string `json:"lastName"`
}

type pmNote struct {
	ATSCreatedAt int64   `json:"atsCreatedAt"`
	Note         string  `json:"note"`
	Author       pmActor `json:"author"`
}

type pmFeedback struct {
	ATSCreatedAt int64 `json:"atsCreatedAt"`
	Evaluations  []struct {
		Attribute string `json:"attribute"`
		Result    string `json:"result"`
	} `json:"evaluations"`
	Feedback    string  `json:"feedback"`
	Interviewer pmActor `json:"interviewer"`
}

type pmStage struct {
	ATSCreatedAt int64  `json:"atsCreatedAt"`
	Stage        string `json:"stage"`
}

type pmACL struct {
	ATSEntityACLID     string `json:"atsEntityAclId"`
	ATSEntityID        string `json:"atsEntityId"`
	ATSEntityType      string `json:"atsEntityType"`
	DataProvider       string `json:"dataProvider"`
	IntegrationContext string `json:"integrationContext"`
}

type pmAssignee struct {
	ATSEntityACLID     string `json:"atsEntityAclId"`
	Assignee           string `json:"assignee"`
	ATSEntityType      string `json:"atsEntityType"`
	DataProvider       string `json:"dataProvider"`
	IntegrationContext string `json:"integrationContext"`
}

// pmDiff compares with empty and nil maps and slices equal, as JSON
// answers {} and [] decode to empty values.
func pmDiff(t *testing.T, what string, want, got any) {
	t.Helper()
	if d := cmp.Diff(want, got, cmpopts.EquateEmpty()); d != "" {
		t.Errorf("%s mismatch (-want +got):\n%s", what, d)
	}
}

// pmOK is the batch write answer with every key 204.
func pmOK(keys ...string) pmBatchWrite {
	w := pmBatchWrite{Results: map[string]pmStatus{}}
	for _, k := range keys {
		w.Results[k] = pmStatus{204}
	}
	return w
}

// step runs one numbered step; a failed step stops the sequence.
func step(t *testing.T, name string, f func(t *testing.T)) {
	t.Helper()
	if !t.Run(name, f) {
		t.FailNow()
	}
}

// clientCredentials gets a token the way the ATS does: x/oauth2 client
// credentials with the secret in the form body (AuthStyleInParams).
func (e *pmEnv) clientCredentials(t *testing.T, id, secret string) *oauth2.Token {
	t.Helper()
	cfg := clientcredentials.Config{ClientID: id, ClientSecret: secret,
		TokenURL: e.srv.URL + "/oauth/v2/accessToken", AuthStyle: oauth2.AuthStyleInParams}
	tok, err := cfg.Token(context.Background())
	if err != nil {
		t.Fatalf("client credentials for %s: %v", id, err)
	}
	if tok.AccessToken == "" || tok.Type() != "Bearer" {
		t.Fatalf("token = %+v", tok)
	}
	if exp := time.Until(tok.Expiry); exp < 29*time.Minute || exp > 31*time.Minute {
		t.Errorf("token expires in %v, want 30m (rsc-api.md §2.1)", exp)
	}
	return tok
}

// intKeyOf is the canonical (sorted) text of an atsIntegrations key, the
// form the simulator answers with.
func intKeyOf(context, typ string) string {
	return restli.Key{"integrationContext": context, "integrationType": typ, "tenantType": "RECRUITER",
		"dataProvider": "ATS"}.String()
}

// awaitStatusChange reads pushes from the callback until one whose
// q=request finder (Postman request 17) returns exactly want, checking
// every push's signature with the child secret and its {id, type,
// expiresAt} body.
func (e *pmEnv) awaitStatusChange(t *testing.T, child, secret string, want []pmIntegration) {
	t.Helper()
	deadline := time.After(10 * time.Second)
	var last []pmIntegration
	for {
		var r received
		select {
		case r = <-e.cb.got:
		case <-deadline:
			t.Fatalf("no INTEGRATION_STATUS_CHANGE push led to %+v; last finder answer %+v", want, last)
		}
		if r.signature != linkedinsim.SignPush(r.body, secret) {
			t.Fatalf("push signature %q does not verify with the child secret", r.signature)
		}
		var n struct {
			ID        string `json:"id"`
			Type      string `json:"type"`
			ExpiresAt int64  `json:"expiresAt"`
		}
		if err := json.Unmarshal(r.body, &n); err != nil || n.Type != "INTEGRATION_STATUS_CHANGE" || n.ID == "" || n.ExpiresAt <= 0 {
			t.Fatalf("push body %s (%v)", r.body, err)
		}
		// Postman request 17: GET Notification INTEGRATION_STATUS_CHANGE.
		var got pmFinder[pmIntegration]
		e.send(t, pmReq{method: "GET", path: "/v2/atsIntegrations?q=request&requestId=" + url.QueryEscape(n.ID), token: child},
			200, &got)
		last = got.Elements
		if cmp.Diff(want, got.Elements, cmpopts.SortSlices(func(a, b pmIntegration) bool {
			return a.IntegrationType < b.IntegrationType
		})) == "" {
			if got.Paging.Total != len(want) || got.Paging.Start != 0 {
				t.Errorf("finder paging = %+v", got.Paging)
			}
			return
		}
	}
}

// TestPostmanCollection performs every request of rsc-api.md §8 the
// simulator serves, in the collection's order, and checks the documented
// statuses and shapes.
func TestPostmanCollection(t *testing.T) {
	e := setupPostman(t)
	cu := e.customerAt(t, 0)
	org, contract := cu.org, cu.contract
	personID := cu.recruiter.Member.URN                     // what request 48 (GET /v2/me) would give for the ATS user
	ts := func() int64 { return e.clk.Now().Unix() * 1000 } // {{$timestamp}}000
	jsonHdr := map[string]string{"Content-Type": "application/json"}
	with := func(method string) map[string]string {
		return map[string]string{"x-restli-method": method, "Content-Type": "application/json"}
	}
	var (
		parent, child string
		app           pmApp
		publicTask    string
		privateTask   string
		candKey       = "atsCandidateId=" + pmCandidateID + "&dataProvider=ATS&integrationContext=" + org
		candIDs       = "ids[0].atsCandidateId=" + pmCandidateID + "&ids[0].dataProvider=ATS&ids[0].integrationContext=" + org
		applKey       = "atsJobApplicationId=" + pmApplicationID + "&dataProvider=ATS&integrationContext=" + org
		applIDs       = "ids[0].atsJobApplicationId=" + pmApplicationID + "&ids[0].dataProvider=ATS&ids[0].integrationContext=" + org
		canonCand     = restli.Key{"atsCandidateId": pmCandidateID, "dataProvider": "ATS", "integrationContext": org}.String()
		canonAppl     = restli.Key{"atsJobApplicationId": pmApplicationID, "dataProvider": "ATS", "integrationContext": org}.String()
	)
	oce := intKeyOf(org, "ONE_CLICK_EXPORT")
	ind := intKeyOf(org, "IN_ATS_INDICATOR")
	plug := intKeyOf(org, "PROFILE_PLUGIN")
	csa := intKeyOf(contract, "CSA_API")
	wantIntegration := func(context, typ, name, status string) pmIntegration {
		return pmIntegration{IntegrationContext: context, IntegrationType: typ, TenantType: "RECRUITER",
			DataProvider: "ATS", IntegrationName: name, OnboardingStatus: status}
	}
	names := map[string]string{
		"ONE_CLICK_EXPORT": pmCustomerName + " LinkedIn Recruiter One-Click Export Integration",
		"IN_ATS_INDICATOR": pmCustomerName + " LinkedIn Recruiter ATS Indicator Integration",
		"PROFILE_PLUGIN":   pmCustomerName + " LinkedIn Recruiter Profile Plugin Integration",
		"CSA_API":          pmCustomerName + " LinkedIn Recruiter CSA_API Integration",
	}
	callbackURL := e.cb.URL + "/linkedin/rsc/" + pmUniqueForeignID

	// Module 1 — provision the customer (child) application.
	step(t, "01_ParentToken", func(t *testing.T) {
		parent = e.clientCredentials(t, e.world.Partner.ClientID, e.world.Partner.ClientSecret).AccessToken
	})
	step(t, "02_ProvisionChild", func(t *testing.T) {
		body := `{
    "description": "TEST APP FOR ` + pmCustomerName + `",
    "name": "` + pmCustomerName + `",
    "uniqueForeignId": "` + pmUniqueForeignID + `",
    "oauth2AuthorizedCallbackUrls": ["https://app.getpostman.com/oauth2/callback"],
    "validJsSdkDomains": ["http://localhost:5000"]
}`
		resp := e.send(t, pmReq{"POST", "/v2/provisionedApplications", parent, jsonHdr, body}, http.StatusCreated, &app)
		if !strings.HasPrefix(app.Key, "urn:li:developerApplication:") || resp.Header.Get("X-RestLi-Id") != app.Key {
			t.Fatalf("key %q, X-RestLi-Id %q", app.Key, resp.Header.Get("X-RestLi-Id"))
		}
		if app.Credentials.ClientID == "" || app.Credentials.ClientSecret == "" {
			t.Fatalf("no credentials in %+v", app)
		}
		want := pmApp{Key: app.Key, UniqueForeignID: pmUniqueForeignID, Name: pmCustomerName,
			Description: "TEST APP FOR " + pmCustomerName, ValidJSSDKDomains: []string{"http://localhost:5000"},
			OAuth2Callbacks: []string{"https://app.getpostman.com/oauth2/callback"}, Credentials: app.Credentials}
		pmDiff(t, "provisioned app", want, app)
	})
	// Requests 3 and 4 carry no header at all in the collection (Postman
	// then sends its raw-text default, text/plain). The simulator answers
	// 415 without Content-Type: application/json, which rsc-api.md §2.2
	// asks for on all JSON bodies, so the header is added here.
	step(t, "03_UpdateJavaScriptSDKDomain", func(t *testing.T) {
		e.send(t, pmReq{"POST", "/v2/provisionedApplications/" + app.Key, parent, jsonHdr,
			`{"patch": {"$set": {"validJsSdkDomains": ["http://localhost:8000", "http://localhost:5000"]}}}`},
			http.StatusNoContent, nil)
	})
	step(t, "04_UpdateOAuth2CallbackURL", func(t *testing.T) {
		e.send(t, pmReq{"POST", "/v2/provisionedApplications/" + app.Key, parent, jsonHdr,
			`{"patch": {"$set": {"oauth2AuthorizedCallbackUrls": ["https://app.getpostman.com/oauth2/callback"]}}}`},
			http.StatusNoContent, nil)
	})
	step(t, "05_GetChildApplication", func(t *testing.T) {
		var got pmFinder[pmApp]
		e.send(t, pmReq{method: "GET", token: parent,
			path: "/v2/provisionedApplications?q=credentialsByUniqueForeignId&uniqueForeignId=" + pmUniqueForeignID}, 200, &got)
		want := app
		want.ValidJSSDKDomains = []string{"http://localhost:8000", "http://localhost:5000"}
		pmDiff(t, "finder", pmFinder[pmApp]{Elements: []pmApp{want}, Paging: pmPaging{Start: 0, Count: 10, Total: 1}}, got)
	})
	// The customer's Recruiter admin requests company- and contract-level
	// access in the onboarding widget (rsc-api.md §6.1 step 2). The widget
	// is not an HTTP API; its domain call is made directly.
	step(t, "05a_AdminRequestsAccessInWidget", func(t *testing.T) {
		if _, err := e.svc.RequestIntegration(context.Background(), app.Credentials.ClientID, cu.admin.Member.URN,
			org, contract, linkedinsim.LevelContract); err != nil {
			t.Fatal(err)
		}
	})
	// Request 47 sits at the collection's root; its token is what Module 1's
	// integration requests use, so it runs first here and again at 47.
	step(t, "05b_CustomerAccessToken_47", func(t *testing.T) {
		child = e.clientCredentials(t, app.Credentials.ClientID, app.Credentials.ClientSecret).AccessToken
	})

	// Module 1 — name the integrations (6–9) and verify them (10).
	for i, it := range []struct{ context, typ, key string }{
		{org, "ONE_CLICK_EXPORT", oce}, {org, "IN_ATS_INDICATOR", ind},
		{org, "PROFILE_PLUGIN", plug}, {contract, "CSA_API", csa},
	} {
		step(t, fmt.Sprintf("%02d_UpdateCustomerATSIntegration_%s", 6+i, it.typ), func(t *testing.T) {
			path := "/v2/atsIntegrations?ids[0].integrationContext=" + it.context + "&ids[0].integrationType=" + it.typ +
				"&ids[0].tenantType=RECRUITER&ids[0].dataProvider=ATS"
			body := `{"entities": {"integrationContext=` + it.context + `&integrationType=` + it.typ +
				`&tenantType=RECRUITER&dataProvider=ATS": {"patch": {"$set": {"integrationName": "` + names[it.typ] + `"}}}}}`
			var got pmBatchWrite
			e.send(t, pmReq{"POST", path, child, with("batch_partial_update"), body}, 200, &got)
			pmDiff(t, "batch_partial_update", pmOK(it.key), got)
		})
	}
	step(t, "10_VerifyCustomerATSIntegrations", func(t *testing.T) {
		path := "/v2/atsIntegrations?ids[0].integrationContext=" + org + "&ids[0].integrationType=IN_ATS_INDICATOR&ids[0].tenantType=RECRUITER&ids[0].dataProvider=ATS" +
			"&ids[1].integrationContext=" + org + "&ids[1].integrationType=PROFILE_PLUGIN&ids[1].tenantType=RECRUITER&ids[1].dataProvider=ATS" +
			"&ids[2].integrationContext=" + org + "&ids[2].integrationType=ONE_CLICK_EXPORT&ids[2].tenantType=RECRUITER&ids[2].dataProvider=ATS" +
			"&ids[3].integrationContext=" + contract + "&ids[3].integrationType=CSA_API&ids[3].tenantType=RECRUITER&ids[3].dataProvider=ATS"
		var got pmBatchGet[pmIntegration]
		e.send(t, pmReq{method: "GET", path: path, token: child}, 200, &got)
		want := pmBatchGet[pmIntegration]{
			Results: map[string]pmIntegration{
				oce:  wantIntegration(org, "ONE_CLICK_EXPORT", names["ONE_CLICK_EXPORT"], "REQUESTED"),
				ind:  wantIntegration(org, "IN_ATS_INDICATOR", names["IN_ATS_INDICATOR"], "REQUESTED"),
				plug: wantIntegration(org, "PROFILE_PLUGIN", names["PROFILE_PLUGIN"], "REQUESTED"),
				csa:  wantIntegration(contract, "CSA_API", names["CSA_API"], "REQUESTED"),
			},
			Statuses: map[string]int{oce: 200, ind: 200, plug: 200, csa: 200},
		}
		pmDiff(t, "batch get", want, got)
	})

	// Module 1 — configurations (11–16).
	configs := func(context, typ string) string {
		return "/v2/atsIntegrations/integrationContext=" + context + "&integrationType=" + typ +
			"&tenantType=RECRUITER&dataProvider=ATS/configurations"
	}
	putConfig := func(t *testing.T, typ, id, value string) {
		var got pmBatchWrite
		e.send(t, pmReq{"PUT", configs(org, typ) + "?ids=" + id, child, with("batch_update"),
			`{"entities": {"` + id + `": {"configurationValue": {"string": "` + value + `"}}}}`}, 200, &got)
		pmDiff(t, "batch_update", pmOK(id), got)
	}
	deleteConfig := func(t *testing.T, typ, id string) {
		var got pmBatchWrite
		e.send(t, pmReq{method: "DELETE", path: configs(org, typ) + "?ids=" + id, token: child}, 200, &got)
		pmDiff(t, "batch delete", pmOK(id), got)
	}
	step(t, "11_SyncConfigCallbackURL", func(t *testing.T) { putConfig(t, "ONE_CLICK_EXPORT", "CALLBACK_URL", callbackURL) })
	step(t, "12_SyncConfigJobPostingViewers", func(t *testing.T) {
		putConfig(t, "ONE_CLICK_EXPORT", "JOB_POSTING_VIEWERS", "ALL_PRODUCT_USERS")
	})
	step(t, "13_SyncConfigApplicationViewers", func(t *testing.T) {
		putConfig(t, "IN_ATS_INDICATOR", "APPLICATION_VIEWERS", "ALL_PRODUCT_USERS")
	})
	step(t, "14_DeleteJobPostingViewers", func(t *testing.T) { deleteConfig(t, "ONE_CLICK_EXPORT", "JOB_POSTING_VIEWERS") })
	step(t, "15_DeleteApplicationViewers", func(t *testing.T) { deleteConfig(t, "IN_ATS_INDICATOR", "APPLICATION_VIEWERS") })
	step(t, "16_VerifyConfigs", func(t *testing.T) {
		var got pmBatchGet[pmConfig]
		e.send(t, pmReq{method: "GET", path: configs(org, "ONE_CLICK_EXPORT") + "?ids=CALLBACK_URL", token: child}, 200, &got)
		var c pmConfig
		c.ConfigurationValue.String = callbackURL
		pmDiff(t, "configurations", pmBatchGet[pmConfig]{Results: map[string]pmConfig{"CALLBACK_URL": c},
			Statuses: map[string]int{"CALLBACK_URL": 200}}, got)
		// The viewers configurations deleted by 14 and 15 read back as 404.
		var gone pmBatchGet[pmConfig]
		e.send(t, pmReq{method: "GET", path: configs(org, "ONE_CLICK_EXPORT") + "?ids=JOB_POSTING_VIEWERS", token: child}, 200, &gone)
		if gone.Statuses["JOB_POSTING_VIEWERS"] != 404 || len(gone.Results) != 0 {
			t.Errorf("JOB_POSTING_VIEWERS after delete = %+v", gone)
		}
	})
	// Named + CALLBACK_URL = partner ready: LinkedIn pushes
	// INTEGRATION_STATUS_CHANGE and the ATS looks the request up (17).
	step(t, "17_GetNotificationIntegrationStatusChange_PartnerReady", func(t *testing.T) {
		e.awaitStatusChange(t, child, app.Credentials.ClientSecret, []pmIntegration{
			wantIntegration(contract, "CSA_API", names["CSA_API"], "PARTNER_READY"),
			wantIntegration(org, "IN_ATS_INDICATOR", names["IN_ATS_INDICATOR"], "PARTNER_READY"),
			wantIntegration(org, "ONE_CLICK_EXPORT", names["ONE_CLICK_EXPORT"], "PARTNER_READY"),
			wantIntegration(org, "PROFILE_PLUGIN", names["PROFILE_PLUGIN"], "PARTNER_READY"),
		})
	})
	enable := func(t *testing.T, level string, want int) {
		var got struct{ Elements []pmIntegration }
		e.send(t, pmReq{"POST", "/sim/v1/ats-instances/" + app.Key + "/enable", linkedinsim.DefaultControlToken, jsonHdr,
			`{"level":"` + level + `","contract":"` + contract + `","actor":"` + cu.admin.URN + `"}`}, 200, &got)
		if len(got.Elements) != want {
			t.Fatalf("enabled %d integrations, want %d: %+v", len(got.Elements), want, got)
		}
		for _, in := range got.Elements {
			if in.OnboardingStatus != "ENABLED" {
				t.Errorf("after enable: %+v", in)
			}
		}
	}
	// Between Module 1 and Module 2 the Recruiter admin switches on
	// company-level access (rsc-api.md §6.1 step 5); LinkedIn pushes the
	// change and the ATS reads it with request 17.
	step(t, "17a_AdminEnablesCompanyLevel", func(t *testing.T) { enable(t, "company", 3) })
	step(t, "17b_GetNotificationIntegrationStatusChange_Enabled", func(t *testing.T) {
		e.awaitStatusChange(t, child, app.Credentials.ClientSecret, []pmIntegration{
			wantIntegration(org, "IN_ATS_INDICATOR", names["IN_ATS_INDICATOR"], "ENABLED"),
			wantIntegration(org, "ONE_CLICK_EXPORT", names["ONE_CLICK_EXPORT"], "ENABLED"),
			wantIntegration(org, "PROFILE_PLUGIN", names["PROFILE_PLUGIN"], "ENABLED"),
		})
	})

	// Module 2 — jobs (18–21).
	createJob := func(t *testing.T, id, title, availability string) string {
		body := `{
    "elements": [
        {
            "integrationContext": "` + org + `",
            "externalJobPostingId": "` + id + `",
            "title": "` + title + `",
            "description": "We are looking for someone to build and run the things our customers rely on.",
            "location": "San Francisco, CA",
            "availability": "` + availability + `",
            "state": "LISTED",
            "companyApplyUrl": "http://localhost:5000/jobs",
            "listedAt": ` + fmt.Sprint(ts()) + `
        }
    ]
}`
		var got pmCreated
		e.send(t, pmReq{"POST", "/v2/simpleJobPostings", child, with("batch_create"), body}, 200, &got)
		if len(got.Elements) != 1 || got.Elements[0].Status != 202 || got.Elements[0].Error != nil ||
			!strings.HasPrefix(got.Elements[0].ID, "urn:li:simpleJobPostingTask:") {
			t.Fatalf("batch_create = %+v, want one 202 with a task URN", got)
		}
		return got.Elements[0].ID
	}
	taskStatus := func(t *testing.T, task string) {
		path := "/v2/simpleJobPostingTasks?ids=" + task // the collection leaves the URN unencoded
		var got pmBatchGet[pmTask]
		e.send(t, pmReq{method: "GET", path: path, token: child}, 200, &got)
		pmDiff(t, "task before the delay", pmBatchGet[pmTask]{Results: map[string]pmTask{task: {Status: "IN_PROGRESS"}},
			Statuses: map[string]int{task: 200}}, got)
		// The ATS checks again later (rsc-api.md §3.5): the task succeeded.
		e.clk.Add(linkedinsim.JobTaskDelay)
		got = pmBatchGet[pmTask]{}
		e.send(t, pmReq{method: "GET", path: path, token: child}, 200, &got)
		if r := got.Results[task]; r.Status != "SUCCEEDED" || !strings.HasPrefix(r.JobPosting, "urn:li:jobPosting:") ||
			got.Statuses[task] != 200 {
			t.Errorf("task after the delay = %+v", got)
		}
	}
	step(t, "18_CreatePublicJob", func(t *testing.T) {
		publicTask = createJob(t, pmPublicJobID, "Senior Software Engineer", "PUBLIC")
	})
	step(t, "19_GetPublicJobCreationTaskStatus", func(t *testing.T) { taskStatus(t, publicTask) })
	step(t, "20_CreatePrivateJob", func(t *testing.T) {
		privateTask = createJob(t, pmPrivateJobID, "General Manager", "PRIVATE_TO_ATS_INTEGRATION")
	})
	step(t, "21_GetPrivateJobCreationTaskStatus", func(t *testing.T) { taskStatus(t, privateTask) })

	// Module 2 — candidates (22–24) and candidate notes (25).
	created := ts()
	wantCand := pmCandidate{
		Addresses: []pmAddress{{Line1: "31 Spooner St", City: "Quahog", GeographicArea: "RI", GeographicAreaType: "STATE",
			PostalCode: "02802", Country: "us"}},
		ATSCreatedAt: created, ATSLastModifiedAt: created, CurrentCompanyName: "Candidate Test Company",
		CurrentJobTitle: "Quality Assurance", EmailAddresses: []string{"johndoe999986@outlook.com"},
		ExternalProfileURL: "https://example.com/p-griffin", FirstName: "john", LastName: "doe", MiddleInitial: "L",
		PhoneNumbers: []pmPhone{{Number: "555-555-5555", Extension: "1234"}}, Prefix: "Mr", Suffix: "Jr",
	}
	step(t, "22_SyncCandidates", func(t *testing.T) {
		body := fmt.Sprintf(`{
  "entities": {
    %q: {
      "addresses": [{"line1": "31 Spooner St", "city": "Quahog", "geographicArea": "RI", "geographicAreaType": "STATE",
                     "postalCode": "02802", "country": "us"}],
      "atsCreatedAt": %d,
      "atsLastModifiedAt": %d,
      "currentCompanyName": "Candidate Test Company",
      "currentJobTitle": "Quality Assurance",
      "emailAddresses": ["johndoe999986@outlook.com"],
      "externalProfileUrl": "https://example.com/p-griffin",
      "firstName": "john",
      "lastName": "doe",
      "middleInitial": "L",
      "phoneNumbers": [{"number": "555-555-5555", "extension": "1234"}],
      "prefix": "Mr",
      "suffix": "Jr"
    }
  }
}`, candKey, created, created)
		var got pmBatchWrite
		e.send(t, pmReq{"PUT", "/v2/atsCandidates?" + candIDs, child, with("batch_update"), body}, 200, &got)
		pmDiff(t, "batch_update", pmOK(canonCand), got)
	})
	step(t, "23_RetrieveCandidateMatches", func(t *testing.T) {
		var got pmBatchGet[pmCandidate]
		e.send(t, pmReq{method: "GET", path: "/v2/atsCandidates?" + candIDs, token: child}, 200, &got)
		c := got.Results[canonCand]
		if c.MatchedMembers == nil {
			t.Errorf("matchedMembers missing in %+v", c)
		}
		for _, m := range c.MatchedMembers {
			if !strings.HasPrefix(m, "urn:li:person:") {
				t.Errorf("matchedMembers holds %q, want person URNs", m)
			}
		}
		want := wantCand
		want.MatchedMembers = c.MatchedMembers
		pmDiff(t, "candidate", pmBatchGet[pmCandidate]{Results: map[string]pmCandidate{canonCand: want},
			Statuses: map[string]int{canonCand: 200}}, got)
	})
	step(t, "24_OneClickExportAttachPersonURN", func(t *testing.T) {
		var got pmBatchWrite
		e.send(t, pmReq{"POST", "/v2/atsCandidates?" + candIDs, child,
			map[string]string{"Content-Type": "application/json", "x-restli-method": "batch_partial_update"},
			`{"entities": {"` + candKey + `": {"patch": {"$set": {"manualMatchedMember": "` + personID + `"}}}}}`}, 200, &got)
		pmDiff(t, "batch_partial_update", pmOK(canonCand), got)
		// Read back with the documented projection (rsc-api.md §3.6).
		var back pmBatchGet[map[string]any]
		e.send(t, pmReq{method: "GET", path: "/v2/atsCandidates?" + candIDs + "&fields=matchedMembers,manualMatchedMember",
			token: child}, 200, &back)
		r := back.Results[canonCand]
		if len(r) != 2 || r["manualMatchedMember"] != personID || r["matchedMembers"] == nil {
			t.Errorf("projected matches = %v", r)
		}
	})
	candNotes := "/v2/atsCandidates/" + candKey + "/notes?ids=" + pmNoteID
	step(t, "25_SyncCandidateNotes", func(t *testing.T) {
		var got pmBatchWrite
		e.send(t, pmReq{"PUT", candNotes, child, with("batch_update"), fmt.Sprintf(`{
  "entities": {
    %q: {
    "atsCreatedAt": %d,
      "note": "This is a candidate note.",
      "author": {"firstName": "Rita", "lastName": "Book"}
    }
}
}`, pmNoteID, created)}, 200, &got)
		pmDiff(t, "batch_update", pmOK(pmNoteID), got)
		var back pmBatchGet[pmNote]
		e.send(t, pmReq{method: "GET", path: candNotes, token: child}, 200, &back)
		pmDiff(t, "note read back", pmBatchGet[pmNote]{Results: map[string]pmNote{pmNoteID: {ATSCreatedAt: created,
			Note: "This is a candidate note.", Author: pmActor{"Rita", "Book"}}}, Statuses: map[string]int{pmNoteID: 200}}, back)
	})

	// Module 2 — applications and their sub-resources (26–29).
	applBase := "/v2/atsApplications/" + applKey
	step(t, "26_SyncJobApplications", func(t *testing.T) {
		var got pmBatchWrite
		e.send(t, pmReq{"PUT", "/v2/atsApplications?" + applIDs, child,
			map[string]string{"Content-Type": "application/json", "x-restli-method": "batch_update"}, fmt.Sprintf(`{
  "entities": {
    %q: {
      "atsCandidateId": %q,
      "atsCreatedAt": %d,
      "atsLastModifiedAt": %d,
      "atsJobPostingId": %q,
      "atsJobPostingName": "Senior Software Engineer",
      "candidateEmail": "johndoe999986@outlook.com",
      "firstName": "John",
      "lastName": "Doe",
      "source": "Referral",
      "dispositionReason": ""
    }
  }
}`, applKey, pmCandidateID, created, created, pmPublicJobID)}, 200, &got)
		pmDiff(t, "batch_update", pmOK(canonAppl), got)
		var back pmBatchGet[pmApplication]
		e.send(t, pmReq{method: "GET", path: "/v2/atsApplications?" + applIDs, token: child}, 200, &back)
		pmDiff(t, "application read back", pmBatchGet[pmApplication]{Results: map[string]pmApplication{canonAppl: {
			ATSCandidateID: pmCandidateID, ATSCreatedAt: created, ATSLastModifiedAt: created, ATSJobPostingID: pmPublicJobID,
			ATSJobPostingName: "Senior Software Engineer", CandidateEmail: "johndoe999986@outlook.com", FirstName: "John",
			LastName: "Doe", Source: "Referral"}}, Statuses: map[string]int{canonAppl: 200}}, back)
	})
	step(t, "27_SyncJobApplicationNotes", func(t *testing.T) {
		var got pmBatchWrite
		e.send(t, pmReq{"PUT", applBase + "/notes?ids=" + pmAppNoteID, child,
			map[string]string{"Content-Type": "application/json", "x-restli-method": "batch_update"}, fmt.Sprintf(`{
  "entities": {
    %q: {
      "atsCreatedAt": %d,
      "note": "Great resume, we should review.",
      "author": {"firstName": "Rita", "lastName": "Book"}
    }
}
}`, pmAppNoteID, created)}, 200, &got)
		pmDiff(t, "batch_update", pmOK(pmAppNoteID), got)
	})
	// The collection's interview-feedback PUT has no x-restli-method
	// header (rsc-api.md §2.2): a PUT with ids is still a batch_update.
	step(t, "28_SyncApplicationInterviewFeedback", func(t *testing.T) {
		var got pmBatchWrite
		e.send(t, pmReq{"PUT", applBase + "/interviewFeedback?ids=" + pmFeedbackID, child, jsonHdr, fmt.Sprintf(`{
  "entities": {
    %q: {
      "atsCreatedAt": %d,
      "evaluations": [{"attribute": "Verbal Communication", "result": "4/5"}],
      "feedback": "Great interview!",
      "interviewer": {"firstName": "Rita", "lastName": "Book"}
    }
 }
}`, pmFeedbackID, created)}, 200, &got)
		pmDiff(t, "batch_update", pmOK(pmFeedbackID), got)
		var back pmBatchGet[pmFeedback]
		e.send(t, pmReq{method: "GET", path: applBase + "/interviewFeedback?ids=" + pmFeedbackID, token: child}, 200, &back)
		f := back.Results[pmFeedbackID]
		if f.Feedback != "Great interview!" || len(f.Evaluations) != 1 || f.Evaluations[0].Result != "4/5" ||
			f.Interviewer != (pmActor{"Rita", "Book"}) || f.ATSCreatedAt != created {
			t.Errorf("feedback read back = %+v", back)
		}
	})
	stages := applBase + "/stages?ids=STAGE001&ids=STAGE002&ids=STAGE003"
	step(t, "29_SyncApplicationStages", func(t *testing.T) {
		var got pmBatchWrite
		e.send(t, pmReq{"PUT", stages, child, with("batch_update"), fmt.Sprintf(`{
  "entities": {
  	"STAGE001": {"atsCreatedAt": %[1]d, "stage": "New"},
    "STAGE002": {"atsCreatedAt": %[1]d, "stage": "Phone Interview"},
    "STAGE003": {"atsCreatedAt": %[1]d, "stage": "TPS"}
}
}
`, created)}, 200, &got)
		pmDiff(t, "batch_update", pmOK("STAGE001", "STAGE002", "STAGE003"), got)
		var back pmBatchGet[pmStage]
		e.send(t, pmReq{method: "GET", path: stages, token: child}, 200, &back)
		pmDiff(t, "stages read back", pmBatchGet[pmStage]{Results: map[string]pmStage{
			"STAGE001": {created, "New"}, "STAGE002": {created, "Phone Interview"}, "STAGE003": {created, "TPS"}},
			Statuses: map[string]int{"STAGE001": 200, "STAGE002": 200, "STAGE003": 200}}, back)
	})

	// Between Module 2 and Module 3 the admin switches on contract-level
	// access, which enables CSA_API for the contract.
	step(t, "29a_AdminEnablesContractLevel", func(t *testing.T) { enable(t, "contract", 4) })
	step(t, "29b_GetNotificationIntegrationStatusChange_CSAEnabled", func(t *testing.T) {
		e.awaitStatusChange(t, child, app.Credentials.ClientSecret, []pmIntegration{
			wantIntegration(contract, "CSA_API", names["CSA_API"], "ENABLED"),
		})
	})

	// Module 3 — retrieve data from LinkedIn (30–34). A recruiter of the
	// customer exports a member to the public job; LinkedIn pushes
	// EXPORT_CANDIDATE_PROFILE and the ATS fetches it (30).
	prospect, err := e.store.FindMemberByID(context.Background(), 150)
	if err != nil {
		t.Fatal(err)
	}
	var exportID string
	var seatID string // request 31's answer, used by 32–34 as the collection says
	now := func() int64 { return e.clk.Now().UnixMilli() }
	var since int64
	step(t, "29c_RecruiterExportsMember", func(t *testing.T) {
		since = now() - 1
		var got struct {
			RequestID string `json:"requestId"`
		}
		e.send(t, pmReq{"POST", "/sim/v1/exports", linkedinsim.DefaultControlToken, jsonHdr,
			`{"seat":"` + cu.recruiter.URN + `","member":"` + prospect.PersonURN + `","app":"` + app.Key +
				`","externalJobPostingId":"` + pmPublicJobID + `"}`}, http.StatusCreated, &got)
		exportID = e.awaitPush(t, app.Credentials.ClientSecret, "EXPORT_CANDIDATE_PROFILE")
		if exportID != got.RequestID {
			t.Errorf("pushed id %q, export %q", exportID, got.RequestID)
		}
	})
	step(t, "30_GetNotificationExportCandidateProfile", func(t *testing.T) {
		var got pmFinder[pmExported]
		e.send(t, pmReq{method: "GET", token: child,
			path: "/v2/exportedCandidates?q=request&requestId=" + url.QueryEscape(exportID)}, 200, &got)
		if len(got.Elements) != 1 || got.Paging.Total != 1 {
			t.Fatalf("exportedCandidates = %+v", got)
		}
		x := got.Elements[0]
		want := pmExported{IntegrationContext: org, ExternalJobPostingID: pmPublicJobID}
		want.Candidate.Member, want.Candidate.FirstName, want.Candidate.LastName = prospect.PersonURN, prospect.FirstName, prospect.LastName
		x.Candidate.Headline, x.Candidate.ProfileURL = "", ""
		pmDiff(t, "exported candidate", want, x)
		if got.Elements[0].Candidate.ProfileURL == "" {
			t.Errorf("no profile URL in %+v", got.Elements[0])
		}
	})
	step(t, "31_RetrieveRecruiterSeatholders", func(t *testing.T) {
		var got pmFinder[map[string]any]
		e.send(t, pmReq{method: "GET", token: child,
			path: "/v2/seats?q=seatsByAttributes&fields=id&active=true&count=100&start=0&contracts=" + contract}, 200, &got)
		ids := map[string]bool{}
		for _, el := range got.Elements {
			if len(el) != 1 || el["id"] == nil {
				t.Errorf("fields=id element %v", el)
			}
			ids[fmt.Sprint(el["id"])] = true
		}
		seatID = strings.TrimPrefix(cu.recruiter.URN, "urn:li:seat:")
		if !ids[seatID] || !ids[strings.TrimPrefix(cu.admin.URN, "urn:li:seat:")] {
			t.Fatalf("seats %v lack %s or %s", ids, cu.recruiter.URN, cu.admin.URN)
		}
		if got.Paging.Start != 0 || got.Paging.Count != 100 || got.Paging.Total != len(got.Elements) {
			t.Errorf("paging = %+v", got.Paging)
		}
	})
	step(t, "31a_RecruiterSendsInMailMemberSharesContact", func(t *testing.T) {
		var im struct {
			ID int64 `json:"id"`
		}
		e.send(t, pmReq{"POST", "/sim/v1/inmails", linkedinsim.DefaultControlToken, jsonHdr,
			`{"seat":"` + cu.recruiter.URN + `","member":"` + prospect.PersonURN + `","subject":"A role at ` + pmCustomerName +
				`","body":"Would you like to talk?"}`}, http.StatusCreated, &im)
		e.send(t, pmReq{"POST", fmt.Sprintf("/sim/v1/inmails/%d/replies", im.ID), linkedinsim.DefaultControlToken, jsonHdr,
			`{"body":"Sure, call me","shareProfile":true,"shareEmail":true}`}, http.StatusCreated, nil)
	})
	step(t, "32_RetrieveInMailHistory", func(t *testing.T) {
		var got pmFinder[pmConversationEvent]
		e.send(t, pmReq{method: "GET", token: child, path: fmt.Sprintf(
			"/v2/conversationEvents?q=criteria&viewer=urn:li:seat:%s&timeRange.end=%d&timeRange.start=%d&start=0&count=50",
			seatID, now()+60_000, since)}, 200, &got)
		var types []string
		for _, ev := range got.Elements {
			if ev.Seat != cu.recruiter.URN || ev.Member != prospect.PersonURN || ev.OccurredAt < since {
				t.Errorf("event %+v", ev)
			}
			types = append(types, ev.EventType)
		}
		pmDiff(t, "event types", []string{"INMAIL_RECEIVED", "INMAIL_SENT"}, sortedStrings(types))
		if got.Paging.Start != 0 || got.Paging.Count != 50 || got.Paging.Total != 2 {
			t.Errorf("paging = %+v", got.Paging)
		}
	})
	step(t, "33_RetrieveInMailStubProfiles", func(t *testing.T) {
		var got pmFinder[pmMailStub]
		e.send(t, pmReq{method: "GET", token: child, path: fmt.Sprintf(
			"/v2/mailStubs?q=contract&start=0&count=50&contract=%s&createdDateStart=%d&createdDateEnd=%d&owners=urn:li:seat:%s",
			contract, since, now()+60_000, seatID)}, 200, &got)
		if len(got.Elements) != 1 || got.Paging.Total != 1 {
			t.Fatalf("mailStubs = %+v", got)
		}
		pmDiff(t, "stub", pmMailStub{Owner: cu.recruiter.URN, Contract: contract, Member: prospect.PersonURN,
			FirstName: prospect.FirstName, LastName: prospect.LastName, EmailAddress: prospect.Email},
			pmMailStub{Owner: got.Elements[0].Owner, Contract: got.Elements[0].Contract, Member: got.Elements[0].Member,
				FirstName: got.Elements[0].FirstName, LastName: got.Elements[0].LastName, EmailAddress: got.Elements[0].EmailAddress})
	})
	step(t, "33a_RecruiterWritesProspectNote", func(t *testing.T) {
		e.send(t, pmReq{"POST", "/sim/v1/notes", linkedinsim.DefaultControlToken, jsonHdr,
			`{"seat":"` + cu.recruiter.URN + `","member":"` + prospect.PersonURN + `","note":"Strong on Go"}`}, http.StatusCreated, nil)
	})
	step(t, "34_RetrieveProspectNotes", func(t *testing.T) {
		var got pmFinder[pmProspectNote]
		e.send(t, pmReq{method: "GET", token: child, path: fmt.Sprintf(
			"/v2/prospectNotes?q=criteria&start=0&contract=%s&cutoffDate=%d&beforeDate=%d&count=100&owners=urn:li:seat:%s",
			contract, since, now()+60_000, seatID)}, 200, &got)
		if len(got.Elements) != 1 || got.Paging.Total != 1 || got.Paging.Count != 100 {
			t.Fatalf("prospectNotes = %+v", got)
		}
		n := got.Elements[0]
		pmDiff(t, "note", pmProspectNote{Owner: cu.recruiter.URN, Contract: contract, Member: prospect.PersonURN,
			Note: "Strong on Go", Active: true}, pmProspectNote{Owner: n.Owner, Contract: n.Contract, Member: n.Member,
			Note: n.Note, Active: n.Active})
		if n.LastModifiedAt < since {
			t.Errorf("lastModifiedAt %d before the window", n.LastModifiedAt)
		}
	})

	// Module 4 — ACLs (35–37) and assignees (38–40). The body keys list
	// the fields in another order than the ids[0] parameters.
	aclIDs := "ids[0].atsEntityAclId=" + pmACLID + "&ids[0].dataProvider=ATS&ids[0].integrationContext=" + org +
		"&ids[0].atsEntityType=JOB_POSTING&ids[0].atsEntityId=" + pmPublicJobID
	canonACL := restli.Key{"atsEntityAclId": pmACLID, "dataProvider": "ATS", "integrationContext": org,
		"atsEntityType": "JOB_POSTING", "atsEntityId": pmPublicJobID}.String()
	asIDs := "ids[0].atsEntityAclId=" + pmACLID + "&ids[0].integrationContext=" + org + "&ids[0].dataProvider=ATS" +
		"&ids[0].assignee=" + personID + "&ids[0].atsEntityType=JOB_POSTING"
	canonAs := restli.Key{"atsEntityAclId": pmACLID, "dataProvider": "ATS", "integrationContext": org,
		"atsEntityType": "JOB_POSTING", "assignee": personID}.String()
	aclFinder := "/v2/atsEntityAcls?atsEntityId=" + pmPublicJobID + "&atsEntityType=JOB_POSTING&dataProvider=ATS&integrationContext=" +
		org + "&q=criteria&start=0&count=100"
	asFinder := "/v2/atsEntityAclAssignees?q=criteria&assignee=" + personID + "&dataProvider=ATS&integrationContext=" + org
	wantACL := pmACL{pmACLID, pmPublicJobID, "JOB_POSTING", "ATS", org}
	wantAs := pmAssignee{pmACLID, personID, "JOB_POSTING", "ATS", org}
	step(t, "35_UpsertEntityACL", func(t *testing.T) {
		var got pmBatchWrite
		e.send(t, pmReq{"PUT", "/v2/atsEntityAcls?" + aclIDs, child, with("batch_update"), `{
  "entities": {
  		"dataProvider=ATS&integrationContext=` + org + `&atsEntityType=JOB_POSTING&atsEntityId=` + pmPublicJobID + `&atsEntityAclId=` + pmACLID + `": {}
      }
}
`}, 200, &got)
		pmDiff(t, "batch_update", pmOK(canonACL), got)
	})
	step(t, "36_RetrieveEntityACL", func(t *testing.T) {
		var got pmFinder[pmACL]
		e.send(t, pmReq{method: "GET", path: aclFinder, token: child}, 200, &got)
		pmDiff(t, "ACL finder", pmFinder[pmACL]{Elements: []pmACL{wantACL}, Paging: pmPaging{Start: 0, Count: 100, Total: 1}}, got)
	})
	step(t, "37_DeleteEntityACL", func(t *testing.T) {
		var got pmBatchWrite
		e.send(t, pmReq{method: "DELETE", token: child, path: "/v2/atsEntityAcls?ids[0].atsEntityAclId=" + pmACLID +
			"&ids[0].dataProvider=ATS&ids[0].integrationContext=" + org + "&ids[0].atsEntityId=" + pmPublicJobID +
			"&ids[0].atsEntityType=JOB_POSTING"}, 200, &got)
		pmDiff(t, "batch delete", pmOK(canonACL), got)
		var back pmFinder[pmACL]
		e.send(t, pmReq{method: "GET", path: aclFinder, token: child}, 200, &back)
		if len(back.Elements) != 0 || back.Paging.Total != 0 {
			t.Errorf("ACL finder after delete = %+v", back)
		}
	})
	step(t, "38_UpsertEntityACLAssignees", func(t *testing.T) {
		var got pmBatchWrite
		e.send(t, pmReq{"PUT", "/v2/atsEntityAclAssignees?" + asIDs, child, with("batch_update"), `{
  "entities": {
    "dataProvider=ATS&integrationContext=` + org + `&atsEntityType=JOB_POSTING&atsEntityAclId=` + pmACLID + `&assignee=` + personID + `": {}
  }
}`}, 200, &got)
		pmDiff(t, "batch_update", pmOK(canonAs), got)
	})
	step(t, "39_RetrieveEntityACLAssignees", func(t *testing.T) {
		var got pmFinder[pmAssignee]
		e.send(t, pmReq{method: "GET", path: asFinder, token: child}, 200, &got)
		pmDiff(t, "assignee finder", pmFinder[pmAssignee]{Elements: []pmAssignee{wantAs},
			Paging: pmPaging{Start: 0, Count: 10, Total: 1}}, got)
	})
	step(t, "40_DeleteEntityACLAssignees", func(t *testing.T) {
		var got pmBatchWrite
		e.send(t, pmReq{method: "DELETE", token: child, path: "/v2/atsEntityAclAssignees?ids[0].atsEntityAclId=" + pmACLID +
			"&ids[0].dataProvider=ATS&ids[0].integrationContext=" + org + "&ids[0].assignee=" + personID +
			"&ids[0].atsEntityType=JOB_POSTING"}, 200, &got)
		pmDiff(t, "batch delete", pmOK(canonAs), got)
		var back pmFinder[pmAssignee]
		e.send(t, pmReq{method: "GET", path: asFinder, token: child}, 200, &back)
		if len(back.Elements) != 0 {
			t.Errorf("assignee finder after delete = %+v", back)
		}
	})

	// Module 5 — deletes, in the collection's order: the candidate (41)
	// before its note (42), the application (43) before its notes,
	// feedback and stages (44–46). Deleting an application deletes those
	// (rsc-api.md §3.8, §6.6), and the simulator deletes a candidate's
	// notes with it, so 42 and 44–46 find nothing left: not found, either
	// as a 404 for the request or as a 404 per entity.
	wantGone := func(t *testing.T, path string, ids ...string) {
		t.Helper()
		var raw json.RawMessage
		resp := e.call(t, "DELETE", path, child, "", "", nil, &raw)
		switch resp.StatusCode {
		case http.StatusNotFound:
			var le linkedinError
			if err := json.Unmarshal(raw, &le); err != nil || le.Status != 404 || le.Message == "" {
				t.Errorf("404 body %s", raw)
			}
		case http.StatusOK:
			var w pmBatchWrite
			if err := json.Unmarshal(raw, &w); err != nil {
				t.Fatal(err)
			}
			for _, id := range ids {
				if w.Errors[id].Status != 404 {
					t.Errorf("%s: %s = %+v, want 404", path, id, w)
				}
			}
		default:
			t.Errorf("DELETE %s = %d %s, want not found", path, resp.StatusCode, raw)
		}
	}
	step(t, "41_DeleteCandidates", func(t *testing.T) {
		var got pmBatchWrite
		e.send(t, pmReq{method: "DELETE", path: "/v2/atsCandidates?" + candIDs, token: child}, 200, &got)
		pmDiff(t, "batch delete", pmOK(canonCand), got)
		var back pmBatchGet[pmCandidate]
		e.send(t, pmReq{method: "GET", path: "/v2/atsCandidates?" + candIDs, token: child}, 200, &back)
		if back.Statuses[canonCand] != 404 || len(back.Results) != 0 {
			t.Errorf("candidate after delete = %+v", back)
		}
	})
	step(t, "42_DeleteCandidateNote", func(t *testing.T) { wantGone(t, candNotes, pmNoteID) })
	step(t, "43_DeleteJobApplications", func(t *testing.T) {
		var got pmBatchWrite
		e.send(t, pmReq{method: "DELETE", path: "/v2/atsApplications?" + applIDs, token: child}, 200, &got)
		pmDiff(t, "batch delete", pmOK(canonAppl), got)
		var back pmBatchGet[pmApplication]
		e.send(t, pmReq{method: "GET", path: "/v2/atsApplications?" + applIDs, token: child}, 200, &back)
		if back.Statuses[canonAppl] != 404 {
			t.Errorf("application after delete = %+v", back)
		}
	})
	step(t, "44_DeleteJobApplicationNotes", func(t *testing.T) { wantGone(t, applBase+"/notes?ids="+pmAppNoteID, pmAppNoteID) })
	step(t, "45_DeleteInterviewFeedback", func(t *testing.T) {
		wantGone(t, applBase+"/interviewFeedback?ids="+pmFeedbackID, pmFeedbackID)
	})
	step(t, "46_DeleteApplicationStages", func(t *testing.T) { wantGone(t, stages, "STAGE001", "STAGE002", "STAGE003") })
	for _, kind := range []linkedinsim.SubKind{linkedinsim.KindApplicationNote, linkedinsim.KindInterviewFeedback, linkedinsim.KindStage} {
		orgID, _ := linkedinsim.ParseOrganizationURN(org)
		left, err := e.store.ListSubRecords(context.Background(), linkedinsim.RecordKey{OrganizationID: orgID, ID: pmApplicationID}, kind)
		if err != nil || len(left) != 0 {
			t.Errorf("%s left after Module 5: %d (%v)", kind, len(left), err)
		}
	}

	// Request 47 in its place at the collection's root: a fresh customer
	// token works for the customer's data (the ATS re-authenticates).
	step(t, "47_GetCustomerApplicationAccessToken", func(t *testing.T) {
		fresh := e.clientCredentials(t, app.Credentials.ClientID, app.Credentials.ClientSecret).AccessToken
		if fresh == child {
			t.Errorf("a new client-credentials call returned the same token")
		}
		var got pmBatchGet[pmIntegration]
		e.send(t, pmReq{method: "GET", token: fresh, path: "/v2/atsIntegrations?ids[0].integrationContext=" + contract +
			"&ids[0].integrationType=CSA_API&ids[0].tenantType=RECRUITER&ids[0].dataProvider=ATS"}, 200, &got)
		if got.Results[csa].OnboardingStatus != "ENABLED" {
			t.Errorf("CSA_API with the fresh token = %+v", got)
		}
	})
	// Request 48: the recruiter signs in to LinkedIn and authorizes the
	// customer app (3-legged, r_liteprofile, redirect to the callback the
	// collection registered in 2); /v2/me gives the person id that 24 and
	// 38 used.
	step(t, "48_GetPersonID_ThreeLegged", func(t *testing.T) {
		b := newBrowser(t, e.simEnv)
		b.signIn(cu.recruiter.Member.Email, e.world.SeatPassword)
		cfg := oauth2.Config{ClientID: app.Credentials.ClientID, ClientSecret: app.Credentials.ClientSecret,
			RedirectURL: "https://app.getpostman.com/oauth2/callback", Scopes: []string{"r_liteprofile"},
			Endpoint: oauth2.Endpoint{AuthURL: e.srv.URL + "/oauth/v2/authorization",
				TokenURL: e.srv.URL + "/oauth/v2/accessToken", AuthStyle: oauth2.AuthStyleInParams}}
		authURL, err := url.Parse(cfg.AuthCodeURL("pm-state"))
		if err != nil {
			t.Fatal(err)
		}
		resp, body := b.do("GET", "/oauth/v2/authorization?"+authURL.RawQuery, nil, nil)
		if resp.StatusCode != 200 {
			t.Fatalf("consent page = %d\n%s", resp.StatusCode, body)
		}
		form := authURL.Query()
		form.Set("action", "allow")
		resp, _ = b.do("POST", "/oauth/v2/authorization", form, nil)
		loc, err := url.Parse(resp.Header.Get("Location"))
		if resp.StatusCode != http.StatusFound || err != nil || loc.Query().Get("state") != "pm-state" || loc.Query().Get("code") == "" ||
			!strings.HasPrefix(loc.String(), "https://app.getpostman.com/oauth2/callback?") {
			t.Fatalf("allow = %d → %q", resp.StatusCode, resp.Header.Get("Location"))
		}
		tok, err := cfg.Exchange(context.Background(), loc.Query().Get("code"))
		if err != nil {
			t.Fatal(err)
		}
		var me map[string]any
		e.send(t, pmReq{method: "GET", path: "/v2/me?fields=id", token: tok.AccessToken}, 200, &me)
		pmDiff(t, "/v2/me?fields=id", map[string]any{"id": strings.TrimPrefix(personID, "urn:li:person:")}, me)
	})
}

// awaitPush waits for the next push of type typ (others are skipped),
// checks its signature and returns its id.
func (e *pmEnv) awaitPush(t *testing.T, secret, typ string) string {
	t.Helper()
	deadline := time.After(10 * time.Second)
	for {
		var r received
		select {
		case r = <-e.cb.got:
		case <-deadline:
			t.Fatalf("no %s push arrived", typ)
		}
		var n struct {
			ID, Type  string
			ExpiresAt int64 `json:"expiresAt"`
		}
		if err := json.Unmarshal(r.body, &n); err != nil {
			t.Fatalf("push body %s: %v", r.body, err)
		}
		if n.Type != typ {
			continue
		}
		if r.signature != linkedinsim.SignPush(r.body, secret) || n.ID == "" {
			t.Fatalf("push %s: signature %q, id %q", r.body, r.signature, n.ID)
		}
		return n.ID
	}
}

func sortedStrings(s []string) []string {
	out := slices.Clone(s)
	slices.Sort(out)
	return out
}

type pmExported struct {
	IntegrationContext   string `json:"integrationContext"`
	ExternalJobPostingID string `json:"externalJobPostingId"`
	Candidate            struct {
		Member     string `json:"member"`
		FirstName  string `json:"firstName"`
		LastName   string `json:"lastName"`
		Headline   string `json:"headline"`
		ProfileURL string `json:"profileUrl"`
	} `json:"candidate"`
}

type pmConversationEvent struct {
	Seat       string `json:"seat"`
	Member     string `json:"member"`
	EventType  string `json:"eventType"`
	OccurredAt int64  `json:"occurredAt"`
}

type pmMailStub struct {
	Owner        string `json:"owner"`
	Contract     string `json:"contract"`
	Member       string `json:"member"`
	FirstName    string `json:"firstName"`
	LastName     string `json:"lastName"`
	EmailAddress string `json:"emailAddress"`
}

type pmProspectNote struct {
	Owner          string `json:"owner"`
	Contract       string `json:"contract"`
	Member         string `json:"member"`
	Note           string `json:"note"`
	Active         bool   `json:"active"`
	LastModifiedAt int64  `json:"lastModifiedAt"`
}

// TestPostmanSubRecordDeletes sends Module 5's sub-record deletes (42,
// 44–46) while their parents still exist, the order an ATS deleting one
// note or stage uses: each answers 200 with 204 per entity.
func TestPostmanSubRecordDeletes(t *testing.T) {
	e := setupPostman(t)
	cu := e.customerAt(t, 0)
	org := cu.org
	_, child, _ := e.onboardApp(t, cu, "acme-deletes", true)
	e.job(t, child, org, pmPublicJobID)
	candKey := "atsCandidateId=" + pmCandidateID + "&dataProvider=ATS&integrationContext=" + org
	applKey := "atsJobApplicationId=" + pmApplicationID + "&dataProvider=ATS&integrationContext=" + org
	put := map[string]string{"x-restli-method": "batch_update", "Content-Type": "application/json"}
	e.send(t, pmReq{"PUT", "/v2/atsCandidates?ids[0].atsCandidateId=" + pmCandidateID + "&ids[0].dataProvider=ATS&ids[0].integrationContext=" + org,
		child, put, `{"entities": {"` + candKey + `": ` + pmCandidateBody("john") + `}}`}, 200, nil)
	e.send(t, pmReq{"PUT", "/v2/atsApplications?ids[0].atsJobApplicationId=" + pmApplicationID + "&ids[0].dataProvider=ATS&ids[0].integrationContext=" + org,
		child, put, `{"entities": {"` + applKey + `": ` + pmApplicationBody(pmPublicJobID) + `}}`}, 200, nil)
	for _, tc := range []struct{ path, body string }{
		{"/v2/atsCandidates/" + candKey + "/notes?ids=" + pmNoteID, `{"entities": {"` + pmNoteID + `": {"note": "n"}}}`},
		{"/v2/atsApplications/" + applKey + "/notes?ids=" + pmAppNoteID, `{"entities": {"` + pmAppNoteID + `": {"note": "n"}}}`},
		{"/v2/atsApplications/" + applKey + "/interviewFeedback?ids=" + pmFeedbackID, `{"entities": {"` + pmFeedbackID + `": {"feedback": "f"}}}`},
		{"/v2/atsApplications/" + applKey + "/stages?ids=STAGE001&ids=STAGE002", `{"entities": {"STAGE001": {"atsCreatedAt": 1700000000000, "stage": "New"},
			"STAGE002": {"atsCreatedAt": 1700000000000, "stage": "TPS"}}}`},
	} {
		var w pmBatchWrite
		e.send(t, pmReq{"PUT", tc.path, child, put, tc.body}, 200, &w)
		var ids []string
		for id := range w.Results {
			ids = append(ids, id)
		}
		if len(w.Errors) != 0 || len(ids) == 0 {
			t.Fatalf("PUT %s = %+v", tc.path, w)
		}
		var got pmBatchWrite
		e.send(t, pmReq{method: "DELETE", path: tc.path, token: child}, 200, &got)
		pmDiff(t, "DELETE "+tc.path, pmOK(ids...), got)
		var back pmBatchGet[map[string]any]
		e.send(t, pmReq{method: "GET", path: tc.path, token: child}, 200, &back)
		for _, id := range ids {
			if back.Statuses[id] != 404 {
				t.Errorf("GET %s after delete: %s = %d", tc.path, id, back.Statuses[id])
			}
		}
	}
}

// pmCandidateBody is request 22's candidate with another first name.
func pmCandidateBody(first string) string {
	return `{"addresses": [{"line1": "31 Spooner St", "city": "Quahog", "geographicArea": "RI", "geographicAreaType": "STATE",
	  "postalCode": "02802", "country": "us"}], "atsCreatedAt": 1700000000000, "atsLastModifiedAt": 1700000000000,
	  "currentCompanyName": "Candidate Test Company", "currentJobTitle": "Quality Assurance",
	  "emailAddresses": ["johndoe999986@outlook.com"], "externalProfileUrl": "https://example.com/p-griffin",
	  "firstName": "` + first + `", "lastName": "doe", "middleInitial": "L",
	  "phoneNumbers": [{"number": "555-555-5555", "extension": "1234"}], "prefix": "Mr", "suffix": "Jr"}`
}

// pmApplicationBody is request 26's application for job.
func pmApplicationBody(job string) string {
	return `{"atsCandidateId": "` + pmCandidateID + `", "atsCreatedAt": 1700000000000, "atsLastModifiedAt": 1700000000000,
	  "atsJobPostingId": "` + job + `", "atsJobPostingName": "Senior Software Engineer",
	  "candidateEmail": "johndoe999986@outlook.com", "firstName": "John", "lastName": "Doe", "source": "Referral",
	  "dispositionReason": ""}`
}

// onboardApp runs Module 1 for customer cu over HTTP (provision, widget
// request, naming, CALLBACK_URL) and, when enable, has the admin enable
// company- and contract-level access. It returns the app, its token and
// the widget's requestId.
func (e *pmEnv) onboardApp(t *testing.T, cu pmCustomer, foreignID string, enable bool) (pmApp, string, string) {
	t.Helper()
	parent := e.clientCredentials(t, e.world.Partner.ClientID, e.world.Partner.ClientSecret).AccessToken
	var app pmApp
	e.send(t, pmReq{"POST", "/v2/provisionedApplications", parent, map[string]string{"Content-Type": "application/json"},
		`{"uniqueForeignId": "` + foreignID + `", "name": "Attractor - ` + foreignID + `", "description": "test",
		  "validJsSdkDomains": ["http://localhost:5000"]}`}, http.StatusCreated, &app)
	reqID, err := e.svc.RequestIntegration(context.Background(), app.Credentials.ClientID, cu.admin.Member.URN,
		cu.org, cu.contract, linkedinsim.LevelContract)
	if err != nil {
		t.Fatal(err)
	}
	child := e.clientCredentials(t, app.Credentials.ClientID, app.Credentials.ClientSecret).AccessToken
	var ents []string
	var ids []string
	for i, p := range [][2]string{{cu.org, "ONE_CLICK_EXPORT"}, {cu.org, "IN_ATS_INDICATOR"}, {cu.org, "PROFILE_PLUGIN"},
		{cu.contract, "CSA_API"}} {
		ents = append(ents, fmt.Sprintf(`"integrationContext=%s&integrationType=%s&tenantType=RECRUITER&dataProvider=ATS": {"patch": {"$set": {"integrationName": "%s %s"}}}`,
			p[0], p[1], foreignID, p[1]))
		ids = append(ids, fmt.Sprintf("ids[%d].integrationContext=%s&ids[%d].integrationType=%s&ids[%d].tenantType=RECRUITER&ids[%d].dataProvider=ATS",
			i, p[0], i, p[1], i, i))
	}
	hdr := map[string]string{"x-restli-method": "batch_partial_update", "Content-Type": "application/json"}
	var w pmBatchWrite
	e.send(t, pmReq{"POST", "/v2/atsIntegrations?" + strings.Join(ids, "&"), child, hdr,
		`{"entities": {` + strings.Join(ents, ",") + `}}`}, 200, &w)
	if len(w.Errors) != 0 || len(w.Results) != 4 {
		t.Fatalf("naming = %+v", w)
	}
	w = pmBatchWrite{}
	e.send(t, pmReq{"PUT", "/v2/atsIntegrations/integrationContext=" + cu.org +
		"&integrationType=ONE_CLICK_EXPORT&tenantType=RECRUITER&dataProvider=ATS/configurations?ids=CALLBACK_URL", child,
		map[string]string{"x-restli-method": "batch_update", "Content-Type": "application/json"},
		`{"entities": {"CALLBACK_URL": {"configurationValue": {"string": "` + e.cb.URL + "/li/" + foreignID + `"}}}}`}, 200, &w)
	if w.Results["CALLBACK_URL"].Status != 204 {
		t.Fatalf("CALLBACK_URL = %+v", w)
	}
	if enable {
		for _, level := range []string{"company", "contract"} {
			e.send(t, pmReq{"POST", "/sim/v1/ats-instances/" + app.Key + "/enable", linkedinsim.DefaultControlToken,
				map[string]string{"Content-Type": "application/json"},
				`{"level":"` + level + `","contract":"` + cu.contract + `","actor":"` + cu.admin.URN + `"}`}, 200, nil)
		}
	}
	return app, child, reqID
}

// job syncs one public job for org and returns its task URN.
func (e *pmEnv) job(t *testing.T, child, org, id string) string {
	t.Helper()
	var got pmCreated
	e.send(t, pmReq{"POST", "/v2/simpleJobPostings", child,
		map[string]string{"x-restli-method": "batch_create", "Content-Type": "application/json"},
		`{"elements": [{"integrationContext": "` + org + `", "externalJobPostingId": "` + id + `", "title": "Senior Software Engineer",
		  "description": "Build things.", "location": "San Francisco, CA", "availability": "PUBLIC", "state": "LISTED",
		  "companyApplyUrl": "http://localhost:5000/jobs", "listedAt": 1700000000000}]}`}, 200, &got)
	if len(got.Elements) != 1 || got.Elements[0].Status != 202 {
		t.Fatalf("job %s = %+v", id, got)
	}
	return got.Elements[0].ID
}
