package rsc

import (
	"bytes"
	"encoding/json"
	"net/url"
	"slices"
	"strconv"
	"strings"
)

// Field is one field of a Rest.li compound key.
type Field struct{ Name, Value string }

// Key is a Rest.li compound key such as (atsCandidateId, dataProvider,
// integrationContext) (rsc-api.md §1.3, §2.3). Field order is kept for
// encoding, as LinkedIn's examples write it, but ignored when matching.
type Key []Field

// String encodes k as the "k=v&k=v" form used for entity-map body keys and
// sub-resource path segments (rsc-api.md §2.3).
func (k Key) String() string {
	parts := make([]string, len(k))
	for i, f := range k {
		parts[i] = f.Name + "=" + escape(f.Value)
	}
	return strings.Join(parts, "&")
}

// canonical is k as an order-free string, for matching response keys to
// request keys: LinkedIn may list the fields in another order.
func (k Key) canonical() string {
	parts := make([]string, len(k))
	for i, f := range k {
		parts[i] = f.Name + "=" + escape(f.Value)
	}
	slices.Sort(parts)
	return strings.Join(parts, "&")
}

// Get returns the value of the named field, or "".
func (k Key) Get(name string) string {
	for _, f := range k {
		if f.Name == name {
			return f.Value
		}
	}
	return ""
}

// parseKey decodes "k=v&k=v" (or a simple key, with no "=") as it appears in
// a response map. Values are form-decoded, so "%3A" and ":" both read ":".
func parseKey(s string) Key {
	if !strings.Contains(s, "=") {
		return Key{{Value: s}}
	}
	var k Key
	for part := range strings.SplitSeq(s, "&") {
		name, raw, _ := strings.Cut(part, "=")
		v, err := url.QueryUnescape(raw)
		if err != nil {
			v = raw
		}
		k = append(k, Field{name, v})
	}
	return k
}

// simpleKey is the key of a resource addressed by one string (notes,
// configurations, task URNs): a Key with one unnamed field.
func simpleKey(id string) Key { return Key{{Value: id}} }

// escape percent-encodes everything but unreserved characters and ":", so
// URNs stay readable as in LinkedIn's examples while "&", "=", "+", "%",
// spaces and non-ASCII in ATS ids cannot break the key. The result decodes
// the same as a query value and as a path segment.
func escape(s string) string {
	i := 0
	for i < len(s) && unreserved[s[i]] {
		i++
	}
	if i == len(s) {
		return s // the usual case: ids and URNs need no escaping
	}
	const hex = "0123456789ABCDEF"
	var b strings.Builder
	b.Grow(len(s) + 16)
	b.WriteString(s[:i])
	for ; i < len(s); i++ {
		c := s[i]
		if unreserved[c] {
			b.WriteByte(c)
			continue
		}
		b.WriteByte('%')
		b.WriteByte(hex[c>>4])
		b.WriteByte(hex[c&15])
	}
	return b.String()
}

// unreserved marks the bytes escape leaves as they are.
var unreserved = func() (t [256]bool) {
	for c := range 256 {
		t[c] = 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || strings.IndexByte("-._~:", byte(c)) >= 0
	}
	return t
}()

// query builds a raw query string from name/value pairs in order, names
// verbatim (ids[0].x keeps its brackets, as LinkedIn's examples show).
// Values are stored already encoded.
type query []Field

// add appends a parameter whose value is escaped.
func (q query) add(name, value string) query { return append(q, Field{name, escape(value)}) }

// addRaw appends a parameter whose value is Rest.li syntax to send as is,
// such as a fields projection "a,b".
func (q query) addRaw(name, value string) query { return append(q, Field{name, value}) }

// batchIDs adds protocol-1 batch keys: ids[i].field=value for compound
// keys, ids=value for simple ones (rsc-api.md §2.3).
func (q query) batchIDs(keys []Key) query {
	for i, k := range keys {
		for _, f := range k {
			if f.Name == "" {
				q = q.add("ids", f.Value)
				continue
			}
			q = q.add("ids["+strconv.Itoa(i)+"]."+f.Name, f.Value)
		}
	}
	return q
}

// String encodes q with a leading "?", or "" when empty.
func (q query) String() string {
	if len(q) == 0 {
		return ""
	}
	parts := make([]string, len(q))
	for i, f := range q {
		parts[i] = f.Name + "=" + f.Value
	}
	return "?" + strings.Join(parts, "&")
}

// entities builds a batch body {"entities":{key: value}} (rsc-api.md §2.3).
func entities[T any](keys []Key, values []T) entityBody[T] {
	ks := make([]string, len(keys))
	for i, k := range keys {
		ks[i] = bodyKey(k)
	}
	return entityBody[T]{keys: ks, values: values}
}

// entityBody is a batch body, {"entities": {key: value, …}}, encoded by
// hand: json.Marshal of the same map sorts its keys through reflection and
// validates its own output again, on every call of a sync. The bytes are
// the map's: keys sorted, a repeated key keeping its last value.
type entityBody[T any] struct {
	keys   []string
	values []T
}

// appendJSON appends the body to dst.
func (b entityBody[T]) appendJSON(dst []byte) ([]byte, error) {
	order := make([]int, len(b.keys))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(i, j int) int { return strings.Compare(b.keys[i], b.keys[j]) })
	buf := bytes.NewBuffer(append(dst, `{"entities":{`...))
	enc := json.NewEncoder(buf) // escapes HTML as json.Marshal does
	encode := func(v any, then byte) error {
		if err := enc.Encode(v); err != nil {
			return err
		}
		buf.Bytes()[buf.Len()-1] = then // in place of Encode's newline
		return nil
	}
	wrote := false
	for n, i := range order {
		if n+1 < len(order) && b.keys[order[n+1]] == b.keys[i] {
			continue // the later value of a repeated key wins
		}
		if err := encode(b.keys[i], ':'); err != nil {
			return nil, err
		}
		if err := encode(b.values[i], ','); err != nil {
			return nil, err
		}
		wrote = true
	}
	if wrote {
		buf.Truncate(buf.Len() - 1) // the last value's comma
	}
	buf.WriteString("}}")
	return buf.Bytes(), nil
}

