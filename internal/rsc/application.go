package rsc

import (
	"context"
	"net/http"
)

// Application is an atsApplications entity (rsc-api.md §3.8). ID is the ATS
// id (atsJobApplicationId), sent in the key. ATSJobPostingID must be a
// synced job's externalJobPostingId. PUT replaces the whole record; times
// are epoch milliseconds.
type Application struct {
	ID                string `json:"-"`
	ATSCandidateID    string `json:"atsCandidateId"`
	ATSCreatedAt      int64  `json:"atsCreatedAt"`
	ATSLastModifiedAt int64  `json:"atsLastModifiedAt"`
	ATSJobPostingID   string `json:"atsJobPostingId"`
	ATSJobPostingName string `json:"atsJobPostingName"`
	CandidateEmail    string `json:"candidateEmail,omitempty"`
	FirstName         string `json:"firstName"`
	LastName          string `json:"lastName"`
	Source            string `json:"source,omitempty"`
	DispositionReason string `json:"dispositionReason,omitempty"`
}

const applicationsPath = "/v2/atsApplications"

// ApplicationKey is the application's Rest.li key in organization org.
func ApplicationKey(org, id string) Key {
	return Key{{"atsJobApplicationId", id}, {"dataProvider", dataProviderATS}, {"integrationContext", org}}
}

// UpdateApplications upserts up to 100 applications with batch_update
// (rsc-api.md §3.8).
func (cl *Client) UpdateApplications(ctx context.Context, org string, apps []Application) ([]Result, error) {
	ks := make([]Key, len(apps))
	for i, a := range apps {
		ks[i] = ApplicationKey(org, a.ID)
	}
	return cl.batchWrite(ctx, http.MethodPut, applicationsPath, "batch_update", ks, entities(ks, apps))
}

// DeleteApplications deletes applications; LinkedIn deletes their notes,
// feedback and stages with them (rsc-api.md §3.8, §6.6).
func (cl *Client) DeleteApplications(ctx context.Context, org string, ids []string) ([]Result, error) {
	ks := make([]Key, len(ids))
	for i, id := range ids {
		ks[i] = ApplicationKey(org, id)
	}
	return cl.batchWrite(ctx, http.MethodDelete, applicationsPath, "", ks, nil)
}

// Actor is a note author or interviewer; both names are required inside it
// (rsc-api.md §3.7).
type Actor struct {
	FirstName string `json:"firstName"`
	LastName  string `json:"lastName"`
}

// Note is a candidate or application note (rsc-api.md §3.7, §3.9). ID is
// the ATS note id.
type Note struct {
	ID           string `json:"-"`
	ATSCreatedAt int64  `json:"atsCreatedAt,omitempty"`
	Note         string `json:"note,omitempty"`
	Author       *Actor `json:"author,omitempty"`
}

// Evaluation is one rated attribute of interview feedback (rsc-api.md
// §3.10), e.g. "Verbal Communication" / "4/5".
type Evaluation struct {
	Attribute string `json:"attribute"`
	Result    string `json:"result"`
}

// Interview types (rsc-api.md §3.10).
const (
	InterviewPhoneScreen = "PHONE_SCREEN"
	InterviewOnsite      = "ONSITE"
)

// Feedback is interview feedback on an application (rsc-api.md §3.10).
type Feedback struct {
	ID            string       `json:"-"`
	ATSCreatedAt  int64        `json:"atsCreatedAt,omitempty"`
	Interviewer   *Actor       `json:"interviewer,omitempty"`
	Evaluations   []Evaluation `json:"evaluations,omitempty"`
	Feedback      string       `json:"feedback,omitempty"`
	InterviewType string       `json:"interviewType,omitempty"`
}

// Stage is one step of an application's history; each stage passed is its
// own record (rsc-api.md §3.11).
type Stage struct {
	ID           string `json:"-"`
	ATSCreatedAt int64  `json:"atsCreatedAt"`
	Stage        string `json:"stage"`
}

// UpdateCandidateNotes upserts notes of one candidate (rsc-api.md §3.7).
func (cl *Client) UpdateCandidateNotes(ctx context.Context, org, candidateID string, notes []Note) ([]Result, error) {
	return putSub(ctx, cl, subPath(candidatesPath, CandidateKey(org, candidateID), "notes"), notes,
		func(n Note) string { return n.ID })
}

// DeleteCandidateNotes deletes notes of one candidate (rsc-api.md §3.7).
func (cl *Client) DeleteCandidateNotes(ctx context.Context, org, candidateID string, ids []string) ([]Result, error) {
	return cl.deleteSub(ctx, subPath(candidatesPath, CandidateKey(org, candidateID), "notes"), ids)
}

// UpdateApplicationNotes upserts notes of one application (rsc-api.md §3.9).
func (cl *Client) UpdateApplicationNotes(ctx context.Context, org, appID string, notes []Note) ([]Result, error) {
	return putSub(ctx, cl, subPath(applicationsPath, ApplicationKey(org, appID), "notes"), notes,
		func(n Note) string { return n.ID })
}

// DeleteApplicationNotes deletes notes of one application.
func (cl *Client) DeleteApplicationNotes(ctx context.Context, org, appID string, ids []string) ([]Result, error) {
	return cl.deleteSub(ctx, subPath(applicationsPath, ApplicationKey(org, appID), "notes"), ids)
}

// UpdateFeedback upserts interview feedback of one application
// (rsc-api.md §3.10).
func (cl *Client) UpdateFeedback(ctx context.Context, org, appID string, fb []Feedback) ([]Result, error) {
	return putSub(ctx, cl, subPath(applicationsPath, ApplicationKey(org, appID), "interviewFeedback"), fb,
		func(f Feedback) string { return f.ID })
}

// DeleteFeedback deletes interview feedback of one application.
func (cl *Client) DeleteFeedback(ctx context.Context, org, appID string, ids []string) ([]Result, error) {
	return cl.deleteSub(ctx, subPath(applicationsPath, ApplicationKey(org, appID), "interviewFeedback"), ids)
}

// UpdateStages upserts stage records of one application (rsc-api.md §3.11).
func (cl *Client) UpdateStages(ctx context.Context, org, appID string, stages []Stage) ([]Result, error) {
	return putSub(ctx, cl, subPath(applicationsPath, ApplicationKey(org, appID), "stages"), stages,
		func(s Stage) string { return s.ID })
}

// DeleteStages deletes stage records of one application.
func (cl *Client) DeleteStages(ctx context.Context, org, appID string, ids []string) ([]Result, error) {
	return cl.deleteSub(ctx, subPath(applicationsPath, ApplicationKey(org, appID), "stages"), ids)
}

// subPath puts the parent's compound key in the path (rsc-api.md §2.3).
func subPath(collection string, parent Key, sub string) string {
	return collection + "/" + parent.String() + "/" + sub
}

// putSub batch_updates sub-records addressed by simple ids (?ids=N1&ids=N2).
func putSub[T any](ctx context.Context, cl *Client, path string, vals []T, id func(T) string) ([]Result, error) {
	ks := make([]Key, len(vals))
	for i, v := range vals {
		ks[i] = simpleKey(id(v))
	}
	return cl.batchWrite(ctx, http.MethodPut, path, "batch_update", ks, entities(ks, vals))
}

func (cl *Client) deleteSub(ctx context.Context, path string, ids []string) ([]Result, error) {
	ks := make([]Key, len(ids))
	for i, id := range ids {
		ks[i] = simpleKey(id)
	}
	return cl.batchWrite(ctx, http.MethodDelete, path, "", ks, nil)
}
