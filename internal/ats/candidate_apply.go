package ats

import "context"

// ApplyNewCandidate creates a candidate and adds them to a job (as a
// prospect when in.Prospect) in one transaction, so a refused or failed
// application leaves no candidate behind and a resubmitted form does not
// create the person twice. in.CandidateID is ignored. It checks what
// CreateCandidate and CreateApplication check, and checks the add
// permission and the job's status before anything is written (the
// candidate number included).
func (s *Service) ApplyNewCandidate(ctx context.Context, c *Candidate, in ApplicationInput) (*Candidate, *Application, error) {
	u, err := require(ctx, ActionEditCandidate)
	if err != nil {
		return nil, nil, err
	}
	err = s.store.View(ctx, func(tx Tx) error {
		_, err := applicationJob(tx, u, in)
		return err
	})
	if err != nil {
		return nil, nil, err
	}
	p := Problems{}
	c.validate(p)
	in.Source = cleanLine(in.Source)
	checkText(p, "source", in.Source, MaxSource, false)
	if err := p.Err(); err != nil {
		return nil, nil, err
	}
	c.ID, c.CreatedBy = newID(), u.ID
	n, err := s.nextNumber(ctx, "candidate")
	if err != nil {
		return nil, nil, err
	}
	var app *Application
	err = s.store.Update(ctx, func(tx Tx) (err error) {
		if err := insertCandidate(tx, u, c, n); err != nil {
			return err
		}
		in.CandidateID = c.ID
		app, err = addApplication(tx, u, in)
		return err
	})
	if err != nil {
		return nil, nil, err
	}
	return c, app, nil
}
