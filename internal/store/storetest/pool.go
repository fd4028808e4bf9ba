package storetest

import (
	"testing"

	"attractor/internal/ats"
)

func testPool(t *testing.T, open OpenFunc) {
	t.Run("CreateFindUpdateDelete", func(t *testing.T) {
		e := setup(t, open)
		p := &ats.TalentPool{Name: "Zoë's Backend", Description: hostile[0], OwnerID: "u1",
			Contributors: []string{"u3", "u2"}, CreatedAt: at(1), UpdatedAt: at(2)}
		li := &ats.TalentPool{Name: ats.LinkedInPoolName, Kind: ats.PoolSystem}
		e.update(t, func(tx ats.Tx) error {
			check(t, tx.CreatePool(p))
			return tx.CreatePool(li)
		})
		if p.Kind != ats.PoolUser {
			t.Errorf("kind %q, want user", p.Kind)
		}
		e.view(t, func(tx ats.Tx) error {
			got, err := tx.FindPool(p.ID)
			check(t, err)
			diff(t, "by id", got, p)
			got, err = tx.FindPoolByName("ZOE'S BACKEND")
			check(t, err)
			diff(t, "by name", got, p)
			all, total, err := tx.FindPools(ats.Page{})
			check(t, err)
			diff(t, "all by name", all, []*ats.TalentPool{li, p})
			diff(t, "total", total, 2)
			return nil
		})
		p.Name, p.Contributors, p.UpdatedAt = "Backend", []string{"u2"}, at(9)
		e.update(t, func(tx ats.Tx) error { return tx.UpdatePool(p) })
		e.view(t, func(tx ats.Tx) error {
			got, err := tx.FindPool(p.ID)
			check(t, err)
			diff(t, "updated", got, p)
			return nil
		})
		e.update(t, func(tx ats.Tx) error { return tx.DeletePool(p.ID) })
		e.view(t, func(tx ats.Tx) error {
			_, err := tx.FindPool(p.ID)
			wantCode(t, err, ats.ENOTFOUND)
			return nil
		})
	})
	t.Run("ErrDuplicateNameAnyCase", func(t *testing.T) {
		e := setup(t, open)
		a := &ats.TalentPool{Name: "Backend"}
		b := &ats.TalentPool{Name: "Frontend"}
		e.update(t, func(tx ats.Tx) error {
			check(t, tx.CreatePool(a))
			return tx.CreatePool(b)
		})
		wantCode(t, e.updateErr(func(tx ats.Tx) error { return tx.CreatePool(&ats.TalentPool{Name: "BACKEND"}) }), ats.ECONFLICT)
		b.Name = "backend"
		wantCode(t, e.updateErr(func(tx ats.Tx) error { return tx.UpdatePool(b) }), ats.ECONFLICT)
	})
	t.Run("ErrNotFound", func(t *testing.T) {
		e := setup(t, open)
		e.view(t, func(tx ats.Tx) error {
			_, err := tx.FindPool("missing")
			wantCode(t, err, ats.ENOTFOUND)
			_, err = tx.FindPoolByName("missing")
			wantCode(t, err, ats.ENOTFOUND)
			_, _, err = tx.FindPoolMembers("missing", ats.Page{})
			wantCode(t, err, ats.ENOTFOUND)
			return nil
		})
		wantCode(t, e.updateErr(func(tx ats.Tx) error { return tx.UpdatePool(&ats.TalentPool{ID: "missing", Name: "x"}) }), ats.ENOTFOUND)
		wantCode(t, e.updateErr(func(tx ats.Tx) error { return tx.DeletePool("missing") }), ats.ENOTFOUND)
	})
	t.Run("Members", testPoolMembers(open))
}

func testPoolMembers(open OpenFunc) func(*testing.T) {
	return func(t *testing.T) {
		e := setup(t, open)
		ann := mustCreateCandidate(t, e, "Ann", "Lee", "ann@example.com")
		bo := mustCreateCandidate(t, e, "Bo", "Li", "bo@example.com")
		p := &ats.TalentPool{Name: "Backend"}
		e.update(t, func(tx ats.Tx) error {
			check(t, tx.CreatePool(p))
			check(t, tx.AddPoolMember(&ats.PoolMember{PoolID: p.ID, CandidateID: ann.ID, AddedAt: at(1)}))
			check(t, tx.AddPoolMember(&ats.PoolMember{PoolID: p.ID, CandidateID: bo.ID, AddedAt: at(2)}))
			return tx.AddPoolMember(&ats.PoolMember{PoolID: p.ID, CandidateID: ann.ID, AddedAt: at(3)}) // again: no error
		})
		e.view(t, func(tx ats.Tx) error {
			got, total, err := tx.FindPoolMembers(p.ID, ats.Page{})
			check(t, err)
			diff(t, "members", got, []*ats.Candidate{bo, ann})
			diff(t, "total", total, 2)
			pool, err := tx.FindPool(p.ID)
			check(t, err)
			diff(t, "member count", pool.MemberCount, 2)
			return nil
		})
		e.update(t, func(tx ats.Tx) error { return tx.RemovePoolMember(p.ID, bo.ID) })
		wantCode(t, e.updateErr(func(tx ats.Tx) error { return tx.RemovePoolMember(p.ID, bo.ID) }), ats.ENOTFOUND)
		err := e.updateErr(func(tx ats.Tx) error {
			return tx.AddPoolMember(&ats.PoolMember{PoolID: p.ID, CandidateID: "missing"})
		})
		wantCode(t, err, ats.ENOTFOUND)
	}
}
