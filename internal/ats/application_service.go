package ats

import "context"

func findApplication(tx Tx, id string) (*Application, error) {
	if !validID(id) {
		return nil, notFound("Application")
	}
	return tx.FindApplication(id)
}

// applicationFor loads an application and checks a against the user's seat
// on its job.
func applicationFor(tx Tx, u *User, id string, a Action) (*Application, *Job, error) {
	app, err := findApplication(tx, id)
	if err != nil {
		return nil, nil, err
	}
	if _, err := requireOnJob(tx, u, app.JobID, a); err != nil {
		return nil, nil, err
	}
	j, err := tx.FindJobByID(app.JobID)
	return app, j, err
}

// CreateApplication adds a candidate to an active job: as a prospect into
// the Prospect phase when the job has one switched on, otherwise into the
// Application phase. An applicant whose other applications are all still
// prospects is queued for LinkedIn with everything the Prospect rule held
// back.
func (s *Service) CreateApplication(ctx context.Context, in ApplicationInput) (app *Application, err error) {
	u, err := actor(ctx)
	if err != nil {
		return nil, err
	}
	p := Problems{}
	in.Source = cleanLine(in.Source)
	checkText(p, "source", in.Source, MaxSource, false)
	if err := p.Err(); err != nil {
		return nil, err
	}
	err = s.store.Update(ctx, func(tx Tx) (err error) {
		app, err = addApplication(tx, u, in)
		return err
	})
	return app, err
}

// addApplication checks and creates a new application in tx, for
// CreateApplication and ApplyNewCandidate; in.Source is already checked.
func addApplication(tx Tx, u *User, in ApplicationInput) (*Application, error) {
	j, c, err := applicationTargets(tx, u, in)
	if err != nil {
		return nil, err
	}
	phase, err := entryPhase(tx, j.ID, in.Prospect)
	if err != nil {
		return nil, err
	}
	app := &Application{ID: newID(), CandidateID: c.ID, JobID: j.ID, PhaseID: phase.ID,
		PhaseName: phase.Name, PhaseKind: phase.Kind, Status: AppActive, Source: in.Source,
		Prospect: phase.Kind == PhaseProspect, CreatedBy: u.ID, CreatedAt: tx.Now(), UpdatedAt: tx.Now()}
	unwithholds, err := unwithholdsCandidate(tx, app)
	if err != nil {
		return nil, err
	}
	if err := tx.CreateApplication(app); err != nil {
		return nil, err
	}
	if err := enterPhase(tx, u, app); err != nil {
		return nil, err
	}
	if unwithholds {
		if err := tx.QueueCandidateSync(c.ID); err != nil {
			return nil, err
		}
	}
	return app, record(tx, u, EntityApplication, app.ID, "created", diff(nil, applicationFields(app)))
}

// unwithholdsCandidate reports whether the new application app ends the
// Prospect rule's hold on its candidate: it is past Prospect, and every
// application the candidate already has is still in Prospect (so LinkedIn
// has not been sent the candidate, which app's record needs first).
func unwithholdsCandidate(tx Tx, app *Application) (bool, error) {
	if app.PhaseKind == PhaseProspect {
		return false, nil
	}
	seen := 0
	for {
		list, total, err := tx.FindApplications(ApplicationFilter{CandidateID: app.CandidateID,
			Page: Page{Limit: MaxLimit, Offset: seen}})
		if err != nil {
			return false, err
		}
		for _, a := range list {
			if a.PhaseKind != PhaseProspect {
				return false, nil
			}
		}
		seen += len(list)
		if len(list) == 0 || seen >= total {
			return total > 0, nil
		}
	}
}

// applicationTargets loads and checks the job and candidate of a new
// application.
func applicationTargets(tx Tx, u *User, in ApplicationInput) (*Job, *Candidate, error) {
	j, err := applicationJob(tx, u, in)
	if err != nil {
		return nil, nil, err
	}
	c, err := findCandidate(tx, in.CandidateID)
	if ErrorCode(err) == ENOTFOUND {
		return nil, nil, invalidField("candidate_id", "Candidate not found.")
	}
	return j, c, err
}

// applicationJob loads the job of a new application and checks that u may
// add to it (applicants or prospects) and that it is active.
func applicationJob(tx Tx, u *User, in ApplicationInput) (*Job, error) {
	j, err := findJob(tx, in.JobID)
	if ErrorCode(err) == ENOTFOUND {
		return nil, invalidField("job_id", "Job not found.")
	} else if err != nil {
		return nil, err
	}
	a := ActionAddApplicant
	if in.Prospect {
		a = ActionAddProspect
	}
	if _, err := requireOnJob(tx, u, j.ID, a); err != nil {
		return nil, err
	}
	if j.Status != JobActive {
		return nil, Errorf(ECONFLICT, "Candidates can be added only to an active job; this job is %s.", j.Status)
	}
	return j, nil
}

