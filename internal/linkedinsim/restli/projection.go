package restli

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
)

// Fields is a parsed fields= projection mask (rsc-api.md §2.3: "fields=
// projection is honoured", e.g. fields=matchedMembers,manualMatchedMember
// and fields=id). Each entry keeps one field; a nil value keeps the whole
// field, a non-nil value is the mask for its sub-fields. A nil Fields
// keeps everything.
type Fields map[string]Fields

// ParseFields parses a projection such as "id", "a,b" or "a:(b,c),d".
//
// Supported: comma-separated top-level names and nested masks "name:(...)"
// to any depth. A nested mask applies to an object value, or to each
// object inside an array value. Not supported: Rest.li's "$*", "$start" and
// "$count" array selectors, negative masks ("-name") and the
// projection=(...) syntax; these parse as plain names (which then match
// nothing) or fail. An empty string means no projection. Malformed text
// (empty names, unbalanced parentheses, whitespace, "a:b") is a 400
// *Error naming the parameter.
func ParseFields(s string) (Fields, error) {
	if s == "" {
		return nil, nil
	}
	p := fieldParser{s: s}
	f, err := p.list()
	if err == nil && p.i < len(s) {
		err = p.fail("unexpected %q", s[p.i])
	}
	if err != nil {
		return nil, err
	}
	return f, nil
}

// fieldParser is a recursive-descent parser over a fields= value.
type fieldParser struct {
	s string
	i int
}

// list parses item (',' item)*.
func (p *fieldParser) list() (Fields, error) {
	f := Fields{}
	for {
		name, sub, err := p.item()
		if err != nil {
			return nil, err
		}
		f.add(name, sub)
		if p.i >= len(p.s) || p.s[p.i] != ',' {
			return f, nil
		}
		p.i++
	}
}

// add records name with its sub-mask. A field named twice gets the union
// of both masks, and asking for the whole field wins over a nested mask.
func (f Fields) add(name string, sub Fields) {
	old, seen := f[name]
	switch {
	case !seen:
		f[name] = sub
	case old == nil || sub == nil:
		f[name] = nil
	default:
		for k, v := range sub {
			old.add(k, v)
		}
	}
}

// item parses name [':(' list ')'].
func (p *fieldParser) item() (string, Fields, error) {
	start := p.i
	for p.i < len(p.s) && !strings.ContainsRune(",:() \t\r\n", rune(p.s[p.i])) {
		p.i++
	}
	name := p.s[start:p.i]
	if name == "" {
		return "", nil, p.fail("empty field name")
	}
	if p.i >= len(p.s) || p.s[p.i] != ':' {
		return name, nil, nil
	}
	p.i++
	if p.i >= len(p.s) || p.s[p.i] != '(' {
		return "", nil, p.fail("want '(' after %q:", name)
	}
	p.i++
	sub, err := p.list()
	if err != nil {
		return "", nil, err
	}
	if p.i >= len(p.s) || p.s[p.i] != ')' {
		return "", nil, p.fail("missing ')' for %q", name)
	}
	p.i++
	return name, sub, nil
}

// fail builds the 400 for a malformed projection, with the offset.
func (p *fieldParser) fail(format string, args ...any) error {
	return badRequest("Invalid fields parameter %q at offset %d: %s", p.s, p.i, fmt.Sprintf(format, args...))
}

// Apply returns a copy of m holding only the fields in the mask; unknown
// names are ignored, as Rest.li does. A nil mask returns m itself.
func (f Fields) Apply(m map[string]any) map[string]any {
	if f == nil {
		return m
	}
	out := make(map[string]any, len(f))
	for name, sub := range f {
		v, ok := m[name]
		if !ok {
			continue
		}
		out[name] = sub.applyValue(v)
	}
	return out
}

// applyValue applies a nested mask to an object or to the objects of an
// array; scalars pass through.
func (f Fields) applyValue(v any) any {
	if f == nil {
		return v
	}
	switch t := v.(type) {
	case map[string]any:
		return f.Apply(t)
	case []any:
		out := make([]any, len(t))
		for i, e := range t {
			out[i] = f.applyValue(e)
		}
		return out
	}
	return v
}

// ApplyJSON is [Fields.Apply] on an encoded JSON object. Kept values are
// copied byte for byte, so large numbers such as epoch millis keep their
// exact text. A value that is not a JSON object is a 500 *Error: entities
// are always objects, so that is a simulator bug.
func (f Fields) ApplyJSON(raw json.RawMessage) (json.RawMessage, error) {
	if f == nil {
		return raw, nil
	}
	var m map[string]json.RawMessage
	if err := json.Unmarshal(raw, &m); err != nil || m == nil {
		return nil, Errorf(http.StatusInternalServerError, "Projection needs a JSON object")
	}
	out := make(map[string]json.RawMessage, len(f))
	for name, sub := range f {
		v, ok := m[name]
		if !ok {
			continue
		}
		out[name] = sub.applyRaw(v)
	}
	return json.Marshal(out)
}

// applyRaw is applyValue for raw JSON.
func (f Fields) applyRaw(v json.RawMessage) json.RawMessage {
	if f == nil {
		return v
	}
	if obj, err := f.ApplyJSON(v); err == nil {
		return obj
	}
	var arr []json.RawMessage
	if json.Unmarshal(v, &arr) != nil {
		return v
	}
	for i, e := range arr {
		arr[i] = f.applyRaw(e)
	}
	out, err := json.Marshal(arr)
	if err != nil {
		return v
	}
	return out
}

// Project parses fields and applies it to v, for handlers that serve a
// single entity (e.g. GET /v2/me?fields=id, rsc-api.md §3.18). Handlers
// projecting many entities should call [ParseFields] once and reuse the
// mask. Only entities are projected, never the finder or batch envelope.
func Project[T map[string]any | json.RawMessage](v T, fields string) (T, error) {
	f, err := ParseFields(fields)
	if err != nil {
		return nil, err
	}
	switch t := any(v).(type) {
	case map[string]any:
		return any(f.Apply(t)).(T), nil
	case json.RawMessage:
		out, err := f.ApplyJSON(t)
		if err != nil {
			return nil, err
		}
		return any(out).(T), nil
	}
	return v, nil
}
