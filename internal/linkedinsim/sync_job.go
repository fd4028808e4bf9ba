package linkedinsim

import (
	"context"
	"encoding/json"
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/google/uuid"

	"attractor/internal/linkedinsim/restli"
)

// JobTaskDelay is how long a job creation task reports IN_PROGRESS before
// SUCCEEDED (or FAILED, when the failJobTasks fault names its job).
// LinkedIn processes jobs asynchronously and asks partners to poll the
// task (rsc-api.md §3.5); a short delay makes a connector that never
// polls, or polls once, fail in tests as it would in production, without
// slowing them (tests move the clock).
const JobTaskDelay = 2 * time.Second

// Job availabilities and states (rsc-api.md §3.5).
const (
	JobPublic  = "PUBLIC"
	JobPrivate = "PRIVATE_TO_ATS_INTEGRATION"
	JobListed  = "LISTED"
	JobClosed  = "CLOSED"
)

// Task statuses (rsc-api.md §3.5).
const (
	TaskInProgress = "IN_PROGRESS"
	TaskSucceeded  = "SUCCEEDED"
	TaskFailed     = "FAILED"
)

const (
	jobTaskURNPrefix    = "urn:li:simpleJobPostingTask:"
	jobPostingURNPrefix = "urn:li:jobPosting:"
)

// JobPostingURN returns urn:li:jobPosting:{id}.
func JobPostingURN(id int64) string { return jobPostingURNPrefix + strconv.FormatInt(id, 10) }

// Job is a synced job posting of the app that synced it. Body is the job
// as last sent (JobRecord).
type Job struct {
	AppID                int64
	OrganizationID       int64
	ExternalJobPostingID string
	JobPostingID         int64
	Title                string
	Availability         string
	State                string
	Body                 json.RawMessage
	CreatedAt            time.Time
	UpdatedAt            time.Time
}

// JobTask is a job creation task: IN_PROGRESS until ReadyAt, then FAILED
// with ErrorMessage when it has one, else SUCCEEDED. The outcome is fixed
// at creation (the failJobTasks fault), so reading a task never changes
// it.
type JobTask struct {
	ID                   string // urn:li:simpleJobPostingTask:{uuid}
	AppID                int64
	OrganizationID       int64
	ExternalJobPostingID string
	JobPostingID         int64
	CreatedAt            time.Time
	ReadyAt              time.Time
	ErrorMessage         string // why the job was not posted; "" for success
}

// Status returns the task's status at now.
func (t *JobTask) Status(now time.Time) string {
	switch {
	case now.Before(t.ReadyAt):
		return TaskInProgress
	case t.ErrorMessage != "":
		return TaskFailed
	default:
		return TaskSucceeded
	}
}

// JobRecord is a simpleJobPostings element (rsc-api.md §3.5). Pointers
// tell omitted fields from empty ones.
type JobRecord struct {
	IntegrationContext      *string   `json:"integrationContext,omitempty"`
	ExternalJobPostingID    *string   `json:"externalJobPostingId,omitempty"`
	Title                   *string   `json:"title,omitempty"`
	Description             *string   `json:"description,omitempty"`
	Location                *string   `json:"location,omitempty"`
	CountryCode             *string   `json:"countryCode,omitempty"`
	PostalCode              *string   `json:"postalCode,omitempty"`
	State                   *string   `json:"state,omitempty"`
	CompanyApplyURL         *string   `json:"companyApplyUrl,omitempty"`
	ListedAt                *int64    `json:"listedAt,omitempty"`
	Availability            *string   `json:"availability,omitempty"`
	JobPostingOperationType *string   `json:"jobPostingOperationType,omitempty"`
	EmploymentStatus        *string   `json:"employmentStatus,omitempty"`
	WorkplaceTypes          *[]string `json:"workplaceTypes,omitempty"`
	ListingType             *string   `json:"listingType,omitempty"`
	Contract                *string   `json:"contract,omitempty"`
	PosterEmail             *string   `json:"posterEmail,omitempty"`
	CompanyName             *string   `json:"companyName,omitempty"`
}

// maxJobTitle is LinkedIn's title limit.
const maxJobTitle = 200

