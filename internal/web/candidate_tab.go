package web

import (
	"net/http"
	"net/url"

	"attractor/internal/ats"
)

// candidateTab is one tab of the candidate profile.
type candidateTab struct {
	Slug, Label string
}

// candidateTabs are the profile's tabs in display order; the first is
// the one /candidates/{id} shows.
var candidateTabs = []candidateTab{{"profile", "Profile"}, {"applications", "Applications"},
	{"notes", "Notes"}, {"history", "History"}, {"linkedin", "LinkedIn"}}

// candidateListSize is the page size of the notes and history tabs.
const candidateListSize = 20

// candidateAppRow is one line of the Applications tab: the application,
// its job's title, and whether the viewer may open the application.
type candidateAppRow struct {
	App      *ats.Application
	JobTitle string
	CanOpen  bool
}

// candidateView is the candidate profile with one tab's content and the
// forms of the actions (edit, note, add to job, add to pool).
type candidateView struct {
	Base
	Candidate    *ats.Candidate
	Tab          string
	CanEdit      bool
	EditForm     Form
	NoteForm     Form
	ApplyForm    Form
	PoolForm     Form
	Applications []candidateAppRow
	Notes        []*ats.Note
	History      []*ats.HistoryEntry
	Pager        Pager
	Jobs         []*ats.Job
	Pools        []*ats.TalentPool
}

// Tabs lists the tabs with the current one marked by the template.
func (v *candidateView) Tabs() []candidateTab { return candidateTabs }

// TabURL is the address of a tab of this candidate.
func (v *candidateView) TabURL(slug string) string {
	if slug == "profile" {
		return "/candidates/" + v.Candidate.ID
	}
	return "/candidates/" + v.Candidate.ID + "/" + slug
}

// FullName is the candidate's name as shown in headings.
func (v *candidateView) FullName() string {
	return v.Candidate.FirstName + " " + v.Candidate.LastName
}

// handleCandidateShow is the profile's first tab.
func (s *Server) handleCandidateShow(w http.ResponseWriter, r *http.Request) error {
	return s.showCandidate(w, r, "profile")
}

// handleCandidateTab shows one tab of the profile; unknown tabs are 404.
func (s *Server) handleCandidateTab(w http.ResponseWriter, r *http.Request) error {
	return s.showCandidate(w, r, r.PathValue("tab"))
}

// showCandidate renders the profile on tab.
func (s *Server) showCandidate(w http.ResponseWriter, r *http.Request, tab string) error {
	v, err := s.candidatePage(r, tab)
	if err != nil {
		return err
	}
	return s.ok(w, r, "candidate", v)
}

// candidateFailed re-renders the profile on tab after a failed form,
// with form placed by put, answering f's status (422).
func (s *Server) candidateFailed(w http.ResponseWriter, r *http.Request, tab string, f Form, put func(*candidateView, Form)) error {
	v, err := s.candidatePage(r, tab)
	if err != nil {
		return err
	}
	put(v, f)
	s.render(w, r, f.Status(), "candidate", v)
	return nil
}

// candidatePage loads the candidate the user may see and the content of
// tab.
func (s *Server) candidatePage(r *http.Request, tab string) (*candidateView, error) {
	if !candValidTab(tab) {
		return nil, errPageNotFound
	}
	c, err := s.svc.FindCandidate(r.Context(), r.PathValue("id"))
	if err != nil {
		return nil, err
	}
	v := &candidateView{Base: s.base(r, c.FirstName+" "+c.LastName, "candidates"), Candidate: c, Tab: tab,
		EditForm: Form{Values: candidateValues(c)}, NoteForm: Form{Values: url.Values{}},
		ApplyForm: Form{Values: url.Values{}}, PoolForm: Form{Values: url.Values{}}}
	v.CanEdit = ats.Allowed(v.User.Role, ats.TeamNone, ats.ActionEditCandidate)
	if err := s.loadCandidateTab(r, v); err != nil {
		return nil, err
	}
	if v.CanEdit {
		if err := s.loadCandidateActions(r, v); err != nil {
			return nil, err
		}
	}
	return v, nil
}

