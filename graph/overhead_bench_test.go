package graph_test

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/aspgraph/aspgraph/aspnet"
)

// BenchmarkOverhead measures what the GraphQL layer (handler, parsing, validation, resolvers,
// response encoding) adds to the store's own call for the same data, on the knowledge graph:
// each case runs once through the HTTP handler in process (no network) and once as the store
// calls its resolvers make. Compare the two with benchstat; allocs/op show the layer's garbage.
//
//	./bin/aspgraph with-neo4j -- go test -run '^$' -bench Overhead -benchmem -count 6 ./graph/
func BenchmarkOverhead(b *testing.B) {
	s := knowledgeGraph(b)
	h := handler(s, nil)
	school := "school-almaty-8"
	cases := []struct {
		name  string
		query string
		vars  map[string]any
		store func(ctx context.Context) error
	}{
		{
			name: "school-by-id",
			query: `query($id: ID!) { node(id: $id) { id ... on School { name city { name country { name } } ` +
				`keyAreas { name } memberships { network { name } since until status } } } }`,
			vars: map[string]any{"id": aspnet.EncodeID(aspnet.KindSchool, school)},
			store: func(ctx context.Context) error {
				_, _, _, _, err := s.SchoolAround(ctx, school)
				return err
			},
		},
		{
			name:  "key-area-stats",
			query: `{ keyAreaStats { keyArea { name } schools events } }`,
			store: func(ctx context.Context) error {
				_, err := s.KeyAreaStats(ctx, aspnet.KeyAreaStatSortSchools, true, false, nil)
				return err
			},
		},
		{
			name:  "schools-100",
			query: `query($n: Int) { schools(first: $n) { edges { node { id name city { name } } } } }`,
			vars:  map[string]any{"n": 100},
			store: func(ctx context.Context) error {
				first := 100
				p, err := aspnet.NewPage(&first, nil)
				if err != nil {
					return err
				}
				_, _, err = s.SchoolPage(ctx, aspnet.SchoolCriteria{}, p, false, true)
				return err
			},
		},
	}
	// serve times body through the handler, failing on any error in the answer.
	serve := func(body []byte) func(b *testing.B) {
		return func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				req := httptest.NewRequest(http.MethodPost, "/query", bytes.NewReader(body))
				req.Header.Set("Content-Type", "application/json")
				rec := httptest.NewRecorder()
				h.ServeHTTP(rec, req)
				if rec.Code != http.StatusOK || bytes.Contains(rec.Body.Bytes(), []byte(`"errors"`)) {
					b.Fatalf("HTTP %d: %s", rec.Code, rec.Body)
				}
			}
		}
	}
	b.Run("typename/graphql", serve([]byte(`{"query":"{ __typename }"}`)))
	for _, c := range cases {
		body, err := json.Marshal(map[string]any{"query": c.query, "variables": c.vars})
		if err != nil {
			b.Fatal(err)
		}
		// Neo4j plans and compiles a statement on its first runs: warm it up before either
		// side is timed, or the side measured first pays for it.
		for range 200 {
			if err := c.store(context.Background()); err != nil {
				b.Fatal(err)
			}
		}
		b.Run(c.name+"/graphql", serve(body))
		b.Run(c.name+"/store", func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if err := c.store(context.Background()); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
