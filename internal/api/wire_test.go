package api_test

import (
	"bytes"
	"encoding/json"
	"regexp"
	"testing"

	"attractor/internal/ats"
)

// normalise replaces ids and times, which change on every run, with
// placeholders so wire payloads can be compared with golden files.
func normalise(t *testing.T, body []byte) []byte {
	t.Helper()
	uuid := regexp.MustCompile(`[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}`)
	stamp := regexp.MustCompile(`"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)"`)
	body = uuid.ReplaceAll(body, []byte("<id>"))
	body = stamp.ReplaceAll(body, []byte(`"<time>"`))
	var out bytes.Buffer
	if err := json.Indent(&out, body, "", "  "); err != nil {
		t.Fatalf("indent %s: %v", body, err)
	}
	return append(out.Bytes(), '\n')
}

// TestWireGolden pins the wire form of representative payloads: a job, a
// list page, a candidate and a validation error.
func TestWireGolden(t *testing.T) {
	t.Parallel()
	f := newInputFixture(t)
	body := map[string]any{"title": "Site Reliability Engineer", "description": "On call, sometimes.",
		"location": map[string]string{"city": "Zürich", "country_code": "CH"}, "openings": 2}
	j := call[ats.Job](f.rec, 201, "POST", "/api/v1/jobs", body)
	golden(t, "job.golden.json", normalise(t, f.rec.want(200, "GET", "/api/v1/jobs/"+j.Number, nil).body))
	golden(t, "job_list.golden.json", normalise(t, f.rec.want(200, "GET", "/api/v1/jobs?status=draft&limit=1", nil).body))
	golden(t, "candidate.golden.json", normalise(t, f.rec.want(200, "GET", "/api/v1/candidates/"+f.cand.Number, nil).body))
	golden(t, "error_invalid.golden.json", normalise(t, f.rec.want(422, "POST", "/api/v1/candidates", `{"email":"nope"}`).body))
}
