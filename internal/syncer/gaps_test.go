package syncer

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"attractor/internal/ats"
	"attractor/internal/rsc"
)

// TestDrainFollowsWhatRecordsRepeat checks what LinkedIn ends up holding
// after changes whose effect reaches other records than the one edited:
// applications repeat their candidate's name and email and their job's
// title; a job's ACL follows its availability and activation; a deleted
// job stays at LinkedIn, closed, without its applications and ACL.
func TestDrainFollowsWhatRecordsRepeat(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e engine) {
		sim := startSim(t)
		en := newEnv(t, e, sim, sim.enableChild(t), nil)
		w := buildWorld(t, en, 24)
		must(t, en.s.StartHistorical(context.Background()))
		en.start()
		waitFor(t, "historical sync", func() bool { return en.progress().State == ats.SyncDone })

		t.Run("RenamesReachApplications", func(t *testing.T) { testRenamesReachApplications(t, w) })
		t.Run("DraftACLWaitsForActivation", func(t *testing.T) { testDraftACL(t, w) })
		t.Run("DeletedJobClosed", func(t *testing.T) { testDeletedJobClosed(t, w, w.private) })
		t.Run("DeletedPublicJobClosed", func(t *testing.T) { testDeletedJobClosed(t, w, w.jobs[3]) })
		t.Run("DeletedDraftSendsNothing", func(t *testing.T) { testDeletedDraft(t, w) })
		if fs := en.failures(); len(fs) > 0 {
			t.Fatalf("failures: %+v", *fs[0])
		}
	})
}

// appsWhere returns the tracked applications that match.
func (w *world) appsWhere(match func(a *ats.Application) bool) []*ats.Application {
	var out []*ats.Application
	for _, a := range w.apps {
		if match(a) {
			out = append(out, a)
		}
	}
	return out
}

// testRenamesReachApplications: renaming a candidate and changing their
// email, and retitling a job, reach every application that repeats them.
func testRenamesReachApplications(t *testing.T, w *world) {
	svc := w.en.svc
	c := w.cands[3] // two applications
	first, email := "Renata", "renata@example.com"
	_, err := svc.UpdateCandidate(w.rec, c.ID, ats.CandidateUpdate{FirstName: &first, Email: &email})
	must(t, err)
	j := w.jobs[0]
	title := "Senior Engineer 0"
	_, err = svc.UpdateJob(w.rec, j.ID, ats.JobUpdate{Title: &title})
	must(t, err)
	r := w.drained(t)

	byCand := w.appsWhere(func(a *ats.Application) bool { return a.CandidateID == c.ID })
	if len(byCand) < 2 {
		t.Fatalf("candidate has %d applications, want 2", len(byCand))
	}
	for _, a := range byCand {
		key := "application/" + a.ID
		if got := r.field(t, key, "firstName"); got != first {
			t.Errorf("%s firstName = %v, want %s", key, got, first)
		}
		if got := r.field(t, key, "candidateEmail"); got != email {
			t.Errorf("%s candidateEmail = %v, want %s", key, got, email)
		}
	}
	byJob := w.appsWhere(func(a *ats.Application) bool { return a.JobID == j.ID })
	if len(byJob) == 0 {
		t.Fatal("job has no applications")
	}
	for _, a := range byJob {
		if got := r.field(t, "application/"+a.ID, "atsJobPostingName"); got != title {
			t.Errorf("application/%s atsJobPostingName = %v, want %s", a.ID, got, title)
		}
	}
	if got := r.field(t, "job/"+j.ID, "title"); got != title {
		t.Errorf("job title = %v, want %s", got, title)
	}
}

// testDraftACL: a private draft job with a team has no ACL at LinkedIn
// (nor is it there itself); activating it sends both.
func testDraftACL(t *testing.T, w *world) {
	svc := w.en.svc
	team, err := svc.FindTeam(w.rec, w.private.ID)
	must(t, err)
	j, err := svc.CreateJob(w.rec, ats.JobInput{Title: "Secret draft", Location: ats.Location{City: "Oslo"},
		Availability: ats.AvailabilityPrivate})
	must(t, err)
	_, err = svc.ReplaceTeam(w.rec, j.ID, team)
	must(t, err)
	r := w.drained(t)
	if n := r.count("acl/TEAM-"+j.ID+"/") + r.count("assignee/TEAM-"+j.ID+"/") + r.count("job/"+j.ID); n != 0 {
		t.Fatalf("draft job: %d records at LinkedIn, want none", n)
	}

	_, err = svc.ActivateJob(w.rec, j.ID)
	must(t, err)
	r = w.drained(t)
	if got := r.field(t, "job/"+j.ID, "availability"); got != "PRIVATE_TO_ATS_INTEGRATION" {
		t.Errorf("availability = %v", got)
	}
	if _, ok := r["acl/TEAM-"+j.ID+"/"+j.ID]; !ok {
		t.Error("no ACL after activation")
	}
	for _, a := range w.assignees {
		if _, ok := r["assignee/TEAM-"+j.ID+"/"+a]; !ok {
			t.Errorf("assignee %s missing after activation", a)
		}
	}
}

