package api

import (
	"net/http"
	"strconv"
	"strings"

	"attractor/internal/ats"
)

// unknownField extracts the field name from encoding/json's error for a
// field the target type does not have; the package offers no typed error.
func unknownField(err error) (string, bool) {
	name, ok := strings.CutPrefix(err.Error(), "json: unknown field ")
	if !ok {
		return "", false
	}
	return strings.Trim(name, `"`), true
}

// jsonKind names a Go kind in JSON's vocabulary for error messages.
func jsonKind(kind string) string {
	switch {
	case kind == "string":
		return "a string"
	case kind == "bool":
		return "true or false"
	case strings.HasPrefix(kind, "int"), strings.HasPrefix(kind, "uint"):
		return "a whole number"
	case strings.HasPrefix(kind, "float"):
		return "a number"
	case kind == "slice", kind == "array":
		return "an array"
	}
	return "an object"
}

// listBody is the wire form of every list: one page of items and the total
// across all pages.
type listBody[T any] struct {
	Items  []T `json:"items"`
	Total  int `json:"total"`
	Limit  int `json:"limit"`
	Offset int `json:"offset"`
}

// list renders a page of a list, or err. Items are never null on the wire.
func list[T any](w http.ResponseWriter, items []T, total int, p ats.Page, err error) error {
	if err != nil {
		return err
	}
	if items == nil {
		items = []T{}
	}
	return encode(w, http.StatusOK, listBody[T]{Items: items, Total: total, Limit: p.Limit, Offset: p.Offset})
}

// all renders a list the service does not page: the whole list is one page.
func all[T any](w http.ResponseWriter, items []T, err error) error {
	return list(w, items, len(items), ats.Page{Limit: len(items)}, err)
}

// reply renders v with status, or err.
func reply(w http.ResponseWriter, status int, v any, err error) error {
	if err != nil {
		return err
	}
	return encode(w, status, v)
}

// done answers a successful delete, or err.
func done(w http.ResponseWriter, err error) error {
	if err != nil {
		return err
	}
	return noContent(w)
}

// pageQuery parses limit and offset strictly: a typo should not silently
// return the first page. Missing values take the defaults; the returned page
// is normalised, so responses report the limit actually applied.
func pageQuery(r *http.Request) (ats.Page, error) {
	p := ats.Problems{}
	page := ats.Page{Limit: intQuery(r, "limit", p), Offset: intQuery(r, "offset", p)}
	if page.Offset > ats.MaxOffset {
		p.Add("offset", "Must be at most "+strconv.Itoa(ats.MaxOffset)+".")
	}
	return page.Normalize(), p.Err()
}

// intQuery reads a non-negative integer query parameter, recording a
// problem for anything else.
func intQuery(r *http.Request, name string, p ats.Problems) int {
	s := r.URL.Query().Get(name)
	if s == "" {
		return 0
	}
	n, err := strconv.Atoi(s)
	switch {
	case err != nil:
		p.Add(name, "Must be a whole number.")
	case n < 0:
		p.Add(name, "Must not be negative.")
	}
	return max(n, 0)
}
