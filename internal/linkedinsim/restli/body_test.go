package restli_test

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"attractor/internal/linkedinsim/restli"
)

func TestDecodeEntities(t *testing.T) {
	const (
		k1 = "atsCandidateId=C1&dataProvider=ATS&integrationContext=urn:li:organization:123"
		k2 = "atsCandidateId=C2&dataProvider=ATS&integrationContext=urn:li:organization:123"
	)
	ids := []restli.Key{mustParseKey(t, k1), mustParseKey(t, k2)}
	tests := []struct {
		name    string
		ids     []restli.Key
		body    string
		want    restli.EntityMap
		wantErr string
	}{
		{"SameOrder", ids,
			`{"entities": {"` + k1 + `": {"firstName": "A"}, "` + k2 + `": {}}}`,
			restli.EntityMap{k1: json.RawMessage(`{"firstName": "A"}`), k2: json.RawMessage(`{}`)}, ""},
		{"BodyKeysInOtherFieldOrderAndEncoded", ids,
			`{"entities": {"integrationContext=urn%3Ali%3Aorganization%3A123&dataProvider=ATS&atsCandidateId=C1": {"a": 1},` +
				` "dataProvider=ATS&atsCandidateId=C2&integrationContext=urn:li:organization:123": {"a": 2}}}`,
			restli.EntityMap{k1: json.RawMessage(`{"a": 1}`), k2: json.RawMessage(`{"a": 2}`)}, ""},
		{"PatchValuesKeptRaw", ids[:1],
			`{"entities": {"` + k1 + `": {"patch": {"$set": {"manualMatchedMember": "urn:li:person:1"}}}}}`,
			restli.EntityMap{k1: json.RawMessage(`{"patch": {"$set": {"manualMatchedMember": "urn:li:person:1"}}}`)}, ""},
		{"BodyMissingKey", ids, `{"entities": {"` + k1 + `": {}}}`, nil,
			`Key "` + k2 + `" is in ids but not in the entities`},
		{"BodyExtraKey", ids[:1], `{"entities": {"` + k1 + `": {}, "` + k2 + `": {}}}`, nil,
			`Entity key "` + k2 + `" is in the request body but not in ids`},
		{"BodyValueDiffers", ids[:1],
			`{"entities": {"atsCandidateId=C1&dataProvider=ATS&integrationContext=urn:li:organization:999": {}}}`, nil,
			"is in ids but not in the entities"},
		{"BodyKeyHasExtraField", ids[:1], `{"entities": {"` + k1 + `&x=1": {}}}`, nil, "is in ids but not in the entities"},
		{"SameKeyTwiceInOtherOrder", ids[:1],
			`{"entities": {"` + k1 + `": {}, "dataProvider=ATS&atsCandidateId=C1&integrationContext=urn:li:organization:123": {}}}`, nil,
			"appears more than once"},
		{"SameKeyTwiceVerbatim", ids[:1], `{"entities": {"` + k1 + `": {"a":1}, "` + k1 + `": {"a":2}}}`, nil, "appears more than once"},
		{"MalformedBodyKey", ids[:1], `{"entities": {"C1": {}}}`, nil, `Invalid entity key "C1"`},
		{"NoEntities", ids, `{}`, nil, `Missing "entities"`},
		{"NullEntities", ids, `{"entities": null}`, nil, `Missing "entities"`},
		{"EntitiesNotObject", ids, `{"entities": []}`, nil, `"entities" must be a JSON object`},
		{"NotJSON", ids, `entities`, nil, "Invalid JSON request body"},
		{"EmptyBody", ids, ``, nil, "Invalid JSON request body"},
		// Rest.li field names are case-sensitive, and the body is an object.
		{"EntitiesMiscased", ids, `{"Entities": {"` + k1 + `": {}}}`, nil, `Missing "entities"`},
		{"NullBody", ids, `null`, nil, "Invalid JSON request body"},
		{"ArrayBody", ids, `[{"entities": {}}]`, nil, "Invalid JSON request body"},
		{"TruncatedEntities", ids, `{"entities": {"` + k1 + `": {}`, nil, "Invalid JSON request body"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := restli.DecodeEntities(strings.NewReader(tt.body), tt.ids)
			checkErr(t, err, 400, tt.wantErr)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("DecodeEntities mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

func TestDecodeEntities101(t *testing.T) {
	var ids []restli.Key
	var parts []string
	for i := range 101 {
		k := restli.Key{"atsCandidateId": fmt.Sprint("C", i), "dataProvider": "ATS"}
		ids = append(ids, k)
		parts = append(parts, fmt.Sprintf("%q: {}", k.String()))
	}
	m, err := restli.DecodeEntities(strings.NewReader(`{"entities": {`+strings.Join(parts, ",")+`}}`), ids)
	if err != nil {
		t.Fatal(err)
	}
	checkErr(t, restli.CheckBatchSize(len(m), restli.MaxBatchSize), 400, "Batch size 101 exceeds")
}

func TestDecodeSimpleEntities(t *testing.T) {
	tests := []struct {
		name    string
		ids     []string
		body    string
		want    restli.EntityMap
		wantErr string
	}{
		{"Config", []string{"CALLBACK_URL"},
			`{"entities": {"CALLBACK_URL": {"configurationValue": {"string": "https://x"}}}}`,
			restli.EntityMap{"CALLBACK_URL": json.RawMessage(`{"configurationValue": {"string": "https://x"}}`)}, ""},
		{"Stages", []string{"S1", "S2"},
			`{"entities": {"S2": {"stage": "Offer"}, "S1": {"stage": "Screen"}}}`,
			restli.EntityMap{"S1": json.RawMessage(`{"stage": "Screen"}`), "S2": json.RawMessage(`{"stage": "Offer"}`)}, ""},
		{"Missing", []string{"N1", "N2"}, `{"entities": {"N1": {}}}`, nil, `Key "N2" is in ids but not in the entities`},
		{"Extra", []string{"N1"}, `{"entities": {"N1": {}, "N3": {}}}`, nil, `Entity key "N3" is in the request body but not in ids`},
		{"CaseMatters", []string{"n1"}, `{"entities": {"N1": {}}}`, nil, `Key "n1" is in ids`},
		{"Duplicate", []string{"N1"}, `{"entities": {"N1": {}, "N1": {}}}`, nil, "appears more than once"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := restli.DecodeSimpleEntities(strings.NewReader(tt.body), tt.ids)
			checkErr(t, err, 400, tt.wantErr)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("DecodeSimpleEntities mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

func TestDecodeElements(t *testing.T) {
	tests := []struct {
		name    string
		body    string
		want    []json.RawMessage
		wantErr string
	}{
		{"Jobs", `{"elements": [{"title": "A"}, {"title": "B"}]}`,
			[]json.RawMessage{json.RawMessage(`{"title": "A"}`), json.RawMessage(`{"title": "B"}`)}, ""},
		{"EmptyList", `{"elements": []}`, []json.RawMessage{}, ""},
		{"Missing", `{}`, nil, `Missing "elements"`},
		{"NotArray", `{"elements": {}}`, nil, "Invalid JSON request body"},
		{"NotJSON", `[`, nil, "Invalid JSON request body"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := restli.DecodeElements(strings.NewReader(tt.body))
			checkErr(t, err, 400, tt.wantErr)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("DecodeElements mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

func TestDecodePatch(t *testing.T) {
	tests := []struct {
		name    string
		in      string
		want    restli.Patch
		wantErr string
	}{
		{"Set", `{"patch": {"$set": {"integrationName": "Acme One-Click Export"}}}`,
			restli.Patch{Set: map[string]json.RawMessage{"integrationName": json.RawMessage(`"Acme One-Click Export"`)}}, ""},
		{"SetArray", `{"patch":{"$set":{"validJsSdkDomains":["https://a.example"]}}}`,
			restli.Patch{Set: map[string]json.RawMessage{"validJsSdkDomains": json.RawMessage(`["https://a.example"]`)}}, ""},
		{"SetAndDelete", `{"patch": {"$set": {"a": 1}, "$delete": ["b", "c"]}}`,
			restli.Patch{Set: map[string]json.RawMessage{"a": json.RawMessage(`1`)}, Delete: []string{"b", "c"}}, ""},
		{"DeleteOnly", `{"patch": {"$delete": ["manualMatchedMember"]}}`,
			restli.Patch{Set: map[string]json.RawMessage{}, Delete: []string{"manualMatchedMember"}}, ""},
		{"EmptyPatch", `{"patch": {}}`, restli.Patch{Set: map[string]json.RawMessage{}}, ""},
		{"NullSet", `{"patch": {"$set": null}}`, restli.Patch{Set: map[string]json.RawMessage{}}, ""},
		{"MissingPatch", `{"$set": {"a": 1}}`, restli.Patch{}, `Missing "patch"`},
		{"NullPatch", `{"patch": null}`, restli.Patch{}, `Missing "patch"`},
		{"NestedPatch", `{"patch": {"author": {"$set": {"firstName": "A"}}}}`, restli.Patch{}, `Unsupported nested patch on field "author"`},
		{"UnknownOp", `{"patch": {"$unset": ["a"]}}`, restli.Patch{}, `Unsupported patch operation "$unset"`},
		{"SetNotObject", `{"patch": {"$set": [1]}}`, restli.Patch{}, "Invalid $set in patch"},
		{"DeleteNotList", `{"patch": {"$delete": "a"}}`, restli.Patch{}, "Invalid $delete in patch"},
		{"SetAndDeleteSameField", `{"patch": {"$set": {"a": 1}, "$delete": ["a"]}}`, restli.Patch{}, `Field "a" is both set and deleted`},
		{"NotJSON", `patch`, restli.Patch{}, "Invalid patch"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := restli.DecodePatch(json.RawMessage(tt.in))
			checkErr(t, err, 400, tt.wantErr)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("DecodePatch(%s) mismatch (-want +got):\n%s", tt.in, diff)
			}
		})
	}
}
