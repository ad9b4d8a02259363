package aspnet

import (
	"strings"
	"unicode"
)

// Identities make one entity of two writes that name it alike: a write that would make a
// school, event, organisation or key area the graph already has finds it by its identity
// (stored as PropIdentity, unique per label) and changes nothing. They are computed here, once,
// and given to the store's statements as parameters.

// SchoolIdentity is the identity of a school: its name as identities hold names (IdentityName),
// '|', and the key of its city ("" for none).
func SchoolIdentity(name, cityKey string) string { return IdentityName(name) + "|" + cityKey }

// EventIdentity is the identity of an event: its name as identities hold names, '|', and its
// date as given (Date.String), so that events of one name on different dates differ.
func EventIdentity(name string, date Date) string { return IdentityName(name) + "|" + date.String() }

// NameIdentity is the identity of an organisation or a key area: its name as identities hold
// names.
func NameIdentity(name string) string { return IdentityName(name) }

// IdentityName is a name as identities hold it: trimmed and lowercased exactly as Neo4j's
// toLower(trim(name)) makes it, so that identities written before they were computed here
// stay found. Neo4j trims what Java's Character.isWhitespace calls space (not U+0085, U+00A0,
// U+2007 or U+202F, which Go's unicode.IsSpace includes, but U+001C to U+001F, which it does
// not) and lowercases as Java's String.toLowerCase does: U+0130 (İ) becomes "i̇" and a final
// capital sigma "ς" (both unlike Go's strings.ToLower), every other letter by its simple
// lowercase mapping. (For letters that Unicode gave a case after version 13, Java 17, which
// Neo4j may run on, keeps the letter as it is; Go lowercases it.)
func IdentityName(name string) string {
	name = strings.TrimFunc(name, javaSpace)
	if !strings.ContainsAny(name, "\u0130\u03a3") {
		return strings.ToLower(name)
	}
	rs := []rune(name)
	var b strings.Builder
	for i, r := range rs {
		switch r {
		case '\u0130':
			b.WriteString("i\u0307")
		case '\u03a3':
			if finalSigma(rs, i) {
				b.WriteRune('\u03c2')
			} else {
				b.WriteRune('\u03c3')
			}
		default:
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return b.String()
}

// javaSpace reports whether Java's Character.isWhitespace holds for r.
func javaSpace(r rune) bool {
	switch r {
	case '\u0085', '\u00a0', '\u2007', '\u202f':
		return false
	case '\u001c', '\u001d', '\u001e', '\u001f':
		return true
	}
	return unicode.IsSpace(r)
}

// finalSigma reports whether the capital sigma at rs[i] ends a word, as Java decides it: a cased
// letter comes before it and none after it within its word (word boundaries as javaWordBoundary
// finds them).
func finalSigma(rs []rune, i int) bool {
	for j := i; j > 0 && !javaWordBoundary(rs, j); j-- {
		if cased(rs[j-1]) {
			for k := i + 1; k < len(rs) && !javaWordBoundary(rs, k); k++ {
				if cased(rs[k]) {
					return false
				}
			}
			return true
		}
	}
	return false
}

// cased reports whether r is a cased letter, as Java's final-sigma rule counts them.
func cased(r rune) bool {
	return unicode.In(r, unicode.Lu, unicode.Ll, unicode.Lt, unicode.Other_Lowercase, unicode.Other_Uppercase)
}

// javaWordBoundary reports whether a word boundary lies before rs[i], after the rules of
// Unicode's word boundaries (UAX #29) that decide the words of names: letters and digits run
// on, through marks and format characters, through an apostrophe, period or colon between
// letters and through a period, comma or apostrophe between digits.
func javaWordBoundary(rs []rune, i int) bool {
	if i <= 0 || i >= len(rs) {
		return true
	}
	if extend(rs[i]) {
		return false
	}
	// Marks and format characters belong to what they follow.
	a := i - 1
	for a > 0 && extend(rs[a]) {
		a--
	}
	before, after := rs[a], rs[i]
	if word(before) && word(after) {
		return false
	}
	// Letter (mid) × letter, and digit (mid) × digit, either side of the middle character.
	if i+1 < len(rs) && word(before) && midBetween(before, after, rs[i+1]) {
		return false
	}
	if a > 0 && word(after) {
		b := a - 1
		for b > 0 && extend(rs[b]) {
			b--
		}
		if word(rs[b]) && midBetween(rs[b], before, after) {
			return false
		}
	}
	return true
}

// midBetween reports whether mid joins x and y into one word: an apostrophe, period or colon
// between letters, a period, comma, semicolon or apostrophe between digits.
func midBetween(x, mid, y rune) bool {
	switch {
	case unicode.IsLetter(x) && unicode.IsLetter(y):
		return strings.ContainsRune("'.:\u00b7\u0387\u2018\u2019\u2024\u2027\ufe13\ufe52\ufe55\uff07\uff0e\uff1a", mid)
	case unicode.IsDigit(x) && unicode.IsDigit(y):
		return strings.ContainsRune("'.,;\u066c\u2018\u2019\u2024\ufe50\ufe52\ufe54\uff07\uff0c\uff0e\uff1b", mid)
	}
	return false
}

// word reports whether r is a letter or digit of a running word (ideographs and kana make a
// word each, and so do not run on) or a connector such as '_'.
func word(r rune) bool {
	if unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Thai, unicode.Lao, unicode.Khmer, unicode.Myanmar) {
		return false
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Pc, r)
}

// extend reports whether r is a mark or a format character, which words take along.
func extend(r rune) bool { return unicode.In(r, unicode.M, unicode.Cf) }
