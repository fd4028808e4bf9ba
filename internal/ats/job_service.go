package ats

import (
	"context"
	"strconv"
)

// findJob resolves a job reference: its id or its number (J-1001).
func findJob(tx Tx, ref string) (*Job, error) {
	if n, ok := humanNumber(ref, "J-"); ok {
		return tx.FindJobByNumber(n)
	}
	if !validID(ref) {
		return nil, notFound("Job")
	}
	return tx.FindJobByID(ref)
}

// jobFor loads a job and checks action a against the user's seat on it.
func jobFor(tx Tx, u *User, ref string, a Action) (*Job, TeamRole, error) {
	j, err := findJob(tx, ref)
	if err != nil {
		return nil, TeamNone, err
	}
	seat, err := requireOnJob(tx, u, j.ID, a)
	return j, seat, err
}

// CreateJob creates a Draft job with a copy of the chosen template's
// process; the creator takes the hiring manager or recruiter seat. Without
// an availability the job takes the LinkedIn integration's default.
func (s *Service) CreateJob(ctx context.Context, in JobInput) (*Job, error) {
	u, err := require(ctx, ActionCreateJob)
	if err != nil {
		return nil, err
	}
	p := Problems{}
	defaultAvailability := in.Availability == ""
	in.validate(p)
	if !u.Role.CanHoldSeat(in.CreatorRole) {
		p.Add("creator_role", "Your role cannot hold the "+string(in.CreatorRole)+" seat; choose hiring_manager.")
	}
	if err := p.Err(); err != nil {
		return nil, err
	}
	j := &Job{ID: newID(), Title: in.Title, Description: in.Description, Location: in.Location,
		EmploymentType: in.EmploymentType, Openings: in.Openings, Availability: in.Availability,
		Status: JobDraft, CreatedBy: u.ID}
	n, err := s.nextNumber(ctx, "job")
	if err != nil {
		return nil, err
	}
	err = s.store.Update(ctx, func(tx Tx) error {
		t, err := templateFor(tx, in.TemplateID)
		if err != nil {
			return err
		}
		if defaultAvailability {
			if j.Availability, err = integrationAvailability(tx); err != nil {
				return err
			}
		}
		j.Number, j.TemplateID = "J-"+strconv.FormatInt(n, 10), t.ID
		j.CreatedAt, j.UpdatedAt = tx.Now(), tx.Now()
		team := []TeamMember{{UserID: u.ID, Role: in.CreatorRole}}
		if err := tx.CreateJob(j, copyPhases(t.Phases), team); err != nil {
			return err
		}
		return record(tx, u, EntityJob, j.ID, "created", diff(nil, jobFields(j)))
	})
	return j, err
}

// integrationAvailability is the availability a new job takes when none is
// given: the integration's default (an admin may make every new job
// PRIVATE), PUBLIC when it names none.
func integrationAvailability(tx Tx) (Availability, error) {
	in, err := tx.FindIntegration()
	if err != nil {
		return "", err
	}
	if in.JobAvailability == "" {
		return AvailabilityPublic, nil
	}
	return in.JobAvailability, nil
}

func templateFor(tx Tx, id string) (*ProcessTemplate, error) {
	if id == "" {
		return tx.FindDefaultTemplate()
	}
	if !validID(id) {
		return nil, &Error{Code: EINVALID, Message: "Process template not found.",
			Fields: map[string]string{"process_template_id": "No such process template."}}
	}
	t, err := tx.FindTemplate(id)
	if ErrorCode(err) == ENOTFOUND {
		return nil, &Error{Code: EINVALID, Message: "Process template not found.",
			Fields: map[string]string{"process_template_id": "No such process template."}}
	}
	return t, err
}

// copyPhases gives a job its own phases, with fresh ids.
func copyPhases(src []Phase) []Phase {
	out := make([]Phase, len(src))
	for i, ph := range src {
		ph.ID, ph.Position = newID(), i
		out[i] = ph
	}
	return out
}

