package graph

import (
	"strings"
	"testing"

	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/lexer"
)

// TestTokenScanNeverCountsMore checks overTokenLimit against gqlparser's lexer on documents
// of every kind of token: it says "over" for no limit at or above the lexer's count of tokens
// (comments aside), and for a document of many tokens it says "over" below it.
func TestTokenScanNeverCountsMore(t *testing.T) {
	docs := []string{
		`{ networks(nameContains: "a b, c { } # \" \\") { name ...F ... on Network { id } } }`,
		`query Q($v: [Int!]! = [1, -2.5e+3]) @include(if: true) { a: node(id: "x") { id } } fragment F on Network { name }`,
		"{ a # a comment { } \" \n b #\r c \"\"\" block \\\"\"\" { } \"\"\" d }",
		"{ a } # a comment to the end, no newline { } { }",
		`{ networks(nameContains: """a "" b \""" c""") { name } }`,
		"{ " + strings.Repeat("__typename ", 300) + "}",
		"{ " + strings.Repeat(`a(b: "c d e", f: [G, H]) `, 100) + "}",
	}
	for _, q := range docs {
		lex := lexer.New(&ast.Source{Input: q})
		n := 0
		for {
			tok, err := lex.ReadToken()
			if err != nil {
				t.Fatalf("%.60q: %v", q, err)
			}
			if tok.Kind == lexer.EOF {
				break
			}
			if tok.Kind != lexer.Comment {
				n++
			}
		}
		if overTokenLimit(q, n) {
			t.Errorf("%.60q: over a limit of %d, its number of tokens", q, n)
		}
		if n > 250 && !overTokenLimit(q, n/2) {
			t.Errorf("%.60q: %d tokens, not over a limit of %d", q, n, n/2)
		}
	}
}
