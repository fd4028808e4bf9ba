package linkedinsim

import (
	"encoding/json"
	"net/http"
	"time"

	"attractor/internal/linkedinsim/restli"
)

// handleJobPostingsCreate implements POST /v2/simpleJobPostings with
// X-RestLi-Method batch_create (rsc-api.md §3.5): 200 with one element per
// request element, {"id": task URN, "status": 202} or the element's 422
// in place.
func (s *Server) handleJobPostingsCreate(w http.ResponseWriter, r *http.Request, app *App) error {
	if restli.Method(r) != restli.MethodBatchCreate {
		return restli.Errorf(http.StatusBadRequest, "%s must be batch_create", restli.HeaderMethod)
	}
	var body struct {
		Elements []json.RawMessage `json:"elements"`
	}
	if err := json.NewDecoder(r.Body).Decode(&body); err != nil {
		return bodyError(err)
	}
	if body.Elements == nil {
		return restli.Errorf(http.StatusBadRequest, "Missing \"elements\" in the request body")
	}
	if err := CountRecords(r, len(body.Elements)); err != nil {
		return err
	}
	out, err := s.svc.SyncJobs(r.Context(), app, body.Elements)
	if err != nil {
		return err
	}
	var resp restli.BatchCreateResponse
	for _, o := range out {
		if o.Err != nil {
			resp.Reject(statusOf(ErrorCode(o.Err)), ErrorMessage(o.Err))
			continue
		}
		resp.Created(o.TaskID, http.StatusAccepted)
	}
	restli.WriteJSON(w, http.StatusOK, resp)
	return nil
}

// jobTaskWire is a task status entity [INF: rsc-api.md §3.5 documents the
// statuses, not the shape]. A SUCCEEDED task names its jobPosting; a
// FAILED one has none and carries error [INF: LinkedIn documents that an
// error is present, not its shape; this is the Rest.li error body's
// message and status].
type jobTaskWire struct {
	ID                   string        `json:"id"`
	Status               string        `json:"status"`
	JobPosting           string        `json:"jobPosting,omitempty"`
	ExternalJobPostingID string        `json:"externalJobPostingId"`
	Error                *jobTaskError `json:"error,omitempty"`
}

// jobTaskError is why a FAILED task's job was not posted: 422, as the job
// did not pass LinkedIn's processing [INF].
type jobTaskError struct {
	Message string `json:"message"`
	Status  int    `json:"status"`
}

// newJobTaskWire renders t as it stands at now.
func newJobTaskWire(t *JobTask, now time.Time) jobTaskWire {
	e := jobTaskWire{ID: t.ID, Status: t.Status(now), ExternalJobPostingID: t.ExternalJobPostingID}
	switch e.Status {
	case TaskSucceeded:
		e.JobPosting = JobPostingURN(t.JobPostingID)
	case TaskFailed:
		e.Error = &jobTaskError{Message: t.ErrorMessage, Status: http.StatusUnprocessableEntity}
	}
	return e
}

// handleJobTasksGet implements GET /v2/simpleJobPostingTasks?ids=…: a batch
// get keyed by task URN; another app's or an unknown task is 404.
func (s *Server) handleJobTasksGet(w http.ResponseWriter, r *http.Request, app *App) error {
	ids, err := restli.SimpleIDs(restli.Query(r))
	if err != nil {
		return err
	}
	if err := CountRecords(r, len(ids)); err != nil {
		return err
	}
	fields, err := restli.ParseFields(restli.Query(r).Get("fields"))
	if err != nil {
		return err
	}
	tasks, err := s.svc.JobTasks(r.Context(), app, ids)
	if err != nil {
		return err
	}
	now := s.svc.now()
	var resp restli.BatchGetResponse
	for i, id := range ids {
		t := tasks[i]
		if t == nil {
			resp.Fail(id, http.StatusNotFound, "Not Found")
			continue
		}
		b, err := projected(newJobTaskWire(t, now), fields)
		if err != nil {
			return err
		}
		resp.Found(id, b)
	}
	restli.WriteJSON(w, http.StatusOK, resp)
	return nil
}
