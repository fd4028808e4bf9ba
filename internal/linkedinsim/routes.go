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
}
