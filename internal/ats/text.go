package ats

import (
	"net/url"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/cases"
	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

// cleanLine trims surrounding white space from a one-line field. Inner text
// is kept byte for byte: hostile-looking input is data, escaped on output.
func cleanLine(s string) string {
	return strings.TrimSpace(s)
}

// checkText records a problem when s is required and empty, too long
// (counted in characters), not UTF-8, or holds control characters other
// than tab and line breaks.
func checkText(p Problems, field, s string, max int, required bool) {
	switch {
	case required && strings.TrimSpace(s) == "":
		p.Add(field, "This field is required.")
	case !utf8.ValidString(s):
		p.Add(field, "Text must be valid UTF-8.")
	case utf8.RuneCountInString(s) > max:
		p.Add(field, "At most "+itoa(max)+" characters.")
	case hasControl(s):
		p.Add(field, "Text must not contain control characters.")
	}
}

func hasControl(s string) bool {
	return strings.ContainsFunc(s, func(r rune) bool {
		return unicode.IsControl(r) && r != '\t' && r != '\n' && r != '\r'
	})
}

func upperASCII(s string) string { return strings.ToUpper(s) }

func isCountryCode(s string) bool {
	return len(s) == 2 && s[0] >= 'A' && s[0] <= 'Z' && s[1] >= 'A' && s[1] <= 'Z'
}

// foldKey folds case and strips accents: "José MÜLLER" and "jose muller"
// give the same key. It is the basis of name search and of uniqueness
// checks that should ignore case.
func foldKey(s string) string {
	t := transform.Chain(norm.NFKD, runes.Remove(runes.In(unicode.Mn)), norm.NFC)
	out, _, err := transform.String(t, s)
	if err != nil {
		out = s
	}
	return cases.Fold().String(out)
}

// transliterations are extra spellings people type for some letters, so
// "Mueller" finds "Müller" and "Strasse" finds "Straße".
var transliterations = strings.NewReplacer("ä", "ae", "ö", "oe", "ü", "ue", "ß", "ss",
	"æ", "ae", "ø", "oe", "å", "aa", "œ", "oe", "ł", "l", "đ", "d", "þ", "th", "ı", "i")

// SearchKey returns the normalised text a candidate is found by: the folded
// parts, and their transliterated spellings where those differ, separated by
// spaces. Queries are folded with FoldQuery and matched as substrings of it.
func SearchKey(parts ...string) string {
	var keys []string
	for _, part := range parts {
		if part = strings.TrimSpace(part); part == "" {
			continue
		}
		keys = append(keys, foldKey(part))
		lower := cases.Fold().String(norm.NFC.String(part))
		if tr := foldKey(transliterations.Replace(lower)); tr != keys[len(keys)-1] {
			keys = append(keys, tr)
		}
	}
	return strings.Join(keys, " ")
}

// FoldQuery normalises a search query the way SearchKey normalises names,
// collapsing runs of white space.
func FoldQuery(q string) string {
	return strings.Join(strings.Fields(foldKey(q)), " ")
}

// NormalizeEmail returns the comparison form of an email address: trimmed
// and case-folded. Addresses are unique on this form.
func NormalizeEmail(s string) string {
	return strings.ToLower(strings.TrimSpace(s))
}

// validEmail is a deliberately loose check: one @, something on both sides,
// a dot in the domain, no spaces. Deliverability is the mail server's call.
func validEmail(s string) bool {
	at := strings.LastIndexByte(s, '@')
	if at < 1 || at == len(s)-1 || strings.ContainsAny(s, " \t\r\n<>,;\"") || len(s) > 254 {
		return false
	}
	return strings.Contains(s[at+1:], ".") && strings.Count(s, "@") == 1
}

func itoa(n int) string { return strconv.Itoa(n) }

func isHTTPURL(s string) bool {
	u, err := url.Parse(s)
	return err == nil && (u.Scheme == "https" || u.Scheme == "http") && u.Host != ""
}

// isPersonURN accepts LinkedIn member URNs, urn:li:person:<id>.
func isPersonURN(s string) bool {
	id, ok := strings.CutPrefix(s, "urn:li:person:")
	return ok && id != "" && len(id) <= 100 && !strings.ContainsAny(id, " :/\t\n")
}
