package ats

import (
	"context"
	"time"
)

// Store is the persistence the domain needs. Storage engines implement it;
// one conformance suite proves they behave the same.
//
// View runs fn in a read-only transaction. Update runs fn in a read-write
// transaction that commits when fn returns nil and rolls back otherwise, so
// a rule that fails half-way leaves nothing written.
type Store interface {
	View(ctx context.Context, fn func(Tx) error) error
	Update(ctx context.Context, fn func(Tx) error) error
	// NextNumber draws the next value of a named counter in a transaction
	// of its own, committed before it returns; concurrent draws wait for
	// each other rather than fail (see Tx.NextNumber for the values).
	NextNumber(ctx context.Context, counter string) (int64, error)
	// AnalyzeSyncTables refreshes the database's planner statistics of
	// the tables the sync reads, on its own (not in a transaction), before
	// a historical sync: one often follows a bulk import, and a plan made
	// on the empty tables' figures can read every application for each
	// candidate of a page. It only speeds things up; callers may go on
	// when it fails.
	AnalyzeSyncTables(ctx context.Context) error
}

// Tx is one transaction. Lookups return an ENOTFOUND *Error for unknown ids,
// never (nil, nil); writes that break a uniqueness rule return ECONFLICT.
//
// Every write to a job, its hiring team, a candidate, an application, a
// phase entry, a note or feedback, and every deletion, also records an
// OutboxEntry in the same transaction, coalesced per entity.
type Tx interface {
	// Now is the time of this transaction, fixed when it began, in UTC.
	Now() time.Time

	UserTx
	TemplateTx
	JobTx
	CandidateTx
	ApplicationTx
	NoteTx
	PoolTx
	HistoryTx
	LinkedInTx
}

// UserTx stores users and API tokens.
type UserTx interface {
	CreateUser(u *User) error // ECONFLICT when the email is taken (case-insensitively)
	FindUserByID(id string) (*User, error)
	FindUserByEmail(email string) (*User, error)
	FindUsers(f UserFilter) ([]*User, int, error) // ordered by name; f.Query matches name or email, folded
	UpdateUser(u *User) error
	CountUsers() (int, error)
	CreateToken(t *Token) error
	// FindTokenByHash returns the token whose secret hashes to hash.
	FindTokenByHash(hash []byte) (*Token, error)
	TouchToken(id string, at time.Time) error
	FindTokens(userID string) ([]*Token, error) // newest first
	DeleteToken(id string) error
}

// TemplateTx stores process templates.
type TemplateTx interface {
	CreateTemplate(t *ProcessTemplate) error // ECONFLICT on a duplicate name
	FindTemplate(id string) (*ProcessTemplate, error)
	FindTemplates() ([]*ProcessTemplate, error) // ordered by name
	FindDefaultTemplate() (*ProcessTemplate, error)
	// UpdateTemplate saves name, default flag and the complete phase list
	// (phases are matched by ID; missing ones are deleted).
	UpdateTemplate(t *ProcessTemplate) error
	// ClearDefaultTemplate unmarks whichever template is the default.
	ClearDefaultTemplate() error
}

// JobTx stores jobs, their phases and hiring teams.
type JobTx interface {
	// NextNumber returns the next value of a named counter ("job",
	// "candidate"), starting at 1001.
	NextNumber(counter string) (int64, error)
	CreateJob(j *Job, phases []Phase, team []TeamMember) error
	FindJobByID(id string) (*Job, error)
	FindJobByNumber(number string) (*Job, error)
	FindJobs(f JobFilter) ([]*Job, int, error) // newest first
	UpdateJob(j *Job) error
	// DeleteJob removes the job with its phases, team and applications
	// (and theirs: phase entries, notes, feedback).
	DeleteJob(id string) error
	FindJobPhases(jobID string) ([]Phase, error) // in position order
	ReplaceJobPhases(jobID string, phases []Phase) error
	FindTeam(jobID string) ([]TeamMember, error) // with user names and emails
	ReplaceTeam(jobID string, team []TeamMember) error
	// FindTeamRole returns the user's seat on the job, TeamNone if none.
	FindTeamRole(jobID, userID string) (TeamRole, error)
	// CountApplications counts the job's applications by phase id, all
	// statuses together.
	CountApplications(jobID string) (JobCounts, error)
}

// CandidateTx stores candidates.
type CandidateTx interface {
	CreateCandidate(c *Candidate) error // ECONFLICT when any email is taken
	FindCandidateByID(id string) (*Candidate, error)
	FindCandidateByNumber(number string) (*Candidate, error)
	// FindCandidates matches f.Query (already folded with FoldQuery) as a
	// substring of the search key; newest first.
	FindCandidates(f CandidateFilter) ([]*Candidate, int, error)
	UpdateCandidate(c *Candidate) error // ECONFLICT when any email is taken
	// DeleteCandidate removes the candidate with their applications, notes
	// and pool memberships.
	DeleteCandidate(id string) error
	// CandidateOnTeamOf reports whether the candidate has an application on
	// a job where the user holds a seat.
	CandidateOnTeamOf(candidateID, userID string) (bool, error)
}

// ApplicationTx stores applications and their phase history.
type ApplicationTx interface {
	CreateApplication(a *Application) error // ECONFLICT when the candidate already has one for the job
	FindApplication(id string) (*Application, error)
	// FindApplications lists applications with phase name and kind and a
	// candidate summary; oldest first.
	FindApplications(f ApplicationFilter) ([]*Application, int, error)
	UpdateApplication(a *Application) error
	DeleteApplication(id string) error
	AddPhaseEntry(e *PhaseEntry) error
	FindPhaseEntries(applicationID string) ([]PhaseEntry, error) // oldest first
	CreateFeedback(f *Feedback) error
	FindFeedback(applicationID string) ([]*Feedback, error) // oldest first, with interviewer names
}

// NoteTx stores notes.
type NoteTx interface {
	CreateNote(n *Note) error
	FindNote(id string) (*Note, error)
	FindNotes(kind SubjectKind, subjectID string, p Page) ([]*Note, int, error) // newest first, with author names
	UpdateNote(n *Note) error
	DeleteNote(id string) error
}

// PoolTx stores talent pools.
type PoolTx interface {
	CreatePool(p *TalentPool) error // ECONFLICT on a duplicate name (case-insensitive)
	FindPool(id string) (*TalentPool, error)
	FindPoolByName(name string) (*TalentPool, error)
	FindPools(p Page) ([]*TalentPool, int, error) // ordered by name
	UpdatePool(p *TalentPool) error
	DeletePool(id string) error
	// AddPoolMember adds the candidate; adding twice is not an error.
	AddPoolMember(m *PoolMember) error
	RemovePoolMember(poolID, candidateID string) error // ENOTFOUND if not a member
	FindPoolMembers(poolID string, p Page) ([]*Candidate, int, error)
}

// HistoryTx stores the audit trail and exposes the sync outbox.
type HistoryTx interface {
	AddHistory(h *HistoryEntry) error
	FindHistory(kind EntityKind, id string, p Page) ([]*HistoryEntry, int, error) // newest first
	// FindOutbox lists the outbox rows, oldest change first.
	FindOutbox() ([]OutboxEntry, error)
}
