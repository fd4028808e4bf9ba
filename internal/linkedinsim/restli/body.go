package restli

import (
	"encoding/json"
	"io"
	"maps"
	"slices"
	"strings"
)

// EntityMap holds the entities of a batch_update or batch_partial_update
// body keyed by canonical key string: [Key.String] for compound keys, the
// id itself for simple sub-resource ids. Values are left raw so each
// handler decodes its own record type.
type EntityMap map[string]json.RawMessage

// DecodeEntities reads a {"entities": {"<compound key>": {...}}} body and
// checks that its keys are exactly the ids of the query, compared as
// unordered field sets (rsc-api.md §2.3, §7: "reject writes whose body
// keys don't match the ids set (400)"). The result is keyed by
// [Key.String]. Every failure is a 400 *Error naming the offending key.
// Callers bound the body size (http.MaxBytesReader) before calling.
func DecodeEntities(body io.Reader, ids []Key) (EntityMap, error) {
	raw, err := decodeEntityObject(body)
	if err != nil {
		return nil, err
	}
	m := make(EntityMap, len(raw))
	for _, e := range raw {
		k, err := ParseKey(e.key)
		if err != nil {
			return nil, badRequest("Invalid entity key %q: %s", e.key, AsError(err).Message)
		}
		s := k.String()
		if _, dup := m[s]; dup {
			return nil, badRequest("Entity key %q appears more than once in entities", e.key)
		}
		m[s] = e.value
	}
	want := make([]string, len(ids))
	for i, k := range ids {
		want[i] = k.String()
	}
	if err := matchIDs(m, want); err != nil {
		return nil, err
	}
	return m, nil
}

// DecodeSimpleEntities is [DecodeEntities] for sub-resources addressed by
// simple ids (ids=N1&ids=N2), whose body keys are the plain ids
// (rsc-api.md §3.4, §3.7–§3.11). Keys are compared as exact strings.
func DecodeSimpleEntities(body io.Reader, ids []string) (EntityMap, error) {
	raw, err := decodeEntityObject(body)
	if err != nil {
		return nil, err
	}
	m := make(EntityMap, len(raw))
	for _, e := range raw {
		if _, dup := m[e.key]; dup {
			return nil, badRequest("Entity key %q appears more than once in entities", e.key)
		}
		m[e.key] = e.value
	}
	if err := matchIDs(m, ids); err != nil {
		return nil, err
	}
	return m, nil
}

// matchIDs reports the first id without an entity, then the first entity
// key not among the ids, so the message tells the client what to fix.
func matchIDs(m EntityMap, ids []string) error {
	inQuery := make(map[string]bool, len(ids))
	for _, id := range ids {
		inQuery[id] = true
		if _, ok := m[id]; !ok {
			return badRequest("Key %q is in ids but not in the entities of the request body", id)
		}
	}
	for _, k := range slices.Sorted(maps.Keys(m)) {
		if !inQuery[k] {
			return badRequest("Entity key %q is in the request body but not in ids", k)
		}
	}
	return nil
}

// rawEntity is one key/value of the "entities" object, in body order.
type rawEntity struct {
	key   string
	value json.RawMessage
}

// decodeEntityObject extracts the "entities" object token by token, so a
// key written twice is caught instead of silently keeping the last value
// as map decoding would.
func decodeEntityObject(body io.Reader) ([]rawEntity, error) {
	dec := json.NewDecoder(body)
	if err := expectDelim(dec, '{'); err != nil {
		return nil, err
	}
	var out []rawEntity
	found := false
	for dec.More() {
		name, err := dec.Token()
		if err != nil {
			return nil, badRequest("Invalid JSON request body: %v", err)
		}
		if name != "entities" {
			var skip json.RawMessage
			if err := dec.Decode(&skip); err != nil {
				return nil, badRequest("Invalid JSON request body: %v", err)
			}
			continue
		}
		if out, err = entityMembers(dec); err != nil {
			return nil, err
		}
		found = out != nil
	}
	if err := expectDelim(dec, '}'); err != nil {
		return nil, err
	}
	if !found {
		return nil, badRequest("Missing \"entities\" in the request body")
	}
	return out, nil
}

