package storetest

import (
	"testing"

	"attractor/internal/ats"
)

func testHistory(t *testing.T, open OpenFunc) {
	t.Run("AddFindNewestFirstPaged", func(t *testing.T) {
		e := setup(t, open)
		u := mustCreateUser(t, e, "ann@example.com", "Ann")
		var entries []*ats.HistoryEntry
		for i := range 3 {
			h := &ats.HistoryEntry{EntityKind: ats.EntityCandidate, EntityID: "c1", Action: "updated", ActorID: u.ID,
				At: at(i), Changes: []ats.Change{{Field: "last_name", From: hostile[i], To: hostile[i+3]}}}
			e.update(t, func(tx ats.Tx) error { return tx.AddHistory(h) })
			h.ActorName = "Ann"
			entries = append(entries, h)
		}
		system := &ats.HistoryEntry{EntityKind: ats.EntityCandidate, EntityID: "c1", Action: "created", ActorID: "system"}
		e.clock.Set(at(-5))
		e.update(t, func(tx ats.Tx) error {
			check(t, tx.AddHistory(system))
			return tx.AddHistory(&ats.HistoryEntry{EntityKind: ats.EntityJob, EntityID: "c1", Action: "other kind"})
		})
		e.view(t, func(tx ats.Tx) error {
			got, total, err := tx.FindHistory(ats.EntityCandidate, "c1", ats.Page{Limit: 3, Offset: 1})
			check(t, err)
			diff(t, "history", got, []*ats.HistoryEntry{entries[1], entries[0], system})
			diff(t, "total", total, 4)
			return nil
		})
	})
}
