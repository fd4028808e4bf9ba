package web

import (
	"encoding/json"
	"html/template"
	"net/http"
	"strconv"
	"strings"

	"attractor/internal/ats"
	"attractor/internal/syncer"
)

// linkedInWidgetKey is the session key holding the onboarding widget's
// configuration (JSON) that Connect returned, so the page shown after the
// connect post can embed the widget.
const linkedInWidgetKey = "linkedin_widget"

// linkedInFailurePage is how many failures the tab lists.
const linkedInFailurePage = 20

// linkedInView is the LinkedIn tab of the admin settings.
type linkedInView struct {
	Base
	// Available is false when the server runs without the integration.
	Available bool
	I         *syncer.IntegrationView
	Widget    *syncer.WidgetConfig
	Failures  []*ats.SyncFailure
	Form      Form
}

// Stage is the integration's stage as a string, for the template.
func (v *linkedInView) Stage() string {
	if v.I == nil || v.I.Stage == "" {
		return string(ats.StageNotConnected)
	}
	return string(v.I.Stage)
}

// StageLabel is the stage as the admin reads it.
func (v *linkedInView) StageLabel() string {
	switch ats.IntegrationStage(v.Stage()) {
	case ats.StageProvisioned:
		return "Connected, waiting for LinkedIn's request"
	case ats.StagePartnerReady:
		return "Partner ready"
	case ats.StageEnabled:
		return "Enabled"
	case ats.StageDisabled:
		return "Disabled"
	}
	return "Not connected"
}

// AccessLabel names the access level LinkedIn's admin switched on.
func (v *linkedInView) AccessLabel() string {
	switch v.I.AccessLevel {
	case ats.AccessCompany:
		return "Company-level access"
	case ats.AccessContract:
		return "Contract-level access"
	}
	return "No access yet"
}

// ShowWidget reports whether the page embeds LinkedIn's widget: while
// access can still be requested and Connect's configuration is known and
// safe to write into the loader tag.
func (v *linkedInView) ShowWidget() bool {
	s := ats.IntegrationStage(v.Stage())
	if v.Widget == nil || (s != ats.StageProvisioned && s != ats.StagePartnerReady) {
		return false
	}
	c := v.Widget
	return linkedInSafe(c.APIKey) && linkedInSafe(c.ExtensionName) && linkedInSafe(c.ExtensionURL) &&
		strings.HasPrefix(c.ScriptURL, "http") && strings.HasPrefix(c.ExtensionURL, "http")
}

// linkedInSafe reports whether s is a non-empty run of the characters
// client ids, extension names and URLs are made of: nothing that could end
// the script tag or its configuration lines.
func linkedInSafe(s string) bool {
	return s != "" && !strings.ContainsFunc(s, func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune("-._~:/?#@!$&'()*+,=%", r))
	})
}

// WidgetLoader is the text of the loader script tag, which LinkedIn's
// in.js reads as configuration (it is never run: the tag has a src). It
// is template.JS so html/template writes it as it is instead of quoting
// it as a JavaScript string; ShowWidget has checked every part of it.
func (v *linkedInView) WidgetLoader() template.JS {
	return template.JS("\n  api_key: " + v.Widget.APIKey + "\n  extensions: " + v.Widget.ExtensionName + "@" + v.Widget.ExtensionURL + "\n")
}

// WidgetType is the widget tag's script type, IN/{extension}.
func (v *linkedInView) WidgetType() string { return "IN/" + v.Widget.ExtensionName }

// Bundles is the widget's comma-joined bundle types.
func (v *linkedInView) Bundles() string { return strings.Join(v.Widget.BundleTypes, ",") }

// Connected reports whether there is something to disconnect.
func (v *linkedInView) Connected() bool {
	s := ats.IntegrationStage(v.Stage())
	return s != ats.StageNotConnected && s != ats.StageDisabled
}

// Percent is the historical sync's progress in whole percent.
func (v *linkedInView) Percent() int {
	return percent(int(v.I.Historical.Done), int(v.I.Historical.Total))
}

// Private reports whether synced jobs default to private.
func (v *linkedInView) Private() bool { return v.I.JobAvailability == ats.AvailabilityPrivate }

// handleLinkedIn shows the LinkedIn tab.
func (s *Server) handleLinkedIn(w http.ResponseWriter, r *http.Request) error {
	v, err := s.linkedInPage(r, Form{})
	if err != nil {
		return err
	}
	return s.ok(w, r, "linkedin", v)
}

// linkedInPage builds the LinkedIn tab around form f.
func (s *Server) linkedInPage(r *http.Request, f Form) (*linkedInView, error) {
	if err := adminOnly(r); err != nil {
		return nil, err
	}
	v := &linkedInView{Base: s.base(r, "LinkedIn", "admin"), Available: s.linkedin != nil, Form: f}
	if s.linkedin == nil {
		return v, nil
	}
	var err error
	if v.I, err = s.linkedin.Integration(r.Context()); err != nil {
		return nil, err
	}
	if v.I.Failures > 0 {
		if v.Failures, _, err = s.linkedin.Failures(r.Context(), ats.Page{Limit: linkedInFailurePage}); err != nil {
			return nil, err
		}
	}
	v.Widget = s.savedWidget(r)
	return v, nil
}

