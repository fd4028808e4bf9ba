package api

import (
	"encoding/json"
	"net/http"
	"runtime"
	"strconv"
	"strings"
	"unicode"
)

// obj is a JSON object in the document under construction; encoding/json
// sorts its keys, which keeps the document byte-stable for the golden test.
type obj = map[string]any

// buildOpenAPI renders the OpenAPI 3.1 document of routes. Building it
// from the route table, with schemas derived from the Go wire types, means
// a new route or field cannot be forgotten in the document.
func buildOpenAPI(routes []route) []byte {
	b := newSchemaBuilder()
	paths := obj{}
	for _, rt := range routes {
		method, path, _ := strings.Cut(rt.pattern, " ")
		item, _ := paths[path].(obj)
		if item == nil {
			item = obj{}
			paths[path] = item
		}
		item[strings.ToLower(method)] = b.operation(rt, path)
	}
	doc := obj{
		"openapi": "3.1.0",
		"info": obj{"title": "Attractor API", "version": "1",
			"description": "The JSON API of Attractor, a self-hosted applicant tracking system. " +
				"Authenticate with an API token (Authorization: Bearer) or the session cookie from POST /api/v1/session."},
		"paths":      paths,
		"components": b.components(),
		"security":   []any{obj{"bearerToken": []any{}}, obj{"sessionCookie": []any{}}},
	}
	out, err := json.MarshalIndent(doc, "", "  ")
	if err != nil {
		panic("api: openapi document: " + err.Error()) // only maps, slices and strings: cannot fail
	}
	return append(out, '\n')
}

// handleOpenAPI serves the document built at start-up.
func (s *Server) handleOpenAPI(w http.ResponseWriter, r *http.Request) error {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	_, err := w.Write(s.openapi)
	return err
}

// operation describes one route.
func (b *schemaBuilder) operation(rt route, path string) obj {
	o := obj{"summary": rt.doc.summary, "operationId": operationID(rt.handler),
		"tags": []any{tag(path)}, "responses": b.responses(rt, path)}
	if params := b.parameters(rt, path); len(params) > 0 {
		o["parameters"] = params
	}
	if rt.doc.in != nil {
		o["requestBody"] = obj{"required": true, "content": jsonContent(b.schemaOf(rt.doc.in))}
	}
	if rt.public {
		o["security"] = []any{}
	}
	return o
}

// operationID is the handler's name without "handle": handlers are named
// after what they do and each serves one route, so the ids are unique.
func operationID(h handlerFunc) string {
	name := runtime.FuncForPC(funcPC(h)).Name()
	name = strings.TrimSuffix(name[strings.LastIndexByte(name, '.')+1:], "-fm")
	name = strings.TrimPrefix(name, "handle")
	r := []rune(name)
	r[0] = unicode.ToLower(r[0])
	return string(r)
}

// tag groups operations by resource: the first path segment after /api/v1.
func tag(path string) string {
	rest, ok := strings.CutPrefix(path, apiPrefix)
	if !ok {
		return "operations"
	}
	first, _, _ := strings.Cut(rest, "/")
	return strings.TrimSuffix(first, ".json")
}

// responses lists the success response and the errors the route can give.
func (b *schemaBuilder) responses(rt route, path string) obj {
	status := cmp0(rt.doc.status, http.StatusOK)
	res := obj{strconv.Itoa(status): b.success(rt, status), "500": errorRef()}
	add := func(cond bool, codes ...int) {
		for _, c := range codes {
			if cond {
				res[strconv.Itoa(c)] = errorRef()
			}
		}
	}
	add(rt.doc.in != nil, 400, 413, 422)
	add(len(rt.doc.query) > 0, 422)
	// Bad tokens are refused everywhere; cookie requests that change data
	// may fail the cross-origin check even on public routes.
	add(!rt.public || !strings.HasPrefix(rt.pattern, "GET "), 401, 403)
	add(strings.Contains(path, "{"), 404)
	add(rt.doc.in != nil && strings.Contains(path, "{"), 409)
	if rt.pattern == "GET /healthz" {
		res["503"] = obj{"description": "A dependency is down", "content": jsonContent(b.schemaOf(rt.doc.out))}
	}
	return res
}

// success describes the 2xx answer of a route.
func (b *schemaBuilder) success(rt route, status int) obj {
	switch {
	case status == http.StatusNoContent:
		return obj{"description": "Done; no content"}
	case status/100 == 3:
		return obj{"description": "Redirect to the page named by Location",
			"headers": obj{"Location": obj{"schema": obj{"type": "string"}}}}
	case rt.doc.items != nil:
		return obj{"description": "One page of the list", "content": jsonContent(b.listOf(rt.doc.items))}
	case rt.doc.out != nil:
		return obj{"description": "OK", "content": jsonContent(b.schemaOf(rt.doc.out))}
	}
	return obj{"description": "Prometheus text exposition format",
		"content": obj{"text/plain": obj{"schema": obj{"type": "string"}}}}
}

func jsonContent(schema obj) obj {
	return obj{"application/json": obj{"schema": schema}}
}

func errorRef() obj { return obj{"$ref": "#/components/responses/Error"} }

func cmp0(v, def int) int {
	if v == 0 {
		return def
	}
	return v
}

// parameters lists the path wildcards and query parameters of a route.
func (b *schemaBuilder) parameters(rt route, path string) []any {
	var params []any
	for _, name := range wildcards(path) {
		params = append(params, obj{"name": name, "in": "path", "required": true,
			"description": pathParamDoc(path, name), "schema": obj{"type": "string"}})
	}
	for _, name := range rt.doc.query {
		schema, desc := b.queryParam(path, name)
		params = append(params, obj{"name": name, "in": "query", "description": desc, "schema": schema})
	}
	return params
}

// wildcards returns the names of a pattern path's {name} segments.
func wildcards(path string) []string {
	var names []string
	for seg := range strings.SplitSeq(path, "/") {
		if name, ok := strings.CutPrefix(seg, "{"); ok {
			names = append(names, strings.TrimSuffix(name, "}"))
		}
	}
	return names
}

// pathParamDoc says which forms of an id a wildcard accepts.
func pathParamDoc(path, name string) string {
	switch {
	case name == "candidate_id", strings.HasPrefix(path, "/api/v1/candidates/"):
		return "Candidate id or number, such as C-1001."
	case strings.HasPrefix(path, "/api/v1/jobs/"):
		return "Job id or number, such as J-1001."
	}
	return "Id (a UUID)."
}

// queryParam describes a query parameter by name; status means the job
// status on jobs and the application status on applications.
func (b *schemaBuilder) queryParam(path, name string) (obj, string) {
	switch name {
	case "limit":
		return obj{"type": "integer", "minimum": 0, "maximum": 500, "default": 50}, "Page size; at most 500."
	case "offset":
		return obj{"type": "integer", "minimum": 0, "default": 0}, "Items to skip."
	case "q":
		return obj{"type": "string", "maxLength": 200}, "Search text."
	case "phase_id":
		return obj{"type": "string"}, "Only applications in this phase."
	case "code", "state":
		return obj{"type": "string"}, "Set by LinkedIn: the OAuth 2.0 authorization " + name + "."
	case "error":
		return obj{"type": "string"}, "Set by LinkedIn when the member cancelled or the sign-in failed."
	case "status":
		if strings.HasSuffix(path, "/applications") {
			return b.enumOf("ApplicationStatus"), "Only applications with this status."
		}
		return b.enumOf("JobStatus"), "Only jobs with this status."
	}
	return obj{"type": "string"}, ""
}
