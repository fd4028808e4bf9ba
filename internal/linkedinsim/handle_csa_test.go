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
	"strings"
	"testing"
	"time"

	"attractor/internal/linkedinsim"
	"attractor/internal/linkedinsim/simstore"
)

// csaEnv is a simulator with customer a enabled at contract level for
// contract 5001 (CSA_API on), customer c enabled only at company level
// (CSA_API requested but off), the seats of 5001, a seat of another
// organization and a member who holds no seat.
type csaEnv struct {
	*simEnv
	svc         *linkedinsim.Service
	store       *simstore.Store
	a, c        string                   // tokens
	seats       []linkedinsim.SeatHolder // seats of contract 5001
	foreignSeat linkedinsim.SeatHolder   // a seat of organization 1002
	member      *linkedinsim.Member
}

// csaStart is the simulator's frozen clock in these tests.
var csaStart = time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)

func setupCSA(t *testing.T) *csaEnv {
	t.Helper()
	t.Parallel()
	ctx := context.Background()
	store := newWorldStore(t)
	clock := &testClock{now: csaStart}
	svc := linkedinsim.NewService(store, clock.Now)
	srv := httptest.NewServer(linkedinsim.NewServer(svc, slog.New(slog.NewTextHandler(io.Discard, nil))).Handler())
	t.Cleanup(srv.Close)
	e := &csaEnv{simEnv: &simEnv{srv: srv, clock: clock}, svc: svc, store: store}
	wc, err := store.WorldContents(ctx)
	must(t, err)
	for _, sh := range wc.SeatHolders {
		switch {
		case linkedinsim.ContractURN(sh.ContractID) == contract1:
			e.seats = append(e.seats, sh)
		case contractOrg(wc, sh.ContractID) != 1001 && e.foreignSeat.ID == 0:
			e.foreignSeat = sh
		}
	}
	if len(e.seats) < 2 || e.seats[0].ID != 90001 || e.foreignSeat.ID == 0 {
		t.Fatalf("unexpected world: seats of 5001 %+v, foreign %+v", e.seats, e.foreignSeat)
	}
	e.member, err = store.FindMemberByID(ctx, 150)
	must(t, err)
	e.a = e.customer(t, "csa-a", linkedinsim.LevelContract)
	e.c = e.customer(t, "csa-c", linkedinsim.LevelCompany)
	return e
}

func contractOrg(wc linkedinsim.WorldContents, id int64) int64 {
	for _, c := range wc.Contracts {
		if c.ID == id {
			return c.OrganizationID
		}
	}
	return 0
}

// customer provisions a child app, requests contract-level access for
// organization 1001 / contract 5001 as admin seat 90001, names all four
// integrations, sets CALLBACK_URL and enables the given level, all through
// the integrations service; it returns the app's token.
func (e *csaEnv) customer(t *testing.T, foreignID string, level linkedinsim.Level) string {
	t.Helper()
	ctx := context.Background()
	parent, err := e.store.FindAppByClientID(ctx, linkedinsim.DefaultPartnerClientID)
	must(t, err)
	app, creds, err := e.svc.ProvisionApp(ctx, parent, linkedinsim.ProvisionInput{UniqueForeignID: foreignID,
		Name: "Attractor - " + foreignID, Description: "test"})
	must(t, err)
	_, err = e.svc.RequestIntegration(ctx, creds.ClientID, e.seats[0].Member.PersonURN, org1, contract1, linkedinsim.LevelContract)
	must(t, err)
	names := map[linkedinsim.IntegrationKey]string{}
	for _, p := range allFour {
		c, typ, _ := strings.Cut(p, "|")
		names[linkedinsim.IntegrationKey{Context: c, Type: linkedinsim.IntegrationType(typ)}] = foreignID + " " + typ
	}
	errs, err := e.svc.NameIntegrations(ctx, app, names)
	must(t, err)
	for _, err := range errs {
		must(t, err)
	}
	cerrs, err := e.svc.SetConfigurations(ctx, app, linkedinsim.IntegrationKey{Context: org1, Type: linkedinsim.OneClickExport},
		map[linkedinsim.ConfigKey]string{linkedinsim.ConfigCallbackURL: "https://ats.example/li/" + foreignID})
	must(t, err)
	for _, err := range cerrs {
		must(t, err)
	}
	_, err = e.svc.EnableIntegrations(ctx, app.ID, linkedinsim.EnableInput{Level: level, Contract: contract1, Actor: adminSeat})
	must(t, err)
	tok, _, err := e.svc.IssueToken(ctx, creds.ClientID, creds.ClientSecret)
	must(t, err)
	return tok
}

