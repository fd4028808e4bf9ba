package storetest

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"slices"
	"testing"
	"time"

	"attractor/internal/ats"
)

// ref is an outbox row without its version and time.
type ref struct {
	Kind       ats.EntityKind
	ID         string
	Parent     string
	ParentKind ats.EntityKind
}

// wantOutbox checks that the rows with op are exactly want, in any order.
func wantOutbox(t *testing.T, e *env, op ats.OutboxOp, want []ref) {
	t.Helper()
	got := []ref{}
	e.view(t, func(tx ats.Tx) error {
		rows, err := tx.FindOutbox()
		check(t, err)
		for _, r := range rows {
			if r.Op == op {
				got = append(got, ref{r.EntityKind, r.EntityID, r.ParentID, r.ParentKind})
			}
		}
		return nil
	})
	byKey := func(a, b ref) int { return cmp.Or(cmp.Compare(a.Kind, b.Kind), cmp.Compare(a.ID, b.ID)) }
	slices.SortFunc(got, byKey)
	slices.SortFunc(want, byKey)
	diff(t, string(op)+" outbox rows", got, want)
}

func testOutbox(t *testing.T, open OpenFunc) {
	t.Run("EveryKindOfChangeRecorded", func(t *testing.T) {
		e := setup(t, open)
		p := mustCreatePipeline(t, e)
		note := &ats.Note{SubjectKind: ats.SubjectCandidate, SubjectID: p.cand.ID, Text: "n"}
		fb := &ats.Feedback{ApplicationID: p.app.ID, InterviewType: ats.InterviewVideo, Recommendation: ats.RecYes}
		e.update(t, func(tx ats.Tx) error {
			check(t, tx.CreateNote(note))
			check(t, tx.CreateFeedback(fb))
			return tx.AddPhaseEntry(&ats.PhaseEntry{ApplicationID: p.app.ID, PhaseID: p.phases[1].ID})
		})
		wantOutbox(t, e, ats.OutboxUpsert, []ref{
			{ats.EntityApplication, p.app.ID, "", ""}, {ats.EntityCandidate, p.cand.ID, "", ""},
			{ats.EntityFeedback, fb.ID, p.app.ID, ats.EntityApplication}, {ats.EntityJob, p.job.ID, "", ""},
			{ats.EntityNote, note.ID, p.cand.ID, ats.EntityCandidate}, {ats.EntityStage, p.app.ID, p.app.ID, ats.EntityApplication},
			{ats.EntityTeam, p.job.ID, "", ""},
		})
	})
	t.Run("CoalescedPerEntity", func(t *testing.T) {
		e := setup(t, open)
		c := mustCreateCandidate(t, e, "Ann", "Lee", "ann@example.com")
		e.clock.Set(at(30))
		c.Title = "CTO"
		e.update(t, func(tx ats.Tx) error { return tx.UpdateCandidate(c) })
		want := []ats.OutboxEntry{{EntityKind: ats.EntityCandidate, EntityID: c.ID, Op: ats.OutboxUpsert, Version: 2, UpdatedAt: utc(at(30)), NotBefore: utc(at(30))}}
		diff(t, "after update", outbox(t, e), want)
		e.clock.Set(at(40))
		e.update(t, func(tx ats.Tx) error { return tx.DeleteCandidate(c.ID) })
		want[0].Op, want[0].Version, want[0].UpdatedAt, want[0].NotBefore = ats.OutboxDelete, 3, utc(at(40)), utc(at(40))
		diff(t, "after delete", outbox(t, e), want)
	})
	t.Run("OldestChangeFirst", func(t *testing.T) {
		e := setup(t, open)
		e.clock.Set(at(10))
		j, _ := mustCreateJob(t, e, "Go", "")
		e.clock.Set(at(5))
		c := mustCreateCandidate(t, e, "Ann", "Lee", "ann@example.com")
		got := []string{}
		for _, r := range outbox(t, e) {
			got = append(got, r.EntityID+"/"+string(r.EntityKind))
		}
		diff(t, "order", got, []string{c.ID + "/candidate", j.ID + "/job", j.ID + "/team"})
	})
	t.Run("JobAndTeamWrites", func(t *testing.T) {
		e := setup(t, open)
		u := mustCreateUser(t, e, "ann@example.com", "Ann")
		j, phases := mustCreateJob(t, e, "Go", u.ID)
		e.update(t, func(tx ats.Tx) error {
			check(t, tx.UpdateJob(j))
			check(t, tx.ReplaceJobPhases(j.ID, phases))
			return tx.ReplaceTeam(j.ID, []ats.TeamMember{{UserID: u.ID, Role: ats.TeamHiringManager}})
		})
		versions := map[ats.EntityKind]int64{}
		for _, r := range outbox(t, e) {
			versions[r.EntityKind] = r.Version
		}
		diff(t, "versions", versions, map[ats.EntityKind]int64{ats.EntityJob: 3, ats.EntityTeam: 2})
	})
	t.Run("CandidateNameQueuesApplications", testCandidateQueuesApplications(open))
	t.Run("JobTitleQueuesApplications", testJobTitleQueuesApplications(open))
	t.Run("JobAvailabilityAndActivationQueueTeam", testJobQueuesTeam(open))
}

