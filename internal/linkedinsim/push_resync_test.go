package linkedinsim_test

import (
	"encoding/json"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"attractor/internal/linkedinsim"
)

type resyncWire struct {
	NotificationID        string   `json:"notificationId"`
	App                   string   `json:"app"`
	SyncAllOpenJobs       bool     `json:"syncAllOpenJobs"`
	ExternalJobPostingIDs []string `json:"externalJobPostingIds"`
	RequestedAt           int64    `json:"requestedAt"`
	Deadline              int64    `json:"deadline"`
	DeliveredAt           int64    `json:"deliveredAt"`
	Attempts              int      `json:"attempts"`
	Watched               bool     `json:"watched"`
	Jobs                  []struct {
		ExternalJobPostingID string `json:"externalJobPostingId"`
		UpdatedAt            int64  `json:"updatedAt"`
		WithinDeadline       bool   `json:"withinDeadline"`
	} `json:"jobs"`
}

// TestJobResyncPush: a resync requested through the control API reaches
// the app's CALLBACK_URL as a signed RESYNC_JOBS body, retried until 2xx,
// and reads back as delivered.
func TestJobResyncPush(t *testing.T) {
	e := setupIntegration(t, 2)
	app, child, _ := e.customer(t, "resync-push")
	e.setCallback(t, child, e.callback.URL+"/cb")
	path := "/sim/v1/ats-instances/" + app.Key + "/resync-jobs"
	var created resyncWire
	resp := e.call(t, "POST", path, controlTok, "application/json", `{"externalJobPostingIds":["J1"," J2 ","J1"]}`, nil, &created)
	if resp.StatusCode != http.StatusAccepted || created.NotificationID == "" || created.App != app.Key ||
		!slices.Equal(created.ExternalJobPostingIDs, []string{"J1", "J2"}) || created.SyncAllOpenJobs ||
		created.Deadline-created.RequestedAt != (30*time.Minute).Milliseconds() {
		t.Fatalf("create = %d %+v", resp.StatusCode, created)
	}
	var r received
	for { // skip any status change push; the first two attempts get 500
		r = e.callback.next(t)
		if strings.Contains(string(r.body), "RESYNC_JOBS") && r.status == 200 {
			break
		}
	}
	if r.signature != linkedinsim.SignPush(r.body, app.Credentials.ClientSecret) {
		t.Errorf("signature %q does not verify with the child secret", r.signature)
	}
	var body map[string]any
	if err := json.Unmarshal(r.body, &body); err != nil {
		t.Fatal(err)
	}
	want := map[string]any{"id": created.NotificationID, "type": "RESYNC_JOBS", "developerApplicationUrn": app.Key,
		"syncAllOpenJobs": false, "externalJobPostingIds": []any{"J1", "J2"}}
	if len(body) != len(want) {
		t.Errorf("body = %s, want the keys of %v", r.body, want)
	}
	for k, v := range want {
		if b, _ := json.Marshal(body[k]); string(b) != mustJSON(t, v) {
			t.Errorf("body[%s] = %s, want %v", k, b, v)
		}
	}
	var list struct{ Elements []resyncWire }
	deadline := time.Now().Add(5 * time.Second)
	for {
		e.call(t, "GET", path, controlTok, "", "", nil, &list)
		if len(list.Elements) == 1 && list.Elements[0].DeliveredAt != 0 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("resyncs = %+v, want one delivered", list)
		}
		time.Sleep(20 * time.Millisecond)
	}
	got := list.Elements[0]
	if got.Attempts < 2 || !got.Watched || len(got.Jobs) != 2 || got.Jobs[0].UpdatedAt != 0 || got.Jobs[0].WithinDeadline {
		t.Errorf("resync = %+v, want delivered after retries, no job answered", got)
	}
}

