package linkedinsim

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestNormalizeProfileURL(t *testing.T) {
	const want = "https://www.linkedin.com/in/jurgen-muller-1a2b"
	tests := []struct {
		in   string
		want string
		ok   bool
	}{
		{"https://www.linkedin.com/in/jurgen-muller-1a2b", want, true},
		{"http://linkedin.com/in/Jurgen-Muller-1A2B/", want, true},
		{"www.linkedin.com/in/jurgen-muller-1a2b?trk=public_profile#about", want, true},
		{"  https://de.linkedin.com/in/jurgen-muller-1a2b/details/skills/ ", want, true},
		{"https://WWW.LinkedIn.com/IN/jurgen-muller-1a2b", want, true},
		{"https://m.linkedin.com/in/jurgen-muller-1a2b", want, true},
		{"https://www.linkedin.com/company/contoso", "", false},
		{"https://www.linkedin.com/in/", "", false},
		{"https://evil.example/in/jurgen-muller-1a2b", "", false},
		{"https://linkedin.com.evil.example/in/x", "", false},
		{"", "", false},
	}
	for _, tt := range tests {
		got, ok := NormalizeProfileURL(tt.in)
		if got != tt.want || ok != tt.ok {
			t.Errorf("NormalizeProfileURL(%q) = %q, %v; want %q, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

func TestNormalizePersonURN(t *testing.T) {
	tests := []struct {
		in, want string
		ok       bool
	}{
		{"urn:li:person:Ab3dE_9-xY", "urn:li:person:Ab3dE_9-xY", true},
		{" Ab3dE9xYz0 ", "urn:li:person:Ab3dE9xYz0", true},
		{"urn:li:seat:123", "", false},
		{"urn:li:person:", "", false},
		{"ab cd", "", false},
		{"", "", false},
	}
	for _, tt := range tests {
		got, ok := NormalizePersonURN(tt.in)
		if got != tt.want || ok != tt.ok {
			t.Errorf("NormalizePersonURN(%q) = %q, %v; want %q, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

func TestEmailKey(t *testing.T) {
	for in, want := range map[string]string{
		" Jurgen.Muller@Example.COM ": "jurgen.muller@example.com",
		"a@b.c":                       "a@b.c",
	} {
		if got := EmailKey(in); got != want {
			t.Errorf("EmailKey(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestMatchKey checks that the spellings one person is known by share a
// key, and that different names do not.
func TestMatchKey(t *testing.T) {
	same := [][2][2]string{
		{{"Jürgen", "Müller"}, {"Juergen", "Mueller"}},
		{{"Jürgen", "Müller"}, {"JURGEN", "MULLER"}},
		{{"Käthe", "Groß"}, {"Kaethe", "Gross"}},
		{{"Søren", "Sørensen"}, {"Soeren", "Soerensen"}},
		{{"Åsa", "Ångström"}, {"Aasa", "Aangstroem"}},
		{{"Łukasz", "Wiśniewski"}, {"Lukasz", "Wisniewski"}},
		{{"Ömer", "Öztürk"}, {"Oemer", "Oeztuerk"}},
		{{"Çağla", "Şahin"}, {"Cagla", "Sahin"}},
		{{"Siobhán", "O'Brien"}, {"Siobhan", "OBrien"}},
		{{"Anna-Lena", "von Döhren"}, {"Anna Lena", "Von Doehren"}},
		{{"Bjørn", "Ærøskøbing"}, {"Bjoern", "Aeroeskoebing"}},
		{{"Анна", "Иванов"}, {"анна", "ИВАНОВ"}},
	}
	for _, p := range same {
		a, b := MatchKey(p[0][0], p[0][1]), MatchKey(p[1][0], p[1][1])
		if a != b {
			t.Errorf("MatchKey(%v) = %q, MatchKey(%v) = %q; want equal", p[0], a, p[1], b)
		}
	}
	if a, b := MatchKey("Jürgen", "Müller"), MatchKey("Jürgen", "Möller"); a == b {
		t.Errorf("Müller and Möller share key %q", a)
	}
	if got, want := MatchKey("İbrahim", "Kılıç"), "ibrahim kilic"; got != want {
		t.Errorf("MatchKey(İbrahim Kılıç) = %q, want %q", got, want)
	}
}

func TestBlockChunks(t *testing.T) {
	tests := map[string][]string{
		"muller": {"mul", "ler"}, "jurgen": {"jur", "gen"}, "smith": {"smi", "ith"},
		"anna": {"ann", "nna"}, "kim": {"kim"}, "li": nil, "山田": nil,
	}
	for in, want := range tests {
		if got := blockChunks(in); !cmp.Equal(got, want) {
			t.Errorf("blockChunks(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestNameBlock(t *testing.T) {
	got := newNameQuery(CandidateFacts{FirstName: "Jürgen", LastName: "Müller"}).block()
	want := NameBlock{Terms: [][]string{{"jurgen muller"}, {"muller jurgen"},
		{"jurgen", "mul"}, {"jurgen", "ler"}, {"muller", "jur"}, {"muller", "gen"}}}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("block mismatch (-want +got):\n%s", d)
	}
	short := newNameQuery(CandidateFacts{FirstName: "Wei", LastName: "Li"}).block()
	if want := [][]string{{"wei li"}, {"li wei"}}; !cmp.Equal(short.Terms, want) {
		t.Errorf("short block = %q, want %q", short.Terms, want)
	}
}

// TestRank checks the order suggestions come in: the better name first,
// then job facts breaking ties between equal names, swapped names just
// below the same name in order, and strangers not at all.
func TestRank(t *testing.T) {
	members := []Member{
		{ID: 1, FirstName: "Jürgen", LastName: "Müller", Company: "Initech", Title: "Teacher", Location: "Köln, Germany"},
		{ID: 2, FirstName: "Jürgen", LastName: "Müller", Company: "Contoso", Title: "Controller", Location: "Berlin, Germany"},
		{ID: 3, FirstName: "Müller", LastName: "Jürgen", Company: "Contoso", Title: "Controller", Location: "Berlin, Germany"},
		{ID: 4, FirstName: "Jörg", LastName: "Müller", Company: "Contoso", Title: "Controller", Location: "Berlin, Germany"},
		{ID: 5, FirstName: "Jürgen", LastName: "Möller", Company: "Initech", Title: "Teacher", Location: "Hamburg, Germany"},
		{ID: 6, FirstName: "Jürgen", LastName: "Köhler", Company: "Contoso", Title: "Controller", Location: "Berlin, Germany"},
		{ID: 7, FirstName: "Juergen", LastName: "Mueller", Company: "Initech", Title: "Teacher", Location: "Köln, Germany"},
	}
	tests := []struct {
		name  string
		facts CandidateFacts
		want  []int64
	}{
		{"CompanyBreaksTie", CandidateFacts{FirstName: "Juergen", LastName: "Mueller", Company: "contoso",
			Title: "Controller", Location: "Berlin"}, []int64{2, 3, 1, 7, 4}},
		{"NoFactsOlderFirst", CandidateFacts{FirstName: "Jurgen", LastName: "Muller"}, []int64{1, 2, 7, 3, 5}},
		{"Stranger", CandidateFacts{FirstName: "Zebulon", LastName: "Quackenbush", Company: "Contoso"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []int64
			for _, s := range newNameQuery(tt.facts).rank(members, MaxSuggestions) {
				got = append(got, s.Member.ID)
			}
			if !cmp.Equal(got, tt.want) {
				t.Errorf("ranked ids = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestMatchResultPersonURNs(t *testing.T) {
	exact := MatchResult{Exact: &Member{PersonURN: "urn:li:person:a"}}
	named := MatchResult{Suggestions: []Suggestion{{Member: Member{PersonURN: "urn:li:person:b"}},
		{Member: Member{PersonURN: "urn:li:person:c"}}}}
	if got := exact.PersonURNs(); !cmp.Equal(got, []string{"urn:li:person:a"}) {
		t.Errorf("exact = %v", got)
	}
	if got := named.PersonURNs(); !cmp.Equal(got, []string{"urn:li:person:b", "urn:li:person:c"}) {
		t.Errorf("suggestions = %v", got)
	}
	if got := (MatchResult{}).PersonURNs(); len(got) != 0 {
		t.Errorf("none = %v", got)
	}
}
