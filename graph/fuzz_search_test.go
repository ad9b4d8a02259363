package graph_test

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"
)

const fuzzSearchQuery = `query($text: String!, $first: Int, $f: SchoolFilter) {
  search(text: $text, first: $first) { score node { id } }
  schools(filter: $f, first: 3) { totalCount edges { node { name } } } }`

// FuzzSearch sends arbitrary search texts (words, Lucene syntax, many terms, any script)
// with a result size and a school name filter built from the same text, through the real
// handler over the real knowledge graph. Whatever the text, the answer is data or a
// BAD_USER_INPUT error naming the argument: never an internal error, whatever Neo4j or Lucene
// make of it, and never more hits than asked for.
func FuzzSearch(f *testing.F) {
	for _, seed := range []struct {
		text   string
		repeat uint8
		first  int64
	}{
		{"school network", 0, 5},
		{"Almaty", 1, 100},
		{"a AND ( b OR NOT c", 0, 20},
		{"/.*/ a~2 *b* c^3 \"d", 0, 20},
		{"w- ", 120, 20}, // the words w, w-, w--, ...: more terms than Lucene allows
		{"x-y-z ", 40, 1},
		{"日本語の学校", 20, 10},
		{"😀 ", 104, 10},
		{"\u0000\u200b\ufeff", 3, 0},
		{strings.Repeat("a", 1001), 0, 10},
	} {
		f.Add(seed.text, seed.repeat, seed.first)
	}
	c := client{h: handler(knowledgeGraph(f), nil)}
	f.Fuzz(func(t *testing.T, text string, repeat uint8, first int64) {
		// repeat makes many distinct words of text: text, text+"1", text+"2", ...
		words := []string{text}
		for i := 1; i < int(repeat); i++ {
			words = append(words, strings.TrimSpace(text)+strings.Repeat("-", i%3)+string(rune('a'+i%26))+strings.Repeat("q", i/26))
		}
		full := strings.Join(words, " ")
		name := text
		vars := map[string]any{"text": full, "first": first, "f": map[string]any{"nameContains": name}}
		body, err := json.Marshal(map[string]any{"query": fuzzSearchQuery, "variables": vars})
		if err != nil {
			return
		}
		r, err := c.send(body)
		if r.status != http.StatusOK && r.status != http.StatusUnprocessableEntity && r.status != http.StatusRequestEntityTooLarge {
			t.Fatalf("HTTP %d for %.200s: %.500s", r.status, body, r.raw)
		}
		if err != nil {
			t.Fatalf("not JSON for %.200s: %.500s", body, r.raw)
		}
		var data *struct {
			Search []struct {
				Score float64 `json:"score"`
			} `json:"search"`
		}
		if err := json.Unmarshal(r.Data, &data); err != nil {
			t.Fatalf("data for %.200s: %v: %.500s", body, err, r.raw)
		}
		for _, e := range r.Errors {
			if e.Extensions["code"] != "BAD_USER_INPUT" {
				t.Fatalf("error other than BAD_USER_INPUT for %.200s: %.500s", body, r.raw)
			}
			if !strings.Contains(e.Message, "argument ") && !strings.Contains(e.Message, "$") && !strings.Contains(e.Message, "variable") {
				t.Fatalf("error names no argument for %.200s: %.500s", body, r.raw)
			}
		}
		if data != nil && int64(len(data.Search)) > max(first, 20) {
			t.Fatalf("%d hits, first %d, for %.200s", len(data.Search), first, body)
		}
	})
}
