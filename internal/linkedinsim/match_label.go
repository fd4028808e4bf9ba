package linkedinsim

import (
	"math/rand/v2"
	"strconv"
	"strings"
)

// Kinds of labelled candidates: how a candidate was derived from its
// member, or a decoy that names nobody.
const (
	LabelTypo      = "typo"     // one edit in the first or the last name
	LabelNoAccent  = "noaccent" // accents and ß/ł/ø dropped: Jurgen Muller
	LabelTranslit  = "translit" // transliterated: Juergen Mueller, Soeren
	LabelSwapped   = "swapped"  // first and last name exchanged
	LabelNewEmail  = "newemail" // exact name, but an email LinkedIn does not know
	LabelDecoy     = "decoy"    // an invented name: the right answer is no match
	labelKindCount = 6
)

// LabelledCandidate is a candidate with the member it should match (0 for
// a decoy), for measuring match quality.
type LabelledCandidate struct {
	Facts CandidateFacts
	Kind  string
	Want  int64 // member id, 0 when nothing should match
}

// translitFolds spell letters the way ASCII-only systems often do.
var translitFolds = strings.NewReplacer("ä", "ae", "ö", "oe", "ü", "ue", "Ä", "Ae", "Ö", "Oe", "Ü", "Ue",
	"ß", "ss", "ø", "oe", "Ø", "Oe", "å", "aa", "Å", "Aa", "æ", "ae", "Æ", "Ae")

// LabelledCandidates derives n candidates from the world with seed and
// members, deterministically from labelSeed: kinds in rotation, members at
// random, job facts kept with the chances an ATS record has them (company
// 80%, title and location 60%). No candidate carries its member's email,
// profile URL or URN, so all of them exercise name matching.
func LabelledCandidates(seed int64, members, n int, labelSeed uint64) []LabelledCandidate {
	r := rand.New(rand.NewPCG(labelSeed, uint64(seed)))
	out := make([]LabelledCandidate, n)
	for i := range out {
		kind := []string{LabelTypo, LabelNoAccent, LabelTranslit, LabelSwapped, LabelNewEmail, LabelDecoy}[i%labelKindCount]
		if kind == LabelDecoy {
			out[i] = decoy(r, i)
			continue
		}
		m := GenerateMember(seed, 1+r.Int64N(int64(members)))
		out[i] = LabelledCandidate{Kind: kind, Want: m.ID, Facts: derive(r, &m, kind, i)}
	}
	return out
}

// derive turns member m into a candidate of kind.
func derive(r *rand.Rand, m *Member, kind string, i int) CandidateFacts {
	c := CandidateFacts{FirstName: m.FirstName, LastName: m.LastName,
		Emails: []string{"candidate" + strconv.Itoa(i) + "@ats-private.example"}}
	if r.IntN(100) < 80 {
		c.Company = m.Company
	}
	if r.IntN(100) < 60 {
		c.Title = m.Title
	}
	if r.IntN(100) < 60 {
		c.Location = m.Location
	}
	switch kind {
	case LabelTypo:
		if r.IntN(2) == 0 {
			c.FirstName = typo(r, c.FirstName)
		} else {
			c.LastName = typo(r, c.LastName)
		}
	case LabelNoAccent:
		c.FirstName, c.LastName = stripMarks(letterFolds.Replace(c.FirstName)), stripMarks(letterFolds.Replace(c.LastName))
	case LabelTranslit:
		c.FirstName, c.LastName = stripMarks(translitFolds.Replace(c.FirstName)), stripMarks(translitFolds.Replace(c.LastName))
	case LabelSwapped:
		c.FirstName, c.LastName = c.LastName, c.FirstName
	}
	return c
}

// typo applies one random edit (substitute, delete, insert or swap two
// neighbours) to s, never returning s unchanged.
func typo(r *rand.Rand, s string) string {
	rs := []rune(s)
	if len(rs) < 2 {
		return s + "x"
	}
	i := r.IntN(len(rs) - 1)
	letter := rune('a' + r.IntN(26))
	var out []rune
	switch r.IntN(4) {
	case 0:
		if rs[i] == letter {
			letter = 'z' - (letter - 'a')
		}
		out = append(append(append(out, rs[:i]...), letter), rs[i+1:]...)
	case 1:
		out = append(append(out, rs[:i]...), rs[i+1:]...)
	case 2:
		out = append(append(append(out, rs[:i]...), letter), rs[i:]...)
	default:
		out = append(append(append(out, rs[:i]...), rs[i+1], rs[i]), rs[i+2:]...)
	}
	if string(out) == s {
		return s + "x"
	}
	return string(out)
}

// decoySyllables build names that no locale of the generator uses.
var decoySyllables = []string{"quor", "zin", "vex", "thra", "mox", "pell", "drun", "kess", "yff",
	"olv", "brak", "sny", "wib", "gorp", "fen", "tasz"}

// decoy invents a candidate that names nobody, with ordinary job facts.
func decoy(r *rand.Rand, i int) LabelledCandidate {
	word := func(parts int) string {
		var b strings.Builder
		for range parts {
			b.WriteString(decoySyllables[r.IntN(len(decoySyllables))])
		}
		s := b.String()
		return strings.ToUpper(s[:1]) + s[1:]
	}
	loc := &locales[r.IntN(len(locales))]
	return LabelledCandidate{Kind: LabelDecoy, Facts: CandidateFacts{
		FirstName: word(2), LastName: word(3), Company: pickS(r, companies), Title: pickS(r, titles),
		Location: pickS(r, loc.places), Emails: []string{"decoy" + strconv.Itoa(i) + "@ats-private.example"}}}
}
