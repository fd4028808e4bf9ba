package ats

import "time"

// IntegrationStage is where this instance stands in LinkedIn's setup flow
// (rsc-api.md §6.1): provisioned once the child app exists, partner ready
// once the integrations are named and configured, enabled once a Recruiter
// admin switches access on, disabled when it is switched off.
type IntegrationStage string

// Integration stages.
const (
	StageNotConnected IntegrationStage = "not_connected"
	StageProvisioned  IntegrationStage = "provisioned"
	StagePartnerReady IntegrationStage = "partner_ready"
	StageEnabled      IntegrationStage = "enabled"
	StageDisabled     IntegrationStage = "disabled"
)

// AccessLevel is what the Recruiter admin enabled: company level (export,
// In-ATS indicator, profile plugin) or contract level (also InMail, notes
// and stubs through CSA_API).
type AccessLevel string

// Access levels.
const (
	AccessNone     AccessLevel = ""
	AccessCompany  AccessLevel = "company"
	AccessContract AccessLevel = "contract"
)

// LinkedInIntegration is this instance's connection to LinkedIn: the child
// app provisioned for it, the organization and contract the Recruiter admin
// requested, and how far the setup went. There is one per instance; a
// missing one reads as StageNotConnected with PUBLIC job availability.
type LinkedInIntegration struct {
	Stage       IntegrationStage `json:"stage"`
	AccessLevel AccessLevel      `json:"access_level"`
	// InstanceID is this instance's uniqueForeignId at LinkedIn, made once
	// and saved before the child app is created, so a retried Connect
	// finds the app it already made instead of making a second.
	InstanceID string `json:"instance_id,omitempty"`
	// AppURN, ClientID and ClientSecret are the provisioned child app
	// (urn:li:developerApplication:…); the secret never leaves the server.
	AppURN       string `json:"app_urn,omitempty"`
	ClientID     string `json:"client_id,omitempty"`
	ClientSecret string `json:"-"`
	Organization string `json:"organization,omitempty"` // urn:li:organization:…
	Contract     string `json:"contract,omitempty"`     // urn:li:contract:…
	RequestID    string `json:"request_id,omitempty"`   // the widget's last requestId
	// JobAvailability is the default for new jobs: PUBLIC, or PRIVATE
	// (sent as PRIVATE_TO_ATS_INTEGRATION); each job can override it.
	JobAvailability Availability `json:"job_availability"`
	StatusChangedAt *time.Time   `json:"status_changed_at,omitempty"`
	UpdatedAt       time.Time    `json:"updated_at"`
	// Progress is the historical sync's, saved separately (SaveSyncProgress)
	// so progress writes never race setup-flow writes.
	Progress SyncProgress `json:"historical_sync"`
}

// SyncState is the historical sync's state.
type SyncState string

// Historical sync states.
const (
	SyncNotStarted SyncState = ""
	SyncRunning    SyncState = "running"
	SyncDone       SyncState = "done"
)

// SyncProgress is how far the historical sync got. Kind and Cursor say
// where to resume: every entity of Kind with an id ≤ Cursor, and every
// entity of the kinds before Kind in SyncOrder, has been sent.
type SyncProgress struct {
	State  SyncState  `json:"state"`
	Kind   EntityKind `json:"kind,omitempty"`
	Cursor string     `json:"-"`
	// Ahead lists the entities of Kind after Cursor that were already
	// sent (calls go out concurrently, so what is done need not be a
	// prefix); a resumed sync skips them.
	Ahead      []string   `json:"-"`
	Done       int64      `json:"done"`
	Total      int64      `json:"total"`
	StartedAt  *time.Time `json:"started_at,omitempty"`
	FinishedAt *time.Time `json:"finished_at,omitempty"`
}

// SyncOrder is the dependency order in which entities are sent: a job
// before the applications that reference it, a candidate before theirs, an
// application before its stages, notes and feedback, and ACLs last.
var SyncOrder = []EntityKind{EntityJob, EntityCandidate, EntityApplication, EntityStage, EntityNote, EntityFeedback, EntityTeam}

