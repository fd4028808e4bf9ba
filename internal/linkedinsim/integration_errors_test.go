package linkedinsim_test

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"attractor/internal/linkedinsim"
)

// TestIntegrationBadInput: malformed keys, mismatched entities, 101
// entities, foreign contexts, parent tokens and bad control bodies get
// LinkedIn-shaped errors and write nothing.
func TestIntegrationBadInput(t *testing.T) {
	e := setupIntegration(t, 0)
	app, child, reqID := e.customer(t, "tenant-bad")
	parent := e.token(t, linkedinsim.DefaultPartnerClientID, linkedinsim.DefaultPartnerClientSecret)
	name := map[string]string{"X-RestLi-Method": "batch_partial_update"}
	patch := func(key string) string {
		return `{"entities":{"` + key + `":{"patch":{"$set":{"integrationName":"N"}}}}}`
	}
	oce := intKey(org1, "ONE_CLICK_EXPORT")
	many := make([]string, 101)
	for i := range many {
		many[i] = fmt.Sprintf("urn:li:organization:%d|ONE_CLICK_EXPORT", i+1)
	}
	for _, tc := range []struct {
		name, method, path, token, body string
		hdr                             map[string]string
		status                          int
	}{
		{"ParentToken", "GET", intPath + idsQuery(org1+"|ONE_CLICK_EXPORT"), parent, "", nil, 403},
		{"ForeignContext", "GET", intPath + idsQuery(org2+"|ONE_CLICK_EXPORT"), child, "", nil, 403},
		{"BadTenant", "GET", strings.Replace(intPath+idsQuery(org1+"|ONE_CLICK_EXPORT"), "RECRUITER", "CRM", 1), child, "", nil, 400},
		{"UnknownType", "GET", intPath + idsQuery(org1+"|APPLY_CONNECT"), child, "", nil, 400},
		{"WrongContextKind", "GET", intPath + idsQuery(org1+"|CSA_API"), child, "", nil, 400},
		{"NoIDs", "GET", intPath, child, "", nil, 400},
		{"OtherFinder", "GET", intPath + "?q=criteria", child, "", nil, 400},
		{"FinderNoID", "GET", intPath + "?q=request", child, "", nil, 400},
		{"TooMany", "GET", intPath + idsQuery(many...), child, "", nil, 400},
		{"MissingMethod", "POST", intPath + idsQuery(org1+"|ONE_CLICK_EXPORT"), child, patch(oce), nil, 400},
		{"KeyMismatch", "POST", intPath + idsQuery(org1+"|ONE_CLICK_EXPORT"), child, patch(intKey(org1, "PROFILE_PLUGIN")), name, 400},
		{"ForeignWrite", "POST", intPath + idsQuery(org1+"|ONE_CLICK_EXPORT", org2+"|ONE_CLICK_EXPORT"), child,
			`{"entities":{"` + oce + `":{"patch":{"$set":{"integrationName":"N"}}},"` + intKey(org2, "ONE_CLICK_EXPORT") + `":{"patch":{"$set":{"integrationName":"N"}}}}}`, name, 403},
		{"ConfigForeign", "GET", intPath + "/" + intKey(org2, "ONE_CLICK_EXPORT") + "/configurations?ids=CALLBACK_URL", child, "", nil, 403},
		{"ConfigNoIDs", "GET", intPath + "/" + oce + "/configurations", child, "", nil, 400},
		{"ConfigBadKey", "GET", intPath + "/integrationContext=" + org1 + "/configurations?ids=CALLBACK_URL", child, "", nil, 400},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e.wantError(t, tc.method, tc.path, tc.token, "application/json", tc.body, tc.hdr, tc.status)
		})
	}
	t.Run("PerEntity", func(t *testing.T) {
		var got struct {
			Errors map[string]struct{ Status int }
		}
		canonical := "dataProvider=ATS&integrationContext=" + org1 + "&integrationType=ONE_CLICK_EXPORT&tenantType=RECRUITER"
		body := `{"entities":{"` + oce + `":{"patch":{"$set":{"integrationName":""}}}}}`
		e.call(t, "POST", intPath+idsQuery(org1+"|ONE_CLICK_EXPORT"), child, "application/json", body, name, &got)
		if got.Errors[canonical].Status != 422 {
			t.Errorf("empty name = %+v, want 422 for %s", got, canonical)
		}
		body = `{"entities":{"` + oce + `":{"patch":{"$set":{"onboardingStatus":"ENABLED"}}}}}`
		e.call(t, "POST", intPath+idsQuery(org1+"|ONE_CLICK_EXPORT"), child, "application/json", body, name, &got)
		if got.Errors[canonical].Status != 422 {
			t.Errorf("status patch = %+v, want 422", got)
		}
	})
	t.Run("NothingWritten", func(t *testing.T) {
		if got := e.byRequest(t, child, reqID); got["ONE_CLICK_EXPORT"] != "REQUESTED" {
			t.Errorf("after bad input: %v", got)
		}
		var other struct{ Elements []any }
		e.call(t, "GET", intPath+"?q=request&requestId=unknown", child, "", "", nil, &other)
		if len(other.Elements) != 0 {
			t.Errorf("unknown request id found %v", other)
		}
	})
	t.Run("Control", func(t *testing.T) { testControlBadInput(t, e, app) })
}

