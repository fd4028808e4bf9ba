package store

import (
	"attractor/internal/ats"
	"attractor/internal/sqldb"
	"attractor/internal/store/dbq"
)

// CreatePool stores a talent pool with its contributors. Names are unique
// case- and accent-insensitively (ECONFLICT names the pool). An empty Kind
// means a user pool. Pools are not synced, so no outbox row is written.
func (t *tx) CreatePool(p *ats.TalentPool) error {
	if err := newID(&p.ID); err != nil {
		return err
	}
	if p.Kind == "" {
		p.Kind = ats.PoolUser
	}
	t.stampNew(&p.CreatedAt, &p.UpdatedAt)
	n, err := t.q.CreatePool(t.ctx, dbq.CreatePoolParams{
		ID: p.ID, Name: p.Name, NameKey: ats.FoldQuery(p.Name), Description: p.Description,
		Kind: string(p.Kind), OwnerID: p.OwnerID, CreatedAt: p.CreatedAt, UpdatedAt: p.UpdatedAt,
	})
	if err != nil {
		return wrap(err, "create pool")
	}
	if n == 0 {
		return conflict("A talent pool named %s already exists.", p.Name)
	}
	p.MemberCount = 0
	return t.saveContributors(p)
}

// FindPool returns the pool with its contributors and member count.
func (t *tx) FindPool(id string) (*ats.TalentPool, error) {
	row, err := t.q.GetPool(t.ctx, id)
	if err != nil {
		return nil, lookup(err, "Talent pool", "find pool")
	}
	return t.withContributors(dbq.ListPoolsRow(row))
}

// FindPoolByName returns the pool whose name matches case- and
// accent-insensitively (the system pool "LinkedIn" is found this way).
func (t *tx) FindPoolByName(name string) (*ats.TalentPool, error) {
	row, err := t.q.GetPoolByNameKey(t.ctx, ats.FoldQuery(name))
	if err != nil {
		return nil, lookup(err, "Talent pool", "find pool by name")
	}
	return t.withContributors(dbq.ListPoolsRow(row))
}

// FindPools returns a page of pools ordered by name, and the total count.
func (t *tx) FindPools(pg ats.Page) ([]*ats.TalentPool, int, error) {
	limit, offset := page(pg)
	rows, err := t.q.ListPools(t.ctx, dbq.ListPoolsParams{Limit: limit, Offset: offset})
	if err != nil {
		return nil, 0, wrap(err, "find pools")
	}
	total, err := t.q.CountPools(t.ctx)
	if err != nil {
		return nil, 0, wrap(err, "count pools")
	}
	out := make([]*ats.TalentPool, len(rows))
	for i, r := range rows {
		if out[i], err = t.withContributors(r); err != nil {
			return nil, 0, err
		}
	}
	return out, int(total), nil
}

// UpdatePool saves name, description, kind, owner and contributors.
func (t *tx) UpdatePool(p *ats.TalentPool) error {
	key := ats.FoldQuery(p.Name)
	other, err := t.q.GetPoolByNameKey(t.ctx, key)
	if clash, err := takenBy(other.ID, err, p.ID); err != nil {
		return wrap(err, "check pool name")
	} else if clash {
		return conflict("A talent pool named %s already exists.", p.Name)
	}
	t.stamp(&p.UpdatedAt)
	n, err := t.q.UpdatePool(t.ctx, dbq.UpdatePoolParams{
		ID: p.ID, Name: p.Name, NameKey: key, Description: p.Description, Kind: string(p.Kind),
		OwnerID: p.OwnerID, UpdatedAt: p.UpdatedAt,
	})
	if err := changed(n, err, "Talent pool", "update pool"); err != nil {
		return err
	}
	if err := t.q.DeleteContributors(t.ctx, p.ID); err != nil {
		return wrap(err, "clear contributors")
	}
	return t.saveContributors(p)
}

// DeletePool removes the pool; its memberships go by ON DELETE CASCADE and
// the candidates stay.
func (t *tx) DeletePool(id string) error {
	n, err := t.q.DeletePool(t.ctx, id)
	return changed(n, err, "Talent pool", "delete pool")
}

// AddPoolMember adds the candidate to the pool; adding twice keeps the
// first addition and is not an error.
func (t *tx) AddPoolMember(m *ats.PoolMember) error {
	t.stamp(&m.AddedAt)
	err := t.q.AddPoolMember(t.ctx, dbq.AddPoolMemberParams{
		PoolID: m.PoolID, CandidateID: m.CandidateID, AddedBy: m.AddedBy, AddedAt: m.AddedAt,
	})
	if sqldb.IsForeignKeyViolation(err) {
		return notFound("Talent pool or candidate")
	}
	return wrap(err, "add pool member")
}

// RemovePoolMember takes the candidate out of the pool; ENOTFOUND if the
// candidate was not a member.
func (t *tx) RemovePoolMember(poolID, candidateID string) error {
	n, err := t.q.RemovePoolMember(t.ctx, dbq.RemovePoolMemberParams{PoolID: poolID, CandidateID: candidateID})
	return changed(n, err, "Pool member", "remove pool member")
}

// FindPoolMembers returns a page of the pool's candidates, most recently
// added first, and the member count.
func (t *tx) FindPoolMembers(poolID string, pg ats.Page) ([]*ats.Candidate, int, error) {
	if _, err := t.q.GetPool(t.ctx, poolID); err != nil {
		return nil, 0, lookup(err, "Talent pool", "find pool")
	}
	limit, offset := page(pg)
	rows, err := t.q.ListPoolMembers(t.ctx, dbq.ListPoolMembersParams{PoolID: poolID, Limit: limit, Offset: offset})
	if err != nil {
		return nil, 0, wrap(err, "find pool members")
	}
	total, err := t.q.CountPoolMembers(t.ctx, poolID)
	if err != nil {
		return nil, 0, wrap(err, "count pool members")
	}
	out, err := candidatesFromRows(rows)
	return out, int(total), err
}

// saveContributors stores p's contributors in the order given (a user
// listed twice is kept once).
func (t *tx) saveContributors(p *ats.TalentPool) error {
	p.Contributors = emptyIfNil(p.Contributors)
	for i, id := range p.Contributors {
		err := t.q.InsertContributor(t.ctx, dbq.InsertContributorParams{PoolID: p.ID, UserID: id, Position: int64(i)})
		if err != nil {
			return wrap(err, "add contributor")
		}
	}
	return nil
}

func (t *tx) withContributors(r dbq.ListPoolsRow) (*ats.TalentPool, error) {
	ids, err := t.q.ListContributors(t.ctx, r.ID)
	if err != nil {
		return nil, wrap(err, "find contributors")
	}
	return &ats.TalentPool{
		ID: r.ID, Name: r.Name, Description: r.Description, Kind: ats.PoolKind(r.Kind), OwnerID: r.OwnerID,
		Contributors: ids, MemberCount: int(r.MemberCount), CreatedAt: r.CreatedAt.UTC(), UpdatedAt: r.UpdatedAt.UTC(),
	}, nil
}
