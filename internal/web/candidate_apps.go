package web

import (
	"net/http"

	"attractor/internal/ats"
)

// loadCandidateApplications lists the candidate's applications with the
// job titles, and marks those the viewer may open. The service lets a
// user view an application when their role, or any seat on its job, allows
// it; the viewer's seats come from one query (the jobs whose team they sit
// on) rather than one team lookup per application.
func (s *Server) loadCandidateApplications(r *http.Request, v *candidateView) error {
	apps, _, err := s.svc.FindCandidateApplications(r.Context(), v.Candidate.ID, ats.Page{Limit: ats.MaxLimit})
	if err != nil {
		return err
	}
	seats, complete, err := s.candSeatJobs(r, v.User)
	if err != nil {
		return err
	}
	titles := map[string]string{}
	for _, app := range apps {
		row := candidateAppRow{App: app, JobTitle: "A job you cannot see"}
		if j, ok := seats[app.JobID]; ok {
			// Every seat, the interviewer's included, may view applications.
			row.JobTitle, row.CanOpen = j.Title, ats.Allowed(v.User.Role, ats.TeamInterviewer, ats.ActionViewApplication)
		} else {
			row.JobTitle = s.candJobTitle(r, v.User, titles, app.JobID, row.JobTitle)
			row.CanOpen = s.candCanOpen(r, v.User, app.JobID, complete)
		}
		v.Applications = append(v.Applications, row)
	}
	return nil
}

// candSeatJobs are the jobs on whose team the user sits, by id, for users
// whose role alone does not let them view every application (for the
// others it is not needed, and nil). complete is false when the user sits
// on more teams than one page holds.
func (s *Server) candSeatJobs(r *http.Request, u *ats.User) (map[string]*ats.Job, bool, error) {
	if ats.Allowed(u.Role, ats.TeamNone, ats.ActionViewApplication) {
		return nil, true, nil
	}
	jobs, total, err := s.svc.FindJobs(r.Context(), ats.JobFilter{MemberID: u.ID, Page: ats.Page{Limit: ats.MaxLimit}})
	if err != nil {
		return nil, false, err
	}
	out := make(map[string]*ats.Job, len(jobs))
	for _, j := range jobs {
		out[j.ID] = j
	}
	return out, total <= len(jobs), nil
}

// candJobTitle is the title of a job the user holds no seat on, looked up
// once per job and only when their role lets them see every job;
// otherwise fallback.
func (s *Server) candJobTitle(r *http.Request, u *ats.User, titles map[string]string, jobID, fallback string) string {
	if !ats.Allowed(u.Role, ats.TeamNone, ats.ActionViewJob) {
		return fallback
	}
	if t, ok := titles[jobID]; ok {
		return t
	}
	titles[jobID] = fallback
	if j, err := s.svc.FindJob(r.Context(), jobID); err == nil {
		titles[jobID] = j.Title
	}
	return titles[jobID]
}

// candCanOpen decides for a job not among the user's known seats: their
// role decides, unless their seats did not fit one page, when the job's
// team is read.
func (s *Server) candCanOpen(r *http.Request, u *ats.User, jobID string, complete bool) bool {
	if complete || ats.Allowed(u.Role, ats.TeamNone, ats.ActionViewApplication) {
		return ats.Allowed(u.Role, ats.TeamNone, ats.ActionViewApplication)
	}
	seat, err := s.candSeat(r, jobID)
	return err == nil && ats.Allowed(u.Role, seat, ats.ActionViewApplication)
}

// candSeat is the signed-in user's seat on a job's hiring team (TeamNone
// when they hold none); an error means the job's team is not theirs to
// see.
func (s *Server) candSeat(r *http.Request, jobID string) (ats.TeamRole, error) {
	team, err := s.svc.FindTeam(r.Context(), jobID)
	if err != nil {
		return ats.TeamNone, err
	}
	u := ats.UserFromContext(r.Context())
	for _, m := range team {
		if m.UserID == u.ID {
			return m.Role, nil
		}
	}
	return ats.TeamNone, nil
}
