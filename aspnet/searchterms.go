package aspnet

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// MaxSearchTerms bounds the terms of one search. The full-text index searches every term in
// each of its 11 properties (neo4jstore/migrations/007_collation.cypher), and Lucene refuses a
// query of more than 1024 clauses (its IndexSearcher's maxClauseCount): 93 terms make 1023
// clauses, 94 make 1034. TestSearch/TooManyTermsAreBadUserInput holds it to the real index.
const MaxSearchTerms = 93

// SearchTerms counts the clauses of a search text in units of the index's properties: the
// terms the index's analyser (Lucene's standard tokenizer, lowercased) makes of each distinct
// word, a word being what lies between spaces. Lucene merges a repeated word, but not the
// terms of different words that share some: "a-b a" is the 3 terms a, b and a.
//
// It is told without the analyser, so it counts at least as many terms as the analyser makes,
// never fewer: a term is a run of letters, digits and marks (the analyser keeps some runs
// together across an apostrophe, a full stop or an underscore, which only makes it count
// fewer), and each ideograph, kana and pictographic symbol (such as an emoji) is a term of its own.
func SearchTerms(text string) int {
	seen := map[string]bool{}
	n := 0
	for _, w := range strings.Fields(text) {
		w = strings.ToLower(w)
		if seen[w] {
			continue
		}
		seen[w] = true
		n += wordTerms(w)
	}
	return n
}

// wordTerms counts the terms of one word, as SearchTerms says.
func wordTerms(w string) int {
	n := 0
	inRun := false
	for _, r := range w {
		switch {
		case unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.So):
			n++
			inRun = false
		case unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r) || unicode.IsNumber(r):
			if !inRun {
				n++
			}
			inRun = true
		default:
			inRun = false
		}
	}
	return n
}

// CheckSearchText refuses a search text that is not UTF-8 or has more terms than
// MaxSearchTerms, as BAD_USER_INPUT naming the argument arg, before the graph database
// refuses it or searches for bytes that are no text.
func CheckSearchText(arg, text string) error {
	if !utf8.ValidString(text) {
		return BadInput(arg, "the text is not valid UTF-8")
	}
	if n := SearchTerms(text); n > MaxSearchTerms {
		return BadInput(arg, "%d distinct search terms, more than the %d allowed; search for fewer words", n, MaxSearchTerms)
	}
	return nil
}
