package rsc

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"testing"

	"github.com/google/go-cmp/cmp"
)

const org = "urn:li:organization:123"

// seen is what the fake API received.
type seen struct {
	method, path, rawQuery, restli, auth, ctype string
	body                                        map[string]any
}

// recordCall answers every API request with status and resp, recording it.
func recordCall(t *testing.T, status int, resp string) (*Client, *seen) {
	t.Helper()
	got := &seen{}
	f := newFake(t, func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		*got = seen{method: r.Method, path: r.URL.EscapedPath(), rawQuery: r.URL.RawQuery,
			restli: r.Header.Get("X-RestLi-Method"), auth: r.Header.Get("Authorization"), ctype: r.Header.Get("Content-Type")}
		if len(b) > 0 {
			if err := json.Unmarshal(b, &got.body); err != nil {
				t.Errorf("request body %q: %v", b, err)
			}
		}
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(status)
		io.WriteString(w, resp)
	})
	return f.client(Config{}), got
}

func wantSeen(t *testing.T, got *seen, method, path, rawQuery, restli string, body string) {
	t.Helper()
	if got.method != method || got.path != path || got.rawQuery != rawQuery || got.restli != restli {
		t.Errorf("request = %s %s?%s (X-RestLi-Method %q)\nwant      %s %s?%s (%q)", got.method, got.path, got.rawQuery,
			got.restli, method, path, rawQuery, restli)
	}
	if got.auth != "Bearer tok-1" {
		t.Errorf("Authorization = %q, want Bearer tok-1", got.auth)
	}
	if body == "" {
		if got.body != nil || got.ctype != "" {
			t.Errorf("body %v, Content-Type %q; want none", got.body, got.ctype)
		}
		return
	}
	if got.ctype != "application/json" {
		t.Errorf("Content-Type = %q, want application/json", got.ctype)
	}
	var want map[string]any
	if err := json.Unmarshal([]byte(body), &want); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(want, got.body); diff != "" {
		t.Errorf("body (-want +got):\n%s", diff)
	}
}

func TestUpdateCandidates(t *testing.T) {
	// LinkedIn lists the key fields in its own order and reports C&2's
	// failure under "errors" (rsc-api.md §2.3, §2.4).
	cl, got := recordCall(t, 200, `{"results":{"integrationContext=urn:li:organization:123&dataProvider=ATS&atsCandidateId=C1":{"status":204}},
		"errors":{"atsCandidateId=C%262&integrationContext=urn%3Ali%3Aorganization%3A123&dataProvider=ATS":{"status":422,"message":"ERROR :: /firstName :: too short","serviceErrorCode":0}}}`)
	res, err := cl.UpdateCandidates(context.Background(), org, []Candidate{
		{ID: "C1", ATSCreatedAt: 1, ATSLastModifiedAt: 2, FirstName: "Ada", LastName: "Lovelace", ExternalProfileURL: "https://ats/c/1"},
		{ID: "C&2", ATSCreatedAt: 1, ATSLastModifiedAt: 2, LastName: "X", EmailAddresses: []string{"x@y.z"}, ExternalProfileURL: "https://ats/c/2"},
	})
	if err != nil {
		t.Fatal(err)
	}
	wantSeen(t, got, "PUT", "/v2/atsCandidates",
		"ids[0].atsCandidateId=C1&ids[0].dataProvider=ATS&ids[0].integrationContext=urn:li:organization:123&"+
			"ids[1].atsCandidateId=C%262&ids[1].dataProvider=ATS&ids[1].integrationContext=urn:li:organization:123",
		"batch_update", `{"entities":{
		"atsCandidateId=C1&dataProvider=ATS&integrationContext=urn:li:organization:123":{"atsCreatedAt":1,"atsLastModifiedAt":2,
			"firstName":"Ada","lastName":"Lovelace","emailAddresses":[],"phoneNumbers":[],"addresses":[],
			"externalProfileUrl":"https://ats/c/1","doNotContact":false},
		"atsCandidateId=C%262&dataProvider=ATS&integrationContext=urn:li:organization:123":{"atsCreatedAt":1,"atsLastModifiedAt":2,
			"firstName":"","lastName":"X","emailAddresses":["x@y.z"],"phoneNumbers":[],"addresses":[],
			"externalProfileUrl":"https://ats/c/2","doNotContact":false}}}`)
	if len(res) != 2 || !res[0].OK() || res[0].Status != 204 || res[0].Key.Get("atsCandidateId") != "C1" {
		t.Errorf("res[0] = %+v, want C1 204", res[0])
	}
	if res[1].OK() || res[1].Err.Kind != Permanent || res[1].Err.Message != "ERROR :: /firstName :: too short" ||
		res[1].Key.Get("atsCandidateId") != "C&2" {
		t.Errorf("res[1] = %+v %+v, want C&2 permanent 422 with LinkedIn's message", res[1], res[1].Err)
	}
}