func mustJSON(t *testing.T, v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestJobResyncControlErrors: bad requests are 4xx naming the field.
func TestJobResyncControlErrors(t *testing.T) {
	e := setupSync(t)
	path := "/sim/v1/ats-instances/" + e.appA.URN() + "/resync-jobs"
	for _, tc := range []struct{ body, field string }{
		{`{}`, "externalJobPostingIds"},
		{`{"syncAllOpenJobs":false}`, "externalJobPostingIds"},
		{`{"syncAllOpenJobs":true,"externalJobPostingIds":["J1"]}`, "syncAllOpenJobs"},
		{`{"externalJobPostingIds":[""]}`, "externalJobPostingIds"},
		{`{"externalJobPostingIds":"J1"}`, "externalJobPostingIds"},
		{`{"syncAllOpenJobs":"yes"}`, "syncAllOpenJobs"},
		{`{"jobs":["J1"]}`, "jobs"},
	} {
		var got linkedinError
		resp := e.call(t, "POST", path, controlTok, "application/json", tc.body, nil, &got)
		if resp.StatusCode < 400 || resp.StatusCode > 499 || !strings.Contains(got.Message, tc.field) {
			t.Errorf("%s = %d %q, want 4xx naming %s", tc.body, resp.StatusCode, got.Message, tc.field)
		}
	}
	e.wantError(t, "POST", "/sim/v1/ats-instances/urn:li:developerApplication:999999/resync-jobs", controlTok,
		"application/json", `{"syncAllOpenJobs":true}`, nil, 404)
	e.wantError(t, "POST", path, "not-the-control-token", "application/json", `{"syncAllOpenJobs":true}`, nil, 401)
}

// TestJobResyncAnswers: the simulator notes when each job asked for was
// next UPDATEd, and whether within 30 minutes; a CREATE, or an UPDATE
// before the request or of another job, is not an answer.
func TestJobResyncAnswers(t *testing.T) {
	e := setupSync(t)
	sync := func(id, op string) {
		t.Helper()
		out, err := e.svc.SyncJobs(e.ctx, e.appA, []json.RawMessage{
			json.RawMessage(jobElement(e.org1.ID, id, `, "jobPostingOperationType": "`+op+`"`))})
		if err != nil || out[0].Err != nil {
			t.Fatalf("sync %s %s = %v %+v", op, id, err, out)
		}
	}
	for _, id := range []string{"J1", "J2", "J3"} {
		sync(id, "CREATE")
	}
	sync("J1", "UPDATE") // before the request: no answer
	ids, err := e.svc.RequestJobResync(e.ctx, e.appA.ID, linkedinsim.JobResyncInput{ExternalJobPostingIDs: []string{"J1", "J2"}})
	must(t, err)
	all, err := e.svc.RequestJobResync(e.ctx, e.appA.ID, linkedinsim.JobResyncInput{SyncAllOpenJobs: true})
	must(t, err)
	e.clock.Add(10 * time.Minute)
	sync("J1", "UPDATE")
	sync("J3", "UPDATE")
	e.clock.Add(25 * time.Minute)
	sync("J2", "UPDATE") // 35 minutes after: late
	sync("J1", "UPDATE") // a second answer changes nothing
	list, err := e.svc.JobResyncs(e.ctx, e.appA.ID)
	must(t, err)
	byID := map[string]linkedinsim.JobResync{}
	for _, r := range list {
		byID[r.NotificationID] = r
	}
	if len(list) != 2 || byID[ids.NotificationID].SyncAllOpenJobs || !byID[all.NotificationID].SyncAllOpenJobs {
		t.Fatalf("resyncs = %+v", list)
	}
	type answer struct {
		id     string
		after  time.Duration
		inTime bool
	}
	check := func(r linkedinsim.JobResync, want []answer) {
		t.Helper()
		if len(r.Jobs) != len(want) {
			t.Fatalf("jobs = %+v, want %v", r.Jobs, want)
		}
		for i, w := range want {
			j := r.Jobs[i]
			if d := j.UpdatedAt.Sub(r.RequestedAt) - w.after; j.ExternalJobPostingID != w.id || d < -time.Millisecond ||
				d > time.Millisecond || j.WithinDeadline != w.inTime {
				t.Errorf("job %d = %+v (after %v), want %+v", i, j, j.UpdatedAt.Sub(r.RequestedAt), w)
			}
		}
	}
	check(byID[ids.NotificationID], []answer{{"J1", 10 * time.Minute, true}, {"J2", 35 * time.Minute, false}})
	check(byID[all.NotificationID], []answer{{"J1", 10 * time.Minute, true}, {"J2", 35 * time.Minute, false},
		{"J3", 10 * time.Minute, true}})
}
