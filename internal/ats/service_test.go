package ats_test

import (
	"context"
	"io/fs"
	"testing"

	"attractor/internal/ats"
	"attractor/internal/sqldb"
	"attractor/internal/sqldb/sqldbtest"
	"attractor/internal/store"
)

// world is a service over a fresh SQLite store with one user per role.
type world struct {
	svc                                       *ats.Service
	admin, rec, rec2, hm, interviewer, reader context.Context
	users                                     map[string]*ats.User
}

func setup(t *testing.T) *world {
	t.Helper()
	return setupOn(t, sqldb.SQLite, sqldbtest.OpenSQLite)
}

// setupOn is setup on the given engine.
func setupOn(t *testing.T, engine sqldb.Engine, open func(testing.TB, fs.FS) *sqldb.DB) *world {
	t.Helper()
	db := open(t, store.MigrationsFor(engine))
	svc := ats.NewService(store.New(db, sqldb.UTCNow))
	ctx := context.Background()
	if err := svc.EnsureDefaultTemplate(ctx); err != nil {
		t.Fatal(err)
	}
	w := &world{svc: svc, users: map[string]*ats.User{}}
	sys := ats.NewContextWithUser(ctx, &ats.SystemUser)
	as := func(key string, role ats.Role) context.Context {
		u, err := svc.CreateUser(sys, ats.UserInput{Email: key + "@example.com", Name: key, Role: role, Password: "long-enough-pw"})
		if err != nil {
			t.Fatalf("create %s: %v", key, err)
		}
		w.users[key] = u
		return ats.NewContextWithUser(ctx, u)
	}
	w.admin, w.rec, w.rec2 = as("admin", ats.RoleAdmin), as("rec", ats.RoleRecruiter), as("rec2", ats.RoleRecruiter)
	w.hm, w.interviewer, w.reader = as("hm", ats.RoleHiringManager), as("int", ats.RoleInterviewer), as("reader", ats.RoleReadOnly)
	return w
}

// activeJob creates a job as the recruiter, staffs it with the hiring
// manager and interviewer, and activates it.
func (w *world) activeJob(t *testing.T) (*ats.Job, []ats.Phase) {
	t.Helper()
	j, err := w.svc.CreateJob(w.rec, ats.JobInput{Title: "Engineer", Location: ats.Location{City: "Berlin", CountryCode: "de"}})
	must(t, err)
	_, err = w.svc.ReplaceTeam(w.rec, j.Number, []ats.TeamMember{{UserID: w.users["rec"].ID, Role: ats.TeamRecruiter},
		{UserID: w.users["hm"].ID, Role: ats.TeamHiringManager}, {UserID: w.users["int"].ID, Role: ats.TeamInterviewer}})
	must(t, err)
	j, err = w.svc.ActivateJob(w.hm, j.ID)
	must(t, err)
	phases, err := w.svc.FindJobPhases(w.rec, j.ID)
	must(t, err)
	return j, phases
}

func (w *world) candidate(t *testing.T, first, email string) *ats.Candidate {
	t.Helper()
	c, err := w.svc.CreateCandidate(w.rec, &ats.Candidate{FirstName: first, LastName: "Tester", Email: email})
	must(t, err)
	return c
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatalf("unexpected error: %v (%s) %v", err, ats.ErrorMessage(err), ats.ErrorFields(err))
	}
}

func wantCode(t *testing.T, err error, code string) {
	t.Helper()
	if got := ats.ErrorCode(err); got != code {
		t.Fatalf("error code = %q (%v), want %q", got, err, code)
	}
}

func phaseOf(phases []ats.Phase, kind ats.PhaseKind, name string) ats.Phase {
	for _, ph := range phases {
		if ph.Kind == kind && (name == "" || ph.Name == name) {
			return ph
		}
	}
	return ats.Phase{}
}

