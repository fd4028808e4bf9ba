package linkedinsim_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/google/go-cmp/cmp"

	"attractor/internal/linkedinsim"
)

// These tests drive the failJobTasks fault through HTTP: the control API
// names a job, the partner API creates it and reads its task back.

// failJobTasks is a PUT /sim/v1/faults body failing n jobs J0..J{n-1}.
func failJobTasks(n int) string {
	entries := make([]string, n)
	for i := range entries {
		entries[i] = fmt.Sprintf(`"J%d": "bad %d"`, i, i)
	}
	return `{"failJobTasks": {` + strings.Join(entries, ",") + `}}`
}

// controlToken returns the world's control API token.
func (e *syncEnv) controlToken(t *testing.T) string {
	t.Helper()
	st, err := e.store.Settings(e.ctx)
	must(t, err)
	return st.ControlToken
}

// putFaults replaces the fault settings and returns the new state.
func (e *syncEnv) putFaults(t *testing.T, body string) linkedinsim.FaultState {
	t.Helper()
	var st linkedinsim.FaultState
	resp := e.call(t, "PUT", "/sim/v1/faults", e.controlToken(t), "application/json", body, nil, &st)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("PUT /sim/v1/faults %s = %d", body, resp.StatusCode)
	}
	return st
}

// faultState returns GET /sim/v1/faults.
func (e *syncEnv) faultState(t *testing.T) linkedinsim.FaultState {
	t.Helper()
	var st linkedinsim.FaultState
	e.call(t, "GET", "/sim/v1/faults", e.controlToken(t), "", "", nil, &st)
	return st
}

// createJobs batch-creates jobs ids of org with token and returns the task
// URN of each, in order; the create itself must answer 200 and 202 each.
func (e *syncEnv) createJobs(t *testing.T, token string, org int64, ids ...string) []string {
	t.Helper()
	els := make([]string, len(ids))
	for i, id := range ids {
		els[i] = jobElement(org, id, "")
	}
	var created struct {
		Elements []struct {
			ID     string `json:"id"`
			Status int    `json:"status"`
		} `json:"elements"`
	}
	resp := e.call(t, "POST", "/v2/simpleJobPostings", token, "application/json", `{"elements": [`+strings.Join(els, ",")+`]}`,
		map[string]string{"X-RestLi-Method": "batch_create"}, &created)
	if resp.StatusCode != http.StatusOK || len(created.Elements) != len(ids) {
		t.Fatalf("create %v = %d %+v", ids, resp.StatusCode, created)
	}
	urns := make([]string, len(ids))
	for i, el := range created.Elements {
		if el.Status != http.StatusAccepted {
			t.Fatalf("create %s = %+v, want 202", ids[i], el)
		}
		urns[i] = el.ID
	}
	return urns
}

// jobTasks reads tasks with token: task URN → entity.
func (e *syncEnv) jobTasks(t *testing.T, token string, urns ...string) map[string]map[string]any {
	t.Helper()
	q := url.Values{"ids": urns}
	var got getResp
	resp := e.call(t, "GET", "/v2/simpleJobPostingTasks?"+q.Encode(), token, "", "", nil, &got)
	if resp.StatusCode != http.StatusOK || len(got.Results) != len(urns) {
		t.Fatalf("GET tasks = %d %+v", resp.StatusCode, got)
	}
	return got.Results
}

// wantSucceeded checks a SUCCEEDED task: a jobPosting and no error.
func wantSucceeded(t *testing.T, task map[string]any) {
	t.Helper()
	_, hasErr := task["error"]
	if task["status"] != linkedinsim.TaskSucceeded || !strings.HasPrefix(fmt.Sprint(task["jobPosting"]), "urn:li:jobPosting:") || hasErr {
		t.Errorf("task = %v, want SUCCEEDED with a jobPosting and no error", task)
	}
}

// wantFailed checks a FAILED task: no jobPosting, error {message, 422}.
func wantFailed(t *testing.T, task map[string]any, message string) {
	t.Helper()
	want := map[string]any{"id": task["id"], "status": linkedinsim.TaskFailed,
		"externalJobPostingId": task["externalJobPostingId"],
		"error":                map[string]any{"message": message, "status": float64(422)}}
	if diff := cmp.Diff(want, task); diff != "" {
		t.Errorf("failed task (-want +got):\n%s", diff)
	}
}

