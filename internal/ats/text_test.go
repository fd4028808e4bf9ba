package ats_test

import (
	"strings"
	"testing"

	"attractor/internal/ats"
)

func TestSearchKeyMatchesFoldedQueries(t *testing.T) {
	tests := []struct {
		name  string
		parts []string
		query string
		want  bool
	}{
		{"accent", []string{"José Müller"}, "jose", true},
		{"case", []string{"José Müller"}, "MÜLLER", true},
		{"stripped umlaut", []string{"José Müller"}, "muller", true},
		{"transliterated umlaut", []string{"José Müller"}, "mueller", true},
		{"eszett", []string{"Anna Straße"}, "strasse", true},
		{"email", []string{"Zoë O'Brien", "zoe.obrien@example.com"}, "obrien@exa", true},
		{"apostrophe kept", []string{"Zoë O'Brien"}, "o'brien", true},
		{"cjk", []string{"山田太郎"}, "太郎", true},
		{"cyrillic", []string{"Ёлкина Анна"}, "елкина", true},
		{"dotless i", []string{"Emre Yılmaz"}, "yilmaz", true},
		{"dotted capital I", []string{"İnci Kaya"}, "inci", true},
		{"miss", []string{"José Müller"}, "schmidt", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			key, q := ats.SearchKey(tt.parts...), ats.FoldQuery(tt.query)
			if got := strings.Contains(key, q); got != tt.want {
				t.Errorf("SearchKey(%q) = %q; contains FoldQuery(%q) = %q: %v, want %v", tt.parts, key, tt.query, q, got, tt.want)
			}
		})
	}
}

func TestPassword(t *testing.T) {
	h := ats.HashPassword("correct horse battery")
	if !strings.HasPrefix(h, "$argon2id$v=19$m=19456,t=2,p=1$") {
		t.Fatalf("HashPassword = %q, want a PHC argon2id string", h)
	}
	for _, tt := range []struct {
		hash, pw string
		want     bool
	}{
		{h, "correct horse battery", true},
		{h, "correct horse batterY", false},
		{h, "", false},
		{"$argon2id$v=19$m=x", "correct horse battery", false},
		{"", "", false},
	} {
		if got := ats.CheckPassword(tt.hash, tt.pw); got != tt.want {
			t.Errorf("CheckPassword(%q, %q) = %v, want %v", tt.hash, tt.pw, got, tt.want)
		}
	}
	if ats.HashPassword("same") == ats.HashPassword("same") {
		t.Error("two hashes of one password are equal; the salt is not random")
	}
}
