package ats_test

import (
	"context"
	"sync"
	"testing"

	"attractor/internal/ats"
)

func TestSignInThrottle(t *testing.T) {
	w := setup(t)
	ctx := context.Background()
	for i := range 10 {
		_, err := w.svc.Authenticate(ctx, "rec@example.com", "wrong password "+string(rune('a'+i)))
		wantCode(t, err, ats.EUNAUTHORIZED)
	}
	_, err := w.svc.Authenticate(ctx, "REC@example.com", "long-enough-pw")
	wantCode(t, err, ats.ETOOMANY)
	u, err := w.svc.Authenticate(ctx, "hm@example.com", "long-enough-pw")
	must(t, err)
	if u.Email != "hm@example.com" {
		t.Errorf("other account signed in as %s", u.Email)
	}
}

func TestReviewedRules(t *testing.T) {
	w := setup(t)
	j, _ := w.activeJob(t)
	c := w.candidate(t, "Ida", "ida@example.com")
	app, err := w.svc.CreateApplication(w.rec, ats.ApplicationInput{CandidateID: c.ID, JobID: j.ID})
	must(t, err)
	t.Run("InterviewerListsOnlyJobsWithASeat", func(t *testing.T) {
		_, err := w.svc.CreateJob(w.rec2, ats.JobInput{Title: "Elsewhere"})
		must(t, err)
		jobs, total, err := w.svc.FindJobs(w.interviewer, ats.JobFilter{})
		must(t, err)
		if total != 1 || jobs[0].ID != j.ID {
			t.Errorf("interviewer lists %d jobs, want only %s", total, j.Number)
		}
	})
	t.Run("ErrHiringManagerCannotTakeRecruiterSeat", func(t *testing.T) {
		_, err := w.svc.ReplaceTeam(w.hm, j.ID, []ats.TeamMember{{UserID: w.users["hm"].ID, Role: ats.TeamRecruiter}})
		wantCode(t, err, ats.EINVALID)
		_, err = w.svc.CreateJob(w.hm, ats.JobInput{Title: "Mine", CreatorRole: ats.TeamRecruiter})
		wantCode(t, err, ats.EINVALID)
	})
	t.Run("ErrHiringManagerCannotDeleteCandidateWithApplications", func(t *testing.T) {
		wantCode(t, w.svc.DeleteCandidate(w.hm, c.ID), ats.EFORBIDDEN)
		if _, err := w.svc.FindApplication(w.rec, app.ID); err != nil {
			t.Fatalf("application gone after a refused delete: %v", err)
		}
	})
	t.Run("InterviewerSeesOnlyTheirJobsApplications", func(t *testing.T) {
		other, _ := w.activeJob(t)
		_, err := w.svc.CreateApplication(w.rec, ats.ApplicationInput{CandidateID: c.ID, JobID: other.ID})
		must(t, err)
		_, err = w.svc.ReplaceTeam(w.rec, other.ID, []ats.TeamMember{{UserID: w.users["rec"].ID, Role: ats.TeamRecruiter}})
		must(t, err)
		apps, total, err := w.svc.FindCandidateApplications(w.interviewer, c.Number, ats.Page{})
		must(t, err)
		if total != 1 || apps[0].JobID != j.ID {
			t.Errorf("interviewer sees %d applications, want only the one on %s", total, j.Number)
		}
		_, all, err := w.svc.FindCandidateApplications(w.hm, c.Number, ats.Page{})
		must(t, err)
		if all != 2 {
			t.Errorf("hiring manager sees %d applications, want 2", all)
		}
	})
	t.Run("RecruiterDeletesCandidateWithApplications", func(t *testing.T) {
		must(t, w.svc.DeleteCandidate(w.rec, c.ID))
	})
}

