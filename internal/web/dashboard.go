package web

import "net/http"

// Stubs until this file's pages are written.

func (s *Server) handleDashboard(w http.ResponseWriter, r *http.Request) error {
	v := struct{ Base }{s.base(r, "Dashboard", "dashboard")}
	return s.ok(w, r, "dashboard", &v)
}
