package api_test

import (
	"net/http"
	"slices"
	"strings"
	"testing"

	"attractor/internal/ats"
)

// story carries what the steps of TestStory create for later steps.
type story struct {
	b                         *testBundle
	admin                     *client
	users                     map[ats.Role]*ats.User
	clients                   map[ats.Role]*client
	job                       ats.Job
	prospect, applicant       ats.Candidate
	prospectApp, applicantApp ats.Application
	screen                    ats.Phase
	note                      ats.Note
	pool                      ats.TalentPool
	template                  ats.ProcessTemplate
}

// TestStory walks a hiring team through a job over the real HTTP API,
// with every kind of user, checking permissions along the way.
func TestStory(t *testing.T) {
	t.Parallel()
	s := &story{b: setup(t), users: map[ats.Role]*ats.User{}, clients: map[ats.Role]*client{}}
	step(t, "BootstrapAdminAndSignIn", s.signInAdmin)
	step(t, "AdminCreatesUsers", s.createUsers)
	step(t, "EachUserGetsAToken", s.issueTokens)
	step(t, "RecruiterOpensJob", s.openJob)
	step(t, "RecruiterAddsCandidates", s.addCandidates)
	step(t, "RecruiterMovesAndNotes", s.moveAndNote)
	step(t, "InterviewerGivesFeedback", s.interviewerFeedback)
	step(t, "InterviewerCannotMoveOrReject", s.interviewerForbidden)
	step(t, "ReadOnlyCannotWrite", s.readOnlyForbidden)
	step(t, "AnonymousIsUnauthorized", s.anonymous)
	step(t, "PhasesShowCounts", s.phaseCounts)
	step(t, "HistoryIsReadable", s.history)
	step(t, "SignOut", s.signOut)
}

func (s *story) signInAdmin(t *testing.T) {
	admin := mustCreateUser(t, s.b.svc, "admin@example.com", ats.RoleAdmin)
	s.admin = s.b.anon(t)
	got := call[ats.User](s.admin, 200, "POST", "/api/v1/session",
		map[string]string{"email": "ADMIN@example.com ", "password": testPassword})
	if got.ID != admin.ID {
		t.Fatalf("signed in as %q, want %q", got.ID, admin.ID)
	}
	if me := call[ats.User](s.admin, 200, "GET", "/api/v1/me", nil); me.Role != ats.RoleAdmin {
		t.Fatalf("me = %+v, want the admin", me)
	}
	s.admin.wantError(401, "unauthorized", "POST", "/api/v1/session",
		map[string]string{"email": "admin@example.com", "password": "wrong password!"})
}

func (s *story) createUsers(t *testing.T) {
	s.admin.t = t
	for _, role := range []ats.Role{ats.RoleRecruiter, ats.RoleHiringManager, ats.RoleInterviewer, ats.RoleReadOnly} {
		in := ats.UserInput{Email: string(role) + "@example.com", Name: "The " + string(role), Role: role, Password: testPassword}
		u := call[ats.User](s.admin, 201, "POST", "/api/v1/users", in)
		if u.Role != role || u.Email != in.Email || u.ID == "" {
			t.Fatalf("created %+v, want role %s", u, role)
		}
		s.users[role] = &u
	}
	users := call[page[ats.User]](s.admin, 200, "GET", "/api/v1/users", nil)
	if users.Total != 5 || len(users.Items) != 5 || users.Limit != ats.DefaultLimit {
		t.Fatalf("users page = total %d, %d items, limit %d; want 5, 5, %d", users.Total, len(users.Items), users.Limit, ats.DefaultLimit)
	}
}

func (s *story) issueTokens(t *testing.T) {
	for role, u := range s.users {
		c := s.b.anon(t)
		c.want(200, "POST", "/api/v1/session", map[string]string{"email": u.Email, "password": testPassword})
		tok := call[ats.Token](c, 201, "POST", "/api/v1/tokens", map[string]any{"name": "story", "expires_in_days": 30})
		if !strings.HasPrefix(tok.Secret, "atr_") || tok.ExpiresAt == nil || tok.UserID != u.ID {
			t.Fatalf("token for %s = %+v", role, tok)
		}
		s.clients[role] = s.b.bearer(t, tok.Secret)
		if me := call[ats.User](s.clients[role], 200, "GET", "/api/v1/me", nil); me.ID != u.ID {
			t.Fatalf("token of %s authenticates %s", role, me.Email)
		}
	}
}

