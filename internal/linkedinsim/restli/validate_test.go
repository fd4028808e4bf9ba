package restli_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"attractor/internal/linkedinsim/restli"
)

func TestValidators(t *testing.T) {
	tests := []struct {
		name string
		got  restli.Violations
		want restli.Violations
	}{
		{"RequiredPresent", restli.Required("/title", true), nil},
		{"RequiredMissing", restli.Required("/title", false),
			restli.Violations{{Path: "/title", Message: "field is required but not found and has no default value"}}},
		{"MillisPositive", restli.PositiveMillis("/atsCreatedAt", 1484864187000), nil},
		{"MillisZero", restli.PositiveMillis("/atsCreatedAt", 0),
			restli.Violations{{Path: "/atsCreatedAt", Message: "timestamp 0 must be greater than 0 (epoch milliseconds)"}}},
		{"MillisNegative", restli.PositiveMillis("/atsLastModifiedAt", -1),
			restli.Violations{{Path: "/atsLastModifiedAt", Message: "timestamp -1 must be greater than 0 (epoch milliseconds)"}}},
		{"ModifiedAfterCreated", restli.NotBefore("/atsLastModifiedAt", 2000, "/atsCreatedAt", 1000), nil},
		{"ModifiedEqualsCreated", restli.NotBefore("/atsLastModifiedAt", 1000, "/atsCreatedAt", 1000), nil},
		{"ModifiedBeforeCreated", restli.NotBefore("/atsLastModifiedAt", 999, "/atsCreatedAt", 1000),
			restli.Violations{{Path: "/atsLastModifiedAt", Message: "999 must be greater than or equal to /atsCreatedAt (1000)"}}},
		{"EmailOK", restli.Email("/candidateEmail", "a@b.co"), nil},
		{"EmailSubdomain", restli.Email("/candidateEmail", "first.last+tag@mail.example.org"), nil},
		{"EmailNoAt", restli.Email("/candidateEmail", "ab.co"),
			restli.Violations{{Path: "/candidateEmail", Message: `"ab.co" is not a valid email address (X@X.X)`}}},
		{"EmailNoDot", restli.Email("/emailAddresses/0", "a@b"),
			restli.Violations{{Path: "/emailAddresses/0", Message: `"a@b" is not a valid email address (X@X.X)`}}},
		{"EmailEmpty", restli.Email("/e", ""), restli.Violations{{Path: "/e", Message: `"" is not a valid email address (X@X.X)`}}},
		{"EmailTwoAts", restli.Email("/e", "a@b@c.d"), restli.Violations{{Path: "/e", Message: `"a@b@c.d" is not a valid email address (X@X.X)`}}},
		{"EmailSpace", restli.Email("/e", "a b@c.d"), restli.Violations{{Path: "/e", Message: `"a b@c.d" is not a valid email address (X@X.X)`}}},
		{"EmailTrailingDot", restli.Email("/e", "a@b."), restli.Violations{{Path: "/e", Message: `"a@b." is not a valid email address (X@X.X)`}}},
		{"MinLengthOK", restli.MinLength("/firstName", "A", 1), nil},
		{"MinLengthRunes", restli.MinLength("/firstName", "é", 1), nil},
		{"MinLengthEmpty", restli.MinLength("/atsJobPostingName", "", 1),
			restli.Violations{{Path: "/atsJobPostingName", Message: `length of "" is less than the minimum of 1`}}},
		{"StageOK", restli.Stage("/stage", "Offer Extended"), nil},
		{"StageEmpty", restli.Stage("/stage", ""),
			restli.Violations{{Path: "/stage", Message: `length of "" is less than the minimum of 1`}}},
		{"StageNotAvailable", restli.Stage("/stage", "Not Available"),
			restli.Violations{{Path: "/stage", Message: `"Not Available" is not an allowed stage`}}},
		{"StageNotAvailableLoose", restli.Stage("/stage", " not available "),
			restli.Violations{{Path: "/stage", Message: `" not available " is not an allowed stage`}}},
		{"StageContainingPhrase", restli.Stage("/stage", "Not Available yet"), nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, tt.got); diff != "" {
				t.Errorf("mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

func TestViolationsMessage(t *testing.T) {
	var vs restli.Violations
	if err := vs.Err(); err != nil {
		t.Fatalf("empty Err() = %v, want nil", err)
	}
	vs = append(vs, restli.Required("/title", false)...)
	vs = append(vs, restli.PositiveMillis("/listedAt", 1)...)
	vs = append(vs, restli.Email(restli.FieldPath("emailAddresses", 1), "x")...)
	want := "ERROR :: /title :: field is required but not found and has no default value\n" +
		"ERROR :: /emailAddresses/1 :: \"x\" is not a valid email address (X@X.X)\n"
	if got := vs.Message(); got != want {
		t.Errorf("Message() = %q, want %q", got, want)
	}
	checkErr(t, vs.Err(), 422, want)
}

func TestFieldPath(t *testing.T) {
	tests := []struct {
		parts []any
		want  string
	}{
		{[]any{"title"}, "/title"},
		{[]any{"author", "firstName"}, "/author/firstName"},
		{[]any{"addresses", 0, "city"}, "/addresses/0/city"},
		{nil, ""},
	}
	for _, tt := range tests {
		if got := restli.FieldPath(tt.parts...); got != tt.want {
			t.Errorf("FieldPath(%v) = %q, want %q", tt.parts, got, tt.want)
		}
	}
}