// control calls the control API with a JSON body and decodes the answer.
func (e *csaEnv) control(t *testing.T, method, path, body string, want int) map[string]any {
	t.Helper()
	var out map[string]any
	resp := e.call(t, method, path, controlTok, "application/json", body, nil, &out)
	if resp.StatusCode != want {
		t.Fatalf("%s %s = %d %v, want %d", method, path, resp.StatusCode, out, want)
	}
	return out
}

// feed is a finder answer, elements kept raw to check their keys.
type feed struct {
	Elements []map[string]any `json:"elements"`
	Paging   struct{ Start, Count, Total int }
}

// find calls a finder with token and wants 200.
func (e *csaEnv) find(t *testing.T, token, path string) feed {
	t.Helper()
	var out feed
	resp := e.call(t, "GET", path, token, "", "", nil, &out)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("GET %s = %d", path, resp.StatusCode)
	}
	return out
}

func ms(t time.Time) string { return fmt.Sprint(t.UnixMilli()) }

func TestCSASeats(t *testing.T) {
	e := setupCSA(t)
	// Postman row 31, fields=id.
	got := e.find(t, e.a, "/v2/seats?q=seatsByAttributes&fields=id&active=true&count=100&start=0&contracts="+contract1)
	if got.Paging.Total != len(e.seats) || len(got.Elements) != len(e.seats) {
		t.Fatalf("seats = %+v, want %d", got, len(e.seats))
	}
	for i, el := range got.Elements {
		if len(el) != 1 || el["id"] != float64(e.seats[i].ID) {
			t.Errorf("element %d = %v, want only id %d", i, el, e.seats[i].ID)
		}
	}
	// seatsV2: default page 10, full shape, person URN for the mapping.
	got = e.find(t, e.a, "/v2/seatsV2?q=attributes&start=0&contracts="+url.QueryEscape(contract1))
	if got.Paging.Count != 10 || got.Paging.Total != len(e.seats) || len(got.Elements) != min(10, len(e.seats)) {
		t.Fatalf("seatsV2 paging = %+v", got.Paging)
	}
	first := got.Elements[0]
	if first["id"] != float64(90001) || first["seat"] != adminSeat || first["contract"] != contract1 ||
		first["member"] != e.seats[0].Member.PersonURN || first["state"] != "ACTIVE" || first["admin"] != true {
		t.Errorf("seatsV2 element = %v", first)
	}
	got = e.find(t, e.a, "/v2/seatsV2?q=attributes&start=1&count=1&states=ACTIVE&contracts="+contract1)
	if len(got.Elements) != 1 || got.Elements[0]["id"] != float64(e.seats[1].ID) || got.Paging.Start != 1 {
		t.Errorf("page 2 = %+v", got)
	}
	if got := e.find(t, e.a, "/v2/seatsV2?q=attributes&start=0&states=INACTIVE&contracts="+contract1); got.Paging.Total != 0 {
		t.Errorf("inactive seats = %+v", got)
	}

	bad := []struct {
		name, token, path string
		status            int
	}{
		{"V2StartMissing", e.a, "/v2/seatsV2?q=attributes&contracts=" + contract1, 400},
		{"V2ContractsMissing", e.a, "/v2/seatsV2?q=attributes&start=0", 400},
		{"V2BadState", e.a, "/v2/seatsV2?q=attributes&start=0&states=GONE&contracts=" + contract1, 400},
		{"WrongFinder", e.a, "/v2/seats?q=attributes&contracts=" + contract1, 400},
		{"BadContract", e.a, "/v2/seats?q=seatsByAttributes&contracts=urn:li:organization:1001", 400},
		{"BadActive", e.a, "/v2/seats?q=seatsByAttributes&active=yes&contracts=" + contract1, 400},
		{"BadCount", e.a, "/v2/seatsV2?q=attributes&start=0&count=-1&contracts=" + contract1, 400},
		{"ForeignContract", e.a, "/v2/seatsV2?q=attributes&start=0&contracts=" + contract2, 403},
		{"OneForeignOfTwo", e.a, "/v2/seats?q=seatsByAttributes&contracts=" + contract1 + "&contracts=" + contract2, 403},
		{"CSANotEnabled", e.c, "/v2/seatsV2?q=attributes&start=0&contracts=" + contract1, 403},
		{"NoToken", "", "/v2/seats?q=seatsByAttributes&contracts=" + contract1, 401},
	}
	for _, tc := range bad {
		t.Run(tc.name, func(t *testing.T) {
			got := e.wantError(t, "GET", tc.path, tc.token, "", "", nil, tc.status)
			if tc.name == "CSANotEnabled" && !strings.Contains(got.Message, "CSA_API is not enabled") {
				t.Errorf("message = %q", got.Message)
			}
		})
	}
}