// SyncFailure is an entity LinkedIn refused for good (a 422 with its
// message, or retries used up). It stays listed until a later send of the
// entity succeeds or an admin retries it.
type SyncFailure struct {
	EntityKind EntityKind `json:"entity_kind"`
	EntityID   string     `json:"entity_id"`
	ParentKind EntityKind `json:"parent_kind,omitempty"`
	ParentID   string     `json:"parent_id,omitempty"`
	Op         OutboxOp   `json:"op"`
	Status     int        `json:"status"`
	Message    string     `json:"message"`
	Attempts   int        `json:"attempts"`
	FailedAt   time.Time  `json:"failed_at"`
}

// JobTask is LinkedIn's processing of the last record sent for a job:
// LinkedIn posts jobs asynchronously and answers each record taken with a
// task to check a few minutes later (rsc-api.md §3.5). Status is
// LinkedIn's (IN_PROGRESS, SUCCEEDED, FAILED, PROCESSED) or JobTaskExpired
// when LinkedIn no longer knows the task; Message is its error, if any;
// JobPosting is the urn:li:jobPosting it made of the job, kept from an
// earlier task until a newer one reports its own.
type JobTask struct {
	JobID       string     `json:"-"`
	TaskURN     string     `json:"task"`
	SubmittedAt time.Time  `json:"submitted_at"`
	CheckAt     *time.Time `json:"check_at,omitempty"` // nil once settled
	Status      string     `json:"status"`
	Message     string     `json:"message,omitempty"`
	JobPosting  string     `json:"job_posting,omitempty"`
	CheckedAt   *time.Time `json:"checked_at,omitempty"`
}

// Job task statuses the ATS sets itself; the rest are LinkedIn's.
const (
	JobTaskInProgress = "IN_PROGRESS"
	JobTaskExpired    = "EXPIRED" // LinkedIn no longer knows the task (they live 24 hours to 30 days)
)

// SyncCounts is how many records of each kind a historical sync sends, for
// its progress total.
type SyncCounts map[EntityKind]int64

// Withheld entities are not sent (the Prospect rule): an application in a
// Prospect phase, what hangs off it, and a candidate whose applications
// are all still in Prospect, with that candidate's notes.

// SyncJob is a job as the sync engine sends it.
type SyncJob struct {
	Job Job
	// Sent reports whether LinkedIn already has the job (so the operation
	// is UPDATE or CLOSE rather than CREATE).
	Sent bool
}

// SyncCandidate is a candidate as the sync engine sends it.
type SyncCandidate struct {
	Candidate Candidate
	Withheld  bool
}

// SyncApplication is an application with what its RSC record repeats of
// the candidate and the job.
type SyncApplication struct {
	Application Application // Candidate summary filled
	JobTitle    string
	Withheld    bool
}

// SyncStages is an application's phase history, every entry one RSC stage.
type SyncStages struct {
	ApplicationID string
	Entries       []PhaseEntry // oldest first, PhaseName filled
	Withheld      bool
}

// SyncNote is a candidate or application note with its author's name.
type SyncNote struct {
	Note     Note
	Withheld bool
}

// SyncFeedback is interview feedback with the interviewer's name.
type SyncFeedback struct {
	Feedback Feedback
	Withheld bool
}

// SyncTeam is what a job's ACL needs: the job's availability and the
// person URNs of its hiring team members who connected LinkedIn.
type SyncTeam struct {
	JobID        string
	Availability Availability
	Assignees    []string // sorted, distinct
	// SentAssignees is what the last successful ACL send put there, so
	// removals can be deleted.
	SentAssignees []string
	Sent          bool // an ACL exists on LinkedIn
}

