package ats

import (
	"sync"
	"time"

	"golang.org/x/time/rate"
)

// Sign-in throttling: each account allows a burst of failed passwords,
// then one more every loginRefill. Guessing a password online becomes
// hopeless while a user who mistypes a few times is never locked out for
// long.
const (
	loginBurst   = 10
	loginRefill  = 30 * time.Second
	loginTracked = 10_000 // forget full buckets beyond this many accounts
)

// loginThrottle keeps one token bucket per account email.
type loginThrottle struct {
	mu      sync.Mutex
	buckets map[string]*rate.Limiter
}

func newLoginThrottle() *loginThrottle {
	return &loginThrottle{buckets: map[string]*rate.Limiter{}}
}

// allowed reports whether another attempt for email may be checked now.
func (t *loginThrottle) allowed(email string, now time.Time) bool {
	t.mu.Lock()
	defer t.mu.Unlock()
	b := t.buckets[email]
	return b == nil || b.TokensAt(now) >= 1
}

// failed spends one attempt of email's bucket.
func (t *loginThrottle) failed(email string, now time.Time) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if len(t.buckets) >= loginTracked {
		t.forgetFull(now)
	}
	b := t.buckets[email]
	if b == nil {
		b = rate.NewLimiter(rate.Every(loginRefill), loginBurst)
		t.buckets[email] = b
	}
	b.AllowN(now, 1)
}

// forgetFull drops the buckets that have refilled completely: they hold no
// information a fresh bucket would not.
func (t *loginThrottle) forgetFull(now time.Time) {
	for k, b := range t.buckets {
		if b.TokensAt(now) >= loginBurst {
			delete(t.buckets, k)
		}
	}
}
