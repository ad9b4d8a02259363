package web_test

import (
	"encoding/json"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/vektah/gqlparser/v2"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/validator"

	"github.com/aspgraph/aspgraph/web"
)

// example is an entry of playground/examples.json, as playground.js reads it.
type example struct {
	Title     string            `json:"title"`
	Query     []string          `json:"query"`
	Variables map[string]any    `json:"variables"`
	Headers   map[string]string `json:"headers"`
}

// loadSchema reads the schema as the repository declares it: graph/*.graphqls, merged.
func loadSchema(t *testing.T) *ast.Schema {
	t.Helper()
	files, err := filepath.Glob(filepath.Join("..", "graph", "*.graphqls"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no schema in graph/*.graphqls (%v)", err)
	}
	var sources []*ast.Source
	for _, f := range files {
		sdl, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		sources = append(sources, &ast.Source{Name: filepath.ToSlash(f), Input: string(sdl)})
	}
	schema, err := gqlparser.LoadSchema(sources...)
	if err != nil {
		t.Fatalf("loading the schema: %v", err)
	}
	return schema
}

// TestExamplesAreValidAgainstTheSchema parses and validates every example query the playground
// preloads against graph/*.graphqls, with its variables.
func TestExamplesAreValidAgainstTheSchema(t *testing.T) {
	schema := loadSchema(t)

	res, body := get(t, web.Playground(endpoint), http.MethodGet, "/playground/examples.json", nil)
	if res.StatusCode != http.StatusOK {
		t.Fatalf("/playground/examples.json: status %d", res.StatusCode)
	}
	var examples []example
	dec := json.NewDecoder(strings.NewReader(string(body)))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&examples); err != nil {
		t.Fatalf("examples.json: %v", err)
	}

	titles := map[string]bool{}
	operations := map[string]bool{}
	for _, ex := range examples {
		titles[ex.Title] = true
		t.Run(ex.Title, func(t *testing.T) {
			doc, errs := gqlparser.LoadQueryWithRules(schema, strings.Join(ex.Query, "\n"), nil)
			if len(errs) > 0 {
				t.Fatalf("the query does not validate: %v", errs)
			}
			if len(doc.Operations) != 1 {
				t.Fatalf("%d operations, want 1 per example", len(doc.Operations))
			}
			op := doc.Operations[0]
			// GraphiQL titles each tab with the operation's name.
			if op.Name == "" || operations[op.Name] {
				t.Errorf("operation name %q: each example needs a name of its own", op.Name)
			}
			operations[op.Name] = true
			vars := ex.Variables
			if vars == nil {
				vars = map[string]any{}
			}
			if _, err := validator.VariableValues(schema, op, vars); err != nil {
				t.Errorf("variables %v: %v", ex.Variables, err)
			}
			for name := range ex.Variables {
				if op.VariableDefinitions.ForName(name) == nil {
					t.Errorf("variable %q is not declared by the operation", name)
				}
			}
			if op.Operation == ast.Mutation && ex.Headers["Authorization"] != "Bearer <token>" {
				t.Errorf("a mutation example without the bearer token's place in its headers")
			}
		})
	}
	for _, want := range []string{"Explore a school", "Dashboard by key area", "Trace growth", "A disputed fact"} {
		if !titles[want] {
			t.Errorf("no example %q", want)
		}
	}
	// The first tab is the one a visitor sees, and the browser test runs.
	if len(examples) == 0 || examples[0].Title != "Explore a school" {
		t.Errorf("the first example is not Explore a school")
	}
}