func TestCSAInMailsAndStubs(t *testing.T) {
	e := setupCSA(t)
	seat, member := linkedinsim.SeatURN(e.seats[1].ID), e.member.PersonURN
	im := e.control(t, "POST", "/sim/v1/inmails",
		`{"seat":"`+seat+`","member":"`+member+`","subject":"Role at Acme","body":"Secret pitch"}`, 201)
	id := int64(im["id"].(float64))
	if im["contract"] != contract1 || im["member"] != member {
		t.Fatalf("inmail = %v", im)
	}
	e.clock.Add(time.Minute)
	rep := e.control(t, "POST", fmt.Sprintf("/sim/v1/inmails/%d/replies", id), `{"body":"Maybe later"}`, 201)
	if rep["stub"] != nil {
		t.Errorf("a reply sharing nothing made a stub: %v", rep)
	}
	e.clock.Add(time.Minute)
	rep = e.control(t, "POST", fmt.Sprintf("/sim/v1/inmails/%d/replies", id),
		`{"body":"Call me","shareProfile":true,"shareEmail":true}`, 201)
	stub, _ := rep["stub"].(map[string]any)
	if stub == nil || stub["created"] != true || stub["emailAddress"] != e.member.Email {
		t.Fatalf("reply = %v", rep)
	}

	// conversationEvents, Postman row 32: three events, no bodies or subjects.
	path := "/v2/conversationEvents?q=criteria&viewer=" + seat + "&timeRange.start=" + ms(csaStart) +
		"&timeRange.end=" + ms(csaStart.Add(12*time.Hour)) + "&start=0&count=50"
	got := e.find(t, e.a, path)
	if got.Paging.Total != 3 {
		t.Fatalf("events = %+v", got)
	}
	wantTypes := []string{"INMAIL_SENT", "INMAIL_RECEIVED", "INMAIL_RECEIVED"}
	for i, ev := range got.Elements {
		if ev["eventType"] != wantTypes[i] || ev["seat"] != seat || ev["member"] != member ||
			ev["occurredAt"] != float64(csaStart.Add(time.Duration(i)*time.Minute).UnixMilli()) ||
			ev["threadUrn"] != fmt.Sprintf("urn:li:inMailThread:%d", id) {
			t.Errorf("event %d = %v", i, ev)
		}
		for _, k := range []string{"body", "subject"} {
			if _, ok := ev[k]; ok {
				t.Errorf("event %d exposes %s", i, k)
			}
		}
	}
	// The end is exclusive; the default window is the 12 h before now.
	e.clock.Add(time.Minute)
	if got := e.find(t, e.a, "/v2/conversationEvents?q=criteria&viewer="+seat+"&timeRange.start="+ms(csaStart)+
		"&timeRange.end="+ms(csaStart.Add(time.Minute))); got.Paging.Total != 1 {
		t.Errorf("[start, start+1m) = %+v", got)
	}
	if got := e.find(t, e.a, "/v2/conversationEvents?q=criteria&viewer="+seat); got.Paging.Total != 3 {
		t.Errorf("default window = %+v", got)
	}
	if got := e.find(t, e.a, "/v2/conversationEvents?q=criteria&viewer="+adminSeat); got.Paging.Total != 0 {
		t.Errorf("another seat's events = %+v", got)
	}

	// mailStubs, Postman row 33.
	stubs := e.find(t, e.a, "/v2/mailStubs?q=contract&start=0&count=50&contract="+contract1+"&createdDateStart="+
		ms(csaStart)+"&createdDateEnd="+ms(csaStart.Add(time.Hour))+"&owners="+seat)
	if stubs.Paging.Total != 1 {
		t.Fatalf("stubs = %+v", stubs)
	}
	st := stubs.Elements[0]
	if st["owner"] != seat || st["member"] != member || st["firstName"] != e.member.FirstName ||
		st["lastName"] != e.member.LastName || st["emailAddress"] != e.member.Email || st["contract"] != contract1 {
		t.Errorf("stub = %v", st)
	}
	if got := e.find(t, e.a, "/v2/mailStubs?q=contract&contract="+contract1+"&createdDateStart=&owners="); got.Paging.Total != 1 {
		t.Errorf("empty parameters = %+v", got)
	}
	if got := e.find(t, e.a, "/v2/mailStubs?q=contract&contract="+contract1+"&owners="+adminSeat); got.Paging.Total != 0 {
		t.Errorf("stubs of another owner = %+v", got)
	}

	bad := []struct {
		name, token, path string
		status            int
	}{
		{"ViewerMissing", e.a, "/v2/conversationEvents?q=criteria", 400},
		{"ViewerNotSeat", e.a, "/v2/conversationEvents?q=criteria&viewer=" + member, 400},
		{"WindowTooWide", e.a, "/v2/conversationEvents?q=criteria&viewer=" + seat + "&timeRange.start=" + ms(csaStart) +
			"&timeRange.end=" + ms(csaStart.Add(12*time.Hour+time.Millisecond)), 400},
		{"StartTooOld", e.a, "/v2/conversationEvents?q=criteria&viewer=" + seat + "&timeRange.start=" + ms(csaStart.Add(-13*time.Hour)), 400},
		{"EndBeforeStart", e.a, "/v2/conversationEvents?q=criteria&viewer=" + seat + "&timeRange.start=" + ms(csaStart) +
			"&timeRange.end=" + ms(csaStart.Add(-time.Hour)), 400},
		{"NotMillis", e.a, "/v2/conversationEvents?q=criteria&viewer=" + seat + "&timeRange.start=yesterday", 400},
		{"ForeignViewer", e.a, "/v2/conversationEvents?q=criteria&viewer=" + linkedinsim.SeatURN(e.foreignSeat.ID), 403},
		{"UnknownViewer", e.a, "/v2/conversationEvents?q=criteria&viewer=urn:li:seat:1", 403},
		{"EventsCSANotEnabled", e.c, "/v2/conversationEvents?q=criteria&viewer=" + seat, 403},
		{"StubsContractMissing", e.a, "/v2/mailStubs?q=contract", 400},
		{"StubsWrongFinder", e.a, "/v2/mailStubs?q=criteria&contract=" + contract1, 400},
		{"StubsBadOwner", e.a, "/v2/mailStubs?q=contract&contract=" + contract1 + "&owners=90002", 400},
		{"StubsEndBeforeStart", e.a, "/v2/mailStubs?q=contract&contract=" + contract1 + "&createdDateStart=" + ms(csaStart) +
			"&createdDateEnd=" + ms(csaStart), 400},
		{"StubsForeignContract", e.a, "/v2/mailStubs?q=contract&contract=" + contract2, 403},
		{"StubsCSANotEnabled", e.c, "/v2/mailStubs?q=contract&contract=" + contract1, 403},
	}
	for _, tc := range bad {
		t.Run(tc.name, func(t *testing.T) { e.wantError(t, "GET", tc.path, tc.token, "", "", nil, tc.status) })
	}

	// A closed member's stub leaves the feed; they can no longer be written to.
	closed := e.control(t, "POST", "/sim/v1/members/"+member+"/close", "", 200)
	if closed["closed"] != true || closed["member"] != member {
		t.Errorf("close = %v", closed)
	}
	if got := e.find(t, e.a, "/v2/mailStubs?q=contract&contract="+contract1); got.Paging.Total != 0 {
		t.Errorf("closed member's stubs = %+v", got)
	}
	if got := e.find(t, e.a, "/v2/conversationEvents?q=criteria&viewer="+seat); got.Paging.Total != 3 {
		t.Errorf("InMail history after close = %+v", got)
	}
	e.wantError(t, "POST", "/sim/v1/inmails", controlTok, "application/json",
		`{"seat":"`+seat+`","member":"`+member+`","subject":"s","body":"b"}`, nil, 409)
	e.wantError(t, "POST", fmt.Sprintf("/sim/v1/inmails/%d/replies", id), controlTok, "application/json",
		`{"body":"b"}`, nil, 409)
	e.wantError(t, "POST", "/sim/v1/members/"+member+"/close", controlTok, "", "", nil, 409)
}

