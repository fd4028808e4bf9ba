package syncer

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"attractor/internal/ats"
)

// world is an ATS built through ats.Service, with what LinkedIn should
// end up holding tracked alongside.
type world struct {
	en      *env
	rec     context.Context // Rita, an admin connected to LinkedIn
	jobs    []*ats.Job      // active (public, then one private), then the closed one
	private *ats.Job
	closed  *ats.Job
	draft   *ats.Job
	phases  map[string][]ats.Phase // by job id
	cands   []*ats.Candidate
	matched *ats.Candidate // has a LinkedIn member's name and email
	// prospect has one application, still in Prospect, and a note: the
	// Prospect rule withholds all three.
	prospect    *ats.Candidate
	prospectApp *ats.Application
	apps        []*ats.Application // not in Prospect
	rejected    *ats.Application
	assignees   []string // person URNs on the private job's team
}

// buildWorld makes nCands candidates with about 1.3 applications each
// across 6 public jobs, a private one and a closed one, with stage
// history, rejections, candidate and application notes and feedback, a
// draft job, and a prospect-only candidate.
func buildWorld(t *testing.T, en *env, nCands int) *world {
	t.Helper()
	w := &world{en: en, phases: map[string][]ats.Phase{}}
	rita := en.sim.member(t, 90002)
	sam := en.sim.member(t, 90001)
	var ritaUser *ats.User
	w.rec, ritaUser = en.user("Rita Recruiter", ats.RoleAdmin, rita.PersonURN)
	_, sam2 := en.user("Sam Sourcer", ats.RoleRecruiter, sam.PersonURN)
	_, hank := en.user("Hank", ats.RoleHiringManager, "")
	w.assignees = []string{rita.PersonURN, sam.PersonURN}
	slices.Sort(w.assignees)

	for i := range 8 {
		in := ats.JobInput{Title: fmt.Sprintf("Engineer %d", i), Description: "<p>Build things.</p>",
			Location: ats.Location{City: "Berlin", CountryCode: "DE"}}
		if i == 6 {
			in.Availability = ats.AvailabilityPrivate
		}
		if i == 2 {
			in.Description, in.Location = "", ats.Location{CountryCode: "US", PostalCode: "94105"}
		}
		w.jobs = append(w.jobs, w.activeJob(t, in))
	}
	w.private, w.closed = w.jobs[6], w.jobs[7]
	_, err := en.svc.ReplaceTeam(w.rec, w.private.ID, []ats.TeamMember{{UserID: ritaUser.ID, Role: ats.TeamRecruiter},
		{UserID: sam2.ID, Role: ats.TeamRecruiter}, {UserID: hank.ID, Role: ats.TeamHiringManager}})
	must(t, err)
	w.draft, err = en.svc.CreateJob(w.rec, ats.JobInput{Title: "Draft", Location: ats.Location{City: "Paris"}})
	must(t, err)

	w.addCandidates(t, nCands, rita.FirstName, rita.LastName, rita.Email)
	w.addProspect(t)
	_, err = en.svc.CloseJob(w.rec, w.closed.ID, ats.CloseCancelled)
	must(t, err)
	return w
}

func (w *world) activeJob(t *testing.T, in ats.JobInput) *ats.Job {
	t.Helper()
	j, err := w.en.svc.CreateJob(w.rec, in)
	must(t, err)
	j, err = w.en.svc.ActivateJob(w.rec, j.ID)
	must(t, err)
	w.phases[j.ID], err = w.en.svc.FindJobPhases(w.rec, j.ID)
	must(t, err)
	return j
}

// phase returns the job's phase by name.
func (w *world) phase(jobID, name string) ats.Phase {
	for _, p := range w.phases[jobID] {
		if p.Name == name {
			return p
		}
	}
	panic("no phase " + name)
}