// validate applies the RSC required-fields rules (rsc-api.md §3.5).
func (j *JobRecord) validate() restli.Violations {
	var vs restli.Violations
	vs = append(vs, requiredText("/integrationContext", j.IntegrationContext)...)
	if j.IntegrationContext != nil {
		if _, err := ParseOrganizationURN(*j.IntegrationContext); err != nil {
			vs = append(vs, restli.FieldError("/integrationContext", fmt.Sprintf("%q is not an urn:li:organization", *j.IntegrationContext)))
		}
	}
	vs = append(vs, requiredText("/externalJobPostingId", j.ExternalJobPostingID)...)
	vs = append(vs, requiredText("/title", j.Title)...)
	if j.Title != nil && len([]rune(*j.Title)) > maxJobTitle {
		vs = append(vs, restli.FieldError("/title", fmt.Sprintf("length is greater than the maximum of %d", maxJobTitle)))
	}
	vs = append(vs, requiredText("/description", j.Description)...)
	if j.Location == nil && (j.CountryCode == nil || j.PostalCode == nil) {
		vs = append(vs, restli.FieldError("/location", "field is required unless countryCode and postalCode are given"))
	}
	vs = append(vs, enum("/state", j.State, true, JobListed, JobClosed)...)
	vs = append(vs, requiredURL("/companyApplyUrl", j.CompanyApplyURL)...)
	vs = append(vs, requiredMillis("/listedAt", j.ListedAt)...)
	vs = append(vs, enum("/availability", j.Availability, false, JobPublic, JobPrivate, "INTERNAL")...)
	vs = append(vs, enum("/jobPostingOperationType", j.JobPostingOperationType, false, "CREATE", "UPDATE", "RENEW", "CLOSE")...)
	vs = append(vs, enum("/listingType", j.ListingType, false, "BASIC", "PREMIUM")...)
	if j.PosterEmail != nil {
		vs = append(vs, restli.Email("/posterEmail", *j.PosterEmail)...)
	}
	return vs
}

// enum checks an (optionally required) string is one of allowed.
func enum(path string, v *string, required bool, allowed ...string) restli.Violations {
	if v == nil {
		return restli.Required(path, !required)
	}
	for _, a := range allowed {
		if *v == a {
			return nil
		}
	}
	return restli.Violations{restli.FieldError(path, fmt.Sprintf("%q is not one of %s", *v, strings.Join(allowed, ", ")))}
}

// requiredURL checks a required absolute http(s) URL.
func requiredURL(path string, s *string) restli.Violations {
	if s == nil {
		return restli.Required(path, false)
	}
	return optionalURL(path, s)
}

// optionalURL checks an optional absolute http(s) URL.
func optionalURL(path string, s *string) restli.Violations {
	if s == nil {
		return nil
	}
	u, err := url.Parse(*s)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return restli.Violations{restli.FieldError(path, fmt.Sprintf("%q is not a valid URL", *s))}
	}
	return nil
}

// JobOutcome is one element's result of SyncJobs: a task URN, or an error
// (EUNPROCESSABLE with LinkedIn's message) in the element's place.
type JobOutcome struct {
	TaskID string
	Err    error
}

