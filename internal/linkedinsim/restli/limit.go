package restli

import (
	"net/http"
	"strings"
)

// LinkedIn's request size limits, all answered with 414 (rsc-api.md §2.5
// "URL too long", from the job posting status page and LinkedIn's "Updated
// API Request Maximum Length" migration guide). KB is read as 1024 bytes.
const (
	// MaxURLBytes bounds the raw URL: scheme, host, port, path and query.
	MaxURLBytes = 8 << 10
	// MaxQueryBytes bounds the raw query string.
	MaxQueryBytes = 4 << 10
	// MaxPathSegmentBytes bounds each raw path segment, which matters for
	// compound keys in sub-resource paths.
	MaxPathSegmentBytes = 4 << 10
	// MaxRequestHeadBytes bounds the request line plus all headers
	// (cookies included, body excluded).
	MaxRequestHeadBytes = 28 << 10
)

// LimitURL rejects requests over LinkedIn's URL and header size limits
// with 414 and the standard error body before next runs, so a connector
// that packs too many ids[N] keys into one URL fails in the simulator as
// it would against LinkedIn (rsc-api.md §2.5). Sizes are measured on the
// raw, still-escaped request target.
func LimitURL(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if err := checkLimits(r); err != nil {
			WriteErr(w, err)
			return
		}
		next.ServeHTTP(w, r)
	})
}

// checkLimits returns a 414 *Error for the first limit r exceeds.
func checkLimits(r *http.Request) error {
	target := r.RequestURI
	if target == "" {
		target = r.URL.RequestURI()
	}
	rawURL := target
	if strings.HasPrefix(target, "/") {
		scheme := "http://"
		if r.TLS != nil {
			scheme = "https://"
		}
		rawURL = scheme + r.Host + target
	}
	path, query, _ := strings.Cut(target, "?")
	if n := len(query); n > MaxQueryBytes {
		return tooLong("Query string", n, MaxQueryBytes)
	}
	for seg := range strings.SplitSeq(path, "/") {
		if n := len(seg); n > MaxPathSegmentBytes {
			return tooLong("URL path segment", n, MaxPathSegmentBytes)
		}
	}
	if n := len(rawURL); n > MaxURLBytes {
		return tooLong("URL", n, MaxURLBytes)
	}
	if n := headSize(r, target); n > MaxRequestHeadBytes {
		return tooLong("Request line and headers", n, MaxRequestHeadBytes)
	}
	return nil
}

// headSize approximates the bytes of the request line and headers as sent
// on the wire (HTTP/1.1 framing).
func headSize(r *http.Request, target string) int {
	n := len(r.Method) + 1 + len(target) + 1 + len(r.Proto) + 2
	n += len("Host: ") + len(r.Host) + 2
	for name, vals := range r.Header {
		for _, v := range vals {
			n += len(name) + 2 + len(v) + 2
		}
	}
	return n
}

// tooLong builds the 414 for one exceeded limit.
func tooLong(what string, n, limit int) *Error {
	return Errorf(http.StatusRequestURITooLong, "%s length %d exceeds the maximum of %d bytes", what, n, limit)
}
