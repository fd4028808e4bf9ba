package web

import (
	"net/http"
	"net/url"
	"strconv"

	"attractor/internal/ats"
)

// jobTeamView is the hiring team editor: one row per member (seat and a
// remove box) and a row to add someone. The form's field names are
// member.N.user, member.N.role, member.N.remove, add_user and add_role.
type jobTeamView struct {
	Base
	*jobAccess
	Form  Form
	Users []*ats.User
	// names are the people a row may name: the team and the user list.
	names map[string]*ats.User
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

// handleTeamEdit shows the hiring team editor.
func (s *Server) handleTeamEdit(w http.ResponseWriter, r *http.Request) error {
	v, err := s.jobTeam(r)
	if err != nil {
		return err
	}
	v.Form = Form{Values: url.Values{"add_role": {string(ats.TeamInterviewer)}}}
	for i, m := range v.Team {
		key := "member." + strconv.Itoa(i) + "."
		v.Form.Values.Set(key+"user", m.UserID)
		v.Form.Values.Set(key+"role", string(m.Role))
	}
	return s.ok(w, r, "job_team", v)
}

// jobTeam loads the editor's job, team and users, refusing users who may
// not change the team.
func (s *Server) jobTeam(r *http.Request) (*jobTeamView, error) {
	a, err := s.loadJob(r)
	if err != nil {
		return nil, err
	}
	if err := a.require(ats.ActionEditJob); err != nil {
		return nil, err
	}
	users, _, err := s.svc.FindUsers(r.Context(), ats.UserFilter{Page: ats.Page{Limit: ats.MaxLimit}})
	if err != nil {
		return nil, err
	}
	v := &jobTeamView{Base: s.base(r, "Hiring team · "+a.Job.Title, "jobs"), jobAccess: a, Users: users,
		names: map[string]*ats.User{}}
	for _, u := range users {
		v.names[u.ID] = u
	}
	for _, m := range a.Team {
		if v.names[m.UserID] == nil {
			v.names[m.UserID] = &ats.User{ID: m.UserID, Name: m.Name, Email: m.Email}
		}
	}
	return v, nil
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
