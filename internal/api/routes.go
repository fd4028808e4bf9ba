package api

import (
	"net/http"
	"strings"

	"attractor/internal/ats"
	"attractor/internal/syncer"
)

// route is one endpoint: its Go 1.22 pattern, its handler, whether
// anonymous callers may use it, and what the OpenAPI document says of it.
type route struct {
	pattern string
	handler handlerFunc
	public  bool
	doc     op
}

// op describes an operation for the OpenAPI document. in, out and items
// hold zero values of the wire types; their JSON schemas are derived from
// the Go types, so the document follows the code.
type op struct {
	summary string
	query   []string // query parameter names, described in openapi.go
	in      any      // request body, nil for none
	out     any      // response body, nil for none
	items   any      // when set, the response is a list (listBody) of these
	status  int      // success status; 0 means 200
}

// paged adds the paging parameters every list accepts to extra.
func paged(extra ...string) []string {
	return append(extra, "limit", "offset")
}

// routes is the whole URL surface of the API.
func (s *Server) routes() []route {
	return []route{
		{"GET /healthz", s.handleHealth, true, op{summary: "Report whether the database is reachable and migrated (503 if not)", out: healthBody{}}},
		{"GET /metrics", s.handleMetrics, true, op{summary: "Prometheus metrics"}},
		{"GET /api/v1/openapi.json", s.handleOpenAPI, true, op{summary: "This OpenAPI document", out: map[string]any{}}},

		{"POST /api/v1/session", s.handleSessionCreate, true, op{summary: "Sign in; sets the session cookie", in: loginInput{}, out: ats.User{}}},
		{"DELETE /api/v1/session", s.handleSessionDelete, true, op{summary: "Sign out", status: 204}},
		{"GET /api/v1/me", s.handleMe, false, op{summary: "The signed-in user", out: ats.User{}}},

		{"GET /api/v1/users", s.handleUserIndex, false, op{summary: "List users", query: paged(), items: ats.User{}}},
		{"POST /api/v1/users", s.handleUserCreate, false, op{summary: "Create a user (admins)", in: ats.UserInput{}, out: ats.User{}, status: 201}},
		{"GET /api/v1/users/{id}", s.handleUserShow, false, op{summary: "Get a user", out: ats.User{}}},
		{"PATCH /api/v1/users/{id}", s.handleUserUpdate, false, op{summary: "Change a user (admins)", in: ats.UserUpdate{}, out: ats.User{}}},
		{"GET /api/v1/tokens", s.handleTokenIndex, false, op{summary: "List the caller's API tokens (never their secrets)", items: ats.Token{}}},
		{"DELETE /api/v1/tokens/{id}", s.handleTokenDelete, false, op{summary: "Revoke one of the caller's API tokens (admins: anyone's)", status: 204}},
		{"POST /api/v1/tokens", s.handleTokenCreate, false, op{summary: "Create an API token for the caller; the secret is shown once", in: tokenInput{}, out: ats.Token{}, status: 201}},

		{"GET /api/v1/process-templates", s.handleTemplateIndex, false, op{summary: "List hiring-process templates", items: ats.ProcessTemplate{}}},
		{"POST /api/v1/process-templates", s.handleTemplateCreate, false, op{summary: "Create a template (admins)", in: ats.ProcessTemplateInput{}, out: ats.ProcessTemplate{}, status: 201}},
		{"GET /api/v1/process-templates/{id}", s.handleTemplateShow, false, op{summary: "Get a template", out: ats.ProcessTemplate{}}},
		{"PATCH /api/v1/process-templates/{id}", s.handleTemplateUpdate, false, op{summary: "Change a template (admins)", in: ats.ProcessTemplateUpdate{}, out: ats.ProcessTemplate{}}},

		{"GET /api/v1/jobs", s.handleJobIndex, false, op{summary: "List jobs", query: paged("q", "status"), items: ats.Job{}}},
		{"POST /api/v1/jobs", s.handleJobCreate, false, op{summary: "Create a draft job", in: ats.JobInput{}, out: ats.Job{}, status: 201}},
		{"GET /api/v1/jobs/{id}", s.handleJobShow, false, op{summary: "Get a job", out: ats.Job{}}},
		{"PATCH /api/v1/jobs/{id}", s.handleJobUpdate, false, op{summary: "Change a job", in: ats.JobUpdate{}, out: ats.Job{}}},
		{"DELETE /api/v1/jobs/{id}", s.handleJobDelete, false, op{summary: "Delete a job and its applications", status: 204}},
		{"POST /api/v1/jobs/{id}/activate", s.handleJobActivate, false, op{summary: "Activate a draft job", out: ats.Job{}}},
		{"POST /api/v1/jobs/{id}/close", s.handleJobClose, false, op{summary: "Close an active job", in: closeInput{}, out: ats.Job{}}},
		{"GET /api/v1/jobs/{id}/team", s.handleTeamShow, false, op{summary: "Get the hiring team", out: teamBody{}}},
		{"PUT /api/v1/jobs/{id}/team", s.handleTeamReplace, false, op{summary: "Replace the hiring team", in: teamBody{}, out: teamBody{}}},
		{"GET /api/v1/jobs/{id}/phases", s.handleJobPhases, false, op{summary: "The job's phases with application counts", items: phaseCount{}}},
		{"GET /api/v1/jobs/{id}/applications", s.handleJobApplications, false, op{summary: "The job's applications", query: paged("phase_id", "status"), items: ats.Application{}}},
		{"GET /api/v1/jobs/{id}/linkedin", s.handleJobLinkedIn, false, op{summary: "How LinkedIn processed the job's last record: its task, and the job posting it made", out: ats.JobTask{}}},
		{"GET /api/v1/jobs/{id}/history", s.handleJobHistory, false, op{summary: "The job's audit trail", query: paged(), items: ats.HistoryEntry{}}},

		{"GET /api/v1/candidates", s.handleCandidateIndex, false, op{summary: "Search candidates", query: paged("q"), items: ats.Candidate{}}},
		{"POST /api/v1/candidates", s.handleCandidateCreate, false, op{summary: "Create a candidate", in: candidateInput{}, out: ats.Candidate{}, status: 201}},
		{"GET /api/v1/candidates/{id}", s.handleCandidateShow, false, op{summary: "Get a candidate", out: ats.Candidate{}}},
		{"PATCH /api/v1/candidates/{id}", s.handleCandidateUpdate, false, op{summary: "Change a candidate", in: ats.CandidateUpdate{}, out: ats.Candidate{}}},
		{"DELETE /api/v1/candidates/{id}", s.handleCandidateDelete, false, op{summary: "Delete a candidate", status: 204}},
		{"GET /api/v1/candidates/{id}/notes", s.handleCandidateNoteIndex, false, op{summary: "Notes about a candidate", query: paged(), items: ats.Note{}}},
		{"POST /api/v1/candidates/{id}/notes", s.handleCandidateNoteCreate, false, op{summary: "Write a note about a candidate", in: noteInput{}, out: ats.Note{}, status: 201}},
		{"GET /api/v1/candidates/{id}/history", s.handleCandidateHistory, false, op{summary: "The candidate's audit trail", query: paged(), items: ats.HistoryEntry{}}},
		{"GET /api/v1/candidates/{id}/applications", s.handleCandidateApplications, false, op{summary: "The candidate's applications", query: paged(), items: ats.Application{}}},

		{"POST /api/v1/applications", s.handleApplicationCreate, false, op{summary: "Add a candidate to a job", in: ats.ApplicationInput{}, out: ats.Application{}, status: 201}},
		{"GET /api/v1/applications/{id}", s.handleApplicationShow, false, op{summary: "Get an application", out: ats.Application{}}},
		{"DELETE /api/v1/applications/{id}", s.handleApplicationDelete, false, op{summary: "Delete an application", status: 204}},
		{"POST /api/v1/applications/{id}/move", s.handleApplicationMove, false, op{summary: "Move to another phase", in: moveInput{}, out: ats.Application{}}},
		{"POST /api/v1/applications/{id}/reject", s.handleApplicationReject, false, op{summary: "Reject with a reason", in: rejectInput{}, out: ats.Application{}}},
		{"POST /api/v1/applications/{id}/hire", s.handleApplicationHire, false, op{summary: "Hire (from the offer phase)", out: ats.Application{}}},
		{"POST /api/v1/applications/{id}/withdraw", s.handleApplicationWithdraw, false, op{summary: "Record that the candidate withdrew", out: ats.Application{}}},
		{"GET /api/v1/applications/{id}/phases", s.handleApplicationPhases, false, op{summary: "Phase history", items: ats.PhaseEntry{}}},
		{"GET /api/v1/applications/{id}/history", s.handleApplicationHistory, false, op{summary: "The application's audit trail", query: paged(), items: ats.HistoryEntry{}}},
		{"GET /api/v1/applications/{id}/notes", s.handleApplicationNoteIndex, false, op{summary: "Notes on an application", query: paged(), items: ats.Note{}}},
		{"POST /api/v1/applications/{id}/notes", s.handleApplicationNoteCreate, false, op{summary: "Write a note on an application", in: noteInput{}, out: ats.Note{}, status: 201}},
		{"GET /api/v1/applications/{id}/feedback", s.handleFeedbackIndex, false, op{summary: "Interview feedback", items: ats.Feedback{}}},
		{"POST /api/v1/applications/{id}/feedback", s.handleFeedbackCreate, false, op{summary: "Submit interview feedback", in: feedbackInput{}, out: ats.Feedback{}, status: 201}},

		{"PATCH /api/v1/notes/{id}", s.handleNoteUpdate, false, op{summary: "Change a note (author or admin)", in: noteInput{}, out: ats.Note{}}},
		{"DELETE /api/v1/notes/{id}", s.handleNoteDelete, false, op{summary: "Delete a note (author or admin)", status: 204}},

		{"GET /api/v1/talent-pools", s.handlePoolIndex, false, op{summary: "List talent pools", query: paged(), items: ats.TalentPool{}}},
		{"POST /api/v1/talent-pools", s.handlePoolCreate, false, op{summary: "Create a talent pool", in: ats.TalentPoolInput{}, out: ats.TalentPool{}, status: 201}},
		{"GET /api/v1/talent-pools/{id}", s.handlePoolShow, false, op{summary: "Get a talent pool", out: ats.TalentPool{}}},
		{"PATCH /api/v1/talent-pools/{id}", s.handlePoolUpdate, false, op{summary: "Change a talent pool", in: ats.TalentPoolUpdate{}, out: ats.TalentPool{}}},
		{"DELETE /api/v1/talent-pools/{id}", s.handlePoolDelete, false, op{summary: "Delete a talent pool", status: 204}},
		{"GET /api/v1/talent-pools/{id}/candidates", s.handlePoolMemberIndex, false, op{summary: "Candidates in a pool", query: paged(), items: ats.Candidate{}}},
		{"PUT /api/v1/talent-pools/{id}/candidates/{candidate_id}", s.handlePoolMemberPut, false, op{summary: "Add a candidate to a pool", status: 204}},
		{"DELETE /api/v1/talent-pools/{id}/candidates/{candidate_id}", s.handlePoolMemberDelete, false, op{summary: "Remove a candidate from a pool", status: 204}},

		// The LinkedIn integration (linkedin.go): the admin's setup flow,
		// LinkedIn's push callback, which authenticates by its signature
		// rather than a session, and each user's own LinkedIn account.
		{"GET /api/v1/integrations/linkedin", s.handleLinkedInShow, false, op{summary: "The LinkedIn integration: stage, access level, historical sync progress, queued changes and failures (admins)", out: syncer.IntegrationView{}}},
		{"PATCH /api/v1/integrations/linkedin", s.handleLinkedInUpdate, false, op{summary: "Change the default availability of jobs sent to LinkedIn (admins)", in: linkedInUpdate{}, out: syncer.IntegrationView{}}},
		{"DELETE /api/v1/integrations/linkedin", s.handleLinkedInDelete, false, op{summary: "Disconnect: stop all traffic to LinkedIn, keeping the app and the data for a later Connect (admins)", status: 204}},
		{"POST /api/v1/integrations/linkedin/connect", s.handleLinkedInConnect, false, op{summary: "Provision this instance's LinkedIn app; returns what the onboarding widget needs (admins)", out: syncer.WidgetConfig{}}},
		{"POST /api/v1/integrations/linkedin/request", s.handleLinkedInRequest, false, op{summary: "Hand over the widget's onintegrate payload: names and configures the integrations (admins)", in: syncer.RequestInput{}, out: syncer.IntegrationView{}}},
		{"POST /api/v1/integrations/linkedin/notify", s.handleLinkedInNotify, false, op{summary: "Send the integrations' names and configuration again and re-read their status (admins)", out: syncer.IntegrationView{}}},
		{"GET /api/v1/integrations/linkedin/failures", s.handleLinkedInFailureIndex, false, op{summary: "Records LinkedIn refused for good, newest first (admins)", query: paged(), items: ats.SyncFailure{}}},
		{"POST /api/v1/integrations/linkedin/failures/retry", s.handleLinkedInFailureRetry, false, op{summary: "Queue every listed failure again (admins)", out: retryBody{}}},
		{"POST /api/v1/integrations/linkedin/callback", s.handleLinkedInCallback, true, op{summary: "LinkedIn's push notifications; authenticated by the X-LI-Signature HMAC, not a session", in: pushNotification{}, out: syncer.CallbackAck{}}},
		{"POST /api/v1/me/linkedin/connect", s.handleMeLinkedInConnect, false, op{summary: "Start connecting the caller's LinkedIn account; returns where to send the browser", out: memberConnectBody{}}},
		{"GET /api/v1/me/linkedin/callback", s.handleMeLinkedInCallback, false, op{summary: "Where LinkedIn returns the browser after sign-in; redirects to /settings/connections", query: []string{"code", "state", "error"}, status: 303}},
		{"DELETE /api/v1/me/linkedin", s.handleMeLinkedInDelete, false, op{summary: "Disconnect the caller's LinkedIn account", status: 204}},
	}
}

