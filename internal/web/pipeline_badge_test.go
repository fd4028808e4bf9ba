package web_test

import (
	"testing"

	"attractor/internal/ats"
)

// TestJobPipelineStatusBadge checks that the pipeline rows show the
// shared status badge of the candidate and application pages: hired is
// good news, rejected bad news (its reason once, in the row's meta line),
// active and withdrawn neutral.
func TestJobPipelineStatusBadge(t *testing.T) {
	t.Parallel()
	b := jobSetup(t, true)
	apps := jobApply(t, b, 4, false)
	ctx := as(b.rec)
	if _, err := b.e.svc.RejectApplication(ctx, apps[1].ID, "Position filled"); err != nil {
		t.Fatal(err)
	}
	if _, err := b.e.svc.WithdrawApplication(ctx, apps[2].ID); err != nil {
		t.Fatal(err)
	}
	offer := b.phases[ats.PhaseOffer].ID
	if _, err := b.e.svc.MoveApplication(ctx, apps[3].ID, offer); err != nil {
		t.Fatal(err)
	}
	if _, err := b.e.svc.HireApplication(ctx, apps[3].ID); err != nil {
		t.Fatal(err)
	}
	c := b.e.signIn(t, b.rec)
	path := "/jobs/" + b.job.ID + "/pipeline?status="
	tests := []struct {
		name, phase, app, label, class string
	}{
		{"Active", "", apps[0].ID, "Active", "badge"},
		{"Rejected", "", apps[1].ID, "Rejected", "badge bad"},
		{"WithdrawnNeutral", "", apps[2].ID, "Withdrawn", "badge"},
		{"Hired", "&phase=" + offer, apps[3].ID, "Hired", "badge ok"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			d := c.page(t, path+tc.phase)
			row := "#app-" + tc.app
			if got, class := d.text(row+" .badge"), d.attr(row+" .badge", "class"); got != tc.label || class != tc.class {
				t.Errorf("badge = %q class %q, want %q class %q", got, class, tc.label, tc.class)
			}
			if d.count(row+" .app-reason") != 0 {
				t.Errorf("reason shown twice in the row")
			}
		})
	}
	d := c.page(t, path)
	if got := d.text("#app-" + apps[1].ID + " .reject-reason"); got != "Position filled" {
		t.Errorf("reject reason = %q", got)
	}
}
