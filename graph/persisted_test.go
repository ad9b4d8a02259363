package graph_test

import (
	"context"
	"io"
	"log/slog"
	"strings"
	"testing"

	"github.com/aspgraph/aspgraph/aspnet"
	"github.com/aspgraph/aspgraph/graph"
)

func apq(hash string) map[string]any {
	return map[string]any{"persistedQuery": map[string]any{"version": 1, "sha256Hash": hash}}
}

func TestAllowList(t *testing.T) {
	s := knowledgeGraph(t)
	allowed := `query Networks { networks { name } }`
	list, err := graph.NewAllowList(map[string]string{"Networks": allowed})
	if err != nil {
		t.Fatal(err)
	}
	h := graph.NewHandler(s, slog.New(slog.NewTextHandler(io.Discard, nil)), graph.WithAllowList(list))
	tests := []struct {
		name string
		body map[string]any
		ok   bool
	}{
		{"ListedText", map[string]any{"query": allowed}, true},
		{"ListedHash", map[string]any{"extensions": apq(graph.Hash(allowed))}, true},
		{"ErrUnlistedText", map[string]any{"query": `{ sources { title url } }`}, false},
		{"ErrUnlistedTextWithListedHash", map[string]any{"query": `{ sources { title } }`, "extensions": apq(graph.Hash(allowed))}, false},
		{"ErrUnknownHash", map[string]any{"extensions": apq(strings.Repeat("ab", 32))}, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ctx, n := aspnet.WithRoundTripCounter(context.Background())
			r := client{h: h, ctx: ctx}.request(t, tc.body)
			if tc.ok {
				if len(r.Errors) > 0 || !strings.Contains(string(r.Data), "Kazakhstan") {
					t.Errorf("refused: %s", r.raw)
				}
				return
			}
			if len(r.Errors) == 0 || r.Errors[0].Extensions["code"] != graph.CodeNotPersisted {
				t.Errorf("got %s, want %s", r.raw, graph.CodeNotPersisted)
			}
			if n.Load() != 0 {
				t.Errorf("%d round trips for a refused operation", n.Load())
			}
		})
	}
	if _, err := graph.NewAllowList(nil); err == nil {
		t.Error("an empty allow-list was accepted")
	}
}

func TestAutomaticPersistedQueries(t *testing.T) {
	c := client{h: handler(knowledgeGraph(t), nil)}
	q := `{ keyAreas { name } }`
	r := c.request(t, map[string]any{"extensions": apq(graph.Hash(q))})
	if len(r.Errors) == 0 || r.Errors[0].Message != "PersistedQueryNotFound" {
		t.Fatalf("an unknown hash: %s", r.raw)
	}
	if r = c.request(t, map[string]any{"query": q, "extensions": apq(graph.Hash(q))}); len(r.Errors) > 0 {
		t.Fatalf("registering: %s", r.raw)
	}
	if r = c.request(t, map[string]any{"extensions": apq(graph.Hash(q))}); len(r.Errors) > 0 || !strings.Contains(string(r.Data), "Environmental Issues") {
		t.Errorf("by hash after registering: %s", r.raw)
	}
}

func TestIntrospectionSwitch(t *testing.T) {
	s := knowledgeGraph(t)
	introspect := `{ __schema { queryType { name } } }`
	if r := post(t, context.Background(), handler(s, nil), introspect, nil); len(r.Errors) > 0 {
		t.Errorf("introspection is off by default: %s", r.raw)
	}
	off := graph.NewHandler(s, slog.New(slog.NewTextHandler(io.Discard, nil)), graph.WithoutIntrospection())
	if r := post(t, context.Background(), off, introspect, nil); len(r.Errors) == 0 {
		t.Errorf("introspection answered while switched off: %s", r.raw)
	}
	r := post(t, context.Background(), off, `{ network { name } }`, nil)
	if len(r.Errors) == 0 || strings.Contains(r.Errors[0].Message, "Did you mean") {
		t.Errorf("with introspection off, errors must not suggest fields: %s", r.raw)
	}
}