func testControlBadInput(t *testing.T, e *intEnv, app provisioned) {
	enable := func(ref string) string { return "/sim/v1/ats-instances/" + ref + "/enable" }
	body := func(level, contract, actor string) string {
		return fmt.Sprintf(`{"level":%q,"contract":%q,"actor":%q}`, level, contract, actor)
	}
	for _, tc := range []struct {
		name, path, body string
		status           int
	}{
		{"UnknownApp", enable("urn:li:developerApplication:999"), body("company", contract1, adminSeat), 404},
		{"ParentApp", enable("1"), body("company", contract1, adminSeat), 404},
		{"BadLevel", enable(app.Key), body("org", contract1, adminSeat), 422},
		{"MissingContract", enable(app.Key), body("company", "", adminSeat), 422},
		{"MissingActor", enable(app.Key), body("company", contract1, ""), 422},
		{"BadActor", enable(app.Key), body("company", contract1, "seat-1"), 400},
		{"UnknownSeat", enable(app.Key), body("company", contract1, "urn:li:seat:1"), 404},
		{"NotAdmin", enable(app.Key), body("company", contract1, plainSeat), 403},
		{"OtherContract", enable(app.Key), body("company", contract2, adminSeat), 403},
		{"NotPartnerReady", enable(app.Key), body("company", contract1, adminSeat), 409},
		{"UnknownField", enable(app.Key), `{"level":"company","contract":"` + contract1 + `","actor":"` + adminSeat + `","x":1}`, 422},
		{"Syntax", enable(app.Key), `{"level":`, 400},
		{"NothingToDisable", "/sim/v1/ats-instances/" + app.Key + "/disable", `{"actor":"` + adminSeat + `"}`, 409},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := e.wantError(t, "POST", tc.path, controlTok, "application/json", tc.body, nil, tc.status)
			if tc.status == 422 && !strings.ContainsAny(got.Message, "lcax") {
				t.Errorf("message %q names no field", got.Message)
			}
		})
	}
	e.wantError(t, "GET", "/sim/v1/ats-instances", "wrong", "", "", nil, http.StatusUnauthorized)
}

// TestRequestIntegration covers the widget's domain method and its
// refusals.
func TestRequestIntegration(t *testing.T) {
	e := setupIntegration(t, 0)
	ctx := context.Background()
	parent := e.token(t, linkedinsim.DefaultPartnerClientID, linkedinsim.DefaultPartnerClientSecret)
	app := e.provision(t, parent, "tenant-req")
	seat, _, err := e.store.FindSeatContract(ctx, 90001)
	if err != nil {
		t.Fatal(err)
	}
	admin, _ := e.store.FindMemberByID(ctx, seat.MemberID)
	plain, _, _ := e.store.FindSeatContract(ctx, 90002)
	plainMember, _ := e.store.FindMemberByID(ctx, plain.MemberID)
	id := app.Credentials.ClientID
	for _, tc := range []struct {
		name, client, member, org, contract string
		level                               linkedinsim.Level
		code                                string
	}{
		{"UnknownClient", "nobody", admin.PersonURN, org1, contract1, linkedinsim.LevelCompany, linkedinsim.EINVALID},
		{"ParentClient", linkedinsim.DefaultPartnerClientID, admin.PersonURN, org1, contract1, linkedinsim.LevelCompany, linkedinsim.EINVALID},
		{"BadLevel", id, admin.PersonURN, org1, contract1, "all", linkedinsim.EUNPROCESSABLE},
		{"BadOrg", id, admin.PersonURN, "org-1", contract1, linkedinsim.LevelCompany, linkedinsim.EINVALID},
		{"NoSeat", id, admin.PersonURN, org2, "urn:li:contract:5003", linkedinsim.LevelCompany, linkedinsim.EFORBIDDEN},
		{"NotAdmin", id, plainMember.PersonURN, org1, contract1, linkedinsim.LevelCompany, linkedinsim.EFORBIDDEN},
		{"WrongOrg", id, admin.PersonURN, org2, contract1, linkedinsim.LevelCompany, linkedinsim.EUNPROCESSABLE},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := e.svc.RequestIntegration(ctx, tc.client, tc.member, tc.org, tc.contract, tc.level)
			if linkedinsim.ErrorCode(err) != tc.code {
				t.Errorf("err = %v, want %s", err, tc.code)
			}
		})
	}
	reqID, err := e.svc.RequestIntegration(ctx, id, admin.PersonURN, org1, contract1, linkedinsim.LevelCompany)
	if err != nil {
		t.Fatal(err)
	}
	child := e.token(t, id, app.Credentials.ClientSecret)
	if got := e.byRequest(t, child, reqID); len(got) != 3 || got["PROFILE_PLUGIN"] != "REQUESTED" || got["CSA_API"] != "" {
		t.Errorf("company-level request = %v", got)
	}
	other := e.provision(t, parent, "tenant-other")
	otherTok := e.token(t, other.Credentials.ClientID, other.Credentials.ClientSecret)
	if got := e.byRequest(t, otherTok, reqID); len(got) != 0 {
		t.Errorf("another app sees the request: %v", got)
	}
}
