package linkedinsim

import (
	"strings"
	"unicode"

	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

// letterFolds are the Latin letters that carry no combining mark to strip
// (ß, ł, ø, æ, …), so NFKD alone would keep them.
var letterFolds = strings.NewReplacer("ß", "ss", "ẞ", "ss", "ł", "l", "Ł", "l", "ø", "o", "Ø", "o",
	"đ", "d", "Đ", "d", "æ", "ae", "Æ", "ae", "œ", "oe", "Œ", "oe", "ı", "i", "þ", "th", "ð", "d")

// germanFolds transliterate umlauts the German way (Müller → Mueller),
// which is how many people with such names write their email address.
var germanFolds = strings.NewReplacer("ä", "ae", "ö", "oe", "ü", "ue", "Ä", "ae", "Ö", "oe", "Ü", "ue")

// stripMarks removes accents: decompose, drop combining marks, recompose.
func stripMarks(s string) string {
	t := transform.Chain(norm.NFKD, runes.Remove(runes.In(unicode.Mn)), norm.NFC)
	out, _, err := transform.String(t, s)
	if err != nil {
		return s
	}
	return out
}

// FoldName is the key names are compared and ordered by: lower case,
// accents removed, ß/ł/ø… spelled out, spaces collapsed. Non-Latin scripts
// keep their letters (lower-cased), so "Анна" and "анна" meet.
func FoldName(s string) string {
	s = stripMarks(letterFolds.Replace(strings.ToLower(s)))
	return strings.Join(strings.Fields(s), " ")
}

// EmailKey is the key emails are unique and matched by.
func EmailKey(email string) string { return strings.ToLower(strings.TrimSpace(email)) }

// asciiWord reduces a name to lower-case ASCII letters for emails and
// profile URLs: German umlauts become ae/oe/ue when german is set and lose
// their dots otherwise; other accents are stripped; anything that is not a
// letter (apostrophes, hyphens, spaces) is dropped.
func asciiWord(nm name, german bool) string {
	if nm.latin != "" {
		return nm.latin
	}
	s := nm.native
	if german {
		s = germanFolds.Replace(s)
	}
	s = stripMarks(letterFolds.Replace(strings.ToLower(s)))
	return strings.Map(func(r rune) rune {
		if r >= 'a' && r <= 'z' {
			return r
		}
		return -1
	}, s)
}
