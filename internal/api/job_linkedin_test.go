package api_test

import (
	"context"
	"testing"
	"time"

	"attractor/internal/ats"
	"github.com/google/go-cmp/cmp"
)

// TestJobLinkedIn reads a job's LinkedIn task through the API: 404 with a
// clear message until the job was sent, then the task as the sync engine
// recorded it, for whoever may see the job and no one else.
func TestJobLinkedIn(t *testing.T) {
	b := setup(t)
	admin := b.bearer(t, mustToken(t, b.svc, mustCreateUser(t, b.svc, "admin@example.com", ats.RoleAdmin)))
	outsider := b.bearer(t, mustToken(t, b.svc, mustCreateUser(t, b.svc, "int@example.com", ats.RoleInterviewer)))
	j := call[ats.Job](admin, 201, "POST", "/api/v1/jobs", map[string]string{"title": "Go developer"})
	path := "/api/v1/jobs/" + j.ID + "/linkedin"

	e := admin.wantError(404, "not_found", "GET", path, nil)
	if e.Error.Message != "This job has not been sent to LinkedIn." {
		t.Errorf("message = %q", e.Error.Message)
	}
	at := time.Now().Add(5 * time.Minute)
	if err := b.store.Update(context.Background(), func(tx ats.Tx) error {
		return tx.SaveJobTask(j.ID, "urn:li:simpleJobPostingTask:1", at)
	}); err != nil {
		t.Fatal(err)
	}
	got := call[map[string]any](admin, 200, "GET", path, nil)
	want := map[string]any{"task": "urn:li:simpleJobPostingTask:1", "status": "IN_PROGRESS"}
	for k, v := range want {
		if d := cmp.Diff(v, got[k]); d != "" {
			t.Errorf("%s (-want +got):\n%s", k, d)
		}
	}
	for _, k := range []string{"submitted_at", "check_at"} {
		if _, ok := got[k]; !ok {
			t.Errorf("%s missing from %v", k, got)
		}
	}
	outsider.wantError(403, "forbidden", "GET", path, nil) // an interviewer not on the job's team
	admin.wantError(404, "not_found", "GET", "/api/v1/jobs/no-such-job/linkedin", nil)
}
