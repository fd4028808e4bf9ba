package web

import (
	"net/http"
	"net/url"
	"slices"
	"strconv"

	"attractor/internal/ats"
)

// teamUserLimit is how many search matches the team editor offers to add.
const teamUserLimit = 50

// jobTeamView is the hiring team editor: one row per member (seat and a
// remove box) and a row to add someone. The form's field names are
// member.N.user, member.N.role, member.N.remove, add_user and add_role.
// The members are always listed, loaded by id, so saving never drops one;
// the people to add come from a search (?uq, by name or email) listing at
// most teamUserLimit of them, as the pool contributor picker does.
type jobTeamView struct {
	Base
	*jobAccess
	Form Form
	// Users are the search's matches (and the person chosen to add).
	Users     []*ats.User
	UserQuery string
	UsersMore bool
	// names are the people a row may name: the team and the matches.
	names map[string]*ats.User
}

// UsersNote says when more users match than are offered, so the list is
// never silently cut short.
func (v *jobTeamView) UsersNote() string {
	if !v.UsersMore {
		return ""
	}
	return "Showing the first " + strconv.Itoa(teamUserLimit) + " matches; search by name or email to find others."
}

// teamRow is one member row of the editor.
type teamRow struct {
	Index          int
	UserID, Name   string
	Email, Role    string
	Remove         bool
	SystemRoleName string
}

// Rows are the member rows, as loaded or as submitted.
func (v *jobTeamView) Rows() []teamRow {
	var out []teamRow
	for i := 0; i <= ats.MaxTeam; i++ {
		key := "member." + strconv.Itoa(i) + "."
		id := v.Form.Get(key + "user")
		if id == "" {
			break
		}
		row := teamRow{Index: i, UserID: id, Name: id, Role: v.Form.Get(key + "role"),
			Remove: v.Form.Has(key+"remove", "on")}
		if u := v.names[id]; u != nil {
			row.Name, row.Email, row.SystemRoleName = u.Name, u.Email, label(string(u.Role))
		}
		out = append(out, row)
	}
	return out
}

// SeatOptions are a seat select's choices with current selected.
func (v *jobTeamView) SeatOptions(current string) []option {
	return options(current, []string{"hiring_manager", "recruiter", "interviewer"},
		[]string{"Hiring manager", "Recruiter", "Interviewer"})
}

// AddOptions are the people who may be added: enabled users not yet on the
// submitted team.
func (v *jobTeamView) AddOptions() []option {
	on := map[string]bool{}
	for _, r := range v.Rows() {
		on[r.UserID] = true
	}
	out := []option{{Value: "", Label: "Choose a person"}}
	for _, u := range v.Users {
		if !on[u.ID] && !u.Disabled {
			out = append(out, option{Value: u.ID, Label: u.Name + " (" + label(string(u.Role)) + ")",
				Selected: u.ID == v.Form.Get("add_user")})
		}
	}
	return out
}

// NoMatches reports whether a search left nobody to add.
func (v *jobTeamView) NoMatches() bool { return v.UserQuery != "" && len(v.AddOptions()) == 1 }

// handleTeamEdit shows the hiring team editor.
func (s *Server) handleTeamEdit(w http.ResponseWriter, r *http.Request) error {
	v, err := s.jobTeam(r)
	if err != nil {
		return err
	}
	if q, ok := searchedForm(r); ok {
		v.Form = Form{Values: q} // shown again as it was
		if err := s.keepChosen(r, v); err != nil {
			return err
		}
		return s.ok(w, r, "job_team", v)
	}
	v.Form = Form{Values: url.Values{"add_role": {string(ats.TeamInterviewer)}}}
	for i, m := range v.Team {
		key := "member." + strconv.Itoa(i) + "."
		v.Form.Values.Set(key+"user", m.UserID)
		v.Form.Values.Set(key+"role", string(m.Role))
	}
	return s.ok(w, r, "job_team", v)
}

// jobTeam loads the editor's job, its members and the people matching
// the search, refusing users who may not change the team.
func (s *Server) jobTeam(r *http.Request) (*jobTeamView, error) {
	a, err := s.loadJob(r)
	if err != nil {
		return nil, err
	}
	if err := a.require(ats.ActionEditJob); err != nil {
		return nil, err
	}
	v := &jobTeamView{Base: s.base(r, "Hiring team · "+a.Job.Title, "jobs"), jobAccess: a,
		UserQuery: userSearchQuery(r), names: map[string]*ats.User{}}
	for _, m := range a.Team {
		v.names[m.UserID] = &ats.User{ID: m.UserID, Name: m.Name, Email: m.Email}
		if err := s.teamName(r, v, m.UserID); err != nil {
			return nil, err
		}
	}
	users, total, err := s.svc.FindUsers(r.Context(), ats.UserFilter{Query: v.UserQuery, Page: ats.Page{Limit: teamUserLimit}})
	if err != nil {
		return nil, err
	}
	v.Users, v.UsersMore = users, total > len(users)
	for _, u := range users {
		v.names[u.ID] = u
	}
	return v, nil
}

// teamName loads the user id into the view's names; someone who can no
// longer be found keeps the name the team gave.
func (s *Server) teamName(r *http.Request, v *jobTeamView, id string) error {
	u, err := s.svc.FindUserByID(r.Context(), id)
	if ats.ErrorCode(err) == ats.ENOTFOUND {
		return nil
	} else if err != nil {
		return err
	}
	v.names[id] = u
	return nil
}

// keepChosen makes sure a re-rendered form still offers the person it
// chose to add, though the search no longer lists them.
func (s *Server) keepChosen(r *http.Request, v *jobTeamView) error {
	id := v.Form.Get("add_user")
	if id == "" || slices.ContainsFunc(v.Users, func(u *ats.User) bool { return u.ID == id }) {
		return nil
	}
	u, err := s.svc.FindUserByID(r.Context(), id)
	if ats.ErrorCode(err) == ats.ENOTFOUND {
		return nil
	} else if err != nil {
		return err
	}
	v.Users, v.names[id] = append([]*ats.User{u}, v.Users...), u
	return nil
}

// handleTeamUpdate replaces the hiring team with the submitted one.
func (s *Server) handleTeamUpdate(w http.ResponseWriter, r *http.Request) error {
	v, err := s.jobTeam(r)
	if err != nil {
		return err
	}
	if v.Form, err = newForm(r); err != nil {
		return err
	}
	_, err = s.svc.ReplaceTeam(r.Context(), v.Job.ID, v.submittedTeam())
	if v.Form.Failed(err) && ats.ErrorCode(err) != ats.EFORBIDDEN {
		if err := s.keepChosen(r, v); err != nil {
			return err
		}
		s.render(w, r, v.Form.Status(), "job_team", v)
		return nil
	} else if err != nil {
		return err
	}
	return s.redirect(w, r, "/jobs/"+v.Job.ID, "Hiring team saved.")
}

// submittedTeam is the team the form asks for: the rows not marked for
// removal plus the person being added.
func (v *jobTeamView) submittedTeam() []ats.TeamMember {
	team := []ats.TeamMember{}
	for _, row := range v.Rows() {
		if !row.Remove {
			team = append(team, ats.TeamMember{UserID: row.UserID, Role: ats.TeamRole(row.Role)})
		}
	}
	if id := v.Form.Get("add_user"); id != "" {
		team = append(team, ats.TeamMember{UserID: id, Role: ats.TeamRole(v.Form.Get("add_role"))})
	}
	return team
}
