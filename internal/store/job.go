package store

import (
	"database/sql"
	"errors"
	"strconv"
	"strings"

	"attractor/internal/ats"
	"attractor/internal/sqldb"
	"attractor/internal/store/dbq"
)

// NextNumber returns the next value of a named counter, starting at 1001.
// On SQLite the writer is single; on PostgreSQL the upsert's row lock
// serialises concurrent callers, so numbers are never handed out twice.
func (t *tx) NextNumber(counter string) (int64, error) {
	n, err := t.q.NextNumber(t.ctx, counter)
	if err != nil {
		return 0, wrap(err, "next number")
	}
	return n, nil
}

// CreateJob stores a job with its own copy of a process and its hiring team,
// and queues the job and team for sync. An empty Number is assigned from the
// "job" counter as J-<n>.
func (t *tx) CreateJob(j *ats.Job, phases []ats.Phase, team []ats.TeamMember) error {
	if err := t.prepareJob(j); err != nil {
		return err
	}
	p := jobParams(j)
	n, err := t.q.CreateJob(t.ctx, dbq.CreateJobParams{
		ID: j.ID, Number: j.Number, Title: p.Title, Description: p.Description, City: p.City,
		Region: p.Region, CountryCode: p.CountryCode, PostalCode: p.PostalCode,
		EmploymentType: p.EmploymentType, Openings: p.Openings, Availability: p.Availability,
		Status: p.Status, CloseReason: p.CloseReason, TemplateID: p.TemplateID, CreatedBy: j.CreatedBy,
		SearchKey: p.SearchKey, CreatedAt: j.CreatedAt, UpdatedAt: p.UpdatedAt,
		ActivatedAt: p.ActivatedAt, ClosedAt: p.ClosedAt,
	})
	if err != nil {
		return wrap(err, "create job")
	}
	if n == 0 {
		return conflict("A job with the number %s already exists.", j.Number)
	}
	if err := t.saveJobPhases(j.ID, phases); err != nil {
		return err
	}
	if err := t.insertTeam(j.ID, team); err != nil {
		return err
	}
	return t.record(ats.OutboxUpsert, ref{ats.EntityJob, j.ID, "", ""}, ref{ats.EntityTeam, j.ID, "", ""})
}

// prepareJob fills the id, number and times of a new job.
func (t *tx) prepareJob(j *ats.Job) error {
	if err := newID(&j.ID); err != nil {
		return err
	}
	if j.Number == "" {
		n, err := t.NextNumber("job")
		if err != nil {
			return err
		}
		j.Number = "J-" + strconv.FormatInt(n, 10)
	}
	t.stampNew(&j.CreatedAt, &j.UpdatedAt)
	return nil
}

// jobParams derives j's search key and returns every column a create and
// an update share; the caller has stamped UpdatedAt.
func jobParams(j *ats.Job) dbq.UpdateJobParams {
	return dbq.UpdateJobParams{
		ID: j.ID, Title: j.Title, Description: j.Description, City: j.Location.City,
		Region: j.Location.Region, CountryCode: j.Location.CountryCode, PostalCode: j.Location.PostalCode,
		EmploymentType: string(j.EmploymentType), Openings: int64(j.Openings),
		Availability: string(j.Availability), Status: string(j.Status), CloseReason: string(j.CloseReason),
		TemplateID: j.TemplateID, SearchKey: ats.SearchKey(j.Title, j.Number), UpdatedAt: j.UpdatedAt,
		ActivatedAt: nullTime(j.ActivatedAt), ClosedAt: nullTime(j.ClosedAt),
	}
}

// FindJobByID returns the job with id, or ENOTFOUND.
func (t *tx) FindJobByID(id string) (*ats.Job, error) {
	row, err := t.q.GetJob(t.ctx, id)
	if err != nil {
		return nil, lookup(err, "Job", "find job")
	}
	return jobFromRow(row), nil
}

// FindJobByNumber returns the job with the human number (J-1042).
func (t *tx) FindJobByNumber(number string) (*ats.Job, error) {
	row, err := t.q.GetJobByNumber(t.ctx, number)
	if err != nil {
		return nil, lookup(err, "Job", "find job by number")
	}
	return jobFromRow(row), nil
}

// FindJobs returns a page of jobs, newest first, and the total count.
// Query is folded and matched as a substring of the title or number.
func (t *tx) FindJobs(f ats.JobFilter) ([]*ats.Job, int, error) {
	limit, offset := page(f.Page)
	pattern := likePattern(ats.FoldQuery(f.Query))
	roles := memberRoles(f.MemberRoles)
	rows, err := t.q.ListJobs(t.ctx, dbq.ListJobsParams{Status: string(f.Status), Pattern: pattern,
		MemberID: f.MemberID, MemberRoles: roles, Lim: limit, Off: offset})
	if err != nil {
		return nil, 0, wrap(err, "find jobs")
	}
	total, err := t.q.CountJobs(t.ctx, dbq.CountJobsParams{Status: string(f.Status), Pattern: pattern,
		MemberID: f.MemberID, MemberRoles: roles})
	if err != nil {
		return nil, 0, wrap(err, "count jobs")
	}
	out := make([]*ats.Job, len(rows))
	for i, r := range rows {
		out[i] = jobFromRow(r)
	}
	return out, int(total), nil
}

