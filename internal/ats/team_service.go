package ats

import (
	"context"
	"sort"
)

// MaxTeam bounds the size of a hiring team.
const MaxTeam = 100

// FindTeam returns a job's hiring team.
func (s *Service) FindTeam(ctx context.Context, ref string) (team []TeamMember, err error) {
	err = s.viewJob(ctx, ref, ActionViewJob, func(tx Tx, j *Job) (err error) {
		team, err = tx.FindTeam(j.ID)
		return err
	})
	return team, err
}

// ReplaceTeam sets a job's hiring team. Hiring manager and recruiter seats
// go only to users whose system role allows them (Role.CanHoldSeat; someone
// demoted keeps a seat they already hold); the team keeps at least one of
// them.
func (s *Service) ReplaceTeam(ctx context.Context, ref string, team []TeamMember) (out []TeamMember, err error) {
	u, err := actor(ctx)
	if err != nil {
		return nil, err
	}
	err = s.store.Update(ctx, func(tx Tx) error {
		j, _, err := jobFor(tx, u, ref, ActionEditJob)
		if err != nil {
			return err
		}
		if j.Status == JobClosed {
			return Errorf(ECONFLICT, "The team of a closed job cannot be changed.")
		}
		old, err := tx.FindTeam(j.ID)
		if err != nil {
			return err
		}
		if err := checkTeam(tx, team, old); err != nil {
			return err
		}
		if err := tx.ReplaceTeam(j.ID, team); err != nil {
			return err
		}
		if out, err = tx.FindTeam(j.ID); err != nil {
			return err
		}
		return record(tx, u, EntityJob, j.ID, "updated", diff(teamFields(old), teamFields(out)))
	})
	return out, err
}

func checkTeam(tx Tx, team, old []TeamMember) error {
	p := Problems{}
	if len(team) > MaxTeam {
		p.Add("members", "A hiring team has at most 100 members.")
	}
	held := map[string]TeamRole{}
	for _, m := range old {
		held[m.UserID] = m.Role
	}
	seen, leads := map[string]bool{}, 0
	for _, m := range team {
		if err := checkSeat(tx, m, held, seen, p); err != nil {
			return err
		}
		if m.Role == TeamHiringManager || m.Role == TeamRecruiter {
			leads++
		}
	}
	if leads == 0 {
		p.Add("members", "The team needs at least one hiring manager or recruiter.")
	}
	return p.Err()
}

func checkSeat(tx Tx, m TeamMember, held map[string]TeamRole, seen map[string]bool, p Problems) error {
	switch m.Role {
	case TeamHiringManager, TeamRecruiter, TeamInterviewer:
	default:
		p.Add("members", "Team role must be hiring_manager, recruiter or interviewer.")
		return nil
	}
	if seen[m.UserID] {
		p.Add("members", "A user holds one seat on a team.")
		return nil
	}
	seen[m.UserID] = true
	if !validID(m.UserID) {
		p.Add("members", "Unknown user "+m.UserID+".")
		return nil
	}
	usr, err := tx.FindUserByID(m.UserID)
	if ErrorCode(err) == ENOTFOUND {
		p.Add("members", "Unknown user "+m.UserID+".")
		return nil
	} else if err != nil {
		return err
	}
	if !usr.Role.CanHoldSeat(m.Role) && held[m.UserID] != m.Role {
		p.Add("members", usr.Name+" cannot be "+string(m.Role)+": their system role does not allow it.")
	}
	return nil
}

func teamFields(team []TeamMember) fields {
	f := fields{}
	sorted := append([]TeamMember(nil), team...)
	sort.Slice(sorted, func(i, j int) bool { return sorted[i].UserID < sorted[j].UserID })
	for _, m := range sorted {
		name := m.Name
		if name == "" {
			name = m.UserID
		}
		if m.Email != "" {
			name += " <" + m.Email + ">"
		}
		f["team."+name] = string(m.Role)
	}
	return f
}
