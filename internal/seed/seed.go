// Package seed fills an ATS with realistic, deterministic data through the
// domain service, so demos, end-to-end tests and benchmarks work on the
// same kind of world the product will hold: jobs in every status (drafts,
// closed, private), candidates with multi-locale names, applications spread
// over the pipeline with their phase history, prospects, rejections, notes
// and interview feedback. Everything goes through ats.Service, so every
// rule, audit entry and outbox row is what real use would write.
package seed

import (
	"context"
	"fmt"
	"math/rand/v2"
	"sync"

	"attractor/internal/ats"
)

// Sizes is how much to create. Applications are spread over the active
// and closed jobs; Notes and Feedback over the applications.
type Sizes struct {
	Jobs         int
	Candidates   int
	Applications int
	Notes        int
	Feedback     int
	// Workers runs candidates and applications in parallel (PostgreSQL
	// benefits; SQLite has one writer anyway). 0 means 1.
	Workers int
	Seed    uint64
}

// World is what was created, for tests that compare against it.
type World struct {
	Recruiter   *ats.User
	Manager     *ats.User
	Interviewer *ats.User
	Jobs        []*ats.Job // in creation order, final status
	Candidates  []*ats.Candidate
	// Applications counts the applications created.
	Applications int
	Prospects    int // applications left in a Prospect phase
}

// ATS creates the users, jobs, candidates, applications, notes and
// feedback of sizes. The users are created as the system actor.
func ATS(ctx context.Context, svc *ats.Service, sz Sizes) (*World, error) {
	w := &World{}
	if err := w.users(ctx, svc, sz.Seed); err != nil {
		return nil, err
	}
	rec := ats.NewContextWithUser(ctx, w.Recruiter)
	if err := w.jobs(rec, svc, sz); err != nil {
		return nil, err
	}
	if err := w.candidates(rec, svc, sz); err != nil {
		return nil, err
	}
	if err := w.applications(rec, ats.NewContextWithUser(ctx, w.Interviewer), svc, sz); err != nil {
		return nil, err
	}
	return w, w.closeJobs(rec, svc)
}

func (w *World) users(ctx context.Context, svc *ats.Service, seed uint64) error {
	sys := ats.NewContextWithUser(ctx, &ats.SystemUser)
	mk := func(name string, role ats.Role) (*ats.User, error) {
		return svc.CreateUser(sys, ats.UserInput{Email: fmt.Sprintf("%s.%d@seed.example", role, seed),
			Name: name, Role: role, Password: "seeded-password-1"})
	}
	var err error
	if w.Recruiter, err = mk("Rita Recruiter", ats.RoleRecruiter); err != nil {
		return err
	}
	if w.Manager, err = mk("Hanna Hiring-Manager", ats.RoleHiringManager); err != nil {
		return err
	}
	w.Interviewer, err = mk("Ivo Interviewer", ats.RoleInterviewer)
	return err
}

// jobs creates sz.Jobs jobs: one in twenty stays Draft, one in five is
// private, one in ten is closed at the end (after its applications).
func (w *World) jobs(rec context.Context, svc *ats.Service, sz Sizes) error {
	r := rand.New(rand.NewPCG(sz.Seed, 1))
	for i := range sz.Jobs {
		in := ats.JobInput{Title: pick(r, jobTitles) + " " + pick(r, jobLevels), Description: jobDescription,
			Location: pick(r, locations), Openings: 1 + r.IntN(3), CreatorRole: ats.TeamRecruiter,
			Availability: ats.AvailabilityPublic}
		if i%5 == 1 {
			in.Availability = ats.AvailabilityPrivate
		}
		j, err := svc.CreateJob(rec, in)
		if err != nil {
			return fmt.Errorf("seed job %d: %w", i, err)
		}
		if i%20 != 19 {
			if j, err = w.staffAndActivate(rec, svc, j); err != nil {
				return fmt.Errorf("seed job %d: %w", i, err)
			}
		}
		w.Jobs = append(w.Jobs, j)
	}
	return nil
}

func (w *World) staffAndActivate(rec context.Context, svc *ats.Service, j *ats.Job) (*ats.Job, error) {
	_, err := svc.ReplaceTeam(rec, j.ID, []ats.TeamMember{{UserID: w.Recruiter.ID, Role: ats.TeamRecruiter},
		{UserID: w.Manager.ID, Role: ats.TeamHiringManager}, {UserID: w.Interviewer.ID, Role: ats.TeamInterviewer}})
	if err != nil {
		return nil, err
	}
	return svc.ActivateJob(rec, j.ID)
}

func (w *World) candidates(rec context.Context, svc *ats.Service, sz Sizes) error {
	w.Candidates = make([]*ats.Candidate, sz.Candidates)
	return parallel(sz.Candidates, sz.Workers, func(i int) error {
		c, err := svc.CreateCandidate(rec, candidate(sz.Seed, i))
		w.Candidates[i] = c
		if err != nil {
			return fmt.Errorf("seed candidate %d: %w", i, err)
		}
		return nil
	})
}

// candidate is the i-th candidate of seed: the same every run.
func candidate(seed uint64, i int) *ats.Candidate {
	r := rand.New(rand.NewPCG(seed, uint64(i)+1000))
	first, last := pick(r, firstNames), pick(r, lastNames)
	c := &ats.Candidate{FirstName: first, LastName: last,
		Email:   fmt.Sprintf("c%d.%d@seed.example", seed, i),
		Company: pick(r, companies), Title: pick(r, jobTitles), Source: pick(r, sources),
		Address: address(pick(r, locations))}
	if i%3 == 0 {
		c.Phones = []string{fmt.Sprintf("+49 30 %07d", i)}
	}
	return c
}

func address(l ats.Location) ats.Address {
	return ats.Address{City: l.City, Region: l.Region, PostalCode: l.PostalCode, CountryCode: l.CountryCode}
}

// openJobs are the jobs applications go to: every non-draft job.
func (w *World) openJobs() []*ats.Job {
	var out []*ats.Job
	for _, j := range w.Jobs {
		if j.Status != ats.JobDraft {
			out = append(out, j)
		}
	}
	return out
}

// closeJobs closes one job in ten once its applications exist.
func (w *World) closeJobs(rec context.Context, svc *ats.Service) error {
	for i, j := range w.Jobs {
		if i%10 != 3 || j.Status != ats.JobActive {
			continue
		}
		closed, err := svc.CloseJob(rec, j.ID, ats.CloseCancelled)
		if err != nil {
			return fmt.Errorf("seed close job %s: %w", j.Number, err)
		}
		w.Jobs[i] = closed
	}
	return nil
}

// parallel runs fn(0…n-1) on workers goroutines and returns the first
// error.
func parallel(n, workers int, fn func(i int) error) error {
	workers = max(1, workers)
	next := make(chan int)
	errs := make(chan error, workers)
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for i := range next {
				if err := fn(i); err != nil {
					errs <- err
					return
				}
			}
		})
	}
	var err error
feed:
	for i := range n {
		select {
		case next <- i:
		case err = <-errs:
			break feed
		}
	}
	close(next)
	wg.Wait()
	if err == nil && len(errs) > 0 {
		err = <-errs
	}
	return err
}

func pick[T any](r *rand.Rand, xs []T) T { return xs[r.IntN(len(xs))] }
