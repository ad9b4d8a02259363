package graph_test

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/aspgraph/aspgraph/aspnet"
	"github.com/aspgraph/aspgraph/graph"
)

// TestIntrospectionQueriesOfRealClients sends each introspection query real clients send
// (testdata/introspection, written by the client libraries themselves: `make
// introspection-queries`) under the default limits, and checks that it answers the whole
// schema: every type, School's fields, and no error.
func TestIntrospectionQueriesOfRealClients(t *testing.T) {
	h := handler(knowledgeGraph(t), nil)
	files, err := filepath.Glob(filepath.Join("testdata", "introspection", "*.graphql"))
	if err != nil || len(files) < 8 {
		t.Fatalf("%d introspection queries in testdata/introspection (%v)", len(files), err)
	}
	for _, f := range files {
		t.Run(strings.TrimSuffix(filepath.Base(f), ".graphql"), func(t *testing.T) {
			q, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			ctx, n := aspnet.WithRoundTripCounter(context.Background())
			r := post(t, ctx, h, string(q), nil)
			if len(r.Errors) > 0 {
				t.Fatalf("errors: %s", r.Errors[0].Message)
			}
			var got struct {
				Schema struct {
					QueryType struct{ Name string }
					Types     []struct {
						Name   string
						Fields []struct{ Name string }
					}
				} `json:"__schema"`
			}
			if err := json.Unmarshal(r.Data, &got); err != nil {
				t.Fatal(err)
			}
			fields := map[string][]string{}
			for _, ty := range got.Schema.Types {
				for _, f := range ty.Fields {
					fields[ty.Name] = append(fields[ty.Name], f.Name)
				}
			}
			if got.Schema.QueryType.Name != "Query" || len(got.Schema.Types) < 30 {
				t.Errorf("query type %q, %d types", got.Schema.QueryType.Name, len(got.Schema.Types))
			}
			for _, want := range []string{"name", "city", "memberships"} {
				if !strings.Contains(" "+strings.Join(fields["School"], " ")+" ", " "+want+" ") {
					t.Errorf("School's fields %v lack %s", fields["School"], want)
				}
			}
			if n.Load() != 0 {
				t.Errorf("introspection ran %d Cypher round trips", n.Load())
			}
		})
	}
}

// TestIntrospectionHasItsOwnBound refuses introspection beyond its bound (hand-made chains of
// ofType, copies of the whole schema under aliases, types nested in types), each with its
// code; a chain of 1,000 is beyond what the parser nests at all.
func TestIntrospectionHasItsOwnBound(t *testing.T) {
	h := handler(knowledgeGraph(t), nil)
	chain := func(n int) string {
		return `{ __type(name: "School") { name ` + strings.Repeat("ofType { ", n) + "name" + strings.Repeat(" }", n) + " } }"
	}
	r := post(t, context.Background(), h, chain(1000), nil)
	if len(r.Errors) != 1 || r.Errors[0].Extensions["code"] != "GRAPHQL_PARSE_FAILED" || !strings.Contains(r.Errors[0].Message, "nesting depth") {
		t.Errorf("a chain of 1,000 ofType: %.300s", r.raw)
	}
	var copies strings.Builder
	copies.WriteString("{ __schema {")
	for i := range 30 {
		copies.WriteString(" t" + string(rune('a'+i%26)) + strings.Repeat("x", i/26) + ": types { name fields { name args { name type { name ofType { name ofType { name } } } } type { name kind ofType { name kind ofType { name } } } } }")
	}
	copies.WriteString(" } }")
	for name, q := range map[string]string{
		"OfTypeChain":   chain(500),
		"AliasedCopies": copies.String(),
		"TypesInTypes":  `{ __schema { types { fields { type { fields { type { fields { name } } } } } } } }`,
	} {
		t.Run(name, func(t *testing.T) {
			r := post(t, context.Background(), h, q, nil)
			if len(r.Errors) != 1 || r.Errors[0].Extensions["code"] != graph.CodeIntrospectionLimit || r.Data != nil && string(r.Data) != "null" {
				t.Errorf("got %.400s", r.raw)
			}
		})
	}
}
