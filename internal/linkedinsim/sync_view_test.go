package linkedinsim_test

import (
	"context"
	"net/url"
	"testing"

	"attractor/internal/linkedinsim"
	"attractor/internal/linkedinsim/restli"
)

// inATSAnswer is GET /sim/v1/in-ats, reduced to what the tests check.
type inATSAnswer struct {
	Member    string `json:"member"`
	Instances []struct {
		App        string `json:"app"`
		Candidates []struct {
			ATSCandidateID string                `json:"atsCandidateId"`
			MatchedBy      string                `json:"matchedBy"`
			Notes          []struct{ ID string } `json:"notes"`
			Applications   []struct {
				ATSJobApplicationID string                   `json:"atsJobApplicationId"`
				JobTitle            string                   `json:"jobTitle"`
				LatestStage         string                   `json:"latestStage"`
				Stages              []struct{ Stage string } `json:"stages"`
				InterviewFeedback   []struct{ ID string }    `json:"interviewFeedback"`
				Notes               []struct{ ID string }    `json:"notes"`
			} `json:"applications"`
		} `json:"candidates"`
	} `json:"instances"`
}

func (e *exportEnv) inATS(t *testing.T, seat, member string, want int) inATSAnswer {
	t.Helper()
	var got inATSAnswer
	path := "/sim/v1/in-ats?seat=" + url.QueryEscape(seat) + "&member=" + url.QueryEscape(member)
	if resp := e.call(t, "GET", path, controlTok, "", "", nil, &got); resp.StatusCode != want {
		t.Fatalf("GET %s = %d, want %d", path, resp.StatusCode, want)
	}
	return got
}

// apps returns the application ids the answer's single instance shows.
func (a inATSAnswer) apps(t *testing.T) map[string]bool {
	t.Helper()
	if len(a.Instances) != 1 || len(a.Instances[0].Candidates) != 1 {
		t.Fatalf("view = %+v, want one instance with one candidate", a)
	}
	out := map[string]bool{}
	for _, ap := range a.Instances[0].Candidates[0].Applications {
		out[ap.ATSJobApplicationID] = true
	}
	return out
}