// as returns the client of role, bound to the current subtest.
func (s *story) as(t *testing.T, role ats.Role) *client {
	c := s.clients[role]
	c.t = t
	return c
}

func (s *story) openJob(t *testing.T) {
	rec := s.as(t, ats.RoleRecruiter)
	s.job = call[ats.Job](rec, 201, "POST", "/api/v1/jobs", map[string]any{
		"title": "Backend Engineer", "location": map[string]string{"city": "Berlin", "country_code": "de"}})
	if s.job.Status != ats.JobDraft || !strings.HasPrefix(s.job.Number, "J-") || s.job.Location.CountryCode != "DE" {
		t.Fatalf("created job %+v", s.job)
	}
	team := map[string]any{"members": []map[string]string{
		{"user_id": s.users[ats.RoleRecruiter].ID, "role": "recruiter"},
		{"user_id": s.users[ats.RoleHiringManager].ID, "role": "hiring_manager"},
		{"user_id": s.users[ats.RoleInterviewer].ID, "role": "interviewer"},
	}}
	got := call[struct{ Members []ats.TeamMember }](rec, 200, "PUT", "/api/v1/jobs/"+s.job.ID+"/team", team)
	if len(got.Members) != 3 {
		t.Fatalf("team = %+v, want 3 members", got.Members)
	}
	s.job = call[ats.Job](rec, 200, "POST", "/api/v1/jobs/"+s.job.Number+"/activate", nil)
	if s.job.Status != ats.JobActive {
		t.Fatalf("activated job has status %s", s.job.Status)
	}
	if byNumber := call[ats.Job](rec, 200, "GET", "/api/v1/jobs/"+s.job.Number, nil); byNumber.ID != s.job.ID {
		t.Fatalf("GET by number returned %s, want %s", byNumber.ID, s.job.ID)
	}
}

func (s *story) addCandidates(t *testing.T) {
	rec := s.as(t, ats.RoleRecruiter)
	s.prospect = call[ats.Candidate](rec, 201, "POST", "/api/v1/candidates",
		map[string]any{"first_name": "José", "last_name": "Müller", "email": "jose@example.com"})
	s.applicant = call[ats.Candidate](rec, 201, "POST", "/api/v1/candidates",
		map[string]any{"first_name": "Grace", "last_name": "Hopper", "email": "grace@example.com", "phones": []string{"+1 555 0100"}})
	s.prospectApp = call[ats.Application](rec, 201, "POST", "/api/v1/applications",
		map[string]any{"candidate_id": s.prospect.Number, "job_id": s.job.Number, "prospect": true, "source": "Referral"})
	s.applicantApp = call[ats.Application](rec, 201, "POST", "/api/v1/applications",
		map[string]any{"candidate_id": s.applicant.ID, "job_id": s.job.ID})
	if s.prospectApp.PhaseKind != ats.PhaseProspect || !s.prospectApp.Prospect {
		t.Errorf("prospect landed in %s (%s)", s.prospectApp.PhaseName, s.prospectApp.PhaseKind)
	}
	if s.applicantApp.PhaseKind != ats.PhaseApplication {
		t.Errorf("applicant landed in %s (%s)", s.applicantApp.PhaseName, s.applicantApp.PhaseKind)
	}
	found := call[page[ats.Candidate]](rec, 200, "GET", "/api/v1/candidates?q=jose+muller", nil)
	if found.Total != 1 || found.Items[0].ID != s.prospect.ID {
		t.Errorf("search jose muller = %+v, want José Müller", found)
	}
}

