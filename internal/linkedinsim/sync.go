package linkedinsim

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"attractor/internal/linkedinsim/restli"
)

// This file holds what the sync resources share (rsc-api.md §3.5–§3.12):
// record keys, the storage contract, strict decoding of records into
// LinkedIn's 422 messages, and the authorization of integration contexts.
// sync_job.go, sync_candidate.go, sync_application.go and sync_acl.go hold
// one resource each.

// RecordKey addresses a synced record the way LinkedIn keys it, within the
// ATS instance that synced it: the child app, the organization of its
// integrationContext and the ATS's own id (dataProvider is always ATS, so
// it is not kept). Two ATS instances enabled on one organization have
// disjoint data, even under the same ids. The service sets AppID from the
// calling app (scopeKeys); callers never choose it.
type RecordKey struct {
	AppID          int64
	OrganizationID int64
	ID             string
}

// String renders the key for messages.
func (k RecordKey) String() string { return OrganizationURN(k.OrganizationID) + "/" + k.ID }

// scoped returns a copy of items with set applied to each: how a call's
// keys and records are bound to the calling app's own data, whatever the
// request said.
func scoped[T any](items []T, set func(*T)) []T {
	out := make([]T, len(items))
	for i, it := range items {
		set(&it)
		out[i] = it
	}
	return out
}

// scopeKeys returns keys addressed within app's own data.
func scopeKeys(app *App, keys []RecordKey) []RecordKey {
	return scoped(keys, func(k *RecordKey) { k.AppID = app.ID })
}

// scopeWrites returns ws addressed within app's own data.
func scopeWrites(app *App, ws []EntityWrite) []EntityWrite {
	return scoped(ws, func(w *EntityWrite) { w.Key.AppID = app.ID })
}

// scopeKey returns key addressed within app's own data.
func scopeKey(app *App, key RecordKey) RecordKey {
	key.AppID = app.ID
	return key
}

// EntityWrite is one entity of a batch write: its key and its JSON record
// as the partner sent it. The service decodes and validates it.
type EntityWrite struct {
	Key  RecordKey
	Body json.RawMessage
}

// SubKind names a sub-resource kind: the notes of a candidate, and the
// notes, interview feedback and stages of an application.
type SubKind string

// The sub-resource kinds (rsc-api.md §3.7, §3.9–§3.11).
const (
	KindCandidateNote     SubKind = "candidateNote"
	KindApplicationNote   SubKind = "note"
	KindInterviewFeedback SubKind = "interviewFeedback"
	KindStage             SubKind = "stage"
)

// SubRecord is one note, interview feedback or stage. Parent is the
// candidate (KindCandidateNote) or the application (the other kinds).
type SubRecord struct {
	Parent    RecordKey
	Kind      SubKind
	ID        string
	Body      json.RawMessage // canonical JSON of the validated record
	CreatedAt time.Time
	UpdatedAt time.Time
}

// SyncStore is the storage of synced data, every record owned by the app
// that synced it (RecordKey.AppID, the AppID of records): no method reads,
// writes or deletes another app's records. Put methods upsert their whole
// slice in one transaction, so a failure writes nothing. Find methods
// return a slice aligned with their input, nil where nothing is stored;
// Delete methods report, aligned, which records existed. Sub-record writes
// whose parent does not exist are ENOTFOUND.
type SyncStore interface {
	// PutJobs upserts jobs and inserts tasks[i] for jobs[i]. It assigns
	// JobPostingID to new jobs, keeps it for existing ones and copies it
	// into the task. A task's ErrorMessage is stored as given and read
	// back by FindJobTasks.
	PutJobs(ctx context.Context, jobs []*Job, tasks []*JobTask) error
	FindJobs(ctx context.Context, keys []RecordKey) ([]*Job, error)
	// FindJobTasks returns appID's tasks; another app's task is nil.
	FindJobTasks(ctx context.Context, appID int64, ids []string) ([]*JobTask, error)
	// JobsVisibleTo returns the jobs of every app in the seat's
	// organization that the seat's member may see under the ACLs of the
	// job's own app; ENOTFOUND for an unknown seat.
	JobsVisibleTo(ctx context.Context, seatID int64) ([]*Job, error)

	PutCandidates(ctx context.Context, cs []*Candidate) error
	FindCandidates(ctx context.Context, keys []RecordKey) ([]*Candidate, error)
	// SetCandidateMatches sets the manual match of every key ("" clears it);
	// ENOTFOUND, and nothing written, if one candidate is missing.
	SetCandidateMatches(ctx context.Context, keys []RecordKey, members []string, at time.Time) error
	DeleteCandidates(ctx context.Context, keys []RecordKey) ([]bool, error)
	// PersonExists reports whether a member has that urn:li:person.
	PersonExists(ctx context.Context, personURN string) (bool, error)

	PutApplications(ctx context.Context, as []*Application) error
	FindApplications(ctx context.Context, keys []RecordKey) ([]*Application, error)
	DeleteApplications(ctx context.Context, keys []RecordKey) ([]bool, error)

	PutSubRecords(ctx context.Context, recs []*SubRecord) error
	FindSubRecords(ctx context.Context, parent RecordKey, kind SubKind, ids []string) ([]*SubRecord, error)
	ListSubRecords(ctx context.Context, parent RecordKey, kind SubKind) ([]*SubRecord, error)
	DeleteSubRecords(ctx context.Context, parent RecordKey, kind SubKind, ids []string) ([]bool, error)

	PutACLs(ctx context.Context, acls []ACL) error
	DeleteACLs(ctx context.Context, acls []ACL) ([]bool, error)
	// ListACLs returns appID's ACLs in an organization by entity.
	ListACLs(ctx context.Context, appID, organizationID int64) ([]ACL, error)
	PutACLAssignees(ctx context.Context, as []ACLAssignee) error
	DeleteACLAssignees(ctx context.Context, as []ACLAssignee) ([]bool, error)
	// ListACLAssignees returns appID's ACL assignees in an organization by
	// member.
	ListACLAssignees(ctx context.Context, appID, organizationID int64) ([]ACLAssignee, error)
}