func TestBatchWriteMissingEntityRetryable(t *testing.T) {
	cl, _ := recordCall(t, 200, `{"results":{},"errors":{}}`)
	res, err := cl.DeleteCandidates(context.Background(), org, []string{"C1"})
	if err != nil {
		t.Fatal(err)
	}
	if res[0].OK() || res[0].Err.Kind != Retryable {
		t.Errorf("res = %+v, want a retryable unknown outcome", res[0])
	}
}

func TestDeleteCandidates(t *testing.T) {
	cl, got := recordCall(t, 200, `{"results":{"atsCandidateId=C1&dataProvider=ATS&integrationContext=urn:li:organization:123":{"status":204}},"errors":{}}`)
	res, err := cl.DeleteCandidates(context.Background(), org, []string{"C1"})
	if err != nil || !res[0].OK() {
		t.Fatalf("res, err = %+v, %v", res, err)
	}
	wantSeen(t, got, "DELETE", "/v2/atsCandidates",
		"ids[0].atsCandidateId=C1&ids[0].dataProvider=ATS&ids[0].integrationContext=urn:li:organization:123", "", "")
}

func TestCandidateMatches(t *testing.T) {
	cl, got := recordCall(t, 200, `{"results":{"atsCandidateId=C1&dataProvider=ATS&integrationContext=urn:li:organization:123":
		{"matchedMembers":["urn:li:person:a"],"manualMatchedMember":null}},"statuses":{},"errors":{}}`)
	res, err := cl.CandidateMatches(context.Background(), org, []string{"C1", "C2"})
	if err != nil {
		t.Fatal(err)
	}
	wantSeen(t, got, "GET", "/v2/atsCandidates",
		"ids[0].atsCandidateId=C1&ids[0].dataProvider=ATS&ids[0].integrationContext=urn:li:organization:123&"+
			"ids[1].atsCandidateId=C2&ids[1].dataProvider=ATS&ids[1].integrationContext=urn:li:organization:123&"+
			"fields=matchedMembers,manualMatchedMember", "", "")
	if diff := cmp.Diff(&Matches{MatchedMembers: []string{"urn:li:person:a"}}, res[0].Value); diff != "" {
		t.Errorf("C1 matches (-want +got):\n%s", diff)
	}
	if res[1].Value != nil || res[1].Err == nil || res[1].Err.Status != 404 {
		t.Errorf("C2 = %+v, want not found", res[1])
	}
}

func TestSetManualMatches(t *testing.T) {
	cl, got := recordCall(t, 200, `{"results":{"atsCandidateId=C1&dataProvider=ATS&integrationContext=urn:li:organization:123":{"status":204}},"errors":{}}`)
	if _, err := cl.SetManualMatches(context.Background(), org, []ManualMatch{{"C1", "urn:li:person:p1"}}); err != nil {
		t.Fatal(err)
	}
	wantSeen(t, got, "POST", "/v2/atsCandidates",
		"ids[0].atsCandidateId=C1&ids[0].dataProvider=ATS&ids[0].integrationContext=urn:li:organization:123",
		"batch_partial_update", `{"entities":{"atsCandidateId=C1&dataProvider=ATS&integrationContext=urn:li:organization:123":
		{"patch":{"$set":{"manualMatchedMember":"urn:li:person:p1"}}}}}`)
}