func TestJobLifecycle(t *testing.T) {
	w := setup(t)
	j, err := w.svc.CreateJob(w.hm, ats.JobInput{Title: "Designer", CreatorRole: ats.TeamHiringManager})
	must(t, err)
	if j.Number != "J-1001" || j.Status != ats.JobDraft || j.Openings != 1 || j.Availability != ats.AvailabilityPublic {
		t.Fatalf("new job = %+v", j)
	}
	t.Run("ErrInterviewerCannotCreate", func(t *testing.T) {
		_, err := w.svc.CreateJob(w.interviewer, ats.JobInput{Title: "X"})
		wantCode(t, err, ats.EFORBIDDEN)
	})
	t.Run("ErrRecruiterNotOnTeamCannotEdit", func(t *testing.T) {
		title := "Other"
		_, err := w.svc.UpdateJob(w.rec, j.ID, ats.JobUpdate{Title: &title})
		wantCode(t, err, ats.EFORBIDDEN)
	})
	t.Run("ProcessEditableWhileDraft", func(t *testing.T) {
		phases, _ := w.svc.FindJobPhases(w.hm, j.ID)
		phases = append(phases[:2], append([]ats.Phase{{Name: "Take-home"}}, phases[2:]...)...)
		_, err := w.svc.UpdateJob(w.hm, j.ID, ats.JobUpdate{Phases: &phases})
		must(t, err)
		got, _ := w.svc.FindJobPhases(w.hm, j.ID)
		if len(got) != 6 || got[2].Name != "Take-home" {
			t.Errorf("phases after edit = %+v", got)
		}
	})
	_, err = w.svc.ActivateJob(w.hm, j.Number)
	must(t, err)
	t.Run("ErrProcessFrozenOnceActive", func(t *testing.T) {
		phases, _ := w.svc.FindJobPhases(w.hm, j.ID)
		_, err := w.svc.UpdateJob(w.hm, j.ID, ats.JobUpdate{Phases: &phases})
		wantCode(t, err, ats.ECONFLICT)
	})
	t.Run("ErrHiringManagerCannotClose", func(t *testing.T) {
		_, err := w.svc.CloseJob(w.hm, j.ID, ats.CloseCancelled)
		wantCode(t, err, ats.EFORBIDDEN)
	})
	t.Run("ErrFilledNeedsHire", func(t *testing.T) {
		_, err := w.svc.CloseJob(w.admin, j.ID, ats.CloseFilled)
		wantCode(t, err, ats.ECONFLICT)
	})
	t.Run("HistoryRecordsStatus", func(t *testing.T) {
		h, _, err := w.svc.FindHistory(w.hm, ats.EntityJob, j.Number, ats.Page{})
		must(t, err)
		if len(h) < 2 || h[0].Changes[0].Field != "status" || h[0].Changes[0].To != "active" {
			t.Errorf("newest history entry = %+v", h[0])
		}
	})
}

func TestTeamRules(t *testing.T) {
	w := setup(t)
	j, err := w.svc.CreateJob(w.rec, ats.JobInput{Title: "Analyst"})
	must(t, err)
	tests := []struct {
		name string
		team []ats.TeamMember
		code string
	}{
		{"interviewer cannot hold a recruiter seat", []ats.TeamMember{{UserID: w.users["int"].ID, Role: ats.TeamRecruiter}}, ats.EINVALID},
		{"needs a lead", []ats.TeamMember{{UserID: w.users["int"].ID, Role: ats.TeamInterviewer}}, ats.EINVALID},
		{"one seat per user", []ats.TeamMember{{UserID: w.users["rec"].ID, Role: ats.TeamRecruiter}, {UserID: w.users["rec"].ID, Role: ats.TeamInterviewer}}, ats.EINVALID},
		{"unknown user", []ats.TeamMember{{UserID: "0190a7e0-0000-7000-8000-000000000000", Role: ats.TeamRecruiter}}, ats.EINVALID},
		{"ok", []ats.TeamMember{{UserID: w.users["hm"].ID, Role: ats.TeamHiringManager}, {UserID: w.users["reader"].ID, Role: ats.TeamInterviewer}}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := w.svc.ReplaceTeam(w.admin, j.ID, tt.team)
			wantCode(t, err, tt.code)
		})
	}
}