func (w *world) addCandidates(t *testing.T, n int, matchFirst, matchLast, matchEmail string) {
	t.Helper()
	svc := w.en.svc
	for i := range n {
		c := &ats.Candidate{FirstName: fmt.Sprintf("Cand%03d", i), LastName: "Tester",
			Email: fmt.Sprintf("cand%03d@example.com", i), Phones: []string{"+49 30 1234"}}
		if i == 0 {
			c.FirstName, c.LastName, c.Email = matchFirst, matchLast, matchEmail
		}
		c, err := svc.CreateCandidate(w.rec, c)
		must(t, err)
		w.cands = append(w.cands, c)
		if i == 0 {
			w.matched = c
		}
		w.apply(t, i, c, w.jobs[i%len(w.jobs)])
		if i%3 == 0 {
			w.apply(t, i+1, c, w.jobs[(i+1)%len(w.jobs)])
		}
		if i%4 == 0 {
			_, err = svc.CreateCandidateNote(w.rec, c.ID, fmt.Sprintf("Candidate note %d", i))
			must(t, err)
		}
	}
}

// apply adds an application and moves it along by i: some to Screen and
// Interview, some rejected, some with a note or feedback.
func (w *world) apply(t *testing.T, i int, c *ats.Candidate, j *ats.Job) {
	t.Helper()
	svc := w.en.svc
	a, err := svc.CreateApplication(w.rec, ats.ApplicationInput{CandidateID: c.ID, JobID: j.ID, Source: "Referral"})
	must(t, err)
	if i%2 == 0 {
		a, err = svc.MoveApplication(w.rec, a.ID, w.phase(j.ID, "Screen").ID)
		must(t, err)
	}
	if i%5 == 0 {
		a, err = svc.MoveApplication(w.rec, a.ID, w.phase(j.ID, "Interview").ID)
		must(t, err)
		_, err = svc.CreateFeedback(w.rec, a.ID, ats.Feedback{InterviewType: ats.InterviewOnsite,
			Evaluations: []ats.Evaluation{{Attribute: "Go", Result: "4/5"}}, Recommendation: ats.RecYes,
			Comments: fmt.Sprintf("Feedback %d", i)})
		must(t, err)
	}
	if i%6 == 0 {
		_, err = svc.CreateApplicationNote(w.rec, a.ID, fmt.Sprintf("Application note %d", i))
		must(t, err)
	}
	if i%7 == 3 {
		a, err = svc.RejectApplication(w.rec, a.ID, "Not qualified")
		must(t, err)
		w.rejected = a
	}
	w.apps = append(w.apps, a)
}

func (w *world) addProspect(t *testing.T) {
	t.Helper()
	svc := w.en.svc
	p, err := svc.CreateCandidate(w.rec, &ats.Candidate{FirstName: "Pat", LastName: "Prospect", Email: "pat@example.com"})
	must(t, err)
	w.prospect = p
	w.prospectApp, err = svc.CreateApplication(w.rec, ats.ApplicationInput{CandidateID: p.ID, JobID: w.jobs[0].ID,
		Prospect: true, Source: "LinkedIn"})
	must(t, err)
	_, err = svc.CreateCandidateNote(w.rec, p.ID, "Sourced at a meetup")
	must(t, err)
}

// expected lists what LinkedIn should hold, by the keys of remote, read
// back through the service (not the sync readers under test).
func (w *world) expected(t *testing.T) []string {
	t.Helper()
	ctx, svc := w.rec, w.en.svc
	var keys []string
	jobs, _, err := svc.FindJobs(ctx, ats.JobFilter{Page: ats.Page{Limit: ats.MaxLimit}})
	must(t, err)
	for _, j := range jobs {
		if j.Status == ats.JobDraft {
			continue
		}
		keys = append(keys, "job/"+j.ID)
		if j.Availability == ats.AvailabilityPrivate {
			keys = append(keys, "acl/TEAM-"+j.ID+"/"+j.ID)
			for _, a := range w.assignees {
				keys = append(keys, "assignee/TEAM-"+j.ID+"/"+a)
			}
		}
	}
	cands, _, err := svc.FindCandidates(ctx, ats.CandidateFilter{Page: ats.Page{Limit: ats.MaxLimit}})
	must(t, err)
	for _, c := range cands {
		keys = append(keys, w.expectedCandidate(t, c)...)
	}
	slices.Sort(keys)
	return keys
}

