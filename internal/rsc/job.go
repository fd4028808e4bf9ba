package rsc

import (
	"cmp"
	"context"
	"encoding/json"
	"net/http"
	"strings"
)

// Job availability (rsc-api.md §3.5): private jobs only appear in
// Recruiter's 1-Click Export drop-down.
const (
	AvailabilityPublic  = "PUBLIC"
	AvailabilityPrivate = "PRIVATE_TO_ATS_INTEGRATION"
)

// Job states (rsc-api.md §3.5); historical sync includes closed jobs.
const (
	JobListed = "LISTED"
	JobClosed = "CLOSED"
)

// Job is a simpleJobPostings element with the RSC fields (rsc-api.md §3.5).
// ListedAt is epoch milliseconds. Location or CountryCode+PostalCode is
// required.
type Job struct {
	IntegrationContext   string `json:"integrationContext"`
	ExternalJobPostingID string `json:"externalJobPostingId"`
	Title                string `json:"title"`
	Description          string `json:"description"`
	Location             string `json:"location,omitempty"`
	CountryCode          string `json:"countryCode,omitempty"`
	PostalCode           string `json:"postalCode,omitempty"`
	State                string `json:"state"`
	CompanyApplyURL      string `json:"companyApplyUrl"`
	ListedAt             int64  `json:"listedAt"`
	Availability         string `json:"availability"`
	OperationType        string `json:"jobPostingOperationType,omitempty"`
}

// Task statuses (rsc-api.md §3.5).
const (
	TaskInProgress = "IN_PROGRESS"
	TaskSucceeded  = "SUCCEEDED"
	TaskFailed     = "FAILED"
	TaskProcessed  = "PROCESSED"
)

// JobTask is the status of an asynchronous job create (shape [INF] in
// rsc-api.md §3.5). JobPosting is the urn:li:jobPosting once SUCCEEDED.
type JobTask struct {
	ID                   string     `json:"id"`
	Status               string     `json:"status"`
	JobPosting           string     `json:"jobPosting"`
	ExternalJobPostingID string     `json:"externalJobPostingId"`
	Error                *TaskError `json:"error"`
}

// Failed reports whether LinkedIn did not take the job: FAILED, or
// PROCESSED with an error ("processed but failed payload validation").
func (t *JobTask) Failed() bool {
	return t.Status == TaskFailed || (t.Status == TaskProcessed && t.Error != nil)
}

// TaskError is the error of a FAILED or PROCESSED task. LinkedIn documents
// that one is present, not its shape [INF], so both an object with a
// message (as its other errors have) and a bare string are read, and any
// other shape is kept as its JSON text rather than failing the check.
type TaskError struct {
	Message string
	Code    string
}

// UnmarshalJSON reads either form.
func (e *TaskError) UnmarshalJSON(b []byte) error {
	var msg string
	if json.Unmarshal(b, &msg) == nil {
		e.Message = msg
		return nil
	}
	var obj struct {
		Message      string          `json:"message"`
		ErrorMessage string          `json:"errorMessage"`
		Code         json.RawMessage `json:"errorCode"`
	}
	if json.Unmarshal(b, &obj) != nil {
		e.Message = string(b) // some other shape: shown as it came
		return nil
	}
	e.Message = cmp.Or(obj.Message, obj.ErrorMessage)
	e.Code = strings.Trim(string(obj.Code), `"`)
	return nil
}

// CreateJobs sends up to 100 jobs in one batch_create. Each result carries
// the task URN to poll with JobTasks, or the element's own error (a 422
// names the bad field) inside the overall 200 (rsc-api.md §2.4, §3.5).
func (cl *Client) CreateJobs(ctx context.Context, jobs []Job) ([]CreateResult, error) {
	var resp batchCreateResponse
	err := cl.do(ctx, call{method: http.MethodPost, path: "/v2/simpleJobPostings", restliMethod: "batch_create",
		body: map[string][]Job{"elements": jobs}, records: len(jobs)}, &resp)
	if err != nil {
		return nil, err
	}
	return resp.results(len(jobs)), nil
}

// JobTasks batch-gets task statuses by task URN (rsc-api.md §3.5).
func (cl *Client) JobTasks(ctx context.Context, taskURNs []string) ([]Got[JobTask], error) {
	ks := make([]Key, len(taskURNs))
	for i, id := range taskURNs {
		ks[i] = simpleKey(id)
	}
	var resp batchGetResponse
	err := cl.do(ctx, call{method: http.MethodGet, path: "/v2/simpleJobPostingTasks" + query{}.batchIDs(ks).String(),
		records: len(ks)}, &resp)
	if err != nil {
		return nil, err
	}
	return gots[JobTask](resp, ks)
}
