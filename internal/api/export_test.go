package api

import "net/http"

// Test hooks: the external tests (package api_test) reach these internals
// through this file, which is compiled only with the tests.

// RoutePatterns returns every pattern Routes registers from the route
// table, so a test can compare them with the OpenAPI document.
func (s *Server) RoutePatterns() []string {
	var out []string
	for _, rt := range s.routes() {
		out = append(out, rt.pattern)
	}
	return out
}

// Adapt exposes the JSON adapter, so a test can feed it failing handlers.
func (s *Server) Adapt(h func(http.ResponseWriter, *http.Request) error) http.Handler {
	return s.json(h)
}

// Decode exposes decode for the request body type T.
func Decode[T any](r *http.Request) (T, error) { return decode[T](r) }
