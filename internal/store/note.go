package store

import (
	"attractor/internal/ats"
	"attractor/internal/store/dbq"
)

// CreateNote stores a note about a candidate or an application and queues
// it for sync with its subject as parent.
func (t *tx) CreateNote(n *ats.Note) error {
	if err := newID(&n.ID); err != nil {
		return err
	}
	t.stampNew(&n.CreatedAt, &n.UpdatedAt)
	err := t.q.CreateNote(t.ctx, dbq.CreateNoteParams{
		ID: n.ID, SubjectKind: string(n.SubjectKind), SubjectID: n.SubjectID, AuthorID: n.AuthorID,
		Body: n.Text, CreatedAt: n.CreatedAt, UpdatedAt: n.UpdatedAt,
	})
	if err != nil {
		return wrap(err, "create note")
	}
	return t.record(ats.OutboxUpsert, ref{ats.EntityNote, n.ID, n.SubjectID, ats.EntityKind(n.SubjectKind)})
}

// FindNote returns the note with its author's name.
func (t *tx) FindNote(id string) (*ats.Note, error) {
	row, err := t.q.GetNote(t.ctx, id)
	if err != nil {
		return nil, lookup(err, "Note", "find note")
	}
	return noteFromRow(dbq.ListNotesRow(row)), nil
}

// FindNotes returns a page of a subject's notes, newest first, with author
// names, and the total count.
func (t *tx) FindNotes(kind ats.SubjectKind, subjectID string, p ats.Page) ([]*ats.Note, int, error) {
	limit, offset := page(p)
	rows, err := t.q.ListNotes(t.ctx, dbq.ListNotesParams{SubjectKind: string(kind), SubjectID: subjectID, Limit: limit, Offset: offset})
	if err != nil {
		return nil, 0, wrap(err, "find notes")
	}
	total, err := t.q.CountNotes(t.ctx, dbq.CountNotesParams{SubjectKind: string(kind), SubjectID: subjectID})
	if err != nil {
		return nil, 0, wrap(err, "count notes")
	}
	out := make([]*ats.Note, len(rows))
	for i, r := range rows {
		out[i] = noteFromRow(r)
	}
	return out, int(total), nil
}

// UpdateNote saves the note's text. Its subject is read back rather than
// trusted from n, so the outbox parent is always the real one.
func (t *tx) UpdateNote(n *ats.Note) error {
	old, err := t.FindNote(n.ID)
	if err != nil {
		return err
	}
	t.stamp(&n.UpdatedAt)
	rows, err := t.q.UpdateNote(t.ctx, dbq.UpdateNoteParams{ID: n.ID, Body: n.Text, UpdatedAt: n.UpdatedAt})
	if err := changed(rows, err, "Note", "update note"); err != nil {
		return err
	}
	return t.record(ats.OutboxUpsert, ref{ats.EntityNote, n.ID, old.SubjectID, ats.EntityKind(old.SubjectKind)})
}

// DeleteNote removes the note and queues its deletion.
func (t *tx) DeleteNote(id string) error {
	old, err := t.FindNote(id)
	if err != nil {
		return err
	}
	if err := t.record(ats.OutboxDelete, ref{ats.EntityNote, id, old.SubjectID, ats.EntityKind(old.SubjectKind)}); err != nil {
		return err
	}
	n, err := t.q.DeleteNote(t.ctx, id)
	return changed(n, err, "Note", "delete note")
}

// dropNotesOf records outbox deletes for every note about a subject, then
// deletes them; notes have no foreign key to their polymorphic subject.
func (t *tx) dropNotesOf(kind ats.SubjectKind, subjectID string) error {
	ids, err := t.q.ListNoteIDs(t.ctx, dbq.ListNoteIDsParams{SubjectKind: string(kind), SubjectID: subjectID})
	if err != nil {
		return wrap(err, "find notes")
	}
	if err := t.record(ats.OutboxDelete, appendRefs(nil, ats.EntityNote, ids, subjectID, ats.EntityKind(kind))...); err != nil {
		return err
	}
	return t.deleteNotesOf(kind, subjectID)
}

func (t *tx) deleteNotesOf(kind ats.SubjectKind, subjectID string) error {
	err := t.q.DeleteNotesOf(t.ctx, dbq.DeleteNotesOfParams{SubjectKind: string(kind), SubjectID: subjectID})
	return wrap(err, "delete notes")
}

func noteFromRow(r dbq.ListNotesRow) *ats.Note {
	return &ats.Note{
		ID: r.ID, SubjectKind: ats.SubjectKind(r.SubjectKind), SubjectID: r.SubjectID, AuthorID: r.AuthorID,
		AuthorName: r.AuthorName, Text: r.Body, CreatedAt: r.CreatedAt.UTC(), UpdatedAt: r.UpdatedAt.UTC(),
	}
}
