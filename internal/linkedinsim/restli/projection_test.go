package restli_test

import (
	"encoding/json"
	"testing"

	"github.com/google/go-cmp/cmp"

	"attractor/internal/linkedinsim/restli"
)

func TestParseFields(t *testing.T) {
	tests := []struct {
		name    string
		in      string
		want    restli.Fields
		wantErr string
	}{
		{"Empty", "", nil, ""},
		{"ID", "id", restli.Fields{"id": nil}, ""},
		{"TwoTopLevel", "matchedMembers,manualMatchedMember", restli.Fields{"matchedMembers": nil, "manualMatchedMember": nil}, ""},
		{"Nested", "author:(firstName,lastName),note",
			restli.Fields{"author": {"firstName": nil, "lastName": nil}, "note": nil}, ""},
		{"DeepNested", "a:(b:(c))", restli.Fields{"a": {"b": {"c": nil}}}, ""},
		{"RepeatedMerged", "a:(b),a:(c)", restli.Fields{"a": {"b": nil, "c": nil}}, ""},
		{"WholeWinsOverNested", "a:(b),a", restli.Fields{"a": nil}, ""},
		{"NestedAfterWhole", "a,a:(b)", restli.Fields{"a": nil}, ""},
		{"EmptyName", "a,,b", nil, "empty field name"},
		{"TrailingComma", "a,", nil, "empty field name"},
		{"ColonWithoutParen", "a:b", nil, `want '(' after "a":`},
		{"Unclosed", "a:(b", nil, `missing ')' for "a"`},
		{"ExtraClose", "a)", nil, `unexpected ')'`},
		{"EmptyNested", "a:()", nil, "empty field name"},
		{"Space", "a, b", nil, "empty field name"},
		{"Projection2Syntax", "(a,b)", nil, "empty field name"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := restli.ParseFields(tt.in)
			checkErr(t, err, 400, tt.wantErr)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("ParseFields(%q) mismatch (-want +got):\n%s", tt.in, diff)
			}
		})
	}
}

func TestProject(t *testing.T) {
	entity := map[string]any{
		"id":                  "123",
		"matchedMembers":      []any{"urn:li:person:1"},
		"manualMatchedMember": "urn:li:person:2",
		"author":              map[string]any{"firstName": "A", "lastName": "B"},
		"evaluations":         []any{map[string]any{"attribute": "X", "result": "4/5"}, "scalar"},
	}
	tests := []struct {
		name   string
		fields string
		want   map[string]any
	}{
		{"None", "", entity},
		{"ID", "id", map[string]any{"id": "123"}},
		{"Matches", "matchedMembers,manualMatchedMember",
			map[string]any{"matchedMembers": []any{"urn:li:person:1"}, "manualMatchedMember": "urn:li:person:2"}},
		{"UnknownIgnored", "id,nope", map[string]any{"id": "123"}},
		{"OnlyUnknown", "nope", map[string]any{}},
		{"NestedObject", "author:(firstName)", map[string]any{"author": map[string]any{"firstName": "A"}}},
		{"NestedArray", "evaluations:(result)", map[string]any{"evaluations": []any{map[string]any{"result": "4/5"}, "scalar"}}},
		{"NestedOnScalar", "id:(x)", map[string]any{"id": "123"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := restli.Project(entity, tt.fields)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("Project(%q) mismatch (-want +got):\n%s", tt.fields, diff)
			}
		})
	}
}

func TestProjectJSON(t *testing.T) {
	const entity = `{"id":"123","atsCreatedAt":1484864187000123,"author":{"firstName":"A","lastName":"B"},` +
		`"evaluations":[{"attribute":"X","result":"4/5"},7]}`
	tests := []struct {
		name    string
		in      string
		fields  string
		want    string
		status  int
		wantErr string
	}{
		{"None", entity, "", entity, 0, ""},
		{"IDAndBigNumberKeptExact", entity, "id,atsCreatedAt", `{"atsCreatedAt":1484864187000123,"id":"123"}`, 0, ""},
		{"Nested", entity, "author:(lastName)", `{"author":{"lastName":"B"}}`, 0, ""},
		{"NestedArray", entity, "evaluations:(attribute)", `{"evaluations":[{"attribute":"X"},7]}`, 0, ""},
		{"Unknown", entity, "nope", `{}`, 0, ""},
		{"BadMask", entity, "a:", "", 400, "Invalid fields parameter"},
		{"NotObject", `[1]`, "id", "", 500, "Projection needs a JSON object"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := restli.Project(json.RawMessage(tt.in), tt.fields)
			checkErr(t, err, tt.status, tt.wantErr)
			if string(got) != tt.want {
				t.Errorf("Project(%q) = %s, want %s", tt.fields, got, tt.want)
			}
		})
	}
}

func TestProjectMapBadMask(t *testing.T) {
	_, err := restli.Project(map[string]any{"id": 1}, "id,")
	checkErr(t, err, 400, `Invalid fields parameter "id,"`)
}
