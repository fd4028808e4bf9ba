package storetest

import (
	"context"
	"slices"
	"testing"

	"attractor/internal/ats"
)

// syncWorld is a small ATS covering every case of the Prospect rule and
// of ACLs:
//   - candidate none has no application (not withheld);
//   - candidate lone has one application, still in Prospect (withheld);
//   - candidate mixed has one in Prospect and one past it (not withheld);
//   - jobs: a PRIVATE draft, a PUBLIC and a PRIVATE active one whose team
//     has two users sharing a person URN, one with another, one with none.
type syncWorld struct {
	rita, ivan           *ats.User
	draft, pub, priv     *ats.Job
	privPhases           []ats.Phase
	none, lone, mixed    *ats.Candidate
	loneApp              *ats.Application // prospect
	mixedPros, mixedLive *ats.Application
	notes                []*ats.Note
	feedback             []*ats.Feedback
}

func mustCreateSyncWorld(t *testing.T, e *env) *syncWorld {
	t.Helper()
	w := &syncWorld{}
	w.rita = mustCreateUser(t, e, "rita@example.com", "Rita")
	w.ivan = mustCreateUser(t, e, "ivan@example.com", "Ivan")
	old := mustCreateUser(t, e, "rita.old@example.com", "Rita (old)")
	plain := mustCreateUser(t, e, "plain@example.com", "Plain")
	e.update(t, func(tx ats.Tx) error {
		check(t, tx.SetUserLinkedIn(w.rita.ID, "urn:li:person:r", "urn:li:seat:r"))
		check(t, tx.SetUserLinkedIn(old.ID, "urn:li:person:r", ""))
		return tx.SetUserLinkedIn(w.ivan.ID, "urn:li:person:i", "")
	})
	w.draft, _ = mustCreateJobAs(t, e, "Draft", ats.JobDraft, ats.AvailabilityPrivate, w.ivan.ID)
	w.pub, _ = mustCreateJobAs(t, e, "Public", ats.JobActive, ats.AvailabilityPublic, w.rita.ID)
	w.priv, w.privPhases = mustCreateJobAs(t, e, "Private", ats.JobActive, ats.AvailabilityPrivate,
		w.rita.ID, w.ivan.ID, old.ID, plain.ID)
	pubPhases := phasesOf(t, e, w.pub.ID)

	w.none = mustCreateCandidate(t, e, "Nora", "None", "none@example.com")
	w.lone = mustCreateCandidate(t, e, "Lone", "Prospect", "lone@example.com")
	w.mixed = mustCreateCandidate(t, e, "Max", "Mixed", "mixed@example.com")
	w.loneApp = mustCreateApplication(t, e, w.lone, w.priv, w.privPhases[0])
	w.mixedPros = mustCreateApplication(t, e, w.mixed, w.pub, pubPhases[0])
	w.mixedLive = mustCreateApplication(t, e, w.mixed, w.priv, w.privPhases[1])
	w.addHistory(t, e)
	return w
}

// addHistory gives the applications phase entries, notes and feedback.
func (w *syncWorld) addHistory(t *testing.T, e *env) {
	t.Helper()
	w.notes = []*ats.Note{
		{SubjectKind: ats.SubjectCandidate, SubjectID: w.none.ID, AuthorID: w.rita.ID, Text: hostile[0]},
		{SubjectKind: ats.SubjectCandidate, SubjectID: w.lone.ID, AuthorID: w.rita.ID, Text: "withheld"},
		{SubjectKind: ats.SubjectCandidate, SubjectID: w.mixed.ID, AuthorID: "gone", Text: "c"},
		{SubjectKind: ats.SubjectApplication, SubjectID: w.loneApp.ID, AuthorID: w.ivan.ID, Text: "withheld"},
		{SubjectKind: ats.SubjectApplication, SubjectID: w.mixedLive.ID, AuthorID: w.ivan.ID, Text: "a"},
	}
	w.feedback = []*ats.Feedback{
		{ApplicationID: w.loneApp.ID, InterviewerID: w.ivan.ID, InterviewType: ats.InterviewVideo, Recommendation: ats.RecNo},
		{ApplicationID: w.mixedLive.ID, InterviewerID: w.ivan.ID, InterviewType: ats.InterviewOnsite,
			Recommendation: ats.RecYes, Evaluations: []ats.Evaluation{{Attribute: "Go", Result: "Strong"}}, Comments: hostile[4]},
	}
	e.update(t, func(tx ats.Tx) error {
		for _, n := range w.notes {
			check(t, tx.CreateNote(n))
		}
		for _, f := range w.feedback {
			check(t, tx.CreateFeedback(f))
		}
		check(t, tx.AddPhaseEntry(&ats.PhaseEntry{ApplicationID: w.loneApp.ID, PhaseID: w.privPhases[0].ID, EnteredAt: at(4)}))
		check(t, tx.AddPhaseEntry(&ats.PhaseEntry{ApplicationID: w.mixedLive.ID, PhaseID: w.privPhases[2].ID, EnteredAt: at(6)}))
		return tx.AddPhaseEntry(&ats.PhaseEntry{ApplicationID: w.mixedLive.ID, PhaseID: w.privPhases[1].ID, EnteredAt: at(5)})
	})
}

