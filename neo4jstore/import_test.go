package neo4jstore_test

import (
	"context"
	"testing"
	"time"

	"github.com/aspgraph/aspgraph/aspnet"
	"github.com/aspgraph/aspgraph/neo4jstore/neo4jtest"
)

func TestImportGraphValues(t *testing.T) {
	s := neo4jtest.Open(t)
	ctx := context.Background()
	neo4jtest.LoadFixture(t, s, fixture)
	at := time.Date(2024, 5, 6, 7, 8, 9, 123456789, time.UTC)
	node := aspnet.GraphNode{
		GraphRef: aspnet.GraphRef{Label: "Note", Key: "note-typed"},
		Props: map[string]any{
			"text": "typed values", "count": int64(3), "ratio": 0.5, "flag": true,
			"day": aspnet.Day("2020-02-29"), "at": at, "tags": []any{"a", "b"},
		},
	}
	t.Run("OKCreatedThenUnchanged", func(t *testing.T) {
		for i, want := range []aspnet.Outcomes{{Created: 1}, {Unchanged: 1}} {
			got, err := s.ImportGraphNodes(ctx, "Note", []aspnet.GraphNode{node})
			if err != nil || got != want {
				t.Fatalf("run %d: got %+v, %v; want %+v", i+1, got, err, want)
			}
		}
	})
	t.Run("OKReadsBackTheSameValues", func(t *testing.T) {
		nodes, err := s.ExportNodesByKey(ctx, "Note", []string{"note-typed"})
		if err != nil || len(nodes) != 1 {
			t.Fatalf("got %v, %v", nodes, err)
		}
		p := nodes[0].Props
		if p["count"] != int64(3) || p["ratio"] != 0.5 || p["flag"] != true || p["day"] != aspnet.Day("2020-02-29") ||
			!p["at"].(time.Time).Equal(at) || len(p["tags"].([]any)) != 2 || p["text"] != "typed values" {
			t.Errorf("props %#v", p)
		}
		if _, ok := p["key"]; ok {
			t.Error("the key is among the properties")
		}
	})
	t.Run("OKUpdated", func(t *testing.T) {
		changed := node
		changed.Props = map[string]any{"text": "changed"}
		got, err := s.ImportGraphNodes(ctx, "Note", []aspnet.GraphNode{changed})
		if err != nil || got != (aspnet.Outcomes{Updated: 1}) {
			t.Fatalf("got %+v, %v", got, err)
		}
		nodes, _ := s.ExportNodesByKey(ctx, "Note", []string{"note-typed"})
		if len(nodes[0].Props) != 1 {
			t.Errorf("the import kept properties the row does not have: %v", nodes[0].Props)
		}
	})
	t.Run("ErrUnknownLabel", func(t *testing.T) {
		if _, err := s.ImportGraphNodes(ctx, "Nope", nil); err == nil {
			t.Error("a label outside the graph's was accepted")
		}
	})
}