// expectedCandidate lists a candidate's keys: none while every
// application is in Prospect.
func (w *world) expectedCandidate(t *testing.T, c *ats.Candidate) []string {
	t.Helper()
	ctx, svc := w.rec, w.en.svc
	apps, _, err := svc.FindCandidateApplications(ctx, c.ID, ats.Page{Limit: ats.MaxLimit})
	must(t, err)
	var keys []string
	for _, a := range apps {
		if a.PhaseKind != ats.PhaseProspect {
			keys = append(keys, w.expectedApplication(t, a)...)
		}
	}
	if len(keys) == 0 && len(apps) > 0 {
		return nil
	}
	keys = append(keys, "candidate/"+c.ID)
	notes, _, err := svc.FindCandidateNotes(ctx, c.ID, ats.Page{Limit: ats.MaxLimit})
	must(t, err)
	for _, n := range notes {
		keys = append(keys, "candidateNote/"+c.ID+"/"+n.ID)
	}
	return keys
}

func (w *world) expectedApplication(t *testing.T, a *ats.Application) []string {
	t.Helper()
	ctx, svc := w.rec, w.en.svc
	keys := []string{"application/" + a.ID}
	entries, err := svc.FindPhaseEntries(ctx, a.ID)
	must(t, err)
	for _, e := range entries {
		keys = append(keys, "stage/"+a.ID+"/"+e.ID)
	}
	notes, _, err := svc.FindApplicationNotes(ctx, a.ID, ats.Page{Limit: ats.MaxLimit})
	must(t, err)
	for _, n := range notes {
		keys = append(keys, "note/"+a.ID+"/"+n.ID)
	}
	fb, err := svc.FindFeedback(ctx, a.ID)
	must(t, err)
	for _, f := range fb {
		keys = append(keys, "interviewFeedback/"+a.ID+"/"+f.ID)
	}
	return keys
}

// checkRemote compares what LinkedIn holds with what it should.
func (w *world) checkRemote(t *testing.T) remote {
	t.Helper()
	r := w.en.sim.snapshot(t, w.en.app.simID)
	got := make([]string, 0, len(r))
	for k := range r {
		got = append(got, k)
	}
	slices.Sort(got)
	if diff := cmp.Diff(w.expected(t), got); diff != "" {
		t.Errorf("LinkedIn's records (-want +got):\n%s", diff)
	}
	return r
}

// checkFields spot-checks mapped values as LinkedIn stored them.
func (w *world) checkFields(t *testing.T, r remote) {
	t.Helper()
	c := w.cands[1]
	if got := r.field(t, "candidate/"+c.ID, "externalProfileUrl"); got != "http://127.0.0.1:8080/candidates/"+c.Number {
		t.Errorf("externalProfileUrl = %v", got)
	}
	if got := fmt.Sprint(r.field(t, "candidate/"+c.ID, "emailAddresses")); got != "["+c.Email+"]" {
		t.Errorf("emailAddresses = %v, want [%s]", got, c.Email)
	}
	if got := r.field(t, "job/"+w.closed.ID, "state"); got != "CLOSED" {
		t.Errorf("closed job state = %v", got)
	}
	if got := r.field(t, "job/"+w.private.ID, "availability"); got != "PRIVATE_TO_ATS_INTEGRATION" {
		t.Errorf("private job availability = %v", got)
	}
	if got := r.field(t, "job/"+w.jobs[2].ID, "description"); got != w.jobs[2].Title {
		t.Errorf("job without description sent %v, want the title", got)
	}
	if got := r.field(t, "application/"+w.rejected.ID, "dispositionReason"); got != "Not qualified" {
		t.Errorf("dispositionReason = %v", got)
	}
	var stages []string
	for k, body := range r {
		if strings.HasPrefix(k, "stage/"+w.apps[0].ID+"/") {
			stages = append(stages, body)
		}
	}
	if len(stages) != 3 { // Application, Screen, Interview
		t.Errorf("stages of the first application = %v, want 3", stages)
	}
}