func (s *story) moveAndNote(t *testing.T) {
	rec := s.as(t, ats.RoleRecruiter)
	phases := call[page[ats.Phase]](rec, 200, "GET", "/api/v1/jobs/"+s.job.ID+"/phases", nil)
	i := slices.IndexFunc(phases.Items, func(p ats.Phase) bool { return p.Name == "Screen" })
	if i < 0 {
		t.Fatalf("no Screen phase in %+v", phases.Items)
	}
	s.screen = phases.Items[i]
	moved := call[ats.Application](rec, 200, "POST", "/api/v1/applications/"+s.applicantApp.ID+"/move",
		map[string]string{"phase_id": s.screen.ID})
	if moved.PhaseID != s.screen.ID {
		t.Fatalf("moved to %s, want Screen", moved.PhaseName)
	}
	s.note = call[ats.Note](rec, 201, "POST", "/api/v1/applications/"+s.applicantApp.ID+"/notes",
		map[string]string{"text": "Strong systems background.\nSchedule an interview."})
	notes := call[page[ats.Note]](rec, 200, "GET", "/api/v1/applications/"+s.applicantApp.ID+"/notes", nil)
	if notes.Total != 1 || notes.Items[0].Text != s.note.Text {
		t.Fatalf("notes = %+v", notes)
	}
	s.pool = call[ats.TalentPool](rec, 201, "POST", "/api/v1/talent-pools", map[string]string{"name": "Backend"})
	rec.want(204, "PUT", "/api/v1/talent-pools/"+s.pool.ID+"/candidates/"+s.applicant.Number, nil)
	members := call[page[ats.Candidate]](rec, 200, "GET", "/api/v1/talent-pools/"+s.pool.ID+"/candidates", nil)
	if members.Total != 1 {
		t.Fatalf("pool members = %+v", members)
	}
}

func (s *story) interviewerFeedback(t *testing.T) {
	iv := s.as(t, ats.RoleInterviewer)
	fb := call[ats.Feedback](iv, 201, "POST", "/api/v1/applications/"+s.applicantApp.ID+"/feedback", map[string]any{
		"interview_type": "PHONE_SCREEN", "recommendation": "yes", "comments": "Clear communicator.",
		"evaluations": []map[string]string{{"attribute": "Communication", "result": "Strong"}}})
	if fb.InterviewerID != s.users[ats.RoleInterviewer].ID {
		t.Fatalf("feedback by %s, want the interviewer", fb.InterviewerID)
	}
	list := call[page[ats.Feedback]](s.as(t, ats.RoleRecruiter), 200, "GET", "/api/v1/applications/"+s.applicantApp.ID+"/feedback", nil)
	if list.Total != 1 || list.Items[0].Recommendation != ats.RecYes {
		t.Fatalf("feedback list = %+v", list)
	}
}

func (s *story) interviewerForbidden(t *testing.T) {
	iv := s.as(t, ats.RoleInterviewer)
	app := "/api/v1/applications/" + s.prospectApp.ID
	iv.wantError(403, "forbidden", "POST", app+"/move", map[string]string{"phase_id": s.screen.ID})
	iv.wantError(403, "forbidden", "POST", app+"/reject", map[string]string{"reason": "Not qualified"})
	if got := call[ats.Application](iv, 200, "GET", app, nil); got.PhaseID != s.prospectApp.PhaseID || got.Status != ats.AppActive {
		t.Fatalf("application changed after refused writes: %+v", got)
	}
}

func (s *story) anonymous(t *testing.T) {
	anon := s.b.anon(t)
	for _, path := range []string{"/api/v1/me", "/api/v1/jobs", "/api/v1/jobs/" + s.job.ID, "/api/v1/candidates", linkedin,
		linkedin + "/failures", "/api/v1/me/linkedin/callback?code=c&state=s"} {
		anon.wantError(401, "unauthorized", "GET", path, nil)
	}
	anon.wantError(401, "unauthorized", "POST", "/api/v1/candidates", map[string]string{"first_name": "A", "last_name": "B"})
	bad := s.b.bearer(t, "atr_not-a-real-token")
	bad.wantError(401, "unauthorized", "GET", "/api/v1/me", nil)
	if r := bad.do("GET", "/api/v1/me", nil); r.header.Get("WWW-Authenticate") == "" {
		t.Error("401 without WWW-Authenticate")
	}
}

