package restli_test

import (
	"fmt"
	"net/url"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"attractor/internal/linkedinsim/restli"
)

func TestBatchKeys(t *testing.T) {
	c1 := restli.Key{"atsCandidateId": "C1", "dataProvider": "ATS", "integrationContext": "urn:li:organization:123"}
	c2 := restli.Key{"atsCandidateId": "C2", "dataProvider": "ATS", "integrationContext": "urn:li:organization:123"}
	tests := []struct {
		name    string
		query   string
		want    []restli.Key
		wantErr string
	}{
		{"DocExample",
			"ids[0].atsCandidateId=C1&ids[0].dataProvider=ATS&ids[0].integrationContext=urn:li:organization:123" +
				"&ids[1].atsCandidateId=C2&ids[1].dataProvider=ATS&ids[1].integrationContext=urn:li:organization:123",
			[]restli.Key{c1, c2}, ""},
		{"FieldOrderVariesPerIndex",
			"ids[1].integrationContext=urn%3Ali%3Aorganization%3A123&ids[0].dataProvider=ATS&ids[1].atsCandidateId=C2" +
				"&ids[0].atsCandidateId=C1&ids[1].dataProvider=ATS&ids[0].integrationContext=urn:li:organization:123",
			[]restli.Key{c1, c2}, ""},
		{"EncodedBrackets",
			"ids%5B0%5D.atsCandidateId=C1&ids%5B0%5D.dataProvider=ATS&ids%5B0%5D.integrationContext=urn:li:organization:123",
			[]restli.Key{c1}, ""},
		{"OtherParamsIgnored",
			"ids[0].atsCandidateId=C1&ids[0].dataProvider=ATS&ids[0].integrationContext=urn:li:organization:123&fields=matchedMembers,manualMatchedMember",
			[]restli.Key{c1}, ""},
		{"ACLPersonURN",
			"ids[0].atsEntityAclId=G1&ids[0].integrationContext=urn:li:organization:1&ids[0].dataProvider=ATS&ids[0].assignee=urn:li:person:abc-123&ids[0].atsEntityType=JOB_POSTING",
			[]restli.Key{{"atsEntityAclId": "G1", "integrationContext": "urn:li:organization:1", "dataProvider": "ATS", "assignee": "urn:li:person:abc-123", "atsEntityType": "JOB_POSTING"}}, ""},
		{"NoIDs", "fields=id", nil, "Missing ids[N].field"},
		{"Empty", "", nil, "Missing ids[N].field"},
		{"GapInIndexes", "ids[0].a=1&ids[2].a=3", nil, "Missing ids[1]: batch indexes must be contiguous from 0"},
		{"NotFromZero", "ids[1].a=1", nil, "Missing ids[0]"},
		{"MissingField", "ids[0].a=1&ids[0].b=2&ids[1].a=3", nil, `ids[1] is missing field "b"`},
		{"ExtraField", "ids[0].a=1&ids[1].a=3&ids[1].c=4", nil, `ids[1] has field "c" not present in ids[0]`},
		{"RepeatedParam", "ids[0].a=1&ids[0].a=2", nil, "Parameter ids[0].a is repeated"},
		{"EmptyValue", "ids[0].a=", nil, "Parameter ids[0].a is empty"},
		{"LeadingZeroIndex", "ids[00].a=1", nil, `index "00" is not a non-negative integer`},
		{"NegativeIndex", "ids[-1].a=1", nil, `index "-1"`},
		{"NonNumericIndex", "ids[x].a=1", nil, `index "x"`},
		{"NoField", "ids[0]=1", nil, "want ids[N].field"},
		{"EmptyFieldName", "ids[0].=1", nil, `invalid field name ""`},
		{"NestedField", "ids[0].a.b=1", nil, `invalid field name "a.b"`},
		{"DuplicateKey", "ids[0].a=1&ids[0].b=2&ids[1].b=2&ids[1].a=1", nil, "ids[1] repeats the key of ids[0]"},
		{"MixedWithSimple", "ids[0].a=1&ids=N1", nil, "Cannot mix"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			q := mustParseQuery(t, tt.query)
			got, err := restli.BatchKeys(q)
			checkErr(t, err, 400, tt.wantErr)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("BatchKeys(%q) mismatch (-want +got):\n%s", tt.query, diff)
			}
		})
	}
}

