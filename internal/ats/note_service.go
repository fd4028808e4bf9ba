package ats

import "context"

var errReadOnlyNotes = Errorf(EFORBIDDEN, "Read-only users cannot change notes.")

func checkNote(text string) error {
	p := Problems{}
	checkText(p, "text", text, MaxNote, true)
	return p.Err()
}

func (s *Service) addNote(tx Tx, u *User, kind SubjectKind, subjectID, text string) (*Note, error) {
	n := &Note{ID: newID(), SubjectKind: kind, SubjectID: subjectID, AuthorID: u.ID, AuthorName: u.Name,
		Text: text, CreatedAt: tx.Now(), UpdatedAt: tx.Now()}
	return n, tx.CreateNote(n)
}

// CreateCandidateNote writes a note about a candidate.
func (s *Service) CreateCandidateNote(ctx context.Context, ref, text string) (n *Note, err error) {
	u, err := require(ctx, ActionEditCandidate)
	if err != nil {
		return nil, err
	}
	if err := checkNote(text); err != nil {
		return nil, err
	}
	err = s.store.Update(ctx, func(tx Tx) error {
		c, err := findCandidate(tx, ref)
		if err != nil {
			return err
		}
		n, err = s.addNote(tx, u, SubjectCandidate, c.ID, text)
		return err
	})
	return n, err
}

// FindCandidateNotes lists the notes about a candidate, newest first.
func (s *Service) FindCandidateNotes(ctx context.Context, ref string, p Page) (list []*Note, total int, err error) {
	err = s.viewCandidateTx(ctx, ref, func(tx Tx, _ *User, c *Candidate) (err error) {
		list, total, err = tx.FindNotes(SubjectCandidate, c.ID, p.Normalize())
		return err
	})
	return list, total, err
}

// CreateApplicationNote writes a note on an application; recruiters and
// hiring managers on the team.
func (s *Service) CreateApplicationNote(ctx context.Context, id, text string) (n *Note, err error) {
	u, err := actor(ctx)
	if err != nil {
		return nil, err
	}
	if err := checkNote(text); err != nil {
		return nil, err
	}
	err = s.store.Update(ctx, func(tx Tx) error {
		app, _, err := applicationFor(tx, u, id, ActionWriteApplicationNote)
		if err != nil {
			return err
		}
		n, err = s.addNote(tx, u, SubjectApplication, app.ID, text)
		return err
	})
	return n, err
}

// FindApplicationNotes lists the notes of an application, newest first.
func (s *Service) FindApplicationNotes(ctx context.Context, id string, p Page) (list []*Note, total int, err error) {
	err = s.viewApplication(ctx, id, ActionViewApplication, func(tx Tx, _ *User, app *Application) (err error) {
		list, total, err = tx.FindNotes(SubjectApplication, app.ID, p.Normalize())
		return err
	})
	return list, total, err
}

// noteByAuthor loads a note that u may change: their own, or any for an
// admin.
func noteByAuthor(tx Tx, u *User, id string) (*Note, error) {
	if !validID(id) {
		return nil, notFound("Note")
	}
	n, err := tx.FindNote(id)
	if err != nil {
		return nil, err
	}
	if n.AuthorID != u.ID && u.Role != RoleAdmin {
		return nil, Errorf(EFORBIDDEN, "Only the author of a note or an admin can change it.")
	}
	return n, nil
}

// UpdateNote changes the text of a note.
func (s *Service) UpdateNote(ctx context.Context, id, text string) (n *Note, err error) {
	u, err := actor(ctx)
	if err != nil {
		return nil, err
	}
	if u.Role == RoleReadOnly {
		return nil, errReadOnlyNotes
	}
	if err := checkNote(text); err != nil {
		return nil, err
	}
	err = s.store.Update(ctx, func(tx Tx) error {
		if n, err = noteByAuthor(tx, u, id); err != nil {
			return err
		}
		n.Text, n.UpdatedAt = text, tx.Now()
		return tx.UpdateNote(n)
	})
	return n, err
}

// DeleteNote removes a note.
func (s *Service) DeleteNote(ctx context.Context, id string) error {
	u, err := actor(ctx)
	if err != nil {
		return err
	}
	if u.Role == RoleReadOnly {
		return errReadOnlyNotes
	}
	return s.store.Update(ctx, func(tx Tx) error {
		n, err := noteByAuthor(tx, u, id)
		if err != nil {
			return err
		}
		return tx.DeleteNote(n.ID)
	})
}

// CreateFeedback records the acting user's interview feedback on an
// application; anyone on the hiring team may.
func (s *Service) CreateFeedback(ctx context.Context, id string, f Feedback) (*Feedback, error) {
	u, err := actor(ctx)
	if err != nil {
		return nil, err
	}
	err = s.store.Update(ctx, func(tx Tx) error {
		app, _, err := applicationFor(tx, u, id, ActionAddFeedback)
		if err != nil {
			return err
		}
		p := Problems{}
		if f.validate(p); p.Err() != nil {
			return p.Err()
		}
		f.ID, f.ApplicationID, f.InterviewerID, f.InterviewerName = newID(), app.ID, u.ID, u.Name
		f.CreatedAt, f.UpdatedAt = tx.Now(), tx.Now()
		return tx.CreateFeedback(&f)
	})
	return &f, err
}

// FindFeedback lists an application's feedback: all of it for recruiters,
// hiring managers and readers, only their own for interviewers.
func (s *Service) FindFeedback(ctx context.Context, id string) (list []*Feedback, err error) {
	err = s.viewApplication(ctx, id, ActionViewApplication, func(tx Tx, u *User, app *Application) error {
		seat, err := tx.FindTeamRole(app.JobID, u.ID)
		if err != nil {
			return err
		}
		if list, err = tx.FindFeedback(app.ID); err != nil || Allowed(u.Role, seat, ActionViewAllFeedback) {
			return err
		}
		list = ownFeedback(list, u.ID)
		return nil
	})
	return list, err
}

func ownFeedback(list []*Feedback, userID string) []*Feedback {
	out := []*Feedback{}
	for _, f := range list {
		if f.InterviewerID == userID {
			out = append(out, f)
		}
	}
	return out
}
