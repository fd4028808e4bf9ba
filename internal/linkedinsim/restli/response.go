package restli

import "encoding/json"

// Status is one entity's outcome in a batch write response, e.g.
// {"status": 204}.
type Status struct {
	Status int `json:"status"`
}

// BatchWriteResponse is the HTTP 200 body of batch_update,
// batch_partial_update and batch_delete: {"errors": {...}, "results":
// {...}} keyed like the request (rsc-api.md §2.4 "Batch write response").
// A key is in exactly one of the two maps. Use [Key.String] for compound
// keys and the id itself for simple sub-resource ids. The zero value is
// ready to use.
type BatchWriteResponse struct {
	Errors  map[string]*Error `json:"errors"`
	Results map[string]Status `json:"results"`
}

// OK records a successful entity, normally with 204 (updated) or 201
// (created by an upsert), replacing any earlier failure for the key.
func (b *BatchWriteResponse) OK(key string, status int) {
	if b.Results == nil {
		b.Results = map[string]Status{}
	}
	delete(b.Errors, key)
	b.Results[key] = Status{Status: status}
}

// Fail records a failed entity with a plain message, e.g. a 422 built
// from [Violations.Message], replacing any earlier success for the key.
func (b *BatchWriteResponse) Fail(key string, status int, msg string) {
	b.FailErr(key, &Error{Status: status, Message: msg})
}

// FailErr records a failed entity with a full *Error, for callers that
// need a serviceErrorCode.
func (b *BatchWriteResponse) FailErr(key string, e *Error) {
	if b.Errors == nil {
		b.Errors = map[string]*Error{}
	}
	delete(b.Results, key)
	b.Errors[key] = e
}

// MarshalJSON writes empty maps as {} rather than null, matching the
// documented {"errors": {}, "results": {...}}.
func (b BatchWriteResponse) MarshalJSON() ([]byte, error) {
	type plain BatchWriteResponse
	b.Errors = orEmpty(b.Errors)
	b.Results = orEmpty(b.Results)
	return json.Marshal(plain(b))
}

// BatchGetResponse is the body of a batch get: {"results": {...},
// "statuses": {...}, "errors": {...}} (rsc-api.md §2.4 "Batch get", an
// [INF] shape taken from Rest.li). Every requested key has a status;
// found keys are in results, failed ones (404 for unknown keys) in
// errors. The zero value is ready to use.
type BatchGetResponse struct {
	Results  map[string]any    `json:"results"`
	Statuses map[string]int    `json:"statuses"`
	Errors   map[string]*Error `json:"errors"`
}

// Found records an entity returned with status 200.
func (b *BatchGetResponse) Found(key string, entity any) {
	if b.Results == nil {
		b.Results = map[string]any{}
	}
	if b.Statuses == nil {
		b.Statuses = map[string]int{}
	}
	delete(b.Errors, key)
	b.Results[key] = entity
	b.Statuses[key] = 200
}

// Fail records a key that could not be returned, e.g. 404 "Not Found".
func (b *BatchGetResponse) Fail(key string, status int, msg string) {
	if b.Errors == nil {
		b.Errors = map[string]*Error{}
	}
	if b.Statuses == nil {
		b.Statuses = map[string]int{}
	}
	delete(b.Results, key)
	b.Errors[key] = &Error{Status: status, Message: msg}
	b.Statuses[key] = status
}

// MarshalJSON writes empty maps as {} rather than null.
func (b BatchGetResponse) MarshalJSON() ([]byte, error) {
	type plain BatchGetResponse
	b.Results = orEmpty(b.Results)
	b.Statuses = orEmpty(b.Statuses)
	b.Errors = orEmpty(b.Errors)
	return json.Marshal(plain(b))
}

// CreateStatus is one element of a batch_create response: either
// {"id": ..., "status": 201|202} or {"error": {...}, "status": 422}.
type CreateStatus struct {
	ID     string `json:"id,omitempty"`
	Status int    `json:"status"`
	Error  *Error `json:"error,omitempty"`
}

// BatchCreateResponse is the HTTP 200 body of batch_create:
// {"elements": [...]} with one entry per request element, in request
// order, even when some were rejected (rsc-api.md §2.4 "Batch create",
// §3.5).
type BatchCreateResponse struct {
	Elements []CreateStatus `json:"elements"`
}

// Created appends an accepted element. Jobs answer 202 with a task URN
// because creation is asynchronous (rsc-api.md §3.5); synchronous creates
// answer 201 with the new id.
func (b *BatchCreateResponse) Created(id string, status int) {
	b.Elements = append(b.Elements, CreateStatus{ID: id, Status: status})
}

// Reject appends a rejected element, e.g. 422 with a [Violations.Message]
// text, giving {"error": {"message": msg, "status": status}, "status":
// status}.
func (b *BatchCreateResponse) Reject(status int, msg string) {
	b.Elements = append(b.Elements, CreateStatus{Status: status, Error: &Error{Status: status, Message: msg}})
}

// MarshalJSON writes no elements as [] rather than null.
func (b BatchCreateResponse) MarshalJSON() ([]byte, error) {
	type plain BatchCreateResponse
	if b.Elements == nil {
		b.Elements = []CreateStatus{}
	}
	return json.Marshal(plain(b))
}

// orEmpty turns a nil map into an empty one so it encodes as {}.
func orEmpty[M ~map[K]V, K comparable, V any](m M) M {
	if m == nil {
		return M{}
	}
	return m
}
