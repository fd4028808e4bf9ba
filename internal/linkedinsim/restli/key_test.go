package restli_test

import (
	"net/http/httptest"
	"testing"

	"github.com/google/go-cmp/cmp"

	"attractor/internal/linkedinsim/restli"
)

func TestParseKey(t *testing.T) {
	cand := restli.Key{"atsCandidateId": "C1", "dataProvider": "ATS", "integrationContext": "urn:li:organization:123"}
	tests := []struct {
		name    string
		in      string
		want    restli.Key
		wantErr string
	}{
		{"DocOrder", "atsCandidateId=C1&dataProvider=ATS&integrationContext=urn:li:organization:123", cand, ""},
		{"OtherOrder", "integrationContext=urn:li:organization:123&atsCandidateId=C1&dataProvider=ATS", cand, ""},
		{"EncodedURN", "atsCandidateId=C1&dataProvider=ATS&integrationContext=urn%3Ali%3Aorganization%3A123", cand, ""},
		{"LowerHexEscape", "a=urn%3ali%3aorganization%3a1", restli.Key{"a": "urn:li:organization:1"}, ""},
		{"EncodedAmpersandAndEquals", "a=x%26y%3Dz", restli.Key{"a": "x&y=z"}, ""},
		{"PlusIsSpace", "a=John+Smith", restli.Key{"a": "John Smith"}, ""},
		{"EncodedPlus", "a=1%2B1", restli.Key{"a": "1+1"}, ""},
		{"Unicode", "a=%C3%A9t%C3%A9", restli.Key{"a": "été"}, ""},
		{"EqualsInValue", "a=b=c", restli.Key{"a": "b=c"}, ""},
		{"SingleField", "CALLBACK_URL=x", restli.Key{"CALLBACK_URL": "x"}, ""},
		{"Empty", "", nil, "Empty compound key"},
		{"NoEquals", "atsCandidateId", nil, `has no '='`},
		{"TrailingAmp", "a=1&", nil, `segment "" has no '='`},
		{"DoubleAmp", "a=1&&b=2", nil, `segment "" has no '='`},
		{"EmptyName", "=1", nil, `invalid field name ""`},
		{"DigitName", "1a=1", nil, `invalid field name "1a"`},
		{"DottedName", "ids[0].a=1", nil, "invalid field name"},
		{"EmptyValue", "a=", nil, `empty value for field "a"`},
		{"Duplicate", "a=1&b=2&a=1", nil, `duplicate field "a"`},
		{"BadEscape", "a=%zz", nil, `bad escape in field "a"`},
		{"TruncatedEscape", "a=%4", nil, "bad escape"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := restli.ParseKey(tt.in)
			checkErr(t, err, 400, tt.wantErr)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("ParseKey(%q) mismatch (-want +got):\n%s", tt.in, diff)
			}
		})
	}
}

