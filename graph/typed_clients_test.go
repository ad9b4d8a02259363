package graph_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/vektah/gqlparser/v2/ast"

	"github.com/aspgraph/aspgraph/aspnet"
	"github.com/aspgraph/aspgraph/graph"
)

// What typed clients (genqlient, graphql-codegen) and normalised caches (Apollo, urql's
// graphcache, Relay) take from the schema: declared defaults, required arguments, IDs on what
// a cache must tell apart, and connections that page both ways.

// loadSchema is the schema as the service serves it: graph/*.graphqls, merged.
func loadSchema(t *testing.T) *ast.Schema {
	t.Helper()
	return graph.NewExecutableSchema(graph.Config{}).Schema()
}

// valueTypes are the object types without an ID: each is a value of the one field that holds
// it (a page, an edge of a page, a search hit, a path, a count, the dataQuality report and its
// findings, which hold strings and numbers only), which caches keep inside their parent;
// docs/clients.md says so.
var valueTypes = map[string]bool{
	"Query": true, "Mutation": true, "PageInfo": true, "Path": true, "Subgraph": true,
	"SearchHit": true, "KeyAreaStat": true, "BasisCount": true,
	"DataQuality": true, "CitationCounts": true, "QualityFinding": true, "QualityDispute": true,
}

func TestEveryObjectACacheMustTellApartHasAnID(t *testing.T) {
	s := loadSchema(t)
	for name, def := range s.Types {
		if def.Kind != ast.Object || strings.HasPrefix(name, "__") || valueTypes[name] ||
			strings.HasSuffix(name, "Connection") || strings.HasSuffix(name, "Edge") && s.Types[strings.TrimSuffix(name, "Edge")+"Connection"] != nil {
			continue
		}
		f := def.Fields.ForName("id")
		if f == nil || f.Type.String() != "ID!" {
			t.Errorf("type %s has no id: ID!", name)
		}
	}
}

func TestArgumentsDeclareWhatTheirDescriptionsSay(t *testing.T) {
	s := loadSchema(t)
	for name, def := range s.Types {
		if strings.HasPrefix(name, "__") {
			continue
		}
		for _, f := range def.Fields {
			for _, a := range f.Arguments {
				where := fmt.Sprintf("%s.%s(%s)", name, f.Name, a.Name)
				desc := strings.ToLower(a.Description)
				if strings.Contains(desc, "default") && a.DefaultValue == nil {
					t.Errorf("%s: its description speaks of a default it does not declare: %q", where, a.Description)
				}
				// deleteSchool's source stays optional: the contract declares deleteSchool(id:) alone.
				if strings.Contains(desc, "required") && !a.Type.NonNull && where != "Mutation.deleteSchool(source)" {
					t.Errorf("%s: described as required, typed %s", where, a.Type)
				}
			}
			if def.Kind == ast.InputObject && strings.Contains(strings.ToLower(f.Description), "default") && f.DefaultValue == nil {
				t.Errorf("input field %s.%s: its description speaks of a default it does not declare: %q", name, f.Name, f.Description)
			}
			if strings.HasSuffix(f.Type.Name(), "Connection") {
				for _, arg := range []string{"first", "after", "last", "before"} {
					if f.Arguments.ForName(arg) == nil {
						t.Errorf("connection %s.%s has no %s", name, f.Name, arg)
					}
				}
				if d := f.Arguments.ForName("first").DefaultValue; d == nil || d.Raw != fmt.Sprint(aspnet.DefaultPageSize) {
					t.Errorf("connection %s.%s: first's default %v, want %d", name, f.Name, d, aspnet.DefaultPageSize)
				}
			}
		}
	}
}

