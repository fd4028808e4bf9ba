package linkedinsim_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"attractor/internal/linkedinsim"
	"attractor/internal/linkedinsim/restli"
)

// pmBad is one bad request of the Postman collection's kind and what the
// simulator must answer: a LinkedIn error body with status (and
// serviceErrorCode for token and permission errors), or a 200 batch answer
// with per-entity errors. after reads back that nothing was written.
type pmBad struct {
	name   string
	req    pmReq
	status int
	code   int    // serviceErrorCode wanted; -1 for any
	msg    string // substring of the error message
	// For status 200: the per-entity errors and the keys written (204).
	entity map[string]pmEntityError
	ok     []string
	// For a batch_create: the first element's rejection.
	element *pmEntityError
	// anyNL accepts per-entity messages with or without LinkedIn's
	// trailing "\n": the simulator's atsIntegrations and configurations
	// 422s omit it while its sync 422s carry it (reported).
	anyNL bool
	after func(t *testing.T)
}

// raw performs r and returns the status and body.
func (e *pmEnv) raw(t *testing.T, r pmReq) (int, []byte) {
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
		req.Header[k] = []string{v}
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, b
}

func (e *pmEnv) runBad(t *testing.T, c pmBad) {
	t.Helper()
	status, body := e.raw(t, c.req)
	switch {
	case c.status != http.StatusOK:
		var le linkedinError
		if err := json.Unmarshal(body, &le); err != nil {
			t.Fatalf("%s %s = %d %s: not LinkedIn's error body: %v", c.req.method, c.req.path, status, body, err)
		}
		if status != c.status || le.Status != c.status || le.ServiceErrorCode == nil ||
			!strings.Contains(le.Message, c.msg) || (c.code >= 0 && *le.ServiceErrorCode != c.code) {
			t.Errorf("%s %s = %d %s, want %d (serviceErrorCode %d) with a message containing %q",
				c.req.method, c.req.path, status, body, c.status, c.code, c.msg)
		}
	case c.element != nil:
		var got pmCreated
		if err := json.Unmarshal(body, &got); err != nil || status != 200 || len(got.Elements) == 0 {
			t.Fatalf("batch_create = %d %s (%v)", status, body, err)
		}
		el := got.Elements[0]
		if el.Status != c.element.Status || el.Error == nil || *el.Error != *c.element || el.ID != "" {
			t.Errorf("rejected element = %+v, want status %d and error %+v", el, c.element.Status, *c.element)
		}
	default:
		var got pmBatchWrite
		if err := json.Unmarshal(body, &got); err != nil || status != 200 {
			t.Fatalf("%s %s = %d %s (%v), want 200", c.req.method, c.req.path, status, body, err)
		}
		want := pmOK(c.ok...)
		want.Errors = c.entity
		if c.anyNL {
			for k, v := range got.Errors {
				v.Message = strings.TrimSuffix(v.Message, "\n") + "\n"
				got.Errors[k] = v
			}
		}
		pmDiff(t, "batch answer", want, got)
	}
	if c.after != nil {
		c.after(t)
	}
}

