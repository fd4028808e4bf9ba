package simstoretest

import (
	"strings"
	"testing"
	"unicode"

	"attractor/internal/linkedinsim"
)

// testMatch checks the member lookups name matching rests on, through the
// service, so each engine's index and SQL are exercised end to end.
func testMatch(t *testing.T, open OpenFunc) {
	t.Run("Exact", func(t *testing.T) {
		s := setup(t, open)
		check(t, linkedinsim.Generate(ctx, s, 3, 200))
		svc := linkedinsim.NewService(s, nil)
		m := linkedinsim.GenerateMember(3, 42)
		slug := strings.TrimPrefix(m.ProfileURL, "https://www.linkedin.com/in/")
		tests := []struct {
			name  string
			facts linkedinsim.CandidateFacts
			by    linkedinsim.MatchMethod
		}{
			{"EmailFolded", linkedinsim.CandidateFacts{Emails: []string{"nobody@x.example", " " + strings.ToUpper(m.Email)}}, linkedinsim.MatchByEmail},
			{"ProfileURL", linkedinsim.CandidateFacts{ProfileURL: "http://de.linkedin.com/in/" + strings.ToUpper(slug) + "/?trk=abc"}, linkedinsim.MatchByProfileURL},
			{"PersonURN", linkedinsim.CandidateFacts{PersonURN: m.PersonURN, FirstName: "Some", LastName: "Body"}, linkedinsim.MatchByPersonURN},
			{"BarePersonID", linkedinsim.CandidateFacts{PersonURN: strings.TrimPrefix(m.PersonURN, "urn:li:person:")}, linkedinsim.MatchByPersonURN},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				got, err := svc.MatchCandidate(ctx, tt.facts)
				check(t, err)
				if got.Exact == nil || got.Exact.ID != 42 || got.By != tt.by {
					t.Fatalf("exact = %+v by %q, want member 42 by %q", got.Exact, got.By, tt.by)
				}
				diff(t, "person URNs", got.PersonURNs(), []string{m.PersonURN})
			})
		}
	})
	t.Run("NoMatch", func(t *testing.T) {
		s := setup(t, open)
		check(t, linkedinsim.Generate(ctx, s, 3, 200))
		got, err := linkedinsim.NewService(s, nil).MatchCandidate(ctx, linkedinsim.CandidateFacts{
			FirstName: "Quorvex", LastName: "Thrabrakdrun", Emails: []string{"q@nowhere.example"},
			ProfileURL: "https://www.linkedin.com/in/nobody-at-all", PersonURN: "urn:li:person:zzzzzzzzzz"})
		check(t, err)
		if got.Exact != nil || len(got.Suggestions) != 0 {
			t.Errorf("result = %+v, want no match", got)
		}
	})
	t.Run("NameSuggestion", func(t *testing.T) {
		s := setup(t, open)
		check(t, linkedinsim.Generate(ctx, s, 3, 300))
		svc := linkedinsim.NewService(s, nil)
		m := latinMember(t, 3, 300)
		facts := linkedinsim.CandidateFacts{FirstName: m.LastName, LastName: strings.ToUpper(m.FirstName),
			Company: m.Company, Title: m.Title, Location: m.Location}
		got, err := svc.MatchCandidate(ctx, facts)
		check(t, err)
		if len(got.Suggestions) == 0 || got.Suggestions[0].Member.ID != m.ID {
			t.Fatalf("suggestions for %q %q = %+v, want member %d first", m.FirstName, m.LastName, got.Suggestions, m.ID)
		}
		if got.Suggestions[0].Reasons[0] != linkedinsim.ReasonNameSwapped {
			t.Errorf("reasons = %v, want name_swapped first", got.Suggestions[0].Reasons)
		}
	})
}

// latinMember returns the first member of the world whose names are long
// Latin words, so a swapped-name lookup has something to find.
func latinMember(t *testing.T, seed int64, n int) linkedinsim.Member {
	t.Helper()
	for id := int64(1); id <= int64(n); id++ {
		m := linkedinsim.GenerateMember(seed, id)
		if !m.Closed && len(m.FirstName) >= 4 && len(m.LastName) >= 4 && isLatin(m.FirstName+m.LastName) {
			return m
		}
	}
	t.Fatal("no member with Latin names")
	return linkedinsim.Member{}
}

func isLatin(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) && !unicode.In(r, unicode.Latin) {
			return false
		}
	}
	return true
}