func TestFaultFailJobTasks(t *testing.T) {
	e := setupSync(t)
	const msg = "Job location could not be resolved"
	st := e.putFaults(t, `{"failJobTasks": {"J-1001": "`+msg+`", "J-2001": "Company apply URL is unreachable"}}`)
	if len(st.FailJobTasks) != 2 || st.FailJobTasks["J-1001"] != msg {
		t.Fatalf("PUT answered %+v", st)
	}

	urns := e.createJobs(t, e.a, e.org1.ID, "J-1001", "J-1002")
	before := e.jobTasks(t, e.a, urns...)
	if before[urns[0]]["status"] != linkedinsim.TaskInProgress || before[urns[0]]["error"] != nil {
		t.Errorf("failing task before the delay = %v, want IN_PROGRESS without error", before[urns[0]])
	}
	e.clock.Add(linkedinsim.JobTaskDelay)
	got := e.jobTasks(t, e.a, urns...)
	wantFailed(t, got[urns[0]], msg)
	wantSucceeded(t, got[urns[1]])

	// The entry is used up; the other waits for its job.
	if diff := cmp.Diff(map[string]string{"J-2001": "Company apply URL is unreachable"}, e.faultState(t).FailJobTasks); diff != "" {
		t.Errorf("GET failJobTasks after the create (-want +got):\n%s", diff)
	}
	// The job record stays, as for any create: only the task fails.
	jobs, err := e.store.FindJobs(e.ctx, []linkedinsim.RecordKey{{AppID: e.appA.ID, OrganizationID: e.org1.ID, ID: "J-1001"}})
	must(t, err)
	if jobs[0] == nil {
		t.Error("the failed create left no job record")
	}

	t.Run("ResendSucceeds", func(t *testing.T) {
		again := e.createJobs(t, e.a, e.org1.ID, "J-1001")
		e.clock.Add(linkedinsim.JobTaskDelay)
		wantSucceeded(t, e.jobTasks(t, e.a, again...)[again[0]])
		// The first task still reads FAILED.
		wantFailed(t, e.jobTasks(t, e.a, urns[0])[urns[0]], msg)
	})
	t.Run("AnyApp", func(t *testing.T) {
		other := e.createJobs(t, e.b, e.org2.ID, "J-2001")
		e.clock.Add(linkedinsim.JobTaskDelay)
		wantFailed(t, e.jobTasks(t, e.b, other...)[other[0]], "Company apply URL is unreachable")
		if st := e.faultState(t); st.FailJobTasks != nil {
			t.Errorf("GET failJobTasks = %v, want none left", st.FailJobTasks)
		}
	})
	t.Run("PutReplaces", func(t *testing.T) {
		e.putFaults(t, `{"failJobTasks": {"J-3001": "x"}}`)
		e.putFaults(t, `{}`)
		again := e.createJobs(t, e.a, e.org1.ID, "J-3001")
		e.clock.Add(linkedinsim.JobTaskDelay)
		wantSucceeded(t, e.jobTasks(t, e.a, again...)[again[0]])
	})
}

// failingStore fails PutJobs while fail is set, calling during (if any)
// first: the request is then past claiming its fault entries.
type failingStore struct {
	linkedinsim.Store
	fail   atomic.Bool
	during func()
}

func (s *failingStore) PutJobs(ctx context.Context, jobs []*linkedinsim.Job, tasks []*linkedinsim.JobTask) error {
	if !s.fail.Load() {
		return s.Store.PutJobs(ctx, jobs, tasks)
	}
	if s.during != nil {
		s.during()
	}
	return errors.New("disk full")
}

// TestFaultFailJobTasksStoreError: a create that fails to store its tasks
// creates none, so it uses no failJobTasks entry; the entry then fails
// the next create, unless a PUT replaced the settings in between.
func TestFaultFailJobTasksStoreError(t *testing.T) {
	fs := &failingStore{}
	e := setupSyncStore(t, func(s linkedinsim.Store) linkedinsim.Store { fs.Store = s; return fs })
	e.putFaults(t, `{"failJobTasks": {"J-1001": "bad"}}`)
	fs.fail.Store(true)
	e.wantError(t, "POST", "/v2/simpleJobPostings", e.a, "application/json", `{"elements": [`+jobElement(e.org1.ID, "J-1001", "")+`]}`,
		map[string]string{"X-RestLi-Method": "batch_create"}, 500)
	fs.fail.Store(false)
	if got := e.faultState(t).FailJobTasks; got["J-1001"] != "bad" {
		t.Fatalf("failJobTasks after a failed store = %v, want the entry back", got)
	}
	urns := e.createJobs(t, e.a, e.org1.ID, "J-1001")
	e.clock.Add(linkedinsim.JobTaskDelay)
	wantFailed(t, e.jobTasks(t, e.a, urns...)[urns[0]], "bad")

	t.Run("ReplacedMeanwhile", func(t *testing.T) {
		e.putFaults(t, `{"failJobTasks": {"J-1002": "bad"}}`)
		ctl := e.controlToken(t)
		fs.during = func() { // on the handler's goroutine, so no t.Fatal
			req, _ := http.NewRequest("PUT", e.srv.URL+"/sim/v1/faults", strings.NewReader(`{"failJobTasks": {"J-9": "later"}}`))
			req.Header.Set("Authorization", "Bearer "+ctl)
			req.Header.Set("Content-Type", "application/json")
			resp, err := http.DefaultClient.Do(req)
			if err != nil || resp.StatusCode != http.StatusOK {
				t.Errorf("PUT during the create = %v, %v", resp, err)
				return
			}
			resp.Body.Close()
		}
		fs.fail.Store(true)
		e.wantError(t, "POST", "/v2/simpleJobPostings", e.a, "application/json", `{"elements": [`+jobElement(e.org1.ID, "J-1002", "")+`]}`,
			map[string]string{"X-RestLi-Method": "batch_create"}, 500)
		fs.fail.Store(false)
		if diff := cmp.Diff(map[string]string{"J-9": "later"}, e.faultState(t).FailJobTasks); diff != "" {
			t.Errorf("failJobTasks after a PUT during the failed create (-want +got):\n%s", diff)
		}
	})
}
