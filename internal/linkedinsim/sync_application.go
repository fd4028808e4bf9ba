package linkedinsim

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"attractor/internal/linkedinsim/restli"
)

// Application is a synced job application (rsc-api.md §3.8). Body is the
// ApplicationRecord as last sent; AppID is the ATS instance that synced it.
type Application struct {
	AppID               int64
	OrganizationID      int64
	ATSJobApplicationID string
	ATSCandidateID      string // "" when the ATS sent none
	ATSJobPostingID     string
	Body                json.RawMessage
	CreatedAt           time.Time
	UpdatedAt           time.Time
}

// Key returns the application's key.
func (a *Application) Key() RecordKey {
	return RecordKey{AppID: a.AppID, OrganizationID: a.OrganizationID, ID: a.ATSJobApplicationID}
}

// ApplicationRecord is an atsApplications entity (rsc-api.md §3.8).
type ApplicationRecord struct {
	ATSCandidateID    *string `json:"atsCandidateId,omitempty"`
	ATSCreatedAt      *int64  `json:"atsCreatedAt,omitempty"`
	ATSLastModifiedAt *int64  `json:"atsLastModifiedAt,omitempty"`
	ATSJobPostingID   *string `json:"atsJobPostingId,omitempty"`
	ATSJobPostingName *string `json:"atsJobPostingName,omitempty"`
	CandidateEmail    *string `json:"candidateEmail,omitempty"`
	FirstName         *string `json:"firstName,omitempty"`
	LastName          *string `json:"lastName,omitempty"`
	Source            *string `json:"source,omitempty"`
	DispositionReason *string `json:"dispositionReason,omitempty"`
}

func (a *ApplicationRecord) validate() restli.Violations {
	vs := timestamps(a.ATSCreatedAt, a.ATSLastModifiedAt)
	vs = append(vs, requiredText("/atsJobPostingId", a.ATSJobPostingID)...)
	vs = append(vs, requiredText("/atsJobPostingName", a.ATSJobPostingName)...)
	if a.CandidateEmail == nil {
		vs = append(vs, restli.Required("/candidateEmail", false)...)
	} else {
		vs = append(vs, restli.Email("/candidateEmail", *a.CandidateEmail)...)
	}
	vs = append(vs, requiredText("/firstName", a.FirstName)...)
	vs = append(vs, requiredText("/lastName", a.LastName)...)
	if a.ATSCandidateID != nil {
		vs = append(vs, restli.MinLength("/atsCandidateId", *a.ATSCandidateID, 1)...)
	}
	return vs
}

// SyncApplications implements atsApplications batch_update (rsc-api.md
// §3.8), a full replace of each application. atsJobPostingId must name a
// job the same app already synced to the same organization (LinkedIn links
// applications to previously submitted jobs), else 422.
func (s *Service) SyncApplications(ctx context.Context, app *App, ws []EntityWrite) ([]error, error) {
	ws = scopeWrites(app, ws)
	if err := s.authorizeOrgs(ctx, app, keyOrgs(writeKeys(ws))...); err != nil {
		return nil, err
	}
	errs := make([]error, len(ws))
	recs := make([]ApplicationRecord, len(ws))
	var jobKeys []RecordKey
	var jobAt []int
	for i, w := range ws {
		vs := decodeRecord(w.Body, &recs[i])
		if vs == nil {
			vs = recs[i].validate()
		}
		if errs[i] = unprocessable(vs); errs[i] == nil {
			jobKeys = append(jobKeys, RecordKey{AppID: w.Key.AppID, OrganizationID: w.Key.OrganizationID, ID: *recs[i].ATSJobPostingID})
			jobAt = append(jobAt, i)
		}
	}
	jobs, err := s.findJobsOnce(ctx, jobKeys)
	if err != nil {
		return nil, err
	}
	var put []*Application
	now := s.now()
	for n, i := range jobAt {
		if jobs[n] == nil {
			errs[i] = unprocessable(restli.Violations{restli.FieldError("/atsJobPostingId",
				fmt.Sprintf("no job with externalJobPostingId %q has been synced for this integrationContext", jobKeys[n].ID))})
			continue
		}
		a := &Application{AppID: ws[i].Key.AppID, OrganizationID: ws[i].Key.OrganizationID, ATSJobApplicationID: ws[i].Key.ID,
			ATSJobPostingID: jobKeys[n].ID, Body: canonical(recs[i]), CreatedAt: now, UpdatedAt: now}
		if recs[i].ATSCandidateID != nil {
			a.ATSCandidateID = *recs[i].ATSCandidateID
		}
		put = append(put, a)
	}
	if len(put) > 0 {
		if err := s.store.PutApplications(ctx, put); err != nil {
			return nil, err
		}
	}
	return errs, nil
}

