package store

import (
	"attractor/internal/ats"
	"attractor/internal/sqldb"
	"attractor/internal/store/dbq"
)

// CreateApplication stores a candidacy in one of the job's phases and
// queues it for sync. A second application of the candidate to the job is
// ECONFLICT; an unknown candidate or job is ENOTFOUND.
func (t *tx) CreateApplication(a *ats.Application) error {
	if err := newID(&a.ID); err != nil {
		return err
	}
	if err := t.checkPhase(a.PhaseID, a.JobID); err != nil {
		return err
	}
	t.stampNew(&a.CreatedAt, &a.UpdatedAt)
	n, err := t.q.CreateApplication(t.ctx, dbq.CreateApplicationParams{
		ID: a.ID, CandidateID: a.CandidateID, JobID: a.JobID, PhaseID: a.PhaseID, Status: string(a.Status),
		RejectionReason: a.RejectionReason, Source: a.Source, Prospect: a.Prospect, CreatedBy: a.CreatedBy,
		CreatedAt: a.CreatedAt, UpdatedAt: a.UpdatedAt,
	})
	if sqldb.IsForeignKeyViolation(err) {
		return notFound("Candidate")
	} else if err != nil {
		return wrap(err, "create application")
	}
	if n == 0 {
		return conflict("This candidate already has an application for this job.")
	}
	return t.record(ats.OutboxUpsert, ref{ats.EntityApplication, a.ID, "", ""})
}

// checkPhase refuses a phase that is not one of the job's own (which also
// catches an unknown job).
func (t *tx) checkPhase(phaseID, jobID string) error {
	n, err := t.q.PhaseOfJob(t.ctx, dbq.PhaseOfJobParams{ID: phaseID, JobID: jobID})
	if err != nil {
		return wrap(err, "check phase")
	}
	if n == 0 {
		return notFound("Job phase")
	}
	return nil
}

// FindApplication returns the application with its phase name and kind.
func (t *tx) FindApplication(id string) (*ats.Application, error) {
	row, err := t.q.GetApplication(t.ctx, id)
	if err != nil {
		return nil, lookup(err, "Application", "find application")
	}
	a := applicationFromRow(dbq.ListApplicationsByJobRow{
		ID: row.ID, CandidateID: row.CandidateID, JobID: row.JobID, PhaseID: row.PhaseID, Status: row.Status,
		RejectionReason: row.RejectionReason, Source: row.Source, Prospect: row.Prospect,
		CreatedBy: row.CreatedBy, CreatedAt: row.CreatedAt, UpdatedAt: row.UpdatedAt,
		PhaseName: row.PhaseName, PhaseKind: row.PhaseKind,
	})
	a.Candidate = nil
	return a, nil
}

// FindApplications lists a job's or a candidate's applications, oldest
// first, with phase name and kind and a candidate summary, and the total.
// One of JobID or CandidateID is required (EINVALID otherwise): each list
// then walks one index.
func (t *tx) FindApplications(f ats.ApplicationFilter) ([]*ats.Application, int, error) {
	limit, offset := page(f.Page)
	switch {
	case f.JobID != "":
		return t.applicationsOfJob(f, limit, offset)
	case f.CandidateID != "":
		return t.applicationsOfCandidate(f, limit, offset)
	}
	return nil, 0, &ats.Error{Code: ats.EINVALID, Message: "Choose a job or a candidate to list applications."}
}

func (t *tx) applicationsOfJob(f ats.ApplicationFilter, limit, offset int32) ([]*ats.Application, int, error) {
	rows, err := t.q.ListApplicationsByJob(t.ctx, dbq.ListApplicationsByJobParams{
		JobID: f.JobID, CandidateID: f.CandidateID, PhaseID: f.PhaseID, Status: string(f.Status), Lim: limit, Off: offset,
	})
	if err != nil {
		return nil, 0, wrap(err, "find applications of job")
	}
	total, err := t.q.CountApplicationsByJob(t.ctx, dbq.CountApplicationsByJobParams{
		JobID: f.JobID, CandidateID: f.CandidateID, PhaseID: f.PhaseID, Status: string(f.Status),
	})
	if err != nil {
		return nil, 0, wrap(err, "count applications of job")
	}
	out := make([]*ats.Application, len(rows))
	for i, r := range rows {
		out[i] = applicationFromRow(r)
	}
	return out, int(total), nil
}