// MarshalJSON makes an entityBody marshal as the body it is.
func (b entityBody[T]) MarshalJSON() ([]byte, error) { return b.appendJSON(nil) }

// bodyKey is the entity-map key: "k=v&…" for compound keys, the id itself
// for simple ones.
func bodyKey(k Key) string {
	if len(k) == 1 && k[0].Name == "" {
		return k[0].Value
	}
	return k.String()
}

// patchSet wraps fields as a Rest.li partial update {"patch":{"$set":…}}.
func patchSet(fields any) map[string]any {
	return map[string]any{"patch": map[string]any{"$set": fields}}
}

// Result is the outcome for one entity of a batch write, in the order of
// the caller's keys. Err is nil when Status is 2xx. Per-entity failures are
// results, not call errors (rsc-api.md §2.4).
type Result struct {
	Key    Key
	Status int
	Err    *Error
	// ID is what a batch create made of the record (a job's task URN).
	ID string
}

// OK reports whether the entity was written.
func (r Result) OK() bool { return r.Err == nil }

// batchWriteResponse is {"results":{key:{status}},"errors":{key:{…}}}.
type batchWriteResponse struct {
	Results map[string]struct {
		Status int `json:"status"`
	} `json:"results"`
	Errors map[string]wireError `json:"errors"`
}

// results matches a batch write response back to keys. A key LinkedIn did
// not mention is a retryable failure: the outcome is unknown, and every
// write is a full-state upsert, so sending it again is safe.
func (r batchWriteResponse) results(keys []Key) []Result {
	byKey := make(map[string]Result, len(keys))
	for raw, s := range r.Results {
		byKey[parseKey(raw).canonical()] = Result{Status: s.Status}
	}
	for raw, w := range r.Errors {
		byKey[parseKey(raw).canonical()] = Result{Status: w.Status, Err: w.entityError()}
	}
	out := make([]Result, len(keys))
	for i, k := range keys {
		res, ok := byKey[k.canonical()]
		if !ok {
			res = Result{Err: &Error{Kind: Retryable, Message: "entity missing from batch response"}}
		} else if res.Err == nil && res.Status/100 != 2 {
			res.Err = &Error{Status: res.Status, Kind: kindOfStatus(res.Status), Message: "entity status"}
		}
		res.Key = k
		out[i] = res
	}
	return out
}

// Got is one entity of a batch get, in the order of the caller's keys:
// Value when found, Err otherwise (a 404 for an unknown key).
type Got[T any] struct {
	Key   Key
	Value *T
	Err   *Error
}

// batchGetResponse is {"results":{key:entity},"statuses":{…},"errors":{…}}.
type batchGetResponse struct {
	Results map[string]json.RawMessage `json:"results"`
	Errors  map[string]wireError       `json:"errors"`
}

// gots matches a batch get response back to keys.
func gots[T any](r batchGetResponse, keys []Key) ([]Got[T], error) {
	found := make(map[string]json.RawMessage, len(r.Results))
	for raw, v := range r.Results {
		found[parseKey(raw).canonical()] = v
	}
	failed := make(map[string]wireError, len(r.Errors))
	for raw, w := range r.Errors {
		failed[parseKey(raw).canonical()] = w
	}
	out := make([]Got[T], len(keys))
	for i, k := range keys {
		out[i].Key = k
		if raw, ok := found[k.canonical()]; ok {
			out[i].Value = new(T)
			if err := decodeBody(raw, out[i].Value); err != nil {
				return nil, err
			}
		} else if w, ok := failed[k.canonical()]; ok {
			out[i].Err = w.entityError()
		} else {
			out[i].Err = &Error{Status: 404, Kind: Permanent, Message: "not found"}
		}
	}
	return out, nil
}

// Paging is a finder page (rsc-api.md §2.4).
type Paging struct {
	Start int `json:"start"`
	Count int `json:"count"`
	Total int `json:"total"`
}

// page is a finder envelope {"elements":[…],"paging":{…}}.
type page[T any] struct {
	Elements []T    `json:"elements"`
	Paging   Paging `json:"paging"`
}

// CreateResult is the outcome for one element of a batch create, in the
// order of the caller's elements: ID (e.g. a task URN) on success.
type CreateResult struct {
	ID     string
	Status int
	Err    *Error
}

// batchCreateResponse is {"elements":[{"id","status"}|{"error","status"}]}.
type batchCreateResponse struct {
	Elements []struct {
		ID     string     `json:"id"`
		Status int        `json:"status"`
		Error  *wireError `json:"error"`
	} `json:"elements"`
}

// results pairs created elements with the request's, by position as
// Rest.li does; a missing element is a retryable unknown.
func (r batchCreateResponse) results(n int) []CreateResult {
	out := make([]CreateResult, n)
	for i := range out {
		if i >= len(r.Elements) {
			out[i].Err = &Error{Kind: Retryable, Message: "element missing from batch create response"}
			continue
		}
		e := r.Elements[i]
		out[i] = CreateResult{ID: e.ID, Status: e.Status}
		if e.Error != nil || e.Status/100 != 2 {
			w := wireError{Status: e.Status}
			if e.Error != nil {
				w = *e.Error
			}
			if w.Status == 0 {
				w.Status = e.Status
			}
			out[i].Err = w.entityError()
		}
	}
	return out
}