// testDeletedJobClosed deletes a job LinkedIn has, with its applications
// (and their stages, notes and feedback): LinkedIn keeps the job, closed
// as last sent, and loses the applications, the ACL and its assignees;
// the mirror forgets the job.
func testDeletedJobClosed(t *testing.T, w *world, j *ats.Job) {
	en := w.en
	apps := w.appsWhere(func(a *ats.Application) bool { return a.JobID == j.ID })
	if len(apps) == 0 {
		t.Fatal("job has no applications")
	}
	before := en.sim.snapshot(t, en.app.simID)
	private := j.Availability == ats.AvailabilityPrivate
	if private && before.count("assignee/TEAM-"+j.ID+"/") == 0 {
		t.Fatal("the private job has no assignees at LinkedIn to start with")
	}
	title := before.field(t, "job/"+j.ID, "title")

	must(t, en.svc.DeleteJob(w.rec, j.ID))
	r := w.drained(t)
	if got := r.field(t, "job/"+j.ID, "state"); got != "CLOSED" {
		t.Errorf("deleted job state = %v, want CLOSED", got)
	}
	if got := r.field(t, "job/"+j.ID, "title"); got != title {
		t.Errorf("closed job title = %v, want %v as last sent", got, title)
	}
	for _, a := range apps {
		for k := range r {
			if k == "application/"+a.ID || strings.Contains(k, "/"+a.ID+"/") {
				t.Errorf("%s still at LinkedIn", k)
			}
		}
	}
	if n := r.count("acl/TEAM-"+j.ID+"/") + r.count("assignee/TEAM-"+j.ID+"/"); n != 0 {
		t.Errorf("%d ACL records of the deleted job left at LinkedIn", n)
	}
	if got := r.field(t, "job/"+w.jobs[1].ID, "state"); got != "LISTED" {
		t.Errorf("another job's state = %v", got)
	}
	must(t, en.store.View(context.Background(), func(tx ats.Tx) error {
		_, jobKept, err := tx.FindSentJob(j.ID)
		must(t, err)
		_, teamKept, err := tx.FindSentTeam(j.ID)
		if jobKept || teamKept {
			t.Errorf("mirror kept the deleted job (%v) or its ACL (%v)", jobKept, teamKept)
		}
		return err
	}))
}

// testDeletedDraft: a draft never reached LinkedIn, so deleting it sends
// nothing and lists no failure.
func testDeletedDraft(t *testing.T, w *world) {
	before := w.en.sim.snapshot(t, w.en.app.simID)
	must(t, w.en.svc.DeleteJob(w.rec, w.draft.ID))
	r := w.drained(t)
	if _, ok := r["job/"+w.draft.ID]; ok {
		t.Error("the deleted draft was sent")
	}
	if len(r) != len(before) {
		t.Errorf("LinkedIn holds %d records, had %d", len(r), len(before))
	}
}

// TestCloseJobUnit: a deleted job goes again as last sent, closed; with no
// readable record there is nothing to send; either way the mirror forgets
// it once settled.
func TestCloseJobUnit(t *testing.T) {
	row := ats.OutboxEntry{EntityKind: ats.EntityJob, EntityID: "j1", Op: ats.OutboxDelete}
	sent, err := json.Marshal(rsc.Job{ExternalJobPostingID: "j1", Title: "Go", State: rsc.JobListed, OperationType: "UPDATE"})
	must(t, err)
	tests := []struct {
		name string
		sent []byte
		ok   bool
		want []any
	}{
		{"Sent", sent, true, []any{rsc.Job{ExternalJobPostingID: "j1", Title: "Go", State: rsc.JobClosed, OperationType: "CLOSE"}}},
		{"NeverSent", nil, false, nil},
		{"Unreadable", []byte("{"), true, nil},
	}
	for _, tt := range tests {
		u := closeJobUnit(row, tt.sent, tt.ok)
		var got []any
		for _, p := range u.parts {
			if p.ep.op != opPutJobs {
				t.Errorf("%s: op %d, want a job put", tt.name, p.ep.op)
			}
			got = append(got, p.rec)
		}
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("%s: records (-want +got):\n%s", tt.name, diff)
		}
		if u.after == nil || u.entry != row {
			t.Errorf("%s: unit = %+v, want the row with an after hook", tt.name, u)
		}
	}
}
