package rsc_test

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"attractor/internal/linkedinsim"
	"attractor/internal/linkedinsim/simstore"
	"attractor/internal/rsc"
	"attractor/internal/sqldb"
	"attractor/internal/sqldb/sqldbtest"
)

// In the simulator's default world organization 1001 has contract 5001,
// whose admin seat is 90001 and whose seat 90002 is an ordinary recruiter.
const (
	simOrg      = "urn:li:organization:1001"
	simContract = "urn:li:contract:5001"
	simAdmin    = "urn:li:seat:90001"
)

// countingTransport counts token requests and API 401s, so the test can
// prove the one refresh and retry over real HTTP.
type countingTransport struct {
	tokens, unauthorized atomic.Int32
}

func (c *countingTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	if strings.HasSuffix(r.URL.Path, "/oauth/v2/accessToken") {
		c.tokens.Add(1)
	}
	resp, err := http.DefaultTransport.RoundTrip(r)
	if err == nil && resp.StatusCode == http.StatusUnauthorized {
		c.unauthorized.Add(1)
	}
	return resp, err
}

type simEnv struct {
	url   string
	svc   *linkedinsim.Service
	store *simstore.Store
}

func setupSim(t *testing.T) *simEnv {
	t.Helper()
	ctx := context.Background()
	store := simstore.New(sqldbtest.OpenSQLite(t, simstore.MigrationsFor(sqldb.SQLite)), nil)
	if err := linkedinsim.Generate(ctx, store, 1, 200); err != nil {
		t.Fatal(err)
	}
	svc := linkedinsim.NewService(store, nil)
	srv := httptest.NewServer(linkedinsim.NewServer(svc, slog.New(slog.DiscardHandler)).Handler())
	t.Cleanup(srv.Close)
	return &simEnv{url: srv.URL, svc: svc, store: store}
}

// control calls the simulator's control API (what LinkedIn's users do).
func (e *simEnv) control(t *testing.T, method, path, body string) {
	t.Helper()
	req, _ := http.NewRequest(method, e.url+path, strings.NewReader(body))
	req.Header.Set("Authorization", "Bearer "+linkedinsim.DefaultControlToken)
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 {
		t.Fatalf("%s %s = %d %s", method, path, resp.StatusCode, b)
	}
}

