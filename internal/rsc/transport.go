package rsc

import (
	"net/http"
	"time"
)

// idleConnsPerHost is how many idle connections the transport keeps to
// LinkedIn: more than the calls a sync keeps in flight, so a connection
// finished with is kept for the next call rather than closed and dialled
// again (the standard transport keeps 2 per host, which under 8
// concurrent calls meant a new TCP and TLS handshake for most calls).
const idleConnsPerHost = 32

// NewTransport returns the transport the RSC clients should use: the
// standard one's proxy, dial and TLS settings, keeping enough idle
// connections to LinkedIn for concurrent calls.
func NewTransport() *http.Transport {
	t := http.DefaultTransport.(*http.Transport).Clone()
	t.MaxIdleConnsPerHost = idleConnsPerHost
	t.MaxIdleConns = max(t.MaxIdleConns, idleConnsPerHost)
	return t
}

// NewHTTPClient returns an HTTP client over NewTransport with timeout.
func NewHTTPClient(timeout time.Duration) *http.Client {
	return &http.Client{Transport: NewTransport(), Timeout: timeout}
}
