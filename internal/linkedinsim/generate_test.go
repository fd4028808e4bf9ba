package linkedinsim_test

import (
	"context"
	"strings"
	"testing"
	"unicode"

	"github.com/google/go-cmp/cmp"

	"attractor/internal/linkedinsim"
)

// memWriter keeps a generated world in memory, for generator tests.
type memWriter struct {
	members []linkedinsim.Member
	batches int
	world   linkedinsim.WorldData
}

func (m *memWriter) ResetWorld(context.Context) error { *m = memWriter{}; return nil }
func (m *memWriter) WriteMembers(_ context.Context, b []linkedinsim.Member) error {
	m.members = append(m.members, b...)
	m.batches++
	return nil
}
func (m *memWriter) WriteWorld(_ context.Context, d linkedinsim.WorldData) error {
	m.world = d
	return nil
}

func generate(t *testing.T, seed int64, n int) *memWriter {
	t.Helper()
	w := &memWriter{}
	if err := linkedinsim.Generate(context.Background(), w, seed, n); err != nil {
		t.Fatal(err)
	}
	return w
}

func TestGenerateDeterministic(t *testing.T) {
	a, b := generate(t, 1, 12_000), generate(t, 1, 1_000)
	if a.batches != 2 || len(a.members) != 12_000 {
		t.Fatalf("batches %d, members %d; want 2, 12000", a.batches, len(a.members))
	}
	if d := cmp.Diff(a.members[:1_000], b.members); d != "" {
		t.Errorf("same seed, different first members (-12k +1k):\n%s", d)
	}
	if d := cmp.Diff(generate(t, 1, 1_000).world, b.world); d != "" {
		t.Errorf("same seed, different world:\n%s", d)
	}
	if c := generate(t, 2, 1_000); c.members[0].PersonURN == b.members[0].PersonURN || c.world.Settings.PartnerKey == b.world.Settings.PartnerKey {
		t.Errorf("seeds 1 and 2 share person URNs or partner credentials")
	}
}

func TestGenerateMembers(t *testing.T) {
	w := generate(t, 1, 10_000)
	seen := map[string]map[string]bool{"email": {}, "urn": {}, "url": {}}
	var cjk, cyrillic, accents, hyphen, apostrophe, translit, open int
	for _, m := range w.members {
		for k, v := range map[string]string{"email": m.EmailKey, "urn": m.PersonURN, "url": m.ProfileURL} {
			if seen[k][v] {
				t.Fatalf("duplicate %s %q", k, v)
			}
			seen[k][v] = true
		}
		full := m.FirstName + m.LastName
		cjk += count(full, unicode.Han, unicode.Hangul)
		cyrillic += count(full, unicode.Cyrillic)
		if strings.ContainsAny(full, "éüöäßñçłøåí") {
			accents++
		}
		if strings.Contains(full, "-") {
			hyphen++
		}
		if strings.Contains(full, "'") {
			apostrophe++
		}
		if strings.Contains(m.LastName, "ü") && strings.Contains(m.Email, "ue") {
			translit++
		}
		if m.OpenToWork {
			open++
		}
		if !strings.HasPrefix(m.ProfileURL, "https://www.linkedin.com/in/") || !strings.HasPrefix(m.PersonURN, "urn:li:person:") ||
			m.Headline == "" || m.Company == "" || m.Title == "" || m.Location == "" || !isASCII(m.Email) {
			t.Fatalf("incomplete member %+v", m)
		}
	}
	for what, n := range map[string]int{"CJK": cjk, "Cyrillic": cyrillic, "accented": accents,
		"hyphenated": hyphen, "apostrophe": apostrophe, "transliterated email": translit, "open to work": open} {
		if n < 20 {
			t.Errorf("%s names: %d of 10000, want many", what, n)
		}
	}
}

func TestGenerateTooSmall(t *testing.T) {
	err := linkedinsim.Generate(context.Background(), &memWriter{}, 1, 10)
	if linkedinsim.ErrorCode(err) != linkedinsim.EINVALID {
		t.Errorf("err = %v, want EINVALID", err)
	}
}

func TestFoldName(t *testing.T) {
	for in, want := range map[string]string{"José  Müller-Lüdenscheidt": "jose muller-ludenscheidt",
		"Łukasz Groß": "lukasz gross", "Анна": "анна", "Ærø": "aero"} {
		if got := linkedinsim.FoldName(in); got != want {
			t.Errorf("FoldName(%q) = %q, want %q", in, got, want)
		}
	}
}

func count(s string, tables ...*unicode.RangeTable) int {
	for _, r := range s {
		if unicode.In(r, tables...) {
			return 1
		}
	}
	return 0
}

func isASCII(s string) bool {
	for _, r := range s {
		if r > unicode.MaxASCII {
			return false
		}
	}
	return true
}