func TestBatchQueryRoundTrip(t *testing.T) {
	keys := []restli.Key{
		{"atsCandidateId": "C 1&x=y", "dataProvider": "ATS", "integrationContext": "urn:li:organization:123"},
		{"atsCandidateId": "é+%", "dataProvider": "ATS", "integrationContext": "urn:li:organization:123"},
	}
	got, err := restli.BatchKeys(mustParseQuery(t, restli.BatchQuery(keys).Encode()))
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(keys, got); diff != "" {
		t.Errorf("round trip mismatch (-want +got):\n%s", diff)
	}
}

func TestSimpleIDs(t *testing.T) {
	tests := []struct {
		name    string
		query   string
		want    []string
		wantErr string
	}{
		{"Two", "ids=N1&ids=N2", []string{"N1", "N2"}, ""},
		{"OrderKept", "ids=S2&ids=S1", []string{"S2", "S1"}, ""},
		{"ConfigKey", "ids=CALLBACK_URL", []string{"CALLBACK_URL"}, ""},
		{"TaskURN", "ids=urn:li:simpleJobPostingTask:5f3c-9a", []string{"urn:li:simpleJobPostingTask:5f3c-9a"}, ""},
		{"Encoded", "ids=urn%3Ali%3AsimpleJobPostingTask%3A1&ids=a+b", []string{"urn:li:simpleJobPostingTask:1", "a b"}, ""},
		{"Missing", "fields=id", nil, "Missing ids parameter"},
		{"EmptyID", "ids=N1&ids=", nil, "ids[1] is empty"},
		{"Duplicate", "ids=N1&ids=N1", nil, `Duplicate id "N1"`},
		{"MixedWithCompound", "ids=N1&ids[0].a=1", nil, "Cannot mix"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := restli.SimpleIDs(mustParseQuery(t, tt.query))
			checkErr(t, err, 400, tt.wantErr)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("SimpleIDs(%q) mismatch (-want +got):\n%s", tt.query, diff)
			}
		})
	}
}

func TestCheckBatchSize(t *testing.T) {
	tests := []struct {
		name    string
		n, max  int
		wantErr string
	}{
		{"Zero", 0, restli.MaxBatchSize, ""},
		{"One", 1, restli.MaxBatchSize, ""},
		{"AtLimit", 100, restli.MaxBatchSize, ""},
		{"OverLimit", 101, restli.MaxBatchSize, "Batch size 101 exceeds the maximum allowed batch size of 100"},
		{"CustomLimit", 5, 4, "Batch size 5 exceeds the maximum allowed batch size of 4"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			checkErr(t, restli.CheckBatchSize(tt.n, tt.max), 400, tt.wantErr)
		})
	}
}

// TestBatchKeys101 feeds a 101-key query through the parser and the limit
// the way a handler does: parsing succeeds, the size check rejects it.
func TestBatchKeys101(t *testing.T) {
	var b strings.Builder
	for i := range 101 {
		fmt.Fprintf(&b, "&ids[%d].atsCandidateId=C%d&ids[%d].dataProvider=ATS", i, i, i)
	}
	keys, err := restli.BatchKeys(mustParseQuery(t, b.String()[1:]))
	if err != nil {
		t.Fatal(err)
	}
	if len(keys) != 101 || keys[100]["atsCandidateId"] != "C100" {
		t.Fatalf("got %d keys, last %v; want 101 ending in C100", len(keys), keys[len(keys)-1])
	}
	checkErr(t, restli.CheckBatchSize(len(keys), restli.MaxBatchSize), 400, "Batch size 101 exceeds")
}

func mustParseQuery(t testing.TB, s string) url.Values {
	t.Helper()
	q, err := url.ParseQuery(s)
	if err != nil {
		t.Fatalf("ParseQuery(%q): %v", s, err)
	}
	return q
}
