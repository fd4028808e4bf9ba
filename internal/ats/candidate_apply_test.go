package ats_test

import (
	"context"
	"testing"

	"attractor/internal/ats"
)

func TestApplyNewCandidate(t *testing.T) {
	t.Parallel()
	w := setup(t)
	j, _ := w.activeJob(t)
	closed, _ := w.activeJob(t)
	_, err := w.svc.CloseJob(w.rec, closed.ID, ats.CloseCancelled)
	must(t, err)

	t.Run("OK", func(t *testing.T) {
		c, app, err := w.svc.ApplyNewCandidate(w.hm, &ats.Candidate{FirstName: "Ann", LastName: "Apply", Email: "ann@example.com"},
			ats.ApplicationInput{JobID: j.ID})
		must(t, err)
		if c.Number == "" || app.CandidateID != c.ID || app.JobID != j.ID || app.PhaseKind != ats.PhaseApplication {
			t.Errorf("candidate %+v, application %+v", c, app)
		}
	})
	t.Run("OKProspect", func(t *testing.T) {
		_, app, err := w.svc.ApplyNewCandidate(w.rec, &ats.Candidate{FirstName: "Pat", LastName: "Prospect"},
			ats.ApplicationInput{JobID: j.ID, Prospect: true})
		must(t, err)
		if app.PhaseKind != ats.PhaseProspect {
			t.Errorf("phase = %s, want prospect", app.PhaseKind)
		}
	})
	tests := []struct {
		name      string
		ctx       context.Context
		jobID     string
		firstName string
		code      string
	}{
		{"ErrClosedJob", w.rec, closed.ID, "Ghost", ats.ECONFLICT},
		{"ErrNotOnTeam", w.rec2, j.ID, "Ghost", ats.EFORBIDDEN},
		{"ErrInterviewer", w.interviewer, j.ID, "Ghost", ats.EFORBIDDEN},
		{"ErrReadOnly", w.reader, j.ID, "Ghost", ats.EFORBIDDEN},
		{"ErrUnknownJob", w.rec, "00000000-0000-4000-8000-000000000000", "Ghost", ats.EINVALID},
		{"ErrFirstNameRequired", w.rec, j.ID, " ", ats.EINVALID},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, err := w.svc.ApplyNewCandidate(tt.ctx, &ats.Candidate{FirstName: tt.firstName, LastName: "Nobody"},
				ats.ApplicationInput{JobID: tt.jobID})
			wantCode(t, err, tt.code)
			if _, n, err := w.svc.FindCandidates(w.admin, ats.CandidateFilter{Query: "nobody"}); err != nil || n != 0 {
				t.Errorf("a refused add left %d candidates (%v)", n, err)
			}
		})
	}
}