// findJobsOnce is FindJobs reading each job once: a batch of applications
// mostly names a handful of jobs, each many times.
func (s *Service) findJobsOnce(ctx context.Context, keys []RecordKey) ([]*Job, error) {
	at := make(map[RecordKey]int, len(keys))
	var distinct []RecordKey
	for _, k := range keys {
		if _, ok := at[k]; !ok {
			at[k] = len(distinct)
			distinct = append(distinct, k)
		}
	}
	found, err := s.store.FindJobs(ctx, distinct)
	if err != nil {
		return nil, err
	}
	jobs := make([]*Job, len(keys))
	for i, k := range keys {
		jobs[i] = found[at[k]]
	}
	return jobs, nil
}

// Applications reads applications, aligned with keys (nil when not synced).
func (s *Service) Applications(ctx context.Context, app *App, keys []RecordKey) ([]*Application, error) {
	keys = scopeKeys(app, keys)
	if err := s.authorizeOrgs(ctx, app, keyOrgs(keys)...); err != nil {
		return nil, err
	}
	return s.store.FindApplications(ctx, keys)
}

// DeleteApplications implements atsApplications batch_delete; each
// application's notes, interview feedback and stages go with it
// (rsc-api.md §3.8, §6.6).
func (s *Service) DeleteApplications(ctx context.Context, app *App, keys []RecordKey) ([]error, error) {
	keys = scopeKeys(app, keys)
	if err := s.authorizeOrgs(ctx, app, keyOrgs(keys)...); err != nil {
		return nil, err
	}
	found, err := s.store.DeleteApplications(ctx, keys)
	if err != nil {
		return nil, err
	}
	return notFoundErrs(found, keys, "Application"), nil
}

// NoteRecord is a candidate or application note (rsc-api.md §3.7, §3.9):
// every field optional.
type NoteRecord struct {
	ATSCreatedAt *int64  `json:"atsCreatedAt,omitempty"`
	Note         *string `json:"note,omitempty"`
	Author       *Actor  `json:"author,omitempty"`
}

func (n *NoteRecord) validate() restli.Violations {
	return append(optionalMillis("/atsCreatedAt", n.ATSCreatedAt), n.Author.validate("/author")...)
}

// Evaluation is one interview evaluation, e.g. "Verbal Communication" "4/5".
type Evaluation struct {
	Attribute *string `json:"attribute,omitempty"`
	Result    *string `json:"result,omitempty"`
}

// FeedbackRecord is an interview feedback (rsc-api.md §3.10): every field
// optional.
type FeedbackRecord struct {
	ATSCreatedAt  *int64        `json:"atsCreatedAt,omitempty"`
	Interviewer   *Actor        `json:"interviewer,omitempty"`
	Evaluations   *[]Evaluation `json:"evaluations,omitempty"`
	Feedback      *string       `json:"feedback,omitempty"`
	InterviewType *string       `json:"interviewType,omitempty"`
}

func (f *FeedbackRecord) validate() restli.Violations {
	vs := optionalMillis("/atsCreatedAt", f.ATSCreatedAt)
	vs = append(vs, f.Interviewer.validate("/interviewer")...)
	vs = append(vs, enum("/interviewType", f.InterviewType, false, "PHONE_SCREEN", "ONSITE")...)
	if f.Evaluations != nil {
		for i, e := range *f.Evaluations {
			vs = append(vs, restli.Required(restli.FieldPath("evaluations", i, "attribute"), e.Attribute != nil)...)
			vs = append(vs, restli.Required(restli.FieldPath("evaluations", i, "result"), e.Result != nil)...)
		}
	}
	return vs
}

// StageRecord is one stage an application passed through (rsc-api.md
// §3.11): both fields required.
type StageRecord struct {
	ATSCreatedAt *int64  `json:"atsCreatedAt,omitempty"`
	Stage        *string `json:"stage,omitempty"`
}

func (st *StageRecord) validate() restli.Violations {
	vs := requiredMillis("/atsCreatedAt", st.ATSCreatedAt)
	if st.Stage == nil {
		return append(vs, restli.Required("/stage", false)...)
	}
	return append(vs, restli.Stage("/stage", *st.Stage)...)
}

