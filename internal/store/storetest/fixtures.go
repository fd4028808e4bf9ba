package storetest

import (
	"testing"

	"attractor/internal/ats"
)

// mustCreateUser stores a recruiter with email and name.
func mustCreateUser(t *testing.T, e *env, email, name string) *ats.User {
	t.Helper()
	u := &ats.User{Email: email, Name: name, Role: ats.RoleRecruiter, CreatedAt: at(0), UpdatedAt: at(0)}
	e.update(t, func(tx ats.Tx) error { return tx.CreateUser(u) })
	return u
}

// mustCreateJob stores an active job with the default process and, when
// recruiterID is set, that user as recruiter. It returns the phases with
// their ids.
func mustCreateJob(t *testing.T, e *env, title, recruiterID string) (*ats.Job, []ats.Phase) {
	t.Helper()
	j := newJob(title)
	phases := ats.DefaultPhases()
	var team []ats.TeamMember
	if recruiterID != "" {
		team = []ats.TeamMember{{UserID: recruiterID, Role: ats.TeamRecruiter}}
	}
	e.update(t, func(tx ats.Tx) error { return tx.CreateJob(j, phases, team) })
	return j, phases
}

func newJob(title string) *ats.Job {
	return &ats.Job{
		Title: title, Description: "Build things.", EmploymentType: ats.EmploymentFullTime, Openings: 1,
		Location:     ats.Location{City: "Berlin", CountryCode: "DE"},
		Availability: ats.AvailabilityPublic, Status: ats.JobActive, CreatedAt: at(1), UpdatedAt: at(1),
	}
}

// newCandidate returns an unsaved candidate whose search key is derived as
// the domain derives it.
func newCandidate(first, last, email string, others ...string) *ats.Candidate {
	c := &ats.Candidate{FirstName: first, LastName: last, Email: email, OtherEmails: others,
		Phones: []string{}, Source: "Referral", CreatedAt: at(2), UpdatedAt: at(2)}
	if c.OtherEmails == nil {
		c.OtherEmails = []string{}
	}
	c.SearchKey = ats.SearchKey(append([]string{first + " " + last}, c.Emails()...)...)
	return c
}

func mustCreateCandidate(t *testing.T, e *env, first, last, email string, others ...string) *ats.Candidate {
	t.Helper()
	c := newCandidate(first, last, email, others...)
	e.update(t, func(tx ats.Tx) error { return tx.CreateCandidate(c) })
	return c
}

// mustCreateApplication puts the candidate in the job's phase.
func mustCreateApplication(t *testing.T, e *env, c *ats.Candidate, j *ats.Job, ph ats.Phase) *ats.Application {
	t.Helper()
	a := &ats.Application{CandidateID: c.ID, JobID: j.ID, PhaseID: ph.ID, Status: ats.AppActive,
		Source: "LinkedIn", CreatedAt: at(3), UpdatedAt: at(3)}
	e.update(t, func(tx ats.Tx) error { return tx.CreateApplication(a) })
	return a
}

// pipeline is a job with one application, the usual start of a test.
type pipeline struct {
	user   *ats.User
	job    *ats.Job
	phases []ats.Phase
	cand   *ats.Candidate
	app    *ats.Application
}

func mustCreatePipeline(t *testing.T, e *env) pipeline {
	t.Helper()
	u := mustCreateUser(t, e, "rita@example.com", "Rita Recruiter")
	j, phases := mustCreateJob(t, e, "Go Engineer", u.ID)
	c := mustCreateCandidate(t, e, "José", "Müller", "jose@example.com")
	a := mustCreateApplication(t, e, c, j, phases[1])
	return pipeline{user: u, job: j, phases: phases, cand: c, app: a}
}
