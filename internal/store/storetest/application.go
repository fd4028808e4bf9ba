package storetest

import (
	"testing"

	"attractor/internal/ats"
)

func testApplication(t *testing.T, open OpenFunc) {
	t.Run("CreateFindRoundTrip", func(t *testing.T) {
		e := setup(t, open)
		p := mustCreatePipeline(t, e)
		want := *p.app
		want.PhaseName, want.PhaseKind = "Application", ats.PhaseApplication
		e.view(t, func(tx ats.Tx) error {
			got, err := tx.FindApplication(p.app.ID)
			check(t, err)
			diff(t, "application", got, &want)
			return nil
		})
	})
	t.Run("ErrDuplicateCandidateJob", func(t *testing.T) {
		e := setup(t, open)
		p := mustCreatePipeline(t, e)
		dup := &ats.Application{CandidateID: p.cand.ID, JobID: p.job.ID, PhaseID: p.phases[0].ID, Status: ats.AppActive}
		wantCode(t, e.updateErr(func(tx ats.Tx) error { return tx.CreateApplication(dup) }), ats.ECONFLICT)
	})
	t.Run("ErrUnknownReferences", testApplicationUnknownRefs(open))
	t.Run("FindApplicationsByJobPhaseCandidate", testFindApplications(open))
	t.Run("UpdateMovesPhase", func(t *testing.T) {
		e := setup(t, open)
		p := mustCreatePipeline(t, e)
		a := *p.app
		a.PhaseID, a.Status, a.RejectionReason, a.UpdatedAt = p.phases[2].ID, ats.AppRejected, hostile[1], at(60)
		e.update(t, func(tx ats.Tx) error { return tx.UpdateApplication(&a) })
		a.PhaseName, a.PhaseKind = "Screen", ats.PhaseCustom
		e.view(t, func(tx ats.Tx) error {
			got, err := tx.FindApplication(a.ID)
			check(t, err)
			diff(t, "application", got, &a)
			return nil
		})
		_, otherPhases := mustCreateJob(t, e, "Other", "")
		a.PhaseID = otherPhases[1].ID
		wantCode(t, e.updateErr(func(tx ats.Tx) error { return tx.UpdateApplication(&a) }), ats.ENOTFOUND)
	})
	t.Run("PhaseEntriesOldestFirst", testPhaseEntries(open))
	t.Run("FeedbackRoundTrip", testFeedback(open))
	t.Run("DeleteCascades", testApplicationDelete(open))
	t.Run("DeleteJobCascades", testJobDelete(open))
}

func testFindApplications(open OpenFunc) func(*testing.T) {
	return func(t *testing.T) {
		e := setup(t, open)
		p := mustCreatePipeline(t, e)
		ann := mustCreateCandidate(t, e, "Ann", "Lee", "ann@example.com")
		a2 := &ats.Application{CandidateID: ann.ID, JobID: p.job.ID, PhaseID: p.phases[0].ID, Status: ats.AppActive, Prospect: true, CreatedAt: at(9)}
		e.update(t, func(tx ats.Tx) error { return tx.CreateApplication(a2) })
		other, otherPhases := mustCreateJob(t, e, "Other", "")
		a3 := mustCreateApplication(t, e, ann, other, otherPhases[1])
		j1 := summary(p.app, p.cand, p.phases[1])
		j2 := summary(a2, ann, p.phases[0])
		j3 := summary(a3, ann, otherPhases[1])
		cases := []struct {
			name  string
			f     ats.ApplicationFilter
			want  []*ats.Application
			total int
		}{
			{"Job", ats.ApplicationFilter{JobID: p.job.ID}, []*ats.Application{j1, j2}, 2},
			{"JobPhase", ats.ApplicationFilter{JobID: p.job.ID, PhaseID: p.phases[0].ID}, []*ats.Application{j2}, 1},
			{"JobStatus", ats.ApplicationFilter{JobID: p.job.ID, Status: ats.AppRejected}, []*ats.Application{}, 0},
			{"JobCandidate", ats.ApplicationFilter{JobID: p.job.ID, CandidateID: ann.ID}, []*ats.Application{j2}, 1},
			{"Candidate", ats.ApplicationFilter{CandidateID: ann.ID}, []*ats.Application{j3, j2}, 2},
			{"Paging", ats.ApplicationFilter{JobID: p.job.ID, Page: ats.Page{Limit: 1, Offset: 1}}, []*ats.Application{j2}, 2},
		}
		e.view(t, func(tx ats.Tx) error {
			for _, c := range cases {
				got, total, err := tx.FindApplications(c.f)
				check(t, err)
				diff(t, c.name, got, c.want)
				diff(t, c.name+" total", total, c.total)
			}
			_, _, err := tx.FindApplications(ats.ApplicationFilter{Status: ats.AppActive})
			wantCode(t, err, ats.EINVALID)
			return nil
		})
	}
}