func (t *tx) applicationsOfCandidate(f ats.ApplicationFilter, limit, offset int32) ([]*ats.Application, int, error) {
	rows, err := t.q.ListApplicationsByCandidate(t.ctx, dbq.ListApplicationsByCandidateParams{
		CandidateID: f.CandidateID, PhaseID: f.PhaseID, Status: string(f.Status), Lim: limit, Off: offset,
	})
	if err != nil {
		return nil, 0, wrap(err, "find applications of candidate")
	}
	total, err := t.q.CountApplicationsByCandidate(t.ctx, dbq.CountApplicationsByCandidateParams{
		CandidateID: f.CandidateID, PhaseID: f.PhaseID, Status: string(f.Status),
	})
	if err != nil {
		return nil, 0, wrap(err, "count applications of candidate")
	}
	out := make([]*ats.Application, len(rows))
	for i, r := range rows {
		out[i] = applicationFromRow(dbq.ListApplicationsByJobRow(r))
	}
	return out, int(total), nil
}

// UpdateApplication saves the phase, status, rejection reason, source and
// prospect flag and queues the application for sync. The new phase must
// belong to the application's job, as stored (not as given in a).
func (t *tx) UpdateApplication(a *ats.Application) error {
	old, err := t.FindApplication(a.ID)
	if err != nil {
		return err
	}
	if err := t.checkPhase(a.PhaseID, old.JobID); err != nil {
		return err
	}
	t.stamp(&a.UpdatedAt)
	n, err := t.q.UpdateApplication(t.ctx, dbq.UpdateApplicationParams{
		ID: a.ID, PhaseID: a.PhaseID, Status: string(a.Status), RejectionReason: a.RejectionReason,
		Source: a.Source, Prospect: a.Prospect, UpdatedAt: a.UpdatedAt,
	})
	if err := changed(n, err, "Application", "update application"); err != nil {
		return err
	}
	return t.record(ats.OutboxUpsert, ref{ats.EntityApplication, a.ID, "", ""})
}

// DeleteApplication removes the application with its notes, feedback and
// phase history, recording an outbox delete for each synced entity.
func (t *tx) DeleteApplication(id string) error {
	if _, err := t.FindApplication(id); err != nil {
		return err
	}
	if err := t.dropApplication(id); err != nil {
		return err
	}
	n, err := t.q.DeleteApplication(t.ctx, id)
	return changed(n, err, "Application", "delete application")
}

// AddPhaseEntry records that an application entered a phase and queues the
// application's stage history (keyed by the application) for sync.
func (t *tx) AddPhaseEntry(e *ats.PhaseEntry) error {
	if err := newID(&e.ID); err != nil {
		return err
	}
	t.stamp(&e.EnteredAt)
	err := t.q.InsertPhaseEntry(t.ctx, dbq.InsertPhaseEntryParams{
		ID: e.ID, ApplicationID: e.ApplicationID, PhaseID: e.PhaseID, EnteredAt: e.EnteredAt, EnteredBy: e.EnteredBy,
	})
	if sqldb.IsForeignKeyViolation(err) {
		return notFound("Application")
	} else if err != nil {
		return wrap(err, "add phase entry")
	}
	return t.record(ats.OutboxUpsert, ref{ats.EntityStage, e.ApplicationID, e.ApplicationID, ats.EntityApplication})
}

