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

// finalSigma reports whether the capital sigma at rs[i] ends a word, as Java decides it: a
// cased letter comes before it and none after it within its word, words as Java's word
// BreakIterator finds them (javaWords).
func finalSigma(rs []rune, i int) bool {
	boundary := javaWords(rs)
	for j := i; j > 0 && !boundary[j]; j-- {
		if javaCased(rs[j-1]) {
			for k := i + 1; k < len(rs) && !boundary[k]; k++ {
				if javaCased(rs[k]) {
					return false
				}
			}
			return true
		}
	}
	return false
}

// javaCased reports whether r is a cased letter as Java's final-sigma rule counts them: an
// upper, lower or title case letter, or one of the Other_Lowercase and Other_Uppercase ranges
// it lists.
func javaCased(r rune) bool {
	switch {
	case unicode.In(r, unicode.Lu, unicode.Ll, unicode.Lt):
		return true
	case r >= 0x02b0 && r <= 0x02b8, r >= 0x02c0 && r <= 0x02c1, r >= 0x02e0 && r <= 0x02e4,
		r == 0x0345, r == 0x037a, r >= 0x1d2c && r <= 0x1d61, r >= 0x2160 && r <= 0x217f,
		r >= 0x24b6 && r <= 0x24e9:
		return true
	}
	return false
}

// The character classes of Java's word BreakIterator rules.
var (
	ideographs = &unicode.RangeTable{R16: []unicode.Range16{{Lo: 0x3005, Hi: 0x3005, Stride: 1}, {Lo: 0x4e00, Hi: 0x9fa5, Stride: 1}, {Lo: 0xf900, Hi: 0xfa2d, Stride: 1}}}
	katakana   = &unicode.RangeTable{R16: []unicode.Range16{{Lo: 0x3099, Hi: 0x309c, Stride: 1}, {Lo: 0x30a1, Hi: 0x30fe, Stride: 1}}}
	hiragana   = &unicode.RangeTable{R16: []unicode.Range16{{Lo: 0x3041, Hi: 0x309e, Stride: 1}, {Lo: 0x30fc, Hi: 0x30fc, Stride: 1}}}
)

func javaIgnored(r rune) bool { return unicode.In(r, unicode.Mn, unicode.Me, unicode.Cf) }

func javaLetter(r rune) bool {
	return unicode.In(r, unicode.L, unicode.Mc, unicode.Pc) && !unicode.In(r, ideographs, katakana, hiragana)
}

func javaDigit(r rune) bool { return unicode.Is(unicode.N, r) }
func javaMidWord(r rune) bool {
	return unicode.Is(unicode.Pd, r) || strings.ContainsRune("\u00ad\u2027\"'.", r)
}
func javaMidNum(r rune) bool  { return strings.ContainsRune("\"',.\u066b", r) }
func javaPreNum(r rune) bool  { return (unicode.Is(unicode.Sc, r) && r != 0xa2) || r == '#' || r == '.' }
func javaPostNum(r rune) bool { return strings.ContainsRune("%&\u00a2\u066a\u2030\u2031", r) }
func javaBlank(r rune) bool   { return unicode.Is(unicode.Zs, r) || r == '\t' }
func javaLineSep(r rune) bool { return strings.ContainsRune("\n\f\u2028\u2029", r) }

// javaWords returns where Java's word BreakIterator puts the boundaries of rs's words:
// boundary[i] is whether one lies before rs[i] (and boundary[len(rs)] is true). Its rules: a
// word is letters (and connectors such as '_'), with single hyphens, apostrophes, quotation marks or periods between
// them, running on into digits and back (digits with single commas, periods or quotation
// marks between them, and a percent sign or the like after them); a currency sign, '#' or
// period may begin a number; runs of spaces, of kana and of ideographs are one each; any
// other character is a word of its own; marks and format characters belong to what they
// follow.
func javaWords(rs []rune) []bool {
	boundary := make([]bool, len(rs)+1)
	// skip returns the position after the characters Java ignores from j on.
	skip := func(j int) int {
		for j < len(rs) && javaIgnored(rs[j]) {
			j++
		}
		return j
	}
	// run consumes a run of class from j (each with what it ignores), and returns its end.
	run := func(j int, class func(rune) bool) int {
		for j < len(rs) && class(rs[j]) {
			j = skip(j + 1)
		}
		return j
	}
	// joined consumes class runs joined by single mid characters from j, which must start one.
	joined := func(j int, class, mid func(rune) bool) int {
		j = run(j, class)
		for j < len(rs) && mid(rs[j]) {
			k := skip(j + 1)
			if k >= len(rs) || !class(rs[k]) {
				break
			}
			j = run(k, class)
		}
		return j
	}
	// alnum consumes words and numbers in turn from j, and returns its end (j for none).
	alnum := func(j int) int {
		for j < len(rs) {
			switch {
			case javaLetter(rs[j]):
				j = joined(j, javaLetter, javaMidWord)
			case javaDigit(rs[j]):
				j = joined(j, javaDigit, javaMidNum)
				if j < len(rs) && javaPostNum(rs[j]) {
					return skip(j + 1)
				}
			default:
				return j
			}
		}
		return j
	}
	boundary[0] = true
	for i := 0; i < len(rs); {
		end := alnum(i)
		if end == i && javaPreNum(rs[i]) {
			if k := skip(i + 1); k < len(rs) && javaDigit(rs[k]) {
				end = alnum(k)
			}
		}
		if end == i {
			switch r := rs[i]; {
			case javaBlank(r) || r == '\r' || javaLineSep(r):
				end = run(i, javaBlank)
				if end < len(rs) && rs[end] == '\r' {
					end = skip(end + 1)
				}
				if end < len(rs) && javaLineSep(rs[end]) {
					end = skip(end + 1)
				}
			case unicode.Is(katakana, r):
				end = run(i, func(r rune) bool { return unicode.Is(katakana, r) })
			case unicode.Is(hiragana, r):
				end = run(i, func(r rune) bool { return unicode.Is(hiragana, r) })
			case unicode.Is(ideographs, r):
				end = run(i, func(r rune) bool { return unicode.Is(ideographs, r) })
			}
		}
		if end == i {
			end = skip(i + 1)
		}
		boundary[end] = true
		i = end
	}
	return boundary
}
