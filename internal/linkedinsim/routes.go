package linkedinsim

import "net/http"

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
	mux.Handle("GET /v2/simpleJobPostingTasks", s.rsc(s.handleJobTasksGet))
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
}
