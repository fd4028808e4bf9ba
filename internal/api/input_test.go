package api_test

import (
	"bytes"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"attractor/internal/ats"

	"github.com/google/go-cmp/cmp"
)

// inputFixture is a recruiter with an active job and one candidate, the
// starting point of the bad-input cases.
type inputFixture struct {
	b         *testBundle
	rec       *client
	job, job2 ats.Job
	cand      ats.Candidate
	app       ats.Application
}

func newInputFixture(t *testing.T) *inputFixture {
	t.Helper()
	b := setup(t)
	f := &inputFixture{b: b, rec: b.bearer(t, mustToken(t, b.svc, mustCreateUser(t, b.svc, "rec@example.com", ats.RoleRecruiter)))}
	f.job = f.activeJob("Data Engineer")
	f.job2 = f.activeJob("Designer")
	f.cand = call[ats.Candidate](f.rec, 201, "POST", "/api/v1/candidates",
		map[string]string{"first_name": "Ada", "last_name": "Lovelace", "email": "Ada@Example.com"})
	f.app = call[ats.Application](f.rec, 201, "POST", "/api/v1/applications",
		map[string]string{"candidate_id": f.cand.ID, "job_id": f.job.ID})
	return f
}

func (f *inputFixture) activeJob(title string) ats.Job {
	j := call[ats.Job](f.rec, 201, "POST", "/api/v1/jobs", map[string]string{"title": title})
	return call[ats.Job](f.rec, 200, "POST", "/api/v1/jobs/"+j.ID+"/activate", nil)
}

// counts is what a failed write must leave unchanged.
type counts struct{ Candidates, Applications, Jobs int }

func (f *inputFixture) counts() counts {
	return counts{
		Candidates:   call[page[ats.Candidate]](f.rec, 200, "GET", "/api/v1/candidates", nil).Total,
		Applications: call[page[ats.Application]](f.rec, 200, "GET", "/api/v1/jobs/"+f.job.ID+"/applications", nil).Total,
		Jobs:         call[page[ats.Job]](f.rec, 200, "GET", "/api/v1/jobs", nil).Total,
	}
}