// savedWidget is the widget configuration Connect returned last in this
// session, nil when there is none.
func (s *Server) savedWidget(r *http.Request) *syncer.WidgetConfig {
	raw := s.sessions.GetString(r.Context(), linkedInWidgetKey)
	if raw == "" {
		return nil
	}
	var c syncer.WidgetConfig
	if json.Unmarshal([]byte(raw), &c) != nil {
		return nil
	}
	return &c
}

// linkedInAction runs one of the tab's buttons: the integration must be
// there, the user an admin; a refusal the admin can act on (or LinkedIn
// being unreachable) shows the tab again with the message.
func (s *Server) linkedInAction(w http.ResponseWriter, r *http.Request, do func(f Form) (string, error)) error {
	if err := adminOnly(r); err != nil {
		return err
	}
	if s.linkedin == nil {
		return errNoLinkedInPage()
	}
	f, err := newForm(r)
	if err != nil {
		return err
	}
	msg, err := do(f)
	if err == nil {
		return s.redirect(w, r, "/admin/linkedin", msg)
	}
	status, ok := linkedInFailed(&f, err)
	if !ok {
		return err
	}
	v, verr := s.linkedInPage(r, f)
	if verr != nil {
		return verr
	}
	s.render(w, r, status, "linkedin", v)
	return nil
}

// handleLinkedInConnect provisions this instance's LinkedIn app and keeps
// the widget configuration for the page to embed.
func (s *Server) handleLinkedInConnect(w http.ResponseWriter, r *http.Request) error {
	return s.linkedInAction(w, r, func(Form) (string, error) {
		c, err := s.linkedin.Connect(r.Context())
		if err != nil {
			return "", err
		}
		b, err := json.Marshal(c)
		if err != nil {
			return "", err
		}
		s.sessions.Put(r.Context(), linkedInWidgetKey, string(b))
		return "Connected to LinkedIn. Now request access in LinkedIn's widget.", nil
	})
}

// handleLinkedInRequest takes the widget's onintegrate payload, which
// app.js posts as a form: organization, contract, requestId, bundle and
// integrationTypes (repeated).
func (s *Server) handleLinkedInRequest(w http.ResponseWriter, r *http.Request) error {
	return s.linkedInAction(w, r, func(f Form) (string, error) {
		in := syncer.RequestInput{Organization: f.Get("organization"), Contract: f.Get("contract"),
			RequestID: f.Get("requestId"), Bundle: f.Get("bundle"), IntegrationTypes: f.Values["integrationTypes"]}
		v, err := s.linkedin.Request(r.Context(), in)
		if err != nil {
			return "", err
		}
		return "LinkedIn's request was received. Status: " + label(string(v.Stage)) + ".", nil
	})
}

// handleLinkedInNotify sends the integrations' names and configuration to
// LinkedIn again.
func (s *Server) handleLinkedInNotify(w http.ResponseWriter, r *http.Request) error {
	return s.linkedInAction(w, r, func(Form) (string, error) {
		_, err := s.linkedin.Notify(r.Context())
		return "LinkedIn was notified again.", err
	})
}

// handleLinkedInAvailability sets whether synced jobs default to public
// or private at LinkedIn.
func (s *Server) handleLinkedInAvailability(w http.ResponseWriter, r *http.Request) error {
	return s.linkedInAction(w, r, func(f Form) (string, error) {
		a := ats.Availability(f.Get("job_availability"))
		if a != ats.AvailabilityPublic && a != ats.AvailabilityPrivate {
			return "", ats.Problems{"job_availability": "Choose public or private."}.Err()
		}
		_, err := s.linkedin.SetJobAvailability(r.Context(), a)
		return "Saved the default job availability.", err
	})
}

// handleLinkedInDisconnect disconnects this instance from LinkedIn.
func (s *Server) handleLinkedInDisconnect(w http.ResponseWriter, r *http.Request) error {
	return s.linkedInAction(w, r, func(Form) (string, error) {
		if _, err := s.linkedin.Disconnect(r.Context()); err != nil {
			return "", err
		}
		s.sessions.Remove(r.Context(), linkedInWidgetKey)
		return "Disconnected from LinkedIn.", nil
	})
}

// handleLinkedInRetry queues every failed entity to be sent again.
func (s *Server) handleLinkedInRetry(w http.ResponseWriter, r *http.Request) error {
	return s.linkedInAction(w, r, func(Form) (string, error) {
		n, err := s.linkedin.RetryFailures(r.Context())
		if n == 1 {
			return "Queued 1 failed record to be sent again.", err
		}
		return "Queued " + strconv.Itoa(n) + " failed records to be sent again.", err
	})
}

// linkedInFailed records on f an error of a LinkedIn form the user can
// act on and returns the status to show the form again with: 502 when
// LinkedIn was unreachable or refused, the error's own status when the
// service refused. ok is false when err is the caller's to return.
func linkedInFailed(f *Form, err error) (status int, ok bool) {
	if ats.ErrorCode(err) == syncer.ELinkedIn {
		f.Message = ats.ErrorMessage(err)
		return http.StatusBadGateway, true
	}
	if f.Failed(err) {
		return f.Status(), true
	}
	return 0, false
}
