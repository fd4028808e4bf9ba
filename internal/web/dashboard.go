package web

import (
	"net/http"
	"slices"

	"attractor/internal/ats"
)

// Dashboard limits: how many jobs the page lists, and how many history
// entries it reads per job and shows in all for recent activity.
const (
	dashboardJobs        = 20
	dashboardPerJob      = 5
	dashboardActivityMax = 12
)

// dashboardView is the home page: the user's jobs with their applications
// per phase, and what changed on them lately.
type dashboardView struct {
	Base
	// All is true when an admin or recruiter asked for every active job
	// instead of the jobs whose hiring team they sit on.
	All      bool
	CanAll   bool
	Jobs     []dashboardJob
	Total    int
	Activity []dashboardActivity
}

// dashboardJob is one job card: its phases in order with their counts.
type dashboardJob struct {
	Job    *ats.Job
	Phases []dashboardPhase
	Count  int
	// CanViewApps is whether the viewer may open the job's pipeline:
	// always on their own jobs, and on the others when their role sees
	// every job's applications (admins).
	CanViewApps bool
}

// dashboardPhase is one phase of a job card.
type dashboardPhase struct {
	Name  string
	Count int
}

// dashboardActivity is one history entry with the job it belongs to.
type dashboardActivity struct {
	Entry *ats.HistoryEntry
	Job   *ats.Job
}

// handleDashboard shows the signed-in user's jobs and recent activity.
// Admins and recruiters may switch to all active jobs (?scope=all).
func (s *Server) handleDashboard(w http.ResponseWriter, r *http.Request) error {
	v := dashboardView{Base: s.base(r, "Dashboard", "dashboard")}
	v.CanAll = v.User.Role == ats.RoleAdmin || v.User.Role == ats.RoleRecruiter
	v.All = v.CanAll && r.URL.Query().Get("scope") == "all"
	f := ats.JobFilter{Page: ats.Page{Limit: dashboardJobs}}
	if v.All {
		f.Status = ats.JobActive
	} else {
		f.MemberID = v.User.ID
	}
	jobs, total, err := s.svc.FindJobs(r.Context(), f)
	if err != nil {
		return err
	}
	v.Total = total
	seated, err := s.dashboardSeats(r, &v)
	if err != nil {
		return err
	}
	for _, j := range jobs {
		card, err := s.dashboardCard(r, j)
		if err != nil {
			return err
		}
		card.CanViewApps = seated == nil || seated[j.ID]
		v.Jobs = append(v.Jobs, card)
	}
	if v.Activity, err = s.dashboardActivity(r, jobs); err != nil {
		return err
	}
	return s.ok(w, r, "dashboard", &v)
}

// dashboardSeats is the set of listed jobs whose applications the viewer
// may see by holding a seat on their team, or nil when they may see every
// listed job's (their own jobs, or a role that sees all applications).
// One query finds the viewer's seats among the active jobs: both lists
// are in the same order (newest first), so the viewer's first
// dashboardJobs active jobs already include every one of theirs the page
// lists; it reads up to MaxLimit of them all the same.
func (s *Server) dashboardSeats(r *http.Request, v *dashboardView) (map[string]bool, error) {
	if !v.All || v.SeesAllApplications() {
		return nil, nil
	}
	mine, _, err := s.svc.FindJobs(r.Context(), ats.JobFilter{Status: ats.JobActive, MemberID: v.User.ID,
		Page: ats.Page{Limit: ats.MaxLimit}})
	if err != nil {
		return nil, err
	}
	seated := map[string]bool{}
	for _, j := range mine {
		seated[j.ID] = true
	}
	return seated, nil
}

// dashboardCard reads a job's phases and its application counts.
func (s *Server) dashboardCard(r *http.Request, j *ats.Job) (dashboardJob, error) {
	card := dashboardJob{Job: j}
	phases, err := s.svc.FindJobPhases(r.Context(), j.ID)
	if err != nil {
		return card, err
	}
	counts, err := s.svc.JobCounts(r.Context(), j.ID)
	if err != nil {
		return card, err
	}
	for _, ph := range phases {
		if !ph.Enabled {
			continue
		}
		card.Phases = append(card.Phases, dashboardPhase{Name: ph.Name, Count: counts[ph.ID]})
		card.Count += counts[ph.ID]
	}
	return card, nil
}

// dashboardActivity merges the latest history entries of the listed jobs,
// newest first. It composes FindHistory per job, so it shows exactly what
// the user may see of each job's history.
func (s *Server) dashboardActivity(r *http.Request, jobs []*ats.Job) ([]dashboardActivity, error) {
	var out []dashboardActivity
	for _, j := range jobs {
		list, _, err := s.svc.FindHistory(r.Context(), ats.EntityJob, j.ID, ats.Page{Limit: dashboardPerJob})
		if err != nil {
			return nil, err
		}
		for _, e := range list {
			out = append(out, dashboardActivity{Entry: e, Job: j})
		}
	}
	slices.SortStableFunc(out, func(a, b dashboardActivity) int { return b.Entry.At.Compare(a.Entry.At) })
	return out[:min(len(out), dashboardActivityMax)], nil
}

// Heading is the jobs section's title for the chosen scope.
func (v *dashboardView) Heading() string {
	if v.All {
		return "All active jobs"
	}
	return "My jobs"
}