// member returns the member holding a seat of the default world.
func (e *simEnv) member(t *testing.T, seat int64) *linkedinsim.Member {
	t.Helper()
	s, _, err := e.store.FindSeatContract(context.Background(), seat)
	if err != nil {
		t.Fatal(err)
	}
	m, err := e.store.FindMemberByID(context.Background(), s.MemberID)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func (e *simEnv) client(id, secret string, tr *countingTransport) *rsc.Client {
	return rsc.New(rsc.Config{APIURL: e.url, AuthURL: e.url, ClientID: id, ClientSecret: secret,
		HTTPClient: &http.Client{Transport: tr, Timeout: 10 * time.Second}})
}

const (
	linkedinsimPartnerID     = linkedinsim.DefaultPartnerClientID
	linkedinsimPartnerSecret = linkedinsim.DefaultPartnerClientSecret
	levelContract            = linkedinsim.LevelContract
)

var allFour = []rsc.IntegrationKey{{simOrg, rsc.OneClickExport}, {simOrg, rsc.InATSIndicator},
	{simOrg, rsc.ProfilePlugin}, {simContract, rsc.CSAAPI}}

// TestAgainstSimulator runs the provisioning and activation flow
// (rsc-api.md §6.1), a job and two candidates (§6.2) and the one token
// refresh (§2.1) against linkedinsim over real HTTP.
func TestAgainstSimulator(t *testing.T) {
	t.Parallel()
	e := setupSim(t)
	ctx := context.Background()
	parent := e.client(linkedinsim.DefaultPartnerClientID, linkedinsim.DefaultPartnerClientSecret, &countingTransport{})
	app := provision(t, ctx, parent)

	tr := &countingTransport{}
	child := e.client(app.Credentials.ClientID, app.Credentials.ClientSecret, tr)
	reqID, err := e.svc.RequestIntegration(ctx, app.Credentials.ClientID, e.member(t, 90001).PersonURN, simOrg,
		simContract, linkedinsim.LevelContract) // the admin's Request click in the widget
	if err != nil {
		t.Fatal(err)
	}
	activate(t, ctx, e, child, app.Key, reqID)
	syncAndMatch(t, ctx, e, child)
	seats, _, err := child.Seats(ctx, []string{simContract}, nil, rsc.PageRequest{Count: 100})
	if err != nil || !hasSeat(seats, e.member(t, 90001).PersonURN) {
		t.Errorf("Seats = %+v, %v; want the admin's seat", seats, err)
	}
	res, err := child.DeleteConfigurations(ctx, allFour[1], []string{rsc.ConfigAppViewers})
	mustAllOK(t, "DeleteConfigurations", res, err)

	e.control(t, "PUT", "/sim/v1/faults", `{"revokeTokens":true}`)
	before, beforeTok := tr.unauthorized.Load(), tr.tokens.Load()
	if _, err := child.IntegrationsByRequest(ctx, reqID); err != nil {
		t.Fatalf("after token revocation: %v", err)
	}
	if tr.unauthorized.Load() != before+1 || tr.tokens.Load() != beforeTok+1 {
		t.Errorf("401s +%d, tokens +%d; want one 401, one refresh and a successful retry",
			tr.unauthorized.Load()-before, tr.tokens.Load()-beforeTok)
	}
	if tr.tokens.Load() != 2 {
		t.Errorf("tokens minted = %d, want 2 (one reused for every call, one after revocation)", tr.tokens.Load())
	}
}

func provision(t *testing.T, ctx context.Context, parent *rsc.Client) *rsc.App {
	t.Helper()
	if _, err := parent.FindApp(ctx, "inst-1"); rsc.KindOf(err) != rsc.Permanent {
		t.Fatalf("FindApp before create = %v, want not found", err)
	}
	app, err := parent.CreateApp(ctx, rsc.AppInput{UniqueForeignID: "inst-1", Name: "Attractor - Acme",
		Description: "Attractor instance inst-1", ValidJSSDKDomains: []string{"https://ats.example"}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := parent.CreateApp(ctx, rsc.AppInput{UniqueForeignID: "inst-1", Name: "Attractor - Acme",
		Description: "again"}); rsc.KindOf(err) != rsc.Permanent {
		t.Errorf("duplicate CreateApp = %v, want a permanent conflict", err)
	}
	if err := parent.SetAppDomains(ctx, app.Key, []string{"https://ats2.example"}); err != nil {
		t.Fatal(err)
	}
	found, err := parent.FindApp(ctx, "inst-1")
	if err != nil || found.Key != app.Key || len(found.ValidJSSDKDomains) != 1 || found.ValidJSSDKDomains[0] != "https://ats2.example" {
		t.Fatalf("FindApp = %+v, %v", found, err)
	}
	return app
}

func activate(t *testing.T, ctx context.Context, e *simEnv, child *rsc.Client, appKey, reqID string) {
	t.Helper()
	names := []string{"Acme 1-Click Export", "Acme In-ATS Indicator", "Acme Profile Plugin", "Acme CSA"}
	res, err := child.NameIntegrations(ctx, allFour, names)
	mustAllOK(t, "NameIntegrations", res, err)
	res, err = child.SetConfigurations(ctx, allFour[0], map[string]string{
		rsc.ConfigCallbackURL: "https://ats.example/linkedin/callback", rsc.ConfigJobPostingViewers: rsc.AllProductUsers})
	mustAllOK(t, "SetConfigurations", res, err)
	res, err = child.SetConfigurations(ctx, allFour[1], map[string]string{rsc.ConfigAppViewers: rsc.AllProductUsers})
	mustAllOK(t, "SetConfigurations viewers", res, err)
	e.control(t, "POST", "/sim/v1/ats-instances/"+appKey+"/enable",
		`{"level":"contract","contract":"`+simContract+`","actor":"`+simAdmin+`"}`)
	got, err := child.GetIntegrations(ctx, allFour)
	if err != nil {
		t.Fatal(err)
	}
	for i, g := range got {
		if g.Value == nil || g.Value.IntegrationName != names[i] || g.Value.OnboardingStatus == "" {
			t.Errorf("integration %v = %+v %v", g.Key, g.Value, g.Err)
		}
	}
	ins, err := child.IntegrationsByRequest(ctx, reqID)
	if err != nil || len(ins) == 0 {
		t.Fatalf("IntegrationsByRequest = %+v, %v", ins, err)
	}
	t.Logf("status after enable: %s", ins[0].OnboardingStatus)
}

func syncAndMatch(t *testing.T, ctx context.Context, e *simEnv, child *rsc.Client) {
	t.Helper()
	now := time.Now().UnixMilli()
	jobs, err := child.CreateJobs(ctx, []rsc.Job{{IntegrationContext: simOrg, ExternalJobPostingID: "J1",
		Title: "Backend Engineer", Description: "<p>Go</p>", Location: "Paris, France", State: rsc.JobListed,
		CompanyApplyURL: "https://ats.example/jobs/J1", ListedAt: now, Availability: rsc.AvailabilityPrivate}})
	if err != nil || jobs[0].Err != nil || !strings.HasPrefix(jobs[0].ID, "urn:li:simpleJobPostingTask:") {
		t.Fatalf("CreateJobs = %+v, %v", jobs, err)
	}
	tasks, err := child.JobTasks(ctx, []string{jobs[0].ID})
	if err != nil || tasks[0].Value == nil || tasks[0].Value.ExternalJobPostingID != "J1" {
		t.Fatalf("JobTasks = %+v, %v", tasks, err)
	}
	m := e.member(t, 90002)
	cands := []rsc.Candidate{
		{ID: "C1", ATSCreatedAt: now, ATSLastModifiedAt: now, FirstName: m.FirstName, LastName: m.LastName,
			EmailAddresses: []string{m.Email}, ExternalProfileURL: "https://ats.example/candidates/C1"},
		{ID: "C2", ATSCreatedAt: now, ATSLastModifiedAt: now, FirstName: "Nobody", LastName: "Known",
			EmailAddresses: []string{"nobody@example.invalid"}, ExternalProfileURL: "https://ats.example/candidates/C2"},
	}
	res, err := child.UpdateCandidates(ctx, simOrg, cands)
	mustAllOK(t, "UpdateCandidates", res, err)
	matches, err := child.CandidateMatches(ctx, simOrg, []string{"C1", "C2"})
	if err != nil || matches[0].Value == nil || matches[1].Value == nil {
		t.Fatalf("CandidateMatches = %+v, %v", matches, err)
	}
	if !contains(matches[0].Value.MatchedMembers, m.PersonURN) {
		t.Errorf("C1 matched %v, want %s", matches[0].Value.MatchedMembers, m.PersonURN)
	}
	res, err = child.SetManualMatches(ctx, simOrg, []rsc.ManualMatch{{CandidateID: "C2", Person: m.PersonURN}})
	mustAllOK(t, "SetManualMatches", res, err)
	res, err = child.DeleteCandidates(ctx, simOrg, []string{"C2"})
	mustAllOK(t, "DeleteCandidates", res, err)

	bad := cands[0]
	bad.ID, bad.ATSCreatedAt = "C3", 0 // LinkedIn requires atsCreatedAt > 0 (rsc-api.md §2.5)
	res, err = child.UpdateCandidates(ctx, simOrg, []rsc.Candidate{cands[0], bad})
	if err != nil || !res[0].OK() || res[1].OK() || res[1].Err.Kind != rsc.Permanent || res[1].Err.Message == "" {
		t.Errorf("UpdateCandidates with one bad record = %+v, %v; want C1 ok, C3 permanent with LinkedIn's message", res, err)
	}
}

func TestSimulatorBadCredentialsNeedReauth(t *testing.T) {
	t.Parallel()
	e := setupSim(t)
	cl := e.client(linkedinsim.DefaultPartnerClientID, "wrong", &countingTransport{})
	if _, err := cl.FindApp(context.Background(), "inst-1"); rsc.KindOf(err) != rsc.NeedsReauth {
		t.Errorf("FindApp with a wrong secret = %v (%v), want needs_reauth", err, rsc.KindOf(err))
	}
}

func mustAllOK(t *testing.T, what string, res []rsc.Result, err error) {
	t.Helper()
	if err != nil {
		t.Fatalf("%s: %v", what, err)
	}
	for _, r := range res {
		if !r.OK() {
			t.Errorf("%s: %v = %d %v", what, r.Key, r.Status, r.Err)
		}
	}
}

func hasSeat(seats []rsc.Seat, member string) bool {
	for _, s := range seats {
		if s.Member == member {
			return true
		}
	}
	return false
}

func contains(s []string, v string) bool {
	for _, x := range s {
		if x == v {
			return true
		}
	}
	return false
}
