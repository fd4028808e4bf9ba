package linkedinsim

import (
	"net/url"
	"strings"
	"unicode"
	"unicode/utf8"
)

// digraphFolds collapse the spellings that transliteration produces onto
// the letter they stand for, after accents are gone: Müller → muller and
// Mueller → muller, Groß → gross → gros and Gross → gros, Søren → soren and
// Soeren → soren, Ångström → angstrom and Aangstroem → angstrom. Applied to
// both sides of a comparison it makes the German, Scandinavian and Polish
// conventions meet, at the price of rare collisions (Michael ~ Michal) that
// the Jaro-Winkler score barely notices anyway.
var digraphFolds = strings.NewReplacer("ue", "u", "oe", "o", "ae", "a", "aa", "a", "ss", "s")

// matchWord is one name in the form matching compares: folded like FoldName
// (lower case, accents and ß/ł/ø/ı spelled out), transliteration digraphs
// collapsed, apostrophes dropped (O'Connor = OConnor) and every other
// non-letter, non-digit a space (Anna-Lena = Anna Lena).
func matchWord(s string) string {
	s = digraphFolds.Replace(stripMarks(letterFolds.Replace(strings.ToLower(s))))
	s = strings.Map(func(r rune) rune {
		switch {
		case r == '\'' || r == '’' || r == 'ʼ' || r == '`' || r == '.':
			return -1
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			return r
		}
		return ' '
	}, s)
	return strings.Join(strings.Fields(s), " ")
}

// MatchKey is the name key members are blocked on: matchWord of the first
// and the last name, joined by a space. The generator stores it on every
// member (members.match_key), and candidates are turned into the same form,
// so "Jürgen Müller", "Juergen Mueller" and "Jurgen Muller" share one key.
func MatchKey(first, last string) string {
	return strings.TrimSpace(matchWord(first) + " " + matchWord(last))
}

// NormalizeProfileURL reduces a LinkedIn public profile URL to the form
// members store, https://www.linkedin.com/in/{slug}: any scheme or none,
// any linkedin.com host (www, country and mobile subdomains), the slug
// lower-cased (LinkedIn treats vanity names case-insensitively), and no
// trailing slash, sub-page, query or fragment. ok is false for anything
// that is not a profile URL.
func NormalizeProfileURL(raw string) (norm string, ok bool) {
	s := strings.TrimSpace(raw)
	if s == "" {
		return "", false
	}
	if !strings.Contains(s, "://") {
		s = "https://" + s
	}
	u, err := url.Parse(s)
	if err != nil {
		return "", false
	}
	host := strings.ToLower(u.Hostname())
	if host != "linkedin.com" && !strings.HasSuffix(host, ".linkedin.com") {
		return "", false
	}
	parts := strings.Split(strings.Trim(u.Path, "/"), "/")
	if len(parts) < 2 || strings.ToLower(parts[0]) != "in" || parts[1] == "" {
		return "", false
	}
	return "https://www.linkedin.com/in/" + url.PathEscape(strings.ToLower(parts[1])), true
}

// NormalizePersonURN accepts a person URN or a bare LinkedIn person id and
// returns the URN; ok is false for anything else, so a malformed id never
// reaches the store.
func NormalizePersonURN(raw string) (urn string, ok bool) {
	s := strings.TrimSpace(raw)
	id := strings.TrimPrefix(s, personURNPrefix)
	if id == "" || strings.Contains(id, ":") || !utf8.ValidString(id) {
		return "", false
	}
	for _, r := range id {
		if !(r == '-' || r == '_' || r < unicode.MaxASCII && (unicode.IsLetter(r) || unicode.IsDigit(r))) {
			return "", false
		}
	}
	return personURNPrefix + id, true
}

// blockChunks are the pieces of a word at least one of which survives any
// single edit: the two halves of a long word, the first and last three
// letters of a four- or five-letter word, a three-letter word whole.
// Shorter words give none: trigram indexes cannot look them up.
func blockChunks(w string) []string {
	r := []rune(w)
	switch n := len(r); {
	case n >= 6:
		return []string{string(r[:n/2]), string(r[n/2:])}
	case n >= 4:
		return []string{string(r[:3]), string(r[n-3:])}
	case n == 3:
		return []string{w}
	}
	return nil
}

// runeLen is the length the trigram indexes count in.
func runeLen(s string) int { return utf8.RuneCountInString(s) }