func (s *story) phaseCounts(t *testing.T) {
	phases := call[page[struct {
		ats.Phase
		Count int `json:"count"`
	}]](s.as(t, ats.RoleHiringManager), 200, "GET", "/api/v1/jobs/"+s.job.Number+"/phases", nil)
	got := map[string]int{}
	for _, p := range phases.Items {
		got[p.Name] = p.Count
	}
	want := map[string]int{"Prospect": 1, "Application": 0, "Screen": 1, "Interview": 0, "Offer": 0}
	if !mapsEqual(got, want) {
		t.Fatalf("phase counts = %v, want %v", got, want)
	}
}

func mapsEqual(a, b map[string]int) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if w, ok := b[k]; !ok || w != v {
			return false
		}
	}
	return true
}

func (s *story) history(t *testing.T) {
	rec := s.as(t, ats.RoleRecruiter)
	ch := call[page[ats.HistoryEntry]](rec, 200, "GET", "/api/v1/candidates/"+s.applicant.Number+"/history", nil)
	if ch.Total < 1 || ch.Items[len(ch.Items)-1].Action != "created" {
		t.Fatalf("candidate history = %+v", ch)
	}
	ah := call[page[ats.HistoryEntry]](rec, 200, "GET", "/api/v1/applications/"+s.applicantApp.ID+"/history", nil)
	moved := slices.ContainsFunc(ah.Items, func(h ats.HistoryEntry) bool {
		return slices.Contains(h.Changes, ats.Change{Field: "phase", From: "Application", To: "Screen"})
	})
	if !moved {
		t.Fatalf("application history lacks the move to Screen: %+v", ah.Items)
	}
	phases := call[page[ats.PhaseEntry]](rec, 200, "GET", "/api/v1/applications/"+s.applicantApp.ID+"/phases", nil)
	if phases.Total != 2 || phases.Items[1].PhaseName != "Screen" {
		t.Fatalf("phase entries = %+v", phases.Items)
	}
	jh := call[page[ats.HistoryEntry]](s.as(t, ats.RoleReadOnly), 200, "GET", "/api/v1/jobs/"+s.job.ID+"/history", nil)
	if jh.Total < 2 {
		t.Fatalf("job history = %+v", jh)
	}
}

func (s *story) signOut(t *testing.T) {
	s.admin.t = t
	s.admin.want(204, "DELETE", "/api/v1/session", nil)
	s.admin.wantError(401, "unauthorized", "GET", "/api/v1/me", nil)
}

// write is a write request the read-only user must be refused.
type write struct {
	method, path string
	body         any
}

func (s *story) readOnlyForbidden(t *testing.T) {
	s.admin.t = t
	s.template = call[page[ats.ProcessTemplate]](s.admin, 200, "GET", "/api/v1/process-templates", nil).Items[0]
	ro := s.as(t, ats.RoleReadOnly)
	writes := s.writes()
	for _, w := range writes {
		ro.wantError(403, "forbidden", w.method, w.path, w.body)
	}
	checkEveryWriteCovered(t, s.b, writes)
	if got := call[ats.Job](ro, 200, "GET", "/api/v1/jobs/"+s.job.ID, nil); got.Status != ats.JobActive || got.Title != s.job.Title {
		t.Fatalf("job changed by refused writes: %+v", got)
	}
	if got := call[page[ats.Candidate]](ro, 200, "GET", "/api/v1/candidates", nil); got.Total != 2 {
		t.Fatalf("candidates total %d after refused writes, want 2", got.Total)
	}
	ro.wantError(403, "forbidden", "GET", linkedin, nil) // the admin page shows credentials' state and failures
	ro.wantError(403, "forbidden", "GET", linkedin+"/failures", nil)
	if got := call[map[string]any](s.admin, 200, "GET", linkedin, nil); got["stage"] != "not_connected" || got["job_availability"] != "PUBLIC" {
		t.Fatalf("LinkedIn integration changed by refused writes: %v", got)
	}
}

