package restli

import (
	"maps"
	"net/http"
	"net/url"
	"slices"
	"strings"
)

// Key is a Rest.li compound key: an unordered set of field → value pairs
// such as atsCandidateId, dataProvider and integrationContext
// (rsc-api.md §1.3, §2.3). Values are stored decoded.
type Key map[string]string

// ParseKey parses a protocol-1 compound key "k=v&k=v" as it appears in a
// sub-resource path segment or as an entity key of a batch body
// (rsc-api.md §2.3). Field order is free. Values are form-decoded
// ("%3A" → ":", "+" → space) once, so pass the raw, still-escaped text
// (see [PathKey]); unencoded URNs such as urn:li:organization:1 are taken
// as they are, as in LinkedIn's examples.
//
// It returns a 400 *Error for an empty string, an empty or "="-less
// segment, a field name that is not a Pegasus identifier, an empty value,
// a bad escape or a repeated field.
func ParseKey(s string) (Key, error) {
	return parseKey(s, url.QueryUnescape)
}

// parseKey parses a compound key whose values unescape: query and body keys
// decode as forms ("+" is a space), path keys as path segments ("+" is a
// plus), so an id synced as "a%2Bb" is addressed in a path as "a+b".
func parseKey(s string, unescape func(string) (string, error)) (Key, error) {
	if s == "" {
		return nil, badRequest("Empty compound key")
	}
	k := Key{}
	for part := range strings.SplitSeq(s, "&") {
		name, raw, ok := strings.Cut(part, "=")
		if !ok {
			return nil, badRequest("Malformed compound key %q: segment %q has no '='", s, part)
		}
		if !validField(name) {
			return nil, badRequest("Malformed compound key %q: invalid field name %q", s, name)
		}
		if _, dup := k[name]; dup {
			return nil, badRequest("Malformed compound key %q: duplicate field %q", s, name)
		}
		v, err := unescape(raw)
		if err != nil {
			return nil, badRequest("Malformed compound key %q: bad escape in field %q", s, name)
		}
		if v == "" {
			return nil, badRequest("Malformed compound key %q: empty value for field %q", s, name)
		}
		k[name] = v
	}
	return k, nil
}

// validField reports whether name is a Pegasus field identifier
// ([A-Za-z_][A-Za-z0-9_]*). Restricting names keeps keys unambiguous and
// means names never need escaping.
func validField(name string) bool {
	if name == "" {
		return false
	}
	for i, c := range name {
		switch {
		case c == '_', 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z':
		case i > 0 && '0' <= c && c <= '9':
		default:
			return false
		}
	}
	return true
}

// String returns the canonical form: fields sorted by name, values escaped
// so that ParseKey(k.String()) gives k back. Only unreserved characters
// and ':' are left as they are, so URNs read like LinkedIn's examples. Use
// it as the map key for entities and as the key in batch responses.
func (k Key) String() string {
	var buf [8]string // compound keys have three or four fields
	names := buf[:0]
	n := 0
	for name, v := range k {
		names = append(names, name)
		n += len(name) + len(v) + 2
	}
	slices.Sort(names)
	var b strings.Builder
	b.Grow(n)
	for i, name := range names {
		if i > 0 {
			b.WriteByte('&')
		}
		b.WriteString(name)
		b.WriteByte('=')
		writeEscaped(&b, k[name])
	}
	return b.String()
}

// unreserved marks the bytes writeEscaped leaves as they are.
var unreserved = func() (t [256]bool) {
	for c := range 256 {
		t[c] = 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || strings.IndexByte("-._~:", byte(c)) >= 0
	}
	return t
}()

// writeEscaped writes v to b with every byte outside [A-Za-z0-9-._~:]
// percent-encoded.
func writeEscaped(b *strings.Builder, v string) {
	const hex = "0123456789ABCDEF"
	for i := 0; i < len(v); i++ {
		c := v[i]
		if unreserved[c] {
			b.WriteByte(c)
			continue
		}
		b.WriteByte('%')
		b.WriteByte(hex[c>>4])
		b.WriteByte(hex[c&15])
	}
}

// Equal reports whether k and o hold the same fields with the same values,
// whatever order they were written in (rsc-api.md §2.3: body keys and query
// ids list fields in different orders).
func (k Key) Equal(o Key) bool {
	return maps.Equal(k, o)
}

// Require returns a 400 *Error naming the first of fields (in argument
// order) that k lacks. Handlers call it with their resource's key fields,
// e.g. Require("atsCandidateId", "dataProvider", "integrationContext")
// (rsc-api.md §3.6).
func (k Key) Require(fields ...string) error {
	for _, f := range fields {
		if _, ok := k[f]; !ok {
			return badRequest("Missing key field %q in %q", f, k.String())
		}
	}
	return nil
}

// PathKey parses the compound key in the path segment that follows the
// segment named resource, e.g. PathKey(r, "atsCandidates") for
// /v2/atsCandidates/atsCandidateId=C1&dataProvider=ATS&.../notes
// (rsc-api.md §2.3). It reads the escaped path, not r.PathValue, because
// the mux has already decoded path values and a "%26" inside a value would
// otherwise split the key.
func PathKey(r *http.Request, resource string) (Key, error) {
	segs := strings.Split(r.URL.EscapedPath(), "/")
	for i := 0; i+1 < len(segs); i++ {
		if segs[i] == resource {
			return parseKey(segs[i+1], url.PathUnescape)
		}
	}
	return nil, badRequest("Missing compound key after /%s/ in path", resource)
}
