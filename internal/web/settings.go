package web

import (
	"net/http"

	"attractor/internal/ats"
)

// settingsView is the user's own settings: their profile and the tab of
// connected accounts.
type settingsView struct {
	Base
	Tab string
	// Available is false when the server runs without LinkedIn.
	Available bool
	// Outcome is how the LinkedIn sign-in ended (?linkedin=…), "" when the
	// page was not reached from it.
	Outcome string
	Form    Form
}

// OutcomeMessage is what the connections tab says after LinkedIn's
// sign-in sent the browser back.
func (v *settingsView) OutcomeMessage() string {
	switch v.Outcome {
	case "connected":
		return "Your LinkedIn account is connected."
	case "cancelled":
		return "You cancelled connecting LinkedIn. Nothing was changed."
	case "failed":
		return "LinkedIn did not connect your account. Please try again."
	}
	return ""
}

// OutcomeOK reports whether the outcome is good news.
func (v *settingsView) OutcomeOK() bool { return v.Outcome == "connected" }

// handleSettings shows the user's profile.
func (s *Server) handleSettings(w http.ResponseWriter, r *http.Request) error {
	v := settingsView{Base: s.base(r, "Your settings", "settings"), Tab: "profile", Available: s.linkedin != nil}
	return s.ok(w, r, "settings", &v)
}

// handleConnections shows the connected accounts tab.
func (s *Server) handleConnections(w http.ResponseWriter, r *http.Request) error {
	return s.ok(w, r, "settings_connections", s.connections(r, Form{}))
}

// connections builds the connections tab around form f.
func (s *Server) connections(r *http.Request, f Form) *settingsView {
	return &settingsView{Base: s.base(r, "Connections", "settings"), Tab: "connections",
		Available: s.linkedin != nil, Outcome: r.URL.Query().Get("linkedin"), Form: f}
}

// handleConnectionLinkedIn starts connecting the user's LinkedIn account:
// it sends the browser to LinkedIn's sign-in, which returns to the API's
// member callback and from there to the connections tab.
func (s *Server) handleConnectionLinkedIn(w http.ResponseWriter, r *http.Request) error {
	if s.linkedin == nil {
		return errNoLinkedInPage()
	}
	to, err := s.linkedin.ConnectMember(r.Context())
	if err != nil {
		return s.connectionFailed(w, r, err)
	}
	http.Redirect(w, r, to, http.StatusSeeOther)
	return nil
}

// handleConnectionLinkedInDelete disconnects the user's LinkedIn account.
func (s *Server) handleConnectionLinkedInDelete(w http.ResponseWriter, r *http.Request) error {
	if s.linkedin == nil {
		return errNoLinkedInPage()
	}
	if err := s.linkedin.DisconnectMember(r.Context()); err != nil {
		return s.connectionFailed(w, r, err)
	}
	return s.redirect(w, r, "/settings/connections", "Your LinkedIn account is disconnected.")
}

// connectionFailed shows the connections tab with the message of a
// refusal the user can act on, or of LinkedIn being unreachable.
func (s *Server) connectionFailed(w http.ResponseWriter, r *http.Request, err error) error {
	f := Form{}
	status, ok := linkedInFailed(&f, err)
	if !ok {
		return err
	}
	s.render(w, r, status, "settings_connections", s.connections(r, f))
	return nil
}

// errNoLinkedInPage answers the LinkedIn forms of a server without it.
func errNoLinkedInPage() error {
	return ats.Errorf(ats.ENOTFOUND, "The LinkedIn integration is not available on this server.")
}
