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
func clientAddr(r *http.Request, trusted []netip.Prefix) netip.Addr {
	peer, err := netip.ParseAddrPort(r.RemoteAddr)
	if err != nil {
		return netip.Addr{} // not from a network peer (tests): one shared budget
	}
	addr := peer.Addr().Unmap()
	if !isTrusted(addr, trusted) {
		return addr
	}
	hops := strings.Split(strings.Join(r.Header.Values("X-Forwarded-For"), ","), ",")
	for i := len(hops) - 1; i >= 0; i-- {
		hop, ok := parseHop(hops[i])
		if !ok {
			break // not written by a proxy we trust: the last good hop stands
		}
		addr = hop
		if !isTrusted(addr, trusted) {
			break
		}
	}
	return addr
}

// parseHop reads one X-Forwarded-For entry: an address, or an address with
// a port as some load balancers write it ("1.2.3.4:5678", "[::1]:5678").
func parseHop(s string) (netip.Addr, bool) {
	s = strings.TrimSpace(s)
	if a, err := netip.ParseAddr(s); err == nil {
		return a.Unmap(), true
	}
	if ap, err := netip.ParseAddrPort(s); err == nil {
		return ap.Addr().Unmap(), true
	}
	return netip.Addr{}, false
}

// budgetKey is whose budget an address draws on: IPv4 addresses one each,
// IPv6 ones per /64, the block a single host or subscriber usually holds,
// so walking through its addresses gains nothing.
func budgetKey(a netip.Addr) netip.Addr {
	if a.Is6() {
		return netip.PrefixFrom(a, 64).Masked().Addr()
	}
	return a
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
	clients map[netip.Addr]*rate.Limiter
}

// Sign-in limits per address: 20 attempts at once, then one per 3 s; the
// table holds at most maxClients addresses (see evict).
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
	return &SigninLimiter{trusted: trusted, clients: map[netip.Addr]*rate.Limiter{}}
}

// Allow takes one attempt from the budget of the client r came from.
func (l *SigninLimiter) Allow(r *http.Request) bool {
	return l.allow(budgetKey(clientAddr(r, l.trusted)), time.Now())
}

// allow takes one attempt, at now, from the budget of key.
func (l *SigninLimiter) allow(key netip.Addr, now time.Time) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	lim, ok := l.clients[key]
	if !ok {
		if len(l.clients) >= maxClients {
			l.evict(now)
		}
		lim = rate.NewLimiter(rate.Every(signinEvery), signinBurst)
		l.clients[key] = lim
	}
	return lim.AllowN(now, 1)
}

// evict makes room: first the addresses whose budget is full again (they
// lose nothing), then those not currently refused, and only if every one
// is refused the whole table. Filling the table with fresh addresses thus
// never wipes a budget that is spent and refusing.
func (l *SigninLimiter) evict(now time.Time) {
	for _, floor := range []float64{signinBurst, 1} {
		for key, lim := range l.clients {
			if lim.TokensAt(now) >= floor {
				delete(l.clients, key)
			}
		}
		if len(l.clients) < maxClients {
			return
		}
	}
	clear(l.clients)
}
