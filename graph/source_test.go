package graph_test

import (
	"bytes"
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/aspgraph/aspgraph/aspnet"
)

// The writes of Sources: updateSource and the citations it records on them.

func TestUpdateSourceChangesAndCites(t *testing.T) {
	s := writable(t)
	ed := editor(t, s, new(bytes.Buffer))
	seed := id(aspnet.KindSource, seedSource)
	r := ed.post(t, updateSourceQ, map[string]any{"id": seed, "in": map[string]any{
		"url": "https://example.org/aspnet-kz-20", "publisher": " ", "published": "2016-09", "note": "Found online in 2024.",
		"source": "https://example.org/aspnet-kz-20", "quote": "The 20th Anniversary of ASPnet in Kazakhstan",
	}})
	if len(r.Errors) != 0 || !strings.Contains(string(r.Data), `"title":"The 20th Anniversary of the UNESCO Associated Schools Project Network in Kazakhstan","url":"https://example.org/aspnet-kz-20","publisher":null,"published":"2016-09","note":"Found online in 2024."`) {
		t.Fatalf("got %s", r.raw)
	}
	t.Run("OKReadsBack", func(t *testing.T) {
		r := ed.anonymous().post(t, `query($id: ID!) { node(id: $id) { ... on Source { url publisher published } } }`, map[string]any{"id": seed})
		if !strings.Contains(string(r.Data), `{"url":"https://example.org/aspnet-kz-20","publisher":null,"published":"2016-09"}`) {
			t.Errorf("got %s", r.raw)
		}
	})
	t.Run("OKCitesEachChange", func(t *testing.T) {
		nodes, err := s.ExportNodesByKey(context.Background(), "Source", []string{seedSource})
		if err != nil || len(nodes) != 1 {
			t.Fatalf("got %v, %v", nodes, err)
		}
		p := nodes[0].Props
		if got := fmt.Sprint(p["citeProperties"]); got != "[url publisher note published]" {
			t.Errorf("citeProperties %s", got)
		}
		if got := fmt.Sprint(p["citeQuotes"]); !strings.Contains(got, "The 20th Anniversary of ASPnet in Kazakhstan") {
			t.Errorf("citeQuotes %s", got)
		}
		if p["editedBy"] != "alice" {
			t.Errorf("editedBy %v", p["editedBy"])
		}
	})
	t.Run("OKCitingTheNewURLFindsIt", func(t *testing.T) {
		r := ed.post(t, updateSourceQ, map[string]any{"id": seed, "in": map[string]any{"title": "ASPnet in Kazakhstan: 20 years", "source": "https://example.org/aspnet-kz-20"}})
		if len(r.Errors) != 0 {
			t.Fatalf("got %s", r.raw)
		}
		page := decode[struct{ Sources []struct{ ID string } }](t, ed.anonymous().post(t, `{ sources { id } }`, nil))
		if len(page.Sources) != len(loaded.Sources) {
			t.Errorf("%d sources, want the %d loaded: citing the new URL made a Source for it", len(page.Sources), len(loaded.Sources))
		}
	})
}

// TestSourceCitationsShowItsChanges: the citations updateSource records on a Source can be
// read, one for each property changed.
func TestSourceCitationsShowItsChanges(t *testing.T) {
	s := writable(t)
	ed := editor(t, s, new(bytes.Buffer))
	seed := id(aspnet.KindSource, seedSource)
	const q = `query($id: ID!) { node(id: $id) { ... on Source { citations { property quote source { id } } } } }`
	if got := string(ed.anonymous().post(t, q, map[string]any{"id": seed}).Data); got != `{"node":{"citations":[]}}` {
		t.Fatalf("before any change: %s", got)
	}
	other := id(aspnet.KindSource, "src-unesco-almaty-about")
	if r := ed.post(t, updateSourceQ, map[string]any{"id": seed, "in": map[string]any{
		"publisher": "UNESCO Almaty Cluster Office", "note": "Scanned copy.", "source": other, "quote": "UNESCO Almaty published it.",
	}}); len(r.Errors) != 0 {
		t.Fatal(string(r.raw))
	}
	got := string(ed.anonymous().post(t, q, map[string]any{"id": seed}).Data)
	for _, prop := range []string{"publisher", "note"} {
		want := `{"property":"` + prop + `","quote":"UNESCO Almaty published it.","source":{"id":"` + other + `"}}`
		if !strings.Contains(got, want) {
			t.Errorf("got %s, want %s", got, want)
		}
	}
	if strings.Count(got, `"property"`) != 2 {
		t.Errorf("got %s, want two citations", got)
	}
}
