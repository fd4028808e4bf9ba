package session

import (
	"net/http"
	"net/netip"
	"strings"
	"sync"
	"time"

	"golang.org/x/time/rate"
)

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

// SigninLimiter allows each client address a burst of sign-in attempts,
// then one every few seconds, whichever way it signs in: the pages and
// the JSON API share one, so neither is a way around the other.
type SigninLimiter struct {
	trusted []netip.Prefix
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

// NewSigninLimiter returns an empty per-address limiter that believes the
// X-Forwarded-For of the trusted proxies (none: the header is ignored).
// A process keeps one for its lifetime, so every sign-in attempt from an
// address draws on the same budget.
func NewSigninLimiter(trusted []netip.Prefix) *SigninLimiter {
	return &SigninLimiter{trusted: trusted, clients: map[string]*rate.Limiter{}}
}

// Allow takes one attempt from the budget of the client r came from.
func (l *SigninLimiter) Allow(r *http.Request) bool {
	return l.allow(clientAddr(r, l.trusted))
}

// allow takes one attempt from ip's bucket.
func (l *SigninLimiter) allow(ip string) bool {
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
