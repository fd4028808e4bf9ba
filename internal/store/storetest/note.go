package storetest

import (
	"testing"

	"attractor/internal/ats"
)

func testNote(t *testing.T, open OpenFunc) {
	t.Run("CreateFindUpdateDelete", func(t *testing.T) {
		e := setup(t, open)
		u := mustCreateUser(t, e, "ann@example.com", "Ann")
		c := mustCreateCandidate(t, e, "Bo", "Li", "bo@example.com")
		n := &ats.Note{SubjectKind: ats.SubjectCandidate, SubjectID: c.ID, AuthorID: u.ID,
			Text: hostile[0] + "\n" + hostile[2] + hostile[3], CreatedAt: at(1), UpdatedAt: at(1)}
		e.update(t, func(tx ats.Tx) error { return tx.CreateNote(n) })
		n.AuthorName = "Ann"
		n.Text, n.UpdatedAt = hostile[1], at(9)
		e.update(t, func(tx ats.Tx) error { return tx.UpdateNote(n) })
		e.view(t, func(tx ats.Tx) error {
			got, err := tx.FindNote(n.ID)
			check(t, err)
			diff(t, "note", got, n)
			return nil
		})
		e.update(t, func(tx ats.Tx) error { return tx.DeleteNote(n.ID) })
		e.view(t, func(tx ats.Tx) error {
			_, err := tx.FindNote(n.ID)
			wantCode(t, err, ats.ENOTFOUND)
			return nil
		})
		wantOutbox(t, e, ats.OutboxDelete, []ref{{ats.EntityNote, n.ID, c.ID, ats.EntityCandidate}})
	})
	t.Run("ErrNotFound", func(t *testing.T) {
		e := setup(t, open)
		e.view(t, func(tx ats.Tx) error {
			_, err := tx.FindNote("missing")
			wantCode(t, err, ats.ENOTFOUND)
			return nil
		})
		wantCode(t, e.updateErr(func(tx ats.Tx) error { return tx.UpdateNote(&ats.Note{ID: "missing"}) }), ats.ENOTFOUND)
		wantCode(t, e.updateErr(func(tx ats.Tx) error { return tx.DeleteNote("missing") }), ats.ENOTFOUND)
	})
	t.Run("FindNotesNewestFirstPaged", func(t *testing.T) {
		e := setup(t, open)
		p := mustCreatePipeline(t, e)
		var notes []*ats.Note
		for i := range 4 {
			n := &ats.Note{SubjectKind: ats.SubjectApplication, SubjectID: p.app.ID, AuthorID: p.user.ID,
				Text: hostile[i], CreatedAt: at(i)}
			e.update(t, func(tx ats.Tx) error { return tx.CreateNote(n) })
			n.AuthorName = p.user.Name
			notes = append(notes, n)
		}
		e.update(t, func(tx ats.Tx) error {
			return tx.CreateNote(&ats.Note{SubjectKind: ats.SubjectCandidate, SubjectID: p.cand.ID, Text: "other subject"})
		})
		e.view(t, func(tx ats.Tx) error {
			got, total, err := tx.FindNotes(ats.SubjectApplication, p.app.ID, ats.Page{Limit: 2, Offset: 1})
			check(t, err)
			diff(t, "notes", got, []*ats.Note{notes[2], notes[1]})
			diff(t, "total", total, 4)
			return nil
		})
	})
}
