package web

import (
	"net/http"
	"net/url"

	"attractor/internal/ats"
)

// notesView is what the "notes-panel" partial renders, so a candidate's
// notes and an application's notes look and behave the same: the form
// that adds a note (posting to Action) and one page of notes.
type notesView struct {
	Action string
	FormID string
	CanAdd bool
	Form   Form
	Notes  []*ats.Note
	Pager  Pager
}

// NotesPanel is the candidate's Notes tab; only those who may edit the
// candidate may add notes.
func (v *candidateView) NotesPanel() notesView {
	return notesView{Action: "/candidates/" + v.Candidate.ID + "/notes", FormID: "note-form",
		CanAdd: v.CanEdit, Form: v.NoteForm, Notes: v.Notes, Pager: v.Pager}
}

// NotesPanel is the application's notes section.
func (v *applicationView) NotesPanel() notesView {
	return notesView{Action: "/applications/" + v.App.ID + "/notes", FormID: "app-note-form",
		CanAdd: v.CanNote(), Form: v.NoteForm, Notes: v.Notes, Pager: v.NotesPager}
}

// pagerAt is newPager for a list shown on the page at path. A page
// re-rendered after a failed form post answers on the form's address
// (…/notes, …/feedback), which is no page to link to; the pager's links
// must lead to the page itself, keeping the request's query.
func pagerAt(r *http.Request, path string, p ats.Page, shown, total int) Pager {
	at := r.WithContext(r.Context())
	at.URL = &url.URL{Path: path, RawQuery: r.URL.RawQuery}
	return newPager(at, p, shown, total)
}
