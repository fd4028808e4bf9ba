package api

import (
	"net/http"

	"attractor/internal/ats"
)

// handlePoolIndex lists talent pools.
func (s *Server) handlePoolIndex(w http.ResponseWriter, r *http.Request) error {
	page, err := pageQuery(r)
	if err != nil {
		return err
	}
	pools, total, err := s.svc.FindPools(r.Context(), page)
	return list(w, pools, total, page, err)
}

// handlePoolCreate creates a pool owned by the caller.
func (s *Server) handlePoolCreate(w http.ResponseWriter, r *http.Request) error {
	in, err := decode[ats.TalentPoolInput](r)
	if err != nil {
		return err
	}
	p, err := s.svc.CreatePool(r.Context(), in)
	return reply(w, http.StatusCreated, p, err)
}

// handlePoolShow returns one pool; its members are a separate, paged list.
func (s *Server) handlePoolShow(w http.ResponseWriter, r *http.Request) error {
	p, err := s.svc.FindPool(r.Context(), r.PathValue("id"))
	return reply(w, http.StatusOK, p, err)
}

// handlePoolUpdate renames, describes or re-shares a pool.
func (s *Server) handlePoolUpdate(w http.ResponseWriter, r *http.Request) error {
	upd, err := decode[ats.TalentPoolUpdate](r)
	if err != nil {
		return err
	}
	p, err := s.svc.UpdatePool(r.Context(), r.PathValue("id"), upd)
	return reply(w, http.StatusOK, p, err)
}

// handlePoolDelete removes a pool; its candidates stay.
func (s *Server) handlePoolDelete(w http.ResponseWriter, r *http.Request) error {
	return done(w, s.svc.DeletePool(r.Context(), r.PathValue("id")))
}

// handlePoolMemberIndex lists the candidates in a pool.
func (s *Server) handlePoolMemberIndex(w http.ResponseWriter, r *http.Request) error {
	page, err := pageQuery(r)
	if err != nil {
		return err
	}
	members, total, err := s.svc.FindPoolMembers(r.Context(), r.PathValue("id"), page)
	return list(w, members, total, page, err)
}

// handlePoolMemberPut puts a candidate in a pool. PUT because it is
// idempotent: adding twice is harmless.
func (s *Server) handlePoolMemberPut(w http.ResponseWriter, r *http.Request) error {
	return done(w, s.svc.AddPoolMember(r.Context(), r.PathValue("id"), r.PathValue("candidate_id")))
}

// handlePoolMemberDelete takes a candidate out of a pool.
func (s *Server) handlePoolMemberDelete(w http.ResponseWriter, r *http.Request) error {
	return done(w, s.svc.RemovePoolMember(r.Context(), r.PathValue("id"), r.PathValue("candidate_id")))
}
