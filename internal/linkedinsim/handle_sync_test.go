package linkedinsim_test

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"attractor/internal/linkedinsim"
	"attractor/internal/linkedinsim/restli"
	"attractor/internal/linkedinsim/simstore"
)

// syncEnv is a simulator with three customer apps: a enabled for org1,
// b enabled for org2 (another customer), pending only requested for org1.
type syncEnv struct {
	*simEnv
	svc          *linkedinsim.Service
	store        *simstore.Store
	org1, org2   linkedinsim.Organization
	a, b, pend   string // tokens
	seats        []linkedinsim.SeatHolder
	appA         *linkedinsim.App
	ctx          context.Context
	assignee     linkedinsim.SeatHolder // a seat of org1
	nonAssignee  linkedinsim.SeatHolder // another seat of org1
	memberPerson string                 // a member who holds no seat
}

func setupSync(t *testing.T) *syncEnv {
	t.Helper()
	return setupSyncStore(t, nil)
}

// setupSyncStore is setupSync with the Service's store wrapped by wrap
// (nil: none), so a test can make the store fail.
func setupSyncStore(t *testing.T, wrap func(linkedinsim.Store) linkedinsim.Store) *syncEnv {
	t.Helper()
	t.Parallel()
	ctx := context.Background()
	store := newWorldStore(t)
	clock := &testClock{now: time.Now()}
	var svcStore linkedinsim.Store = store
	if wrap != nil {
		svcStore = wrap(store)
	}
	svc := linkedinsim.NewService(svcStore, clock.Now)
	logger := slog.New(slog.NewTextHandler(io.Discard, nil))
	srv := httptest.NewServer(linkedinsim.NewServer(svc, logger).Handler())
	t.Cleanup(srv.Close)
	e := &syncEnv{simEnv: &simEnv{srv: srv, clock: clock}, svc: svc, store: store, ctx: ctx}
	wc, err := store.WorldContents(ctx)
	if err != nil {
		t.Fatal(err)
	}
	e.seats = wc.SeatHolders
	e.org1, e.org2 = wc.Organizations[0], wc.Organizations[1]
	var tok string
	e.appA, tok = e.customer(t, "tenant-a", e.org1, true)
	e.a = tok
	_, e.b = e.customer(t, "tenant-b", e.org2, true)
	_, e.pend = e.customer(t, "tenant-pending", e.org1, false)
	var inOrg1 []linkedinsim.SeatHolder
	for _, sh := range e.seats {
		if e.orgOf(t, wc, sh.ContractID) == e.org1.ID {
			inOrg1 = append(inOrg1, sh)
		}
	}
	if len(inOrg1) < 2 {
		t.Fatalf("org1 has %d seats, need 2", len(inOrg1))
	}
	e.assignee, e.nonAssignee = inOrg1[0], inOrg1[1]
	m, err := store.FindMemberByID(ctx, 150)
	if err != nil {
		t.Fatal(err)
	}
	e.memberPerson = m.PersonURN
	return e
}

func (e *syncEnv) orgOf(t *testing.T, wc linkedinsim.WorldContents, contractID int64) int64 {
	for _, c := range wc.Contracts {
		if c.ID == contractID {
			return c.OrganizationID
		}
	}
	t.Fatalf("no contract %d", contractID)
	return 0
}

