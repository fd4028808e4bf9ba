package linkedinsim_test

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"attractor/internal/linkedinsim"
	"attractor/internal/linkedinsim/restli"
)

// exportEnv is a customer with 1-Click Export enabled for org1 and three
// synced jobs: a public one, a private one secured by an ACL whose only
// assignee is plainSeat's member, and a closed one.
type exportEnv struct {
	*intEnv
	app     provisioned
	appURN  string
	child   string
	member  string // an open member to export
	closed  string // a member who closed their account
	planted string // plainSeat's member, the ACL assignee
}

func setupExport(t *testing.T) *exportEnv {
	t.Helper()
	e := &exportEnv{intEnv: setupIntegration(t, 0)}
	e.app, e.child, _ = e.customer(t, "tenant-export")
	e.appURN = e.intEnv.app(t, e.app.Credentials.ClientID).URN()
	e.nameAll(t, e.child)
	e.setCallback(t, e.child, e.callback.URL+"/li/tenant-export")
	e.pushed(t, e.app.Credentials.ClientSecret, "INTEGRATION_STATUS_CHANGE")
	resp := e.call(t, "POST", "/sim/v1/ats-instances/"+e.appURN+"/enable", controlTok, "application/json",
		`{"level":"company","contract":"`+contract1+`","actor":"`+adminSeat+`"}`, nil, nil)
	if resp.StatusCode != 200 {
		t.Fatalf("enable = %d", resp.StatusCode)
	}
	e.pushed(t, e.app.Credentials.ClientSecret, "INTEGRATION_STATUS_CHANGE")
	e.member = e.person(t, 150)
	e.planted = e.seatPerson(t, 90002)
	for i := int64(1); i <= 200; i++ {
		if linkedinsim.GenerateMember(1, i).Closed {
			e.closed = e.person(t, i)
			break
		}
	}
	if e.closed == "" {
		t.Fatal("the test world has no closed member")
	}
	e.syncJobs(t)
	return e
}

func (e *exportEnv) person(t *testing.T, id int64) string {
	t.Helper()
	m, err := e.store.FindMemberByID(context.Background(), id)
	must(t, err)
	return m.PersonURN
}

func (e *exportEnv) seatPerson(t *testing.T, seatID int64) string {
	t.Helper()
	seat, _, err := e.store.FindSeatContract(context.Background(), seatID)
	must(t, err)
	return e.person(t, seat.MemberID)
}

// syncJobs syncs PUB ("Développeur Backend", public), PRIV (private,
// secured for plainSeat's member) and OLD (closed) through the partner
// API, as the ATS does.
func (e *exportEnv) syncJobs(t *testing.T) {
	t.Helper()
	el := func(id, title, extra string) string {
		return `{"integrationContext":"` + org1 + `","externalJobPostingId":"` + id + `","title":"` + title +
			`","description":"<p>Build</p>","location":"Zürich, CH","companyApplyUrl":"https://ats.example/jobs/` + id +
			`","listedAt":1700000000000` + extra + `}`
	}
	body := `{"elements":[` + el("PUB", "Développeur Backend", `,"state":"LISTED","availability":"PUBLIC"`) + `,` +
		el("PRIV", "Secret Backend Lead", `,"state":"LISTED","availability":"PRIVATE_TO_ATS_INTEGRATION"`) + `,` +
		el("OLD", "Backend Veteran", `,"state":"CLOSED"`) + `]}`
	var created struct{ Elements []struct{ Status int } }
	resp := e.call(t, "POST", "/v2/simpleJobPostings", e.child, "application/json", body,
		map[string]string{"X-RestLi-Method": "batch_create"}, &created)
	if resp.StatusCode != 200 || len(created.Elements) != 3 || created.Elements[2].Status != 202 {
		t.Fatalf("sync jobs = %d %+v", resp.StatusCode, created)
	}
	acl := restli.Key{"atsEntityAclId": "G1", "dataProvider": "ATS", "integrationContext": org1,
		"atsEntityId": "PRIV", "atsEntityType": "JOB_POSTING"}
	as := restli.Key{"atsEntityAclId": "G1", "dataProvider": "ATS", "integrationContext": org1,
		"assignee": e.planted, "atsEntityType": "JOB_POSTING"}
	for path, k := range map[string]restli.Key{"/v2/atsEntityAcls": acl, "/v2/atsEntityAclAssignees": as} {
		var got batchResp
		resp := e.call(t, "PUT", batchPath(path, []restli.Key{k}, ""), e.child, "application/json",
			entities([]restli.Key{k}, func(int) string { return "{}" }), map[string]string{"X-RestLi-Method": "batch_update"}, &got)
		wantOK(t, path, got, resp, k.String())
	}
}

