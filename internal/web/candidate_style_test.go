package web_test

import (
	"os"
	"strings"
	"testing"
)

// TestCandidateTemplatesKeepLogicInViews checks that the templates of the
// candidates and LinkedIn pages branch on view methods rather than compare
// status or stage strings, which drift from the Go constants unnoticed:
// the status badge is the shared "app-status" partial, the LinkedIn
// stage has named conditions.
func TestCandidateTemplatesKeepLogicInViews(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct{ file, banned string }{
		{"templates/pages/candidate.html", `eq .Status`},
		{"templates/pages/application.html", `eq .App.Status`},
		{"templates/pages/linkedin.html", `eq .Stage`},
		{"templates/pages/linkedin.html", `.Historical.State "`},
	} {
		b, err := os.ReadFile(tc.file)
		if err != nil {
			t.Fatal(err)
		}
		if strings.Contains(string(b), tc.banned) {
			t.Errorf("%s compares strings in the template: %q", tc.file, tc.banned)
		}
	}
}