func TestApplicationFlow(t *testing.T) {
	w := setup(t)
	j, phases := w.activeJob(t)
	ana, ben := w.candidate(t, "Ana", "ana@example.com"), w.candidate(t, "Ben", "ben@example.com")
	prospect, err := w.svc.CreateApplication(w.rec, ats.ApplicationInput{CandidateID: ana.Number, JobID: j.Number, Prospect: true})
	must(t, err)
	applicant, err := w.svc.CreateApplication(w.hm, ats.ApplicationInput{CandidateID: ben.ID, JobID: j.ID})
	must(t, err)
	if prospect.PhaseKind != ats.PhaseProspect || applicant.PhaseKind != ats.PhaseApplication {
		t.Fatalf("landing phases: prospect in %s, applicant in %s", prospect.PhaseKind, applicant.PhaseKind)
	}
	screen := phaseOf(phases, ats.PhaseCustom, "Screen")
	t.Run("ErrDuplicate", func(t *testing.T) {
		_, err := w.svc.CreateApplication(w.rec, ats.ApplicationInput{CandidateID: ben.ID, JobID: j.ID})
		wantCode(t, err, ats.ECONFLICT)
	})
	t.Run("ErrInterviewerCannotMove", func(t *testing.T) {
		_, err := w.svc.MoveApplication(w.interviewer, applicant.ID, screen.ID)
		wantCode(t, err, ats.EFORBIDDEN)
	})
	t.Run("Move", func(t *testing.T) {
		app, err := w.svc.MoveApplication(w.hm, applicant.ID, screen.ID)
		must(t, err)
		entries, err := w.svc.FindPhaseEntries(w.rec, app.ID)
		must(t, err)
		if len(entries) != 2 || entries[1].PhaseName != "Screen" || entries[1].EnteredBy != w.users["hm"].ID {
			t.Errorf("phase history = %+v", entries)
		}
	})
	t.Run("ErrMoveToOtherJobsPhase", func(t *testing.T) {
		_, other := w.activeJob(t)
		_, err := w.svc.MoveApplication(w.rec, applicant.ID, phaseOf(other, ats.PhaseOffer, "").ID)
		wantCode(t, err, ats.EINVALID)
	})
	t.Run("ErrHiringManagerCannotReject", func(t *testing.T) {
		_, err := w.svc.RejectApplication(w.hm, applicant.ID, "Not a fit")
		wantCode(t, err, ats.EFORBIDDEN)
	})
	t.Run("RejectThenNoMove", func(t *testing.T) {
		_, err := w.svc.RejectApplication(w.rec, prospect.ID, "Not a fit")
		must(t, err)
		_, err = w.svc.MoveApplication(w.rec, prospect.ID, screen.ID)
		wantCode(t, err, ats.ECONFLICT)
	})
	t.Run("HireAndCloseFilled", func(t *testing.T) {
		_, err := w.svc.MoveApplication(w.rec, applicant.ID, phaseOf(phases, ats.PhaseOffer, "").ID)
		must(t, err)
		_, err = w.svc.HireApplication(w.rec, applicant.ID)
		must(t, err)
		closed, err := w.svc.CloseJob(w.rec, j.ID, ats.CloseFilled)
		must(t, err)
		if closed.Status != ats.JobClosed || closed.CloseReason != ats.CloseFilled {
			t.Errorf("closed job = %+v", closed)
		}
	})
	t.Run("ErrClosedJobTakesNoCandidates", func(t *testing.T) {
		c := w.candidate(t, "Cy", "cy@example.com")
		_, err := w.svc.CreateApplication(w.rec, ats.ApplicationInput{CandidateID: c.ID, JobID: j.ID})
		wantCode(t, err, ats.ECONFLICT)
	})
}

func TestProspectWithoutProspectPhase(t *testing.T) {
	w := setup(t)
	j, err := w.svc.CreateJob(w.rec, ats.JobInput{Title: "No prospects"})
	must(t, err)
	phases, _ := w.svc.FindJobPhases(w.rec, j.ID)
	phases[0].Enabled = false
	_, err = w.svc.UpdateJob(w.rec, j.ID, ats.JobUpdate{Phases: &phases})
	must(t, err)
	_, err = w.svc.ActivateJob(w.rec, j.ID)
	must(t, err)
	app, err := w.svc.CreateApplication(w.rec, ats.ApplicationInput{CandidateID: w.candidate(t, "Di", "di@example.com").ID, JobID: j.ID, Prospect: true})
	must(t, err)
	if app.PhaseKind != ats.PhaseApplication || app.Prospect {
		t.Errorf("prospect on a job without Prospect landed in %s (prospect=%v)", app.PhaseKind, app.Prospect)
	}
}

func TestHiringManagerDeletesOnlyEmptyJobs(t *testing.T) {
	w := setup(t)
	j, _ := w.activeJob(t)
	_, err := w.svc.CreateApplication(w.rec, ats.ApplicationInput{CandidateID: w.candidate(t, "Ed", "ed@example.com").ID, JobID: j.ID})
	must(t, err)
	wantCode(t, w.svc.DeleteJob(w.hm, j.ID), ats.EFORBIDDEN)
	wantCode(t, w.svc.DeleteJob(w.interviewer, j.ID), ats.EFORBIDDEN)
	must(t, w.svc.DeleteJob(w.rec, j.ID))
	_, err = w.svc.FindJob(w.admin, j.ID)
	wantCode(t, err, ats.ENOTFOUND)
}

