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

// take spends one attempt of email's bucket before the password is
// checked, so concurrent guesses cannot all slip through; ok is false when
// none is left. A successful sign-in calls refund to give the attempt back.
func (t *loginThrottle) take(email string, now time.Time) (refund func(), ok bool) {
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
	r := b.ReserveN(now, 1)
	if !r.OK() || r.DelayFrom(now) > 0 {
		r.CancelAt(now)
		return nil, false
	}
	return func() {
		t.mu.Lock()
		defer t.mu.Unlock()
		r.CancelAt(now)
	}, true
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
