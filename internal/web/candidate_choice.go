package web

import (
	"net/http"
	"strconv"
	"strings"

	"attractor/internal/ats"
)

// candChoiceLimit is how many jobs the "add to job" select lists; more
// are reached through its search field.
const candChoiceLimit = 50

// candQueryMax bounds the job search text, as the service does.
const candQueryMax = 200

// JobSearch reports whether the "add to job" form offers its search
// field: when more jobs match than are listed, or a search is on.
func (v *candidateView) JobSearch() bool { return v.JobsTotal > len(v.Jobs) || v.JobQuery != "" }

// JobsNote tells how the listed jobs relate to all that match, so the
// select never silently hides jobs.
func (v *candidateView) JobsNote() string {
	switch {
	case v.JobsTotal > len(v.Jobs):
		return "Showing the newest " + strconv.Itoa(len(v.Jobs)) + " of " + strconv.Itoa(v.JobsTotal) + " jobs; search to find the others."
	case v.JobQuery != "":
		return strconv.Itoa(v.JobsTotal) + " matching jobs."
	}
	return ""
}

// loadCandidateActions offers the active jobs the user may add the
// candidate to and the pools whose members they may change. Jobs come
// from one query: users whose role alone does not allow adding get only
// the jobs where their seat does (JobFilter.MemberRoles), admins every
// active job. ?jq narrows the jobs by title or number.
func (s *Server) loadCandidateActions(r *http.Request, v *candidateView) error {
	if err := s.loadCandidateJobChoices(r, v); err != nil {
		return err
	}
	pools, total, err := s.svc.FindPools(r.Context(), ats.Page{Limit: ats.MaxLimit})
	if err != nil {
		return err
	}
	v.PoolsMore = total > len(pools)
	for _, p := range pools {
		if candCanManagePool(v.User, p) {
			v.Pools = append(v.Pools, p)
		}
	}
	return nil
}

// loadCandidateJobChoices fills the "add to job" select.
func (s *Server) loadCandidateJobChoices(r *http.Request, v *candidateView) error {
	v.JobQuery = candJobQuery(r)
	f := ats.JobFilter{Status: ats.JobActive, Query: v.JobQuery, Page: ats.Page{Limit: candChoiceLimit}}
	if !candMayAdd(v.User.Role, ats.TeamNone) {
		f.MemberID, f.MemberRoles = v.User.ID, candAddSeats(v.User.Role)
		if len(f.MemberRoles) == 0 {
			return nil // no seat lets this role add candidates
		}
	}
	var err error
	v.Jobs, v.JobsTotal, err = s.svc.FindJobs(r.Context(), f)
	return err
}

// candJobQuery is the job search text of ?jq, cut to what the service
// accepts.
func candJobQuery(r *http.Request) string {
	q := strings.TrimSpace(r.URL.Query().Get("jq"))
	if len(q) > candQueryMax {
		q = strings.ToValidUTF8(q[:candQueryMax], "")
	}
	return q
}

// candMayAdd reports whether a user with role and seat may add the
// candidate to the job, as an applicant or as a prospect.
func candMayAdd(role ats.Role, seat ats.TeamRole) bool {
	return ats.Allowed(role, seat, ats.ActionAddApplicant) || ats.Allowed(role, seat, ats.ActionAddProspect)
}

// candAddSeats are the seats through which a user with role may add
// candidates, read from the permission matrix.
func candAddSeats(role ats.Role) []ats.TeamRole {
	var out []ats.TeamRole
	for _, seat := range []ats.TeamRole{ats.TeamHiringManager, ats.TeamRecruiter, ats.TeamInterviewer} {
		if candMayAdd(role, seat) {
			out = append(out, seat)
		}
	}
	return out
}