// TestPostmanBadInput sends the collection's requests with bad input:
// malformed keys, body keys that are not the ids, 101 entities, missing
// required fields, expired, unknown and foreign tokens, another customer's
// integrationContext, the parent token on data endpoints and a child token
// on provisioning. Each gets the documented error, and a read-back shows
// nothing was written.
func TestPostmanBadInput(t *testing.T) {
	e := setupPostman(t)
	ctx := context.Background()
	a, b := e.customerAt(t, 0), e.customerAt(t, 1)
	if a.org == b.org {
		t.Fatalf("customers share %s", a.org)
	}
	appA, tokA, reqA := e.onboardApp(t, a, "tenant-a", true)
	appB, tokB, _ := e.onboardApp(t, b, "tenant-b", true)
	parent := e.clientCredentials(t, e.world.Partner.ClientID, e.world.Partner.ClientSecret).AccessToken
	taskA := e.job(t, tokA, a.org, "J1")
	orgA, _ := linkedinsim.ParseOrganizationURN(a.org)

	put := map[string]string{"x-restli-method": "batch_update", "Content-Type": "application/json"}
	patch := map[string]string{"x-restli-method": "batch_partial_update", "Content-Type": "application/json"}
	create := map[string]string{"x-restli-method": "batch_create", "Content-Type": "application/json"}
	ctJSON := map[string]string{"Content-Type": "application/json"}

	cand := func(org, id string) restli.Key {
		return restli.Key{"atsCandidateId": id, "dataProvider": "ATS", "integrationContext": org}
	}
	appl := func(org, id string) restli.Key {
		return restli.Key{"atsJobApplicationId": id, "dataProvider": "ATS", "integrationContext": org}
	}
	// ids builds ids[N].… the way the collection writes them; bodyKey the
	// entity key with the fields in the collection's (unsorted) order.
	ids := func(keys ...restli.Key) string { return restli.BatchQuery(keys).Encode() }
	bodyKey := func(k restli.Key, order ...string) string {
		var parts []string
		for _, f := range order {
			parts = append(parts, f+"="+k[f])
		}
		return strings.Join(parts, "&")
	}
	candBodyKey := func(k restli.Key) string {
		return bodyKey(k, "atsCandidateId", "dataProvider", "integrationContext")
	}
	entities := func(pairs ...string) string { // key, value, key, value…
		var b strings.Builder
		b.WriteString(`{"entities": {`)
		for i := 0; i < len(pairs); i += 2 {
			if i > 0 {
				b.WriteString(",")
			}
			fmt.Fprintf(&b, "%q: %s", pairs[i], pairs[i+1])
		}
		b.WriteString("}}")
		return b.String()
	}
	candidate := pmCandidateBody("john")
	without := func(body, field string) string {
		var m map[string]any
		if err := json.Unmarshal([]byte(body), &m); err != nil {
			t.Fatal(err)
		}
		delete(m, field)
		out, _ := json.Marshal(m)
		return string(out)
	}

	// A's existing data: candidate C1, application A1 on J1, note N0.
	c1, a1 := cand(a.org, "C1"), appl(a.org, "A1")
	e.send(t, pmReq{"PUT", "/v2/atsCandidates?" + ids(c1), tokA, put, entities(candBodyKey(c1), candidate)}, 200, nil)
	e.send(t, pmReq{"PUT", "/v2/atsApplications?" + ids(a1), tokA, put,
		entities(bodyKey(a1, "atsJobApplicationId", "dataProvider", "integrationContext"), pmApplicationBody("J1"))}, 200, nil)
	c1Notes := "/v2/atsCandidates/" + candBodyKey(c1) + "/notes"
	a1Base := "/v2/atsApplications/" + bodyKey(a1, "atsJobApplicationId", "dataProvider", "integrationContext")
	e.send(t, pmReq{"PUT", c1Notes + "?ids=N0", tokA, put, `{"entities": {"N0": {"note": "kept"}}}`}, 200, nil)

	// Read-backs, over HTTP with A's (or B's) own token.
	noCandidates := func(tok string, keys ...restli.Key) func(t *testing.T) {
		return func(t *testing.T) {
			t.Helper()
			var got pmBatchGet[pmCandidate]
			e.send(t, pmReq{method: "GET", path: "/v2/atsCandidates?" + ids(keys...), token: tok}, 200, &got)
			for _, k := range keys {
				if got.Statuses[k.String()] != 404 {
					t.Errorf("candidate %s was written: %+v", k, got.Results[k.String()])
				}
			}
		}
	}
	c1Intact := func(t *testing.T) {
		t.Helper()
		var got pmBatchGet[pmCandidate]
		e.send(t, pmReq{method: "GET", path: "/v2/atsCandidates?" + ids(c1), token: tokA}, 200, &got)
		if c := got.Results[c1.String()]; c.FirstName != "john" || c.ExternalProfileURL != "https://example.com/p-griffin" {
			t.Errorf("C1 changed: %+v", got)
		}
	}
	noApplications := func(keys ...restli.Key) func(t *testing.T) {
		return func(t *testing.T) {
			t.Helper()
			var got pmBatchGet[pmApplication]
			e.send(t, pmReq{method: "GET", path: "/v2/atsApplications?" + ids(keys...), token: tokA}, 200, &got)
			for _, k := range keys {
				if got.Statuses[k.String()] != 404 {
					t.Errorf("application %s was written", k)
				}
			}
		}
	}
	noSub := func(path string, subIDs ...string) func(t *testing.T) {
		return func(t *testing.T) {
			t.Helper()
			var got pmBatchGet[map[string]any]
			e.send(t, pmReq{method: "GET", path: path + "?ids=" + strings.Join(subIDs, "&ids="), token: tokA}, 200, &got)
			for _, id := range subIDs {
				if got.Statuses[id] != 404 {
					t.Errorf("%s %s was written: %v", path, id, got.Results[id])
				}
			}
		}
	}
	noJobs := func(org int64, jobIDs ...string) func(t *testing.T) {
		return func(t *testing.T) {
			t.Helper()
			keys := make([]linkedinsim.RecordKey, len(jobIDs))
			for i, id := range jobIDs {
				keys[i] = linkedinsim.RecordKey{OrganizationID: org, ID: id}
			}
			jobs, err := e.store.FindJobs(ctx, keys)
			if err != nil {
				t.Fatal(err)
			}
			for i, j := range jobs {
				if j != nil {
					t.Errorf("job %s was written", jobIDs[i])
				}
			}
		}
	}
	noACLs := func(org string) func(t *testing.T) {
		return func(t *testing.T) {
			t.Helper()
			tok := tokA
			if org == b.org {
				tok = tokB
			}
			var got pmFinder[pmACL]
			e.send(t, pmReq{method: "GET", token: tok,
				path: "/v2/atsEntityAcls?q=criteria&dataProvider=ATS&integrationContext=" + org + "&start=0&count=100"}, 200, &got)
			if len(got.Elements) != 0 {
				t.Errorf("ACLs were written in %s: %+v", org, got.Elements)
			}
		}
	}
	namesOf := func(tok string, cu pmCustomer, prefix string) func(t *testing.T) {
		return func(t *testing.T) {
			t.Helper()
			var got pmBatchGet[pmIntegration]
			path := "/v2/atsIntegrations?ids[0].integrationContext=" + cu.org + "&ids[0].integrationType=ONE_CLICK_EXPORT" +
				"&ids[0].tenantType=RECRUITER&ids[0].dataProvider=ATS&ids[1].integrationContext=" + cu.contract +
				"&ids[1].integrationType=CSA_API&ids[1].tenantType=RECRUITER&ids[1].dataProvider=ATS"
			e.send(t, pmReq{method: "GET", path: path, token: tok}, 200, &got)
			for _, in := range got.Results {
				if in.IntegrationName != prefix+" "+in.IntegrationType || in.OnboardingStatus != "ENABLED" {
					t.Errorf("integration changed: %+v", in)
				}
			}
			if len(got.Results) != 2 {
				t.Errorf("integrations = %+v", got)
			}
		}
	}
	configsOf := func(cu pmCustomer) string {
		return "/v2/atsIntegrations/integrationContext=" + cu.org +
			"&integrationType=ONE_CLICK_EXPORT&tenantType=RECRUITER&dataProvider=ATS/configurations"
	}
	callbackIs := func(tok string, cu pmCustomer, foreignID string) func(t *testing.T) {
		return func(t *testing.T) {
			t.Helper()
			var got pmBatchGet[pmConfig]
			e.send(t, pmReq{method: "GET", path: configsOf(cu) + "?ids=CALLBACK_URL&ids=JOB_POSTING_VIEWERS", token: tok}, 200, &got)
			if got.Results["CALLBACK_URL"].ConfigurationValue.String != e.cb.URL+"/li/"+foreignID ||
				got.Statuses["JOB_POSTING_VIEWERS"] != 404 {
				t.Errorf("configurations changed: %+v", got)
			}
		}
	}
	noApp := func(foreignID string) func(t *testing.T) {
		return func(t *testing.T) {
			t.Helper()
			var got pmFinder[pmApp]
			e.send(t, pmReq{method: "GET", token: parent,
				path: "/v2/provisionedApplications?q=credentialsByUniqueForeignId&uniqueForeignId=" + foreignID}, 200, &got)
			if len(got.Elements) != 0 {
				t.Errorf("application %s was provisioned", foreignID)
			}
		}
	}
	jobElement := func(org, id, drop string) string {
		el := map[string]any{"integrationContext": org, "externalJobPostingId": id, "title": "Senior Software Engineer",
			"description": "Build things.", "location": "San Francisco, CA", "availability": "PUBLIC", "state": "LISTED",
			"companyApplyUrl": "http://localhost:5000/jobs", "listedAt": 1700000000000}
		delete(el, drop)
		out, _ := json.Marshal(el)
		return string(out)
	}
	missing := func(path string) pmEntityError {
		return pmEntityError{Status: 422, Message: "ERROR :: " + path + " :: field is required but not found and has no default value\n"}
	}
	const forbidden, unauthorized = http.StatusForbidden, http.StatusUnauthorized
	// serviceErrorCode is always the HTTP status (error.go, rsc-api.md §2.5).
	const codeNoPermission, codeInvalid, codeExpired = forbidden, unauthorized, unauthorized

	var cases []pmBad

	// Malformed keys: 400, nothing written.
	m1 := cand(a.org, "MK1")
	cases = append(cases,
		pmBad{name: "MalformedKey_MissingDataProvider", status: 400, code: -1, msg: `Missing key field "dataProvider"`,
			req: pmReq{"PUT", "/v2/atsCandidates?ids[0].atsCandidateId=MK1&ids[0].integrationContext=" + a.org, tokA, put,
				entities("atsCandidateId=MK1&integrationContext="+a.org, candidate)},
			after: noCandidates(tokA, m1)},
		pmBad{name: "MalformedKey_IndexGap", status: 400, code: -1, msg: "Missing ids[0]",
			req: pmReq{"PUT", "/v2/atsCandidates?ids[1].atsCandidateId=MK1&ids[1].dataProvider=ATS&ids[1].integrationContext=" + a.org,
				tokA, put, entities(candBodyKey(m1), candidate)},
			after: noCandidates(tokA, m1)},
		pmBad{name: "MalformedKey_IndexNotANumber", status: 400, code: -1, msg: `index "x"`,
			req: pmReq{"PUT", "/v2/atsCandidates?ids[x].atsCandidateId=MK1&ids[x].dataProvider=ATS&ids[x].integrationContext=" + a.org,
				tokA, put, entities(candBodyKey(m1), candidate)},
			after: noCandidates(tokA, m1)},
		pmBad{name: "MalformedKey_ContextNotAnOrganization", status: 400, code: -1, msg: "urn:li:organization",
			req: pmReq{"PUT", "/v2/atsCandidates?" + ids(cand(a.contract, "MK1")), tokA, put,
				entities(candBodyKey(cand(a.contract, "MK1")), candidate)},
			after: noCandidates(tokA, m1)},
		pmBad{name: "MalformedKey_DataProviderNotATS", status: 400, code: -1, msg: "dataProvider must be ATS",
			req: pmReq{"PUT", "/v2/atsCandidates?ids[0].atsCandidateId=MK1&ids[0].dataProvider=LINKEDIN&ids[0].integrationContext=" + a.org,
				tokA, put, entities("atsCandidateId=MK1&dataProvider=LINKEDIN&integrationContext="+a.org, candidate)},
			after: noCandidates(tokA, m1)},
		pmBad{name: "MalformedKey_RepeatedKey", status: 400, code: -1, msg: "repeats the key of ids[0]",
			req: pmReq{"PUT", "/v2/atsCandidates?" + ids(m1) + "&ids[1].atsCandidateId=MK1&ids[1].dataProvider=ATS&ids[1].integrationContext=" +
				url.QueryEscape(a.org), tokA, put, entities(candBodyKey(m1), candidate)},
			after: noCandidates(tokA, m1)},
		pmBad{name: "MalformedKey_NotesPathKey", status: 400, code: -1, msg: `Missing key field "integrationContext"`,
			req: pmReq{"PUT", "/v2/atsCandidates/atsCandidateId=C1&dataProvider=ATS/notes?ids=MKN", tokA, put,
				`{"entities": {"MKN": {"note": "x"}}}`},
			after: noSub(c1Notes, "MKN")},
		pmBad{name: "MalformedKey_IntegrationTenantType", status: 400, code: -1, msg: "tenantType must be RECRUITER",
			req: pmReq{"POST", "/v2/atsIntegrations?ids[0].integrationContext=" + a.org + "&ids[0].integrationType=ONE_CLICK_EXPORT" +
				"&ids[0].tenantType=LITE&ids[0].dataProvider=ATS", tokA, patch,
				entities("integrationContext="+a.org+"&integrationType=ONE_CLICK_EXPORT&tenantType=LITE&dataProvider=ATS",
					`{"patch": {"$set": {"integrationName": "renamed"}}}`)},
			after: namesOf(tokA, a, "tenant-a")},
		pmBad{name: "MalformedKey_ACLWithoutEntityType", status: 400, code: -1, msg: `Missing key field "atsEntityType"`,
			req: pmReq{"PUT", "/v2/atsEntityAcls?ids[0].atsEntityAclId=G&ids[0].dataProvider=ATS&ids[0].integrationContext=" + a.org +
				"&ids[0].atsEntityId=J1", tokA, put,
				entities("dataProvider=ATS&integrationContext="+a.org+"&atsEntityId=J1&atsEntityAclId=G", "{}")},
			after: noACLs(a.org)},
	)

	// Body keys that are not the ids: 400, nothing written.
	k1, k2 := cand(a.org, "KM1"), cand(a.org, "KM2")
	cases = append(cases,
		pmBad{name: "KeyMismatch_OtherCandidate", status: 400, code: -1, msg: "is in ids but not in the entities",
			req:   pmReq{"PUT", "/v2/atsCandidates?" + ids(k1), tokA, put, entities(candBodyKey(k2), candidate)},
			after: noCandidates(tokA, k1, k2)},
		pmBad{name: "KeyMismatch_OneEntityMissing", status: 400, code: -1, msg: "is in ids but not in the entities",
			req:   pmReq{"PUT", "/v2/atsCandidates?" + ids(k1, k2), tokA, put, entities(candBodyKey(k1), candidate)},
			after: noCandidates(tokA, k1, k2)},
		pmBad{name: "KeyMismatch_ExtraEntity", status: 400, code: -1, msg: "is in the request body but not in ids",
			req: pmReq{"PUT", "/v2/atsCandidates?" + ids(k1), tokA, put,
				entities(candBodyKey(k1), candidate, candBodyKey(k2), candidate)},
			after: noCandidates(tokA, k1, k2)},
		pmBad{name: "KeyMismatch_ApplicationContext", status: 400, code: -1, msg: "is in ids but not in the entities",
			req: pmReq{"PUT", "/v2/atsApplications?" + ids(appl(a.org, "KMA")), tokA, put,
				entities(bodyKey(appl(b.org, "KMA"), "atsJobApplicationId", "dataProvider", "integrationContext"), pmApplicationBody("J1"))},
			after: noApplications(appl(a.org, "KMA"))},
		pmBad{name: "KeyMismatch_CandidateNote", status: 400, code: -1, msg: `Key "KMN1" is in ids`,
			req:   pmReq{"PUT", c1Notes + "?ids=KMN1", tokA, put, `{"entities": {"KMN2": {"note": "x"}}}`},
			after: noSub(c1Notes, "KMN1", "KMN2")},
		pmBad{name: "KeyMismatch_Stages", status: 400, code: -1, msg: `"S2" is in ids`,
			req: pmReq{"PUT", a1Base + "/stages?ids=S1&ids=S2", tokA, put,
				`{"entities": {"S1": {"atsCreatedAt": 1700000000000, "stage": "New"}, "S3": {"atsCreatedAt": 1700000000000, "stage": "TPS"}}}`},
			after: noSub(a1Base+"/stages", "S1", "S2", "S3")},
		pmBad{name: "KeyMismatch_Configuration", status: 400, code: -1, msg: `"JOB_POSTING_VIEWERS" is in ids`,
			req: pmReq{"PUT", configsOf(a) + "?ids=JOB_POSTING_VIEWERS", tokA, put,
				`{"entities": {"CALLBACK_URL": {"configurationValue": {"string": "https://elsewhere.example/cb"}}}}`},
			after: callbackIs(tokA, a, "tenant-a")},
		pmBad{name: "KeyMismatch_IntegrationType", status: 400, code: -1, msg: "is in ids but not in the entities",
			req: pmReq{"POST", "/v2/atsIntegrations?ids[0].integrationContext=" + a.org + "&ids[0].integrationType=ONE_CLICK_EXPORT" +
				"&ids[0].tenantType=RECRUITER&ids[0].dataProvider=ATS", tokA, patch,
				entities("integrationContext="+a.org+"&integrationType=IN_ATS_INDICATOR&tenantType=RECRUITER&dataProvider=ATS",
					`{"patch": {"$set": {"integrationName": "renamed"}}}`)},
			after: namesOf(tokA, a, "tenant-a")},
		pmBad{name: "KeyMismatch_ACLEntity", status: 400, code: -1, msg: "is in ids but not in the entities",
			req: pmReq{"PUT", "/v2/atsEntityAcls?ids[0].atsEntityAclId=G&ids[0].dataProvider=ATS&ids[0].integrationContext=" + a.org +
				"&ids[0].atsEntityType=JOB_POSTING&ids[0].atsEntityId=J1", tokA, put,
				entities("dataProvider=ATS&integrationContext="+a.org+"&atsEntityType=JOB_POSTING&atsEntityId=J2&atsEntityAclId=G", "{}")},
			after: noACLs(a.org)},
	)

	// 101 entities: 400, nothing written; 100 is accepted.
	var many, hundred []restli.Key
	var manyEnts, hundredEnts []string
	var manyJobs, manyStages []string
	for i := range 101 {
		k := cand(a.org, fmt.Sprintf("BIG%03d", i))
		many = append(many, k)
		manyEnts = append(manyEnts, candBodyKey(k), candidate)
		manyJobs = append(manyJobs, jobElement(a.org, fmt.Sprintf("BIGJ%03d", i), ""))
		manyStages = append(manyStages, fmt.Sprintf("BS%03d", i))
		if i < 100 {
			k := cand(a.org, fmt.Sprintf("OK%03d", i))
			hundred = append(hundred, k)
			hundredEnts = append(hundredEnts, candBodyKey(k), candidate)
		}
	}
	stageEnts := make([]string, 0, 202)
	for _, s := range manyStages {
		stageEnts = append(stageEnts, s, `{"atsCreatedAt": 1700000000000, "stage": "New"}`)
	}
	hundredKeys := make([]string, len(hundred))
	for i, k := range hundred {
		hundredKeys[i] = k.String()
	}
	const tooMany = "Batch size 101 exceeds the maximum allowed batch size of 100"
	cases = append(cases,
		pmBad{name: "TooMany_Candidates", status: 400, code: -1, msg: tooMany,
			req:   pmReq{"PUT", "/v2/atsCandidates?" + ids(many...), tokA, put, entities(manyEnts...)},
			after: noCandidates(tokA, many[0], many[100])},
		pmBad{name: "TooMany_CandidatesGet", status: 400, code: -1, msg: tooMany,
			req: pmReq{method: "GET", path: "/v2/atsCandidates?" + ids(many...), token: tokA}},
		pmBad{name: "TooMany_Jobs", status: 400, code: -1, msg: tooMany,
			req: pmReq{"POST", "/v2/simpleJobPostings", tokA, create,
				`{"elements": [` + strings.Join(manyJobs, ",") + `]}`},
			after: noJobs(orgA, "BIGJ000", "BIGJ100")},
		pmBad{name: "TooMany_Stages", status: 400, code: -1, msg: tooMany,
			req: pmReq{"PUT", a1Base + "/stages?ids=" + strings.Join(manyStages, "&ids="), tokA, put,
				entities(stageEnts...)},
			after: noSub(a1Base+"/stages", "BS000", "BS100")},
		pmBad{name: "AtLimit_100Candidates", status: 200, ok: hundredKeys,
			req: pmReq{"PUT", "/v2/atsCandidates?" + ids(hundred...), tokA, put, entities(hundredEnts...)}},
	)

	// Missing required fields: the entity fails with 422 and LinkedIn's
	// message, the others of the batch are written (rsc-api.md §2.4, §2.5).
	for _, f := range []string{"atsCreatedAt", "atsLastModifiedAt", "addresses", "phoneNumbers", "emailAddresses",
		"firstName", "lastName", "externalProfileUrl"} {
		k := cand(a.org, "RQ-"+f)
		cases = append(cases, pmBad{name: "Required_Candidate_" + f, status: 200,
			entity: map[string]pmEntityError{k.String(): missing("/" + f)},
			req:    pmReq{"PUT", "/v2/atsCandidates?" + ids(k), tokA, put, entities(candBodyKey(k), without(candidate, f))},
			after:  noCandidates(tokA, k)})
	}
	good, bad := cand(a.org, "RQ-good"), cand(a.org, "RQ-bad")
	cases = append(cases, pmBad{name: "Required_MixedBatch", status: 200, ok: []string{good.String()},
		entity: map[string]pmEntityError{bad.String(): missing("/firstName")},
		req: pmReq{"PUT", "/v2/atsCandidates?" + ids(good, bad), tokA, put,
			entities(candBodyKey(good), candidate, candBodyKey(bad), without(candidate, "firstName"))},
		after: noCandidates(tokA, bad)})
	for _, f := range []string{"atsCreatedAt", "atsJobPostingId", "atsJobPostingName"} {
		k := appl(a.org, "RQ-"+f)
		cases = append(cases, pmBad{name: "Required_Application_" + f, status: 200,
			entity: map[string]pmEntityError{k.String(): missing("/" + f)},
			req: pmReq{"PUT", "/v2/atsApplications?" + ids(k), tokA, put,
				entities(bodyKey(k, "atsJobApplicationId", "dataProvider", "integrationContext"), without(pmApplicationBody("J1"), f))},
			after: noApplications(k)})
	}
	for _, f := range []string{"title", "description", "companyApplyUrl", "listedAt"} {
		id := "RQJ-" + f
		m := missing("/" + f)
		cases = append(cases, pmBad{name: "Required_Job_" + f, status: 200, element: &m,
			req:   pmReq{"POST", "/v2/simpleJobPostings", tokA, create, `{"elements": [` + jobElement(a.org, id, f) + `]}`},
			after: noJobs(orgA, id)})
	}
	cases = append(cases,
		pmBad{name: "Required_Stage", status: 200, entity: map[string]pmEntityError{"RQS": missing("/stage")},
			req:   pmReq{"PUT", a1Base + "/stages?ids=RQS", tokA, put, `{"entities": {"RQS": {"atsCreatedAt": 1700000000000}}}`},
			after: noSub(a1Base+"/stages", "RQS")},
		pmBad{name: "Required_NoteAuthorLastName", status: 200,
			entity: map[string]pmEntityError{"RQN": missing("/author/lastName")},
			req:    pmReq{"PUT", c1Notes + "?ids=RQN", tokA, put, `{"entities": {"RQN": {"note": "x", "author": {"firstName": "Rita"}}}}`},
			after:  noSub(c1Notes, "RQN")},
		pmBad{name: "Required_CallbackURLValue", status: 200, anyNL: true,
			entity: map[string]pmEntityError{"CALLBACK_URL": missing("/configurationValue/string")},
			req:    pmReq{"PUT", configsOf(a) + "?ids=CALLBACK_URL", tokA, put, `{"entities": {"CALLBACK_URL": {"configurationValue": {}}}}`},
			after:  callbackIs(tokA, a, "tenant-a")},
		pmBad{name: "Required_IntegrationName", status: 200, anyNL: true,
			entity: map[string]pmEntityError{intKeyOf(a.org, "ONE_CLICK_EXPORT"): missing("/integrationName")},
			req: pmReq{"POST", "/v2/atsIntegrations?ids[0].integrationContext=" + a.org + "&ids[0].integrationType=ONE_CLICK_EXPORT" +
				"&ids[0].tenantType=RECRUITER&ids[0].dataProvider=ATS", tokA, patch,
				entities("integrationContext="+a.org+"&integrationType=ONE_CLICK_EXPORT&tenantType=RECRUITER&dataProvider=ATS",
					`{"patch": {"$set": {}}}`)},
			after: namesOf(tokA, a, "tenant-a")},
		pmBad{name: "Required_ProvisioningName", status: 422, code: -1, msg: "ERROR :: /name :: ",
			req:   pmReq{"POST", "/v2/provisionedApplications", parent, ctJSON, `{"uniqueForeignId": "rq-noname", "description": "x"}`},
			after: noApp("rq-noname")},
	)

	// Unknown and missing tokens: 401.
	u1 := cand(a.org, "TOK1")
	cases = append(cases,
		pmBad{name: "Token_Unknown", status: unauthorized, code: codeInvalid, msg: "Invalid access token",
			req:   pmReq{"PUT", "/v2/atsCandidates?" + ids(u1), "AQXnotatoken", put, entities(candBodyKey(u1), candidate)},
			after: noCandidates(tokA, u1)},
		pmBad{name: "Token_Missing", status: unauthorized, code: codeInvalid, msg: "Empty oauth2 access token",
			req:   pmReq{"PUT", "/v2/atsCandidates?" + ids(u1), "", put, entities(candBodyKey(u1), candidate)},
			after: noCandidates(tokA, u1)},
	)

	// Another customer's token on A's data: 403, A's data intact.
	cases = append(cases,
		pmBad{name: "ForeignToken_OverwriteCandidate", status: forbidden, code: codeNoPermission, msg: a.org,
			req:   pmReq{"PUT", "/v2/atsCandidates?" + ids(c1), tokB, put, entities(candBodyKey(c1), pmCandidateBody("mallory"))},
			after: c1Intact},
		pmBad{name: "ForeignToken_DeleteCandidate", status: forbidden, code: codeNoPermission, msg: a.org,
			req: pmReq{method: "DELETE", path: "/v2/atsCandidates?" + ids(c1), token: tokB}, after: c1Intact},
		pmBad{name: "ForeignToken_ReadCandidate", status: forbidden, code: codeNoPermission, msg: a.org,
			req: pmReq{method: "GET", path: "/v2/atsCandidates?" + ids(c1), token: tokB}},
		pmBad{name: "ForeignToken_CandidateNote", status: forbidden, code: codeNoPermission, msg: a.org,
			req:   pmReq{"PUT", c1Notes + "?ids=FN", tokB, put, `{"entities": {"FN": {"note": "x"}}}`},
			after: noSub(c1Notes, "FN")},
		pmBad{name: "ForeignToken_DeleteApplication", status: forbidden, code: codeNoPermission, msg: a.org,
			req: pmReq{method: "DELETE", path: "/v2/atsApplications?" + ids(a1), token: tokB},
			after: func(t *testing.T) {
				var got pmBatchGet[pmApplication]
				e.send(t, pmReq{method: "GET", path: "/v2/atsApplications?" + ids(a1), token: tokA}, 200, &got)
				if got.Statuses[a1.String()] != 200 {
					t.Errorf("A1 gone: %+v", got)
				}
			}},
		pmBad{name: "ForeignToken_NameIntegration", status: forbidden, code: codeNoPermission, msg: a.org,
			req: pmReq{"POST", "/v2/atsIntegrations?ids[0].integrationContext=" + a.org + "&ids[0].integrationType=ONE_CLICK_EXPORT" +
				"&ids[0].tenantType=RECRUITER&ids[0].dataProvider=ATS", tokB, patch,
				entities("integrationContext="+a.org+"&integrationType=ONE_CLICK_EXPORT&tenantType=RECRUITER&dataProvider=ATS",
					`{"patch": {"$set": {"integrationName": "hijacked"}}}`)},
			after: namesOf(tokA, a, "tenant-a")},
		pmBad{name: "ForeignToken_CallbackURL", status: forbidden, code: codeNoPermission, msg: a.org,
			req: pmReq{"PUT", configsOf(a) + "?ids=CALLBACK_URL", tokB, put,
				`{"entities": {"CALLBACK_URL": {"configurationValue": {"string": "https://evil.example/cb"}}}}`},
			after: callbackIs(tokA, a, "tenant-a")},
	)

	// A's token with another customer's integrationContext: 403, and a
	// batch mixing A's own key with B's writes neither.
	own, foreign := cand(a.org, "CTX-own"), cand(b.org, "CTX-foreign")
	cases = append(cases,
		pmBad{name: "ForeignContext_Candidate", status: forbidden, code: codeNoPermission, msg: b.org,
			req:   pmReq{"PUT", "/v2/atsCandidates?" + ids(foreign), tokA, put, entities(candBodyKey(foreign), candidate)},
			after: noCandidates(tokB, foreign)},
		pmBad{name: "ForeignContext_MixedBatch", status: forbidden, code: codeNoPermission, msg: b.org,
			req: pmReq{"PUT", "/v2/atsCandidates?" + ids(own, foreign), tokA, put,
				entities(candBodyKey(foreign), candidate, candBodyKey(own), candidate)},
			after: func(t *testing.T) { noCandidates(tokA, own)(t); noCandidates(tokB, foreign)(t) }},
		pmBad{name: "ForeignContext_JobsMixed", status: forbidden, code: codeNoPermission, msg: b.org,
			req: pmReq{"POST", "/v2/simpleJobPostings", tokA, create,
				`{"elements": [` + jobElement(a.org, "CTXJ-own", "") + `,` + jobElement(b.org, "CTXJ-foreign", "") + `]}`},
			after: func(t *testing.T) {
				noJobs(orgA, "CTXJ-own")(t)
				orgB, _ := linkedinsim.ParseOrganizationURN(b.org)
				noJobs(orgB, "CTXJ-foreign")(t)
			}},
		pmBad{name: "ForeignContext_ACL", status: forbidden, code: codeNoPermission, msg: b.org,
			req: pmReq{"PUT", "/v2/atsEntityAcls?ids[0].atsEntityAclId=G&ids[0].dataProvider=ATS&ids[0].integrationContext=" + b.org +
				"&ids[0].atsEntityType=JOB_POSTING&ids[0].atsEntityId=J1", tokA, put,
				entities("dataProvider=ATS&integrationContext="+b.org+"&atsEntityType=JOB_POSTING&atsEntityId=J1&atsEntityAclId=G", "{}")},
			after: noACLs(b.org)},
		pmBad{name: "ForeignContext_CallbackURL", status: forbidden, code: codeNoPermission, msg: b.org,
			req: pmReq{"PUT", configsOf(b) + "?ids=CALLBACK_URL", tokA, put,
				`{"entities": {"CALLBACK_URL": {"configurationValue": {"string": "https://evil.example/cb"}}}}`},
			after: callbackIs(tokB, b, "tenant-b")},
		pmBad{name: "ForeignContext_CSAIntegration", status: forbidden, code: codeNoPermission, msg: b.contract,
			req: pmReq{"POST", "/v2/atsIntegrations?ids[0].integrationContext=" + b.contract + "&ids[0].integrationType=CSA_API" +
				"&ids[0].tenantType=RECRUITER&ids[0].dataProvider=ATS", tokA, patch,
				entities("integrationContext="+b.contract+"&integrationType=CSA_API&tenantType=RECRUITER&dataProvider=ATS",
					`{"patch": {"$set": {"integrationName": "hijacked"}}}`)},
			after: namesOf(tokB, b, "tenant-b")},
	)

	// The parent token on data endpoints and a child token on
	// provisioning: 403.
	p1 := cand(a.org, "PARENT1")
	cases = append(cases,
		pmBad{name: "ParentToken_SyncCandidates", status: forbidden, code: codeNoPermission, msg: "provisionedApplications",
			req:   pmReq{"PUT", "/v2/atsCandidates?" + ids(p1), parent, put, entities(candBodyKey(p1), candidate)},
			after: noCandidates(tokA, p1)},
		pmBad{name: "ParentToken_VerifyIntegrations", status: forbidden, code: codeNoPermission, msg: "provisionedApplications",
			req: pmReq{method: "GET", token: parent, path: "/v2/atsIntegrations?ids[0].integrationContext=" + a.org +
				"&ids[0].integrationType=ONE_CLICK_EXPORT&ids[0].tenantType=RECRUITER&ids[0].dataProvider=ATS"}},
		pmBad{name: "ParentToken_StatusChangeFinder", status: forbidden, code: codeNoPermission, msg: "provisionedApplications",
			req: pmReq{method: "GET", token: parent, path: "/v2/atsIntegrations?q=request&requestId=" + url.QueryEscape(reqA)}},
		pmBad{name: "ParentToken_CreateJob", status: forbidden, code: codeNoPermission, msg: "provisionedApplications",
			req:   pmReq{"POST", "/v2/simpleJobPostings", parent, create, `{"elements": [` + jobElement(a.org, "PARENTJ", "") + `]}`},
			after: noJobs(orgA, "PARENTJ")},
		pmBad{name: "ParentToken_CallbackURL", status: forbidden, code: codeNoPermission, msg: "provisionedApplications",
			req: pmReq{"PUT", configsOf(a) + "?ids=CALLBACK_URL", parent, put,
				`{"entities": {"CALLBACK_URL": {"configurationValue": {"string": "https://evil.example/cb"}}}}`},
			after: callbackIs(tokA, a, "tenant-a")},
		pmBad{name: "ChildToken_ProvisionChild", status: forbidden, code: codeNoPermission, msg: "",
			req: pmReq{"POST", "/v2/provisionedApplications", tokA, ctJSON,
				`{"uniqueForeignId": "child-made", "name": "Child made", "description": "x"}`},
			after: noApp("child-made")},
		pmBad{name: "ChildToken_GetChildApplication", status: forbidden, code: codeNoPermission, msg: "",
			req: pmReq{method: "GET", token: tokA,
				path: "/v2/provisionedApplications?q=credentialsByUniqueForeignId&uniqueForeignId=tenant-a"}},
		pmBad{name: "ChildToken_UpdateJavaScriptSDKDomain", status: forbidden, code: codeNoPermission, msg: "",
			req: pmReq{"POST", "/v2/provisionedApplications/" + appA.Key, tokA, ctJSON,
				`{"patch": {"$set": {"validJsSdkDomains": ["https://evil.example"]}}}`},
			after: func(t *testing.T) {
				var got pmFinder[pmApp]
				e.send(t, pmReq{method: "GET", token: parent,
					path: "/v2/provisionedApplications?q=credentialsByUniqueForeignId&uniqueForeignId=tenant-a"}, 200, &got)
				if len(got.Elements) != 1 || strings.Join(got.Elements[0].ValidJSSDKDomains, ",") != "http://localhost:5000" {
					t.Errorf("domains changed: %+v", got)
				}
			}},
	)

	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) { e.runBad(t, c) })
	}

	// Another customer finds nothing under A's requestId (the finder does
	// not reveal other customers' requests), while A finds its own.
	t.Run("ForeignToken_StatusChangeFinder", func(t *testing.T) {
		var got pmFinder[pmIntegration]
		e.send(t, pmReq{method: "GET", token: tokB, path: "/v2/atsIntegrations?q=request&requestId=" + url.QueryEscape(reqA)}, 200, &got)
		if len(got.Elements) != 0 || got.Paging.Total != 0 {
			t.Errorf("B sees A's request: %+v", got)
		}
		e.send(t, pmReq{method: "GET", token: tokA, path: "/v2/atsIntegrations?q=request&requestId=" + url.QueryEscape(reqA)}, 200, &got)
		if len(got.Elements) != 4 {
			t.Errorf("A's own request = %+v", got)
		}
	})
	// Another customer cannot read A's job task: 404 for that id.
	t.Run("ForeignToken_JobTaskStatus", func(t *testing.T) {
		var got pmBatchGet[pmTask]
		e.send(t, pmReq{method: "GET", token: tokB, path: "/v2/simpleJobPostingTasks?ids=" + taskA}, 200, &got)
		if len(got.Results) != 0 || got.Statuses[taskA] != 404 {
			t.Errorf("B reads A's task: %+v", got)
		}
	})

	// Expired tokens. First through the faults control API: tokens issued
	// while tokenExpirySeconds is 1 die after a second of service time;
	// the ATS re-authenticates on 401 and the retry succeeds.
	t.Run("Token_ExpiredByFault", func(t *testing.T) {
		e.send(t, pmReq{"PUT", "/sim/v1/faults", linkedinsim.DefaultControlToken, ctJSON, `{"tokenExpirySeconds": 1}`}, 200, nil)
		short := e.clientCredentials(t, appA.Credentials.ClientID, appA.Credentials.ClientSecret).AccessToken
		e.send(t, pmReq{"PUT", "/sim/v1/faults", linkedinsim.DefaultControlToken, ctJSON, `{}`}, 200, nil)
		e.clk.Add(2 * time.Second)
		k := cand(a.org, "EXP1")
		req := pmReq{"PUT", "/v2/atsCandidates?" + ids(k), short, put, entities(candBodyKey(k), candidate)}
		e.runBad(t, pmBad{status: unauthorized, code: codeExpired, msg: "expired", req: req, after: noCandidates(tokA, k)})
		req.token = e.clientCredentials(t, appA.Credentials.ClientID, appA.Credentials.ClientSecret).AccessToken
		var w pmBatchWrite
		e.send(t, req, 200, &w)
		pmDiff(t, "retry after re-auth", pmOK(k.String()), w)
	})
	// Then by the service clock: after the documented 30 minutes every
	// token of this test is expired (so this runs last).
	t.Run("Token_ExpiredAfter30Minutes", func(t *testing.T) {
		e.clk.Add(linkedinsim.TokenTTL)
		k := cand(a.org, "EXP2")
		e.runBad(t, pmBad{status: unauthorized, code: codeExpired, msg: "expired",
			req: pmReq{"PUT", "/v2/atsCandidates?" + ids(k), tokA, put, entities(candBodyKey(k), candidate)}})
		e.runBad(t, pmBad{status: unauthorized, code: codeExpired, msg: "expired",
			req: pmReq{method: "GET", token: parent,
				path: "/v2/provisionedApplications?q=credentialsByUniqueForeignId&uniqueForeignId=tenant-a"}})
		fresh := e.clientCredentials(t, appA.Credentials.ClientID, appA.Credentials.ClientSecret).AccessToken
		noCandidates(fresh, k)(t)
	})
	_ = appB
}