func TestNameIntegrations(t *testing.T) {
	cl, got := recordCall(t, 200, `{"results":{"tenantType=RECRUITER&dataProvider=ATS&integrationContext=urn:li:contract:9&integrationType=CSA_API":{"status":204}},"errors":{}}`)
	res, err := cl.NameIntegrations(context.Background(), []IntegrationKey{{"urn:li:contract:9", CSAAPI}}, []string{"Acme CSA"})
	if err != nil || !res[0].OK() {
		t.Fatalf("res, err = %+v, %v", res, err)
	}
	wantSeen(t, got, "POST", "/v2/atsIntegrations",
		"ids[0].integrationContext=urn:li:contract:9&ids[0].integrationType=CSA_API&ids[0].tenantType=RECRUITER&ids[0].dataProvider=ATS",
		"batch_partial_update", `{"entities":{"integrationContext=urn:li:contract:9&integrationType=CSA_API&tenantType=RECRUITER&dataProvider=ATS":
		{"patch":{"$set":{"integrationName":"Acme CSA"}}}}}`)
}

func TestSetConfigurations(t *testing.T) {
	cl, got := recordCall(t, 200, `{"results":{"CALLBACK_URL":{"status":204},"JOB_POSTING_VIEWERS":{"status":204}},"errors":{}}`)
	res, err := cl.SetConfigurations(context.Background(), IntegrationKey{org, OneClickExport},
		map[string]string{ConfigCallbackURL: "https://ats.example/cb", ConfigJobPostingViewers: AllProductUsers})
	if err != nil || len(res) != 2 || !res[0].OK() || !res[1].OK() {
		t.Fatalf("res, err = %+v, %v", res, err)
	}
	wantSeen(t, got, "PUT",
		"/v2/atsIntegrations/integrationContext=urn:li:organization:123&integrationType=ONE_CLICK_EXPORT&tenantType=RECRUITER&dataProvider=ATS/configurations",
		"ids=CALLBACK_URL&ids=JOB_POSTING_VIEWERS", "batch_update", `{"entities":{
		"CALLBACK_URL":{"configurationValue":{"string":"https://ats.example/cb"}},
		"JOB_POSTING_VIEWERS":{"configurationValue":{"string":"ALL_PRODUCT_USERS"}}}}`)
}

func TestIntegrationsByRequest(t *testing.T) {
	cl, got := recordCall(t, 200, `{"elements":[{"integrationContext":"urn:li:organization:123","integrationType":"ONE_CLICK_EXPORT",
		"onboardingStatus":"ENABLED"}],"paging":{"start":0,"count":10,"total":1}}`)
	ins, err := cl.IntegrationsByRequest(context.Background(), "req 1")
	if err != nil || len(ins) != 1 || ins[0].OnboardingStatus != "ENABLED" {
		t.Fatalf("ins, err = %+v, %v", ins, err)
	}
	wantSeen(t, got, "GET", "/v2/atsIntegrations", "q=request&requestId=req%201", "", "")
}

func TestCreateJobs(t *testing.T) {
	cl, got := recordCall(t, 200, `{"elements":[{"id":"urn:li:simpleJobPostingTask:u1","status":202},
		{"error":{"message":"ERROR :: /title :: field is required but not found and has no default value\n","status":422},"status":422}]}`)
	res, err := cl.CreateJobs(context.Background(), []Job{
		{IntegrationContext: org, ExternalJobPostingID: "J1", Title: "Engineer", Description: "d", Location: "Paris, FR",
			State: JobListed, CompanyApplyURL: "https://ats/j/1", ListedAt: 5, Availability: AvailabilityPrivate},
		{IntegrationContext: org, ExternalJobPostingID: "J2"},
	})
	if err != nil {
		t.Fatal(err)
	}
	if res[0].ID != "urn:li:simpleJobPostingTask:u1" || res[0].Err != nil {
		t.Errorf("res[0] = %+v", res[0])
	}
	if res[1].Err == nil || res[1].Err.Kind != Permanent || res[1].Status != 422 {
		t.Errorf("res[1] = %+v, want a permanent 422", res[1])
	}
	if got.method != "POST" || got.path != "/v2/simpleJobPostings" || got.restli != "batch_create" {
		t.Errorf("request = %+v", got)
	}
	if els, _ := got.body["elements"].([]any); len(els) != 2 || els[0].(map[string]any)["availability"] != AvailabilityPrivate {
		t.Errorf("body = %v", got.body)
	}
}