// invalidField is an EINVALID error about one field.
func invalidField(field, msg string) error {
	return &Error{Code: EINVALID, Message: msg, Fields: map[string]string{field: msg}}
}

// entryPhase picks where a new application lands.
func entryPhase(tx Tx, jobID string, prospect bool) (Phase, error) {
	phases, err := tx.FindJobPhases(jobID)
	if err != nil {
		return Phase{}, err
	}
	want := PhaseApplication
	if prospect && hasProspect(phases) {
		want = PhaseProspect
	}
	for _, ph := range phases {
		if ph.Kind == want {
			return ph, nil
		}
	}
	return Phase{}, Errorf(EINTERNAL, "job %s has no %s phase", jobID, want)
}

func hasProspect(phases []Phase) bool {
	for _, ph := range phases {
		if ph.Kind == PhaseProspect && ph.Enabled {
			return true
		}
	}
	return false
}

func enterPhase(tx Tx, u *User, app *Application) error {
	return tx.AddPhaseEntry(&PhaseEntry{ID: newID(), ApplicationID: app.ID, PhaseID: app.PhaseID,
		PhaseName: app.PhaseName, EnteredAt: tx.Now(), EnteredBy: u.ID})
}

// FindApplication returns an application to users who may view its job's
// applications.
func (s *Service) FindApplication(ctx context.Context, id string) (app *Application, err error) {
	err = s.viewApplication(ctx, id, ActionViewApplication, func(_ Tx, _ *User, found *Application) error {
		app = found
		return nil
	})
	return app, err
}

// FindJobApplications lists a job's applications (its pipeline).
func (s *Service) FindJobApplications(ctx context.Context, ref string, f ApplicationFilter) (list []*Application, total int, err error) {
	switch f.Status {
	case "", AppActive, AppRejected, AppHired, AppWithdrawn:
	default:
		return nil, 0, &Error{Code: EINVALID, Message: "Status must be active, rejected, hired or withdrawn.",
			Fields: map[string]string{"status": "Unknown status."}}
	}
	err = s.viewJob(ctx, ref, ActionViewApplication, func(tx Tx, j *Job) (err error) {
		f.JobID, f.CandidateID, f.Page = j.ID, "", f.Page.Normalize()
		list, total, err = tx.FindApplications(f)
		return err
	})
	return list, total, err
}

// FindCandidateApplications lists a candidate's applications (their status
// per job). Users who cannot view candidates in general (interviewers) see
// only the applications on jobs where they hold a seat.
func (s *Service) FindCandidateApplications(ctx context.Context, ref string, p Page) (list []*Application, total int, err error) {
	err = s.viewCandidateTx(ctx, ref, func(tx Tx, u *User, c *Candidate) (err error) {
		// Those who see all candidates see their status on every job (the
		// profile's application history); interviewers only their jobs'.
		if Allowed(u.Role, TeamNone, ActionViewCandidate) {
			list, total, err = tx.FindApplications(ApplicationFilter{CandidateID: c.ID, Page: p.Normalize()})
			return err
		}
		list, err = visibleApplications(tx, u, c.ID)
		total = len(list)
		return err
	})
	return list, total, err
}

// FindPhaseEntries returns the phase history of an application.
func (s *Service) FindPhaseEntries(ctx context.Context, id string) (list []PhaseEntry, err error) {
	err = s.viewApplication(ctx, id, ActionViewApplication, func(tx Tx, _ *User, app *Application) (err error) {
		list, err = tx.FindPhaseEntries(app.ID)
		return err
	})
	return list, err
}

// visibleApplications lists a candidate's applications on the jobs where u
// holds a seat, for users who do not see every job's applications.
func visibleApplications(tx Tx, u *User, candidateID string) ([]*Application, error) {
	all, _, err := tx.FindApplications(ApplicationFilter{CandidateID: candidateID, Page: Page{Limit: MaxLimit}})
	if err != nil {
		return nil, err
	}
	out := []*Application{}
	for _, app := range all {
		seat, err := tx.FindTeamRole(app.JobID, u.ID)
		if err != nil {
			return nil, err
		}
		if Allowed(u.Role, seat, ActionViewApplication) {
			out = append(out, app)
		}
	}
	return out, nil
}