// FindJob returns a job by id or number.
func (s *Service) FindJob(ctx context.Context, ref string) (j *Job, err error) {
	err = s.viewJob(ctx, ref, ActionViewJob, func(_ Tx, found *Job) error {
		j = found
		return nil
	})
	return j, err
}

// FindJobs lists jobs; users whose role does not see every job see the jobs
// on whose team they sit.
func (s *Service) FindJobs(ctx context.Context, f JobFilter) (list []*Job, total int, err error) {
	u, err := actor(ctx)
	if err != nil {
		return nil, 0, err
	}
	if !Allowed(u.Role, TeamNone, ActionViewJob) {
		f.MemberID = u.ID
	}
	switch f.Status {
	case "", JobDraft, JobActive, JobClosed:
	default:
		return nil, 0, &Error{Code: EINVALID, Message: "Status must be draft, active or closed.",
			Fields: map[string]string{"status": "Unknown status."}}
	}
	if len(f.Query) > 200 {
		return nil, 0, &Error{Code: EINVALID, Message: "The search text is too long.",
			Fields: map[string]string{"q": "At most 200 characters."}}
	}
	f.Query, f.Page = cleanLine(f.Query), f.Page.Normalize()
	err = s.store.View(ctx, func(tx Tx) error {
		list, total, err = tx.FindJobs(f)
		return err
	})
	return list, total, err
}

// UpdateJob changes a job's details. A closed job cannot be changed; its
// process can be changed only while Draft.
func (s *Service) UpdateJob(ctx context.Context, ref string, upd JobUpdate) (j *Job, err error) {
	u, err := actor(ctx)
	if err != nil {
		return nil, err
	}
	err = s.store.Update(ctx, func(tx Tx) error {
		if j, _, err = jobFor(tx, u, ref, ActionEditJob); err != nil {
			return err
		}
		if j.Status == JobClosed {
			return Errorf(ECONFLICT, "A closed job cannot be changed.")
		}
		before := jobFields(j)
		p := Problems{}
		upd.apply(j, p)
		if err := p.Err(); err != nil {
			return err
		}
		after := jobFields(j)
		if upd.Phases != nil {
			if err := replaceJobPhases(tx, j, *upd.Phases, before, after); err != nil {
				return err
			}
		}
		j.UpdatedAt = tx.Now()
		if err := tx.UpdateJob(j); err != nil {
			return err
		}
		return record(tx, u, EntityJob, j.ID, "updated", diff(before, after))
	})
	return j, err
}

// replaceJobPhases edits a Draft job's own process, noting the old and new
// process in the audit fields before and after.
func replaceJobPhases(tx Tx, j *Job, proposed []Phase, before, after fields) error {
	if j.Status != JobDraft {
		return Errorf(ECONFLICT, "The hiring process cannot be changed once the job is active.")
	}
	current, err := tx.FindJobPhases(j.ID)
	if err != nil {
		return err
	}
	p := Problems{}
	phases := withIDs(validatePhases(mergePhases(current, proposed, p), p))
	if err := p.Err(); err != nil {
		return err
	}
	before["phases"], after["phases"] = phaseList(current), phaseList(phases)
	return tx.ReplaceJobPhases(j.ID, phases)
}

// ActivateJob makes a Draft job active: it can then receive candidates and
// its process is frozen.
func (s *Service) ActivateJob(ctx context.Context, ref string) (*Job, error) {
	return s.transition(ctx, ref, ActionActivateJob, func(tx Tx, j *Job) error {
		if j.Status != JobDraft {
			return Errorf(ECONFLICT, "Only a draft job can be activated; this job is %s.", j.Status)
		}
		now := tx.Now()
		j.Status, j.ActivatedAt = JobActive, &now
		return nil
	})
}