func TestCSAProspectNotes(t *testing.T) {
	e := setupCSA(t)
	seat, member := linkedinsim.SeatURN(e.seats[1].ID), e.member.PersonURN
	keep := e.control(t, "POST", "/sim/v1/notes", `{"seat":"`+seat+`","member":"`+member+`","note":"Strong Go"}`, 201)
	gone := e.control(t, "POST", "/sim/v1/notes", `{"seat":"`+adminSeat+`","member":"`+member+`","note":"Typo"}`, 201)
	e.clock.Add(10 * time.Minute) // tokens live 30 minutes
	edited := e.control(t, "PATCH", fmt.Sprintf("/sim/v1/notes/%v", keep["id"]), `{"note":"Strong Go, Rust"}`, 200)
	deleted := e.control(t, "DELETE", fmt.Sprintf("/sim/v1/notes/%v", gone["id"]), "", 200)
	if edited["note"] != "Strong Go, Rust" || deleted["active"] != false || edited["contract"] != contract1 {
		t.Fatalf("edited %v deleted %v", edited, deleted)
	}

	// Postman row 34: (cutoffDate, beforeDate] on last-updated times.
	path := "/v2/prospectNotes?q=criteria&start=0&contract=" + contract1 + "&cutoffDate=" + ms(csaStart) +
		"&beforeDate=" + ms(csaStart.Add(10*time.Minute)) + "&count=100"
	got := e.find(t, e.a, path)
	if got.Paging.Total != 2 {
		t.Fatalf("notes = %+v", got)
	}
	byOwner := map[any]map[string]any{}
	for _, n := range got.Elements {
		byOwner[n["owner"]] = n
	}
	if n := byOwner[seat]; n["note"] != "Strong Go, Rust" || n["active"] != true || n["member"] != member ||
		n["lastModifiedAt"] != float64(csaStart.Add(10*time.Minute).UnixMilli()) ||
		n["createdAt"] != float64(csaStart.UnixMilli()) {
		t.Errorf("edited note = %v", n)
	}
	if n := byOwner[adminSeat]; n["active"] != false || n["note"] != nil {
		t.Errorf("deleted note = %v", n)
	}
	got = e.find(t, e.a, path+"&owners="+adminSeat)
	if got.Paging.Total != 1 || got.Elements[0]["owner"] != adminSeat {
		t.Errorf("owners filter = %+v", got)
	}
	// Both were updated after csaStart: an earlier window finds nothing.
	if got := e.find(t, e.a, "/v2/prospectNotes?q=criteria&contract="+contract1+"&beforeDate="+ms(csaStart)); got.Paging.Total != 0 {
		t.Errorf("notes before = %+v", got)
	}

	bad := []struct {
		name, token, path string
		status            int
	}{
		{"ContractMissing", e.a, "/v2/prospectNotes?q=criteria", 400},
		{"WrongFinder", e.a, "/v2/prospectNotes?q=contract&contract=" + contract1, 400},
		{"WindowTooWide", e.a, "/v2/prospectNotes?q=criteria&contract=" + contract1 + "&cutoffDate=" + ms(csaStart.Add(-12*time.Hour)) +
			"&beforeDate=" + ms(csaStart.Add(time.Minute)), 400},
		{"RepeatedContract", e.a, "/v2/prospectNotes?q=criteria&contract=" + contract1 + "&contract=" + contract1, 400},
		{"ForeignContract", e.a, "/v2/prospectNotes?q=criteria&contract=" + contract2, 403},
		{"CSANotEnabled", e.c, "/v2/prospectNotes?q=criteria&contract=" + contract1, 403},
	}
	for _, tc := range bad {
		t.Run(tc.name, func(t *testing.T) { e.wantError(t, "GET", tc.path, tc.token, "", "", nil, tc.status) })
	}
}