// writes lists a valid request to every write endpoint, so a refusal can
// only come from the permission check.
func (s *story) writes() []write {
	job, cand := "/api/v1/jobs/"+s.job.ID, "/api/v1/candidates/"+s.applicant.ID
	app, pool := "/api/v1/applications/"+s.applicantApp.ID, "/api/v1/talent-pools/"+s.pool.ID
	team := map[string]any{"members": []map[string]string{{"user_id": s.users[ats.RoleReadOnly].ID, "role": "interviewer"}}}
	feedback := map[string]any{"interview_type": "ONSITE", "recommendation": "no"}
	return []write{
		{"POST", "/api/v1/users", ats.UserInput{Email: "x@example.com", Name: "X", Role: ats.RoleAdmin, Password: testPassword}},
		{"PATCH", "/api/v1/users/" + s.users[ats.RoleReadOnly].ID, map[string]string{"role": "admin"}},
		{"POST", "/api/v1/process-templates", map[string]string{"name": "Fast track"}},
		{"PATCH", "/api/v1/process-templates/" + s.template.ID, map[string]string{"name": "Renamed"}},
		{"POST", "/api/v1/jobs", map[string]string{"title": "Sneaky job"}},
		{"PATCH", job, map[string]string{"title": "Renamed"}},
		{"DELETE", job, nil},
		{"POST", job + "/activate", nil},
		{"POST", job + "/close", map[string]string{"reason": "cancelled"}},
		{"PUT", job + "/team", team},
		{"POST", "/api/v1/candidates", map[string]string{"first_name": "A", "last_name": "B"}},
		{"PATCH", cand, map[string]string{"first_name": "Changed"}},
		{"DELETE", cand, nil},
		{"POST", cand + "/notes", map[string]string{"text": "note"}},
		{"POST", "/api/v1/applications", map[string]string{"candidate_id": s.prospect.ID, "job_id": s.job.ID}},
		{"DELETE", app, nil},
		{"POST", app + "/move", map[string]string{"phase_id": s.screen.ID}},
		{"POST", app + "/reject", map[string]string{"reason": "Not qualified"}},
		{"POST", app + "/hire", nil},
		{"POST", app + "/withdraw", nil},
		{"POST", app + "/notes", map[string]string{"text": "note"}},
		{"POST", app + "/feedback", feedback},
		{"PATCH", "/api/v1/notes/" + s.note.ID, map[string]string{"text": "changed"}},
		{"DELETE", "/api/v1/notes/" + s.note.ID, nil},
		{"POST", "/api/v1/talent-pools", map[string]string{"name": "Mine"}},
		{"PATCH", pool, map[string]string{"name": "Renamed"}},
		{"DELETE", pool, nil},
		{"PUT", pool + "/candidates/" + s.prospect.ID, nil},
		{"DELETE", pool + "/candidates/" + s.applicant.ID, nil},
		{"PATCH", linkedin, map[string]string{"job_availability": "PRIVATE"}},
		{"DELETE", linkedin, nil},
		{"POST", linkedin + "/connect", nil},
		{"POST", linkedin + "/request", map[string]string{"organization": "urn:li:organization:1001", "contract": "urn:li:contract:5001"}},
		{"POST", linkedin + "/notify", nil},
		{"POST", linkedin + "/failures/retry", nil},
	}
}

// linkedin is the admin's LinkedIn integration resource.
const linkedin = "/api/v1/integrations/linkedin"

// checkEveryWriteCovered fails when a write route is missing from writes,
// so a new endpoint cannot skip the read-only check. Signing in and out,
// creating or revoking one's own token and connecting one's own LinkedIn
// account are open to every user; LinkedIn's push callback is open to no
// user at all, only to requests signed with the app's secret
// (TestLinkedInCallbackNeedsNoSession).
func checkEveryWriteCovered(t *testing.T, b *testBundle, writes []write) {
	t.Helper()
	selfService := []string{"POST /api/v1/session", "DELETE /api/v1/session", "POST /api/v1/tokens", "DELETE /api/v1/tokens/{id}",
		"POST /api/v1/me/linkedin/connect", "DELETE /api/v1/me/linkedin", "POST /api/v1/integrations/linkedin/callback"}
	mux := http.NewServeMux()
	b.srv.Routes(mux)
	covered := map[string]bool{}
	for _, w := range writes {
		req, _ := http.NewRequest(w.method, "http://x"+w.path, nil)
		_, pattern := mux.Handler(req)
		covered[pattern] = true
	}
	for _, p := range b.srv.RoutePatterns() {
		if strings.HasPrefix(p, "GET ") || slices.Contains(selfService, p) {
			continue
		}
		if !covered[p] {
			t.Errorf("write route %s is not in the read-only check", p)
		}
	}
}
