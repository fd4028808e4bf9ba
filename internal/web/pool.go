package web

import (
	"net/http"
	"net/url"

	"attractor/internal/ats"
)

// poolPageSize is how many pools, or members of a pool, a page shows.
const poolPageSize = 25

// poolIndexView lists the talent pools with the form that creates one.
type poolIndexView struct {
	Base
	Pools      []*ats.TalentPool
	Pager      Pager
	Form       Form
	CanCreate  bool
	poolPicker // who may be made a contributor
}

// handlePoolIndex lists talent pools.
func (s *Server) handlePoolIndex(w http.ResponseWriter, r *http.Request) error {
	f := searchedPoolForm(r)
	if f.Values == nil {
		f.Values = url.Values{}
	}
	v, err := s.poolIndexPage(r, f)
	if err != nil {
		return err
	}
	return s.ok(w, r, "pools", v)
}

// poolIndexPage loads the list, and the contributor choices when the user
// may create pools.
func (s *Server) poolIndexPage(r *http.Request, f Form) (*poolIndexView, error) {
	v := &poolIndexView{Base: s.base(r, "Talent pools", "pools"), Form: f}
	p, err := pageOf(r, poolPageSize)
	if err != nil {
		return nil, err
	}
	list, total, p, err := findPage(p, func(p ats.Page) ([]*ats.TalentPool, int, error) {
		return s.svc.FindPools(r.Context(), p)
	})
	if err != nil {
		return nil, err
	}
	v.Pools, v.Pager = list, newPager(r, p, len(list), total)
	v.CanCreate = ats.Allowed(v.User.Role, ats.TeamNone, ats.ActionCreatePool)
	if v.CanCreate {
		v.poolPicker, err = s.poolPicker(r, v.User.ID, f.Values["contributor_ids"], "/pools")
	}
	return v, err
}

// handlePoolCreate creates a pool owned by the user and opens it.
func (s *Server) handlePoolCreate(w http.ResponseWriter, r *http.Request) error {
	f, err := newForm(r)
	if err != nil {
		return err
	}
	pool, err := s.svc.CreatePool(r.Context(), ats.TalentPoolInput{Name: f.Get("name"),
		Description: f.Values.Get("description"), Contributors: f.Values["contributor_ids"]})
	if f.Failed(err) {
		v, err := s.poolIndexPage(r, f)
		if err != nil {
			return err
		}
		s.render(w, r, f.Status(), "pools", v)
		return nil
	} else if err != nil {
		return err
	}
	return s.redirect(w, r, "/pools/"+pool.ID, "Talent pool created.")
}

// poolView is one pool: its members and, for its owner or an admin, the
// form that renames, describes and shares it.
type poolView struct {
	Base
	Pool    *ats.TalentPool
	Owner   string
	Members []*ats.Candidate
	Pager   Pager
	Form    Form
	poolPicker
	CanEdit   bool
	CanManage bool
}

// IsSystem reports whether Attractor manages the pool.
func (v *poolView) IsSystem() bool { return v.Pool.Kind == ats.PoolSystem }

// ContributorNames are the names of the pool's contributors; one whose
// account is gone or disabled is shown as a former user.
func (v *poolView) ContributorNames() []string {
	var out []string
	for _, id := range v.Pool.Contributors {
		name := "a former user"
		for _, u := range v.Users {
			if u.ID == id {
				name = u.Name
			}
		}
		out = append(out, name)
	}
	return out
}

// handlePoolShow shows a pool and its members.
func (s *Server) handlePoolShow(w http.ResponseWriter, r *http.Request) error {
	v, err := s.poolPage(r, searchedPoolForm(r))
	if err != nil {
		return err
	}
	return s.ok(w, r, "pool", v)
}

// poolPage loads a pool, a page of its members and the edit form's
// choices; a Form without values shows the stored ones.
func (s *Server) poolPage(r *http.Request, f Form) (*poolView, error) {
	ctx := r.Context()
	pool, err := s.svc.FindPool(ctx, r.PathValue("id"))
	if err != nil {
		return nil, err
	}
	v := &poolView{Base: s.base(r, pool.Name, "pools"), Pool: pool, Form: f}
	p, err := pageOf(r, poolPageSize)
	if err != nil {
		return nil, err
	}
	members, total, p, err := findPage(p, func(p ats.Page) ([]*ats.Candidate, int, error) {
		return s.svc.FindPoolMembers(ctx, pool.ID, p)
	})
	if err != nil {
		return nil, err
	}
	v.Members, v.Pager = members, newPager(r, p, len(members), total)
	v.CanManage = candCanManagePool(v.User, pool)
	v.CanEdit = pool.Kind != ats.PoolSystem && (v.User.Role == ats.RoleAdmin ||
		(pool.OwnerID == v.User.ID && ats.Allowed(v.User.Role, ats.TeamNone, ats.ActionCreatePool)))
	v.Owner = s.poolOwnerName(r, pool)
	if v.Form.Values == nil {
		v.Form.Values = url.Values{"name": {pool.Name}, "description": {pool.Description},
			"contributor_ids": pool.Contributors}
	}
	// The stored contributors are listed too, for the names in the
	// heading, even when a failed submit unticked them.
	chosen := append(append([]string{}, v.Form.Values["contributor_ids"]...), pool.Contributors...)
	if v.poolPicker, err = s.poolPicker(r, pool.OwnerID, chosen, "/pools/"+pool.ID); err != nil {
		return nil, err
	}
	return v, nil
}

// poolOwnerName is who owns the pool, as the page shows it.
func (s *Server) poolOwnerName(r *http.Request, pool *ats.TalentPool) string {
	if pool.Kind == ats.PoolSystem {
		return "Attractor"
	}
	if u, err := s.svc.FindUserByID(r.Context(), pool.OwnerID); err == nil {
		return u.Name
	}
	return "a former user"
}

// handlePoolUpdate saves the pool's name, description and contributors.
func (s *Server) handlePoolUpdate(w http.ResponseWriter, r *http.Request) error {
	f, err := newForm(r)
	if err != nil {
		return err
	}
	name, desc, contributors := f.Get("name"), f.Values.Get("description"), f.Values["contributor_ids"]
	if contributors == nil {
		contributors = []string{}
	}
	pool, err := s.svc.UpdatePool(r.Context(), r.PathValue("id"),
		ats.TalentPoolUpdate{Name: &name, Description: &desc, Contributors: &contributors})
	if f.Failed(err) {
		v, err := s.poolPage(r, f)
		if err != nil {
			return err
		}
		s.render(w, r, f.Status(), "pool", v)
		return nil
	} else if err != nil {
		return err
	}
	return s.redirect(w, r, "/pools/"+pool.ID, "Talent pool saved.")
}

// handlePoolMemberDelete takes a candidate out of the pool.
func (s *Server) handlePoolMemberDelete(w http.ResponseWriter, r *http.Request) error {
	id := r.PathValue("id")
	if err := s.svc.RemovePoolMember(r.Context(), id, r.PathValue("candidate")); err != nil {
		return err
	}
	return s.redirect(w, r, "/pools/"+id, "Removed from the talent pool.")
}