// mustCreateJobAs stores a job with status, availability and a team of
// interviewers (the first a recruiter).
func mustCreateJobAs(t *testing.T, e *env, title string, status ats.JobStatus, a ats.Availability, team ...string) (*ats.Job, []ats.Phase) {
	t.Helper()
	j := newJob(title)
	j.Status, j.Availability = status, a
	members := []ats.TeamMember{}
	for i, id := range team {
		role := ats.TeamInterviewer
		if i == 0 {
			role = ats.TeamRecruiter
		}
		members = append(members, ats.TeamMember{UserID: id, Role: role})
	}
	phases := ats.DefaultPhases()
	e.update(t, func(tx ats.Tx) error { return tx.CreateJob(j, phases, members) })
	return j, phases
}

func testSync(t *testing.T, open OpenFunc) {
	t.Run("Jobs", testSyncJobs(open))
	t.Run("CandidatesWithheld", testSyncCandidates(open))
	t.Run("ApplicationsWithheld", testSyncApplications(open))
	t.Run("Stages", testSyncStages(open))
	t.Run("NotesAndFeedback", testSyncNotesFeedback(open))
	t.Run("TeamsAndMirror", testSyncTeams(open))
	t.Run("LeavingProspectUnwithholds", testSyncUnwithhold(open))
	t.Run("KeysetPagingAndOnly", testSyncPaging(open))
	t.Run("CountMatchesReaders", testSyncCounts(open))
}

// readSync reads every page of a reader with limit.
func readSync[T any](t *testing.T, e *env, limit int, read func(ats.Tx, string, string, int) ([]T, error), id func(T) string) []T {
	t.Helper()
	out := []T{}
	e.view(t, func(tx ats.Tx) error {
		after := ""
		for {
			page, err := read(tx, after, "", limit)
			check(t, err)
			out = append(out, page...)
			if len(page) < limit {
				return nil
			}
			after = id(page[len(page)-1])
		}
	})
	return out
}

// readOnly reads the one entity id (or none) through a reader.
func readOnly[T any](t *testing.T, e *env, read func(ats.Tx, string, string, int) ([]T, error), only string) []T {
	t.Helper()
	var out []T
	e.view(t, func(tx ats.Tx) error {
		var err error
		out, err = read(tx, "", only, 100)
		return err
	})
	return out
}

// byID sorts want the way the readers return it.
func byID[T any](want []T, id func(T) string) []T {
	slices.SortFunc(want, func(a, b T) int { return compareIDs(id(a), id(b)) })
	return want
}

func compareIDs(a, b string) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

func jobID(j ats.SyncJob) string                                    { return j.Job.ID }
func candID(c ats.SyncCandidate) string                             { return c.Candidate.ID }
func appID(a ats.SyncApplication) string                            { return a.Application.ID }
func stagesID(s ats.SyncStages) string                              { return s.ApplicationID }
func noteID(n ats.SyncNote) string                                  { return n.Note.ID }
func feedbackID(f ats.SyncFeedback) string                          { return f.Feedback.ID }
func teamID(s ats.SyncTeam) string                                  { return s.JobID }
func syncJobs(tx ats.Tx, a, o string, l int) ([]ats.SyncJob, error) { return tx.SyncJobs(a, o, l) }
func syncCandidates(tx ats.Tx, a, o string, l int) ([]ats.SyncCandidate, error) {
	return tx.SyncCandidates(a, o, l)
}
func syncApplications(tx ats.Tx, a, o string, l int) ([]ats.SyncApplication, error) {
	return tx.SyncApplications(a, o, l)
}
func syncStages(tx ats.Tx, a, o string, l int) ([]ats.SyncStages, error) {
	return tx.SyncStages(a, o, l)
}
func syncNotes(tx ats.Tx, a, o string, l int) ([]ats.SyncNote, error) { return tx.SyncNotes(a, o, l) }
func syncFeedback(tx ats.Tx, a, o string, l int) ([]ats.SyncFeedback, error) {
	return tx.SyncFeedback(a, o, l)
}
func syncTeams(tx ats.Tx, a, o string, l int) ([]ats.SyncTeam, error) { return tx.SyncTeams(a, o, l) }

