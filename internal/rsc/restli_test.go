package rsc

import (
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
