package web

import (
	"net/http"
	"net/netip"
	"strings"
	"sync"
	"time"

	"attractor/internal/ats"
	"attractor/internal/session"

	"golang.org/x/time/rate"
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
// service throttles attempts per account; the per-address limiter here
// stops one client from trying many accounts.
func (s *Server) handleSignin(w http.ResponseWriter, r *http.Request) error {
	f, err := newForm(r)
	if err != nil {
		return err
	}
	v := signinView{Base: s.base(r, "Sign in", ""), Form: f, Next: localPath(f.Get("next"))}
	if !s.signins.allow(clientAddr(r, s.opts.TrustedProxies)) {
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

// clientAddr is the address the request came from. A request forwarded
// by a trusted proxy names its client in X-Forwarded-For, each proxy
// appending the address it received from: the rightmost entry that is
// not itself a trusted proxy is the client, and what lies left of it was
// written by the client and is ignored, so a forged header cannot pick
// another client's sign-in budget. From anyone else the header is
// ignored; behind an untrusted proxy every client shares its address.
func clientAddr(r *http.Request, trusted []netip.Prefix) string {
	peer, err := netip.ParseAddrPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	addr := peer.Addr().Unmap()
	if !isTrusted(addr, trusted) {
		return addr.String()
	}
	hops := strings.Split(strings.Join(r.Header.Values("X-Forwarded-For"), ","), ",")
	for i := len(hops) - 1; i >= 0; i-- {
		hop, err := netip.ParseAddr(strings.TrimSpace(hops[i]))
		if err != nil {
			break // not written by a proxy we trust: the last good hop stands
		}
		addr = hop.Unmap()
		if !isTrusted(addr, trusted) {
			break
		}
	}
	return addr.String()
}

// isTrusted reports whether addr is one of the trusted proxies.
func isTrusted(addr netip.Addr, trusted []netip.Prefix) bool {
	for _, p := range trusted {
		if p.Contains(addr) {
			return true
		}
	}
	return false
}

// signinLimiter allows each client address a burst of sign-in attempts,
// then one every few seconds.
type signinLimiter struct {
	mu      sync.Mutex
	clients map[string]*rate.Limiter
}

// Sign-in limits per address: 20 attempts at once, then one per 3 s; the
// table is cleared when it grows past maxClients, which forgives at worst.
const (
	signinBurst = 20
	signinEvery = 3 * time.Second
	maxClients  = 10_000
)

// newSigninLimiter returns an empty per-address limiter; the server keeps
// one for its lifetime, so every sign-in attempt from an address draws on
// the same budget.
func newSigninLimiter() *signinLimiter {
	return &signinLimiter{clients: map[string]*rate.Limiter{}}
}

// allow takes one attempt from ip's bucket.
func (l *signinLimiter) allow(ip string) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	lim, ok := l.clients[ip]
	if !ok {
		if len(l.clients) >= maxClients {
			clear(l.clients)
		}
		lim = rate.NewLimiter(rate.Every(signinEvery), signinBurst)
		l.clients[ip] = lim
	}
	return lim.Allow()
}