func TestCSAControlBadInput(t *testing.T) {
	e := setupCSA(t)
	seat, member := linkedinsim.SeatURN(e.seats[1].ID), e.member.PersonURN
	note := e.control(t, "POST", "/sim/v1/notes", `{"seat":"`+seat+`","member":"`+member+`","note":"n"}`, 201)
	e.control(t, "DELETE", fmt.Sprintf("/sim/v1/notes/%v", note["id"]), "", 200)
	proj := e.control(t, "POST", "/sim/v1/projects", `{"seat":"`+seat+`","name":"Go engineers"}`, 201)
	projPath := fmt.Sprintf("/sim/v1/projects/%v/members/", proj["id"])
	e.control(t, "PUT", projPath+member, "", 201)
	e.control(t, "PUT", projPath+url.PathEscape(member), "", 200)

	inmail := func(seat, member, subject, body string) string {
		return fmt.Sprintf(`{"seat":%q,"member":%q,"subject":%q,"body":%q}`, seat, member, subject, body)
	}
	cases := []struct {
		name, method, path, ctype, body string
		status                          int
		field                           string // the message must name it
	}{
		{"SeatMissing", "POST", "/sim/v1/inmails", "application/json", `{"member":"` + member + `","subject":"s","body":"b"}`, 422, "seat"},
		{"SeatMalformed", "POST", "/sim/v1/inmails", "application/json", inmail("90002", member, "s", "b"), 400, "seat"},
		{"SeatUnknown", "POST", "/sim/v1/inmails", "application/json", inmail("urn:li:seat:1", member, "s", "b"), 404, "seat"},
		{"MemberMalformed", "POST", "/sim/v1/inmails", "application/json", inmail(seat, "bob", "s", "b"), 400, "member"},
		{"MemberUnknown", "POST", "/sim/v1/inmails", "application/json", inmail(seat, "urn:li:person:nobody", "s", "b"), 404, "member"},
		{"SubjectBlank", "POST", "/sim/v1/inmails", "application/json", inmail(seat, member, " ", "b"), 422, "subject"},
		{"BodyTooLong", "POST", "/sim/v1/inmails", "application/json", inmail(seat, member, "s", strings.Repeat("x", 1901)), 422, "body"},
		{"UnknownField", "POST", "/sim/v1/inmails", "application/json", `{"seat":"` + seat + `","cc":"x"}`, 422, "cc"},
		{"NotJSON", "POST", "/sim/v1/inmails", "text/plain", inmail(seat, member, "s", "b"), 415, ""},
		{"MalformedJSON", "POST", "/sim/v1/inmails", "application/json", `{"seat":`, 400, ""},
		{"ReplyUnknownInMail", "POST", "/sim/v1/inmails/999/replies", "application/json", `{"body":"b"}`, 404, "InMail"},
		{"ReplyBadID", "POST", "/sim/v1/inmails/abc/replies", "application/json", `{"body":"b"}`, 400, "id"},
		{"NoteEmpty", "POST", "/sim/v1/notes", "application/json", `{"seat":"` + seat + `","member":"` + member + `","note":""}`, 422, "note"},
		{"NoteDeletedPatch", "PATCH", fmt.Sprintf("/sim/v1/notes/%v", note["id"]), "application/json", `{"note":"x"}`, 409, "deleted"},
		{"NoteDeletedDelete", "DELETE", fmt.Sprintf("/sim/v1/notes/%v", note["id"]), "", "", 409, "deleted"},
		{"NoteUnknown", "PATCH", "/sim/v1/notes/999", "application/json", `{"note":"x"}`, 404, "Note"},
		{"ProjectNameMissing", "POST", "/sim/v1/projects", "application/json", `{"seat":"` + seat + `"}`, 422, "name"},
		{"ProjectDuplicate", "POST", "/sim/v1/projects", "application/json", `{"seat":"` + adminSeat + `","name":"Go engineers"}`, 409, "name"},
		{"ProjectUnknown", "PUT", "/sim/v1/projects/999/members/" + member, "", "", 404, "Project"},
		{"ProjectMemberUnknown", "PUT", projPath + "urn:li:person:nobody", "", "", 404, "member"},
		{"CloseUnknown", "POST", "/sim/v1/members/urn:li:person:nobody/close", "", "", 404, "member"},
	}
	// A reply that shares the email without the profile is refused.
	im := e.control(t, "POST", "/sim/v1/inmails", inmail(seat, member, "s", "b"), 201)
	cases = append(cases, struct {
		name, method, path, ctype, body string
		status                          int
		field                           string
	}{"ReplyEmailWithoutProfile", "POST", fmt.Sprintf("/sim/v1/inmails/%v/replies", im["id"]), "application/json",
		`{"body":"b","shareEmail":true}`, 422, "shareEmail"}, struct {
		name, method, path, ctype, body string
		status                          int
		field                           string
	}{"ReplyShareNotBool", "POST", fmt.Sprintf("/sim/v1/inmails/%v/replies", im["id"]), "application/json",
		`{"body":"b","shareProfile":"yes"}`, 400, "shareProfile"})
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got := e.wantError(t, tc.method, tc.path, controlTok, tc.ctype, tc.body, nil, tc.status)
			if !strings.Contains(got.Message, tc.field) {
				t.Errorf("message %q does not name %q", got.Message, tc.field)
			}
		})
	}
	t.Run("NoControlToken", func(t *testing.T) {
		e.wantError(t, "POST", "/sim/v1/notes", e.a, "application/json", `{}`, nil, 401)
	})
	t.Run("NothingHalfWritten", func(t *testing.T) {
		// The failed InMails above wrote nothing: the seat has one event.
		e.clock.Add(time.Minute)
		got := e.find(t, e.a, "/v2/conversationEvents?q=criteria&viewer="+seat)
		if got.Paging.Total != 1 {
			raw, _ := json.Marshal(got)
			t.Errorf("events = %s", raw)
		}
	})
}