// customer provisions a child app, requests company-level access for org
// through an admin seat, names it, sets CALLBACK_URL and, when enable,
// enables it: the whole life cycle through the integrations service.
func (e *syncEnv) customer(t *testing.T, foreignID string, org linkedinsim.Organization, enable bool) (*linkedinsim.App, string) {
	t.Helper()
	ctx := e.ctx
	parent, err := e.store.FindAppByClientID(ctx, linkedinsim.DefaultPartnerClientID)
	must(t, err)
	app, creds, err := e.svc.ProvisionApp(ctx, parent, linkedinsim.ProvisionInput{UniqueForeignID: foreignID,
		Name: "Attractor - " + foreignID, Description: "test"})
	must(t, err)
	wc, err := e.store.WorldContents(ctx)
	must(t, err)
	var admin *linkedinsim.SeatHolder
	for i, sh := range wc.SeatHolders {
		if sh.Admin && e.orgOf(t, wc, sh.ContractID) == org.ID {
			admin = &wc.SeatHolders[i]
			break
		}
	}
	if admin == nil {
		t.Fatalf("no admin seat in org %d", org.ID)
	}
	orgURN, conURN := linkedinsim.OrganizationURN(org.ID), linkedinsim.ContractURN(admin.ContractID)
	_, err = e.svc.RequestIntegration(ctx, creds.ClientID, admin.Member.PersonURN, orgURN, conURN, linkedinsim.LevelCompany)
	must(t, err)
	if enable {
		names := map[linkedinsim.IntegrationKey]string{}
		for _, typ := range []linkedinsim.IntegrationType{linkedinsim.OneClickExport, linkedinsim.InATSIndicator, linkedinsim.ProfilePlugin} {
			names[linkedinsim.IntegrationKey{Context: orgURN, Type: typ}] = foreignID + " " + string(typ)
		}
		errs, err := e.svc.NameIntegrations(ctx, app, names)
		must(t, err)
		for k, err := range errs {
			if err != nil {
				t.Fatalf("name %v: %v", k, err)
			}
		}
		errs2, err := e.svc.SetConfigurations(ctx, app, linkedinsim.IntegrationKey{Context: orgURN, Type: linkedinsim.OneClickExport},
			map[linkedinsim.ConfigKey]string{linkedinsim.ConfigCallbackURL: "https://ats.example/li/" + foreignID})
		must(t, err)
		for _, err := range errs2 {
			must(t, err)
		}
		_, err = e.svc.EnableIntegrations(ctx, app.ID, linkedinsim.EnableInput{Level: linkedinsim.LevelCompany,
			Contract: conURN, Actor: linkedinsim.SeatURN(admin.ID)})
		must(t, err)
	}
	tok, _, err := e.svc.IssueToken(ctx, creds.ClientID, creds.ClientSecret)
	must(t, err)
	return app, tok
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// key is a compound key in the canonical (sorted) form the simulator
// answers with.
func candKey(org int64, id string) restli.Key {
	return restli.Key{"atsCandidateId": id, "dataProvider": "ATS", "integrationContext": linkedinsim.OrganizationURN(org)}
}

func appKey(org int64, id string) restli.Key {
	return restli.Key{"atsJobApplicationId": id, "dataProvider": "ATS", "integrationContext": linkedinsim.OrganizationURN(org)}
}

// batchPath builds path?ids[N]…&extra.
func batchPath(path string, keys []restli.Key, extra string) string {
	q := restli.BatchQuery(keys).Encode()
	if extra != "" {
		q += "&" + extra
	}
	return path + "?" + q
}

// entities builds {"entities": {key: body}} with the keys' fields in
// reversed order, to prove field order is free.
func entities(keys []restli.Key, body func(i int) string) string {
	var parts []string
	for i, k := range keys {
		fields := strings.Split(k.String(), "&")
		for l, r := 0, len(fields)-1; l < r; l, r = l+1, r-1 {
			fields[l], fields[r] = fields[r], fields[l]
		}
		parts = append(parts, fmt.Sprintf("%q: %s", strings.Join(fields, "&"), body(i)))
	}
	return `{"entities": {` + strings.Join(parts, ",") + `}}`
}

type batchResp struct {
	Results map[string]struct {
		Status int `json:"status"`
	} `json:"results"`
	Errors map[string]struct {
		Status  int    `json:"status"`
		Message string `json:"message"`
	} `json:"errors"`
}

type getResp struct {
	Results  map[string]map[string]any `json:"results"`
	Statuses map[string]int            `json:"statuses"`
	Errors   map[string]any            `json:"errors"`
}

func (e *syncEnv) write(t *testing.T, method, path, token, method2, body string) (batchResp, *http.Response) {
	t.Helper()
	var out batchResp
	hdr := map[string]string{}
	if method2 != "" {
		hdr["x-restli-method"] = method2
	}
	resp := e.call(t, method, path, token, "application/json", body, hdr, &out)
	return out, resp
}

func wantOK(t *testing.T, what string, got batchResp, resp *http.Response, keys ...string) {
	t.Helper()
	if resp.StatusCode != 200 || len(got.Errors) != 0 || len(got.Results) != len(keys) {
		t.Fatalf("%s = %d %+v, want 200 with %d results", what, resp.StatusCode, got, len(keys))
	}
	for _, k := range keys {
		if got.Results[k].Status != 204 {
			t.Errorf("%s: result %q = %+v, want 204", what, k, got.Results[k])
		}
	}
}

const candidateBody = `{"atsCreatedAt": 1700000000000, "atsLastModifiedAt": 1700000000001, "addresses": [{"city": "Zürich", "country": "ch"}],
 "phoneNumbers": [{"number": "+41 44 000 00 00"}], "emailAddresses": ["zoe.%d@example.com"], "firstName": "Zoë", "lastName": "O'Brien",
 "externalProfileUrl": "https://ats.example/c/%d", "currentCompanyName": "Acme", "currentJobTitle": "Engineer"}`

func jobElement(org int64, id, extra string) string {
	return fmt.Sprintf(`{"integrationContext": %q, "externalJobPostingId": %q, "title": "Engineer %s", "description": "<p>Build</p>",
	 "location": "Zürich, CH", "state": "LISTED", "companyApplyUrl": "https://ats.example/jobs/%s", "listedAt": 1700000000000%s}`,
		linkedinsim.OrganizationURN(org), id, id, id, extra)
}

func TestSyncJobs(t *testing.T) {
	e := setupSync(t)
	body := `{"elements": [` + jobElement(e.org1.ID, "J1", `, "availability": "PUBLIC"`) + `,` +
		jobElement(e.org1.ID, "J2", `, "availability": "PRIVATE_TO_ATS_INTEGRATION"`) + `,` +
		`{"integrationContext": "` + linkedinsim.OrganizationURN(e.org1.ID) + `", "externalJobPostingId": "J3"}]}`
	var created struct {
		Elements []struct {
			ID     string `json:"id"`
			Status int    `json:"status"`
			Error  *struct {
				Message string `json:"message"`
				Status  int    `json:"status"`
			} `json:"error"`
		} `json:"elements"`
	}
	resp := e.call(t, "POST", "/v2/simpleJobPostings", e.a, "application/json", body,
		map[string]string{"X-RESTLI-METHOD": "BATCH_CREATE"}, &created)
	if resp.StatusCode != 200 || len(created.Elements) != 3 {
		t.Fatalf("create = %d %+v", resp.StatusCode, created)
	}
	for _, el := range created.Elements[:2] {
		if el.Status != 202 || !strings.HasPrefix(el.ID, "urn:li:simpleJobPostingTask:") {
			t.Errorf("element = %+v, want 202 with a task URN", el)
		}
	}
	bad := created.Elements[2]
	if bad.Status != 422 || bad.Error == nil || !strings.Contains(bad.Error.Message,
		"ERROR :: /title :: field is required but not found and has no default value\n") {
		t.Errorf("element without title = %+v", bad)
	}

	tasks := "/v2/simpleJobPostingTasks?ids=" + url.QueryEscape(created.Elements[0].ID) + "&ids=" + url.QueryEscape(created.Elements[1].ID)
	var got getResp
	e.call(t, "GET", tasks, e.a, "", "", nil, &got)
	if s := got.Results[created.Elements[0].ID]["status"]; s != "IN_PROGRESS" {
		t.Errorf("task status before the delay = %v", s)
	}
	e.clock.Add(linkedinsim.JobTaskDelay)
	e.call(t, "GET", tasks, e.a, "", "", nil, &got)
	for _, el := range created.Elements[:2] {
		r := got.Results[el.ID]
		if r["status"] != "SUCCEEDED" || !strings.HasPrefix(fmt.Sprint(r["jobPosting"]), "urn:li:jobPosting:") {
			t.Errorf("task %s = %v", el.ID, r)
		}
	}
	// Another customer cannot read the task.
	var other getResp
	e.call(t, "GET", tasks, e.b, "", "", nil, &other)
	if len(other.Results) != 0 || other.Statuses[created.Elements[0].ID] != 404 {
		t.Errorf("foreign task read = %+v", other)
	}

	t.Run("ErrBatchTooBig", func(t *testing.T) {
		var els []string
		for i := range 101 {
			els = append(els, jobElement(e.org1.ID, fmt.Sprintf("B%d", i), ""))
		}
		e.wantError(t, "POST", "/v2/simpleJobPostings", e.a, "application/json", `{"elements": [`+strings.Join(els, ",")+`]}`,
			map[string]string{"X-RestLi-Method": "batch_create"}, 400)
		jobs, err := e.store.FindJobs(e.ctx, []linkedinsim.RecordKey{{AppID: e.appA.ID, OrganizationID: e.org1.ID, ID: "B0"}})
		must(t, err)
		if jobs[0] != nil {
			t.Error("a refused batch wrote a job")
		}
	})
	t.Run("ErrForeignContext", func(t *testing.T) {
		body := `{"elements": [` + jobElement(e.org1.ID, "F1", "") + `]}`
		e.wantError(t, "POST", "/v2/simpleJobPostings", e.b, "application/json", body,
			map[string]string{"X-RestLi-Method": "batch_create"}, 403)
		e.wantError(t, "POST", "/v2/simpleJobPostings", e.pend, "application/json", body,
			map[string]string{"X-RestLi-Method": "batch_create"}, 403)
		jobs, err := e.store.FindJobs(e.ctx, []linkedinsim.RecordKey{{AppID: e.appA.ID, OrganizationID: e.org1.ID, ID: "F1"}})
		must(t, err)
		if jobs[0] != nil {
			t.Error("a refused request wrote a job")
		}
	})
}

func TestSyncCandidates(t *testing.T) {
	e := setupSync(t)
	keys := []restli.Key{candKey(e.org1.ID, "C1"), candKey(e.org1.ID, "C 2/ü")}
	put := func(token string, keys []restli.Key, body func(int) string) (batchResp, *http.Response) {
		return e.write(t, "PUT", batchPath("/v2/atsCandidates", keys, ""), token, "batch_update", entities(keys, body))
	}
	good := func(i int) string { return fmt.Sprintf(candidateBody, i, i) }
	got, resp := put(e.a, keys, good)
	wantOK(t, "sync candidates", got, resp, keys[0].String(), keys[1].String())

	// Attach a person URN, then read matches with a projection.
	patch := `{"patch": {"$set": {"manualMatchedMember": "` + e.memberPerson + `"}}}`
	got, resp = e.write(t, "POST", batchPath("/v2/atsCandidates", keys[:1], ""), e.a, "batch_partial_update",
		entities(keys[:1], func(int) string { return patch }))
	wantOK(t, "attach person", got, resp, keys[0].String())
	// A full replace keeps the manual match.
	got, resp = put(e.a, keys[:1], good)
	wantOK(t, "re-sync", got, resp, keys[0].String())
	var matches getResp
	e.call(t, "GET", batchPath("/v2/atsCandidates", keys, "fields=matchedMembers,manualMatchedMember"), e.a, "", "", nil, &matches)
	m0 := matches.Results[keys[0].String()]
	if len(m0) != 2 || m0["manualMatchedMember"] != e.memberPerson || m0["matchedMembers"] == nil {
		t.Errorf("matches of C1 = %v", m0)
	}
	if m1 := matches.Results[keys[1].String()]; m1["manualMatchedMember"] != nil || len(m1) != 2 {
		t.Errorf("matches of C2 = %v", m1)
	}

	t.Run("ErrMissingField", func(t *testing.T) {
		k := []restli.Key{candKey(e.org1.ID, "C3")}
		got, resp := put(e.a, k, func(int) string {
			return strings.Replace(fmt.Sprintf(candidateBody, 3, 3), `"firstName": "Zoë",`, "", 1)
		})
		er := got.Errors[k[0].String()]
		if resp.StatusCode != 200 || er.Status != 422 ||
			er.Message != "ERROR :: /firstName :: field is required but not found and has no default value\n" {
			t.Errorf("missing firstName = %d %+v", resp.StatusCode, got)
		}
		e.wantNoCandidate(t, "C3")
	})
	t.Run("ErrValidationRules", func(t *testing.T) {
		k := []restli.Key{candKey(e.org1.ID, "C4")}
		got, _ := put(e.a, k, func(int) string {
			return `{"atsCreatedAt": 5, "atsLastModifiedAt": 4, "addresses": [], "phoneNumbers": [], "emailAddresses": ["nope"],
			  "firstName": "A", "lastName": "B", "externalProfileUrl": "https://ats.example/c/4"}`
		})
		msg := got.Errors[k[0].String()].Message
		for _, want := range []string{"ERROR :: /atsLastModifiedAt :: ", "ERROR :: /emailAddresses/0 :: "} {
			if !strings.Contains(msg, want) {
				t.Errorf("message %q lacks %q", msg, want)
			}
		}
		e.wantNoCandidate(t, "C4")
	})
	t.Run("ErrMalformedKey", func(t *testing.T) {
		path := "/v2/atsCandidates?ids[0].atsCandidateId=C9&ids[0].integrationContext=" + linkedinsim.OrganizationURN(e.org1.ID)
		e.wantError(t, "PUT", path, e.a, "application/json", `{"entities": {}}`, map[string]string{"X-RestLi-Method": "batch_update"}, 400)
		path = "/v2/atsCandidates?ids[1].atsCandidateId=C9"
		e.wantError(t, "PUT", path, e.a, "application/json", `{"entities": {}}`, map[string]string{"X-RestLi-Method": "batch_update"}, 400)
		e.wantNoCandidate(t, "C9")
	})
	t.Run("ErrBodyKeysDiffer", func(t *testing.T) {
		k := []restli.Key{candKey(e.org1.ID, "C5")}
		body := entities([]restli.Key{candKey(e.org1.ID, "C6")}, good)
		e.wantError(t, "PUT", batchPath("/v2/atsCandidates", k, ""), e.a, "application/json", body,
			map[string]string{"X-RestLi-Method": "batch_update"}, 400)
		e.wantNoCandidate(t, "C5")
		e.wantNoCandidate(t, "C6")
	})
	t.Run("ErrTooMany", func(t *testing.T) {
		var k []restli.Key
		for i := range 101 {
			k = append(k, candKey(e.org1.ID, fmt.Sprintf("M%d", i)))
		}
		e.wantError(t, "PUT", batchPath("/v2/atsCandidates", k, ""), e.a, "application/json", entities(k, good),
			map[string]string{"X-RestLi-Method": "batch_update"}, 400)
		e.wantNoCandidate(t, "M0")
	})
	t.Run("ErrForbidden", func(t *testing.T) {
		k := []restli.Key{candKey(e.org1.ID, "C7")}
		for _, tok := range []string{e.b, e.pend} {
			e.wantError(t, "PUT", batchPath("/v2/atsCandidates", k, ""), tok, "application/json", entities(k, good),
				map[string]string{"X-RestLi-Method": "batch_update"}, 403)
			e.wantError(t, "GET", batchPath("/v2/atsCandidates", keys, ""), tok, "", "", nil, 403)
		}
		e.wantNoCandidate(t, "C7")
	})
	t.Run("ErrPatchUnknownCandidate", func(t *testing.T) {
		k := []restli.Key{candKey(e.org1.ID, "nobody")}
		got, _ := e.write(t, "POST", batchPath("/v2/atsCandidates", k, ""), e.a, "batch_partial_update",
			entities(k, func(int) string { return patch }))
		if got.Errors[k[0].String()].Status != 404 {
			t.Errorf("patch of an unknown candidate = %+v", got)
		}
	})

	// Notes, then delete the candidate: the notes go with it.
	notes := "/v2/atsCandidates/" + url.PathEscape(keys[0].String()) + "/notes?ids=N1&ids=N2"
	got, resp = e.write(t, "PUT", notes, e.a, "batch_update", `{"entities": {
		"N1": {"atsCreatedAt": 1484864187000, "note": "Strong", "author": {"firstName": "Ann", "lastName": "Lee"}},
		"N2": {"note": "Call back"}}}`)
	wantOK(t, "notes", got, resp, "N1", "N2")
	got, _ = e.write(t, "PUT", notes, e.a, "batch_update", `{"entities": {"N1": {"author": {"firstName": "Ann"}}, "N2": {}}}`)
	if er := got.Errors["N1"]; er.Status != 422 || !strings.Contains(er.Message, "/author/lastName") {
		t.Errorf("note without author last name = %+v", got)
	}
	got, resp = e.write(t, "DELETE", batchPath("/v2/atsCandidates", keys, ""), e.a, "", "")
	wantOK(t, "delete candidates", got, resp, keys[0].String(), keys[1].String())
	e.wantNoCandidate(t, "C1")
	left, err := e.store.ListSubRecords(e.ctx, linkedinsim.RecordKey{AppID: e.appA.ID, OrganizationID: e.org1.ID, ID: "C1"}, linkedinsim.KindCandidateNote)
	must(t, err)
	if len(left) != 0 {
		t.Errorf("notes left after deleting the candidate: %d", len(left))
	}
}

func (e *syncEnv) wantNoCandidate(t *testing.T, id string) {
	t.Helper()
	cs, err := e.store.FindCandidates(e.ctx, []linkedinsim.RecordKey{{AppID: e.appA.ID, OrganizationID: e.org1.ID, ID: id}})
	must(t, err)
	if cs[0] != nil {
		t.Errorf("candidate %s was written", id)
	}
}

func (e *syncEnv) mustJob(t *testing.T, id string) {
	t.Helper()
	var created struct {
		Elements []struct{ Status int } `json:"elements"`
	}
	e.call(t, "POST", "/v2/simpleJobPostings", e.a, "application/json", `{"elements": [`+jobElement(e.org1.ID, id, "")+`]}`,
		map[string]string{"X-RestLi-Method": "batch_create"}, &created)
	if len(created.Elements) != 1 || created.Elements[0].Status != 202 {
		t.Fatalf("job %s: %+v", id, created)
	}
}

func TestSyncApplications(t *testing.T) {
	e := setupSync(t)
	e.mustJob(t, "J1")
	keys := []restli.Key{appKey(e.org1.ID, "A1"), appKey(e.org1.ID, "A2")}
	body := func(job string) func(int) string {
		return func(i int) string {
			return fmt.Sprintf(`{"atsCandidateId": "C%d", "atsCreatedAt": 1700000000000, "atsLastModifiedAt": 1700000000000,
			  "atsJobPostingId": %q, "atsJobPostingName": "Engineer", "candidateEmail": "c%d@example.com",
			  "firstName": "Ann", "lastName": "Lee", "source": "Referral"}`, i, job, i)
		}
	}
	got, resp := e.write(t, "PUT", batchPath("/v2/atsApplications", keys, ""), e.a, "batch_update", entities(keys, body("J1")))
	wantOK(t, "sync applications", got, resp, keys[0].String(), keys[1].String())
	var read getResp
	e.call(t, "GET", batchPath("/v2/atsApplications", keys[:1], "fields=atsJobPostingId,source"), e.a, "", "", nil, &read)
	if r := read.Results[keys[0].String()]; len(r) != 2 || r["source"] != "Referral" {
		t.Errorf("read application = %v", r)
	}

	t.Run("ErrUnknownJob", func(t *testing.T) {
		k := []restli.Key{appKey(e.org1.ID, "A3")}
		got, _ := e.write(t, "PUT", batchPath("/v2/atsApplications", k, ""), e.a, "batch_update", entities(k, body("nope")))
		if er := got.Errors[k[0].String()]; er.Status != 422 || !strings.HasPrefix(er.Message, "ERROR :: /atsJobPostingId :: ") {
			t.Errorf("unknown job = %+v", got)
		}
	})
	t.Run("ErrEmptyName", func(t *testing.T) {
		k := []restli.Key{appKey(e.org1.ID, "A4")}
		got, _ := e.write(t, "PUT", batchPath("/v2/atsApplications", k, ""), e.a, "batch_update", entities(k, func(int) string {
			return strings.Replace(body("J1")(4), `"atsJobPostingName": "Engineer"`, `"atsJobPostingName": ""`, 1)
		}))
		if er := got.Errors[k[0].String()]; er.Status != 422 || !strings.Contains(er.Message, "/atsJobPostingName") {
			t.Errorf("empty job name = %+v", got)
		}
	})

	base := "/v2/atsApplications/" + url.PathEscape(keys[0].String())
	got, resp = e.write(t, "PUT", base+"/notes?ids=AN1", e.a, "batch_update", `{"entities": {"AN1": {"note": "ok"}}}`)
	wantOK(t, "application notes", got, resp, "AN1")
	// The Postman interview-feedback PUT omits X-RestLi-Method.
	got, resp = e.write(t, "PUT", base+"/interviewFeedback?ids=F1", e.a, "", `{"entities": {"F1": {"atsCreatedAt": 1700000000000,
		"evaluations": [{"attribute": "Verbal Communication", "result": "4/5"}], "feedback": "Good", "interviewType": "ONSITE",
		"interviewer": {"firstName": "Bo", "lastName": "Ng"}}}}`)
	wantOK(t, "interview feedback", got, resp, "F1")
	got, resp = e.write(t, "PUT", base+"/stages?ids=S1&ids=S2", e.a, "batch_update",
		`{"entities": {"S1": {"atsCreatedAt": 1700000000000, "stage": "Phone Screen"}, "S2": {"atsCreatedAt": 1700000000001, "stage": "Not Available"}}}`)
	if got.Results["S1"].Status != 204 || got.Errors["S2"].Status != 422 || resp.StatusCode != 200 {
		t.Errorf("stages = %+v", got)
	}
	var stages getResp
	e.call(t, "GET", base+"/stages?ids=S1&ids=S2", e.a, "", "", nil, &stages)
	if stages.Results["S1"]["stage"] != "Phone Screen" || stages.Statuses["S2"] != 404 {
		t.Errorf("read stages = %+v", stages)
	}
	e.wantError(t, "PUT", "/v2/atsApplications/"+url.PathEscape(appKey(e.org1.ID, "none").String())+"/notes?ids=X",
		e.a, "application/json", `{"entities": {"X": {}}}`, map[string]string{"X-RestLi-Method": "batch_update"}, 404)
	e.wantError(t, "PUT", base+"/notes?ids=AN1", e.b, "application/json", `{"entities": {"AN1": {}}}`,
		map[string]string{"X-RestLi-Method": "batch_update"}, 403)

	// Deleting the application deletes its notes, feedback and stages.
	got, resp = e.write(t, "DELETE", batchPath("/v2/atsApplications", keys[:1], ""), e.a, "", "")
	wantOK(t, "delete application", got, resp, keys[0].String())
	parent := linkedinsim.RecordKey{AppID: e.appA.ID, OrganizationID: e.org1.ID, ID: "A1"}
	for _, kind := range []linkedinsim.SubKind{linkedinsim.KindApplicationNote, linkedinsim.KindInterviewFeedback, linkedinsim.KindStage} {
		left, err := e.store.ListSubRecords(e.ctx, parent, kind)
		must(t, err)
		if len(left) != 0 {
			t.Errorf("%s left after deleting the application: %d", kind, len(left))
		}
	}
	got, _ = e.write(t, "DELETE", batchPath("/v2/atsApplications", keys[:1], ""), e.a, "", "")
	if got.Errors[keys[0].String()].Status != 404 {
		t.Errorf("second delete = %+v", got)
	}
}

func TestSyncACLs(t *testing.T) {
	e := setupSync(t)
	e.mustJob(t, "OPEN")
	e.mustJob(t, "SECRET")
	org := linkedinsim.OrganizationURN(e.org1.ID)
	acl := restli.Key{"atsEntityAclId": "G1", "dataProvider": "ATS", "integrationContext": org,
		"atsEntityId": "SECRET", "atsEntityType": "JOB_POSTING"}
	got, resp := e.write(t, "PUT", batchPath("/v2/atsEntityAcls", []restli.Key{acl}, ""), e.a, "batch_update",
		entities([]restli.Key{acl}, func(int) string { return "{}" }))
	wantOK(t, "acl", got, resp, acl.String())
	as := restli.Key{"atsEntityAclId": "G1", "dataProvider": "ATS", "integrationContext": org,
		"assignee": e.assignee.Member.PersonURN, "atsEntityType": "JOB_POSTING"}
	got, resp = e.write(t, "PUT", batchPath("/v2/atsEntityAclAssignees", []restli.Key{as}, ""), e.a, "batch_update",
		entities([]restli.Key{as}, func(int) string { return "{}" }))
	wantOK(t, "assignee", got, resp, as.String())

	var found struct {
		Elements []map[string]string `json:"elements"`
		Paging   restli.Paging       `json:"paging"`
	}
	e.call(t, "GET", "/v2/atsEntityAcls?q=criteria&atsEntityId=SECRET&atsEntityType=JOB_POSTING&dataProvider=ATS&integrationContext="+org+"&start=0&count=100",
		e.a, "", "", nil, &found)
	if len(found.Elements) != 1 || found.Elements[0]["atsEntityAclId"] != "G1" || found.Paging.Total != 1 || found.Paging.Count != 100 {
		t.Errorf("acl finder = %+v", found)
	}
	e.call(t, "GET", "/v2/atsEntityAclAssignees?q=criteria&assignee="+e.assignee.Member.PersonURN+"&dataProvider=ATS&integrationContext="+org,
		e.a, "", "", nil, &found)
	if len(found.Elements) != 1 || found.Elements[0]["assignee"] != e.assignee.Member.PersonURN || found.Paging.Count != 10 {
		t.Errorf("assignee finder = %+v", found)
	}
	e.wantError(t, "GET", "/v2/atsEntityAcls?q=criteria&dataProvider=ATS&integrationContext="+org, e.b, "", "", nil, 403)

	visible := func(sh linkedinsim.SeatHolder) []string {
		jobs, err := e.svc.JobsVisibleTo(e.ctx, sh.ID)
		must(t, err)
		var ids []string
		for _, j := range jobs {
			ids = append(ids, j.ExternalJobPostingID)
		}
		return ids
	}
	if got := strings.Join(visible(e.assignee), ","); got != "OPEN,SECRET" {
		t.Errorf("assignee sees %s", got)
	}
	if got := strings.Join(visible(e.nonAssignee), ","); got != "OPEN" {
		t.Errorf("non-assignee sees %s", got)
	}
	if _, err := e.svc.JobsVisibleTo(e.ctx, 999999); linkedinsim.ErrorCode(err) != linkedinsim.ENOTFOUND {
		t.Errorf("unknown seat: %v", err)
	}

	// Removing the assignee hides the job again (RSC-403).
	got, resp = e.write(t, "DELETE", batchPath("/v2/atsEntityAclAssignees", []restli.Key{as}, ""), e.a, "", "")
	wantOK(t, "delete assignee", got, resp, as.String())
	if got := strings.Join(visible(e.assignee), ","); got != "OPEN" {
		t.Errorf("removed assignee sees %s", got)
	}
	bad := restli.Key{"atsEntityAclId": "G2", "dataProvider": "ATS", "integrationContext": org,
		"atsEntityId": "X", "atsEntityType": "CANDIDATE"}
	got, _ = e.write(t, "PUT", batchPath("/v2/atsEntityAcls", []restli.Key{bad}, ""), e.a, "batch_update",
		entities([]restli.Key{bad}, func(int) string { return "{}" }))
	if got.Errors[bad.String()].Status != 422 {
		t.Errorf("unsupported entity type = %+v", got)
	}
}

// TestSyncAppIsolation proves two ATS instances (child apps) enabled on the
// same organization keep disjoint synced data through the partner API: the
// same ids are two records, and neither instance can read, overwrite or
// delete the other's candidates, jobs or ACLs.
func TestSyncAppIsolation(t *testing.T) {
	e := setupSync(t)
	// A second instance on org1, through the whole life cycle: requested by
	// an admin, named, its own CALLBACK_URL set, enabled.
	appA2, a2 := e.customer(t, "tenant-a2", e.org1, true)
	org := linkedinsim.OrganizationURN(e.org1.ID)
	putCandidate := func(token string, id, first string) {
		t.Helper()
		k := []restli.Key{candKey(e.org1.ID, id)}
		body := strings.Replace(fmt.Sprintf(candidateBody, 1, 1), `"firstName": "Zoë"`, `"firstName": "`+first+`"`, 1)
		got, resp := e.write(t, "PUT", batchPath("/v2/atsCandidates", k, ""), token, "batch_update",
			entities(k, func(int) string { return body }))
		wantOK(t, "put "+id+" as "+first, got, resp, k[0].String())
	}
	firstName := func(token, id string) (string, bool) {
		t.Helper()
		k := candKey(e.org1.ID, id)
		var got getResp
		e.call(t, "GET", batchPath("/v2/atsCandidates", []restli.Key{k}, "fields=firstName"), token, "", "", nil, &got)
		r, ok := got.Results[k.String()]
		if !ok {
			return "", false
		}
		s, _ := r["firstName"].(string)
		return s, true
	}

	// Candidates: the same id in both instances is two records.
	putCandidate(e.a, "SAME", "One")
	putCandidate(a2, "SAME", "Two")
	putCandidate(e.a, "ONLY1", "One")
	if got, ok := firstName(e.a, "SAME"); !ok || got != "One" {
		t.Errorf("app 1 reads SAME = %q %v, want One", got, ok)
	}
	if got, ok := firstName(a2, "SAME"); !ok || got != "Two" {
		t.Errorf("app 2 reads SAME = %q %v, want Two", got, ok)
	}
	if got, ok := firstName(a2, "ONLY1"); ok {
		t.Errorf("app 2 read app 1's candidate ONLY1: %q", got)
	}
	only1 := candKey(e.org1.ID, "ONLY1")
	got, _ := e.write(t, "DELETE", batchPath("/v2/atsCandidates", []restli.Key{only1}, ""), a2, "", "")
	if got.Errors[only1.String()].Status != 404 {
		t.Errorf("app 2 deleting app 1's ONLY1 = %+v, want 404", got)
	}
	if _, ok := firstName(e.a, "ONLY1"); !ok {
		t.Error("app 2's delete removed app 1's candidate")
	}
	same := candKey(e.org1.ID, "SAME")
	got, resp := e.write(t, "DELETE", batchPath("/v2/atsCandidates", []restli.Key{same}, ""), a2, "", "")
	wantOK(t, "app 2 deletes its SAME", got, resp, same.String())
	if got, ok := firstName(e.a, "SAME"); !ok || got != "One" {
		t.Errorf("after app 2 deleted its SAME, app 1 reads %q %v", got, ok)
	}

	// Jobs: the same externalJobPostingId in both instances is two jobs.
	postJob := func(token, id, availability string) {
		t.Helper()
		var created struct {
			Elements []struct{ Status int } `json:"elements"`
		}
		e.call(t, "POST", "/v2/simpleJobPostings", token, "application/json",
			`{"elements": [`+jobElement(e.org1.ID, id, `, "availability": "`+availability+`"`)+`]}`,
			map[string]string{"X-RestLi-Method": "batch_create"}, &created)
		if len(created.Elements) != 1 || created.Elements[0].Status != 202 {
			t.Fatalf("job %s: %+v", id, created)
		}
	}
	postJob(e.a, "JSAME", linkedinsim.JobPublic)
	postJob(a2, "JSAME", linkedinsim.JobPrivate)
	jobs, err := e.store.FindJobs(e.ctx, []linkedinsim.RecordKey{{AppID: e.appA.ID, OrganizationID: e.org1.ID, ID: "JSAME"},
		{AppID: appA2.ID, OrganizationID: e.org1.ID, ID: "JSAME"}})
	must(t, err)
	if jobs[0] == nil || jobs[1] == nil || jobs[0].Availability != linkedinsim.JobPublic ||
		jobs[1].Availability != linkedinsim.JobPrivate || jobs[0].JobPostingID == jobs[1].JobPostingID {
		t.Fatalf("JSAME of app 1 and app 2 = %+v, %+v", jobs[0], jobs[1])
	}

	// ACLs: app 2 securing its JSAME leaves app 1's JSAME open, and app 2
	// neither sees nor deletes app 1's ACLs.
	acl := func(id, job string) restli.Key {
		return restli.Key{"atsEntityAclId": id, "dataProvider": "ATS", "integrationContext": org,
			"atsEntityId": job, "atsEntityType": "JOB_POSTING"}
	}
	a2ACL, a1ACL := acl("G2", "JSAME"), acl("G1", "JONLY1")
	got, resp = e.write(t, "PUT", batchPath("/v2/atsEntityAcls", []restli.Key{a2ACL}, ""), a2, "batch_update",
		entities([]restli.Key{a2ACL}, func(int) string { return "{}" }))
	wantOK(t, "app 2 acl", got, resp, a2ACL.String())
	postJob(e.a, "JONLY1", linkedinsim.JobPublic)
	got, resp = e.write(t, "PUT", batchPath("/v2/atsEntityAcls", []restli.Key{a1ACL}, ""), e.a, "batch_update",
		entities([]restli.Key{a1ACL}, func(int) string { return "{}" }))
	wantOK(t, "app 1 acl", got, resp, a1ACL.String())
	visible, err := e.svc.JobsVisibleTo(e.ctx, e.nonAssignee.ID)
	must(t, err)
	var seen []string
	for _, j := range visible {
		seen = append(seen, fmt.Sprintf("%s@%d", j.ExternalJobPostingID, j.AppID))
	}
	if want := fmt.Sprintf("JSAME@%d", e.appA.ID); strings.Join(seen, ",") != want {
		t.Errorf("non-assignee sees %v, want %s (app 1's JSAME only)", seen, want)
	}
	aclIDs := func(token string) string {
		t.Helper()
		var found struct {
			Elements []map[string]string `json:"elements"`
		}
		e.call(t, "GET", "/v2/atsEntityAcls?q=criteria&dataProvider=ATS&integrationContext="+org, token, "", "", nil, &found)
		var ids []string
		for _, el := range found.Elements {
			ids = append(ids, el["atsEntityAclId"]+"/"+el["atsEntityId"])
		}
		return strings.Join(ids, ",")
	}
	if got := aclIDs(e.a); got != "G1/JONLY1" {
		t.Errorf("app 1 ACLs = %q", got)
	}
	if got := aclIDs(a2); got != "G2/JSAME" {
		t.Errorf("app 2 ACLs = %q", got)
	}
	got, _ = e.write(t, "DELETE", batchPath("/v2/atsEntityAcls", []restli.Key{a1ACL}, ""), a2, "", "")
	if got.Errors[a1ACL.String()].Status != 404 {
		t.Errorf("app 2 deleting app 1's ACL = %+v, want 404", got)
	}
	if got := aclIDs(e.a); got != "G1/JONLY1" {
		t.Errorf("after app 2's delete, app 1 ACLs = %q", got)
	}
}

// TestSyncJobsAuthorizeFirst: a parent token, or a token whose integration
// is not enabled for the context, is refused with 403 before any element is
// validated, not answered 200 with per-element 422s.
func TestSyncJobsAuthorizeFirst(t *testing.T) {
	e := setupSync(t)
	parent := e.token(t, linkedinsim.DefaultPartnerClientID, linkedinsim.DefaultPartnerClientSecret)
	invalid := `{"elements": [{"integrationContext": "` + linkedinsim.OrganizationURN(e.org1.ID) + `", "externalJobPostingId": "X1"}]}`
	for _, tok := range []string{parent, e.pend, e.b} {
		e.wantError(t, "POST", "/v2/simpleJobPostings", tok, "application/json", invalid,
			map[string]string{"X-RestLi-Method": "batch_create"}, 403)
	}
	// With no parseable context a parent token is still refused.
	e.wantError(t, "POST", "/v2/simpleJobPostings", parent, "application/json", `{"elements": [{}]}`,
		map[string]string{"X-RestLi-Method": "batch_create"}, 403)
}

// TestJobTasksURLLimit: GET /v2/simpleJobPostingTasks enforces LinkedIn's
// documented URL limits (rsc-api.md §2.5): a query over 4 KB is 414 in
// LinkedIn's error body, checked before the token, while the batch ids[N]
// endpoints are not limited (a 100-key query is ~9.5 KB).
func TestJobTasksURLLimit(t *testing.T) {
	e := setupSync(t)
	var ids strings.Builder
	for i := 0; ids.Len() <= restli.MaxQueryBytes; i++ {
		fmt.Fprintf(&ids, "&ids=%s", url.QueryEscape(fmt.Sprintf("urn:li:simpleJobPostingTask:%040d", i)))
	}
	long := "/v2/simpleJobPostingTasks?" + ids.String()[1:]
	for _, tok := range []string{e.a, ""} {
		got := e.wantError(t, "GET", long, tok, "", "", nil, http.StatusRequestURITooLong)
		if !strings.Contains(got.Message, "Query string length") {
			t.Errorf("414 message = %q", got.Message)
		}
	}
	// A short task query is served.
	short := "/v2/simpleJobPostingTasks?ids=" + url.QueryEscape("urn:li:simpleJobPostingTask:1")
	if resp := e.call(t, "GET", short, e.a, "", "", nil, nil); resp.StatusCode != http.StatusOK {
		t.Errorf("short task query = %d, want 200", resp.StatusCode)
	}
	// A 100-key batch get of candidates, far over 4 KB, is not refused.
	keys := make([]restli.Key, 100)
	for i := range keys {
		keys[i] = candKey(e.org1.ID, fmt.Sprintf("CAND-%03d-%s", i, strings.Repeat("x", 20)))
	}
	path := batchPath("/v2/atsCandidates", keys, "")
	if len(path) <= restli.MaxQueryBytes {
		t.Fatalf("batch path is only %d bytes", len(path))
	}
	if resp := e.call(t, "GET", path, e.a, "", "", nil, nil); resp.StatusCode != http.StatusOK {
		t.Errorf("100-key batch get (%d bytes) = %d, want 200", len(path), resp.StatusCode)
	}
}