func TestIntrospectionServesScalarsAndDefaults(t *testing.T) {
	h := handler(knowledgeGraph(t), nil)
	r := post(t, context.Background(), h, `{
		date: __type(name: "Date") { specifiedByURL }
		dateTime: __type(name: "DateTime") { kind specifiedByURL }
		removal: __type(name: "Removal") { fields { name type { ofType { name } } } }
		query: __type(name: "Query") { fields { name args { name defaultValue } } }
	}`, nil)
	got := decode[struct {
		Date, DateTime struct {
			Kind           string
			SpecifiedByURL *string
		}
		Removal struct {
			Fields []struct {
				Name string
				Type struct{ OfType struct{ Name string } }
			}
		}
		Query struct {
			Fields []struct {
				Name string
				Args []struct {
					Name         string
					DefaultValue *string
				}
			}
		}
	}](t, r)
	if got.Date.SpecifiedByURL == nil || got.DateTime.SpecifiedByURL == nil || got.DateTime.Kind != "SCALAR" {
		t.Errorf("Date and DateTime: %+v %+v, want scalars with specifiedByURL", got.Date, got.DateTime)
	}
	for _, f := range got.Removal.Fields {
		if f.Name == "removedAt" && f.Type.OfType.Name != "DateTime" {
			t.Errorf("Removal.removedAt is %s, want DateTime!", f.Type.OfType.Name)
		}
	}
	defaults := map[string]string{}
	for _, f := range got.Query.Fields {
		for _, a := range f.Args {
			if a.DefaultValue != nil {
				defaults[f.Name+"."+a.Name] = *a.DefaultValue
			}
		}
	}
	for k, want := range map[string]string{"schools.first": "20", "events.first": "20", "removals.first": "20", "search.first": "20", "neighborhood.depth": "1"} {
		if defaults[k] != want {
			t.Errorf("Query.%s defaults to %q, want %q", k, defaults[k], want)
		}
	}
}

// connection is how a test reaches one connection of the knowledge graph: a query with
// $first, $after, $last and $before, and the path of the connection in its data.
type connection struct {
	name  string
	query string
	vars  map[string]any
	path  []string
	min   int // the least number of items the list has, so that paging by 2 pages
}

type pageOfNodes struct {
	TotalCount int
	PageInfo   struct {
		HasNextPage, HasPreviousPage bool
		StartCursor, EndCursor       *string
	}
	Edges []struct {
		Cursor string
		Node   struct{ ID string }
	}
}

func fetchPage(t *testing.T, h http.Handler, c connection, args map[string]any) (pageOfNodes, response) {
	t.Helper()
	vars := map[string]any{}
	for k, v := range c.vars {
		vars[k] = v
	}
	for k, v := range args {
		vars[k] = v
	}
	r := post(t, context.Background(), h, c.query, vars)
	if len(r.Errors) > 0 {
		return pageOfNodes{}, r
	}
	var v any
	if err := json.Unmarshal(r.Data, &v); err != nil {
		t.Fatal(err)
	}
	for _, k := range c.path {
		v = v.(map[string]any)[k]
	}
	b, _ := json.Marshal(v)
	var p pageOfNodes
	if err := json.Unmarshal(b, &p); err != nil {
		t.Fatal(err)
	}
	return p, r
}

func connections() []connection {
	const sel = `totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor } edges { cursor node { id } }`
	const args = `first: $first, after: $after, last: $last, before: $before`
	const vars = `$first: Int, $after: String, $last: Int, $before: String`
	return []connection{
		{"Query.schools", `query(` + vars + `) { c: schools(` + args + `) { ` + sel + ` } }`, nil, []string{"c"}, 6},
		{"Query.events", `query(` + vars + `) { c: events(` + args + `) { ` + sel + ` } }`, nil, []string{"c"}, 4},
		{"Query.events newest first", `query(` + vars + `) { c: events(` + args + `, newestFirst: true) { ` + sel + ` } }`, nil, []string{"c"}, 4},
		{
			"KeyArea.schools", `query($id: ID!, ` + vars + `) { node(id: $id) { ... on KeyArea { c: schools(` + args + `) { ` + sel + ` } } } }`,
			// data/ links no school to a key area (the seed names the network's areas, not a
			// school's): the empty list still pages both ways; TestBackwardPagingMatchesForward
			// pages a key area's schools in the store.
			map[string]any{"id": id(aspnet.KindKeyArea, "ka-human-rights-democracy")},
			[]string{"node", "c"},
			0,
		},
		{
			"KeyArea.events", `query($id: ID!, ` + vars + `) { node(id: $id) { ... on KeyArea { c: events(` + args + `) { ` + sel + ` } } } }`,
			map[string]any{"id": id(aspnet.KindKeyArea, "ka-human-rights-democracy")},
			[]string{"node", "c"},
			0,
		},
		{
			"Network.memberships", `query($id: ID!, ` + vars + `) { node(id: $id) { ... on Network { c: memberships(` + args + `) { ` + sel + ` } } } }`,
			map[string]any{"id": id(aspnet.KindNetwork, "aspnet-kz")},
			[]string{"node", "c"},
			6,
		},
	}
}

func nodeIDs(p pageOfNodes) []string {
	out := make([]string, len(p.Edges))
	for i, e := range p.Edges {
		out[i] = e.Node.ID
	}
	return out
}