type jobsAnswer struct {
	Elements []struct {
		ExternalJobPostingID string `json:"externalJobPostingId"`
		Title                string `json:"title"`
		JobPosting           string `json:"jobPosting"`
		State                string `json:"state"`
		IntegrationContext   string `json:"integrationContext"`
		App                  string `json:"app"`
		ATSName              string `json:"atsName"`
	} `json:"elements"`
	Paging       restli.Paging `json:"paging"`
	ATSInstances []struct {
		App             string `json:"app"`
		IntegrationName string `json:"integrationName"`
	} `json:"atsInstances"`
}

// jobs searches as seat and returns the job ids found.
func (e *exportEnv) jobs(t *testing.T, seat, query string) ([]string, jobsAnswer) {
	t.Helper()
	var got jobsAnswer
	path := "/sim/v1/jobs?seat=" + url.QueryEscape(seat)
	if query != "" {
		path += "&q=" + url.QueryEscape(query)
	}
	if resp := e.call(t, "GET", path, controlTok, "", "", nil, &got); resp.StatusCode != 200 {
		t.Fatalf("GET %s = %d", path, resp.StatusCode)
	}
	ids := []string{}
	for _, el := range got.Elements {
		ids = append(ids, el.ExternalJobPostingID)
	}
	return ids, got
}

func exportJSON(seat, member, app, job string) string {
	b, _ := json.Marshal(map[string]string{"seat": seat, "member": member, "app": app, "externalJobPostingId": job})
	return string(b)
}

type exportedAnswer struct {
	RequestID            string `json:"requestId"`
	IntegrationContext   string `json:"integrationContext"`
	ExternalJobPostingID string `json:"externalJobPostingId"`
	App                  string `json:"app"`
	Candidate            struct {
		Member               string   `json:"member"`
		FirstName            string   `json:"firstName"`
		LastName             string   `json:"lastName"`
		Headline             string   `json:"headline"`
		CurrentEmployerNames []string `json:"currentEmployerNames"`
		ProfileURL           string   `json:"profileUrl"`
		Location             string   `json:"location"`
	} `json:"candidate"`
	Exporter struct {
		Seat     string `json:"seat"`
		Member   string `json:"member"`
		Contract string `json:"contract"`
	} `json:"exporter"`
	ExportedAt int64 `json:"exportedAt"`
}

// finder calls exportedCandidates?q=request with token.
func (e *exportEnv) finder(t *testing.T, token, requestID string) []exportedAnswer {
	t.Helper()
	var got struct {
		Elements []exportedAnswer `json:"elements"`
		Paging   restli.Paging    `json:"paging"`
	}
	path := "/v2/exportedCandidates?q=request&requestId=" + url.QueryEscape(requestID)
	if resp := e.call(t, "GET", path, token, "", "", nil, &got); resp.StatusCode != 200 || got.Elements == nil {
		t.Fatalf("GET %s = %d %+v", path, resp.StatusCode, got)
	}
	return got.Elements
}

