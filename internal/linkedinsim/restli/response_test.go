package restli_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/google/go-cmp/cmp"

	"attractor/internal/linkedinsim/restli"
)

func mustJSON(t testing.TB, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestBatchWriteResponse(t *testing.T) {
	tests := []struct {
		name  string
		build func(b *restli.BatchWriteResponse)
		want  string
	}{
		{"Empty", func(*restli.BatchWriteResponse) {}, `{"errors":{},"results":{}}`},
		{"DocExample", func(b *restli.BatchWriteResponse) {
			b.OK("CAND_NOTE123", 204)
			b.OK("CAND_NOTE456", 204)
		}, `{"errors":{},"results":{"CAND_NOTE123":{"status":204},"CAND_NOTE456":{"status":204}}}`},
		{"Mixed", func(b *restli.BatchWriteResponse) {
			b.OK("S1", 204)
			b.Fail("S2", 422, "ERROR :: /stage :: \"Not Available\" is not an allowed stage\n")
		}, `{"errors":{"S2":{"message":"ERROR :: /stage :: \"Not Available\" is not an allowed stage\n","status":422}},"results":{"S1":{"status":204}}}`},
		{"FailWithCode", func(b *restli.BatchWriteResponse) {
			b.FailErr("a=1", &restli.Error{Status: 403, Message: "Integration not enabled", ServiceErrorCode: 403})
		}, `{"errors":{"a=1":{"serviceErrorCode":403,"message":"Integration not enabled","status":403}},"results":{}}`},
		{"FailThenOKKeepsOne", func(b *restli.BatchWriteResponse) {
			b.Fail("N1", 422, "bad")
			b.OK("N1", 204)
		}, `{"errors":{},"results":{"N1":{"status":204}}}`},
		{"OKThenFailKeepsOne", func(b *restli.BatchWriteResponse) {
			b.OK("N1", 204)
			b.Fail("N1", 404, "Not Found")
		}, `{"errors":{"N1":{"message":"Not Found","status":404}},"results":{}}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var b restli.BatchWriteResponse
			tt.build(&b)
			if diff := cmp.Diff(tt.want, mustJSON(t, b)); diff != "" {
				t.Errorf("JSON mismatch (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.want, mustJSON(t, &b)); diff != "" {
				t.Errorf("pointer JSON mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

func TestBatchGetResponse(t *testing.T) {
	tests := []struct {
		name  string
		build func(b *restli.BatchGetResponse)
		want  string
	}{
		{"Empty", func(*restli.BatchGetResponse) {}, `{"results":{},"statuses":{},"errors":{}}`},
		{"FoundAndMissing", func(b *restli.BatchGetResponse) {
			b.Found("k=1", map[string]any{"onboardingStatus": "ENABLED"})
			b.Fail("k=2", 404, "Not Found")
		}, `{"results":{"k=1":{"onboardingStatus":"ENABLED"}},"statuses":{"k=1":200,"k=2":404},"errors":{"k=2":{"message":"Not Found","status":404}}}`},
		{"FailThenFound", func(b *restli.BatchGetResponse) {
			b.Fail("k=1", 404, "Not Found")
			b.Found("k=1", 1)
		}, `{"results":{"k=1":1},"statuses":{"k=1":200},"errors":{}}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var b restli.BatchGetResponse
			tt.build(&b)
			if diff := cmp.Diff(tt.want, mustJSON(t, b)); diff != "" {
				t.Errorf("JSON mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

func TestBatchCreateResponse(t *testing.T) {
	var b restli.BatchCreateResponse
	if got, want := mustJSON(t, b), `{"elements":[]}`; got != want {
		t.Errorf("empty = %s, want %s", got, want)
	}
	b.Created("urn:li:simpleJobPostingTask:1", 202)
	b.Reject(422, "ERROR :: /title :: field is required but not found and has no default value\n")
	want := `{"elements":[{"id":"urn:li:simpleJobPostingTask:1","status":202},` +
		`{"status":422,"error":{"message":"ERROR :: /title :: field is required but not found and has no default value\n","status":422}}]}`
	if diff := cmp.Diff(want, mustJSON(t, b)); diff != "" {
		t.Errorf("JSON mismatch (-want +got):\n%s", diff)
	}
}

func TestWriteError(t *testing.T) {
	w := httptest.NewRecorder()
	restli.WriteError(w, 401, 401, "Empty oauth2_access_token")
	if w.Code != 401 || w.Header().Get("Content-Type") != "application/json" {
		t.Errorf("code %d, content type %q; want 401 application/json", w.Code, w.Header().Get("Content-Type"))
	}
	if got, want := w.Body.String(), `{"serviceErrorCode":401,"message":"Empty oauth2_access_token","status":401}`+"\n"; got != want {
		t.Errorf("body = %s, want %s", got, want)
	}
}

func TestWriteErr(t *testing.T) {
	tests := []struct {
		name     string
		err      error
		wantCode int
		wantBody string
	}{
		{"RestliError", restli.Errorf(400, "Missing ids parameter"), 400,
			`{"serviceErrorCode":400,"message":"Missing ids parameter","status":400}`},
		{"Wrapped", fmt.Errorf("handler: %w", restli.Errorf(409, "Conflict")), 409,
			`{"serviceErrorCode":409,"message":"Conflict","status":409}`},
		{"Validation", restli.Violations{restli.FieldError("/title", restli.MsgRequired)}.Err(), 422,
			`{"message":"ERROR :: /title :: field is required but not found and has no default value\n","status":422}`},
		{"InternalHidden", errors.New("pq: connection refused"), 500,
			`{"serviceErrorCode":500,"message":"Internal Server Error","status":500}`},
		{"Nil", nil, 500, `{"serviceErrorCode":500,"message":"Internal Server Error","status":500}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := httptest.NewRecorder()
			restli.WriteErr(w, tt.err)
			if w.Code != tt.wantCode {
				t.Errorf("code = %d, want %d", w.Code, tt.wantCode)
			}
			if diff := cmp.Diff(tt.wantBody+"\n", w.Body.String()); diff != "" {
				t.Errorf("body mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

func TestWriteJSONUnencodable(t *testing.T) {
	w := httptest.NewRecorder()
	restli.WriteJSON(w, http.StatusOK, map[string]any{"f": func() {}})
	if w.Code != 500 {
		t.Errorf("code = %d, want 500", w.Code)
	}
}

func TestAsError(t *testing.T) {
	if restli.AsError(nil) != nil {
		t.Error("AsError(nil) != nil")
	}
	e := restli.Errorf(404, "Not Found")
	if got := restli.AsError(fmt.Errorf("x: %w", e)); got != e {
		t.Errorf("AsError(wrapped) = %v, want %v", got, e)
	}
	if got := e.Error(); got != "restli: 404: Not Found" {
		t.Errorf("Error() = %q", got)
	}
}