// ParseOrganizationURN returns the id in urn:li:organization:{id}, or an
// EINVALID error.
func ParseOrganizationURN(s string) (int64, error) {
	return parseNumericURN(s, organizationURNPrefix)
}

// authorizeOrgs checks app is a child app that may sync into every
// distinct organization of keys (CapSync). The first refusal refuses the
// whole request, before anything is read or written.
func (s *Service) authorizeOrgs(ctx context.Context, app *App, orgs ...int64) error {
	if err := requireChildToken(app); err != nil {
		return err
	}
	seen := map[int64]bool{}
	for _, o := range orgs {
		if seen[o] {
			continue
		}
		seen[o] = true
		if err := s.Authorize(ctx, app, OrganizationURN(o), CapSync); err != nil {
			return err
		}
	}
	return nil
}

// keyOrgs lists the organizations of keys.
func keyOrgs(keys []RecordKey) []int64 {
	out := make([]int64, len(keys))
	for i, k := range keys {
		out[i] = k.OrganizationID
	}
	return out
}

// writeKeys lists the keys of writes.
func writeKeys(ws []EntityWrite) []RecordKey {
	out := make([]RecordKey, len(ws))
	for i, w := range ws {
		out[i] = w.Key
	}
	return out
}

// unprocessable turns violations into the per-entity 422 error, or nil.
func unprocessable(vs restli.Violations) error {
	if len(vs) == 0 {
		return nil
	}
	return &Error{Code: EUNPROCESSABLE, Message: vs.Message()}
}

// decodeRecord decodes one JSON object into v, rejecting unknown fields
// and wrong types with LinkedIn's "ERROR :: /field :: message" text.
func decodeRecord(raw json.RawMessage, v any) restli.Violations {
	trimmed := bytes.TrimSpace(raw)
	if len(trimmed) == 0 || trimmed[0] != '{' {
		return restli.Violations{restli.FieldError("", "record must be a JSON object")}
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	err := dec.Decode(v)
	if err == nil {
		if _, extra := dec.Token(); extra != io.EOF {
			return restli.Violations{restli.FieldError("", "unexpected data after the record")}
		}
		return nil
	}
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &typ):
		path := "/" + strings.ReplaceAll(typ.Field, ".", "/")
		return restli.Violations{restli.FieldError(path, fmt.Sprintf("%s is not a valid %s", typ.Value, jsonType(typ.Type.Kind().String())))}
	case strings.HasPrefix(err.Error(), "json: unknown field "):
		name := strings.Trim(strings.TrimPrefix(err.Error(), "json: unknown field "), `"`)
		return restli.Violations{restli.FieldError("/"+name, "unrecognized field found but not allowed")}
	}
	return restli.Violations{restli.FieldError("", "malformed record: "+describeJSONError(err))}
}

// jsonType names a Go kind as the JSON type a client should send.
func jsonType(kind string) string {
	switch kind {
	case "int64", "int", "int32":
		return "long"
	case "slice":
		return "array"
	case "struct", "map":
		return "record"
	}
	return kind
}

// canonical re-encodes a decoded record: omitted optional fields stay
// omitted, which is how a PUT's full replace nulls them.
func canonical(v any) json.RawMessage {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err) // records are plain structs; they always marshal
	}
	return b
}

// Actor is a note's author or an interviewer (rsc-api.md §3.7, §3.10):
// both names are required inside it.
type Actor struct {
	FirstName *string `json:"firstName,omitempty"`
	LastName  *string `json:"lastName,omitempty"`
}

func (a *Actor) validate(path string) restli.Violations {
	if a == nil {
		return nil
	}
	var vs restli.Violations
	vs = append(vs, restli.Required(path+"/firstName", a.FirstName != nil)...)
	vs = append(vs, restli.Required(path+"/lastName", a.LastName != nil)...)
	return vs
}

// optionalMillis checks an optional epoch-millis field is > 0.
func optionalMillis(path string, ms *int64) restli.Violations {
	if ms == nil {
		return nil
	}
	return restli.PositiveMillis(path, *ms)
}

// requiredMillis checks a required epoch-millis field is present and > 0.
func requiredMillis(path string, ms *int64) restli.Violations {
	if ms == nil {
		return restli.Required(path, false)
	}
	return restli.PositiveMillis(path, *ms)
}

// requiredText checks a required string is present with ≥ 1 character.
func requiredText(path string, s *string) restli.Violations {
	if s == nil {
		return restli.Required(path, false)
	}
	return restli.MinLength(path, *s, 1)
}

// timestamps checks LinkedIn's Nov-2021 rules for atsCreatedAt and
// atsLastModifiedAt: both required, > 0, modified ≥ created.
func timestamps(created, modified *int64) restli.Violations {
	vs := requiredMillis("/atsCreatedAt", created)
	vs = append(vs, requiredMillis("/atsLastModifiedAt", modified)...)
	if len(vs) == 0 {
		vs = restli.NotBefore("/atsLastModifiedAt", *modified, "atsCreatedAt", *created)
	}
	return vs
}
