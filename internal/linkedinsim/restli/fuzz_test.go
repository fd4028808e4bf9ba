package restli_test

import (
	"net/url"
	"testing"

	"github.com/google/go-cmp/cmp"

	"attractor/internal/linkedinsim/restli"
)

// FuzzParseKey checks ParseKey never panics and that any key it accepts
// survives String and a second parse unchanged (canonical form is stable).
func FuzzParseKey(f *testing.F) {
	for _, s := range []string{
		"atsCandidateId=C1&dataProvider=ATS&integrationContext=urn:li:organization:123",
		"integrationContext=urn%3Ali%3Aorganization%3A1&integrationType=ONE_CLICK_EXPORT&tenantType=RECRUITER&dataProvider=ATS",
		"a=x%26y%3Dz", "a=John+Smith", "a=%C3%A9", "a=b=c", "a=1&a=2", "a=", "=", "&", "", "a=%zz", "a=%",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		k, err := restli.ParseKey(s)
		if err != nil {
			return
		}
		canon := k.String()
		k2, err := restli.ParseKey(canon)
		if err != nil {
			t.Fatalf("ParseKey(%q) ok but ParseKey(String() = %q) failed: %v", s, canon, err)
		}
		if !k.Equal(k2) {
			t.Fatalf("round trip of %q changed key:\n%s", s, cmp.Diff(k, k2))
		}
		if got := k2.String(); got != canon {
			t.Fatalf("String not stable: %q then %q", canon, got)
		}
	})
}

// FuzzBatchKeys checks BatchKeys never panics on any query string and that
// keys it accepts survive BatchQuery and a second parse unchanged.
func FuzzBatchKeys(f *testing.F) {
	for _, s := range []string{
		"ids[0].atsCandidateId=C1&ids[0].dataProvider=ATS&ids[0].integrationContext=urn:li:organization:123&ids[1].atsCandidateId=C2&ids[1].dataProvider=ATS&ids[1].integrationContext=urn:li:organization:123",
		"ids[0].a=1&ids[2].a=3", "ids[0].a=1&ids[1].b=2", "ids[00].a=1", "ids[0].a=x%26y", "ids[0].a=a+b",
		"ids[0]=1", "ids[9999999999999999999].a=1", "ids=N1", "fields=id", "",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		q, err := url.ParseQuery(s)
		if err != nil {
			return
		}
		keys, err := restli.BatchKeys(q)
		if err != nil {
			return
		}
		again, err := restli.BatchKeys(restli.BatchQuery(keys))
		if err != nil {
			t.Fatalf("BatchKeys(%q) ok but re-encoded keys failed: %v", s, err)
		}
		if diff := cmp.Diff(keys, again); diff != "" {
			t.Fatalf("round trip of %q changed keys (-first +second):\n%s", s, diff)
		}
		for i, k := range keys {
			k2, err := restli.ParseKey(k.String())
			if err != nil || !k.Equal(k2) {
				t.Fatalf("ids[%d] %v does not survive String/ParseKey: %v", i, k, err)
			}
		}
	})
}

// FuzzParseFields checks the projection parser never panics and that an
// accepted mask can be applied to a JSON entity without error.
func FuzzParseFields(f *testing.F) {
	for _, s := range []string{"id", "a,b", "a:(b,c),d", "a:(b", "a:b", ",", "(a)", "a:(b:(c:(d)))"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		mask, err := restli.ParseFields(s)
		if err != nil {
			return
		}
		if _, err := mask.ApplyJSON([]byte(`{"id":1,"a":{"b":[{"c":2},3]},"d":null}`)); err != nil {
			t.Fatalf("ApplyJSON with mask %q: %v", s, err)
		}
	})
}
