package ats

import "context"

// TalentPoolUpdate renames, describes or re-shares a pool; nil fields stay.
type TalentPoolUpdate struct {
	Name         *string   `json:"name"`
	Description  *string   `json:"description"`
	Contributors *[]string `json:"contributor_ids"`
}

func findPool(tx Tx, id string) (*TalentPool, error) {
	if !validID(id) {
		return nil, notFound("Talent pool")
	}
	return tx.FindPool(id)
}

// canManagePool reports whether u may change a pool's members: its owner,
// its contributors and admins; for system pools, anyone who may edit
// candidates.
func canManagePool(u *User, p *TalentPool) bool {
	switch {
	case u.Role == RoleAdmin:
		return true
	case !Allowed(u.Role, TeamNone, ActionCreatePool):
		return false // demoted owners and contributors keep no write access
	case p.Kind == PoolSystem:
		return true
	}
	return p.OwnerID == u.ID || containsString(p.Contributors, u.ID)
}

// systemPoolNames are reserved: a user pool must not take the name a
// system pool will need, or it could stand in for it.
var systemPoolNames = []string{LinkedInPoolName}

func checkPoolName(p Problems, name string) {
	for _, n := range systemPoolNames {
		if foldKey(name) == foldKey(n) {
			p.Add("name", "The name "+n+" is reserved for a pool Attractor manages.")
		}
	}
}

