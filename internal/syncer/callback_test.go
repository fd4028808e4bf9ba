package syncer

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"attractor/internal/ats"
	"attractor/internal/linkedinsim"
	"attractor/internal/sqldb"

	"github.com/google/go-cmp/cmp"
)

// liSnapshot is what a refused or ignored notification must leave alone.
type liSnapshot struct {
	Integration *ats.LinkedInIntegration
	Outbox      int
	Failures    int
}

func (e *liEnv) snapshot() liSnapshot {
	e.t.Helper()
	var snap liSnapshot
	err := e.store.View(e.ctx, func(tx ats.Tx) (err error) {
		if snap.Integration, err = tx.FindIntegration(); err != nil {
			return err
		}
		if snap.Outbox, err = tx.CountOutbox(); err != nil {
			return err
		}
		_, snap.Failures, err = tx.FindSyncFailures(ats.Page{Limit: 1})
		return err
	})
	if err != nil {
		e.t.Fatal(err)
	}
	return snap
}

// post sends a notification body to the callback with a signature header
// ("" for none) and returns the status and decoded answer.
func (e *liEnv) post(body []byte, signature string) (int, map[string]any) {
	e.t.Helper()
	req, _ := http.NewRequest("POST", e.atsURL+CallbackPath, bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	if signature != "" {
		req.Header.Set(SignatureHeader, signature)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		e.t.Fatal(err)
	}
	defer resp.Body.Close()
	data, _ := io.ReadAll(resp.Body)
	var out map[string]any
	if err := json.Unmarshal(data, &out); err != nil {
		e.t.Errorf("callback answered %d with non-JSON %q", resp.StatusCode, data)
	}
	return resp.StatusCode, out
}

// signed returns a notification body and its signature under the child
// app's secret, as LinkedIn sends them.
func (e *liEnv) signed(id, typ string) ([]byte, string) {
	body, _ := json.Marshal(map[string]any{"id": id, "type": typ, "expiresAt": time.Now().Add(time.Hour).UnixMilli()})
	return body, linkedinsim.SignPush(body, e.integration().ClientSecret)
}

// runQueued runs every task the callback enqueued, as the queue would.
func (e *liEnv) runQueued() int {
	e.t.Helper()
	tasks := e.fq.take()
	for _, task := range tasks {
		if err := e.fq.handlers[task.task](e.ctx, task.payload); err != nil {
			e.t.Errorf("task %s(%s) = %v", task.task, task.payload, err)
		}
	}
	return len(tasks)
}

// TestCallbackRefusals sends what LinkedIn never would: each is refused or
// ignored, and neither the stored integration nor the sync counts change.
func TestCallbackRefusals(t *testing.T) {
	t.Parallel()
	liEngines(t, func(t *testing.T, engine sqldb.Engine) {
		e := newLIEnv(t, engine, liOptions{fakeQueue: true})
		w := e.connectAndRequest()
		e.fq.take()
		before := e.snapshot()
		secret := before.Integration.ClientSecret
		sign := func(b []byte) string { return linkedinsim.SignPush(b, secret) }
		good, _ := e.signed("n-1", pushStatusChange)

		huge := append([]byte(`{"id":"n-2","type":"INTEGRATION_STATUS_CHANGE","pad":"`), bytes.Repeat([]byte("x"), MaxNotificationBody)...)
		huge = append(huge, `"}`...)
		tests := []struct {
			name      string
			body      []byte
			signature string
			status    int
			code      string
		}{
			{"no signature", good, "", 401, "unauthorized"},
			{"wrong signature", good, linkedinsim.SignPush(good, "not-the-secret"), 401, "unauthorized"},
			{"signature of another body", good, sign([]byte(`{"id":"n-1","type":"EXPORT_CANDIDATE_PROFILE"}`)), 401, "unauthorized"},
			{"not hex", good, "zz" + sign(good)[2:], 401, "unauthorized"},
			{"garbage", []byte("<xml>not json"), sign([]byte("<xml>not json")), 400, "bad_request"},
			{"no id", []byte(`{"type":"INTEGRATION_STATUS_CHANGE"}`), sign([]byte(`{"type":"INTEGRATION_STATUS_CHANGE"}`)), 400, "bad_request"},
			{"unknown type", []byte(`{"id":"n-3","type":"JOB_RESYNC"}`), sign([]byte(`{"id":"n-3","type":"JOB_RESYNC"}`)), 400, "bad_request"},
			{"huge", huge, sign(huge), 413, "too_large"},
		}
		for _, tt := range tests {
			status, body := e.post(tt.body, tt.signature)
			code, _ := body["error"].(map[string]any)["code"].(string)
			if status != tt.status || code != tt.code {
				t.Errorf("%s: %d %v, want %d %s", tt.name, status, body, tt.status, tt.code)
			}
		}
		if q := e.fq.take(); len(q) != 0 {
			t.Errorf("refused notifications queued %+v", q)
		}
		if diff := cmp.Diff(before, e.snapshot()); diff != "" {
			t.Errorf("refused notifications changed the state (-before +after):\n%s", diff)
		}

		// The same id, properly signed, is new: refusals recorded nothing.
		if status, body := e.post(good, sign(good)); status != 200 || body["status"] != "queued" {
			t.Errorf("first delivery = %d %v, want 200 queued", status, body)
		}
		if status, body := e.post(good, sign(good)); status != 200 || body["status"] != "duplicate" {
			t.Errorf("replay = %d %v, want 200 duplicate", status, body)
		}
		if n := e.runQueued(); n != 1 { // n-1 names no request of this app: nothing to do
			t.Errorf("queued %d tasks for one notification and its replay, want 1", n)
		}
		prefixed, _ := e.signed("n-4", pushExport)
		if status, _ := e.post(prefixed, "hmacsha256="+strings.ToUpper(sign(prefixed))); status != 200 {
			t.Errorf("hmacsha256= prefixed, upper-case signature = %d, want 200", status)
		}
		e.runQueued() // an export LinkedIn does not know: nothing fetched, nothing done

		// Another organization's request of the same app, signed correctly:
		// the data fetched back names organization 1002, so it is ignored.
		other := e.widgetRequest(w.APIKey, 90013, liOrg2, liContract2, linkedinsim.LevelCompany)
		foreign, sig := e.signed(other.RequestID, pushStatusChange)
		if status, _ := e.post(foreign, sig); status != 200 {
			t.Fatalf("foreign notification = %d", status)
		}
		e.runQueued()
		if diff := cmp.Diff(before, e.snapshot()); diff != "" {
			t.Errorf("ignored notifications changed the state (-before +after):\n%s", diff)
		}
		if !strings.Contains(e.logs.String(), "not this instance's context") {
			t.Errorf("no warning about the foreign context; logs:\n%s", e.logs.String())
		}

		// A real status change of this instance does move it (here found
		// by the poll, as no push worker runs).
		e.enable("contract")
		if err := e.s.runStatusPoll(e.ctx, nil); err != nil {
			t.Fatal(err)
		}
		if in := e.integration(); in.Stage != ats.StageEnabled || in.AccessLevel != ats.AccessContract {
			t.Errorf("after enabling: %s/%s", in.Stage, in.AccessLevel)
		}
	})
}

// TestCallbackBeforeConnect refuses notifications when there is no app
// whose secret could have signed them.
func TestCallbackBeforeConnect(t *testing.T) {
	t.Parallel()
	e := newLIEnv(t, sqldb.SQLite, liOptions{fakeQueue: true})
	body := []byte(`{"id":"n-1","type":"INTEGRATION_STATUS_CHANGE"}`)
	if status, _ := e.post(body, linkedinsim.SignPush(body, "")); status != 401 {
		t.Errorf("notification before Connect = %d, want 401", status)
	}
	if q := e.fq.take(); len(q) != 0 {
		t.Errorf("queued %+v", q)
	}
}

// TestStatusPoll checks the poll runs only while LinkedIn may change the
// status, and that it is scheduled.
func TestStatusPoll(t *testing.T) {
	t.Parallel()
	e := newLIEnv(t, sqldb.SQLite, liOptions{fakeQueue: true})
	if e.fq.every[TaskStatus] != time.Hour || e.fq.handlers[TaskNotification] == nil || e.fq.handlers[TaskStatus] == nil {
		t.Fatalf("registered every=%v handlers=%v", e.fq.every, e.fq.handlers)
	}
	if err := e.s.runStatusPoll(e.ctx, nil); err != nil { // not connected: nothing to ask
		t.Fatal(err)
	}
	e.connectAndRequest()
	e.enable("company") // the notification is lost: no push worker runs
	if err := e.s.runStatusPoll(e.ctx, nil); err != nil {
		t.Fatal(err)
	}
	if in := e.integration(); in.Stage != ats.StageEnabled || in.AccessLevel != ats.AccessCompany {
		t.Errorf("after the poll: %s/%s, want enabled/company", in.Stage, in.AccessLevel)
	}
}

func TestValidSignature(t *testing.T) {
	t.Parallel()
	body := []byte(`{"id":"x"}`)
	sig := linkedinsim.SignPush(body, "s3cret")
	for header, want := range map[string]bool{
		sig: true, strings.ToUpper(sig): true, "hmacsha256=" + sig: true, " " + sig + " ": true,
		"": false, sig[:10]: false, linkedinsim.SignPush(body, "other"): false, "sha1=" + sig: false,
	} {
		if got := validSignature(header, body, "s3cret"); got != want {
			t.Errorf("validSignature(%q) = %v, want %v", header, got, want)
		}
	}
}