// LinkedInTx stores the integration state and gives the sync engine its
// reads. The Sync… readers take after (exclusive keyset cursor, "" for the
// start) and only (one id, or "" for all): the historical sync pages with
// after, the outbox drainer asks for one entity with only. All return
// entities in id order, whatever their status (closed jobs included).
type LinkedInTx interface {
	FindIntegration() (*LinkedInIntegration, error)
	SaveIntegration(in *LinkedInIntegration) error // all but Progress
	SaveSyncProgress(p SyncProgress) error

	// FindDueOutbox lists up to limit outbox rows of kind whose next
	// attempt is due at or before due, oldest change first.
	FindDueOutbox(kind EntityKind, due time.Time, limit int) ([]OutboxEntry, error)
	// NextOutboxDue is the earliest next attempt of any row (nil if none).
	NextOutboxDue() (*time.Time, error)
	// AckOutbox removes the row if it still has version (a newer change
	// keeps it queued) and clears any failure listed for the entity.
	AckOutbox(kind EntityKind, id string, version int64) error
	// DeferOutbox schedules a retry of the row at version: Attempts+1 and
	// the next attempt at notBefore. A newer version is left alone.
	DeferOutbox(kind EntityKind, id string, version int64, notBefore time.Time) error
	// FailOutbox moves the row at version into the failures list.
	FailOutbox(e OutboxEntry, status int, message string) error
	// ClearOutboxUpserts drops queued upserts (a historical sync is about
	// to send every entity's latest state); deletes stay queued.
	ClearOutboxUpserts() error
	// QueueSync records an upsert in the outbox for each entity, as a
	// write to it would.
	QueueSync(refs ...OutboxEntry) error
	// QueueCandidateSync queues the candidate with their notes and all
	// their applications with those applications' stages, notes and
	// feedback (an application just left Prospect).
	QueueCandidateSync(candidateID string) error
	// QueueTeamsOf queues the ACL of every job whose team includes user.
	QueueTeamsOf(userID string) error
	CountOutbox() (int, error)

	FindSyncFailures(p Page) ([]*SyncFailure, int, error) // newest first
	// RetrySyncFailures queues every listed failure again (with its op)
	// and empties the list; it returns how many.
	RetrySyncFailures() (int, error)

	// RecordNotification remembers a push notification id; false means it
	// was seen before.
	RecordNotification(id string, at time.Time) (bool, error)

	CountSyncable() (SyncCounts, error)
	SyncJobs(after, only string, limit int) ([]SyncJob, error)
	SyncCandidates(after, only string, limit int) ([]SyncCandidate, error)
	SyncApplications(after, only string, limit int) ([]SyncApplication, error)
	SyncStages(after, only string, limit int) ([]SyncStages, error) // by application id; apps with no entries skipped
	SyncNotes(after, only string, limit int) ([]SyncNote, error)
	SyncFeedback(after, only string, limit int) ([]SyncFeedback, error)
	SyncTeams(after, only string, limit int) ([]SyncTeam, error) // jobs by id

	// MarkTeamSent records the assignees last sent (sent false: the ACL
	// was deleted).
	MarkTeamSent(jobID string, sent bool, assignees []string) error
	// SaveSentJob records that LinkedIn has the job as sent: sent is the
	// record it last took (the rsc.Job JSON, opaque to the store), which a
	// deleted job is closed with, since RSC has no job delete.
	SaveSentJob(jobID string, sent []byte) error
	// FindSentJob returns the record saved by SaveSentJob; ok is false when
	// LinkedIn has no job or none was saved. ForgetSentJob drops the job
	// from the mirror once LinkedIn closed it for good. Both work on the
	// mirror alone, so on a job deleted here.
	FindSentJob(jobID string) (sent []byte, ok bool, err error)
	ForgetSentJob(jobID string) error
	// SaveJobTask records the task of a job record LinkedIn took just now
	// (the transaction's time), to be checked at checkAt; it replaces the
	// job's earlier task.
	SaveJobTask(jobID, taskURN string, checkAt time.Time) error
	// FindDueJobTasks returns up to limit tasks whose check is due at now,
	// most overdue first.
	FindDueJobTasks(now time.Time, limit int) ([]*JobTask, error)
	// SaveJobTaskCheck records a check of t (Status, Message, JobPosting,
	// CheckAt, CheckedAt) unless the job's task was replaced meanwhile;
	// false means it was.
	SaveJobTaskCheck(t *JobTask) (bool, error)
	// FindJobTask returns the job's last task; ENOTFOUND when LinkedIn was
	// never sent the job.
	FindJobTask(jobID string) (*JobTask, error)
	// FindSentTeam returns the assignees the job's ACL holds on LinkedIn
	// (ok false: it has no ACL), from the mirror alone, so the ACL of a
	// deleted job can be emptied and deleted.
	FindSentTeam(jobID string) (assignees []string, ok bool, err error)
	// SetCandidatePersonURN stores the member LinkedIn matched, without
	// queueing the candidate (the URN is not part of what is sent).
	SetCandidatePersonURN(candidateID, personURN string) error
	// SetUserLinkedIn stores a user's member and seat URNs ("" clears)
	// and queues the ACLs of the jobs whose team they are on.
	SetUserLinkedIn(userID, personURN, seatURN string) error
	// FindUserByPersonURN finds the user connected to the member.
	FindUserByPersonURN(personURN string) (*User, error)
}
