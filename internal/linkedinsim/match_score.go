package linkedinsim

import (
	"cmp"
	"slices"
	"strings"

	"github.com/adrg/strutil/metrics"
)

// Scoring weights and thresholds, tuned on the labelled set
// (match_label.go): a one-letter typo in a six-letter name still scores
// above minNameScore; a stranger who merely shares a last name does not.
const (
	firstWeight  = 0.45 // the last name tells more than the first
	lastWeight   = 0.55
	minPartScore = 0.75 // each of first and last must resemble its match
	minNameScore = 0.86 // the "no match found" threshold
	swapPenalty  = 0.02 // prefer the order the ATS gave when both fit
	sameEnough   = 0.92 // company, title, location agree at this similarity

	companyBoost  = 0.04
	titleBoost    = 0.025
	locationBoost = 0.02
)

// jaroWinkler compares match words, which are already lower case.
var jaroWinkler = &metrics.JaroWinkler{CaseSensitive: true}

// nameQuery is a candidate in the form scoring compares. Its memo maps
// remember per distinct member word or job fact what it scored, because a
// block of a thousand members holds only a few dozen distinct names.
type nameQuery struct {
	first, last                string // matchWord forms
	company, title, location   string // matchWord forms; location up to the first comma
	firstSim, lastSim, factSim map[string]float64
	words                      map[string]string
}

// newNameQuery prepares c for blocking and scoring.
func newNameQuery(c CandidateFacts) *nameQuery {
	return &nameQuery{first: matchWord(c.FirstName), last: matchWord(c.LastName),
		company: matchWord(c.Company), title: matchWord(c.Title), location: city(c.Location),
		firstSim: map[string]float64{}, lastSim: map[string]float64{}, factSim: map[string]float64{},
		words: map[string]string{}}
}

// empty reports a candidate with no usable name.
func (q *nameQuery) empty() bool { return q.first == "" && q.last == "" }

// city is the part of a location before its first comma ("Berlin" of
// "Berlin, Germany"), the part ATS and LinkedIn spellings share most.
func city(loc string) string {
	c, _, _ := strings.Cut(loc, ",")
	return matchWord(c)
}

// block lists the trigram lookups that find the candidate's members: the
// whole key in both orders (exact and swapped names, also short ones), and
// for each name word, that word together with one chunk of another word.
// One typo breaks at most one word and one chunk of it, so some term holds.
func (q *nameQuery) block() NameBlock {
	var b NameBlock
	seen := map[string]bool{}
	add := func(term ...string) {
		for _, s := range term {
			if runeLen(s) < 3 {
				return
			}
		}
		if k := strings.Join(term, "\x00"); !seen[k] {
			seen[k] = true
			b.Terms = append(b.Terms, term)
		}
	}
	add(strings.TrimSpace(q.first + " " + q.last))
	add(strings.TrimSpace(q.last + " " + q.first))
	words := strings.Fields(q.first + " " + q.last)
	for i, w := range words {
		for j, o := range words {
			if i == j {
				continue
			}
			for _, c := range blockChunks(o) {
				add(w, c)
			}
		}
	}
	return b
}

// exactTerms are the terms of block that hold the whole key, the first
// two it adds.
func (q *nameQuery) exactTerms() [][]string {
	var out [][]string
	for _, t := range q.block().Terms {
		if len(t) == 1 && strings.Contains(t[0], " ") {
			out = append(out, t)
		}
	}
	return out
}

// rank scores members against the candidate and returns the best n above
// the threshold, best first; ties go to the older member id, so results
// are stable.
func (q *nameQuery) rank(members []Member, n int) []Suggestion {
	var out []Suggestion
	for i := range members {
		if s, ok := q.score(&members[i]); ok {
			out = append(out, s)
		}
	}
	slices.SortFunc(out, func(a, b Suggestion) int {
		if c := cmp.Compare(b.Score, a.Score); c != 0 {
			return c
		}
		return cmp.Compare(a.Member.ID, b.Member.ID)
	})
	return out[:min(n, len(out))]
}

// score rates one member: the name similarity in the better of the two
// orders, then boosts for each job fact that agrees. ok is false below the
// threshold.
func (q *nameQuery) score(m *Member) (Suggestion, bool) {
	mf, ml := q.word(m.FirstName), q.word(m.LastName)
	name, reason := q.nameScore(mf, ml), ReasonName
	if swapped := q.nameScore(ml, mf) - swapPenalty; swapped > name {
		name, reason = swapped, ReasonNameSwapped
	}
	if name < minNameScore {
		return Suggestion{}, false
	}
	s := Suggestion{Member: *m, Score: name, Reasons: []string{reason}}
	facts := []struct {
		want, got, reason string
		boost             float64
	}{
		{q.company, m.Company, ReasonCompany, companyBoost},
		{q.title, m.Title, ReasonTitle, titleBoost},
		{q.location, m.Location, ReasonLocation, locationBoost},
	}
	for _, f := range facts {
		if f.reason == ReasonLocation && q.agrees(f.want, city(f.got)) ||
			f.reason != ReasonLocation && q.agrees(f.want, q.word(f.got)) {
			s.Score += f.boost
			s.Reasons = append(s.Reasons, f.reason)
		}
	}
	return s, true
}

// nameScore compares the candidate's first and last name with a member's,
// in that order. A candidate with only one name is compared on the whole
// key, so "Müller" alone can still find a Müller.
func (q *nameQuery) nameScore(mf, ml string) float64 {
	if q.first == "" || q.last == "" {
		return memo(q.lastSim, mf+" "+ml, strings.TrimSpace(q.first+" "+q.last))
	}
	f, l := memo(q.firstSim, mf, q.first), memo(q.lastSim, ml, q.last)
	if f < minPartScore || l < minPartScore {
		return 0
	}
	return firstWeight*f + lastWeight*l
}

// agrees reports whether a candidate's job fact matches the member's; an
// unknown fact never does.
func (q *nameQuery) agrees(want, got string) bool {
	if want == "" || got == "" {
		return false
	}
	return want == got || memo(q.factSim, want+"\x00"+got, want) >= sameEnough
}

// word is matchWord, remembered per distinct input.
func (q *nameQuery) word(s string) string {
	w, ok := q.words[s]
	if !ok {
		w = matchWord(s)
		q.words[s] = w
	}
	return w
}

// memo returns the Jaro-Winkler similarity of key's text and want, caching
// it under key. For fact pairs the key carries both texts.
func memo(cache map[string]float64, key, want string) float64 {
	if v, ok := cache[key]; ok {
		return v
	}
	got := key
	if i := strings.IndexByte(key, 0); i >= 0 {
		got = key[i+1:]
	}
	v := jaroWinkler.Compare(want, got)
	cache[key] = v
	return v
}
