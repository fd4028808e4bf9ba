package web

import (
	"net/http"
	"strings"

	"attractor/internal/ats"
)

// flashKey is the session key of the one-line message shown on the page
// after a successful form post.
const flashKey = "flash"

// Base is what every page's view embeds: the title, the header's user and
// section, and the flash message.
type Base struct {
	Title   string
	Section string // the header section to mark as current: jobs, candidates, pools, admin, settings
	User    *ats.User
	Flash   string
}

// base builds the Base of a page. It pops the flash message here, before
// anything is written, since scs drops session changes made after the
// response has started (scs#215).
func (s *Server) base(r *http.Request, title, section string) Base {
	return Base{Title: title, Section: section, User: ats.UserFromContext(r.Context()),
		Flash: s.sessions.PopString(r.Context(), flashKey)}
}

// IsAdmin reports whether the signed-in user is an admin, for the header's
// Admin section.
func (b Base) IsAdmin() bool {
	return b.User != nil && b.User.Role == ats.RoleAdmin
}

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
