package rsc

import (
	"encoding/json"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestJobTaskError reads the error of a failed task in each form it may
// take (its shape is not documented) and tells failed tasks apart.
func TestJobTaskError(t *testing.T) {
	tests := []struct {
		name   string
		body   string
		want   *TaskError
		failed bool
	}{
		{"succeeded", `{"status":"SUCCEEDED","jobPosting":"urn:li:jobPosting:1"}`, nil, false},
		{"in progress", `{"status":"IN_PROGRESS"}`, nil, false},
		{"failed object", `{"status":"FAILED","error":{"message":"Job location could not be resolved","status":422}}`,
			&TaskError{Message: "Job location could not be resolved"}, true},
		{"failed errorMessage and code", `{"status":"FAILED","error":{"errorMessage":"bad","errorCode":"INVALID_LOCATION"}}`,
			&TaskError{Message: "bad", Code: "INVALID_LOCATION"}, true},
		{"failed numeric code", `{"status":"FAILED","error":{"message":"bad","errorCode":42}}`,
			&TaskError{Message: "bad", Code: "42"}, true},
		{"failed string", `{"status":"FAILED","error":"<b>bad</b>"}`, &TaskError{Message: "<b>bad</b>"}, true},
		{"failed without error", `{"status":"FAILED"}`, nil, true},
		{"failed other shape", `{"status":"FAILED","error":["bad",1]}`, &TaskError{Message: `["bad",1]`}, true},
		{"processed", `{"status":"PROCESSED"}`, nil, false},
		{"processed with error", `{"status":"PROCESSED","error":{"message":"payload"}}`, &TaskError{Message: "payload"}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var task JobTask
			if err := json.Unmarshal([]byte(tt.body), &task); err != nil {
				t.Fatal(err)
			}
			if d := cmp.Diff(tt.want, task.Error); d != "" {
				t.Errorf("error (-want +got):\n%s", d)
			}
			if task.Failed() != tt.failed {
				t.Errorf("Failed() = %v, want %v", task.Failed(), tt.failed)
			}
		})
	}
}
