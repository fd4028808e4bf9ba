package store

import (
	"attractor/internal/ats"
	"attractor/internal/store/dbq"
)

// ref names one synced entity for the outbox: its kind, id and the owner a
// delete must still be able to name after the entity is gone.
type ref struct {
	kind   ats.EntityKind
	id     string
	parent string
}

// record upserts one outbox row per entity in the current transaction, so
// the change and the request to sync it commit or roll back together. Rows
// coalesce per entity: the op and parent are overwritten and the version
// bumped, and the sender reads the latest state when it sends.
func (t *tx) record(op ats.OutboxOp, refs ...ref) error {
	for _, r := range refs {
		err := t.q.UpsertOutbox(t.ctx, dbq.UpsertOutboxParams{
			EntityKind: string(r.kind), EntityID: r.id, Op: string(op), ParentID: r.parent, UpdatedAt: t.now,
		})
		if err != nil {
			return wrap(err, "record outbox")
		}
	}
	return nil
}

// FindOutbox lists the outbox rows, oldest change first (ties by kind and
// id, so the order is stable).
func (t *tx) FindOutbox() ([]ats.OutboxEntry, error) {
	rows, err := t.q.ListOutbox(t.ctx)
	if err != nil {
		return nil, wrap(err, "find outbox")
	}
	out := make([]ats.OutboxEntry, len(rows))
	for i, r := range rows {
		out[i] = ats.OutboxEntry{
			EntityKind: ats.EntityKind(r.EntityKind), EntityID: r.EntityID, Op: ats.OutboxOp(r.Op),
			Version: r.Version, ParentID: r.ParentID, UpdatedAt: r.UpdatedAt.UTC(),
		}
	}
	return out, nil
}

// dropApplication prepares an application's removal: it records outbox
// deletes for the application and everything synced that hangs off it
// (notes, feedback, its stage history) and deletes its notes, which have no
// foreign key. The caller then deletes the application row (or its
// candidate or job), and ON DELETE CASCADE removes feedback and phase
// entries.
func (t *tx) dropApplication(appID string) error {
	if err := t.dropNotesOf(ats.SubjectApplication, appID); err != nil {
		return err
	}
	feedback, err := t.q.ListFeedbackIDs(t.ctx, appID)
	if err != nil {
		return wrap(err, "find application feedback")
	}
	stages, err := t.q.CountPhaseEntries(t.ctx, appID)
	if err != nil {
		return wrap(err, "count phase entries")
	}
	refs := appendRefs(nil, ats.EntityFeedback, feedback, appID)
	if stages > 0 {
		refs = append(refs, ref{ats.EntityStage, appID, appID})
	}
	refs = append(refs, ref{ats.EntityApplication, appID, ""})
	return t.record(ats.OutboxDelete, refs...)
}

func appendRefs(refs []ref, kind ats.EntityKind, ids []string, parent string) []ref {
	for _, id := range ids {
		refs = append(refs, ref{kind, id, parent})
	}
	return refs
}