// TestExportFlow walks rsc-api.md §6.3 end to end: the synced job is found
// by title and by id, the export is pushed (signed) to the ATS instance's
// callback, and the ATS fetches the member and the job.
func TestExportFlow(t *testing.T) {
	e := setupExport(t)
	ids, got := e.jobs(t, adminSeat, "developpeur")
	if strings.Join(ids, ",") != "PUB" || got.Elements[0].App != e.appURN || got.Elements[0].State != "LISTED" ||
		got.Elements[0].IntegrationContext != org1 || !strings.HasPrefix(got.Elements[0].JobPosting, "urn:li:jobPosting:") ||
		got.Elements[0].ATSName == "" || len(got.ATSInstances) != 1 || got.ATSInstances[0].App != e.appURN {
		t.Fatalf("search by title = %+v", got)
	}
	if ids, _ := e.jobs(t, adminSeat, "PUB"); strings.Join(ids, ",") != "PUB" {
		t.Errorf("search by id = %v", ids)
	}
	if ids, _ := e.jobs(t, adminSeat, "BACKEND"); strings.Join(ids, ",") != "PUB" {
		t.Errorf("search as a non-assignee = %v, want PUB only (PRIV secured, OLD closed)", ids)
	}
	if ids, _ := e.jobs(t, plainSeat, "backend"); strings.Join(ids, ",") != "PUB,PRIV" {
		t.Errorf("search as the assignee = %v, want PUB,PRIV by title", ids)
	}
	if ids, got := e.jobs(t, plainSeat, ""); len(ids) != 2 || got.Paging.Total != 2 {
		t.Errorf("all jobs = %v %+v", ids, got.Paging)
	}

	var created exportedAnswer
	resp := e.call(t, "POST", "/sim/v1/exports", controlTok, "application/json",
		exportJSON(adminSeat, e.member, e.app.Credentials.ClientID, "PUB"), nil, &created)
	if resp.StatusCode != http.StatusCreated || created.RequestID == "" || created.App != e.appURN {
		t.Fatalf("export = %d %+v", resp.StatusCode, created)
	}
	reqID := e.pushed(t, e.app.Credentials.ClientSecret, "EXPORT_CANDIDATE_PROFILE")
	if reqID != created.RequestID {
		t.Fatalf("pushed id %q, export %q", reqID, created.RequestID)
	}
	els := e.finder(t, e.child, reqID)
	if len(els) != 1 {
		t.Fatalf("finder = %+v", els)
	}
	c := els[0]
	m, err := e.store.FindMemberByID(context.Background(), 150)
	must(t, err)
	if c.IntegrationContext != org1 || c.ExternalJobPostingID != "PUB" || c.Candidate.Member != e.member ||
		c.Candidate.FirstName != m.FirstName || c.Candidate.LastName != m.LastName || c.Candidate.Headline != m.Headline ||
		c.Candidate.ProfileURL != m.ProfileURL || c.Candidate.Location != m.Location ||
		len(c.Candidate.CurrentEmployerNames) != 1 || c.Exporter.Seat != adminSeat || c.Exporter.Contract != contract1 ||
		c.Exporter.Member != e.seatPerson(t, 90001) || c.ExportedAt <= 0 {
		t.Errorf("exported candidate = %+v, member %+v", c, m)
	}

	t.Run("Projection", func(t *testing.T) {
		var got struct{ Elements []map[string]any }
		e.call(t, "GET", "/v2/exportedCandidates?q=request&fields=candidate,externalJobPostingId&requestId="+reqID,
			e.child, "", "", nil, &got)
		if len(got.Elements) != 1 || len(got.Elements[0]) != 2 || got.Elements[0]["candidate"] == nil {
			t.Errorf("projected = %+v", got)
		}
	})
	t.Run("UnknownAndForeign", func(t *testing.T) {
		if els := e.finder(t, e.child, "no-such-request"); len(els) != 0 {
			t.Errorf("unknown request id = %+v, want no element", els)
		}
		other, otherTok, _ := e.customer(t, "tenant-other")
		_ = other
		if els := e.finder(t, otherTok, reqID); len(els) != 0 {
			t.Errorf("another app read the export: %+v", els)
		}
		parent := e.token(t, linkedinsim.DefaultPartnerClientID, linkedinsim.DefaultPartnerClientSecret)
		e.wantError(t, "GET", "/v2/exportedCandidates?q=request&requestId="+reqID, parent, "", "", nil, 403)
		e.wantError(t, "GET", "/v2/exportedCandidates?q=request", e.child, "", "", nil, 400)
		e.wantError(t, "GET", "/v2/exportedCandidates?q=other&requestId="+reqID, e.child, "", "", nil, 400)
		e.wantError(t, "GET", "/v2/exportedCandidates?q=request&requestId="+reqID, "", "", "", nil, 401)
	})
	t.Run("Disabled", func(t *testing.T) {
		resp := e.call(t, "POST", "/sim/v1/ats-instances/"+e.appURN+"/disable", controlTok, "application/json",
			`{"actor":"`+adminSeat+`"}`, nil, nil)
		if resp.StatusCode != 200 {
			t.Fatalf("disable = %d", resp.StatusCode)
		}
		e.wantError(t, "GET", "/v2/exportedCandidates?q=request&requestId="+reqID, e.child, "", "", nil, 403)
		if ids, got := e.jobs(t, adminSeat, ""); len(ids) != 0 || len(got.ATSInstances) != 0 {
			t.Errorf("jobs after disable = %v %+v", ids, got.ATSInstances)
		}
		e.wantError(t, "POST", "/sim/v1/exports", controlTok, "application/json",
			exportJSON(adminSeat, e.member, e.appURN, "PUB"), nil, 403)
	})
}

