package api_test

import (
	"encoding/json"
	"net/http"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// openAPIDoc is the part of the document the route checks read.
type openAPIDoc struct {
	OpenAPI string                                `json:"openapi"`
	Paths   map[string]map[string]json.RawMessage `json:"paths"`
}

// TestOpenAPIGolden serves the document and compares it with the golden
// file; run go test -update after an intended API change.
func TestOpenAPIGolden(t *testing.T) {
	t.Parallel()
	b := setup(t)
	r := b.anon(t).want(200, "GET", "/api/v1/openapi.json", nil)
	golden(t, "openapi.golden.json", r.body)
	var doc openAPIDoc
	if err := json.Unmarshal(r.body, &doc); err != nil {
		t.Fatal(err)
	}
	if doc.OpenAPI != "3.1.0" {
		t.Errorf("openapi = %q, want 3.1.0", doc.OpenAPI)
	}
	checkRefsResolve(t, r.body)
}

// TestOpenAPIMatchesRoutes checks that the document lists exactly the
// registered routes, and that each documented path reaches its route on
// the real mux (so wildcard names and methods agree).
func TestOpenAPIMatchesRoutes(t *testing.T) {
	t.Parallel()
	b := setup(t)
	var doc openAPIDoc
	if err := json.Unmarshal(b.anon(t).want(200, "GET", "/api/v1/openapi.json", nil).body, &doc); err != nil {
		t.Fatal(err)
	}
	var documented []string
	for path, ops := range doc.Paths {
		for method := range ops {
			documented = append(documented, strings.ToUpper(method)+" "+path)
		}
	}
	registered := b.srv.RoutePatterns()
	sort.Strings(documented)
	sort.Strings(registered)
	if diff := cmp.Diff(registered, documented); diff != "" {
		t.Errorf("routes vs document (-registered +documented):\n%s", diff)
	}
	mux := http.NewServeMux()
	b.srv.Routes(mux)
	wildcard := regexp.MustCompile(`\{\w+\}`)
	for _, p := range documented {
		method, path, _ := strings.Cut(p, " ")
		req, _ := http.NewRequest(method, "http://x"+wildcard.ReplaceAllString(path, "x1"), nil)
		if _, got := mux.Handler(req); got != p {
			t.Errorf("documented %s is served by %q", p, got)
		}
	}
}

// checkRefsResolve makes sure every $ref points at a component that
// exists.
func checkRefsResolve(t *testing.T, doc []byte) {
	t.Helper()
	var root map[string]any
	if err := json.Unmarshal(doc, &root); err != nil {
		t.Fatal(err)
	}
	comps := root["components"].(map[string]any)
	for _, m := range regexp.MustCompile(`"\$ref": "#/components/(\w+)/(\w+)"`).FindAllStringSubmatch(string(doc), -1) {
		section, _ := comps[m[1]].(map[string]any)
		if _, ok := section[m[2]]; !ok {
			t.Errorf("dangling $ref #/components/%s/%s", m[1], m[2])
		}
	}
	if !slices.Contains(keys(comps["schemas"].(map[string]any)), "Error") {
		t.Error("no Error schema")
	}
}

func keys(m map[string]any) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	return out
}