// TestBadInput sends malformed, invalid and hostile requests and checks
// the status, the error code, the fields named, and that nothing was
// half-written.
func TestBadInput(t *testing.T) {
	t.Parallel()
	f := newInputFixture(t)
	long := strings.Repeat("x", 201)
	huge := `{"first_name":"` + strings.Repeat("a", 10<<20) + `","last_name":"b"}`
	otherPhase := call[page[ats.Phase]](f.rec, 200, "GET", "/api/v1/jobs/"+f.job2.ID+"/phases", nil).Items[2].ID
	uuid := "0190f6a1-7b2c-7def-8123-456789abcdef"
	tests := []struct {
		name, method, path string
		body               any
		status             int
		code               string
		fields             []string
	}{
		{"MalformedJSON", "POST", "/api/v1/candidates", `{"first_name": "A",`, 400, "bad_request", nil},
		{"NotJSON", "POST", "/api/v1/candidates", `first_name=A`, 400, "bad_request", nil},
		{"WrongType", "POST", "/api/v1/candidates", `{"first_name": 5, "last_name": "B"}`, 400, "bad_request", []string{"first_name"}},
		{"WrongNestedType", "POST", "/api/v1/jobs", `{"title": "T", "location": {"city": true}}`, 400, "bad_request", []string{"location.city"}},
		{"UnknownField", "POST", "/api/v1/candidates", `{"first_name": "A", "last_name": "B", "nickname": "C"}`, 400, "bad_request", []string{"nickname"}},
		{"ServerAssignedField", "POST", "/api/v1/candidates", `{"first_name": "A", "last_name": "B", "id": "x"}`, 400, "bad_request", []string{"id"}},
		{"TrailingData", "POST", "/api/v1/candidates", `{"first_name": "A", "last_name": "B"} {}`, 400, "bad_request", nil},
		{"EmptyBody", "POST", "/api/v1/candidates", ``, 400, "bad_request", nil},
		{"ArrayBody", "POST", "/api/v1/candidates", `[]`, 400, "bad_request", nil},
		{"NullBody", "POST", "/api/v1/jobs/" + f.job.ID + "/close", `null`, 400, "bad_request", nil},
		{"MissingRequired", "POST", "/api/v1/candidates", `{}`, 422, "invalid", []string{"first_name", "last_name"}},
		{"MissingMoveTarget", "POST", "/api/v1/applications/" + f.app.ID + "/move", `{}`, 422, "invalid", []string{"phase_id"}},
		{"MissingTeam", "PUT", "/api/v1/jobs/" + f.job.ID + "/team", `{}`, 422, "invalid", []string{"members"}},
		{"TitleTooLong", "POST", "/api/v1/jobs", map[string]string{"title": long}, 422, "invalid", []string{"title"}},
		{"TitleTooLongOnUpdate", "PATCH", "/api/v1/jobs/" + f.job.ID, map[string]string{"title": long}, 422, "invalid", []string{"title"}},
		{"BadCloseReason", "POST", "/api/v1/jobs/" + f.job.ID + "/close", map[string]string{"reason": "bored"}, 422, "invalid", []string{"reason"}},
		{"BodyTooLarge", "POST", "/api/v1/candidates", huge, 413, "too_large", nil},
		{"LimitNotANumber", "GET", "/api/v1/candidates?limit=ten", nil, 422, "invalid", []string{"limit"}},
		{"OffsetNegative", "GET", "/api/v1/jobs?offset=-1", nil, 422, "invalid", []string{"offset"}},
		{"OffsetOverflow", "GET", "/api/v1/jobs?offset=4294967301", nil, 422, "invalid", []string{"offset"}},
		{"BadJobStatus", "GET", "/api/v1/jobs?status=open", nil, 422, "invalid", []string{"status"}},
		{"UnknownJobUUID", "GET", "/api/v1/jobs/" + uuid, nil, 404, "not_found", nil},
		{"UnknownJobNumber", "GET", "/api/v1/jobs/J-99999", nil, 404, "not_found", nil},
		{"GarbageJobID", "GET", "/api/v1/jobs/garbage'%20OR%201=1", nil, 404, "not_found", nil},
		{"UnknownCandidateUUID", "GET", "/api/v1/candidates/" + uuid, nil, 404, "not_found", nil},
		{"UnknownCandidateNumber", "PATCH", "/api/v1/candidates/C-99999", map[string]string{"first_name": "X"}, 404, "not_found", nil},
		{"GarbageApplicationID", "GET", "/api/v1/applications/garbage", nil, 404, "not_found", nil},
		{"UnknownNote", "PATCH", "/api/v1/notes/" + uuid, map[string]string{"text": "x"}, 404, "not_found", nil},
		{"UnknownPool", "GET", "/api/v1/talent-pools/" + uuid, nil, 404, "not_found", nil},
		{"UnknownUser", "GET", "/api/v1/users/garbage", nil, 404, "not_found", nil},
		{"UnknownTemplate", "GET", "/api/v1/process-templates/" + uuid, nil, 404, "not_found", nil},
		{"DuplicateEmailOtherCase", "POST", "/api/v1/candidates", map[string]string{"first_name": "A", "last_name": "L", "email": "ada@EXAMPLE.com"}, 409, "conflict", nil},
		{"DuplicateApplication", "POST", "/api/v1/applications", map[string]string{"candidate_id": f.cand.ID, "job_id": f.job.ID}, 409, "conflict", nil},
		{"ApplicationUnknownCandidate", "POST", "/api/v1/applications", map[string]string{"candidate_id": uuid, "job_id": f.job.ID}, 422, "invalid", []string{"candidate_id"}},
		{"MoveToOtherJobsPhase", "POST", "/api/v1/applications/" + f.app.ID + "/move", map[string]string{"phase_id": otherPhase}, 422, "invalid", []string{"phase_id"}},
		{"UnknownEndpoint", "GET", "/api/v1/nothing-here", nil, 404, "not_found", nil},
		{"MethodNotAllowed", "DELETE", "/api/v1/candidates", nil, 405, "method_not_allowed", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f.rec.t = t
			before := f.counts()
			e := f.rec.wantError(tt.status, tt.code, tt.method, tt.path, tt.body)
			for _, field := range tt.fields {
				if e.Error.Fields[field] == "" {
					t.Errorf("fields = %v, want a problem for %q", e.Error.Fields, field)
				}
			}
			if diff := cmp.Diff(before, f.counts()); diff != "" {
				t.Errorf("a failed request changed the data (-before +after):\n%s", diff)
			}
		})
	}
	f.rec.t = t
	checkUnchanged(t, f)
}

// checkUnchanged makes sure the records the failed writes aimed at are as
// they were.
func checkUnchanged(t *testing.T, f *inputFixture) {
	t.Helper()
	if got := call[ats.Application](f.rec, 200, "GET", "/api/v1/applications/"+f.app.ID, nil); got.PhaseID != f.app.PhaseID {
		t.Errorf("application moved to %s by a refused move", got.PhaseName)
	}
	if got := call[ats.Job](f.rec, 200, "GET", "/api/v1/jobs/"+f.job.ID, nil); got.Title != f.job.Title || got.Status != ats.JobActive {
		t.Errorf("job changed by refused writes: %+v", got)
	}
}

// TestMethodNotAllowedHeader checks the Allow header of a 405.
func TestMethodNotAllowedHeader(t *testing.T) {
	t.Parallel()
	b := setup(t)
	r := b.anon(t).want(405, "DELETE", "/api/v1/jobs", nil)
	if got, want := r.header.Get("Allow"), "GET, HEAD, POST"; got != want {
		t.Errorf("Allow = %q, want %q", got, want)
	}
	if ct := r.header.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
		t.Errorf("Content-Type = %q, want JSON", ct)
	}
}