func TestEveryConnectionPagesBothWays(t *testing.T) {
	h := handler(knowledgeGraph(t), nil)
	for _, c := range connections() {
		t.Run(c.name, func(t *testing.T) {
			whole, r := fetchPage(t, h, c, map[string]any{"first": 100})
			if len(r.Errors) > 0 {
				t.Fatalf("errors: %s", r.raw)
			}
			all := nodeIDs(whole)
			if len(all) < c.min || whole.TotalCount != len(all) || whole.PageInfo.HasNextPage || whole.PageInfo.HasPreviousPage {
				t.Fatalf("one page of 100: %d items of %d (%+v), want at least %d", len(all), whole.TotalCount, whole.PageInfo, c.min)
			}

			var fwd []string
			var after any
			for pages := 0; ; pages++ {
				if pages > len(all)+1 {
					t.Fatal("forward paging does not end")
				}
				p, r := fetchPage(t, h, c, map[string]any{"first": 2, "after": after})
				if len(r.Errors) > 0 {
					t.Fatalf("errors: %s", r.raw)
				}
				fwd = append(fwd, nodeIDs(p)...)
				if p.PageInfo.HasPreviousPage != (after != nil) {
					t.Errorf("forward page %d: hasPreviousPage %v", pages, p.PageInfo.HasPreviousPage)
				}
				if !p.PageInfo.HasNextPage {
					break
				}
				after = *p.PageInfo.EndCursor
			}

			var back []string
			var before any
			for pages := 0; ; pages++ {
				if pages > len(all)+1 {
					t.Fatal("backward paging does not end")
				}
				// No first: its declared default gives way to last.
				p, r := fetchPage(t, h, c, map[string]any{"last": 2, "before": before})
				if len(r.Errors) > 0 {
					t.Fatalf("errors: %s", r.raw)
				}
				back = append(nodeIDs(p), back...)
				if p.PageInfo.HasNextPage != (before != nil) {
					t.Errorf("backward page %d: hasNextPage %v", pages, p.PageInfo.HasNextPage)
				}
				if len(p.Edges) > 0 && (*p.PageInfo.StartCursor != p.Edges[0].Cursor || *p.PageInfo.EndCursor != p.Edges[len(p.Edges)-1].Cursor) {
					t.Errorf("backward page %d: start and end cursors %+v are not its first and last edges'", pages, p.PageInfo)
				}
				if !p.PageInfo.HasPreviousPage {
					break
				}
				before = *p.PageInfo.StartCursor
			}
			if !slices.Equal(fwd, all) || !slices.Equal(back, all) {
				t.Errorf("forward by 2: %v\nbackward by 2: %v\nwant %v", fwd, back, all)
			}

			fromStart, r := fetchPage(t, h, c, map[string]any{"first": 2, "after": ""})
			if len(r.Errors) > 0 || !slices.Equal(nodeIDs(fromStart), all[:min(2, len(all))]) || fromStart.PageInfo.HasPreviousPage {
				t.Errorf(`after "": %v %s, want the first page`, nodeIDs(fromStart), r.raw)
			}
			_, r = fetchPage(t, h, c, map[string]any{"first": 2, "last": 2})
			if len(r.Errors) != 1 || r.Errors[0].Extensions["code"] != "BAD_USER_INPUT" || !strings.Contains(r.Errors[0].Message, "first and last") {
				t.Errorf("first and last together: %s, want BAD_USER_INPUT", r.raw)
			}
			_, r = fetchPage(t, h, c, map[string]any{"last": 2, "before": "not a cursor"})
			if len(r.Errors) != 1 || r.Errors[0].Extensions["code"] != "BAD_USER_INPUT" || !strings.Contains(r.Errors[0].Message, "before") {
				t.Errorf("a malformed before: %s, want BAD_USER_INPUT naming before", r.raw)
			}
		})
	}
}

