package aspnet

import (
	"fmt"
	"strings"
	"testing"
)

func TestSearchTerms(t *testing.T) {
	for _, tc := range []struct {
		text string
		want int
	}{
		{"", 0},
		{"school network", 2},
		{"School school SCHOOL", 1},    // Lucene merges a repeated word; the analyser lowercases
		{"a-b a", 3},                   // different words are not merged, even on a shared term
		{"e-mail,address (x)", 4},      // punctuation separates terms
		{"3.14", 2},                    // counted apart: the analyser keeps it one term
		{"日本語", 3},                     // each ideograph is a term
		{"😀😀x", 3},                     // each emoji is a term
		{"Ω-Ωmega café", 3},            // letters of every script
		{strings.Repeat("a ", 500), 1}, // the store's long text of one word
		{"!!! *** \\\\ ()", 0},         // no word at all
	} {
		if got := SearchTerms(tc.text); got != tc.want {
			t.Errorf("SearchTerms(%.30q) = %d, want %d", tc.text, got, tc.want)
		}
	}
}

func TestCheckSearchText(t *testing.T) {
	var words string
	for i := range MaxSearchTerms {
		words += fmt.Sprintf("w%d ", i)
	}
	if err := CheckSearchText("text", words); err != nil {
		t.Fatalf("%d terms: %v", MaxSearchTerms, err)
	}
	err := CheckSearchText("text", words+"one-more")
	if ErrorCode(err) != CodeBadUserInput || !strings.HasPrefix(err.Error(), fmt.Sprintf("argument text: %d distinct search terms", MaxSearchTerms+2)) {
		t.Errorf("%d terms: %v, want BAD_USER_INPUT naming text", MaxSearchTerms+2, err)
	}
	if err := CheckSearchText("text", "caf\xc3\x28"); ErrorCode(err) != CodeBadUserInput || !strings.HasPrefix(err.Error(), "argument text: ") {
		t.Errorf("bytes that are not UTF-8: %v, want BAD_USER_INPUT naming text", err)
	}
}
