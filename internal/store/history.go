package store

import (
	"attractor/internal/ats"
	"attractor/internal/store/dbq"
)

// AddHistory appends an audit entry. History is never updated or deleted,
// and outlives the entity it describes.
func (t *tx) AddHistory(h *ats.HistoryEntry) error {
	if err := newID(&h.ID); err != nil {
		return err
	}
	t.stamp(&h.At)
	h.Changes = emptyIfNil(h.Changes)
	changes, err := encodeJSON(h.Changes)
	if err != nil {
		return err
	}
	err = t.q.InsertHistory(t.ctx, dbq.InsertHistoryParams{
		ID: h.ID, EntityKind: string(h.EntityKind), EntityID: h.EntityID, Action: h.Action,
		ActorID: h.ActorID, At: h.At, Changes: changes,
	})
	return wrap(err, "add history")
}

// FindHistory returns a page of an entity's history, newest first, with
// actor names, and the total count.
func (t *tx) FindHistory(kind ats.EntityKind, id string, p ats.Page) ([]*ats.HistoryEntry, int, error) {
	limit, offset := page(p)
	rows, err := t.q.ListHistory(t.ctx, dbq.ListHistoryParams{EntityKind: string(kind), EntityID: id, Limit: limit, Offset: offset})
	if err != nil {
		return nil, 0, wrap(err, "find history")
	}
	total, err := t.q.CountHistory(t.ctx, dbq.CountHistoryParams{EntityKind: string(kind), EntityID: id})
	if err != nil {
		return nil, 0, wrap(err, "count history")
	}
	out := make([]*ats.HistoryEntry, len(rows))
	for i, r := range rows {
		changes, err := decodeJSON[ats.Change](r.Changes)
		if err != nil {
			return nil, 0, err
		}
		out[i] = &ats.HistoryEntry{
			ID: r.ID, EntityKind: ats.EntityKind(r.EntityKind), EntityID: r.EntityID, Action: r.Action,
			ActorID: r.ActorID, ActorName: r.ActorName, At: r.At.UTC(), Changes: changes,
		}
	}
	return out, int(total), nil
}