// TestExportACL: a job secured for another seat is invisible and cannot be
// exported to (404, as if it did not exist); its assignee can.
func TestExportACL(t *testing.T) {
	e := setupExport(t)
	got := e.wantError(t, "POST", "/sim/v1/exports", controlTok, "application/json",
		exportJSON(adminSeat, e.member, e.appURN, "PRIV"), nil, 404)
	if !strings.Contains(got.Message, "externalJobPostingId") {
		t.Errorf("message %q does not name the field", got.Message)
	}
	var created exportedAnswer
	resp := e.call(t, "POST", "/sim/v1/exports", controlTok, "application/json",
		exportJSON(plainSeat, e.member, e.appURN, "PRIV"), nil, &created)
	if resp.StatusCode != http.StatusCreated || created.ExternalJobPostingID != "PRIV" || created.Exporter.Seat != plainSeat {
		t.Fatalf("assignee export = %d %+v", resp.StatusCode, created)
	}
	if id := e.pushed(t, e.app.Credentials.ClientSecret, "EXPORT_CANDIDATE_PROFILE"); id != created.RequestID {
		t.Errorf("pushed %q, want %q", id, created.RequestID)
	}
}

// TestExportLimit: with the export limit switched to 1 per seat per month,
// the seat's second export is 429 with Retry-After; another seat may
// still export, and a refused export does not count.
func TestExportLimit(t *testing.T) {
	e := setupExport(t)
	e.call(t, "PUT", "/sim/v1/limits", controlTok, "application/json", `{"exportsPerSeatPerMonth":1}`, nil, nil)
	e.wantError(t, "POST", "/sim/v1/exports", controlTok, "application/json",
		exportJSON(adminSeat, e.closed, e.appURN, "PUB"), nil, 422)
	body := exportJSON(adminSeat, e.member, e.appURN, "PUB")
	if resp := e.call(t, "POST", "/sim/v1/exports", controlTok, "application/json", body, nil, nil); resp.StatusCode != 201 {
		t.Fatalf("first export = %d", resp.StatusCode)
	}
	var got linkedinError
	resp := e.call(t, "POST", "/sim/v1/exports", controlTok, "application/json", body, nil, &got)
	if resp.StatusCode != http.StatusTooManyRequests || resp.Header.Get("Retry-After") == "" || got.Status != 429 {
		t.Fatalf("second export = %d (Retry-After %q) %+v", resp.StatusCode, resp.Header.Get("Retry-After"), got)
	}
	if resp := e.call(t, "POST", "/sim/v1/exports", controlTok, "application/json",
		exportJSON(plainSeat, e.member, e.appURN, "PUB"), nil, nil); resp.StatusCode != 201 {
		t.Errorf("another seat's export = %d", resp.StatusCode)
	}
}