func testSyncJobs(open OpenFunc) func(*testing.T) {
	return func(t *testing.T) {
		e := setup(t, open)
		w := mustCreateSyncWorld(t, e)
		e.update(t, func(tx ats.Tx) error {
			check(t, tx.SaveSentJob(w.pub.ID, []byte(`{}`)))
			return tx.SaveSentJob(w.pub.ID, []byte(`{}`))
		})
		var want []ats.SyncJob
		e.view(t, func(tx ats.Tx) error {
			for _, j := range []*ats.Job{w.draft, w.pub, w.priv} {
				got, err := tx.FindJobByID(j.ID)
				check(t, err)
				want = append(want, ats.SyncJob{Job: *got, Sent: j == w.pub})
			}
			return nil
		})
		diff(t, "jobs, drafts included", readSync(t, e, 100, syncJobs, jobID), byID(want, jobID))
	}
}

func testSyncCandidates(open OpenFunc) func(*testing.T) {
	return func(t *testing.T) {
		e := setup(t, open)
		w := mustCreateSyncWorld(t, e)
		var want []ats.SyncCandidate
		e.view(t, func(tx ats.Tx) error {
			for _, c := range []*ats.Candidate{w.none, w.lone, w.mixed} {
				got, err := tx.FindCandidateByID(c.ID)
				check(t, err)
				want = append(want, ats.SyncCandidate{Candidate: *got, Withheld: c == w.lone})
			}
			return nil
		})
		diff(t, "candidates", readSync(t, e, 100, syncCandidates, candID), byID(want, candID))
	}
}

func testSyncApplications(open OpenFunc) func(*testing.T) {
	return func(t *testing.T) {
		e := setup(t, open)
		w := mustCreateSyncWorld(t, e)
		var want []ats.SyncApplication
		e.view(t, func(tx ats.Tx) error {
			for _, a := range []*ats.Application{w.loneApp, w.mixedPros, w.mixedLive} {
				got, err := tx.FindApplication(a.ID)
				check(t, err)
				c, err := tx.FindCandidateByID(a.CandidateID)
				check(t, err)
				j, err := tx.FindJobByID(a.JobID)
				check(t, err)
				got.Candidate = &ats.CandidateSummary{Number: c.Number, FirstName: c.FirstName, LastName: c.LastName, Email: c.Email}
				want = append(want, ats.SyncApplication{Application: *got, JobTitle: j.Title, Withheld: a != w.mixedLive})
			}
			return nil
		})
		diff(t, "applications", readSync(t, e, 100, syncApplications, appID), byID(want, appID))
	}
}

func testSyncStages(open OpenFunc) func(*testing.T) {
	return func(t *testing.T) {
		e := setup(t, open)
		w := mustCreateSyncWorld(t, e)
		var want []ats.SyncStages
		e.view(t, func(tx ats.Tx) error {
			for _, a := range []*ats.Application{w.loneApp, w.mixedLive} { // mixedPros has none
				entries, err := tx.FindPhaseEntries(a.ID)
				check(t, err)
				want = append(want, ats.SyncStages{ApplicationID: a.ID, Entries: entries, Withheld: a == w.loneApp})
			}
			return nil
		})
		got := readSync(t, e, 100, syncStages, stagesID)
		diff(t, "stages", got, byID(want, stagesID))
		if live := readOnly(t, e, syncStages, w.mixedLive.ID); len(live) != 1 || live[0].Entries[0].PhaseName != "Application" {
			t.Errorf("mixed live stages = %+v, want oldest (Application) first", live)
		}
	}
}

