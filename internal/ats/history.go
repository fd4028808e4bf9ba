package ats

import "time"

// EntityKind names the kinds of records that are audited and synced.
type EntityKind string

// Entity kinds. The outbox orders them for sending: jobs before candidates
// before applications before what hangs off applications.
const (
	EntityJob         EntityKind = "job"
	EntityCandidate   EntityKind = "candidate"
	EntityApplication EntityKind = "application"
	EntityStage       EntityKind = "stage"
	EntityNote        EntityKind = "note"
	EntityFeedback    EntityKind = "feedback"
	EntityTeam        EntityKind = "team"
)

// Change is one field's old and new value, as shown in the history.
type Change struct {
	Field string `json:"field"`
	From  string `json:"from"`
	To    string `json:"to"`
}

// HistoryEntry records who changed a job, candidate or application, when,
// and which fields from what to what.
type HistoryEntry struct {
	ID         string     `json:"id"`
	EntityKind EntityKind `json:"entity_kind"`
	EntityID   string     `json:"entity_id"`
	Action     string     `json:"action"`
	ActorID    string     `json:"actor_id"`
	ActorName  string     `json:"actor_name,omitempty"`
	At         time.Time  `json:"at"`
	Changes    []Change   `json:"changes"`
}

// OutboxOp says whether the entity must be sent (upsert) or removed.
type OutboxOp string

// Outbox operations.
const (
	OutboxUpsert OutboxOp = "upsert"
	OutboxDelete OutboxOp = "delete"
)

// OutboxEntry asks the sync engine to send an entity's latest state to
// LinkedIn, or to delete it there. There is one row per entity: later
// changes overwrite the operation and bump Version, so a burst of edits is
// sent once.
type OutboxEntry struct {
	EntityKind EntityKind `json:"entity_kind"`
	EntityID   string     `json:"entity_id"`
	Op         OutboxOp   `json:"op"`
	Version    int64      `json:"version"`
	// ParentID ties an entity to its owner (the application of a stage,
	// note or feedback; the candidate of a candidate note) for deletes,
	// which cannot read the owner back.
	ParentID string `json:"parent_id"`
	// ParentKind says what ParentID is (a note's subject may be a
	// candidate or an application).
	ParentKind EntityKind `json:"parent_kind,omitempty"`
	UpdatedAt  time.Time  `json:"updated_at"`
	// Attempts counts failed sends of this version; NotBefore is when the
	// next may be made.
	Attempts  int       `json:"attempts"`
	NotBefore time.Time `json:"not_before"`
}