// summary is what a list returns for a: phase name and kind, and the
// candidate's summary.
func summary(a *ats.Application, c *ats.Candidate, ph ats.Phase) *ats.Application {
	out := *a
	out.PhaseName, out.PhaseKind = ph.Name, ph.Kind
	out.Candidate = &ats.CandidateSummary{Number: c.Number, FirstName: c.FirstName, LastName: c.LastName, Email: c.Email}
	return &out
}

func testApplicationDelete(open OpenFunc) func(*testing.T) {
	return func(t *testing.T) {
		e := setup(t, open)
		p := mustCreatePipeline(t, e)
		note := &ats.Note{SubjectKind: ats.SubjectApplication, SubjectID: p.app.ID, AuthorID: p.user.ID, Text: "x"}
		fb := &ats.Feedback{ApplicationID: p.app.ID, InterviewerID: p.user.ID, InterviewType: ats.InterviewVideo, Recommendation: ats.RecYes}
		e.update(t, func(tx ats.Tx) error {
			check(t, tx.CreateNote(note))
			check(t, tx.AddPhaseEntry(&ats.PhaseEntry{ApplicationID: p.app.ID, PhaseID: p.phases[1].ID}))
			return tx.CreateFeedback(fb)
		})
		e.update(t, func(tx ats.Tx) error { return tx.DeleteApplication(p.app.ID) })
		e.view(t, func(tx ats.Tx) error {
			_, err := tx.FindApplication(p.app.ID)
			wantCode(t, err, ats.ENOTFOUND)
			_, err = tx.FindNote(note.ID)
			wantCode(t, err, ats.ENOTFOUND)
			_, err = tx.FindCandidateByID(p.cand.ID) // the candidate stays
			check(t, err)
			return nil
		})
		wantOutbox(t, e, ats.OutboxDelete, []ref{
			{ats.EntityApplication, p.app.ID, "", ""}, {ats.EntityFeedback, fb.ID, p.app.ID, ats.EntityApplication},
			{ats.EntityNote, note.ID, p.app.ID, ats.EntityApplication}, {ats.EntityStage, p.app.ID, p.app.ID, ats.EntityApplication},
		})
	}
}

func testJobDelete(open OpenFunc) func(*testing.T) {
	return func(t *testing.T) {
		e := setup(t, open)
		p := mustCreatePipeline(t, e)
		note := &ats.Note{SubjectKind: ats.SubjectApplication, SubjectID: p.app.ID, AuthorID: p.user.ID, Text: "x"}
		e.update(t, func(tx ats.Tx) error { return tx.CreateNote(note) })
		e.update(t, func(tx ats.Tx) error { return tx.DeleteJob(p.job.ID) })
		e.view(t, func(tx ats.Tx) error {
			_, err := tx.FindJobByID(p.job.ID)
			wantCode(t, err, ats.ENOTFOUND)
			_, err = tx.FindApplication(p.app.ID)
			wantCode(t, err, ats.ENOTFOUND)
			_, err = tx.FindNote(note.ID)
			wantCode(t, err, ats.ENOTFOUND)
			_, err = tx.FindCandidateByID(p.cand.ID)
			check(t, err)
			return nil
		})
		wantOutbox(t, e, ats.OutboxDelete, []ref{
			{ats.EntityApplication, p.app.ID, "", ""}, {ats.EntityJob, p.job.ID, "", ""},
			{ats.EntityNote, note.ID, p.app.ID, ats.EntityApplication}, {ats.EntityTeam, p.job.ID, "", ""},
		})
	}
}