func testSyncNotesFeedback(open OpenFunc) func(*testing.T) {
	return func(t *testing.T) {
		e := setup(t, open)
		w := mustCreateSyncWorld(t, e)
		var notes []ats.SyncNote
		var feedback []ats.SyncFeedback
		e.view(t, func(tx ats.Tx) error {
			for i, n := range w.notes {
				got, err := tx.FindNote(n.ID)
				check(t, err)
				notes = append(notes, ats.SyncNote{Note: *got, Withheld: i == 1 || i == 3})
			}
			for _, a := range []*ats.Application{w.loneApp, w.mixedLive} {
				list, err := tx.FindFeedback(a.ID)
				check(t, err)
				for _, f := range list {
					feedback = append(feedback, ats.SyncFeedback{Feedback: *f, Withheld: a == w.loneApp})
				}
			}
			return nil
		})
		got := readSync(t, e, 100, syncNotes, noteID)
		diff(t, "notes", got, byID(notes, noteID))
		diff(t, "author names", []string{authorOf(got, w.notes[0].ID), authorOf(got, w.notes[2].ID)}, []string{"Rita", ""})
		diff(t, "feedback", readSync(t, e, 100, syncFeedback, feedbackID), byID(feedback, feedbackID))
	}
}

func authorOf(notes []ats.SyncNote, id string) string {
	for _, n := range notes {
		if n.Note.ID == id {
			return n.Note.AuthorName
		}
	}
	return "missing"
}

func testSyncTeams(open OpenFunc) func(*testing.T) {
	return func(t *testing.T) {
		e := setup(t, open)
		w := mustCreateSyncWorld(t, e)
		team := func(j *ats.Job, sent bool, sentTo []string, assignees ...string) ats.SyncTeam {
			return ats.SyncTeam{JobID: j.ID, Availability: j.Availability, Assignees: assignees,
				SentAssignees: sentTo, Sent: sent}
		}
		want := []ats.SyncTeam{
			team(w.draft, false, []string{}, "urn:li:person:i"),
			team(w.pub, false, []string{}, "urn:li:person:r"),
			team(w.priv, false, []string{}, "urn:li:person:i", "urn:li:person:r"),
		}
		diff(t, "teams before any send", readSync(t, e, 100, syncTeams, teamID), byID(want, teamID))

		e.update(t, func(tx ats.Tx) error {
			return tx.MarkTeamSent(w.priv.ID, true, []string{"urn:li:person:r", "urn:li:person:x"})
		})
		want = []ats.SyncTeam{team(w.priv, true, []string{"urn:li:person:r", "urn:li:person:x"}, "urn:li:person:i", "urn:li:person:r")}
		diff(t, "after an ACL send", readOnly(t, e, syncTeams, w.priv.ID), want)

		e.update(t, func(tx ats.Tx) error { return tx.MarkTeamSent(w.priv.ID, false, nil) })
		want[0].Sent, want[0].SentAssignees = false, []string{}
		diff(t, "after the ACL was deleted", readOnly(t, e, syncTeams, w.priv.ID), want)

		e.update(t, func(tx ats.Tx) error { return tx.MarkTeamSent(w.pub.ID, true, nil) })
		want = []ats.SyncTeam{team(w.pub, true, []string{}, "urn:li:person:r")}
		diff(t, "an empty ACL sent", readOnly(t, e, syncTeams, w.pub.ID), want)
	}
}

func testSyncUnwithhold(open OpenFunc) func(*testing.T) {
	return func(t *testing.T) {
		e := setup(t, open)
		w := mustCreateSyncWorld(t, e)
		w.loneApp.PhaseID, w.loneApp.Prospect = w.privPhases[1].ID, false
		e.update(t, func(tx ats.Tx) error { return tx.UpdateApplication(w.loneApp) })
		withheld := []bool{
			readOnly(t, e, syncCandidates, w.lone.ID)[0].Withheld,
			readOnly(t, e, syncApplications, w.loneApp.ID)[0].Withheld,
			readOnly(t, e, syncStages, w.loneApp.ID)[0].Withheld,
			readOnly(t, e, syncNotes, w.notes[1].ID)[0].Withheld,
			readOnly(t, e, syncNotes, w.notes[3].ID)[0].Withheld,
			readOnly(t, e, syncFeedback, w.feedback[0].ID)[0].Withheld,
		}
		diff(t, "withheld after leaving Prospect (candidate, application, stages, notes, feedback)",
			withheld, []bool{false, false, false, false, false, false})
	}
}

// testSyncPaging reads every kind one record per page and checks it equals
// the single-page read, and that only selects one entity.
func testSyncPaging(open OpenFunc) func(*testing.T) {
	return func(t *testing.T) {
		e := setup(t, open)
		mustCreateSyncWorld(t, e)
		checkPaging(t, e, "jobs", syncJobs, jobID)
		checkPaging(t, e, "candidates", syncCandidates, candID)
		checkPaging(t, e, "applications", syncApplications, appID)
		checkPaging(t, e, "stages", syncStages, stagesID)
		checkPaging(t, e, "notes", syncNotes, noteID)
		checkPaging(t, e, "feedback", syncFeedback, feedbackID)
		checkPaging(t, e, "teams", syncTeams, teamID)
	}
}