func TestKeyString(t *testing.T) {
	tests := []struct {
		name string
		in   restli.Key
		want string
	}{
		{"SortedWithRawURN",
			restli.Key{"integrationContext": "urn:li:organization:123", "dataProvider": "ATS", "atsCandidateId": "C1"},
			"atsCandidateId=C1&dataProvider=ATS&integrationContext=urn:li:organization:123"},
		{"EscapesSeparators", restli.Key{"a": "x&y=z%"}, "a=x%26y%3Dz%25"},
		{"EscapesSpaceAndPlus", restli.Key{"a": "a b+c"}, "a=a%20b%2Bc"},
		{"EscapesNonASCII", restli.Key{"a": "é"}, "a=%C3%A9"},
		{"KeepsUnreserved", restli.Key{"a": "A-z_0.9~"}, "a=A-z_0.9~"},
		{"Empty", restli.Key{}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.in.String(); got != tt.want {
				t.Errorf("String() = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestKeyEqual(t *testing.T) {
	a := mustParseKey(t, "atsEntityAclId=G1&dataProvider=ATS&integrationContext=urn:li:organization:1")
	tests := []struct {
		name string
		b    string
		want bool
	}{
		{"SameOrder", "atsEntityAclId=G1&dataProvider=ATS&integrationContext=urn:li:organization:1", true},
		{"DataProviderFirst", "dataProvider=ATS&atsEntityAclId=G1&integrationContext=urn%3Ali%3Aorganization%3A1", true},
		{"OtherValue", "atsEntityAclId=G2&dataProvider=ATS&integrationContext=urn:li:organization:1", false},
		{"MissingField", "atsEntityAclId=G1&dataProvider=ATS", false},
		{"ExtraField", "atsEntityAclId=G1&dataProvider=ATS&integrationContext=urn:li:organization:1&x=1", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := a.Equal(mustParseKey(t, tt.b)); got != tt.want {
				t.Errorf("Equal(%q) = %v, want %v", tt.b, got, tt.want)
			}
		})
	}
}

func TestKeyRequire(t *testing.T) {
	k := restli.Key{"atsCandidateId": "C1", "dataProvider": "ATS"}
	tests := []struct {
		name    string
		fields  []string
		wantErr string
	}{
		{"AllPresent", []string{"atsCandidateId", "dataProvider"}, ""},
		{"NoneAsked", nil, ""},
		{"OneMissing", []string{"atsCandidateId", "dataProvider", "integrationContext"}, `Missing key field "integrationContext"`},
		{"FirstMissingNamed", []string{"b", "a"}, `Missing key field "b"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			checkErr(t, k.Require(tt.fields...), 400, tt.wantErr)
		})
	}
}

func TestPathKey(t *testing.T) {
	tests := []struct {
		name     string
		target   string
		resource string
		want     restli.Key
		wantErr  string
	}{
		{"RawURN",
			"/v2/atsCandidates/atsCandidateId=C1&dataProvider=ATS&integrationContext=urn:li:organization:123/notes?ids=N1",
			"atsCandidates",
			restli.Key{"atsCandidateId": "C1", "dataProvider": "ATS", "integrationContext": "urn:li:organization:123"}, ""},
		{"EncodedAmpersandStaysInValue",
			"/v2/atsApplications/atsJobApplicationId=A%261&dataProvider=ATS&integrationContext=urn%3Ali%3Aorganization%3A1/stages",
			"atsApplications",
			restli.Key{"atsJobApplicationId": "A&1", "dataProvider": "ATS", "integrationContext": "urn:li:organization:1"}, ""},
		{"NoSegmentAfterResource", "/v2/atsCandidates", "atsCandidates", nil, "Missing compound key after /atsCandidates/"},
		{"WrongResource", "/v2/atsCandidates/a=1/notes", "atsApplications", nil, "Missing compound key"},
		{"EmptySegment", "/v2/atsCandidates//notes", "atsCandidates", nil, "Empty compound key"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := httptest.NewRequest("PUT", tt.target, nil)
			got, err := restli.PathKey(r, tt.resource)
			checkErr(t, err, 400, tt.wantErr)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("PathKey mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

func mustParseKey(t testing.TB, s string) restli.Key {
	t.Helper()
	k, err := restli.ParseKey(s)
	if err != nil {
		t.Fatalf("ParseKey(%q): %v", s, err)
	}
	return k
}

// TestPathKeyKeepsPlus: in a path segment "+" is a literal plus, so an id
// synced through the query as "a%2Bb" is the same id in a path.
func TestPathKeyKeepsPlus(t *testing.T) {
	r := httptest.NewRequest("GET", "/v2/atsCandidates/atsCandidateId=a+b&dataProvider=ATS&integrationContext=urn:li:organization:1/notes", nil)
	k, err := restli.PathKey(r, "atsCandidates")
	if err != nil || k["atsCandidateId"] != "a+b" {
		t.Fatalf("PathKey = %v, %v; want atsCandidateId a+b", k, err)
	}
	q, err := restli.ParseKey("atsCandidateId=a%2Bb&dataProvider=ATS")
	if err != nil || q["atsCandidateId"] != k["atsCandidateId"] {
		t.Errorf("query key %v does not equal path key %v", q, k)
	}
}