func TestJobTasks(t *testing.T) {
	cl, got := recordCall(t, 200, `{"results":{"urn:li:simpleJobPostingTask:u1":{"id":"urn:li:simpleJobPostingTask:u1","status":"SUCCEEDED",
		"jobPosting":"urn:li:jobPosting:7","externalJobPostingId":"J1"}},"statuses":{},"errors":{}}`)
	res, err := cl.JobTasks(context.Background(), []string{"urn:li:simpleJobPostingTask:u1"})
	if err != nil || res[0].Value == nil || res[0].Value.Status != TaskSucceeded {
		t.Fatalf("res, err = %+v, %v", res, err)
	}
	wantSeen(t, got, "GET", "/v2/simpleJobPostingTasks", "ids=urn:li:simpleJobPostingTask:u1", "", "")
}

func TestProvisioning(t *testing.T) {
	app := `{"key":"urn:li:developerApplication:42","uniqueForeignId":"inst-1","credentials":{"client_id":"c","client_secret":"s"}}`
	t.Run("Create", func(t *testing.T) {
		cl, got := recordCall(t, 201, app)
		a, err := cl.CreateApp(context.Background(), AppInput{UniqueForeignID: "inst-1", Name: "Attractor - Acme",
			Description: "d", ValidJSSDKDomains: []string{"https://ats.example"}})
		if err != nil || a.Key != "urn:li:developerApplication:42" || a.Credentials.ClientID != "c" {
			t.Fatalf("app, err = %+v, %v", a, err)
		}
		wantSeen(t, got, "POST", "/v2/provisionedApplications", "", "", `{"uniqueForeignId":"inst-1",
			"name":"Attractor - Acme","description":"d","validJsSdkDomains":["https://ats.example"]}`)
	})
	t.Run("Find", func(t *testing.T) {
		cl, got := recordCall(t, 200, `{"elements":[`+app+`],"paging":{"start":0,"count":10,"total":1}}`)
		a, err := cl.FindApp(context.Background(), "inst-1")
		if err != nil || a.Credentials.ClientSecret != "s" {
			t.Fatalf("app, err = %+v, %v", a, err)
		}
		wantSeen(t, got, "GET", "/v2/provisionedApplications", "q=credentialsByUniqueForeignId&uniqueForeignId=inst-1", "", "")
	})
	t.Run("FindNone", func(t *testing.T) {
		cl, _ := recordCall(t, 200, `{"elements":[],"paging":{"start":0,"count":10,"total":0}}`)
		if _, err := cl.FindApp(context.Background(), "inst-1"); !errorsIs(err, ErrNotFound) || KindOf(err) != Permanent {
			t.Errorf("err = %v, want ErrNotFound", err)
		}
	})
	t.Run("SetDomains", func(t *testing.T) {
		cl, got := recordCall(t, 204, "")
		if err := cl.SetAppDomains(context.Background(), "urn:li:developerApplication:42", []string{"https://a.example"}); err != nil {
			t.Fatal(err)
		}
		wantSeen(t, got, "POST", "/v2/provisionedApplications/urn:li:developerApplication:42", "", "partial_update",
			`{"patch":{"$set":{"validJsSdkDomains":["https://a.example"]}}}`)
	})
}

func TestUpdateApplicationNotesPath(t *testing.T) {
	cl, got := recordCall(t, 200, `{"results":{"N1":{"status":204}},"errors":{}}`)
	res, err := cl.UpdateApplicationNotes(context.Background(), org, "A 1", []Note{{ID: "N1", ATSCreatedAt: 3, Note: "hi",
		Author: &Actor{"Rita", "R"}}})
	if err != nil || !res[0].OK() {
		t.Fatalf("res, err = %+v, %v", res, err)
	}
	wantSeen(t, got, "PUT",
		"/v2/atsApplications/atsJobApplicationId=A%201&dataProvider=ATS&integrationContext=urn:li:organization:123/notes",
		"ids=N1", "batch_update", `{"entities":{"N1":{"atsCreatedAt":3,"note":"hi","author":{"firstName":"Rita","lastName":"R"}}}}`)
}