func TestPoolProtections(t *testing.T) {
	w := setup(t)
	_, err := w.svc.CreatePool(w.rec, ats.TalentPoolInput{Name: "linkedin"})
	wantCode(t, err, ats.EINVALID)
	pool, err := w.svc.CreatePool(w.rec, ats.TalentPoolInput{Name: "Mine"})
	must(t, err)
	role := ats.RoleReadOnly
	_, err = w.svc.UpdateUser(w.admin, w.users["rec"].ID, ats.UserUpdate{Role: &role})
	must(t, err)
	demoted, err := w.svc.FindUserByID(w.admin, w.users["rec"].ID)
	must(t, err)
	ctx := ats.NewContextWithUser(context.Background(), demoted)
	wantCode(t, w.svc.AddPoolMember(ctx, pool.ID, w.candidate(t, "Jo", "jo@example.com").ID), ats.EFORBIDDEN)
	wantCode(t, w.svc.DeletePool(ctx, pool.ID), ats.EFORBIDDEN)
}

func TestProcessChangeIsAudited(t *testing.T) {
	w := setup(t)
	j, err := w.svc.CreateJob(w.rec, ats.JobInput{Title: "Audited"})
	must(t, err)
	phases, _ := w.svc.FindJobPhases(w.rec, j.ID)
	phases = append(phases[:3], phases[4:]...) // drop Interview
	_, err = w.svc.UpdateJob(w.rec, j.ID, ats.JobUpdate{Phases: &phases})
	must(t, err)
	h, _, err := w.svc.FindHistory(w.rec, ats.EntityJob, j.ID, ats.Page{})
	must(t, err)
	want := ats.Change{Field: "phases", From: "Prospect → Application → Screen → Interview → Offer",
		To: "Prospect → Application → Screen → Offer"}
	if len(h[0].Changes) != 1 || h[0].Changes[0] != want {
		t.Errorf("newest history entry = %+v, want %+v", h[0].Changes, want)
	}
}

func TestConcurrentSignInsAreThrottled(t *testing.T) {
	w := setup(t)
	results := make(chan string, 40)
	for range 40 {
		go func() {
			_, err := w.svc.Authenticate(context.Background(), "rec@example.com", "not the password")
			results <- ats.ErrorCode(err)
		}()
	}
	counts := map[string]int{}
	for range 40 {
		counts[<-results]++
	}
	if counts[ats.EUNAUTHORIZED] != 10 || counts[ats.ETOOMANY] != 30 {
		t.Errorf("40 concurrent wrong passwords: %v; want 10 checked and 30 throttled", counts)
	}
}

// TestConcurrentRejectAndMove races a reject against a move of the same
// application many times: whatever order wins, a reject that reported
// success must leave the application rejected (no lost update), on both
// engines.
func TestConcurrentRejectAndMove(t *testing.T) {
	for _, e := range engines {
		t.Run(e.name, func(t *testing.T) {
			w := setupOn(t, e.engine, e.open)
			j, phases := w.activeJob(t)
			screen := phaseOf(phases, ats.PhaseCustom, "Screen")
			for i := range 15 {
				c := w.candidate(t, "Race", "race"+string(rune('a'+i))+"@example.com")
				app, err := w.svc.CreateApplication(w.rec, ats.ApplicationInput{CandidateID: c.ID, JobID: j.ID})
				must(t, err)
				var wg sync.WaitGroup
				var rejectErr, moveErr error
				wg.Go(func() { _, rejectErr = w.svc.RejectApplication(w.rec, app.ID, "Not a fit") })
				wg.Go(func() { _, moveErr = w.svc.MoveApplication(w.hm, app.ID, screen.ID) })
				wg.Wait()
				got, err := w.svc.FindApplication(w.rec, app.ID)
				must(t, err)
				if rejectErr == nil && got.Status != ats.AppRejected {
					t.Fatalf("round %d: reject succeeded (move: %v) but the application is %s", i, moveErr, got.Status)
				}
				if rejectErr != nil || (moveErr != nil && ats.ErrorCode(moveErr) != ats.ECONFLICT) {
					t.Fatalf("round %d: reject %v, move %v", i, rejectErr, moveErr)
				}
			}
		})
	}
}
