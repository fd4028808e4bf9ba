package restli

import (
	"encoding/json"
	"net/url"
	"strconv"
)

// DefaultPageSize is the page size LinkedIn uses when a finder call omits
// count (rsc-api.md §2.4 "default page size 10 where documented", §3.14).
const DefaultPageSize = 10

// ParsePaging reads the start and count parameters of a finder or get_all
// call (rsc-api.md §2.4). A missing start is 0 and a missing count is
// defaultCount; a count above maxCount is lowered to maxCount rather than
// rejected. A value that is not a non-negative integer is a 400 *Error
// naming the parameter. Endpoints where start is mandatory (seatsV2,
// rsc-api.md §3.14) check that first with [RequireQuery].
func ParsePaging(q url.Values, defaultCount, maxCount int) (start, count int, err error) {
	start, err = intParam(q, "start", 0)
	if err != nil {
		return 0, 0, err
	}
	count, err = intParam(q, "count", defaultCount)
	if err != nil {
		return 0, 0, err
	}
	return start, min(count, maxCount), nil
}

// intParam parses one non-negative integer parameter.
func intParam(q url.Values, name string, def int) (int, error) {
	vals, ok := q[name]
	if !ok {
		return def, nil
	}
	if len(vals) != 1 {
		return 0, badRequest("Parameter %q is repeated", name)
	}
	n, err := strconv.Atoi(vals[0])
	if err != nil || n < 0 {
		return 0, badRequest("Parameter %q must be a non-negative integer, got %q", name, vals[0])
	}
	return n, nil
}

// RequireQuery returns a 400 *Error naming the first of names that is
// absent or empty in q. Finders use it for their mandatory parameters,
// e.g. contracts and start on seatsV2 or viewer on conversationEvents
// (rsc-api.md §3.14–§3.17).
func RequireQuery(q url.Values, names ...string) error {
	for _, n := range names {
		if q.Get(n) == "" {
			return badRequest("Missing required parameter %q", n)
		}
	}
	return nil
}

// Paging is the paging block of a finder response. Count is the page size
// that was asked for, not the number of elements returned, following
// Rest.li's CollectionMetadata.
type Paging struct {
	Start int   `json:"start"`
	Count int   `json:"count"`
	Total int   `json:"total"`
	Links []any `json:"links"`
}

// MarshalJSON writes "links": [] when Links is nil, as LinkedIn does.
func (p Paging) MarshalJSON() ([]byte, error) {
	type plain Paging
	if p.Links == nil {
		p.Links = []any{}
	}
	return json.Marshal(plain(p))
}

// FinderResponse is the envelope of every finder (q=) and get_all answer:
// {"elements": [...], "paging": {...}} (rsc-api.md §2.4 "Finder").
type FinderResponse struct {
	Elements any    `json:"elements"`
	Paging   Paging `json:"paging"`
}

// Page cuts the page [start, start+count) out of all and wraps it in a
// FinderResponse whose total is len(all). A start past the end gives an
// empty page, never an error, and elements is always a JSON array.
func Page[T any](all []T, start, count int) FinderResponse {
	lo := min(max(start, 0), len(all))
	hi := lo + min(max(count, 0), len(all)-lo)
	page := make([]T, hi-lo)
	copy(page, all[lo:hi])
	return FinderResponse{
		Elements: page,
		Paging:   Paging{Start: start, Count: count, Total: len(all)},
	}
}