// memberRoles is the comma-separated list the job queries match a seat
// against. Team roles are fixed identifiers without commas or LIKE
// wildcards; anything else is dropped, so a stray value cannot widen the
// match. An empty list means any seat; a list of only unknown roles
// matches none.
func memberRoles(roles []ats.TeamRole) string {
	out := make([]string, 0, len(roles))
	for _, r := range roles {
		switch r {
		case ats.TeamHiringManager, ats.TeamRecruiter, ats.TeamInterviewer:
			out = append(out, string(r))
		}
	}
	if len(out) == 0 && len(roles) > 0 {
		return "none"
	}
	return strings.Join(out, ",")
}

// UpdateJob saves every field of j but its number and creation details, and
// queues the job for sync. What else LinkedIn holds from the job is queued
// too when it changed: the applications, which repeat its title, and its
// ACL, which depends on its availability and exists only once the job
// leaves Draft.
func (t *tx) UpdateJob(j *ats.Job) error {
	old, err := t.q.GetJobSyncFields(t.ctx, j.ID)
	if err != nil {
		return lookup(err, "Job", "find job")
	}
	t.stamp(&j.UpdatedAt)
	n, err := t.q.UpdateJob(t.ctx, jobParams(j))
	if err := changed(n, err, "Job", "update job"); err != nil {
		return err
	}
	return t.queueJobChange(j, old)
}

// queueJobChange queues the job, its ACL when its availability or
// draftness changed from old, and its applications (one coalesced row
// each) when its title did.
func (t *tx) queueJobChange(j *ats.Job, old dbq.GetJobSyncFieldsRow) error {
	refs := []ref{{ats.EntityJob, j.ID, "", ""}}
	wasDraft := ats.JobStatus(old.Status) == ats.JobDraft
	if ats.Availability(old.Availability) != j.Availability || wasDraft != (j.Status == ats.JobDraft) {
		refs = append(refs, ref{ats.EntityTeam, j.ID, "", ""})
	}
	if err := t.record(ats.OutboxUpsert, refs...); err != nil {
		return err
	}
	if old.Title == j.Title {
		return nil
	}
	n, err := t.q.QueueJobApplications(t.ctx, dbq.QueueJobApplicationsParams{Now: t.now, JobID: j.ID})
	return t.queuedRows(n, err, "queue job applications")
}

// DeleteJob removes the job; its phases, team and applications (with their
// phase entries and feedback) go by ON DELETE CASCADE, application notes are
// deleted here. Every synced entity that disappears gets an outbox delete,
// so the ids are collected before anything is removed.
func (t *tx) DeleteJob(id string) error {
	if _, err := t.FindJobByID(id); err != nil {
		return err
	}
	apps, err := t.q.ListApplicationIDsByJob(t.ctx, id)
	if err != nil {
		return wrap(err, "find job applications")
	}
	for _, appID := range apps {
		if err := t.dropApplication(appID); err != nil {
			return err
		}
	}
	if err := t.record(ats.OutboxDelete, ref{ats.EntityTeam, id, "", ""}, ref{ats.EntityJob, id, "", ""}); err != nil {
		return err
	}
	n, err := t.q.DeleteJob(t.ctx, id)
	return changed(n, err, "Job", "delete job")
}

// FindJobPhases returns the job's process in position order.
func (t *tx) FindJobPhases(jobID string) ([]ats.Phase, error) {
	rows, err := t.q.ListJobPhases(t.ctx, jobID)
	if err != nil {
		return nil, wrap(err, "find job phases")
	}
	if len(rows) == 0 {
		if _, err := t.FindJobByID(jobID); err != nil {
			return nil, err
		}
	}
	out := make([]ats.Phase, len(rows))
	for i, p := range rows {
		out[i] = ats.Phase{ID: p.ID, Name: p.Name, Kind: ats.PhaseKind(p.Kind), Position: int(p.Position), Enabled: p.Enabled}
	}
	return out, nil
}

// ReplaceJobPhases saves the job's complete phase list (matched by ID, as
// for templates). Removing a phase that still holds applications is
// ECONFLICT. The job is queued for sync.
func (t *tx) ReplaceJobPhases(jobID string, phases []ats.Phase) error {
	old, err := t.FindJobPhases(jobID)
	if err != nil {
		return err
	}
	if err := t.saveJobPhases(jobID, phases); err != nil {
		return err
	}
	keep := phaseIDs(phases)
	for _, p := range old {
		if !keep[p.ID] {
			if err := t.deleteJobPhase(jobID, p); err != nil {
				return err
			}
		}
	}
	return t.record(ats.OutboxUpsert, ref{ats.EntityJob, jobID, "", ""})
}

