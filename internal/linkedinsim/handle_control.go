package linkedinsim

import "net/http"

// handleWorldShow implements GET /sim/v1/world: the world summary.
func (s *Server) handleWorldShow(w http.ResponseWriter, r *http.Request) error {
	world, err := s.svc.World(r.Context())
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, world)
	return nil
}
