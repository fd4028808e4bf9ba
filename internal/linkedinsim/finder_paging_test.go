package linkedinsim_test

import (
	"net/http"
	"net/url"
	"testing"

	"attractor/internal/linkedinsim"
)

type pagedFinder struct {
	Elements []map[string]any `json:"elements"`
	Paging   struct {
		Start int `json:"start"`
		Count int `json:"count"`
		Total int `json:"total"`
	} `json:"paging"`
}

// TestFinderPaging: the atsIntegrations q=request and provisionedApplications
// credentialsByUniqueForeignId finders honour start and count like every
// other finder (rsc-api.md §2.4): paging.count is the requested page size
// (default 10), not the number of elements, and start/count cut the page.
func TestFinderPaging(t *testing.T) {
	e := setupIntegration(t, 0)
	app, child, reqID := e.customer(t, "tenant-paging")
	parent := e.token(t, linkedinsim.DefaultPartnerClientID, linkedinsim.DefaultPartnerClientSecret)
	byReq := intPath + "?q=request&requestId=" + url.QueryEscape(reqID)
	byForeign := appsPath + "?q=credentialsByUniqueForeignId&uniqueForeignId=tenant-paging"
	tests := []struct {
		name, token, path         string
		start, count, total, elms int
	}{
		{"IntegrationsDefault", child, byReq, 0, 10, 4, 4},
		{"IntegrationsPage", child, byReq + "&start=1&count=2", 1, 2, 4, 2},
		{"IntegrationsPastEnd", child, byReq + "&start=4&count=2", 4, 2, 4, 0},
		{"IntegrationsTail", child, byReq + "&start=3", 3, 10, 4, 1},
		{"ProvisionedDefault", parent, byForeign, 0, 10, 1, 1},
		{"ProvisionedCount", parent, byForeign + "&count=5", 0, 5, 1, 1},
		{"ProvisionedPastEnd", parent, byForeign + "&start=1", 1, 10, 1, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got pagedFinder
			resp := e.call(t, "GET", tt.path, tt.token, "", "", nil, &got)
			if resp.StatusCode != http.StatusOK {
				t.Fatalf("GET %s = %d", tt.path, resp.StatusCode)
			}
			if got.Paging.Start != tt.start || got.Paging.Count != tt.count || got.Paging.Total != tt.total ||
				len(got.Elements) != tt.elms {
				t.Errorf("GET %s paging %+v with %d elements, want start %d count %d total %d with %d",
					tt.path, got.Paging, len(got.Elements), tt.start, tt.count, tt.total, tt.elms)
			}
		})
	}
	if app.Key == "" {
		t.Fatal("provisioned app has no key")
	}
	for _, bad := range []string{byReq + "&count=-1", byForeign + "&start=x"} {
		tok := child
		if bad[:len(appsPath)] == appsPath {
			tok = parent
		}
		e.wantError(t, "GET", bad, tok, "", "", nil, http.StatusBadRequest)
	}
}
