package web

import (
	"net/http"

	"attractor/internal/ats"
	"attractor/internal/session"
)

// signinView is the sign-in page.
type signinView struct {
	Base
	Form Form
	Next string
}

// handleSigninForm shows the sign-in form; a signed-in user goes home.
func (s *Server) handleSigninForm(w http.ResponseWriter, r *http.Request) error {
	if ats.UserFromContext(r.Context()) != nil {
		return s.redirect(w, r, localPath(r.URL.Query().Get("next")), "")
	}
	f, err := newForm(r)
	if err != nil {
		return err
	}
	v := signinView{Base: s.base(r, "Sign in", ""), Form: f, Next: localPath(f.Get("next"))}
	return s.ok(w, r, "signin", &v)
}

// handleSignin checks the email and password and binds the session. The
// service throttles attempts per account; the per-address limiter, shared
// with the JSON API's sign-in, stops one client from trying many accounts.
func (s *Server) handleSignin(w http.ResponseWriter, r *http.Request) error {
	f, err := newForm(r)
	if err != nil {
		return err
	}
	v := signinView{Base: s.base(r, "Sign in", ""), Form: f, Next: localPath(f.Get("next"))}
	if !s.signins.Allow(r) {
		err = ats.Errorf(ats.ETOOMANY, "Too many sign-in attempts from your network. Wait a minute and try again.")
	} else {
		var u *ats.User
		if u, err = s.svc.Authenticate(r.Context(), f.Get("email"), f.Values.Get("password")); err == nil {
			if err := session.SignIn(r.Context(), s.sessions, u); err != nil {
				return err
			}
			return s.redirect(w, r, v.Next, "")
		}
	}
	if !v.Form.Failed(err) && ats.ErrorCode(err) != ats.EUNAUTHORIZED {
		return err
	}
	v.Form.Message = ats.ErrorMessage(err)
	v.Form.Values.Del("password")
	s.render(w, r, statusOf(ats.ErrorCode(err)), "signin", &v)
	return nil
}

// handleSignout ends the session.
func (s *Server) handleSignout(w http.ResponseWriter, r *http.Request) error {
	if err := s.sessions.Destroy(r.Context()); err != nil {
		return err
	}
	http.Redirect(w, r, "/signin", http.StatusSeeOther)
	return nil
}