// upsertVersions maps each queued upsert ("kind/id") to its version.
func upsertVersions(t *testing.T, e *env) map[string]int64 {
	t.Helper()
	out := map[string]int64{}
	for _, r := range outbox(t, e) {
		if r.Op == ats.OutboxUpsert {
			out[string(r.EntityKind)+"/"+r.EntityID] = r.Version
		}
	}
	return out
}

// testCandidateQueuesApplications: applications repeat their candidate's
// name and email, so changing any of the three queues the candidate's
// applications (one coalesced row each), and nothing else does.
func testCandidateQueuesApplications(open OpenFunc) func(*testing.T) {
	return func(t *testing.T) {
		e := setup(t, open)
		p := mustCreatePipeline(t, e)
		other, otherPhases := mustCreateJob(t, e, "Other", "")
		second := mustCreateApplication(t, e, p.cand, other, otherPhases[0])
		bystander := mustCreateCandidate(t, e, "Bo", "Stander", "bo@example.com")
		mustCreateApplication(t, e, bystander, p.job, p.phases[0])
		e.update(t, func(tx ats.Tx) error { return tx.ClearOutboxUpserts() })

		cand := "candidate/" + p.cand.ID
		c := *p.cand
		c.Title, c.Phones = "CTO", []string{"+49 30 1"}
		e.update(t, func(tx ats.Tx) error { return tx.UpdateCandidate(&c) })
		diff(t, "after a change applications do not repeat", upsertVersions(t, e), map[string]int64{cand: 1})

		apps := func(v int64) map[string]int64 {
			return map[string]int64{"application/" + p.app.ID: v, "application/" + second.ID: v}
		}
		for i, change := range []func(c *ats.Candidate){
			func(c *ats.Candidate) { c.FirstName = "Anna" },
			func(c *ats.Candidate) { c.LastName = "Leigh" },
			func(c *ats.Candidate) { c.Email = "anna@example.com" },
		} {
			change(&c)
			e.update(t, func(tx ats.Tx) error { return tx.UpdateCandidate(&c) })
			want := apps(int64(i + 1))
			want[cand] = int64(i + 2)
			diff(t, fmt.Sprintf("after change %d", i), upsertVersions(t, e), want)
		}
		wantCode(t, e.updateErr(func(tx ats.Tx) error { return tx.UpdateCandidate(newCandidate("X", "Y", "")) }), ats.ENOTFOUND)
	}
}

// testJobTitleQueuesApplications: applications repeat their job's title.
func testJobTitleQueuesApplications(open OpenFunc) func(*testing.T) {
	return func(t *testing.T) {
		e := setup(t, open)
		p := mustCreatePipeline(t, e)
		c2 := mustCreateCandidate(t, e, "Bo", "Stander", "bo@example.com")
		a2 := mustCreateApplication(t, e, c2, p.job, p.phases[0])
		other, otherPhases := mustCreateJob(t, e, "Other", "")
		mustCreateApplication(t, e, c2, other, otherPhases[0])
		e.update(t, func(tx ats.Tx) error { return tx.ClearOutboxUpserts() })

		job := "job/" + p.job.ID
		j := *p.job
		j.Description, j.Openings = "Other words.", 3
		e.update(t, func(tx ats.Tx) error { return tx.UpdateJob(&j) })
		diff(t, "after a change applications do not repeat", upsertVersions(t, e), map[string]int64{job: 1})

		j.Title = "Staff Go Engineer"
		e.update(t, func(tx ats.Tx) error { return tx.UpdateJob(&j) })
		j.Title = "Principal Go Engineer"
		e.update(t, func(tx ats.Tx) error { return tx.UpdateJob(&j) })
		diff(t, "after two renames", upsertVersions(t, e), map[string]int64{job: 3,
			"application/" + p.app.ID: 2, "application/" + a2.ID: 2})
	}
}

