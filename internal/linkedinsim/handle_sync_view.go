package linkedinsim

import (
	"net/http"

	"attractor/internal/linkedinsim/restli"
)

// handleInATSView serves GET /sim/v1/in-ats?seat=urn:li:seat:N&member=…:
// the In-ATS indicator of the member as that seat sees it (sync_view.go).
// member is a urn:li:person or a member id. Missing parameters are 400;
// an unknown seat or member 404.
func (s *Server) handleInATSView(w http.ResponseWriter, r *http.Request) error {
	q := restli.Query(r)
	if err := restli.RequireQuery(q, "seat", "member"); err != nil {
		return controlError(err)
	}
	view, err := s.svc.InATSView(r.Context(), q.Get("seat"), q.Get("member"))
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, view)
	return nil
}
