package ats

import (
	"context"
	"strconv"
)

// findCandidate resolves a candidate reference: id or number (C-1001).
func findCandidate(tx Tx, ref string) (*Candidate, error) {
	if n, ok := humanNumber(ref, "C-"); ok {
		return tx.FindCandidateByNumber(n)
	}
	if !validID(ref) {
		return nil, notFound("Candidate")
	}
	return tx.FindCandidateByID(ref)
}

// viewCandidate loads a candidate the user may see: everyone who may view
// candidates, and interviewers for candidates on jobs where they sit.
func viewCandidate(tx Tx, u *User, ref string) (*Candidate, error) {
	c, err := findCandidate(tx, ref)
	if err != nil {
		return nil, err
	}
	if Allowed(u.Role, TeamNone, ActionViewCandidate) {
		return c, nil
	}
	ok, err := tx.CandidateOnTeamOf(c.ID, u.ID)
	if err != nil {
		return nil, err
	}
	if !ok {
		return nil, forbidden(ActionViewCandidate)
	}
	return c, nil
}

// CreateCandidate adds a person to the talent database.
func (s *Service) CreateCandidate(ctx context.Context, c *Candidate) (*Candidate, error) {
	u, err := require(ctx, ActionEditCandidate)
	if err != nil {
		return nil, err
	}
	p := Problems{}
	c.validate(p)
	if err := p.Err(); err != nil {
		return nil, err
	}
	c.ID, c.CreatedBy = newID(), u.ID
	n, err := s.nextNumber(ctx, "candidate")
	if err != nil {
		return nil, err
	}
	err = s.store.Update(ctx, func(tx Tx) error { return insertCandidate(tx, u, c, n) })
	return c, err
}

// insertCandidate stores the validated new candidate c with number n and
// records it, for CreateCandidate and ApplyNewCandidate.
func insertCandidate(tx Tx, u *User, c *Candidate, n int64) error {
	c.Number = "C-" + strconv.FormatInt(n, 10)
	c.CreatedAt, c.UpdatedAt = tx.Now(), tx.Now()
	if err := tx.CreateCandidate(c); err != nil {
		return err
	}
	return record(tx, u, EntityCandidate, c.ID, "created", diff(nil, candidateFields(c)))
}

// FindCandidate returns a candidate by id or number.
func (s *Service) FindCandidate(ctx context.Context, ref string) (c *Candidate, err error) {
	err = s.viewCandidateTx(ctx, ref, func(_ Tx, _ *User, found *Candidate) error {
		c = found
		return nil
	})
	return c, err
}

// FindCandidates searches candidates by name or email, ignoring case and
// accents ("jose muller" finds "José Müller").
func (s *Service) FindCandidates(ctx context.Context, f CandidateFilter) (list []*Candidate, total int, err error) {
	if _, err := require(ctx, ActionViewCandidate); err != nil {
		return nil, 0, err
	}
	if len(f.Query) > 200 {
		return nil, 0, &Error{Code: EINVALID, Message: "The search text is too long.",
			Fields: map[string]string{"q": "At most 200 characters."}}
	}
	f.Query, f.Page = FoldQuery(f.Query), f.Page.Normalize()
	err = s.store.View(ctx, func(tx Tx) error {
		list, total, err = tx.FindCandidates(f)
		return err
	})
	return list, total, err
}

// UpdateCandidate changes a candidate's details.
func (s *Service) UpdateCandidate(ctx context.Context, ref string, upd CandidateUpdate) (c *Candidate, err error) {
	u, err := require(ctx, ActionEditCandidate)
	if err != nil {
		return nil, err
	}
	err = s.store.Update(ctx, func(tx Tx) error {
		if c, err = findCandidate(tx, ref); err != nil {
			return err
		}
		before := candidateFields(c)
		upd.apply(c)
		p := Problems{}
		c.validate(p)
		if err := p.Err(); err != nil {
			return err
		}
		c.UpdatedAt = tx.Now()
		if err := tx.UpdateCandidate(c); err != nil {
			return err
		}
		return record(tx, u, EntityCandidate, c.ID, "updated", diff(before, candidateFields(c)))
	})
	return c, err
}

// DeleteCandidate removes a candidate with their applications and notes.
func (s *Service) DeleteCandidate(ctx context.Context, ref string) error {
	u, err := require(ctx, ActionEditCandidate)
	if err != nil {
		return err
	}
	return s.store.Update(ctx, func(tx Tx) error {
		c, err := findCandidate(tx, ref)
		if err != nil {
			return err
		}
		if err := requireDeleteApplications(tx, u, c.ID); err != nil {
			return err
		}
		if err := tx.DeleteCandidate(c.ID); err != nil {
			return err
		}
		return record(tx, u, EntityCandidate, c.ID, "deleted", nil)
	})
}

// requireDeleteApplications checks that u may delete every application the
// candidate has, since deleting the candidate deletes them too: otherwise
// deleting a candidate would bypass "only recruiters delete applicants".
func requireDeleteApplications(tx Tx, u *User, candidateID string) error {
	apps, _, err := tx.FindApplications(ApplicationFilter{CandidateID: candidateID, Page: Page{Limit: MaxLimit}})
	if err != nil {
		return err
	}
	for _, app := range apps {
		if _, err := requireOnJob(tx, u, app.JobID, ActionDeleteApplication); err != nil {
			return Errorf(EFORBIDDEN, "This candidate has applications you may not delete; ask a recruiter on those jobs.")
		}
	}
	return nil
}
