package seed

import (
	"context"
	"fmt"
	"sync"

	"attractor/internal/ats"
)

// applications creates sz.Applications applications over the open jobs,
// each candidate on distinct jobs, then notes and feedback. One candidate
// in seven has only prospect applications; another one in seven has a
// prospect second application beside an applicant first one. The others
// start in Application, and some move on (one or two phases, so they have
// a phase history) or are rejected.
func (w *World) applications(rec, interviewer context.Context, svc *ats.Service, sz Sizes) error {
	jobs := w.openJobs()
	if len(jobs) == 0 || len(w.Candidates) == 0 {
		return nil
	}
	phases, err := jobPhases(rec, svc, jobs)
	if err != nil {
		return err
	}
	apps := make([]*ats.Application, sz.Applications)
	err = parallel(sz.Applications, sz.Workers, func(k int) error {
		c, round := k%len(w.Candidates), k/len(w.Candidates)
		j := jobs[(c*7+round)%len(jobs)]
		prospect := c%7 == 0 || (round == 1 && c%7 == 3)
		a, err := w.application(rec, svc, k, prospect, w.Candidates[c], j, phases[j.ID])
		apps[k] = a
		return err
	})
	if err != nil {
		return err
	}
	for _, a := range apps {
		if a.PhaseKind == ats.PhaseProspect {
			w.Prospects++
		}
	}
	w.Applications = len(apps)
	if err := notes(rec, svc, sz, w.Candidates, apps); err != nil {
		return err
	}
	return feedback(interviewer, svc, sz, apps)
}

func jobPhases(ctx context.Context, svc *ats.Service, jobs []*ats.Job) (map[string][]ats.Phase, error) {
	out := map[string][]ats.Phase{}
	for _, j := range jobs {
		ps, err := svc.FindJobPhases(ctx, j.ID)
		if err != nil {
			return nil, err
		}
		out[j.ID] = ps
	}
	return out, nil
}

func (w *World) application(rec context.Context, svc *ats.Service, k int, prospect bool, c *ats.Candidate, j *ats.Job, phases []ats.Phase) (*ats.Application, error) {
	a, err := svc.CreateApplication(rec, ats.ApplicationInput{CandidateID: c.ID, JobID: j.ID, Prospect: prospect})
	if err != nil || a.Prospect {
		return a, wrapApp(k, err)
	}
	at := phaseIndex(phases, a.PhaseID)
	for step := range k % 3 { // 0, 1 or 2 moves
		if at+step+1 >= len(phases)-1 { // never into the last phase
			break
		}
		if a, err = svc.MoveApplication(rec, a.ID, phases[at+step+1].ID); err != nil {
			return nil, wrapApp(k, err)
		}
	}
	if k%11 == 4 {
		a, err = svc.RejectApplication(rec, a.ID, "Not the right fit for this role")
	}
	return a, wrapApp(k, err)
}

func phaseIndex(phases []ats.Phase, id string) int {
	for i, p := range phases {
		if p.ID == id {
			return i
		}
	}
	return 0
}

func wrapApp(k int, err error) error {
	if err != nil {
		return fmt.Errorf("seed application %d: %w", k, err)
	}
	return nil
}

// notes writes half the notes on candidates and half on applications.
func notes(rec context.Context, svc *ats.Service, sz Sizes, cands []*ats.Candidate, apps []*ats.Application) error {
	return parallel(sz.Notes, sz.Workers, func(i int) error {
		text := noteTexts[i%len(noteTexts)]
		var err error
		if i%2 == 0 {
			_, err = svc.CreateCandidateNote(rec, cands[(i*31)%len(cands)].ID, text)
		} else {
			_, err = svc.CreateApplicationNote(rec, apps[(i*17)%len(apps)].ID, text)
		}
		if err != nil {
			return fmt.Errorf("seed note %d: %w", i, err)
		}
		return nil
	})
}

// feedback gives interview feedback on applications past Prospect, at
// most one per application.
func feedback(interviewer context.Context, svc *ats.Service, sz Sizes, apps []*ats.Application) error {
	var mu sync.Mutex
	done := map[string]bool{}
	return parallel(sz.Feedback, sz.Workers, func(i int) error {
		a := apps[(i*13)%len(apps)]
		mu.Lock()
		skip := done[a.ID] || a.PhaseKind == ats.PhaseProspect
		done[a.ID] = true
		mu.Unlock()
		if skip {
			return nil
		}
		_, err := svc.CreateFeedback(interviewer, a.ID, ats.Feedback{InterviewType: interviewTypes[i%len(interviewTypes)],
			Evaluations:    []ats.Evaluation{{Attribute: "Problem solving", Result: fmt.Sprintf("%d/5", 1+i%5)}},
			Recommendation: recommendations[i%len(recommendations)], Comments: "Clear thinker; asked good questions."})
		if err != nil {
			return fmt.Errorf("seed feedback %d: %w", i, err)
		}
		return nil
	})
}