// testJobQueuesTeam: a job's ACL depends on its availability and exists
// only once it leaves Draft, so those changes queue it; others do not.
func testJobQueuesTeam(open OpenFunc) func(*testing.T) {
	return func(t *testing.T) {
		e := setup(t, open)
		j := newJob("Draft")
		j.Status, j.Availability = ats.JobDraft, ats.AvailabilityPrivate
		e.update(t, func(tx ats.Tx) error { return tx.CreateJob(j, ats.DefaultPhases(), nil) })
		job, team := "job/"+j.ID, "team/"+j.ID
		steps := []struct {
			name   string
			change func(j *ats.Job)
			want   map[string]int64
		}{
			{"Edited", func(j *ats.Job) { j.Description = "More." }, map[string]int64{job: 1}},
			{"Activated", func(j *ats.Job) { j.Status = ats.JobActive }, map[string]int64{job: 1, team: 1}},
			{"MadePublic", func(j *ats.Job) { j.Availability = ats.AvailabilityPublic }, map[string]int64{job: 1, team: 1}},
			{"Closed", func(j *ats.Job) { j.Status, j.CloseReason = ats.JobClosed, ats.CloseCancelled }, map[string]int64{job: 1}},
			{"MadePrivate", func(j *ats.Job) { j.Availability = ats.AvailabilityPrivate }, map[string]int64{job: 1, team: 1}},
		}
		for _, s := range steps {
			e.update(t, func(tx ats.Tx) error { return tx.ClearOutboxUpserts() })
			s.change(j)
			e.update(t, func(tx ats.Tx) error { return tx.UpdateJob(j) })
			diff(t, s.name, upsertVersions(t, e), s.want)
		}
	}
}

func outbox(t *testing.T, e *env) []ats.OutboxEntry {
	t.Helper()
	var out []ats.OutboxEntry
	e.view(t, func(tx ats.Tx) error {
		var err error
		out, err = tx.FindOutbox()
		return err
	})
	return out
}

// testTx covers the transaction contract itself.
func testTx(t *testing.T, open OpenFunc) {
	t.Run("RollbackLeavesNothing", func(t *testing.T) {
		e := setup(t, open)
		boom := errors.New("boom")
		err := e.updateErr(func(tx ats.Tx) error {
			check(t, tx.CreateUser(&ats.User{Email: "ann@example.com", Name: "Ann"}))
			check(t, tx.CreateCandidate(newCandidate("Ann", "Lee", "ann@example.com")))
			check(t, tx.CreateJob(newJob("Go"), ats.DefaultPhases(), nil))
			return boom
		})
		if !errors.Is(err, boom) {
			t.Fatalf("update returned %v, want the function's error", err)
		}
		e.update(t, func(tx ats.Tx) error {
			n, err := tx.CountUsers()
			check(t, err)
			_, cands, err := tx.FindCandidates(ats.CandidateFilter{})
			check(t, err)
			_, jobs, err := tx.FindJobs(ats.JobFilter{})
			check(t, err)
			rows, err := tx.FindOutbox()
			check(t, err)
			next, err := tx.NextNumber("candidate")
			check(t, err)
			diff(t, "users, candidates, jobs, outbox rows", []int{n, cands, jobs, len(rows)}, []int{0, 0, 0, 0})
			diff(t, "counter", next, int64(1001))
			return nil
		})
	})
	t.Run("NowFixedAtStartInUTC", func(t *testing.T) {
		e := setup(t, open)
		var first, second time.Time
		e.update(t, func(tx ats.Tx) error {
			first = tx.Now()
			e.clock.Set(at(60))
			second = tx.Now()
			return nil
		})
		diff(t, "now", []time.Time{first, second}, []time.Time{utc(baseTime), utc(baseTime)})
	})
	t.Run("ViewIsReadOnly", func(t *testing.T) {
		e := setup(t, open)
		err := e.View(context.Background(), func(tx ats.Tx) error {
			return tx.CreateUser(&ats.User{Email: "ann@example.com", Name: "Ann"})
		})
		if err == nil {
			t.Fatal("a write inside View succeeded")
		}
	})
}
