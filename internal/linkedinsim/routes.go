package linkedinsim

import (
	"net/http"

	"attractor/internal/linkedinsim/restli"
)

// routes is the simulator's whole URL surface. Paths are LinkedIn's
// (rsc-api.md §1.2, §3): the OAuth host's /oauth/v2/…, the API host's
// /v2/…; the simulator serves both on one address. /sim/v1 is the
// simulator-only control API.
func (s *Server) routes(mux *http.ServeMux) {
	// OAuth 2.0 client credentials (rsc-api.md §2.1, §3.1).
	mux.Handle("POST /oauth/v2/accessToken", http.HandlerFunc(s.handleAccessToken))

	// Provisioning API, parent token only (rsc-api.md §3.2).
	mux.Handle("POST /v2/provisionedApplications", s.authed(s.handleProvisionedAppCreate))
	mux.Handle("GET /v2/provisionedApplications", s.authed(s.handleProvisionedAppFind))
	mux.Handle("POST /v2/provisionedApplications/{key}", s.authed(s.handleProvisionedAppUpdate))

	// Control API (simulator only).
	mux.Handle("GET /sim/v1/world", s.control(s.handleWorldShow))

	// ATS integrations, configurations and their control API
	// (rsc-api.md §3.3, §3.4; integration*.go, handle_integrations.go,
	// handle_control_instances.go).
	mux.Handle("GET /v2/atsIntegrations", s.rsc(s.handleIntegrationsGet))
	mux.Handle("POST /v2/atsIntegrations", s.rsc(s.handleIntegrationsUpdate))
	mux.Handle("GET /v2/atsIntegrations/{key}/configurations", s.rsc(s.handleConfigurationsGet))
	mux.Handle("PUT /v2/atsIntegrations/{key}/configurations", s.rsc(s.handleConfigurationsPut))
	mux.Handle("DELETE /v2/atsIntegrations/{key}/configurations", s.rsc(s.handleConfigurationsDelete))
	mux.Handle("GET /sim/v1/ats-instances", s.control(s.handleATSInstanceIndex))
	mux.Handle("POST /sim/v1/ats-instances/{app}/enable", s.control(s.handleATSInstanceEnable))
	mux.Handle("POST /sim/v1/ats-instances/{app}/disable", s.control(s.handleATSInstanceDisable))
	mux.Handle("GET /sim/v1/ats-instances/{app}/resync-jobs", s.control(s.handleJobResyncIndex))
	mux.Handle("POST /sim/v1/ats-instances/{app}/resync-jobs", s.control(s.handleJobResyncCreate))
	// End of ATS integrations.

	// Control API: limits and fault injection (limits.go, faults.go,
	// handle_control_limits.go).
	mux.Handle("GET /sim/v1/limits", s.control(s.handleLimitsShow))
	mux.Handle("PUT /sim/v1/limits", s.control(s.handleLimitsUpdate))
	mux.Handle("GET /sim/v1/faults", s.control(s.handleFaultsShow))
	mux.Handle("PUT /sim/v1/faults", s.control(s.handleFaultsUpdate))
	// End of limits and fault injection.

	// Sync API: jobs, candidates, applications, their sub-resources and
	// ACLs (rsc-api.md §3.5–§3.12; sync_*.go, handle_sync_*.go). Each
	// collection's handler dispatches on the Rest.li method.
	mux.Handle("POST /v2/simpleJobPostings", s.rsc(s.handleJobPostingsCreate))
	// LinkedIn documents its 414 URL limits (restli/limit.go) only for the
	// job posting status endpoint (rsc-api.md §2.5), so only it is wrapped,
	// outermost, before authentication. They are not applied to the batch
	// ids[N] endpoints: a full 100-key ids[N] compound-key query is about
	// 9.5 KB, over the 4 KB query limit, so enforcing it there would refuse
	// batch sizes LinkedIn documents as allowed.
	mux.Handle("GET /v2/simpleJobPostingTasks", restli.LimitURL(s.rsc(s.handleJobTasksGet)))
	for _, verb := range []string{"GET", "PUT", "POST", "DELETE"} {
		mux.Handle(verb+" /v2/atsCandidates", s.rsc(s.handleCandidates))
	}
	for _, verb := range []string{"GET", "PUT", "DELETE"} {
		mux.Handle(verb+" /v2/atsApplications", s.rsc(s.handleApplications))
		mux.Handle(verb+" /v2/atsEntityAcls", s.rsc(s.handleACLs))
		mux.Handle(verb+" /v2/atsEntityAclAssignees", s.rsc(s.handleACLAssignees))
		mux.Handle(verb+" /v2/atsCandidates/{key}/notes",
			s.rsc(s.handleSubRecords(subResource{"atsCandidates", "atsCandidateId", KindCandidateNote})))
		for sub, kind := range map[string]SubKind{"notes": KindApplicationNote,
			"interviewFeedback": KindInterviewFeedback, "stages": KindStage} {
			mux.Handle(verb+" /v2/atsApplications/{key}/"+sub,
				s.rsc(s.handleSubRecords(subResource{"atsApplications", "atsJobApplicationId", kind})))
		}
	}
	// End of sync API.

	// Contract-level retrieval (CSA_API, rsc-api.md §3.14–§3.17) and the
	// control API of what Recruiter users and members do (csa*.go,
	// handle_csa_feed.go, handle_control_recruiter.go).
	mux.Handle("GET /v2/seats", s.rsc(s.handleSeats))
	mux.Handle("GET /v2/seatsV2", s.rsc(s.handleSeatsV2))
	mux.Handle("GET /v2/conversationEvents", s.rsc(s.handleConversationEvents))
	mux.Handle("GET /v2/mailStubs", s.rsc(s.handleMailStubs))
	mux.Handle("GET /v2/prospectNotes", s.rsc(s.handleProspectNotes))
	mux.Handle("POST /sim/v1/inmails", s.control(s.handleInMailCreate))
	mux.Handle("POST /sim/v1/inmails/{id}/replies", s.control(s.handleInMailReply))
	mux.Handle("POST /sim/v1/notes", s.control(s.handleNoteCreate))
	mux.Handle("PATCH /sim/v1/notes/{id}", s.control(s.handleNoteUpdate))
	mux.Handle("DELETE /sim/v1/notes/{id}", s.control(s.handleNoteDelete))
	mux.Handle("POST /sim/v1/projects", s.control(s.handleProjectCreate))
	mux.Handle("PUT /sim/v1/projects/{id}/members/{member}", s.control(s.handleProjectMemberPut))
	mux.Handle("POST /sim/v1/members/{id}/close", s.control(s.handleMemberClose))
	// End of contract-level retrieval.

	// 1-Click Export: the partner's finder and the control API's job search
	// and export (rsc-api.md §3.13, §6.3; export*.go, handle_export.go,
	// handle_control_jobs.go).
	mux.Handle("GET /v2/exportedCandidates", s.rsc(s.handleExportedCandidatesFind))
	mux.Handle("GET /sim/v1/jobs", s.control(s.handleExportJobIndex))
	mux.Handle("GET /sim/v1/in-ats", s.control(s.handleInATSView))
	mux.Handle("POST /sim/v1/exports", s.control(s.handleExportCreate))
	// End of 1-Click Export.

	// BEGIN sign-in and widgets. Member sign-in on LinkedIn's side, the
	// 3-legged OAuth flow and the onboarding widget with its JS loader
	// (rsc-api.md §2.1, §3.18, §5.1; signin.go, widget.go,
	// handle_signin.go, handle_widget.go). Forms are guarded against
	// cross-origin posts.
	guard := s.formGuard()
	mux.Handle("GET /login", s.page(s.handleSignInShow))
	mux.Handle("POST /checkpoint/lg/login-submit", guard.Handler(s.page(s.handleSignIn)))
	mux.Handle("POST /m/logout", guard.Handler(s.page(s.handleSignOut)))
	mux.Handle("GET /oauth/v2/authorization", s.page(s.handleAuthorizationShow))
	mux.Handle("POST /oauth/v2/authorization", guard.Handler(s.page(s.handleAuthorizationDecide)))
	mux.Handle("GET /v2/me", s.api(s.handleMe))
	mux.Handle("GET /xdoor/scripts/in.js", http.HandlerFunc(handleLoader))
	mux.Handle("GET /xdoor/static/{hash}/{name}", http.HandlerFunc(handleStatic))
	mux.Handle("GET "+widgetPath, s.page(s.handleWidgetShow))
	mux.Handle("POST "+widgetPath+"/signin", guard.Handler(s.page(s.handleWidgetSignIn)))
	mux.Handle("POST "+widgetPath+"/signout", guard.Handler(s.page(s.handleWidgetSignOut)))
	mux.Handle("POST "+widgetPath+"/request", guard.Handler(s.page(s.handleWidgetRequest)))
	// End of sign-in and widgets.
}
