package store

import (
	"time"

	"attractor/internal/ats"
	"attractor/internal/store/dbq"
)

// ref names one synced entity for the outbox: its kind, id and the owner a
// delete must still be able to name after the entity is gone, with the
// owner's kind (a note's subject may be a candidate or an application).
type ref struct {
	kind       ats.EntityKind
	id         string
	parent     string
	parentKind ats.EntityKind
}

// record upserts one outbox row per entity in the current transaction, so
// the change and the request to sync it commit or roll back together. Rows
// coalesce per entity: the op and parent are overwritten, the version
// bumped and the retry schedule reset (due now), and the sender reads the
// latest state when it sends.
func (t *tx) record(op ats.OutboxOp, refs ...ref) error {
	for _, r := range refs {
		err := t.q.UpsertOutbox(t.ctx, dbq.UpsertOutboxParams{
			EntityKind: string(r.kind), EntityID: r.id, Op: string(op), ParentID: r.parent,
			ParentKind: string(r.parentKind), UpdatedAt: t.now,
		})
		if err != nil {
			return wrap(err, "record outbox")
		}
		t.queued = true
	}
	return nil
}

// queuedRows finishes a set-based outbox upsert that wrote n rows.
func (t *tx) queuedRows(n int64, err error, what string) error {
	if err != nil {
		return wrap(err, what)
	}
	if n > 0 {
		t.queued = true
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
	return outboxFromRows(rows), nil
}

// FindDueOutbox lists up to limit rows of kind due at or before due, oldest
// change first.
func (t *tx) FindDueOutbox(kind ats.EntityKind, due time.Time, limit int) ([]ats.OutboxEntry, error) {
	rows, err := t.q.ListDueOutbox(t.ctx, dbq.ListDueOutboxParams{
		EntityKind: string(kind), Due: nullTime(&due), Lim: int32(limit),
	})
	if err != nil {
		return nil, wrap(err, "find due outbox")
	}
	return outboxFromRows(rows), nil
}

// NextOutboxDue returns the earliest next attempt of any row, nil when the
// outbox is empty.
func (t *tx) NextOutboxDue() (*time.Time, error) {
	rows, err := t.q.NextOutboxDue(t.ctx)
	if err != nil {
		return nil, wrap(err, "next outbox due")
	}
	if len(rows) == 0 {
		return nil, nil
	}
	return timePtr(rows[0]), nil
}

// CountOutbox counts the queued rows of every kind and op.
func (t *tx) CountOutbox() (int, error) {
	n, err := t.q.CountOutbox(t.ctx)
	if err != nil {
		return 0, wrap(err, "count outbox")
	}
	return int(n), nil
}

// AckOutbox removes the row if it is still at version (a change made while
// it was being sent keeps it queued) and clears any failure listed for the
// entity, since this send succeeded.
func (t *tx) AckOutbox(kind ats.EntityKind, id string, version int64) error {
	if err := t.deleteOutboxVersion(kind, id, version); err != nil {
		return err
	}
	err := t.q.DeleteSyncFailure(t.ctx, dbq.DeleteSyncFailureParams{EntityKind: string(kind), EntityID: id})
	return wrap(err, "clear sync failure")
}

func (t *tx) deleteOutboxVersion(kind ats.EntityKind, id string, version int64) error {
	_, err := t.q.DeleteOutboxVersion(t.ctx, dbq.DeleteOutboxVersionParams{
		EntityKind: string(kind), EntityID: id, Version: version,
	})
	return wrap(err, "delete outbox row")
}

// DeferOutbox schedules a retry of the row at version; a newer version
// (not yet tried) is left due as it is.
func (t *tx) DeferOutbox(kind ats.EntityKind, id string, version int64, notBefore time.Time) error {
	_, err := t.q.DeferOutbox(t.ctx, dbq.DeferOutboxParams{
		EntityKind: string(kind), EntityID: id, Version: version, NotBefore: nullTime(&notBefore),
	})
	return wrap(err, "defer outbox row")
}

// FailOutbox moves the row at e.Version into the failures list. The failure
// is listed even when a newer version is queued: that send did fail, and the
// newer one clears it when it succeeds. Attempts counts this failed send
// too (e.Attempts + 1).
func (t *tx) FailOutbox(e ats.OutboxEntry, status int, message string) error {
	if err := t.deleteOutboxVersion(e.EntityKind, e.EntityID, e.Version); err != nil {
		return err
	}
	err := t.q.UpsertSyncFailure(t.ctx, dbq.UpsertSyncFailureParams{
		EntityKind: string(e.EntityKind), EntityID: e.EntityID, ParentKind: string(e.ParentKind),
		ParentID: e.ParentID, Op: string(e.Op), Status: int64(status), Message: message,
		Attempts: int64(e.Attempts) + 1, FailedAt: t.now,
	})
	return wrap(err, "record sync failure")
}

// ClearOutboxUpserts drops queued upserts before a historical sync sends
// every entity's latest state; deletes stay queued.
func (t *tx) ClearOutboxUpserts() error {
	return wrap(t.q.DeleteOutboxUpserts(t.ctx), "clear outbox upserts")
}

// QueueSync records an upsert for each entity, as a write to it would.
func (t *tx) QueueSync(refs ...ats.OutboxEntry) error {
	for _, e := range refs {
		if err := t.record(ats.OutboxUpsert, ref{e.EntityKind, e.EntityID, e.ParentID, e.ParentKind}); err != nil {
			return err
		}
	}
	return nil
}

// QueueCandidateSync queues a candidate with everything synced that hangs
// off them: their notes, and each application with its stage history,
// notes and feedback. It runs when an application leaves Prospect, so the
// candidate and what was withheld are sent. This is the incremental path,
// so a few queries per application are fine.
func (t *tx) QueueCandidateSync(candidateID string) error {
	refs := []ref{{ats.EntityCandidate, candidateID, "", ""}}
	notes, err := t.q.ListNoteIDs(t.ctx, dbq.ListNoteIDsParams{SubjectKind: string(ats.SubjectCandidate), SubjectID: candidateID})
	if err != nil {
		return wrap(err, "find candidate notes")
	}
	refs = appendRefs(refs, ats.EntityNote, notes, candidateID, ats.EntityCandidate)
	apps, err := t.q.ListApplicationIDsByCandidate(t.ctx, candidateID)
	if err != nil {
		return wrap(err, "find candidate applications")
	}
	for _, appID := range apps {
		if refs, err = t.applicationRefs(refs, appID); err != nil {
			return err
		}
	}
	return t.record(ats.OutboxUpsert, refs...)
}

// applicationRefs appends the refs of an application and of its stage
// history (when it has one), notes and feedback.
func (t *tx) applicationRefs(refs []ref, appID string) ([]ref, error) {
	refs = append(refs, ref{ats.EntityApplication, appID, "", ""})
	stages, err := t.q.CountPhaseEntries(t.ctx, appID)
	if err != nil {
		return nil, wrap(err, "count phase entries")
	}
	if stages > 0 {
		refs = append(refs, ref{ats.EntityStage, appID, appID, ats.EntityApplication})
	}
	notes, err := t.q.ListNoteIDs(t.ctx, dbq.ListNoteIDsParams{SubjectKind: string(ats.SubjectApplication), SubjectID: appID})
	if err != nil {
		return nil, wrap(err, "find application notes")
	}
	refs = appendRefs(refs, ats.EntityNote, notes, appID, ats.EntityApplication)
	feedback, err := t.q.ListFeedbackIDs(t.ctx, appID)
	if err != nil {
		return nil, wrap(err, "find application feedback")
	}
	return appendRefs(refs, ats.EntityFeedback, feedback, appID, ats.EntityApplication), nil
}

// QueueTeamsOf queues the ACL (kind team, keyed by job id) of every job
// whose hiring team includes the user, after the user's LinkedIn identity
// changed.
func (t *tx) QueueTeamsOf(userID string) error {
	jobs, err := t.q.ListTeamJobIDsOfUser(t.ctx, userID)
	if err != nil {
		return wrap(err, "find teams of user")
	}
	return t.record(ats.OutboxUpsert, appendRefs(nil, ats.EntityTeam, jobs, "", "")...)
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
	refs := appendRefs(nil, ats.EntityFeedback, feedback, appID, ats.EntityApplication)
	if stages > 0 {
		refs = append(refs, ref{ats.EntityStage, appID, appID, ats.EntityApplication})
	}
	refs = append(refs, ref{ats.EntityApplication, appID, "", ""})
	return t.record(ats.OutboxDelete, refs...)
}

func appendRefs(refs []ref, kind ats.EntityKind, ids []string, parent string, parentKind ats.EntityKind) []ref {
	for _, id := range ids {
		refs = append(refs, ref{kind, id, parent, parentKind})
	}
	return refs
}

func outboxFromRows(rows []dbq.Outbox) []ats.OutboxEntry {
	out := make([]ats.OutboxEntry, len(rows))
	for i, r := range rows {
		notBefore := r.UpdatedAt.UTC()
		if r.NotBefore.Valid {
			notBefore = r.NotBefore.Time.UTC()
		}
		out[i] = ats.OutboxEntry{
			EntityKind: ats.EntityKind(r.EntityKind), EntityID: r.EntityID, Op: ats.OutboxOp(r.Op),
			Version: r.Version, ParentID: r.ParentID, ParentKind: ats.EntityKind(r.ParentKind),
			UpdatedAt: r.UpdatedAt.UTC(), Attempts: int(r.Attempts), NotBefore: notBefore,
		}
	}
	return out
}
