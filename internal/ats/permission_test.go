package ats_test

import (
	"fmt"
	"testing"

	"attractor/internal/ats"
)

// TestAllowed lists every cell of the permission matrix (attract-model.md
// §1.4): for each action and system role, four letters give the answer for
// no seat, a hiring manager seat, a recruiter seat and an interviewer seat.
func TestAllowed(t *testing.T) {
	seats := []ats.TeamRole{ats.TeamNone, ats.TeamHiringManager, ats.TeamRecruiter, ats.TeamInterviewer}
	roles := []ats.Role{ats.RoleAdmin, ats.RoleRecruiter, ats.RoleHiringManager, ats.RoleInterviewer, ats.RoleReadOnly}
	//                                     admin   recruiter hm      interviewer readonly
	matrix := []struct {
		action ats.Action
		cells  [5]string
	}{
		{ats.ActionViewJob, [5]string{"YYYY", "YYYY", "YYYY", "NYYY", "YYYY"}},
		{ats.ActionCreateJob, [5]string{"YYYY", "YYYY", "YYYY", "NNNN", "NNNN"}},
		{ats.ActionEditJob, [5]string{"YYYY", "NYYN", "NYYN", "NYYN", "NNNN"}},
		{ats.ActionActivateJob, [5]string{"YYYY", "NYYN", "NYYN", "NYYN", "NNNN"}},
		{ats.ActionCloseJob, [5]string{"YYYY", "NNYN", "NNYN", "NNYN", "NNNN"}},
		{ats.ActionDeleteJob, [5]string{"YYYY", "NYYN", "NYYN", "NYYN", "NNNN"}},
		{ats.ActionViewApplication, [5]string{"YYYY", "NYYY", "NYYY", "NYYY", "YYYY"}},
		{ats.ActionAddApplicant, [5]string{"YYYY", "NYYN", "NYYN", "NYYN", "NNNN"}},
		{ats.ActionAddProspect, [5]string{"YYYY", "NYYN", "NYYN", "NYYN", "NNNN"}},
		{ats.ActionMoveApplication, [5]string{"YYYY", "NYYN", "NYYN", "NYYN", "NNNN"}},
		{ats.ActionRejectApplication, [5]string{"YYYY", "NNYN", "NNYN", "NNYN", "NNNN"}},
		{ats.ActionDeleteApplication, [5]string{"YYYY", "NNYN", "NNYN", "NNYN", "NNNN"}},
		{ats.ActionWriteApplicationNote, [5]string{"YYYY", "NYYN", "NYYN", "NYYN", "NNNN"}},
		{ats.ActionAddFeedback, [5]string{"YYYY", "NYYY", "NYYY", "NYYY", "NNNN"}},
		{ats.ActionViewAllFeedback, [5]string{"YYYY", "NYYN", "NYYN", "NYYN", "YYYY"}},
		{ats.ActionViewCandidate, [5]string{"YYYY", "YYYY", "YYYY", "NNNN", "YYYY"}},
		{ats.ActionEditCandidate, [5]string{"YYYY", "YYYY", "YYYY", "NNNN", "NNNN"}},
		{ats.ActionViewPool, [5]string{"YYYY", "YYYY", "YYYY", "NNNN", "YYYY"}},
		{ats.ActionCreatePool, [5]string{"YYYY", "YYYY", "YYYY", "NNNN", "NNNN"}},
		{ats.ActionManageUsers, [5]string{"YYYY", "NNNN", "NNNN", "NNNN", "NNNN"}},
		{ats.ActionViewTemplates, [5]string{"YYYY", "YYYY", "YYYY", "NNNN", "YYYY"}},
		{ats.ActionManageTemplates, [5]string{"YYYY", "NNNN", "NNNN", "NNNN", "NNNN"}},
		{ats.ActionManageIntegration, [5]string{"YYYY", "NNNN", "NNNN", "NNNN", "NNNN"}},
	}
	covered := map[ats.Action]bool{}
	for _, row := range matrix {
		covered[row.action] = true
		for ri, role := range roles {
			for si, seat := range seats {
				want := row.cells[ri][si] == 'Y'
				name := fmt.Sprintf("%s/%s/%s", row.action.Describe(), role, seatName(seat))
				if got := ats.Allowed(role, seat, row.action); got != want {
					t.Errorf("Allowed(%s) = %v, want %v", name, got, want)
				}
			}
		}
	}
	for a := ats.ActionViewJob; a <= ats.ActionManageIntegration; a++ {
		if !covered[a] {
			t.Errorf("action %q has no row in the matrix", a.Describe())
		}
	}
}

func seatName(s ats.TeamRole) string {
	if s == ats.TeamNone {
		return "no-seat"
	}
	return string(s)
}