func TestNotesAndFeedback(t *testing.T) {
	w := setup(t)
	j, _ := w.activeJob(t)
	app, err := w.svc.CreateApplication(w.rec, ats.ApplicationInput{CandidateID: w.candidate(t, "Fa", "fa@example.com").ID, JobID: j.ID})
	must(t, err)
	n, err := w.svc.CreateApplicationNote(w.rec, app.ID, "Strong portfolio")
	must(t, err)
	_, err = w.svc.CreateApplicationNote(w.interviewer, app.ID, "I may not")
	wantCode(t, err, ats.EFORBIDDEN)
	_, err = w.svc.UpdateNote(w.hm, n.ID, "Changed by someone else")
	wantCode(t, err, ats.EFORBIDDEN)
	_, err = w.svc.UpdateNote(w.admin, n.ID, "Changed by an admin")
	must(t, err)
	fb := ats.Feedback{InterviewType: ats.InterviewVideo, Recommendation: ats.RecYes,
		Evaluations: []ats.Evaluation{{Attribute: "Communication", Result: "Strong"}}}
	_, err = w.svc.CreateFeedback(w.interviewer, app.ID, fb)
	must(t, err)
	_, err = w.svc.CreateFeedback(w.hm, app.ID, fb)
	must(t, err)
	own, err := w.svc.FindFeedback(w.interviewer, app.ID)
	must(t, err)
	all, err := w.svc.FindFeedback(w.rec, app.ID)
	must(t, err)
	if len(own) != 1 || len(all) != 2 {
		t.Errorf("interviewer sees %d feedback, recruiter %d; want 1 and 2", len(own), len(all))
	}
	_, err = w.svc.CreateFeedback(w.reader, app.ID, fb)
	wantCode(t, err, ats.EFORBIDDEN)
	bad := fb
	bad.Recommendation = "maybe"
	_, err = w.svc.CreateFeedback(w.interviewer, app.ID, bad)
	wantCode(t, err, ats.EINVALID)
}

func TestTalentPools(t *testing.T) {
	w := setup(t)
	c := w.candidate(t, "Gil", "gil@example.com")
	pool, err := w.svc.CreatePool(w.rec, ats.TalentPoolInput{Name: "Go developers", Contributors: []string{w.users["hm"].ID}})
	must(t, err)
	_, err = w.svc.CreatePool(w.hm, ats.TalentPoolInput{Name: "GO DEVELOPERS"})
	wantCode(t, err, ats.ECONFLICT)
	must(t, w.svc.AddPoolMember(w.hm, pool.ID, c.Number))
	must(t, w.svc.AddPoolMember(w.hm, pool.ID, c.ID))
	wantCode(t, w.svc.AddPoolMember(w.rec2, pool.ID, c.ID), ats.EFORBIDDEN)
	_, n, err := w.svc.FindPoolMembers(w.reader, pool.ID, ats.Page{})
	must(t, err)
	if n != 1 {
		t.Errorf("pool has %d members, want 1", n)
	}
	must(t, w.svc.RemovePoolMember(w.rec, pool.ID, c.ID))
	wantCode(t, w.svc.RemovePoolMember(w.rec, pool.ID, c.ID), ats.ENOTFOUND)
	sys, err := w.svc.EnsureSystemPool(context.Background(), ats.LinkedInPoolName)
	must(t, err)
	again, err := w.svc.EnsureSystemPool(context.Background(), ats.LinkedInPoolName)
	must(t, err)
	if again.ID != sys.ID || sys.Kind != ats.PoolSystem {
		t.Errorf("system pool = %+v, again %+v", sys, again)
	}
	wantCode(t, w.svc.DeletePool(w.admin, sys.ID), ats.EFORBIDDEN)
	name := "Renamed"
	_, err = w.svc.UpdatePool(w.admin, sys.ID, ats.TalentPoolUpdate{Name: &name})
	wantCode(t, err, ats.EFORBIDDEN)
}

func TestCandidateVisibility(t *testing.T) {
	w := setup(t)
	j, _ := w.activeJob(t)
	on, off := w.candidate(t, "On", "on@example.com"), w.candidate(t, "Off", "off@example.com")
	_, err := w.svc.CreateApplication(w.rec, ats.ApplicationInput{CandidateID: on.ID, JobID: j.ID})
	must(t, err)
	_, err = w.svc.FindCandidate(w.interviewer, on.Number)
	must(t, err)
	_, err = w.svc.FindCandidate(w.interviewer, off.Number)
	wantCode(t, err, ats.EFORBIDDEN)
	_, _, err = w.svc.FindCandidates(w.interviewer, ats.CandidateFilter{})
	wantCode(t, err, ats.EFORBIDDEN)
	_, err = w.svc.CreateCandidate(w.reader, &ats.Candidate{FirstName: "R", LastName: "O"})
	wantCode(t, err, ats.EFORBIDDEN)
}

func TestCandidateHistoryDiff(t *testing.T) {
	w := setup(t)
	c := w.candidate(t, "Hal", "hal@example.com")
	title := "Staff engineer"
	_, err := w.svc.UpdateCandidate(w.hm, c.ID, ats.CandidateUpdate{Title: &title})
	must(t, err)
	h, total, err := w.svc.FindHistory(w.reader, ats.EntityCandidate, c.Number, ats.Page{})
	must(t, err)
	want := ats.Change{Field: "current_title", From: "", To: "Staff engineer"}
	if total != 2 || len(h[0].Changes) != 1 || h[0].Changes[0] != want || h[0].ActorID != w.users["hm"].ID {
		t.Errorf("history = %d entries, newest %+v", total, h[0])
	}
}
