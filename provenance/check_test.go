package provenance_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/aspgraph/aspgraph/aspnet"

	"github.com/aspgraph/aspgraph/data"
	"github.com/aspgraph/aspgraph/provenance"
)

// TestDataQuality fails on every fact of data/ without a citation and every quote not found in
// its source's held words: what `aspgraph check` reports, made part of `make test`.
func TestDataQuality(t *testing.T) {
	ds, err := data.Read(data.Files)
	if err != nil {
		t.Fatal(err)
	}
	texts, err := provenance.LoadTexts()
	if err != nil {
		t.Fatal(err)
	}
	g := ds.Graph()
	q := provenance.Check(g.Nodes, g.Rels, texts)
	for _, f := range q.Uncited {
		t.Errorf("uncited: %s: %s", f.Subject, f.Text)
	}
	for _, f := range q.QuotesNotFound {
		t.Errorf("quote not found: %s: %s: %q: %s", f.Subject, *f.Source, *f.Quote, f.Text)
	}
	if q.Citations.Quoted == 0 || len(q.Disputes) == 0 || len(q.EditorialLinks) == 0 {
		t.Errorf("the report found no quotes, disputes or EDITORIAL links: %+v", q.Citations)
	}
}

// TestTextsMatchShared keeps the committed copies of the sources' texts equal to the shared
// originals beside the project, where they are (they are on every machine that builds the
// project with its shared folder; a bare checkout has only the copies).
func TestTextsMatchShared(t *testing.T) {
	for copyName, shared := range map[string]string{
		provenance.SeedFile:  filepath.Join("..", "..", "shared", "seeds", provenance.SeedFile),
		provenance.FactsFile: filepath.Join("..", "..", "shared", "facts", provenance.FactsFile),
	} {
		want, err := os.ReadFile(shared)
		if os.IsNotExist(err) {
			t.Skipf("%s is not beside the project: only the committed copy is checked", shared)
		}
		if err != nil {
			t.Fatal(err)
		}
		got, err := os.ReadFile(filepath.Join("texts", copyName))
		if err != nil {
			t.Fatal(err)
		}
		if string(got) != string(want) {
			t.Errorf("texts/%s differs from %s: copy it again (cp %s provenance/texts/)", copyName, shared, shared)
		}
	}
}

// TestCheckFindsWhatIsWrong: a quote of the summary, a quote of another source's words (of a
// fact or of a name), an uncited link and an EDITORIAL link without reasoning are each reported.
func TestCheckFindsWhatIsWrong(t *testing.T) {
	texts, err := provenance.LoadTexts()
	if err != nil {
		t.Fatal(err)
	}
	src := func(key, url string) aspnet.GraphNode {
		return aspnet.GraphNode{GraphRef: aspnet.GraphRef{Label: "Source", Key: key}, Props: map[string]any{"url": url}}
	}
	cite := func(source, quote string) map[string]any {
		return map[string]any{"citeSources": []any{source}, "citeQuotes": []any{quote}, "citeProperties": []any{""}}
	}
	nodes := []aspnet.GraphNode{
		src("who", "https://aspnet.unesco.org/es-es/who-we-are"),
		src("happy", "https://aspnet.unesco.org/en-us/happy-66-anniversary-to-aspnet"),
		{GraphRef: aspnet.GraphRef{Label: "Network", Key: "summary"}, Props: cite("happy", "about 1976 | more than 1,000 | 65 Member States")},
		{GraphRef: aspnet.GraphRef{Label: "Network", Key: "other"}, Props: cite("happy", "Starting off with 33 schools in 15 countries in 1953")},
		{GraphRef: aspnet.GraphRef{Label: "Network", Key: "typographic"}, Props: cite("who", "Starting off with 33 schools in 15 countries in 1953")},
		{GraphRef: aspnet.GraphRef{Label: "Network", Key: "spaced"}, Props: cite("happy", "In the days of 23-27 November  1953,\n UNESCO launched")},
		// A name's quote is checked as the node's own: this one is another source's words.
		{GraphRef: aspnet.GraphRef{Label: "Network", Key: "named"}, Props: map[string]any{
			"citeSources": []any{"happy"}, "citeQuotes": []any{"with 33 secondary schools in 16 Member States"},
			"nameCiteSources": []any{"happy"}, "nameCiteQuotes": []any{"the ASPnet represents today the largest global network"},
		}},
	}
	a, b := aspnet.GraphRef{Label: "Network", Key: "summary"}, aspnet.GraphRef{Label: "Network", Key: "other"}
	rels := []aspnet.GraphRel{
		{Type: "PART_OF", From: a, To: b, Props: map[string]any{}},
		{Type: "MAPS_TO", From: b, To: a, Props: map[string]any{"basis": "EDITORIAL"}},
		{Type: "MAPS_TO", From: a, To: a, Props: map[string]any{"basis": "EDITORIAL", "reasoning": "ours"}},
	}
	q := provenance.Check(nodes, rels, texts)
	var notFound []string
	for _, f := range q.QuotesNotFound {
		notFound = append(notFound, f.Subject)
	}
	if got := strings.Join(notFound, ","); got != "Network:summary,Network:other,Network:named (names)" {
		t.Errorf("quotes not found: %s, want Network:summary,Network:other,Network:named (names)", got)
	}
	if len(q.Uncited) != 2 || len(q.EditorialLinks) != 1 || q.Problems() != 5 {
		t.Errorf("uncited %d, editorial %d, problems %d; want 2, 1, 5", len(q.Uncited), len(q.EditorialLinks), q.Problems())
	}
}
