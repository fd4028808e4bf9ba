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
// the one /candidates/{id} shows. A function, not a package variable, so
// no caller can change the tabs another request sees.
func candidateTabs() []candidateTab {
	return []candidateTab{{"profile", "Profile"}, {"applications", "Applications"},
		{"notes", "Notes"}, {"history", "History"}, {"linkedin", "LinkedIn"}}
}

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
	JobsTotal    int
	JobQuery     string
	Pools        []*ats.TalentPool
	PoolsMore    bool
}

// ShowActions reports whether the page carries the "add to job" and "add
// to pool" forms: on the Profile tab, for those who may change the
// candidate. Other tabs do not load the choices.
func (v *candidateView) ShowActions() bool { return v.CanEdit && v.Tab == "profile" }

// Tabs lists the tabs with the current one marked by the template.
func (v *candidateView) Tabs() []candidateTab { return candidateTabs() }

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
	if v.ShowActions() {
		if err := s.loadCandidateActions(r, v); err != nil {
			return nil, err
		}
	}
	return v, nil
}

// candValidTab reports whether slug names a profile tab.
func candValidTab(slug string) bool {
	for _, t := range candidateTabs() {
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
		list, total, p, err := findPage(p, func(p ats.Page) ([]*ats.Note, int, error) {
			return s.svc.FindCandidateNotes(r.Context(), v.Candidate.ID, p)
		})
		v.Notes, v.Pager = list, pagerAt(r, v.TabURL(v.Tab), p, len(list), total)
		return err
	case "history":
		list, total, p, err := findPage(p, func(p ats.Page) ([]*ats.HistoryEntry, int, error) {
			return s.svc.FindHistory(r.Context(), ats.EntityCandidate, v.Candidate.ID, p)
		})
		v.History, v.Pager = list, pagerAt(r, v.TabURL(v.Tab), p, len(list), total)
		return err
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
