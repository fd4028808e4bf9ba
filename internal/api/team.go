package api

import (
	"net/http"

	"attractor/internal/ats"
)

// teamBody is a job's hiring team on the wire, in both directions: PUT
// takes the complete new team and answers with it as stored.
type teamBody struct {
	Members []ats.TeamMember `json:"members"`
}

// handleTeamShow returns a job's hiring team with names and emails.
func (s *Server) handleTeamShow(w http.ResponseWriter, r *http.Request) error {
	team, err := s.svc.FindTeam(r.Context(), r.PathValue("id"))
	return renderTeam(w, team, err)
}

// handleTeamReplace sets a job's whole hiring team. Replacing rather than
// patching seat by seat lets the service check the team as a whole (it
// always keeps a hiring manager or recruiter).
func (s *Server) handleTeamReplace(w http.ResponseWriter, r *http.Request) error {
	in, err := decode[teamBody](r)
	if err != nil {
		return err
	}
	if in.Members == nil {
		return &ats.Error{Code: ats.EINVALID, Message: "Some fields are not valid.",
			Fields: map[string]string{"members": "This field is required."}}
	}
	team, err := s.svc.ReplaceTeam(r.Context(), r.PathValue("id"), in.Members)
	return renderTeam(w, team, err)
}

func renderTeam(w http.ResponseWriter, team []ats.TeamMember, err error) error {
	if team == nil {
		team = []ats.TeamMember{}
	}
	return reply(w, http.StatusOK, teamBody{Members: team}, err)
}
