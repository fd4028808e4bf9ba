package restli

import (
	"net/http"
	"strings"
)

// Rest.li method names as sent in X-RestLi-Method, lower-cased as
// [Method] returns them (rsc-api.md §2.2).
const (
	MethodGet                = "get"
	MethodBatchGet           = "batch_get"
	MethodGetAll             = "get_all"
	MethodFinder             = "finder"
	MethodCreate             = "create"
	MethodBatchCreate        = "batch_create"
	MethodUpdate             = "update"
	MethodBatchUpdate        = "batch_update"
	MethodPartialUpdate      = "partial_update"
	MethodBatchPartialUpdate = "batch_partial_update"
	MethodDelete             = "delete"
	MethodBatchDelete        = "batch_delete"
	MethodAction             = "action"
)

// HeaderMethod is the Rest.li method header. Lookups go through
// http.Header, so the name matches in any case.
const HeaderMethod = "X-RestLi-Method"

// Method returns X-RestLi-Method trimmed and lower-cased, or "" when the
// header is absent. Postman sends "x-restli-method: batch_partial_update"
// while the docs write "X-RestLi-Method", so both the name and the value
// are matched case-insensitively (rsc-api.md §2.2, §7).
func Method(r *http.Request) string {
	return strings.ToLower(strings.TrimSpace(r.Header.Get(HeaderMethod)))
}

// httpVerbOf is the HTTP method each Rest.li method must arrive with.
var httpVerbOf = map[string]string{
	MethodGet: http.MethodGet, MethodBatchGet: http.MethodGet,
	MethodGetAll: http.MethodGet, MethodFinder: http.MethodGet,
	MethodCreate: http.MethodPost, MethodBatchCreate: http.MethodPost,
	MethodPartialUpdate: http.MethodPost, MethodBatchPartialUpdate: http.MethodPost,
	MethodAction: http.MethodPost,
	MethodUpdate: http.MethodPut, MethodBatchUpdate: http.MethodPut,
	MethodDelete: http.MethodDelete, MethodBatchDelete: http.MethodDelete,
}

// ResolveMethod returns the Rest.li method of r. batch tells whether the
// request addresses several entities through ids parameters.
//
// With an X-RestLi-Method header the value must be a known method that
// fits the HTTP verb (batch_update needs PUT, and so on). Without it the
// method is inferred the way a Rest.li server does: PUT → update or
// batch_update, DELETE → delete or batch_delete, GET → finder when q= is
// present, else batch_get with ids or get without (a handler serving a
// collection path reads get as get_all), POST without ids → create. This accepts
// the Postman interview-feedback PUT that omits the header
// (rsc-api.md §2.2). A POST with ids and no header is ambiguous
// (batch_create or batch_partial_update) and is a 400 *Error.
func ResolveMethod(r *http.Request, batch bool) (string, error) {
	if m := Method(r); m != "" {
		verb, ok := httpVerbOf[m]
		if !ok {
			return "", badRequest("Unknown %s %q", HeaderMethod, m)
		}
		if verb != r.Method {
			return "", badRequest("%s %q requires HTTP %s, got %s", HeaderMethod, m, verb, r.Method)
		}
		return m, nil
	}
	single, multi := "", ""
	switch r.Method {
	case http.MethodGet:
		if Query(r).Has("q") {
			return MethodFinder, nil
		}
		single, multi = MethodGet, MethodBatchGet
	case http.MethodPut:
		single, multi = MethodUpdate, MethodBatchUpdate
	case http.MethodDelete:
		single, multi = MethodDelete, MethodBatchDelete
	case http.MethodPost:
		single = MethodCreate
	default:
		return "", Errorf(http.StatusMethodNotAllowed, "HTTP method %s is not supported", r.Method)
	}
	if !batch {
		return single, nil
	}
	if multi == "" {
		return "", badRequest("Missing %s header on a batch POST", HeaderMethod)
	}
	return multi, nil
}