// TestHistoricalThenIncremental runs the historical sync of a small ATS
// through the queue, compares LinkedIn's records with the ATS, then
// changes the ATS and checks the drainer follows.
func TestHistoricalThenIncremental(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e engine) {
		sim := startSim(t)
		en := newEnv(t, e, sim, sim.enableChild(t), nil)
		w := buildWorld(t, en, 130)
		ctx := context.Background()

		must(t, en.s.StartHistorical(ctx))
		en.start()
		waitFor(t, "historical sync", func() bool { return en.progress().State == ats.SyncDone })
		waitFor(t, "matches read back", func() bool {
			c, err := en.svc.FindCandidate(w.rec, w.matched.ID)
			return err == nil && c.PersonURN == sim.member(t, 90002).PersonURN
		})
		p := en.progress()
		if p.Done != p.Total || p.Total == 0 || p.FinishedAt == nil {
			t.Errorf("progress = %+v, want done = total", p)
		}
		if fs := en.failures(); len(fs) > 0 {
			t.Fatalf("failures: %+v", *fs[0])
		}
		r := w.checkRemote(t)
		w.checkFields(t, r)
		if _, ok := r["candidate/"+w.prospect.ID]; ok {
			t.Error("the prospect-only candidate was sent")
		}

		w.incremental(t)
		en.s.Kick()
		waitFor(t, "outbox drained", func() bool { return en.outboxLen() == 0 })
		if fs := en.failures(); len(fs) > 0 {
			t.Fatalf("failures: %+v", *fs[0])
		}
		r = w.checkRemote(t)
		if got := r.field(t, "candidate/"+w.cands[1].ID, "firstName"); got != "Renamed" {
			t.Errorf("edited candidate's firstName = %v", got)
		}
		if got := r.field(t, "job/"+w.jobs[1].ID, "state"); got != "CLOSED" {
			t.Errorf("closed job state = %v", got)
		}
	})
}

// incremental edits a candidate, moves the prospect past Prospect,
// deletes a note and an application, makes the private job public and
// closes a job.
func (w *world) incremental(t *testing.T) {
	t.Helper()
	svc, ctx := w.en.svc, w.rec
	name := "Renamed"
	_, err := svc.UpdateCandidate(ctx, w.cands[1].ID, ats.CandidateUpdate{FirstName: &name})
	must(t, err)
	_, err = svc.MoveApplication(ctx, w.prospectApp.ID, w.phase(w.prospectApp.JobID, "Application").ID)
	must(t, err)
	notes, _, err := svc.FindCandidateNotes(ctx, w.cands[4].ID, ats.Page{})
	must(t, err)
	must(t, svc.DeleteNote(ctx, notes[0].ID))
	must(t, svc.DeleteApplication(ctx, w.apps[0].ID)) // with stages, a note and feedback
	public := ats.AvailabilityPublic
	_, err = svc.UpdateJob(ctx, w.private.ID, ats.JobUpdate{Availability: &public})
	must(t, err)
	w.assignees = nil
	_, err = svc.CloseJob(ctx, w.jobs[1].ID, ats.CloseCancelled)
	must(t, err)
}

// TestHistoricalRestartedWhenDone starts a new historical sync the moment
// the previous one is done, while the queue may still be recording the
// previous task as completed: every run must still get a task and finish.
func TestHistoricalRestartedWhenDone(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e engine) {
		sim := startSim(t)
		en := newEnv(t, e, sim, sim.enableChild(t), nil)
		buildWorld(t, en, 20)
		ctx := context.Background()
		en.start()
		for run := range 5 {
			must(t, en.s.StartHistorical(ctx))
			started := en.progress().StartedAt
			waitFor(t, fmt.Sprintf("historical sync %d", run+1), func() bool {
				p := en.progress()
				return p.State == ats.SyncDone && p.StartedAt.Equal(*started)
			})
		}
		if p := en.progress(); p.Done != p.Total || p.Total == 0 {
			t.Errorf("last run's progress = %+v, want done = total", p)
		}
	})
}