func (t *tx) saveJobPhases(jobID string, phases []ats.Phase) error {
	return savePhases(phases, func(p ats.Phase) (int64, error) {
		return t.q.UpsertJobPhase(t.ctx, dbq.UpsertJobPhaseParams{
			ID: p.ID, JobID: jobID, Name: p.Name, Kind: string(p.Kind), Position: int64(p.Position), Enabled: p.Enabled,
		})
	})
}

func (t *tx) deleteJobPhase(jobID string, p ats.Phase) error {
	n, err := t.q.CountPhaseApplications(t.ctx, p.ID)
	if err != nil {
		return wrap(err, "count phase applications")
	}
	if n > 0 {
		return conflict("The phase %s still holds applications; move them first.", p.Name)
	}
	err = t.q.DeleteJobPhase(t.ctx, dbq.DeleteJobPhaseParams{ID: p.ID, JobID: jobID})
	return wrap(err, "delete job phase")
}

// FindTeam returns the hiring team with user names and emails: hiring
// managers, then recruiters, then interviewers, each by name.
func (t *tx) FindTeam(jobID string) ([]ats.TeamMember, error) {
	rows, err := t.q.ListTeam(t.ctx, jobID)
	if err != nil {
		return nil, wrap(err, "find team")
	}
	if len(rows) == 0 {
		if _, err := t.FindJobByID(jobID); err != nil {
			return nil, err
		}
	}
	out := make([]ats.TeamMember, len(rows))
	for i, r := range rows {
		out[i] = ats.TeamMember{UserID: r.UserID, Role: ats.TeamRole(r.Role), Name: r.Name, Email: r.Email}
	}
	return out, nil
}

// ReplaceTeam sets the job's hiring team and queues the team for sync (it
// decides who may see a PRIVATE job on LinkedIn).
func (t *tx) ReplaceTeam(jobID string, team []ats.TeamMember) error {
	if _, err := t.FindJobByID(jobID); err != nil {
		return err
	}
	if err := t.q.DeleteTeam(t.ctx, jobID); err != nil {
		return wrap(err, "clear team")
	}
	if err := t.insertTeam(jobID, team); err != nil {
		return err
	}
	return t.record(ats.OutboxUpsert, ref{ats.EntityTeam, jobID, "", ""})
}

// insertTeam adds each seat; a user listed twice is ECONFLICT and an unknown
// user ENOTFOUND.
func (t *tx) insertTeam(jobID string, team []ats.TeamMember) error {
	for _, m := range team {
		n, err := t.q.InsertTeamMember(t.ctx, dbq.InsertTeamMemberParams{JobID: jobID, UserID: m.UserID, Role: string(m.Role)})
		if err != nil {
			return teamErr(err)
		}
		if n == 0 {
			return conflict("A user can hold only one seat on a hiring team.")
		}
	}
	return nil
}

func teamErr(err error) error {
	if sqldb.IsForeignKeyViolation(err) {
		return notFound("Team member user")
	}
	return wrap(err, "add team member")
}

// FindTeamRole returns the user's seat on the job, TeamNone if none.
func (t *tx) FindTeamRole(jobID, userID string) (ats.TeamRole, error) {
	role, err := t.q.GetTeamRole(t.ctx, dbq.GetTeamRoleParams{JobID: jobID, UserID: userID})
	if errors.Is(err, sql.ErrNoRows) {
		return ats.TeamNone, nil
	}
	if err != nil {
		return ats.TeamNone, wrap(err, "find team role")
	}
	return ats.TeamRole(role), nil
}

// CountApplications counts the job's applications by phase id, all statuses
// together; phases without applications are absent (read as zero).
func (t *tx) CountApplications(jobID string) (ats.JobCounts, error) {
	if _, err := t.FindJobByID(jobID); err != nil {
		return nil, err
	}
	rows, err := t.q.CountApplicationsByPhase(t.ctx, jobID)
	if err != nil {
		return nil, wrap(err, "count applications")
	}
	out := make(ats.JobCounts, len(rows))
	for _, r := range rows {
		out[r.PhaseID] = int(r.N)
	}
	return out, nil
}

func jobFromRow(r dbq.Job) *ats.Job {
	return &ats.Job{
		ID: r.ID, Number: r.Number, Title: r.Title, Description: r.Description,
		Location:       ats.Location{City: r.City, Region: r.Region, CountryCode: r.CountryCode, PostalCode: r.PostalCode},
		EmploymentType: ats.EmploymentType(r.EmploymentType), Openings: int(r.Openings),
		Availability: ats.Availability(r.Availability), Status: ats.JobStatus(r.Status),
		CloseReason: ats.CloseReason(r.CloseReason), TemplateID: r.TemplateID, CreatedBy: r.CreatedBy,
		CreatedAt: r.CreatedAt.UTC(), UpdatedAt: r.UpdatedAt.UTC(),
		ActivatedAt: timePtr(r.ActivatedAt), ClosedAt: timePtr(r.ClosedAt),
	}
}