// FindPhaseEntries returns the application's phase history, oldest first,
// with each phase's current name.
func (t *tx) FindPhaseEntries(applicationID string) ([]ats.PhaseEntry, error) {
	rows, err := t.q.ListPhaseEntries(t.ctx, applicationID)
	if err != nil {
		return nil, wrap(err, "find phase entries")
	}
	if len(rows) == 0 {
		if _, err := t.FindApplication(applicationID); err != nil {
			return nil, err
		}
	}
	out := make([]ats.PhaseEntry, len(rows))
	for i, r := range rows {
		out[i] = ats.PhaseEntry{ID: r.ID, ApplicationID: r.ApplicationID, PhaseID: r.PhaseID,
			PhaseName: r.PhaseName, EnteredAt: r.EnteredAt.UTC(), EnteredBy: r.EnteredBy}
	}
	return out, nil
}

// CreateFeedback stores an interviewer's assessment and queues it for sync
// with the application as parent.
func (t *tx) CreateFeedback(f *ats.Feedback) error {
	if err := newID(&f.ID); err != nil {
		return err
	}
	t.stampNew(&f.CreatedAt, &f.UpdatedAt)
	f.Evaluations = emptyIfNil(f.Evaluations)
	evals, err := encodeJSON(f.Evaluations)
	if err != nil {
		return err
	}
	err = t.q.InsertFeedback(t.ctx, dbq.InsertFeedbackParams{
		ID: f.ID, ApplicationID: f.ApplicationID, InterviewerID: f.InterviewerID,
		InterviewType: string(f.InterviewType), Evaluations: evals, Recommendation: string(f.Recommendation),
		Comments: f.Comments, CreatedAt: f.CreatedAt, UpdatedAt: f.UpdatedAt,
	})
	if sqldb.IsForeignKeyViolation(err) {
		return notFound("Application")
	} else if err != nil {
		return wrap(err, "create feedback")
	}
	return t.record(ats.OutboxUpsert, ref{ats.EntityFeedback, f.ID, f.ApplicationID, ats.EntityApplication})
}

// FindFeedback returns the application's feedback, oldest first, with
// interviewer names.
func (t *tx) FindFeedback(applicationID string) ([]*ats.Feedback, error) {
	rows, err := t.q.ListFeedback(t.ctx, applicationID)
	if err != nil {
		return nil, wrap(err, "find feedback")
	}
	if len(rows) == 0 {
		if _, err := t.FindApplication(applicationID); err != nil {
			return nil, err
		}
	}
	out := make([]*ats.Feedback, len(rows))
	for i, r := range rows {
		if out[i], err = feedbackFromRow(r); err != nil {
			return nil, err
		}
	}
	return out, nil
}

func feedbackFromRow(r dbq.ListFeedbackRow) (*ats.Feedback, error) {
	evals, err := decodeJSON[ats.Evaluation](r.Evaluations)
	if err != nil {
		return nil, err
	}
	return &ats.Feedback{
		ID: r.ID, ApplicationID: r.ApplicationID, InterviewerID: r.InterviewerID, InterviewerName: r.InterviewerName,
		InterviewType: ats.InterviewType(r.InterviewType), Evaluations: evals,
		Recommendation: ats.Recommendation(r.Recommendation), Comments: r.Comments,
		CreatedAt: r.CreatedAt.UTC(), UpdatedAt: r.UpdatedAt.UTC(),
	}, nil
}

func applicationFromRow(r dbq.ListApplicationsByJobRow) *ats.Application {
	return &ats.Application{
		ID: r.ID, CandidateID: r.CandidateID, JobID: r.JobID, PhaseID: r.PhaseID, PhaseName: r.PhaseName,
		PhaseKind: ats.PhaseKind(r.PhaseKind), Status: ats.ApplicationStatus(r.Status),
		RejectionReason: r.RejectionReason, Source: r.Source, Prospect: r.Prospect, CreatedBy: r.CreatedBy,
		CreatedAt: r.CreatedAt.UTC(), UpdatedAt: r.UpdatedAt.UTC(),
		Candidate: &ats.CandidateSummary{Number: r.CandidateNumber, FirstName: r.CandidateFirstName,
			LastName: r.CandidateLastName, Email: r.CandidateEmail},
	}
}