func testApplicationUnknownRefs(open OpenFunc) func(*testing.T) {
	return func(t *testing.T) {
		e := setup(t, open)
		p := mustCreatePipeline(t, e)
		other, otherPhases := mustCreateJob(t, e, "Other", "")
		for name, a := range map[string]*ats.Application{
			"phase of other job": {CandidateID: p.cand.ID, JobID: p.job.ID, PhaseID: otherPhases[0].ID},
			"unknown candidate":  {CandidateID: "missing", JobID: other.ID, PhaseID: otherPhases[0].ID},
			"unknown job":        {CandidateID: p.cand.ID, JobID: "missing", PhaseID: otherPhases[0].ID},
		} {
			if got := ats.ErrorCode(e.updateErr(func(tx ats.Tx) error { return tx.CreateApplication(a) })); got != ats.ENOTFOUND {
				t.Errorf("%s: code %q, want not found", name, got)
			}
		}
		e.view(t, func(tx ats.Tx) error {
			_, err := tx.FindApplication("missing")
			wantCode(t, err, ats.ENOTFOUND)
			_, err = tx.FindPhaseEntries("missing")
			wantCode(t, err, ats.ENOTFOUND)
			_, err = tx.FindFeedback("missing")
			wantCode(t, err, ats.ENOTFOUND)
			return nil
		})
		for name, fn := range map[string]func(ats.Tx) error{
			"update":   func(tx ats.Tx) error { return tx.UpdateApplication(&ats.Application{ID: "missing"}) },
			"delete":   func(tx ats.Tx) error { return tx.DeleteApplication("missing") },
			"entry":    func(tx ats.Tx) error { return tx.AddPhaseEntry(&ats.PhaseEntry{ApplicationID: "missing"}) },
			"feedback": func(tx ats.Tx) error { return tx.CreateFeedback(&ats.Feedback{ApplicationID: "missing"}) },
		} {
			if got := ats.ErrorCode(e.updateErr(fn)); got != ats.ENOTFOUND {
				t.Errorf("%s: code %q, want not found", name, got)
			}
		}
	}
}

func testPhaseEntries(open OpenFunc) func(*testing.T) {
	return func(t *testing.T) {
		e := setup(t, open)
		p := mustCreatePipeline(t, e)
		e1 := ats.PhaseEntry{ApplicationID: p.app.ID, PhaseID: p.phases[1].ID, EnteredAt: at(10), EnteredBy: p.user.ID}
		e2 := ats.PhaseEntry{ApplicationID: p.app.ID, PhaseID: p.phases[2].ID, EnteredBy: p.user.ID} // at tx time
		e.clock.Set(at(20))
		e.update(t, func(tx ats.Tx) error {
			check(t, tx.AddPhaseEntry(&e2))
			return tx.AddPhaseEntry(&e1)
		})
		e1.PhaseName, e2.PhaseName = "Application", "Screen"
		e.view(t, func(tx ats.Tx) error {
			got, err := tx.FindPhaseEntries(p.app.ID)
			check(t, err)
			diff(t, "entries", got, []ats.PhaseEntry{e1, e2})
			return nil
		})
	}
}

func testFeedback(open OpenFunc) func(*testing.T) {
	return func(t *testing.T) {
		e := setup(t, open)
		p := mustCreatePipeline(t, e)
		f1 := &ats.Feedback{ApplicationID: p.app.ID, InterviewerID: p.user.ID, InterviewType: ats.InterviewOnsite,
			Evaluations:    []ats.Evaluation{{Attribute: "Communication", Result: hostile[5]}, {Attribute: hostile[0], Result: "Strong"}},
			Recommendation: ats.RecStrongYes, Comments: hostile[1], CreatedAt: at(5), UpdatedAt: at(6)}
		f2 := &ats.Feedback{ApplicationID: p.app.ID, InterviewerID: "gone", InterviewType: ats.InterviewOther, Recommendation: ats.RecNo, CreatedAt: at(7)}
		e.update(t, func(tx ats.Tx) error {
			check(t, tx.CreateFeedback(f2))
			return tx.CreateFeedback(f1)
		})
		f1.InterviewerName = p.user.Name
		e.view(t, func(tx ats.Tx) error {
			got, err := tx.FindFeedback(p.app.ID)
			check(t, err)
			diff(t, "feedback", got, []*ats.Feedback{f1, f2})
			return nil
		})
	}
}
