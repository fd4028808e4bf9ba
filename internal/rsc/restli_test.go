package rsc

import (
	"encoding/json"
	"errors"
	"testing"
)

func errorsIs(err, target error) bool { return errors.Is(err, target) }

func TestEscape(t *testing.T) {
	tests := map[string]string{
		"urn:li:organization:1": "urn:li:organization:1",
		"a&b=c":                 "a%26b%3Dc",
		"a+b c%":                "a%2Bb%20c%25",
		"é":                     "%C3%A9",
		"x_y-z.~":               "x_y-z.~",
	}
	for in, want := range tests {
		if got := escape(in); got != want {
			t.Errorf("escape(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestParseKeyUnordered(t *testing.T) {
	k := CandidateKey("urn:li:organization:1", "a+b&c")
	for _, raw := range []string{
		k.String(),
		"integrationContext=urn%3Ali%3Aorganization%3A1&atsCandidateId=a%2Bb%26c&dataProvider=ATS",
	} {
		if got := parseKey(raw).canonical(); got != k.canonical() {
			t.Errorf("parseKey(%q) = %q, want %q", raw, got, k.canonical())
		}
	}
}

// TestEntityBody pins the hand-written batch body to the bytes json.Marshal
// gives for the same map: sorted keys, the last value of a repeated key,
// HTML-escaped strings, compound keys as "k=v&…".
func TestEntityBody(t *testing.T) {
	type rec struct {
		Stage string `json:"stage"`
		At    int64  `json:"atsCreatedAt,omitempty"`
	}
	compound := Key{{"atsCandidateId", "C<1>"}, {"integrationContext", "urn:li:organization:1"}}
	tests := []struct {
		name string
		keys []Key
		vals []rec
	}{
		{"none", nil, nil},
		{"one", []Key{simpleKey("S1")}, []rec{{"Applied", 1}}},
		{"unsorted", []Key{simpleKey("S2"), simpleKey("S10"), simpleKey("S1")}, []rec{{"b", 2}, {"c", 0}, {"a & <b>", 1}}},
		{"repeated", []Key{simpleKey("S1"), simpleKey("S2"), simpleKey("S1")}, []rec{{"old", 1}, {"x", 2}, {"new", 3}}},
		{"only repeats", []Key{simpleKey("S1"), simpleKey("S1")}, []rec{{"old", 1}, {"new", 3}}},
		{"compound", []Key{compound}, []rec{{"Über \"quoted\"", 5}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := map[string]rec{}
			for i, k := range tt.keys {
				m[bodyKey(k)] = tt.vals[i]
			}
			want, err := json.Marshal(map[string]map[string]rec{"entities": m})
			if err != nil {
				t.Fatal(err)
			}
			got, err := encodeBody(entities(tt.keys, tt.vals))
			if err != nil {
				t.Fatal(err)
			}
			if string(got) != string(want) {
				t.Errorf("body = %s, want %s", got, want)
			}
			if viaMarshal, _ := json.Marshal(entities(tt.keys, tt.vals)); string(viaMarshal) != string(want) {
				t.Errorf("json.Marshal = %s, want %s", viaMarshal, want)
			}
		})
	}
}