// apiPrefix is where every JSON endpoint lives.
const apiPrefix = "/api/v1/"

// fallbackMethods get a catch-all under apiPrefix. The catch-alls carry a
// method so they never conflict with a method-less "/" or "GET /" the web
// UI may register on the same mux.
func fallbackMethods() []string {
	return []string{http.MethodGet, http.MethodPost, http.MethodPut, http.MethodPatch, http.MethodDelete}
}

// Routes installs every endpoint on mux, each instrumented, authenticated
// and adapted. The caller wraps mux with Middleware (Handler does), which
// loads the session the routes read.
func (s *Server) Routes(mux *http.ServeMux) {
	for _, rt := range s.routes() {
		mux.Handle(rt.pattern, s.endpoint(rt))
	}
	fallback := s.endpoint(route{handler: s.unmatched(mux), public: true})
	for _, m := range fallbackMethods() {
		mux.Handle(m+" "+apiPrefix, fallback)
	}
}

// endpoint wraps a route's handler in the per-route chain.
func (s *Server) endpoint(rt route) http.Handler {
	return s.metrics.instrument(s.json(s.authenticate(rt.public, rt.handler)))
}

// unmatched answers requests under /api/v1 that no route takes: 405 with
// Allow when the path exists for other methods, else 404 — in JSON, where
// the mux's own answers would be plain text.
func (s *Server) unmatched(mux *http.ServeMux) handlerFunc {
	return func(w http.ResponseWriter, r *http.Request) error {
		allow := allowedMethods(mux, r)
		if len(allow) == 0 {
			return ats.Errorf(ats.ENOTFOUND, "There is no API endpoint at this path.")
		}
		w.Header().Set("Allow", strings.Join(allow, ", "))
		return ats.Errorf(codeMethodNotAllowed, "Method %s is not allowed here; use %s.", r.Method, strings.Join(allow, ", "))
	}
}

// allowedMethods asks mux which methods a route (not a catch-all) serves
// at r's path.
func allowedMethods(mux *http.ServeMux, r *http.Request) []string {
	var allow []string
	for _, m := range fallbackMethods() {
		probe := &http.Request{Method: m, URL: r.URL, Host: r.Host, Header: http.Header{}}
		if _, pattern := mux.Handler(probe); pattern != "" && pattern != m+" "+apiPrefix {
			allow = append(allow, m)
			if m == http.MethodGet {
				allow = append(allow, http.MethodHead)
			}
		}
	}
	return allow
}
