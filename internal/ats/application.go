package ats

import "time"

// ApplicationStatus is the outcome state of a candidacy.
type ApplicationStatus string

// Application statuses.
const (
	AppActive    ApplicationStatus = "active"
	AppRejected  ApplicationStatus = "rejected"
	AppHired     ApplicationStatus = "hired"
	AppWithdrawn ApplicationStatus = "withdrawn"
)

// Application is one candidate's candidacy for one job.
type Application struct {
	ID              string            `json:"id"`
	CandidateID     string            `json:"candidate_id"`
	JobID           string            `json:"job_id"`
	PhaseID         string            `json:"phase_id"`
	PhaseName       string            `json:"phase_name,omitempty"`
	PhaseKind       PhaseKind         `json:"phase_kind,omitempty"`
	Status          ApplicationStatus `json:"status"`
	RejectionReason string            `json:"rejection_reason,omitempty"`
	Source          string            `json:"source"`
	Prospect        bool              `json:"prospect"`
	CreatedBy       string            `json:"created_by"`
	CreatedAt       time.Time         `json:"created_at"`
	UpdatedAt       time.Time         `json:"updated_at"`
	// Candidate is filled by lists that show who applied.
	Candidate *CandidateSummary `json:"candidate,omitempty"`
}

// CandidateSummary is what a pipeline shows of an applicant.
type CandidateSummary struct {
	Number    string `json:"number"`
	FirstName string `json:"first_name"`
	LastName  string `json:"last_name"`
	Email     string `json:"email"`
}

// ApplicationInput adds a candidate to a job, as a prospect or an applicant.
type ApplicationInput struct {
	CandidateID string `json:"candidate_id"`
	JobID       string `json:"job_id"`
	Prospect    bool   `json:"prospect"`
	Source      string `json:"source"`
}

// ApplicationFilter selects applications; at least one of the ids is set by
// callers. Status and PhaseID narrow further.
type ApplicationFilter struct {
	JobID       string
	CandidateID string
	PhaseID     string
	Status      ApplicationStatus
	Page
}

// PhaseEntry records that an application entered a phase.
type PhaseEntry struct {
	ID            string    `json:"id"`
	ApplicationID string    `json:"application_id"`
	PhaseID       string    `json:"phase_id"`
	PhaseName     string    `json:"phase_name"`
	EnteredAt     time.Time `json:"entered_at"`
	EnteredBy     string    `json:"entered_by"`
}

// Limits on application fields.
const (
	MaxReason = 500
	MaxSource = 100
)

// DefaultRejectionReasons are offered by the interface; any text is allowed.
var DefaultRejectionReasons = []string{"Not qualified", "Position filled", "Candidate withdrew",
	"Other candidate more qualified", "Failed assessment", "Other"}