func TestUpdateACLAssignees(t *testing.T) {
	cl, got := recordCall(t, 200, `{"results":{"dataProvider=ATS&atsEntityAclId=T&assignee=urn:li:person:p&integrationContext=urn:li:organization:123&atsEntityType=JOB_POSTING":{"status":204}},"errors":{}}`)
	res, err := cl.UpdateACLAssignees(context.Background(), org, []ACLAssignee{{"T", "urn:li:person:p"}})
	if err != nil || !res[0].OK() {
		t.Fatalf("res, err = %+v, %v", res, err)
	}
	wantSeen(t, got, "PUT", "/v2/atsEntityAclAssignees",
		"ids[0].atsEntityAclId=T&ids[0].integrationContext=urn:li:organization:123&ids[0].dataProvider=ATS&ids[0].assignee=urn:li:person:p&ids[0].atsEntityType=JOB_POSTING",
		"batch_update", `{"entities":{"atsEntityAclId=T&integrationContext=urn:li:organization:123&dataProvider=ATS&assignee=urn:li:person:p&atsEntityType=JOB_POSTING":{}}}`)
}

func TestFinderQueries(t *testing.T) {
	page := `{"elements":[],"paging":{"start":0,"count":10,"total":0}}`
	tests := []struct {
		name, path, query string
		run               func(*Client) error
	}{
		{"ExportedCandidates", "/v2/exportedCandidates", "q=request&requestId=r1", func(cl *Client) error {
			_, err := cl.ExportedCandidates(context.Background(), "r1")
			return err
		}},
		{"Seats", "/v2/seatsV2", "q=attributes&contracts=urn:li:contract:1&states=ACTIVE&start=0&count=100", func(cl *Client) error {
			_, _, err := cl.Seats(context.Background(), []string{"urn:li:contract:1"}, []string{"ACTIVE"}, PageRequest{0, 100})
			return err
		}},
		{"ConversationEvents", "/v2/conversationEvents", "q=criteria&viewer=urn:li:seat:9&timeRange.start=1&timeRange.end=2&start=0", func(cl *Client) error {
			_, _, err := cl.ConversationEvents(context.Background(), "urn:li:seat:9", 1, 2, PageRequest{})
			return err
		}},
		{"MailStubs", "/v2/mailStubs", "q=contract&contract=urn:li:contract:1&owners=urn:li:seat:9&createdDateStart=1&start=0&count=50", func(cl *Client) error {
			_, _, err := cl.MailStubs(context.Background(), "urn:li:contract:1", []string{"urn:li:seat:9"}, 1, 0, PageRequest{0, 50})
			return err
		}},
		{"ProspectNotes", "/v2/prospectNotes", "q=criteria&contract=urn:li:contract:1&cutoffDate=1&beforeDate=2&start=10", func(cl *Client) error {
			_, _, err := cl.ProspectNotes(context.Background(), "urn:li:contract:1", nil, 1, 2, PageRequest{Start: 10})
			return err
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cl, got := recordCall(t, 200, page)
			if err := tt.run(cl); err != nil {
				t.Fatal(err)
			}
			wantSeen(t, got, "GET", tt.path, tt.query, "", "")
		})
	}
}

func TestBatchLimits(t *testing.T) {
	cl, got := recordCall(t, 200, `{}`)
	if res, err := cl.DeleteCandidates(context.Background(), org, nil); res != nil || err != nil || got.method != "" {
		t.Errorf("empty batch = %v, %v, sent %q; want nothing sent", res, err, got.method)
	}
	_, err := cl.DeleteCandidates(context.Background(), org, make([]string, 101))
	if KindOf(err) != Permanent || got.method != "" {
		t.Errorf("101 entities = %v, sent %q; want a permanent error before sending", err, got.method)
	}
}
