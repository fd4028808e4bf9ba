package storetest

import (
	"fmt"
	"testing"

	"attractor/internal/ats"
)

// testSearch covers FindCandidates. Queries are folded by the caller with
// ats.FoldQuery, as the domain does; queries of three or more characters
// take the engine's trigram index, shorter ones the fallback, and both must
// agree.
func testSearch(t *testing.T, open OpenFunc) {
	t.Run("FoldedSubstrings", testSearchFolded(open))
	t.Run("WildcardsAreLiteral", func(t *testing.T) {
		e := setup(t, open)
		mustCreateCandidate(t, e, "Under", "Score", "a_b@example.com")
		mustCreateCandidate(t, e, "Any", "Char", "axb@example.com")
		mustCreateCandidate(t, e, "Per", "Cent", "")
		e.view(t, func(tx ats.Tx) error {
			for _, q := range []string{"a_b", "_b", "a_b@"} {
				got, total, err := tx.FindCandidates(ats.CandidateFilter{Query: q})
				check(t, err)
				diff(t, "q="+q, firstNames(got), []string{"Under"})
				diff(t, "q="+q+" total", total, 1)
			}
			for _, q := range []string{`%"`, `x"y%`, `"a_b"`} {
				got, _, err := tx.FindCandidates(ats.CandidateFilter{Query: q})
				check(t, err)
				diff(t, "q="+q, firstNames(got), []string{})
			}
			return nil
		})
	})
	t.Run("PagingWithTotal", testSearchPaging(open))
	t.Run("IndexFollowsUpdateAndDelete", func(t *testing.T) {
		e := setup(t, open)
		c := mustCreateCandidate(t, e, "Ann", "Lee", "ann@example.com")
		gone := mustCreateCandidate(t, e, "Bea", "Leeward", "bea@example.com")
		c.LastName, c.SearchKey = "Okafor", ats.SearchKey("Ann Okafor", "ann@example.com")
		e.update(t, func(tx ats.Tx) error {
			check(t, tx.UpdateCandidate(c))
			return tx.DeleteCandidate(gone.ID)
		})
		e.view(t, func(tx ats.Tx) error {
			for q, want := range map[string][]string{"okafor": {"Ann"}, "lee": {}, "leeward": {}} {
				got, total, err := tx.FindCandidates(ats.CandidateFilter{Query: q})
				check(t, err)
				diff(t, "q="+q, firstNames(got), want)
				diff(t, "q="+q+" total", total, len(want))
			}
			return nil
		})
	})
}

func firstNames(cs []*ats.Candidate) []string {
	out := []string{}
	for _, c := range cs {
		out = append(out, c.FirstName)
	}
	return out
}

func testSearchFolded(open OpenFunc) func(*testing.T) {
	return func(t *testing.T) {
		e := setup(t, open)
		jose := mustCreateCandidate(t, e, "José", "Müller", "j.mueller@firma.example", "jm@home.example")
		mustCreateCandidate(t, e, "Ann", "Lee", "ann@example.com")
		mustCreateCandidate(t, e, "山田", "太郎", "yamada@example.jp")
		cases := []struct {
			q    string
			want []string
		}{
			{"jose", []string{"José"}},
			{"mull", []string{"José"}},
			{"MUELLER", []string{"José"}}, // transliterated spelling
			{"Jose Muller", []string{"José"}},
			{"firma.exa", []string{"José"}}, // primary email substring
			{"@home", []string{"José"}},     // other email substring
			{"jm", []string{"José"}},        // two characters: fallback path
			{"山田", []string{"山田"}},          // two characters: fallback path
			{"山田 太郎", []string{"山田"}},
			{"example", []string{"山田", "Ann", "José"}}, // newest first
			{"e", []string{"山田", "Ann", "José"}},
			{"zzz", []string{}},
		}
		e.view(t, func(tx ats.Tx) error {
			for _, c := range cases {
				got, total, err := tx.FindCandidates(ats.CandidateFilter{Query: ats.FoldQuery(c.q)})
				check(t, err)
				diff(t, fmt.Sprintf("q=%q names", c.q), firstNames(got), c.want)
				diff(t, fmt.Sprintf("q=%q total", c.q), total, len(c.want))
			}
			got, _, err := tx.FindCandidates(ats.CandidateFilter{Query: "jose"})
			check(t, err)
			diff(t, "full record", got, []*ats.Candidate{jose})
			return nil
		})
	}
}

func testSearchPaging(open OpenFunc) func(*testing.T) {
	return func(t *testing.T) {
		e := setup(t, open)
		for i := range 7 {
			c := newCandidate(fmt.Sprintf("Müller%d", i), "Schmidt", fmt.Sprintf("m%d@example.com", i))
			c.CreatedAt = at(i)
			e.update(t, func(tx ats.Tx) error { return tx.CreateCandidate(c) })
		}
		ann := newCandidate("Ann", "Lee", "ann@example.com")
		ann.CreatedAt = at(10)
		e.update(t, func(tx ats.Tx) error { return tx.CreateCandidate(ann) })
		e.view(t, func(tx ats.Tx) error {
			for _, q := range []string{"mueller", "mu"} {
				got, total, err := tx.FindCandidates(ats.CandidateFilter{Query: q, Page: ats.Page{Limit: 3, Offset: 3}})
				check(t, err)
				diff(t, "q="+q+" page", firstNames(got), []string{"Müller3", "Müller2", "Müller1"})
				diff(t, "q="+q+" total", total, 7)
				got, total, err = tx.FindCandidates(ats.CandidateFilter{Query: q, Page: ats.Page{Limit: 3, Offset: 10}})
				check(t, err)
				diff(t, "q="+q+" past the end", firstNames(got), []string{})
				diff(t, "q="+q+" past the end total", total, 7)
			}
			got, total, err := tx.FindCandidates(ats.CandidateFilter{Page: ats.Page{Limit: 2}})
			check(t, err)
			diff(t, "no query page", firstNames(got), []string{"Ann", "Müller6"})
			diff(t, "no query total", total, 8)
			return nil
		})
	}
}
