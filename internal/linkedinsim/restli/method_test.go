package restli_test

import (
	"bufio"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"attractor/internal/linkedinsim/restli"
)

func TestMethod(t *testing.T) {
	tests := []struct {
		name   string
		header string // one raw header line as sent on the wire, or ""
		want   string
	}{
		{"DocCase", "X-RestLi-Method: batch_update", restli.MethodBatchUpdate},
		{"PostmanLowerCase", "x-restli-method: batch_partial_update", restli.MethodBatchPartialUpdate},
		{"UpperNameAndValue", "X-RESTLI-METHOD: BATCH_CREATE", restli.MethodBatchCreate},
		{"MixedValueWithSpaces", "X-Restli-Method:   Batch_Delete  ", restli.MethodBatchDelete},
		{"Absent", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			raw := "POST /v2/atsCandidates HTTP/1.1\r\nHost: api.linkedin.com\r\n"
			if tt.header != "" {
				raw += tt.header + "\r\n"
			}
			r, err := http.ReadRequest(bufio.NewReader(strings.NewReader(raw + "\r\n")))
			if err != nil {
				t.Fatal(err)
			}
			if got := restli.Method(r); got != tt.want {
				t.Errorf("Method() = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestResolveMethod(t *testing.T) {
	tests := []struct {
		name       string
		verb       string
		target     string
		header     string
		batch      bool
		want       string
		wantStatus int
		wantErr    string
	}{
		{"HeaderBatchUpdate", "PUT", "/v2/atsCandidates", "batch_update", true, restli.MethodBatchUpdate, 0, ""},
		{"HeaderUpperCase", "POST", "/v2/atsCandidates", "BATCH_PARTIAL_UPDATE", true, restli.MethodBatchPartialUpdate, 0, ""},
		{"HeaderBatchCreate", "POST", "/v2/simpleJobPostings", "batch_create", false, restli.MethodBatchCreate, 0, ""},
		{"HeaderFinder", "GET", "/v2/seatsV2?q=attributes", "finder", false, restli.MethodFinder, 0, ""},
		{"PutWithoutHeader", "PUT", "/v2/atsApplications/k=1/interviewFeedback?ids=F1", "", true, restli.MethodBatchUpdate, 0, ""},
		{"DeleteWithoutHeader", "DELETE", "/v2/atsCandidates", "", true, restli.MethodBatchDelete, 0, ""},
		{"GetWithIDs", "GET", "/v2/atsIntegrations", "", true, restli.MethodBatchGet, 0, ""},
		{"GetFinder", "GET", "/v2/exportedCandidates?q=request&requestId=1", "", false, restli.MethodFinder, 0, ""},
		{"GetSingle", "GET", "/v2/me?fields=id", "", false, restli.MethodGet, 0, ""},
		{"PostCreate", "POST", "/v2/provisionedApplications", "", false, restli.MethodCreate, 0, ""},
		{"PutSingle", "PUT", "/v2/x/1", "", false, restli.MethodUpdate, 0, ""},
		{"PostBatchWithoutHeader", "POST", "/v2/atsCandidates", "", true, "", 400, "Missing X-RestLi-Method header on a batch POST"},
		{"HeaderVerbMismatch", "POST", "/v2/atsCandidates", "batch_update", true, "", 400, `"batch_update" requires HTTP PUT, got POST`},
		{"UnknownHeader", "PUT", "/v2/atsCandidates", "batch_upsert", true, "", 400, `Unknown X-RestLi-Method "batch_upsert"`},
		{"PatchVerb", "PATCH", "/v2/atsCandidates", "", true, "", 405, "HTTP method PATCH is not supported"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := httptest.NewRequest(tt.verb, tt.target, nil)
			if tt.header != "" {
				r.Header.Set("x-restli-method", tt.header)
			}
			got, err := restli.ResolveMethod(r, tt.batch)
			checkErr(t, err, tt.wantStatus, tt.wantErr)
			if got != tt.want {
				t.Errorf("ResolveMethod() = %q, want %q", got, tt.want)
			}
		})
	}
}
