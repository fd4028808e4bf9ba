package web

import (
	"net/http"
	"strings"

	"attractor/internal/ats"
)

// flashKey is the session key of the one-line message shown on the page
// after a successful form post.
const flashKey = "flash"

// flashErrorKey is the session key of the one-line refusal shown on the
// page a refused form post redirected back to (styled as a problem, not as
// the success flashKey holds).
const flashErrorKey = "flash_error"

// Base is what every page's view embeds: the title, the header's user and
// section, and the flash message.
type Base struct {
	Title   string
	Section string // the header section to mark as current: jobs, candidates, pools, admin, settings
	User    *ats.User
	Flash   string
	// FlashError is a refusal carried over a redirect, shown as an alert.
	FlashError string
}

// base builds the Base of a page. It pops the flash message here, before
// anything is written, since scs drops session changes made after the
// response has started (scs#215).
func (s *Server) base(r *http.Request, title, section string) Base {
	return Base{Title: title, Section: section, User: ats.UserFromContext(r.Context()),
		Flash: s.sessions.PopString(r.Context(), flashKey), FlashError: s.sessions.PopString(r.Context(), flashErrorKey)}
}

// redirectRefused answers a refused form post with a redirect (303) to to,
// where msg is shown as an alert: for forms whose page cannot be rendered
// again in place by the handler that received them.
func (s *Server) redirectRefused(w http.ResponseWriter, r *http.Request, to, msg string) error {
	s.sessions.Put(r.Context(), flashErrorKey, msg)
	http.Redirect(w, r, to, http.StatusSeeOther)
	return nil
}

// IsAdmin reports whether the signed-in user is an admin, for the header's
// Admin section.
func (b Base) IsAdmin() bool {
	return b.User != nil && b.User.Role == ats.RoleAdmin
}

// may reports whether the signed-in user's system role alone allows a,
// without a seat on any job.
func (b Base) may(a ats.Action) bool {
	return b.User != nil && ats.Allowed(b.User.Role, ats.TeamNone, a)
}

// CanCandidates reports whether the header links to the candidates list:
// interviewers see candidates only through their jobs and get 403 there.
func (b Base) CanCandidates() bool { return b.may(ats.ActionViewCandidate) }

// CanPools reports whether the header links to the talent pools.
func (b Base) CanPools() bool { return b.may(ats.ActionViewPool) }

// SeesAllApplications reports whether the user may view every job's
// applications without a seat on its team (admins, read-only users), for
// links to pipelines of jobs listed regardless of the user's seat.
func (b Base) SeesAllApplications() bool { return b.may(ats.ActionViewApplication) }

// RoleLabel is the signed-in user's role as people write it.
func (b Base) RoleLabel() string {
	if b.User == nil {
		return ""
	}
	return label(string(b.User.Role))
}

// label turns an enum value such as "hiring_manager" into "Hiring manager".
func label(s string) string {
	s = strings.ReplaceAll(s, "_", " ")
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}
