package restli

import (
	"context"
	"net/http"
	"net/url"
)

// queryKey is the context key of a request's parsed query.
type queryKey struct{}

// WithQuery returns r carrying its query parsed once: a batch call's query
// names every key (ids[0].atsCandidateId=…&…, three or four parameters per
// record), and the metering, the method resolution and the handler all
// read it, so parsing it at each r.URL.Query() was a good part of a
// call's cost.
func WithQuery(r *http.Request) *http.Request {
	return r.WithContext(context.WithValue(r.Context(), queryKey{}, r.URL.Query()))
}

// Query returns r's query values, parsed once if r came through WithQuery.
// The values are shared: callers must not change them.
func Query(r *http.Request) url.Values {
	if q, ok := r.Context().Value(queryKey{}).(url.Values); ok {
		return q
	}
	return r.URL.Query()
}