// SyncJobs implements simpleJobPostings batch_create (rsc-api.md §3.5):
// each element is validated on its own and answered in place; valid ones
// are upserted by (app, integrationContext, externalJobPostingId) in one
// transaction and get a task. A parent token, or any element naming an
// organization app may not sync into, refuses the whole request before any
// element is validated. A CLOSE operation closes the job; an element
// repeating an earlier element's job is rejected. A task whose job the
// failJobTasks fault names ends FAILED; its job is stored all the same
// (see putJobs). The batch size is the caller's to check
// (CountRecords, the configured limit).
func (s *Service) SyncJobs(ctx context.Context, app *App, elements []json.RawMessage) ([]JobOutcome, error) {
	if err := s.authorizeOrgs(ctx, app, elementOrgs(elements)...); err != nil {
		return nil, err
	}
	out := make([]JobOutcome, len(elements))
	var jobs []*Job
	var at []int
	seen := map[RecordKey]bool{}
	now := s.now()
	for i, raw := range elements {
		var rec JobRecord
		vs := decodeRecord(raw, &rec)
		if vs == nil {
			vs = rec.validate()
		}
		if vs != nil {
			out[i].Err = unprocessable(vs)
			continue
		}
		org, _ := ParseOrganizationURN(*rec.IntegrationContext)
		key := RecordKey{AppID: app.ID, OrganizationID: org, ID: *rec.ExternalJobPostingID}
		if seen[key] {
			out[i].Err = unprocessable(restli.Violations{restli.FieldError("/externalJobPostingId",
				"duplicate update of the same externalJobPostingId in one request")})
			continue
		}
		seen[key] = true
		jobs = append(jobs, rec.job(key, now))
		at = append(at, i)
	}
	tasks := newJobTasks(app, jobs, now)
	for i, t := range tasks {
		out[at[i]].TaskID = t.ID
	}
	if len(jobs) > 0 {
		if err := s.putJobs(ctx, jobs, tasks); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// newJobTasks returns one new task for each of jobs, ready after
// JobTaskDelay.
func newJobTasks(app *App, jobs []*Job, now time.Time) []*JobTask {
	tasks := make([]*JobTask, len(jobs))
	for i, j := range jobs {
		tasks[i] = &JobTask{ID: jobTaskURNPrefix + uuid.NewString(), AppID: app.ID,
			OrganizationID: j.OrganizationID, ExternalJobPostingID: j.ExternalJobPostingID,
			CreatedAt: now, ReadyAt: now.Add(JobTaskDelay)}
	}
	return tasks
}

// putJobs stores jobs and their tasks, failing the tasks the failJobTasks
// fault names. The job of a failed task is stored anyway: LinkedIn says
// such a job "was not posted", but the simulator keeps one record per job
// that applications, ACLs and exports refer to, and a job that existed
// before must not vanish because an update of it failed. Only the task
// tells the failure. The fault's entries go back when storing fails, so
// they wait for a task that exists.
func (s *Service) putJobs(ctx context.Context, jobs []*Job, tasks []*JobTask) error {
	undo := s.faults.claimJobTaskFailures(tasks)
	if err := s.store.PutJobs(ctx, jobs, tasks); err != nil {
		undo()
		return err
	}
	return nil
}

// elementOrgs returns the organizations named by the integrationContext of
// elements, read leniently so that authorization comes before validation:
// an element whose context is missing or malformed names none (validation
// rejects it in place).
func elementOrgs(elements []json.RawMessage) []int64 {
	var orgs []int64
	for _, raw := range elements {
		var head struct {
			IntegrationContext any `json:"integrationContext"`
		}
		if json.Unmarshal(raw, &head) != nil {
			continue
		}
		ic, ok := head.IntegrationContext.(string)
		if !ok {
			continue
		}
		if org, err := ParseOrganizationURN(ic); err == nil {
			orgs = append(orgs, org)
		}
	}
	return orgs
}

// job builds the stored job; availability defaults to private, as
// rsc-certification.md RSC-102 asks when the customer has no choice.
func (j *JobRecord) job(key RecordKey, now time.Time) *Job {
	if j.Availability == nil {
		p := JobPrivate
		j.Availability = &p
	}
	state := *j.State
	if j.JobPostingOperationType != nil && *j.JobPostingOperationType == "CLOSE" {
		state = JobClosed
	}
	return &Job{AppID: key.AppID, OrganizationID: key.OrganizationID, ExternalJobPostingID: key.ID, Title: *j.Title,
		Availability: *j.Availability, State: state, Body: canonical(j), CreatedAt: now, UpdatedAt: now}
}

// JobTasks returns app's tasks by URN, aligned with ids (nil when unknown
// or another app's). Reading tasks needs no integration context, but only
// the submitting app sees its tasks.
func (s *Service) JobTasks(ctx context.Context, app *App, ids []string) ([]*JobTask, error) {
	if err := syncRequireChild(app); err != nil {
		return nil, err
	}
	return s.store.FindJobTasks(ctx, app.ID, ids)
}

// JobsVisibleTo returns the synced jobs a Recruiter seat may see and
// export to, of every app in the seat's organization: every job not
// secured by an ACL of its app, plus the secured jobs whose app's ACLs
// list the seat's member as assignee
// (rsc-api.md §3.12, rsc-certification.md RSC-401..404). Closed jobs are
// included; callers filter on State. An unknown seat is ENOTFOUND.
func (s *Service) JobsVisibleTo(ctx context.Context, seatID int64) ([]*Job, error) {
	return s.store.JobsVisibleTo(ctx, seatID)
}

// syncRequireChild refuses the partner's parent app, whose token serves only
// provisioning (rsc-api.md §1.1).
func syncRequireChild(app *App) error {
	if app.Kind != ChildApp {
		return &Error{Code: EFORBIDDEN, Message: "Not enough permissions to access this resource with a partner application token."}
	}
	return nil
}
