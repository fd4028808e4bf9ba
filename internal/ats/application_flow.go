package ats

import "context"

// MoveApplication moves an active application of an active job to another
// enabled phase of the same job, recording the phase history. Leaving a
// Prospect phase queues the candidate and all their applications for
// LinkedIn, which the Prospect rule kept from being sent.
func (s *Service) MoveApplication(ctx context.Context, id, phaseID string) (*Application, error) {
	return s.changeApplication(ctx, id, ActionMoveApplication, func(tx Tx, u *User, app *Application, j *Job) error {
		if err := requireOpen(app, j); err != nil {
			return err
		}
		phase, err := jobPhase(tx, j.ID, phaseID)
		if err != nil {
			return err
		}
		if phase.ID == app.PhaseID {
			return Errorf(ECONFLICT, "The application is already in %s.", phase.Name)
		}
		leftProspect := app.PhaseKind == PhaseProspect && phase.Kind != PhaseProspect
		app.PhaseID, app.PhaseName, app.PhaseKind = phase.ID, phase.Name, phase.Kind
		app.Prospect = phase.Kind == PhaseProspect
		if err := enterPhase(tx, u, app); err != nil {
			return err
		}
		if leftProspect {
			// The Prospect rule withheld the application and what hangs off
			// it, and perhaps the candidate: queue all of it now.
			return tx.QueueCandidateSync(app.CandidateID)
		}
		return nil
	})
}

// RejectApplication closes an active application with a reason. Recruiters
// only (hiring managers cannot reject in Attract).
func (s *Service) RejectApplication(ctx context.Context, id, reason string) (*Application, error) {
	reason = cleanLine(reason)
	return s.changeApplication(ctx, id, ActionRejectApplication, func(tx Tx, u *User, app *Application, j *Job) error {
		p := Problems{}
		checkText(p, "reason", reason, MaxReason, true)
		if err := p.Err(); err != nil {
			return err
		}
		if app.Status != AppActive {
			return Errorf(ECONFLICT, "Only an active application can be rejected; this one is %s.", app.Status)
		}
		app.Status, app.RejectionReason = AppRejected, reason
		return nil
	})
}

// HireApplication marks an application in the Offer phase as hired, which
// lets the job be closed as filled.
func (s *Service) HireApplication(ctx context.Context, id string) (*Application, error) {
	return s.changeApplication(ctx, id, ActionMoveApplication, func(tx Tx, u *User, app *Application, j *Job) error {
		if err := requireOpen(app, j); err != nil {
			return err
		}
		if app.PhaseKind != PhaseOffer {
			return Errorf(ECONFLICT, "Only a candidate in the offer phase can be hired.")
		}
		app.Status = AppHired
		return nil
	})
}

// WithdrawApplication records that the candidate withdrew.
func (s *Service) WithdrawApplication(ctx context.Context, id string) (*Application, error) {
	return s.changeApplication(ctx, id, ActionMoveApplication, func(tx Tx, u *User, app *Application, j *Job) error {
		if app.Status != AppActive {
			return Errorf(ECONFLICT, "Only an active application can be withdrawn; this one is %s.", app.Status)
		}
		app.Status = AppWithdrawn
		return nil
	})
}

func requireOpen(app *Application, j *Job) error {
	if app.Status != AppActive {
		return Errorf(ECONFLICT, "This application is %s and cannot move.", app.Status)
	}
	if j.Status != JobActive {
		return Errorf(ECONFLICT, "Applications of a %s job cannot move.", j.Status)
	}
	return nil
}

func jobPhase(tx Tx, jobID, phaseID string) (Phase, error) {
	phases, err := tx.FindJobPhases(jobID)
	if err != nil {
		return Phase{}, err
	}
	for _, ph := range phases {
		if ph.ID == phaseID && ph.Enabled {
			return ph, nil
		}
	}
	msg := "That phase is not part of this job's process."
	return Phase{}, &Error{Code: EINVALID, Message: msg, Fields: map[string]string{"phase_id": msg}}
}

// changeApplication runs a change to an application after checking a, then
// saves it and records the history.
func (s *Service) changeApplication(ctx context.Context, id string, a Action,
	change func(Tx, *User, *Application, *Job) error) (app *Application, err error) {
	u, err := actor(ctx)
	if err != nil {
		return nil, err
	}
	err = s.store.Update(ctx, func(tx Tx) error {
		var j *Job
		if app, j, err = applicationFor(tx, u, id, a); err != nil {
			return err
		}
		before := applicationFields(app)
		if err := change(tx, u, app, j); err != nil {
			return err
		}
		app.UpdatedAt = tx.Now()
		if err := tx.UpdateApplication(app); err != nil {
			return err
		}
		return record(tx, u, EntityApplication, app.ID, "updated", diff(before, applicationFields(app)))
	})
	return app, err
}

// DeleteApplication removes an application with its history, notes and
// feedback. Recruiters on the team and admins only.
func (s *Service) DeleteApplication(ctx context.Context, id string) error {
	u, err := actor(ctx)
	if err != nil {
		return err
	}
	return s.store.Update(ctx, func(tx Tx) error {
		app, _, err := applicationFor(tx, u, id, ActionDeleteApplication)
		if err != nil {
			return err
		}
		if err := tx.DeleteApplication(app.ID); err != nil {
			return err
		}
		return record(tx, u, EntityApplication, app.ID, "deleted", nil)
	})
}
