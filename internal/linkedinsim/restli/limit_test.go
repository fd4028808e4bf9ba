package restli_test

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"attractor/internal/linkedinsim/restli"
)

func TestLimitURL(t *testing.T) {
	okHandler := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(http.StatusNoContent) })
	h := restli.LimitURL(okHandler)
	long := func(n int) string { return strings.Repeat("a", n) }
	tests := []struct {
		name     string
		target   string
		header   string
		wantCode int
		wantMsg  string
	}{
		{"Small", "/v2/atsCandidates?ids[0].atsCandidateId=C1", "", 204, ""},
		{"QueryAtLimit", "/v2/x?" + long(4096), "", 204, ""},
		{"QueryOverLimit", "/v2/x?" + long(4097), "", 414, "Query string length 4097 exceeds the maximum of 4096 bytes"},
		{"SegmentAtLimit", "/v2/" + long(4096) + "/notes", "", 204, ""},
		{"SegmentOverLimit", "/v2/" + long(4097) + "/notes", "", 414, "URL path segment length 4097"},
		{"URLOverLimit", "/v2/" + long(4000) + "/" + long(4000) + "?" + long(200), "", 414, "URL length"},
		{"HeadersOverLimit", "/v2/x", long(28 << 10), 414, "Request line and headers length"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := httptest.NewRequest("GET", tt.target, nil)
			if tt.header != "" {
				r.Header.Set("Cookie", tt.header)
			}
			w := httptest.NewRecorder()
			h.ServeHTTP(w, r)
			if w.Code != tt.wantCode {
				t.Fatalf("code = %d, want %d (body %s)", w.Code, tt.wantCode, w.Body)
			}
			if tt.wantMsg != "" && !strings.Contains(w.Body.String(), tt.wantMsg) {
				t.Errorf("body = %s, want it to contain %q", w.Body, tt.wantMsg)
			}
		})
	}
}