func containsString(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func checkPoolText(p Problems, name, description string) {
	checkPoolName(p, name)
	checkText(p, "name", name, 100, true)
	checkText(p, "description", description, 2000, false)
}

// checkContributors makes sure every contributor exists and holds a role
// that may work with pools (admin, recruiter, hiring manager).
func checkContributors(tx Tx, ids []string, p Problems) ([]string, error) {
	out, seen := []string{}, map[string]bool{}
	if len(ids) > MaxTeam {
		p.Add("contributor_ids", "A pool has at most 100 contributors.")
		return out, nil
	}
	for _, id := range ids {
		if seen[id] {
			continue
		}
		seen[id] = true
		if !validID(id) {
			p.Add("contributor_ids", "Unknown user "+id+".")
			continue
		}
		u, err := tx.FindUserByID(id)
		if ErrorCode(err) == ENOTFOUND {
			p.Add("contributor_ids", "Unknown user "+id+".")
			continue
		} else if err != nil {
			return nil, err
		}
		if !u.Role.CanLeadTeams() {
			p.Add("contributor_ids", u.Name+" cannot contribute to talent pools with their role.")
		}
		out = append(out, id)
	}
	return out, nil
}

// CreatePool creates a talent pool owned by the acting user.
func (s *Service) CreatePool(ctx context.Context, in TalentPoolInput) (pool *TalentPool, err error) {
	u, err := require(ctx, ActionCreatePool)
	if err != nil {
		return nil, err
	}
	in.Name = cleanLine(in.Name)
	err = s.store.Update(ctx, func(tx Tx) error {
		p := Problems{}
		checkPoolText(p, in.Name, in.Description)
		contributors, err := checkContributors(tx, in.Contributors, p)
		if err != nil {
			return err
		}
		if err := p.Err(); err != nil {
			return err
		}
		pool = &TalentPool{ID: newID(), Name: in.Name, Description: in.Description, Kind: PoolUser,
			OwnerID: u.ID, Contributors: contributors, CreatedAt: tx.Now(), UpdatedAt: tx.Now()}
		return tx.CreatePool(pool)
	})
	return pool, err
}

// EnsureSystemPool returns the system pool with the given name, creating it
// on first use. System pools have no owner and cannot be renamed or deleted.
func (s *Service) EnsureSystemPool(ctx context.Context, name string) (pool *TalentPool, err error) {
	err = s.store.Update(ctx, func(tx Tx) error {
		pool, err = tx.FindPoolByName(name)
		if err == nil && pool.Kind != PoolSystem {
			return Errorf(ECONFLICT, "A user pool named %s exists; rename it so Attractor can create its system pool.", name)
		} else if ErrorCode(err) != ENOTFOUND {
			return err
		}
		pool = &TalentPool{ID: newID(), Name: name, Kind: PoolSystem, Contributors: []string{},
			CreatedAt: tx.Now(), UpdatedAt: tx.Now()}
		return tx.CreatePool(pool)
	})
	return pool, err
}

// FindPools lists talent pools.
func (s *Service) FindPools(ctx context.Context, p Page) (list []*TalentPool, total int, err error) {
	if _, err := require(ctx, ActionViewPool); err != nil {
		return nil, 0, err
	}
	err = s.store.View(ctx, func(tx Tx) error {
		list, total, err = tx.FindPools(p.Normalize())
		return err
	})
	return list, total, err
}

// FindPool returns one talent pool.
func (s *Service) FindPool(ctx context.Context, id string) (pool *TalentPool, err error) {
	if _, err := require(ctx, ActionViewPool); err != nil {
		return nil, err
	}
	err = s.store.View(ctx, func(tx Tx) error {
		pool, err = findPool(tx, id)
		return err
	})
	return pool, err
}

// FindPoolMembers lists the candidates in a pool.
func (s *Service) FindPoolMembers(ctx context.Context, id string, p Page) (list []*Candidate, total int, err error) {
	if _, err := require(ctx, ActionViewPool); err != nil {
		return nil, 0, err
	}
	err = s.store.View(ctx, func(tx Tx) error {
		pool, err := findPool(tx, id)
		if err != nil {
			return err
		}
		list, total, err = tx.FindPoolMembers(pool.ID, p.Normalize())
		return err
	})
	return list, total, err
}

// UpdatePool renames, describes or re-shares a pool: its owner or an admin;
// system pools cannot be changed.
func (s *Service) UpdatePool(ctx context.Context, id string, upd TalentPoolUpdate) (pool *TalentPool, err error) {
	u, err := actor(ctx)
	if err != nil {
		return nil, err
	}
	err = s.store.Update(ctx, func(tx Tx) error {
		if pool, err = ownedPool(tx, u, id); err != nil {
			return err
		}
		p := Problems{}
		setIf(&pool.Name, upd.Name)
		setIf(&pool.Description, upd.Description)
		pool.Name = cleanLine(pool.Name)
		checkPoolText(p, pool.Name, pool.Description)
		if upd.Contributors != nil {
			if pool.Contributors, err = checkContributors(tx, *upd.Contributors, p); err != nil {
				return err
			}
		}
		if err := p.Err(); err != nil {
			return err
		}
		pool.UpdatedAt = tx.Now()
		return tx.UpdatePool(pool)
	})
	return pool, err
}

// ownedPool loads a user pool that u owns (or any user pool for an admin).
func ownedPool(tx Tx, u *User, id string) (*TalentPool, error) {
	pool, err := findPool(tx, id)
	if err != nil {
		return nil, err
	}
	if pool.Kind == PoolSystem {
		return nil, Errorf(EFORBIDDEN, "The %s pool is managed by Attractor and cannot be renamed or deleted.", pool.Name)
	}
	if u.Role != RoleAdmin && (pool.OwnerID != u.ID || !Allowed(u.Role, TeamNone, ActionCreatePool)) {
		return nil, Errorf(EFORBIDDEN, "Only the owner of a talent pool or an admin can change it.")
	}
	return pool, nil
}

// DeletePool removes a user pool (its candidates stay).
func (s *Service) DeletePool(ctx context.Context, id string) error {
	u, err := actor(ctx)
	if err != nil {
		return err
	}
	return s.store.Update(ctx, func(tx Tx) error {
		pool, err := ownedPool(tx, u, id)
		if err != nil {
			return err
		}
		return tx.DeletePool(pool.ID)
	})
}

// AddPoolMember puts a candidate in a pool; adding twice is harmless.
func (s *Service) AddPoolMember(ctx context.Context, poolID, candidateRef string) error {
	return s.changeMembers(ctx, poolID, candidateRef, func(tx Tx, u *User, pool *TalentPool, c *Candidate) error {
		return tx.AddPoolMember(&PoolMember{PoolID: pool.ID, CandidateID: c.ID, AddedBy: u.ID, AddedAt: tx.Now()})
	})
}

// RemovePoolMember takes a candidate out of a pool.
func (s *Service) RemovePoolMember(ctx context.Context, poolID, candidateRef string) error {
	return s.changeMembers(ctx, poolID, candidateRef, func(tx Tx, u *User, pool *TalentPool, c *Candidate) error {
		return tx.RemovePoolMember(pool.ID, c.ID)
	})
}

func (s *Service) changeMembers(ctx context.Context, poolID, candidateRef string,
	change func(Tx, *User, *TalentPool, *Candidate) error) error {
	u, err := actor(ctx)
	if err != nil {
		return err
	}
	return s.store.Update(ctx, func(tx Tx) error {
		pool, err := findPool(tx, poolID)
		if err != nil {
			return err
		}
		if !canManagePool(u, pool) {
			return Errorf(EFORBIDDEN, "Only the owner, contributors and admins can change this pool's candidates.")
		}
		c, err := findCandidate(tx, candidateRef)
		if err != nil {
			return err
		}
		return change(tx, u, pool, c)
	})
}
