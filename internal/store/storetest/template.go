package storetest

import (
	"testing"

	"attractor/internal/ats"
)

func testTemplate(t *testing.T, open OpenFunc) {
	t.Run("CreateFindDefault", func(t *testing.T) {
		e := setup(t, open)
		pt := &ats.ProcessTemplate{Name: "Standard", IsDefault: true, Phases: ats.DefaultPhases(), CreatedAt: at(1), UpdatedAt: at(2)}
		other := &ats.ProcessTemplate{Name: "Agency", Phases: ats.DefaultPhases()}
		e.update(t, func(tx ats.Tx) error {
			check(t, tx.CreateTemplate(pt))
			return tx.CreateTemplate(other)
		})
		e.view(t, func(tx ats.Tx) error {
			got, err := tx.FindTemplate(pt.ID)
			check(t, err)
			diff(t, "template", got, pt)
			got, err = tx.FindDefaultTemplate()
			check(t, err)
			diff(t, "default", got, pt)
			all, err := tx.FindTemplates()
			check(t, err)
			diff(t, "all by name", all, []*ats.ProcessTemplate{other, pt})
			return nil
		})
	})
	t.Run("ErrNotFound", func(t *testing.T) {
		e := setup(t, open)
		e.view(t, func(tx ats.Tx) error {
			_, err := tx.FindTemplate("missing")
			wantCode(t, err, ats.ENOTFOUND)
			_, err = tx.FindDefaultTemplate()
			wantCode(t, err, ats.ENOTFOUND)
			return nil
		})
		err := e.updateErr(func(tx ats.Tx) error { return tx.UpdateTemplate(&ats.ProcessTemplate{ID: "missing", Name: "x"}) })
		wantCode(t, err, ats.ENOTFOUND)
	})
	t.Run("ErrDuplicateNameAnyCase", func(t *testing.T) {
		e := setup(t, open)
		e.update(t, func(tx ats.Tx) error { return tx.CreateTemplate(&ats.ProcessTemplate{Name: "Standard"}) })
		err := e.updateErr(func(tx ats.Tx) error { return tx.CreateTemplate(&ats.ProcessTemplate{Name: "STANDARD"}) })
		wantCode(t, err, ats.ECONFLICT)
	})
	t.Run("ErrSecondDefaultUntilCleared", func(t *testing.T) {
		e := setup(t, open)
		e.update(t, func(tx ats.Tx) error { return tx.CreateTemplate(&ats.ProcessTemplate{Name: "A", IsDefault: true}) })
		b := &ats.ProcessTemplate{Name: "B", IsDefault: true}
		wantCode(t, e.updateErr(func(tx ats.Tx) error { return tx.CreateTemplate(b) }), ats.ECONFLICT)
		e.update(t, func(tx ats.Tx) error {
			check(t, tx.ClearDefaultTemplate())
			return tx.CreateTemplate(b)
		})
		e.view(t, func(tx ats.Tx) error {
			got, err := tx.FindDefaultTemplate()
			check(t, err)
			diff(t, "default", got.Name, "B")
			return nil
		})
	})
	t.Run("UpdateReplacesPhases", func(t *testing.T) {
		e := setup(t, open)
		pt := &ats.ProcessTemplate{Name: "Standard", Phases: ats.DefaultPhases()}
		e.update(t, func(tx ats.Tx) error { return tx.CreateTemplate(pt) })
		// Rename Screen, drop Interview, add Assessment before Offer.
		p := pt.Phases
		p[2].Name = "Phone screen"
		pt.Phases = []ats.Phase{p[0], p[1], p[2], {Name: "Assessment", Kind: ats.PhaseCustom, Enabled: true}, p[4]}
		pt.Name, pt.UpdatedAt = "Standard v2", at(30)
		e.update(t, func(tx ats.Tx) error { return tx.UpdateTemplate(pt) })
		e.view(t, func(tx ats.Tx) error {
			got, err := tx.FindTemplate(pt.ID)
			check(t, err)
			diff(t, "template", got, pt)
			return nil
		})
		if pt.Phases[3].ID == "" || pt.Phases[4].Position != 4 {
			t.Errorf("new phase not given an id or positions not renumbered: %+v", pt.Phases)
		}
	})
}