// TestExportBadInput: every refusal names what was wrong, in LinkedIn's
// error shape, and writes nothing.
func TestExportBadInput(t *testing.T) {
	e := setupExport(t)
	ok := map[string]string{"seat": adminSeat, "member": e.member, "app": e.appURN, "externalJobPostingId": "PUB"}
	with := func(k, v string) string {
		m := map[string]string{}
		for key, val := range ok {
			m[key] = val
		}
		if v == "-" {
			delete(m, k)
		} else {
			m[k] = v
		}
		b, _ := json.Marshal(m)
		return string(b)
	}
	for _, tc := range []struct {
		name, body string
		status     int
		want       string
	}{
		{"MissingSeat", with("seat", "-"), 422, "/seat"},
		{"MissingMember", with("member", ""), 422, "/member"},
		{"MissingApp", with("app", "-"), 422, "/app"},
		{"MissingJob", with("externalJobPostingId", "-"), 422, "/externalJobPostingId"},
		{"UnknownField", `{"seat":"` + adminSeat + `","sear":"x"}`, 422, "/sear"},
		{"MalformedJSON", `{"seat":`, 400, "JSON"},
		{"WrongType", `{"seat":1}`, 400, "seat"},
		{"BadSeat", with("seat", "urn:li:contract:5001"), 400, "seat"},
		{"UnknownSeat", with("seat", "urn:li:seat:999999"), 404, "seat"},
		{"BadMember", with("member", "150"), 400, "member"},
		{"UnknownMember", with("member", "urn:li:person:nobody"), 404, "member"},
		{"ClosedMember", with("member", e.closed), 422, "closed"},
		{"UnknownApp", with("app", "urn:li:developerApplication:999999"), 404, "app"},
		{"PartnerApp", with("app", linkedinsim.DefaultPartnerClientID), 404, "app"},
		{"UnknownJob", with("externalJobPostingId", "NOPE"), 404, "externalJobPostingId"},
		{"ClosedJob", with("externalJobPostingId", "OLD"), 422, "closed"},
		{"OtherOrgSeat", with("seat", "urn:li:seat:"+otherOrgSeat(t, e)), 403, "ONE_CLICK_EXPORT"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := e.wantError(t, "POST", "/sim/v1/exports", controlTok, "application/json", tc.body, nil, tc.status)
			if !strings.Contains(got.Message, tc.want) {
				t.Errorf("message %q does not mention %q", got.Message, tc.want)
			}
		})
	}
	e.wantError(t, "POST", "/sim/v1/exports", controlTok, "text/plain", with("seat", adminSeat), nil, 415)
	e.wantError(t, "POST", "/sim/v1/exports", "wrong-token", "application/json", with("seat", adminSeat), nil, 401)
	exports, err := e.store.ListExports(context.Background(), e.intEnv.app(t, e.app.Credentials.ClientID).ID)
	must(t, err)
	if len(exports) != 0 {
		t.Errorf("refused exports left %d records", len(exports))
	}

	for _, tc := range []struct {
		query  string
		status int
	}{
		{"", 400},
		{"seat=" + url.QueryEscape("urn:li:seat:x"), 400},
		{"seat=" + url.QueryEscape("urn:li:seat:999999"), 404},
		{"seat=" + url.QueryEscape(adminSeat) + "&count=-1", 400},
		{"seat=" + url.QueryEscape(adminSeat) + "&app=nope", 404},
	} {
		e.wantError(t, "GET", "/sim/v1/jobs?"+tc.query, controlTok, "", "", nil, tc.status)
	}
}