// decodeSub decodes and validates one sub-record of kind, returning its
// canonical JSON.
func decodeSub(kind SubKind, raw json.RawMessage) (json.RawMessage, restli.Violations) {
	var rec interface{ validate() restli.Violations }
	switch kind {
	case KindCandidateNote, KindApplicationNote:
		rec = &NoteRecord{}
	case KindInterviewFeedback:
		rec = &FeedbackRecord{}
	default:
		rec = &StageRecord{}
	}
	if vs := decodeRecord(raw, rec); vs != nil {
		return nil, vs
	}
	if vs := rec.validate(); vs != nil {
		return nil, vs
	}
	return canonical(rec), nil
}

// parentName names the parent resource of kind in messages.
func parentName(kind SubKind) string {
	if kind == KindCandidateNote {
		return "Candidate"
	}
	return "Application"
}

// SyncSubRecords implements batch_update of a candidate's notes or an
// application's notes, interview feedback or stages (rsc-api.md §3.7,
// §3.9–§3.11): bodies[i] is the record for ids[i]. A parent that was never
// synced is ENOTFOUND for the whole request.
func (s *Service) SyncSubRecords(ctx context.Context, app *App, parent RecordKey, kind SubKind, ids []string, bodies []json.RawMessage) ([]error, error) {
	parent = scopeKey(app, parent)
	if err := s.authorizeOrgs(ctx, app, parent.OrganizationID); err != nil {
		return nil, err
	}
	errs := make([]error, len(ids))
	var put []*SubRecord
	now := s.now()
	for i, id := range ids {
		body, vs := decodeSub(kind, bodies[i])
		if errs[i] = unprocessable(vs); errs[i] != nil {
			continue
		}
		put = append(put, &SubRecord{Parent: parent, Kind: kind, ID: id, Body: body, CreatedAt: now, UpdatedAt: now})
	}
	if len(put) == 0 {
		if err := s.requireSyncParent(ctx, parent, kind); err != nil {
			return nil, err
		}
		return errs, nil
	}
	// The store refuses records whose parent is missing (a foreign key),
	// which saves reading the parent first on every call.
	if err := s.store.PutSubRecords(ctx, put); ErrorCode(err) == ENOTFOUND {
		return nil, s.missingParent(parent, kind)
	} else if err != nil {
		return nil, err
	}
	return errs, nil
}

// requireSyncParent returns ENOTFOUND when the candidate or application does
// not exist.
func (s *Service) requireSyncParent(ctx context.Context, parent RecordKey, kind SubKind) error {
	var found bool
	if kind == KindCandidateNote {
		cs, err := s.store.FindCandidates(ctx, []RecordKey{parent})
		if err != nil {
			return err
		}
		found = cs[0] != nil
	} else {
		as, err := s.store.FindApplications(ctx, []RecordKey{parent})
		if err != nil {
			return err
		}
		found = as[0] != nil
	}
	if !found {
		return s.missingParent(parent, kind)
	}
	return nil
}

// missingParent is the error of a sub-resource call whose candidate or
// application LinkedIn does not have.
func (s *Service) missingParent(parent RecordKey, kind SubKind) error {
	return Errorf(ENOTFOUND, "%s %s has not been synced.", parentName(kind), parent.ID)
}

// SubRecords reads sub-records by id, aligned with ids (nil when absent).
func (s *Service) SubRecords(ctx context.Context, app *App, parent RecordKey, kind SubKind, ids []string) ([]*SubRecord, error) {
	parent = scopeKey(app, parent)
	if err := s.authorizeOrgs(ctx, app, parent.OrganizationID); err != nil {
		return nil, err
	}
	if err := s.requireSyncParent(ctx, parent, kind); err != nil {
		return nil, err
	}
	return s.store.FindSubRecords(ctx, parent, kind, ids)
}

// DeleteSubRecords implements the batch_delete of sub-records; an unknown
// id is ENOTFOUND in its slot.
func (s *Service) DeleteSubRecords(ctx context.Context, app *App, parent RecordKey, kind SubKind, ids []string) ([]error, error) {
	parent = scopeKey(app, parent)
	if err := s.authorizeOrgs(ctx, app, parent.OrganizationID); err != nil {
		return nil, err
	}
	if err := s.requireSyncParent(ctx, parent, kind); err != nil {
		return nil, err
	}
	found, err := s.store.DeleteSubRecords(ctx, parent, kind, ids)
	if err != nil {
		return nil, err
	}
	keys := make([]RecordKey, len(ids))
	for i, id := range ids {
		keys[i] = RecordKey{AppID: parent.AppID, OrganizationID: parent.OrganizationID, ID: id}
	}
	return notFoundErrs(found, keys, "Record"), nil
}
