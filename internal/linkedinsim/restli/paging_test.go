package restli_test

import (
	"encoding/json"
	"math"
	"strconv"
	"testing"

	"github.com/google/go-cmp/cmp"

	"attractor/internal/linkedinsim/restli"
)

func TestParsePaging(t *testing.T) {
	tests := []struct {
		name      string
		query     string
		wantStart int
		wantCount int
		wantErr   string
	}{
		{"Defaults", "q=attributes", 0, 10, ""},
		{"Given", "start=20&count=50", 20, 50, ""},
		{"ZeroCount", "start=0&count=0", 0, 0, ""},
		{"CountClamped", "start=0&count=1000", 0, 100, ""},
		{"NegativeStart", "start=-1", 0, 0, `Parameter "start" must be a non-negative integer, got "-1"`},
		{"NegativeCount", "count=-5", 0, 0, `Parameter "count" must be a non-negative integer, got "-5"`},
		{"NonIntegerStart", "start=abc", 0, 0, `Parameter "start" must be a non-negative integer, got "abc"`},
		{"FloatCount", "count=1.5", 0, 0, `Parameter "count"`},
		{"EmptyStart", "start=", 0, 0, `Parameter "start" must be a non-negative integer, got ""`},
		{"RepeatedCount", "count=1&count=2", 0, 0, `Parameter "count" is repeated`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			start, count, err := restli.ParsePaging(mustParseQuery(t, tt.query), restli.DefaultPageSize, 100)
			checkErr(t, err, 400, tt.wantErr)
			if start != tt.wantStart || count != tt.wantCount {
				t.Errorf("ParsePaging(%q) = %d, %d; want %d, %d", tt.query, start, count, tt.wantStart, tt.wantCount)
			}
		})
	}
}

func TestRequireQuery(t *testing.T) {
	tests := []struct {
		name    string
		query   string
		names   []string
		wantErr string
	}{
		{"Present", "q=attributes&contracts=urn:li:contract:1&start=0", []string{"contracts", "start"}, ""},
		{"MissingStart", "q=attributes&contracts=urn:li:contract:1", []string{"contracts", "start"}, `Missing required parameter "start"`},
		{"EmptyViewer", "q=criteria&viewer=", []string{"viewer"}, `Missing required parameter "viewer"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			checkErr(t, restli.RequireQuery(mustParseQuery(t, tt.query), tt.names...), 400, tt.wantErr)
		})
	}
}

func TestPage(t *testing.T) {
	all := []string{"a", "b", "c", "d", "e"}
	tests := []struct {
		name         string
		start, count int
		want         string
	}{
		{"First", 0, 2, `{"elements":["a","b"],"paging":{"start":0,"count":2,"total":5,"links":[]}}`},
		{"Last", 4, 10, `{"elements":["e"],"paging":{"start":4,"count":10,"total":5,"links":[]}}`},
		{"PastEnd", 9, 10, `{"elements":[],"paging":{"start":9,"count":10,"total":5,"links":[]}}`},
		{"ZeroCount", 0, 0, `{"elements":[],"paging":{"start":0,"count":0,"total":5,"links":[]}}`},
		{"HugeCount", 1, math.MaxInt, `{"elements":["b","c","d","e"],"paging":{"start":1,"count":` + strconv.Itoa(math.MaxInt) + `,"total":5,"links":[]}}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := json.Marshal(restli.Page(all, tt.start, tt.count))
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, string(got)); diff != "" {
				t.Errorf("Page mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

func TestPageNil(t *testing.T) {
	got, err := json.Marshal(restli.Page[int](nil, 0, 10))
	if err != nil {
		t.Fatal(err)
	}
	if want := `{"elements":[],"paging":{"start":0,"count":10,"total":0,"links":[]}}`; string(got) != want {
		t.Errorf("got %s, want %s", got, want)
	}
}
