package web

import (
	"bytes"
	"log/slog"
	"net/http"
	"net/url"
	"runtime/debug"

	"attractor/internal/ats"
	"attractor/internal/session"
)

// handlerFunc is the shape of every page handler: parse, call the
// service, render, and return any error for the adapter to show.
type handlerFunc func(w http.ResponseWriter, r *http.Request) error

// statusOf is the one code→status table of the web UI. Codes not listed
// (including ats.EINTERNAL and anything that is not an *ats.Error) are 500.
func statusOf(code string) int {
	switch code {
	case ats.EINVALID:
		return http.StatusUnprocessableEntity
	case ats.ENOTFOUND:
		return http.StatusNotFound
	case ats.ECONFLICT:
		return http.StatusConflict
	case ats.EUNAUTHORIZED:
		return http.StatusUnauthorized
	case ats.EFORBIDDEN:
		return http.StatusForbidden
	case ats.ETOOMANY:
		return http.StatusTooManyRequests
	case ats.ETOOLARGE:
		return http.StatusRequestEntityTooLarge
	}
	return http.StatusInternalServerError
}

// page adapts a handler for a signed-in user: anonymous visitors are sent
// to the sign-in page, cross-site posts are refused, and a returned error
// is shown as the error page (logged once when it is a 5xx).
func (s *Server) page(h handlerFunc) http.Handler {
	return s.adapt(true, h)
}

// public adapts a handler that anonymous visitors may reach (sign-in).
func (s *Server) public(h handlerFunc) http.Handler {
	return s.adapt(false, h)
}

// adapt is the one chain every page goes through.
func (s *Server) adapt(signedIn bool, h handlerFunc) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer s.recoverPanic(w, r)
		s.secureHeaders(w)
		if err := s.csrf.Check(r); err != nil {
			s.fail(w, r, ats.Errorf(ats.EFORBIDDEN, "This form was sent from another site, so it was refused."))
			return
		}
		u, err := session.User(r.Context(), s.sessions, s.svc)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		if u == nil && signedIn {
			s.toSignin(w, r)
			return
		}
		if u != nil {
			r = r.WithContext(ats.NewContextWithUser(r.Context(), u))
		}
		if err := h(w, r); err != nil {
			s.fail(w, r, err)
		}
	})
}

// secureHeaders sets the headers every page carries. Pages hold personal
// data, so they are never cached.
func (s *Server) secureHeaders(w http.ResponseWriter) {
	h := w.Header()
	h.Set("Content-Security-Policy", s.csp)
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("X-Frame-Options", "DENY")
	h.Set("Referrer-Policy", "same-origin")
	h.Set("Cache-Control", "no-store")
}

// toSignin sends an anonymous visitor to the sign-in page, remembering
// where they were going when that was a page (GET).
func (s *Server) toSignin(w http.ResponseWriter, r *http.Request) {
	target := "/signin"
	if r.Method == http.MethodGet && r.URL.Path != "/" {
		target += "?next=" + url.QueryEscape(r.URL.RequestURI())
	}
	http.Redirect(w, r, target, http.StatusSeeOther)
}

// recoverPanic answers a panicking handler with the error page instead of
// a dropped connection, and logs the stack.
func (s *Server) recoverPanic(w http.ResponseWriter, r *http.Request) {
	v := recover()
	if v == nil {
		return
	}
	if v == http.ErrAbortHandler {
		panic(v)
	}
	s.logger.Error("panic serving page", slog.Any("panic", v), slog.String("stack", string(debug.Stack())),
		slog.String("path", r.URL.Path))
	s.fail(w, r, ats.Errorf(ats.EINTERNAL, "Internal error."))
}

// errorView is the error page.
type errorView struct {
	Base
	Status  int
	Message string
}

// fail renders err as the error page. Internal errors are logged with
// their detail and shown as a generic sentence.
func (s *Server) fail(w http.ResponseWriter, r *http.Request, err error) {
	code := ats.ErrorCode(err)
	status := statusOf(code)
	msg := ats.ErrorMessage(err)
	if status >= 500 {
		s.logger.Error("internal error", slog.String("error", err.Error()), slog.String("path", r.URL.Path))
		msg = "Something went wrong on our side. Please try again."
	}
	if code == ats.EUNAUTHORIZED {
		s.toSignin(w, r)
		return
	}
	v := errorView{Base: s.base(r, http.StatusText(status), ""), Status: status, Message: msg}
	s.render(w, r, status, "error", &v)
}

// render executes the page template name with view and writes it with
// status. The page is rendered to a buffer first, so a template error
// becomes a clean 500 rather than half a page.
func (s *Server) render(w http.ResponseWriter, r *http.Request, status int, name string, view any) {
	var buf bytes.Buffer
	if err := s.pages.execute(&buf, name, view); err != nil {
		s.logger.Error("render page", slog.String("page", name), slog.String("error", err.Error()),
			slog.String("path", r.URL.Path))
		http.Error(w, "Internal error.", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	_, _ = w.Write(buf.Bytes())
}

// ok renders a page with 200.
func (s *Server) ok(w http.ResponseWriter, r *http.Request, name string, view any) error {
	s.render(w, r, http.StatusOK, name, view)
	return nil
}

// redirect ends a successful form post (post/redirect/get), leaving msg as
// the flash message the next page shows.
func (s *Server) redirect(w http.ResponseWriter, r *http.Request, to, msg string) error {
	if msg != "" {
		s.sessions.Put(r.Context(), flashKey, msg)
	}
	http.Redirect(w, r, to, http.StatusSeeOther)
	return nil
}