// TestInATSView syncs a candidate matched by email to e.member with an
// application on PUB (open) and one on PRIV (secured for plainSeat's
// member), and reads the In-ATS indicator as the assignee and as another
// seat.
func TestInATSView(t *testing.T) {
	e := setupExport(t)
	m, err := e.store.MatchMemberByPersonURN(context.Background(), e.member)
	must(t, err)
	put := func(path string, keys []string, body string) {
		t.Helper()
		var got batchResp
		resp := e.call(t, "PUT", path, e.child, "application/json", body, map[string]string{"X-RestLi-Method": "batch_update"}, &got)
		wantOK(t, path, got, resp, keys...)
	}
	ck := []restli.Key{candKey(1001, "C1")}
	put(batchPath("/v2/atsCandidates", ck, ""), []string{ck[0].String()}, entities(ck, func(int) string {
		return `{"atsCreatedAt": 1700000000000, "atsLastModifiedAt": 1700000000000, "addresses": [], "phoneNumbers": [], "emailAddresses": ["` + m.Email + `"], "firstName": "X", "lastName": "Y",
		 "externalProfileUrl": "https://ats.example/c/1"}`
	}))
	put("/v2/atsCandidates/"+url.PathEscape(ck[0].String())+"/notes?ids=CN1", []string{"CN1"},
		`{"entities": {"CN1": {"note": "met at a fair"}}}`)
	for _, job := range []string{"PUB", "PRIV"} {
		ak := []restli.Key{appKey(1001, "A-"+job)}
		put(batchPath("/v2/atsApplications", ak, ""), []string{ak[0].String()}, entities(ak, func(int) string {
			return `{"atsCandidateId": "C1", "atsCreatedAt": 1700000000000, "atsLastModifiedAt": 1700000000000, "atsJobPostingId": "` + job + `", "atsJobPostingName": "posted ` + job + `",
			  "candidateEmail": "c@example.com", "firstName": "X", "lastName": "Y"}`
		}))
		base := "/v2/atsApplications/" + url.PathEscape(ak[0].String())
		put(base+"/stages?ids=S1&ids=S2", []string{"S1", "S2"}, `{"entities": {"S2": {"atsCreatedAt": 1700000000002, "stage": "Offer"},
		  "S1": {"atsCreatedAt": 1700000000001, "stage": "Phone Screen"}}}`)
		put(base+"/interviewFeedback?ids=F1", []string{"F1"}, `{"entities": {"F1": {"feedback": "good"}}}`)
		put(base+"/notes?ids=N1", []string{"N1"}, `{"entities": {"N1": {"note": "strong"}}}`)
	}

	// APPLICATION_VIEWERS unset: only ACL assignments open applications.
	if got := e.inATS(t, adminSeat, e.member, 200).apps(t); len(got) != 0 {
		t.Errorf("non-assignee without APPLICATION_VIEWERS sees %v", got)
	}
	if got := e.inATS(t, plainSeat, e.member, 200).apps(t); len(got) != 1 || !got["A-PRIV"] {
		t.Errorf("assignee without APPLICATION_VIEWERS sees %v, want A-PRIV", got)
	}

	var cfg struct {
		Results map[string]struct{ Status int }
	}
	resp := e.call(t, "PUT", intPath+"/"+intKey(org1, "IN_ATS_INDICATOR")+"/configurations?ids=APPLICATION_VIEWERS", e.child,
		"application/json", `{"entities":{"APPLICATION_VIEWERS":{"configurationValue":{"string":"ALL_PRODUCT_USERS"}}}}`,
		map[string]string{"X-RestLi-Method": "BATCH_UPDATE"}, &cfg)
	if resp.StatusCode != 200 || cfg.Results["APPLICATION_VIEWERS"].Status != 204 {
		t.Fatalf("APPLICATION_VIEWERS = %d %+v", resp.StatusCode, cfg)
	}
	other := e.inATS(t, adminSeat, e.member, 200)
	if got := other.apps(t); len(got) != 1 || !got["A-PUB"] {
		t.Errorf("non-assignee sees %v, want A-PUB only (A-PRIV secured)", got)
	}
	assignee := e.inATS(t, plainSeat, e.member, 200)
	if got := assignee.apps(t); len(got) != 2 {
		t.Errorf("assignee sees %v, want A-PUB and A-PRIV", got)
	}
	c := assignee.Instances[0].Candidates[0]
	if c.MatchedBy != string(linkedinsim.MatchByEmail) || len(c.Notes) != 1 || assignee.Instances[0].App != e.appURN {
		t.Errorf("candidate = %+v", c)
	}
	for _, a := range c.Applications {
		if a.LatestStage != "Offer" || len(a.Stages) != 2 || a.Stages[0].Stage != "Phone Screen" ||
			len(a.InterviewFeedback) != 1 || len(a.Notes) != 1 {
			t.Errorf("application = %+v", a)
		}
		if a.ATSJobApplicationID == "A-PRIV" && a.JobTitle != "Secret Backend Lead" {
			t.Errorf("job title = %q", a.JobTitle)
		}
	}
	// Another member sees no candidate; unknown seat or member is 404.
	if got := e.inATS(t, plainSeat, e.person(t, 151), 200); len(got.Instances) != 0 {
		t.Errorf("unmatched member = %+v", got)
	}
	e.inATS(t, "urn:li:seat:999999", e.member, 404)
	e.inATS(t, plainSeat, "urn:li:person:nobody", 404)
	e.inATS(t, plainSeat, "", 400)

	// A disabled integration shows nothing.
	resp = e.call(t, "POST", "/sim/v1/ats-instances/"+e.appURN+"/disable", controlTok, "application/json",
		`{"actor":"`+adminSeat+`"}`, nil, nil)
	if resp.StatusCode != 200 {
		t.Fatalf("disable = %d", resp.StatusCode)
	}
	if got := e.inATS(t, plainSeat, e.member, 200); len(got.Instances) != 0 {
		t.Errorf("disabled integration shows %+v", got)
	}
}