// TestHostileTextRoundTrips stores SQL metacharacters and markup as data:
// they are accepted and come back byte for byte.
func TestHostileTextRoundTrips(t *testing.T) {
	t.Parallel()
	f := newInputFixture(t)
	in := map[string]string{
		"first_name":      `Robert'); DROP TABLE candidates;--`,
		"last_name":       `<script>alert("x")</script>`,
		"current_company": `100% _wild_ \ "quoted" ' ; -- /* */ ü ✓`,
	}
	c := call[ats.Candidate](f.rec, 201, "POST", "/api/v1/candidates", in)
	got := call[ats.Candidate](f.rec, 200, "GET", "/api/v1/candidates/"+c.Number, nil)
	if got.FirstName != in["first_name"] || got.LastName != in["last_name"] || got.Company != in["current_company"] {
		t.Errorf("round trip changed the text: %q %q %q", got.FirstName, got.LastName, got.Company)
	}
	raw := f.rec.want(200, "GET", "/api/v1/candidates/"+c.ID, nil).body
	if bytes.Contains(raw, []byte("<script>")) {
		t.Errorf("markup sent unescaped in JSON: %s", raw)
	}
	j := call[ats.Job](f.rec, 201, "POST", "/api/v1/jobs", map[string]string{"title": `'; DELETE FROM jobs; -- <b>`})
	if got := call[ats.Job](f.rec, 200, "GET", "/api/v1/jobs/"+j.Number, nil); got.Title != `'; DELETE FROM jobs; -- <b>` {
		t.Errorf("job title = %q", got.Title)
	}
	if n := call[page[ats.Candidate]](f.rec, 200, "GET", "/api/v1/candidates?q="+strings.ReplaceAll("drop table", " ", "+"), nil).Total; n != 1 {
		t.Errorf("search for the hostile name found %d, want 1", n)
	}
}

// TestCrossSiteCookieRequest checks CSRF protection: a cookie-authenticated
// cross-site POST is refused; the same request with a token is not.
func TestCrossSiteCookieRequest(t *testing.T) {
	t.Parallel()
	b := setup(t)
	u := mustCreateUser(t, b.svc, "rec@example.com", ats.RoleRecruiter)
	c := b.anon(t)
	c.want(200, "POST", "/api/v1/session", map[string]string{"email": u.Email, "password": testPassword})
	body := map[string]string{"first_name": "Eve", "last_name": "Forger"}
	c.header.Set("Origin", "https://evil.example")
	c.header.Set("Sec-Fetch-Site", "cross-site")
	c.wantError(403, "forbidden", "POST", "/api/v1/candidates", body)
	c.want(200, "GET", "/api/v1/me", nil) // safe methods stay allowed
	c.header = http.Header{"Sec-Fetch-Site": {"same-origin"}}
	c.want(201, "POST", "/api/v1/candidates", body)

	tok := b.bearer(t, mustToken(t, b.svc, u))
	tok.header.Set("Origin", "https://evil.example")
	tok.header.Set("Sec-Fetch-Site", "cross-site")
	tok.want(201, "POST", "/api/v1/candidates", map[string]string{"first_name": "Tom", "last_name": "Token"})
}

// TestInternalErrorsDoNotLeak feeds the adapter failing and panicking
// handlers: the client gets a bare 500, the log gets the detail once.
func TestInternalErrorsDoNotLeak(t *testing.T) {
	t.Parallel()
	b := setup(t)
	handlers := map[string]func(http.ResponseWriter, *http.Request) error{
		"Error": func(http.ResponseWriter, *http.Request) error {
			return fmt.Errorf("query: %w", errors.New("secret db detail"))
		},
		"Panic":   func(http.ResponseWriter, *http.Request) error { panic("secret db detail") },
		"Wrapped": func(http.ResponseWriter, *http.Request) error { return ats.Errorf(ats.EINTERNAL, "secret db detail") },
	}
	for name, h := range handlers {
		t.Run(name, func(t *testing.T) {
			before := strings.Count(b.logs.String(), "secret db detail")
			rec := httptest.NewRecorder()
			b.srv.Adapt(h).ServeHTTP(rec, httptest.NewRequest("GET", "/api/v1/x", nil))
			if rec.Code != 500 {
				t.Errorf("status %d, want 500", rec.Code)
			}
			want := `{"error":{"code":"internal","message":"Internal error."}}` + "\n"
			if got := rec.Body.String(); got != want {
				t.Errorf("body = %s, want %s", got, want)
			}
			if n := strings.Count(b.logs.String(), "secret db detail") - before; n != 1 {
				t.Errorf("detail logged %d times, want once", n)
			}
		})
	}
}