func TestNodesAnswersEachIDInOrder(t *testing.T) {
	h := handler(knowledgeGraph(t), nil)
	school, network := id(aspnet.KindSchool, loaded.Schools[0].ID), id(aspnet.KindNetwork, "aspnet-kz")
	asked := []string{network, "malformed", school, id(aspnet.KindSchool, "school-none"), school}
	r := post(t, context.Background(), h, `query($ids: [ID!]!) { nodes(ids: $ids) { __typename id } }`, map[string]any{"ids": asked})
	got := decode[struct {
		Nodes []*struct{ Typename, ID string }
	}](t, r)
	if len(got.Nodes) != len(asked) {
		t.Fatalf("%d answers for %d IDs: %s", len(got.Nodes), len(asked), r.raw)
	}
	for i, want := range []string{network, "", school, "", school} {
		if n := got.Nodes[i]; (n == nil) != (want == "") || n != nil && n.ID != want {
			t.Errorf("nodes[%d] = %+v, want %q", i, n, want)
		}
	}

	many := make([]string, 101)
	for i := range many {
		many[i] = school
	}
	r = post(t, context.Background(), h, `query($ids: [ID!]!) { nodes(ids: $ids) { id } }`, map[string]any{"ids": many})
	if len(r.Errors) != 1 || r.Errors[0].Extensions["code"] != "BAD_USER_INPUT" || !strings.Contains(r.Errors[0].Message, "ids") {
		t.Errorf("101 IDs: %s, want BAD_USER_INPUT naming ids", r.raw)
	}
}

// collectIDs gathers the id of every object under the key named typ (or any key in keys) in
// a decoded response.
func collectIDs(v any, keys map[string]bool, into map[string][]string, under string) {
	switch x := v.(type) {
	case map[string]any:
		if id, ok := x["id"].(string); ok && keys[under] {
			into[under] = append(into[under], id)
		}
		for k, c := range x {
			collectIDs(c, keys, into, k)
		}
	case []any:
		for _, c := range x {
			collectIDs(c, keys, into, under)
		}
	}
}

func TestCacheIDsAreUniqueAndStable(t *testing.T) {
	h := handler(knowledgeGraph(t), nil)
	const q = `query($net: ID!, $org: ID!, $ka: ID!, $school: ID!) {
		schools(first: 100) { edges { node { id citations { id } memberships { id citations { id quote } } } } }
		net: node(id: $net) { ... on Network { citations { id } growth { id citations { id } } split: growth(byCountry: true) { id } } }
		org: node(id: $org) { ... on Organization { founded { id citations { id } } } }
		ka: node(id: $ka) { ... on KeyArea { periods { id citations { id } } } }
		neighborhood(id: $school, depth: 2) { edges { id citations { id } } }
	}`
	var org string
	for _, o := range loaded.Organizations {
		if len(o.Founded) > 0 {
			org = o.ID
		}
	}
	vars := map[string]any{
		"net": id(aspnet.KindNetwork, "aspnet"), "org": id(aspnet.KindOrganization, org),
		"ka": id(aspnet.KindKeyArea, "ka-human-rights-democracy"), "school": id(aspnet.KindSchool, loaded.Schools[0].ID),
	}
	byKey := func() map[string][]string {
		r := post(t, context.Background(), h, q, vars)
		if len(r.Errors) > 0 {
			t.Fatalf("errors: %s", r.raw)
		}
		var v any
		if err := json.Unmarshal(r.Data, &v); err != nil {
			t.Fatal(err)
		}
		out := map[string][]string{}
		collectIDs(v, map[string]bool{"citations": true, "memberships": true, "growth": true, "split": true, "founded": true, "periods": true, "edges": true}, out, "")
		for _, l := range out {
			slices.Sort(l) // collectIDs walks objects in no order
		}
		return out
	}
	first := byKey()
	// Across kinds no two share an id; growth and its split by country share their published
	// points, which are the same objects.
	group := func(key string) string {
		if key == "split" {
			return "growth"
		}
		return key
	}
	seen := map[string]string{}
	for key, list := range first {
		if len(list) == 0 {
			t.Errorf("no %s with an id", key)
		}
		for _, i := range list {
			if i == "" {
				t.Errorf("an empty id among %s", key)
			}
			if prev, dup := seen[i]; dup && prev != group(key) {
				t.Errorf("id %s of %s is also one of %s", i, key, prev)
			}
			seen[i] = group(key)
		}
	}
	for _, key := range []string{"memberships", "growth", "split", "founded", "periods"} {
		if l := first[key]; len(slices.Compact(slices.Clone(l))) != len(l) {
			t.Errorf("%s: two share an id: %v", key, l)
		}
	}
	if again := byKey(); fmt.Sprint(again) != fmt.Sprint(first) {
		t.Error("the ids changed between two identical queries")
	}
	if len(first["memberships"]) == 0 {
		t.Fatal("no memberships")
	}
	r := post(t, context.Background(), h, `query($id: ID!) { node(id: $id) { id } }`, map[string]any{"id": first["memberships"][0]})
	if decode[struct{ Node *struct{ ID string } }](t, r).Node != nil {
		t.Errorf("node(id:) fetched a membership: %s", r.raw)
	}
}
