package restli_test

import (
	"errors"
	"strings"
	"testing"

	"attractor/internal/linkedinsim/restli"
)

// checkErr fails t unless err is nil when wantSub is "", or is an
// *restli.Error with status wantStatus whose message contains wantSub.
func checkErr(t *testing.T, err error, wantStatus int, wantSub string) {
	t.Helper()
	if wantSub == "" {
		if err != nil {
			t.Fatalf("err = %v, want nil", err)
		}
		return
	}
	var e *restli.Error
	if !errors.As(err, &e) {
		t.Fatalf("err = %v (%T), want *restli.Error containing %q", err, err, wantSub)
	}
	if e.Status != wantStatus || !strings.Contains(e.Message, wantSub) {
		t.Fatalf("err = %d %q, want %d containing %q", e.Status, e.Message, wantStatus, wantSub)
	}
}