func checkPaging[T any](t *testing.T, e *env, what string, read func(ats.Tx, string, string, int) ([]T, error), id func(T) string) {
	t.Helper()
	all := readSync(t, e, 1000, read, id)
	if len(all) < 2 {
		t.Fatalf("%s: %d records, want several to page through", what, len(all))
	}
	diff(t, what+" paged by 1", readSync(t, e, 1, read, id), all)
	diff(t, what+" paged by 2", readSync(t, e, 2, read, id), all)
	diff(t, what+" only the second", readOnly(t, e, read, id(all[1])), all[1:2])
	diff(t, what+" only an unknown id", readOnly(t, e, read, "missing"), []T{})
	var afterFirst []T
	e.view(t, func(tx ats.Tx) error {
		var err error
		afterFirst, err = read(tx, id(all[0]), "", 1)
		return err
	})
	diff(t, what+" one after the first", afterFirst, all[1:2])
}

// testSyncCounts checks CountSyncable against the readers, applying the
// sync engine's rules: no drafts, nothing withheld, every phase entry a
// stage, and one ACL plus its assignees per PRIVATE job.
func testSyncCounts(open OpenFunc) func(*testing.T) {
	return func(t *testing.T) {
		e := setup(t, open)
		w := mustCreateSyncWorld(t, e)
		want := ats.SyncCounts{ats.EntityJob: 2, ats.EntityCandidate: 2, ats.EntityApplication: 1,
			ats.EntityStage: 2, ats.EntityNote: 3, ats.EntityFeedback: 1, ats.EntityTeam: 3}
		diff(t, "counts from the readers", countFromReaders(t, e), want)
		diff(t, "CountSyncable", countSyncable(t, e), want)
		check(t, e.AnalyzeSyncTables(context.Background()))
		diff(t, "CountSyncable after AnalyzeSyncTables", countSyncable(t, e), want)

		w.loneApp.PhaseID = w.privPhases[2].ID
		e.update(t, func(tx ats.Tx) error { return tx.UpdateApplication(w.loneApp) })
		diff(t, "CountSyncable after leaving Prospect", countSyncable(t, e), countFromReaders(t, e))
	}
}

func countSyncable(t *testing.T, e *env) ats.SyncCounts {
	t.Helper()
	var got ats.SyncCounts
	e.view(t, func(tx ats.Tx) error {
		var err error
		got, err = tx.CountSyncable()
		return err
	})
	return got
}

func countFromReaders(t *testing.T, e *env) ats.SyncCounts {
	t.Helper()
	n := ats.SyncCounts{}
	draft := map[string]bool{}
	for _, j := range readSync(t, e, 2, syncJobs, jobID) {
		draft[j.Job.ID] = j.Job.Status == ats.JobDraft
		if !draft[j.Job.ID] {
			n[ats.EntityJob]++
		}
	}
	countKept(n, ats.EntityCandidate, readSync(t, e, 2, syncCandidates, candID), func(c ats.SyncCandidate) (bool, int) { return c.Withheld, 1 })
	countKept(n, ats.EntityApplication, readSync(t, e, 2, syncApplications, appID), func(a ats.SyncApplication) (bool, int) { return a.Withheld, 1 })
	countKept(n, ats.EntityStage, readSync(t, e, 2, syncStages, stagesID), func(s ats.SyncStages) (bool, int) { return s.Withheld, len(s.Entries) })
	countKept(n, ats.EntityNote, readSync(t, e, 2, syncNotes, noteID), func(x ats.SyncNote) (bool, int) { return x.Withheld, 1 })
	countKept(n, ats.EntityFeedback, readSync(t, e, 2, syncFeedback, feedbackID), func(f ats.SyncFeedback) (bool, int) { return f.Withheld, 1 })
	countKept(n, ats.EntityTeam, readSync(t, e, 2, syncTeams, teamID), func(s ats.SyncTeam) (bool, int) {
		return draft[s.JobID] || s.Availability != ats.AvailabilityPrivate, 1 + len(s.Assignees)
	})
	return n
}

// countKept adds to n[kind] the records of every entity that is sent.
func countKept[T any](n ats.SyncCounts, kind ats.EntityKind, list []T, rule func(T) (skip bool, records int)) {
	for _, x := range list {
		if skip, records := rule(x); !skip {
			n[kind] += int64(records)
		}
	}
}