// CloseJob closes an active job as filled (only if an application was
// hired) or cancelled.
func (s *Service) CloseJob(ctx context.Context, ref string, reason CloseReason) (*Job, error) {
	return s.transition(ctx, ref, ActionCloseJob, func(tx Tx, j *Job) error {
		if reason != CloseFilled && reason != CloseCancelled {
			return &Error{Code: EINVALID, Message: "Close reason must be filled or cancelled.",
				Fields: map[string]string{"reason": "Must be filled or cancelled."}}
		}
		if j.Status != JobActive {
			return Errorf(ECONFLICT, "Only an active job can be closed; this job is %s.", j.Status)
		}
		if reason == CloseFilled {
			if err := requireHire(tx, j.ID); err != nil {
				return err
			}
		}
		now := tx.Now()
		j.Status, j.CloseReason, j.ClosedAt = JobClosed, reason, &now
		return nil
	})
}

func requireHire(tx Tx, jobID string) error {
	_, n, err := tx.FindApplications(ApplicationFilter{JobID: jobID, Status: AppHired, Page: Page{Limit: 1}})
	if err != nil {
		return err
	}
	if n == 0 {
		return Errorf(ECONFLICT, "A job can be closed as filled only when a candidate has been hired.")
	}
	return nil
}

// transition applies a status change after checking a, and records it.
func (s *Service) transition(ctx context.Context, ref string, a Action, change func(Tx, *Job) error) (j *Job, err error) {
	u, err := actor(ctx)
	if err != nil {
		return nil, err
	}
	err = s.store.Update(ctx, func(tx Tx) error {
		if j, _, err = jobFor(tx, u, ref, a); err != nil {
			return err
		}
		before := jobFields(j)
		if err := change(tx, j); err != nil {
			return err
		}
		j.UpdatedAt = tx.Now()
		if err := tx.UpdateJob(j); err != nil {
			return err
		}
		return record(tx, u, EntityJob, j.ID, "updated", diff(before, jobFields(j)))
	})
	return j, err
}

// DeleteJob removes a job and everything in it. Recruiters on the team and
// admins may; hiring managers only while the job has no applications.
func (s *Service) DeleteJob(ctx context.Context, ref string) error {
	u, err := actor(ctx)
	if err != nil {
		return err
	}
	return s.store.Update(ctx, func(tx Tx) error {
		j, seat, err := jobFor(tx, u, ref, ActionDeleteJob)
		if err != nil {
			return err
		}
		if u.Role != RoleAdmin && seat != TeamRecruiter {
			if err := requireNoApplications(tx, j.ID); err != nil {
				return err
			}
		}
		if err := tx.DeleteJob(j.ID); err != nil {
			return err
		}
		return record(tx, u, EntityJob, j.ID, "deleted", nil)
	})
}

func requireNoApplications(tx Tx, jobID string) error {
	counts, err := tx.CountApplications(jobID)
	if err != nil {
		return err
	}
	for _, n := range counts {
		if n > 0 {
			return Errorf(EFORBIDDEN, "Hiring managers can delete a job only while it has no applications.")
		}
	}
	return nil
}

// FindJobPhases returns the job's process.
func (s *Service) FindJobPhases(ctx context.Context, ref string) (phases []Phase, err error) {
	err = s.viewJob(ctx, ref, ActionViewJob, func(tx Tx, j *Job) (err error) {
		phases, err = tx.FindJobPhases(j.ID)
		return err
	})
	return phases, err
}

// JobCounts returns the number of applications per phase of a job.
func (s *Service) JobCounts(ctx context.Context, ref string) (counts JobCounts, err error) {
	err = s.viewJob(ctx, ref, ActionViewJob, func(tx Tx, j *Job) (err error) {
		counts, err = tx.CountApplications(j.ID)
		return err
	})
	return counts, err
}

// FindJobLinkedIn returns how LinkedIn processed the last record of the
// job it was sent (its task, and the job posting it made), for whoever
// may see the job; ENOTFOUND when the job was never sent.
func (s *Service) FindJobLinkedIn(ctx context.Context, ref string) (jt *JobTask, err error) {
	err = s.viewJob(ctx, ref, ActionViewJob, func(tx Tx, j *Job) error {
		jt, err = tx.FindJobTask(j.ID)
		if ErrorCode(err) == ENOTFOUND {
			return Errorf(ENOTFOUND, "This job has not been sent to LinkedIn.")
		}
		return err
	})
	return jt, err
}