// candValidTab reports whether slug names a profile tab.
func candValidTab(slug string) bool {
	for _, t := range candidateTabs {
		if t.Slug == slug {
			return true
		}
	}
	return false
}

// loadCandidateTab fetches what the current tab lists.
func (s *Server) loadCandidateTab(r *http.Request, v *candidateView) error {
	p, err := pageOf(r, candidateListSize)
	if err != nil {
		return err
	}
	switch v.Tab {
	case "applications":
		return s.loadCandidateApplications(r, v)
	case "notes":
		list, total, err := s.svc.FindCandidateNotes(r.Context(), v.Candidate.ID, p)
		v.Notes, v.Pager = list, newPager(r, p, len(list), total)
		return err
	case "history":
		list, total, err := s.svc.FindHistory(r.Context(), ats.EntityCandidate, v.Candidate.ID, p)
		v.History, v.Pager = list, newPager(r, p, len(list), total)
		return err
	}
	return nil
}

// loadCandidateApplications lists the candidate's applications with the
// job titles, and marks those the viewer may open: the service lets a
// user view an application when their role and seat on its job allow it,
// and the page mirrors that with the same matrix.
func (s *Server) loadCandidateApplications(r *http.Request, v *candidateView) error {
	apps, _, err := s.svc.FindCandidateApplications(r.Context(), v.Candidate.ID, ats.Page{Limit: ats.MaxLimit})
	if err != nil {
		return err
	}
	for _, app := range apps {
		row := candidateAppRow{App: app, JobTitle: "A job you cannot see"}
		if j, err := s.svc.FindJob(r.Context(), app.JobID); err == nil {
			row.JobTitle = j.Title
		}
		seat, err := s.candSeat(r, app.JobID)
		if err == nil {
			row.CanOpen = ats.Allowed(v.User.Role, seat, ats.ActionViewApplication)
		}
		v.Applications = append(v.Applications, row)
	}
	return nil
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

// loadCandidateActions offers the active jobs the user may add the
// candidate to and the pools whose members they may change.
func (s *Server) loadCandidateActions(r *http.Request, v *candidateView) error {
	f := ats.JobFilter{Status: ats.JobActive, Page: ats.Page{Limit: ats.MaxLimit}}
	if v.User.Role != ats.RoleAdmin {
		f.MemberID = v.User.ID // adding needs a seat on the job's team
	}
	jobs, _, err := s.svc.FindJobs(r.Context(), f)
	if err != nil {
		return err
	}
	for _, j := range jobs {
		seat, err := s.candSeat(r, j.ID)
		if err == nil && (ats.Allowed(v.User.Role, seat, ats.ActionAddApplicant) ||
			ats.Allowed(v.User.Role, seat, ats.ActionAddProspect)) {
			v.Jobs = append(v.Jobs, j)
		}
	}
	pools, _, err := s.svc.FindPools(r.Context(), ats.Page{Limit: ats.MaxLimit})
	if err != nil {
		return err
	}
	for _, p := range pools {
		if candCanManagePool(v.User, p) {
			v.Pools = append(v.Pools, p)
		}
	}
	return nil
}

// candCanManagePool mirrors the service's rule on who may change a pool's
// members: admins; for the rest, a role that works with pools, and then
// any system pool or a pool they own or contribute to.
func candCanManagePool(u *ats.User, p *ats.TalentPool) bool {
	switch {
	case u.Role == ats.RoleAdmin:
		return true
	case !ats.Allowed(u.Role, ats.TeamNone, ats.ActionCreatePool):
		return false
	case p.Kind == ats.PoolSystem || p.OwnerID == u.ID:
		return true
	}
	for _, id := range p.Contributors {
		if id == u.ID {
			return true
		}
	}
	return false
}