// otherOrgSeat returns the id of a seat of organization 1002, whose
// organization has no ATS instance.
func otherOrgSeat(t *testing.T, e *exportEnv) string {
	t.Helper()
	wc, err := e.store.WorldContents(context.Background())
	must(t, err)
	for _, sh := range wc.SeatHolders {
		for _, c := range wc.Contracts {
			if c.ID == sh.ContractID && linkedinsim.OrganizationURN(c.OrganizationID) == org2 && sh.Active {
				return linkedinsim.SeatURN(sh.ID)[len("urn:li:seat:"):]
			}
		}
	}
	t.Fatal("no active seat in org2")
	return ""
}

// TestExportPaging: start and count page the job search; app narrows it
// to one ATS instance.
func TestExportPaging(t *testing.T) {
	e := setupExport(t)
	var got jobsAnswer
	e.call(t, "GET", "/sim/v1/jobs?seat="+plainSeat+"&start=1&count=1", controlTok, "", "", nil, &got)
	if len(got.Elements) != 1 || got.Paging.Start != 1 || got.Paging.Count != 1 || got.Paging.Total != 2 {
		t.Errorf("page = %+v", got)
	}
	e.call(t, "GET", "/sim/v1/jobs?seat="+plainSeat+"&app="+e.app.Credentials.ClientID, controlTok, "", "", nil, &got)
	if got.Paging.Total != 2 {
		t.Errorf("narrowed to the app = %+v", got.Paging)
	}
	other, _, _ := e.customer(t, "tenant-other")
	e.call(t, "GET", "/sim/v1/jobs?seat="+plainSeat+"&app="+other.Credentials.ClientID, controlTok, "", "", nil, &got)
	if got.Paging.Total != 0 {
		t.Errorf("another instance's jobs = %+v", got)
	}
}

// failingExports is a store whose CreateExport always fails.
type failingExports struct{ linkedinsim.Store }

func (failingExports) CreateExport(context.Context, *linkedinsim.ExportedCandidate, *linkedinsim.PushNotification) error {
	return errors.New("disk full")
}

// TestExportRefundOnCreateFailure: an export the limit allowed but the
// store failed to create is given back, so the seat keeps its allowance.
func TestExportRefundOnCreateFailure(t *testing.T) {
	e := setupExport(t)
	lim := linkedinsim.NewLimits(nil)
	ls := linkedinsim.DefaultLimitSettings()
	ls.ExportsPerSeatPerMonth = 1
	must(t, lim.SetSettings(ls))
	appID := e.intEnv.app(t, e.app.Credentials.ClientID).ID
	in := linkedinsim.ExportInput{Seat: adminSeat, Member: e.member, AppID: appID, ExternalJobPostingID: "PUB"}
	broken := linkedinsim.NewService(failingExports{e.store}, nil)
	for range 3 {
		if _, err := broken.ExportCandidate(context.Background(), in, lim); linkedinsim.ErrorCode(err) != linkedinsim.EINTERNAL {
			t.Fatalf("export with a failing store: %v, want EINTERNAL", err)
		}
	}
	if _, err := e.svc.ExportCandidate(context.Background(), in, lim); err != nil {
		t.Fatalf("export after failed creates: %v, want the seat's one export still available", err)
	}
	if _, err := e.svc.ExportCandidate(context.Background(), in, lim); linkedinsim.ErrorCode(err) != linkedinsim.ETHROTTLED {
		t.Fatalf("second stored export: %v, want ETHROTTLED", err)
	}
}
