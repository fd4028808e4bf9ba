package web

import "net/http"

// Routes installs every page on mux. The caller wraps mux in the session
// middleware (api.Server.Middleware does it for both the API and these
// pages); the JSON API lives under /api/v1/ on the same mux.
//
// Forms post to the resource they change and redirect (post/redirect/get);
// browsers cannot send PATCH or DELETE from a form, so changes are POSTs to
// the resource and deletions POSTs to …/delete.
func (s *Server) Routes(mux *http.ServeMux) {
	mux.HandleFunc("GET /static/{hash}/{name...}", s.handleAsset)
	mux.Handle("GET /signin", s.public(s.handleSigninForm))
	mux.Handle("POST /signin", s.public(s.handleSignin))
	mux.Handle("POST /signout", s.public(s.handleSignout))
	mux.Handle("GET /{$}", s.page(s.handleDashboard))
	// Anything else that is not the API is this UI's 404 page.
	mux.Handle("GET /", s.page(s.handleNotFound))

	// Jobs (job.go, job_form.go), their hiring team (job_team.go) and a
	// draft's process (job_process.go), and the pipeline with the moves
	// and additions made from it (pipeline.go, pipeline_action.go).
	mux.Handle("GET /jobs", s.page(s.handleJobIndex))
	mux.Handle("GET /jobs/new", s.page(s.handleJobNew))
	mux.Handle("POST /jobs", s.page(s.handleJobCreate))
	mux.Handle("GET /jobs/{id}", s.page(s.handleJobShow))
	mux.Handle("GET /jobs/{id}/edit", s.page(s.handleJobEdit))
	mux.Handle("POST /jobs/{id}", s.page(s.handleJobUpdate))
	mux.Handle("POST /jobs/{id}/activate", s.page(s.handleJobActivate))
	mux.Handle("POST /jobs/{id}/close", s.page(s.handleJobClose))
	mux.Handle("GET /jobs/{id}/team", s.page(s.handleTeamEdit))
	mux.Handle("POST /jobs/{id}/team", s.page(s.handleTeamUpdate))
	mux.Handle("GET /jobs/{id}/process", s.page(s.handleJobProcessEdit))
	mux.Handle("POST /jobs/{id}/process", s.page(s.handleJobProcessUpdate))
	mux.Handle("GET /jobs/{id}/pipeline", s.page(s.handlePipeline))
	mux.Handle("POST /jobs/{id}/applications", s.page(s.handlePipelineAdd))
	mux.Handle("POST /applications/{id}/move", s.page(s.handleApplicationMove))
	mux.Handle("POST /applications/{id}/reject", s.page(s.handleApplicationReject))
	mux.Handle("POST /applications/{id}/hire", s.page(s.handleApplicationHire))
	// END jobs

	// Candidates (candidate.go), applications (application.go) and talent
	// pools (pool.go).
	mux.Handle("GET /candidates", s.page(s.handleCandidateIndex))
	mux.Handle("GET /candidates/new", s.page(s.handleCandidateNew))
	mux.Handle("POST /candidates", s.page(s.handleCandidateCreate))
	mux.Handle("GET /candidates/{id}", s.page(s.handleCandidateShow))
	mux.Handle("GET /candidates/{id}/{tab}", s.page(s.handleCandidateTab))
	mux.Handle("POST /candidates/{id}", s.page(s.handleCandidateUpdate))
	mux.Handle("POST /candidates/{id}/notes", s.page(s.handleCandidateNoteCreate))
	mux.Handle("POST /candidates/{id}/applications", s.page(s.handleCandidateApply))
	mux.Handle("POST /candidates/{id}/pools", s.page(s.handleCandidatePoolAdd))
	mux.Handle("GET /applications/{id}", s.page(s.handleApplicationShow))
	mux.Handle("POST /applications/{id}/notes", s.page(s.handleApplicationNoteCreate))
	mux.Handle("POST /applications/{id}/feedback", s.page(s.handleFeedbackCreate))
	mux.Handle("GET /pools", s.page(s.handlePoolIndex))
	mux.Handle("POST /pools", s.page(s.handlePoolCreate))
	mux.Handle("GET /pools/{id}", s.page(s.handlePoolShow))
	mux.Handle("POST /pools/{id}", s.page(s.handlePoolUpdate))
	mux.Handle("POST /pools/{id}/members/{candidate}/delete", s.page(s.handlePoolMemberDelete))
	// END candidates

	// Admin settings (admin_user.go, admin_template.go, linkedin.go) and
	// the user's own settings (settings.go).
	mux.Handle("GET /admin", s.page(s.handleAdmin))
	mux.Handle("GET /admin/users", s.page(s.handleUserIndex))
	mux.Handle("POST /admin/users", s.page(s.handleUserCreate))
	mux.Handle("GET /admin/users/{id}", s.page(s.handleUserEdit))
	mux.Handle("POST /admin/users/{id}", s.page(s.handleUserUpdate))
	mux.Handle("GET /admin/templates", s.page(s.handleTemplateIndex))
	mux.Handle("POST /admin/templates", s.page(s.handleTemplateCreate))
	mux.Handle("GET /admin/templates/{id}", s.page(s.handleTemplateEdit))
	mux.Handle("POST /admin/templates/{id}", s.page(s.handleTemplateUpdate))
	mux.Handle("GET /admin/linkedin", s.page(s.handleLinkedIn))
	mux.Handle("POST /admin/linkedin/connect", s.page(s.handleLinkedInConnect))
	mux.Handle("POST /admin/linkedin/request", s.page(s.handleLinkedInRequest))
	mux.Handle("POST /admin/linkedin/notify", s.page(s.handleLinkedInNotify))
	mux.Handle("POST /admin/linkedin/availability", s.page(s.handleLinkedInAvailability))
	mux.Handle("POST /admin/linkedin/disconnect", s.page(s.handleLinkedInDisconnect))
	mux.Handle("POST /admin/linkedin/failures/retry", s.page(s.handleLinkedInRetry))
	mux.Handle("GET /settings", s.page(s.handleSettings))
	mux.Handle("GET /settings/connections", s.page(s.handleConnections))
	mux.Handle("POST /settings/connections/linkedin", s.page(s.handleConnectionLinkedIn))
	mux.Handle("POST /settings/connections/linkedin/delete", s.page(s.handleConnectionLinkedInDelete))
	// END admin
}

// handleNotFound is the 404 page for paths no route takes.
func (s *Server) handleNotFound(w http.ResponseWriter, r *http.Request) error {
	return errPageNotFound
}