// expectDelim reads the next token, which must be delim.
func expectDelim(dec *json.Decoder, delim json.Delim) error {
	t, err := dec.Token()
	if err != nil {
		return badRequest("Invalid JSON request body: %v", err)
	}
	if t != delim {
		return badRequest("Invalid JSON request body: expected %q", string(delim))
	}
	return nil
}

// entityMembers reads the value of "entities" from dec, in one pass over
// the body: nil for null, else its members in order (never nil).
func entityMembers(dec *json.Decoder) ([]rawEntity, error) {
	t, err := dec.Token()
	switch {
	case err != nil:
		return nil, badRequest("Invalid JSON request body: %v", err)
	case t == nil:
		return nil, nil
	case t != json.Delim('{'):
		return nil, badRequest("\"entities\" must be a JSON object")
	}
	out := []rawEntity{}
	for dec.More() {
		t, err := dec.Token()
		if err != nil {
			return nil, badRequest("Invalid JSON request body: %v", err)
		}
		var v json.RawMessage
		if err := dec.Decode(&v); err != nil {
			return nil, badRequest("Invalid JSON request body: %v", err)
		}
		out = append(out, rawEntity{key: t.(string), value: v})
	}
	if _, err := dec.Token(); err != nil {
		return nil, badRequest("Invalid JSON request body: %v", err)
	}
	return out, nil
}

// DecodeElements reads a batch_create body {"elements": [...]} and returns
// the elements in order, so the handler can answer element by element in
// the same order (rsc-api.md §2.4 "Batch create", §3.5). A missing or
// non-array "elements" is a 400 *Error; the batch size is left to
// [CheckBatchSize].
func DecodeElements(body io.Reader) ([]json.RawMessage, error) {
	var env struct {
		Elements *[]json.RawMessage `json:"elements"`
	}
	if err := json.NewDecoder(body).Decode(&env); err != nil {
		return nil, badRequest("Invalid JSON request body: %v", err)
	}
	if env.Elements == nil {
		return nil, badRequest("Missing \"elements\" in the request body")
	}
	return *env.Elements, nil
}

// Patch is a decoded Rest.li partial update, {"patch": {"$set": {...},
// "$delete": [...]}}, as sent by batch_partial_update entities and by
// provisionedApplications updates (rsc-api.md §3.2, §3.3, §3.6).
type Patch struct {
	// Set maps each top-level field to its new raw JSON value.
	Set map[string]json.RawMessage
	// Delete lists top-level fields to remove.
	Delete []string
}

// DecodePatch decodes one patch document. Only top-level "$set" and
// "$delete" are supported; a nested field patch such as
// {"patch": {"author": {"$set": {...}}}} or any other operation is a 400
// *Error, as is a field both set and deleted. An empty patch is valid and
// changes nothing. The result's Set is never nil.
func DecodePatch(raw json.RawMessage) (Patch, error) {
	var doc struct {
		Patch map[string]json.RawMessage `json:"patch"`
	}
	if err := json.Unmarshal(raw, &doc); err != nil {
		return Patch{}, badRequest("Invalid patch: %v", err)
	}
	if doc.Patch == nil {
		return Patch{}, badRequest("Missing \"patch\" in partial update")
	}
	p := Patch{Set: map[string]json.RawMessage{}}
	for _, op := range slices.Sorted(maps.Keys(doc.Patch)) {
		var err error
		switch op {
		case "$set":
			err = json.Unmarshal(doc.Patch[op], &p.Set)
		case "$delete":
			err = json.Unmarshal(doc.Patch[op], &p.Delete)
		default:
			if !strings.HasPrefix(op, "$") {
				return Patch{}, badRequest("Unsupported nested patch on field %q", op)
			}
			return Patch{}, badRequest("Unsupported patch operation %q", op)
		}
		if err != nil {
			return Patch{}, badRequest("Invalid %s in patch: %v", op, err)
		}
	}
	if p.Set == nil { // "$set": null
		p.Set = map[string]json.RawMessage{}
	}
	for _, f := range p.Delete {
		if _, ok := p.Set[f]; ok {
			return Patch{}, badRequest("Field %q is both set and deleted in one patch", f)
		}
	}
	return p, nil
}
