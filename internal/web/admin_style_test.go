package web_test

import (
	"os"
	"strings"
	"testing"
)

// TestAdminVisuallyHiddenIsShared checks that the screen-reader-only rule
// used across areas lives once, in the shared style.css, and that the
// area stylesheets do not carry copies that could drift apart.
func TestAdminVisuallyHiddenIsShared(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		file string
		want int
	}{
		{"static/style.css", 1},
		{"static/admin.css", 0},
		{"static/jobs.css", 0},
		{"static/candidates.css", 0},
	} {
		b, err := os.ReadFile(tc.file)
		if err != nil {
			t.Fatal(err)
		}
		if got := strings.Count(string(b), ".visually-hidden {"); got != tc.want {
			t.Errorf("%s has %d .visually-hidden rules, want %d", tc.file, got, tc.want)
		}
	}
}
