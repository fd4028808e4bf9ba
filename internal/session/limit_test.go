package session

import (
	"net/http/httptest"
	"net/netip"
	"testing"
	"time"
)

// TestClientAddr checks which address a request's sign-in budget is
// charged to, with 10.0.0.0/8 and ::1 trusted as proxies.
func TestClientAddr(t *testing.T) {
	trusted := []netip.Prefix{netip.MustParsePrefix("10.0.0.0/8"), netip.MustParsePrefix("::1/128")}
	tests := []struct {
		name   string
		remote string
		xff    []string
		want   string
	}{
		{"direct client, header ignored", "203.0.113.7:5000", []string{"198.51.100.1"}, "203.0.113.7"},
		{"IPv4-mapped peer", "[::ffff:203.0.113.7]:5000", nil, "203.0.113.7"},
		{"trusted proxy, no header", "10.0.0.2:5000", nil, "10.0.0.2"},
		{"trusted proxy names the client", "10.0.0.2:5000", []string{"198.51.100.1"}, "198.51.100.1"},
		{"forged entries left of the client ignored", "10.0.0.2:5000", []string{"1.1.1.1, 198.51.100.1"}, "198.51.100.1"},
		{"chain of trusted proxies", "10.0.0.2:5000", []string{"198.51.100.1, 10.1.1.1, 10.2.2.2"}, "198.51.100.1"},
		{"several header lines", "10.0.0.2:5000", []string{"1.1.1.1", "198.51.100.1, 10.3.3.3"}, "198.51.100.1"},
		{"entry with a port", "10.0.0.2:5000", []string{"198.51.100.1:4711"}, "198.51.100.1"},
		{"IPv6 entry with a port", "[::1]:5000", []string{"[2001:db8::5]:4711"}, "2001:db8::5"},
		{"garbage hop: the last good hop stands", "10.0.0.2:5000", []string{"198.51.100.1, not-an-ip, 10.4.4.4"}, "10.4.4.4"},
		{"empty header", "10.0.0.2:5000", []string{""}, "10.0.0.2"},
		{"all hops trusted: the leftmost", "10.0.0.2:5000", []string{"10.9.9.9, 10.8.8.8"}, "10.9.9.9"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := httptest.NewRequest("POST", "/signin", nil)
			r.RemoteAddr = tt.remote
			for _, v := range tt.xff {
				r.Header.Add("X-Forwarded-For", v)
			}
			if got := clientAddr(r, trusted).String(); got != tt.want {
				t.Errorf("clientAddr = %s, want %s", got, tt.want)
			}
		})
	}
}

// TestBudgetKey: IPv6 addresses of one /64 share a budget.
func TestBudgetKey(t *testing.T) {
	a, b := netip.MustParseAddr("2001:db8:1:2::1"), netip.MustParseAddr("2001:db8:1:2:ffff::9")
	if budgetKey(a) != budgetKey(b) {
		t.Errorf("%s and %s have different budgets", a, b)
	}
	if c := netip.MustParseAddr("2001:db8:1:3::1"); budgetKey(a) == budgetKey(c) {
		t.Errorf("%s and %s share a budget", a, c)
	}
	if v4 := netip.MustParseAddr("203.0.113.7"); budgetKey(v4) != v4 {
		t.Errorf("IPv4 key = %s", budgetKey(v4))
	}
}

// TestLimiterKeepsSpentBudgetsWhenFull: filling the table with fresh
// addresses drops those with full budgets, not one that was spent.
func TestLimiterKeepsSpentBudgetsWhenFull(t *testing.T) {
	l := NewSigninLimiter(nil)
	now := time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC)
	spent := netip.MustParseAddr("198.51.100.1")
	for range signinBurst {
		l.allow(spent, now)
	}
	if l.allow(spent, now) {
		t.Fatal("the 21st attempt was allowed")
	}
	for i := range maxClients {
		l.allow(netip.AddrFrom4([4]byte{10, byte(i >> 16), byte(i >> 8), byte(i)}), now)
	}
	if l.allow(spent, now) {
		t.Error("the spent budget was forgotten when the table filled up")
	}
	if n := len(l.clients); n > maxClients {
		t.Errorf("table holds %d addresses, want at most %d", n, maxClients)
	}
}
