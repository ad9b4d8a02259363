package graph_test

import (
	"context"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/aspgraph/aspgraph/aspnet"
	"github.com/aspgraph/aspgraph/collation"
)

// The research fields on the knowledge graph: keyAreaStats, search, shortestPath and
// neighborhood. Each keeps a golden response and asserts what it must hold; the store's tests
// cover the fixture's edge cases and count each method's round trips.

type stat struct {
	KeyArea struct {
		ID, Name string
		Schools  struct{ TotalCount int }
		Events   struct{ TotalCount int }
	}
	Schools, Events int
}

func TestKeyAreaStatsOnTheKnowledgeGraph(t *testing.T) {
	h := handler(knowledgeGraph(t), nil)
	const q = `query($by: KeyAreaStatSort, $desc: Boolean) { keyAreaStats(sortBy: $by, descending: $desc) {
		keyArea { id name schools(first: 0) { totalCount } events(first: 0) { totalCount } } schools events } }`
	stats := func(t *testing.T, vars map[string]any) []stat {
		t.Helper()
		return decode[struct{ KeyAreaStats []stat }](t, post(t, context.Background(), h, q, vars)).KeyAreaStats
	}

	t.Run("Golden", func(t *testing.T) {
		r := post(t, context.Background(), h, `{ keyAreaStats { keyArea { name } schools events } }`, nil)
		golden(t, "research_key_area_stats", r)
	})

	byName := stats(t, nil)
	t.Run("CountsAgreeWithTheKeyAreasLists", func(t *testing.T) {
		if len(byName) != len(loaded.KeyAreas) {
			t.Fatalf("%d stats for %d key areas", len(byName), len(loaded.KeyAreas))
		}
		schools, events := 0, 0
		for _, s := range byName {
			if s.Schools != s.KeyArea.Schools.TotalCount || s.Events != s.KeyArea.Events.TotalCount {
				t.Errorf("%s: %d schools, %d events; its lists hold %d and %d", s.KeyArea.Name,
					s.Schools, s.Events, s.KeyArea.Schools.TotalCount, s.KeyArea.Events.TotalCount)
			}
			schools += s.Schools
			events += s.Events
		}
		// No source says that a given school works in a key area (the seed's "UNESCO
		// Associated Schools work in four key areas" is about the network's areas), so no
		// school is counted; two events are, on EDITORIAL links.
		if schools != 0 || events != 2 {
			t.Errorf("%d schools and %d events in all; want 0 and 2", schools, events)
		}
	})

	// Counting only what sources state leaves out the two EDITORIAL event links, and each stat
	// says which bases it followed and how many links of each it counted.
	t.Run("OnlyStated", func(t *testing.T) {
		type counted struct {
			KeyArea struct{ Name string }
			Events  int
			Bases   []string
			Links   []struct {
				Basis string
				Links int
			}
		}
		const q = `query($bases: [Basis!]) { keyAreaStats(followMappings: true, bases: $bases) { keyArea { name } events bases links { basis links } } }`
		render := func(vars map[string]any) map[string]string {
			out := map[string]string{}
			for _, c := range decode[struct{ KeyAreaStats []counted }](t, post(t, context.Background(), h, q, vars)).KeyAreaStats {
				line := fmt.Sprintf("%d %v", c.Events, c.Bases)
				for _, l := range c.Links {
					line += fmt.Sprintf(" %s=%d", l.Basis, l.Links)
				}
				out[c.KeyArea.Name] = line
			}
			return out
		}
		all, stated := render(nil), render(map[string]any{"bases": []string{"STATED"}})
		// Intercultural Learning maps to GCED (STATED, the Global Citizens page) and to the
		// 2024 heritage area (EDITORIAL); each holds one event on an EDITORIAL link.
		if got := all["Intercultural Learning"]; got != "2 [STATED DERIVED EDITORIAL] STATED=1 DERIVED=0 EDITORIAL=4" {
			t.Errorf("Intercultural Learning, every basis: %s", got)
		}
		if got := stated["Intercultural Learning"]; got != "0 [STATED] STATED=1" {
			t.Errorf("Intercultural Learning, STATED only: %s", got)
		}
		if got := stated["Environmental Issues"]; got != "0 [STATED] STATED=0" {
			t.Errorf("Environmental Issues, STATED only (its mapping to ESD is EDITORIAL): %s", got)
		}
	})

	collated := func(a, b string) int { return strings.Compare(collation.Key(a, ""), collation.Key(b, "")) }
	names := func(ss []stat) []string {
		out := make([]string, len(ss))
		for i, s := range ss {
			out[i] = s.KeyArea.Name
		}
		return out
	}
	t.Run("ByNameIsTheDefault", func(t *testing.T) {
		// By name is by the Unicode Collation Algorithm (case aside): "Intercultural and
		// heritage learning" before "Intercultural Learning".
		if !slices.IsSortedFunc(names(byName), collated) {
			t.Errorf("not by name: %v", names(byName))
		}
		if got := names(stats(t, map[string]any{"by": "NAME", "desc": false})); !slices.Equal(got, names(byName)) {
			t.Errorf("sortBy NAME: %v; the default gave %v", got, names(byName))
		}
		desc := names(stats(t, map[string]any{"by": "NAME", "desc": true}))
		want := slices.Clone(names(byName))
		slices.Reverse(want)
		if !slices.Equal(desc, want) {
			t.Errorf("descending: %v, want %v", desc, want)
		}
	})

	for _, by := range []string{"SCHOOLS", "EVENTS"} {
		for _, desc := range []bool{false, true} {
			name := by
			if desc {
				name += "Descending"
			}
			t.Run(name, func(t *testing.T) {
				got := stats(t, map[string]any{"by": by, "desc": desc})
				count := func(s stat) int {
					if by == "SCHOOLS" {
						return s.Schools
					}
					return s.Events
				}
				ties := 0
				for i := 1; i < len(got); i++ {
					a, b := got[i-1], got[i]
					switch {
					case count(a) == count(b):
						ties++
						if collated(a.KeyArea.Name, b.KeyArea.Name) > 0 {
							t.Errorf("tie at %d broken against the name: %s before %s", count(a), a.KeyArea.Name, b.KeyArea.Name)
						}
					case (count(a) > count(b)) != desc:
						t.Errorf("%s (%d) before %s (%d)", a.KeyArea.Name, count(a), b.KeyArea.Name, count(b))
					}
				}
				if ties == 0 {
					t.Error("no ties to check the tie-break on")
				}
				if len(got) != len(byName) {
					t.Errorf("%d stats, want %d", len(got), len(byName))
				}
			})
		}
	}
}

type hit struct {
	Score float64
	Node  struct {
		Typename string `json:"__typename"`
		ID       string
	}
}

const searchQuery = `query($text: String!, $first: Int) { search(text: $text, first: $first) { score node { __typename id } } }`

func search(t *testing.T, ctx context.Context, h http.Handler, text string, first any) []hit {
	t.Helper()
	return decode[struct{ Search []hit }](t, post(t, ctx, h, searchQuery, map[string]any{"text": text, "first": first})).Search
}

func TestSearchOnTheKnowledgeGraph(t *testing.T) {
	h := handler(knowledgeGraph(t), nil)
	ctx := context.Background()

	t.Run("Golden", func(t *testing.T) {
		// Scores depend on the full-text index's statistics, which earlier loads leave
		// behind, so the golden response holds the hits without them.
		r := post(t, ctx, h, `{ search(text: "BEST school", first: 5) { node { __typename id
			... on School { name } ... on Network { name } ... on Event { name } ... on Note { text } } } }`, nil)
		golden(t, "research_search", r)
	})

	t.Run("BestMatchFirst", func(t *testing.T) {
		hits := search(t, ctx, h, "BEST", nil)
		if len(hits) == 0 || hits[0].Node.ID != id(aspnet.KindSchool, "school-almaty-best") {
			t.Fatalf("hits %+v, want BEST school first", hits)
		}
		for i := 1; i < len(hits); i++ {
			if hits[i].Score > hits[i-1].Score {
				t.Errorf("hit %d scores %v after %v", i, hits[i].Score, hits[i-1].Score)
			}
		}
	})

	t.Run("FirstDefaultsTo20", func(t *testing.T) {
		all := search(t, ctx, h, "ASPnet UNESCO schools Almaty Kazakhstan", 100)
		if len(all) <= 20 {
			t.Fatalf("%d hits; the test needs more than 20", len(all))
		}
		if got := search(t, ctx, h, "ASPnet UNESCO schools Almaty Kazakhstan", nil); len(got) != 20 {
			t.Errorf("%d hits without first, want 20", len(got))
		}
		if got := search(t, ctx, h, "ASPnet UNESCO schools Almaty Kazakhstan", 1); len(got) != 1 || got[0] != all[0] {
			t.Errorf("first 1: %+v, want %+v", got, all[0])
		}
	})

	t.Run("QuotesAreSearched", func(t *testing.T) {
		// School No. 8's name does not say "accepted"; the seed's sentence it is cited with does.
		hits := search(t, ctx, h, "accepted", 100)
		if !slices.ContainsFunc(hits, func(x hit) bool { return x.Node.ID == id(aspnet.KindSchool, "school-almaty-8") }) {
			t.Errorf("hits %+v lack Secondary School No. 8", hits)
		}
	})

	t.Run("LuceneSyntaxIsSearchedLiterally", func(t *testing.T) {
		for _, text := range []string{
			"AND", "OR", "NOT", "BEST AND", "OR BEST", "NOT BEST", `(`, `)`, `"`, `"BEST`, `~`, `BEST~`,
			`*`, `BEST*`, `?`, `B?ST`, `:`, `name:BEST`, `\`, `/`, `/BEST/`, `[`, `]`, `[a TO z]`,
			`{`, `}`, `^`, `BEST^3`, `+`, `-`, `!`, `&&`, `||`, `-BEST`, `!BEST`, `(BEST OR) AND (`,
		} {
			r := post(t, ctx, h, searchQuery, map[string]any{"text": text})
			if len(r.Errors) > 0 {
				t.Errorf("%q: %s", text, r.raw)
			}
		}
		// As syntax, NOT and - would exclude BEST school; as words, they find it.
		for _, text := range []string{"school NOT BEST", "school -BEST", "school AND NOT BEST"} {
			hits := search(t, ctx, h, text, 100)
			if !slices.ContainsFunc(hits, func(x hit) bool { return x.Node.ID == id(aspnet.KindSchool, "school-almaty-best") }) {
				t.Errorf("%q did not find BEST school", text)
			}
		}
	})

	t.Run("BadInput", func(t *testing.T) {
		for name, tc := range map[string]struct {
			text  string
			first any
			arg   string
		}{
			"Empty":         {"", nil, "text"},
			"Blank":         {" \t\n ", nil, "text"},
			"TooLong":       {strings.Repeat("a ", 501), nil, "text"},
			"FirstZero":     {"BEST", 0, "first"},
			"FirstNegative": {"BEST", -1, "first"},
			"FirstAboveMax": {"BEST", 101, "first"},
		} {
			t.Run(name, func(t *testing.T) {
				r := post(t, ctx, h, searchQuery, map[string]any{"text": tc.text, "first": tc.first})
				badInput(t, r, tc.arg)
			})
		}
	})
}

// badInput fails unless r's first error is BAD_USER_INPUT naming argument arg.
func badInput(t *testing.T, r response, arg string) {
	t.Helper()
	if len(r.Errors) == 0 {
		t.Fatalf("no error: %s", r.raw)
	}
	e := r.Errors[0]
	if e.Extensions["code"] != "BAD_USER_INPUT" || !strings.Contains(e.Message, "argument "+arg+":") {
		t.Errorf("got %q (code %v), want BAD_USER_INPUT naming %s", e.Message, e.Extensions["code"], arg)
	}
}

type edge struct{ From, To, Type string }

type path struct {
	Length int
	Nodes  []struct {
		Typename string `json:"__typename"`
		ID       string
	}
	Edges []edge
}

const pathQuery = `query($from: ID!, $to: ID!, $max: Int) { shortestPath(from: $from, to: $to, maxHops: $max) {
	length nodes { __typename id } edges { from to type } } }`

func TestShortestPathOnTheKnowledgeGraph(t *testing.T) {
	h := handler(knowledgeGraph(t), nil)
	ctx := context.Background()
	school, kz, global := id(aspnet.KindSchool, "school-almaty-8"), id(aspnet.KindNetwork, "aspnet-kz"), id(aspnet.KindNetwork, "aspnet")
	shortest := func(t *testing.T, ctx context.Context, from, to string, hops any) *path {
		t.Helper()
		return decode[struct{ ShortestPath *path }](t, post(t, ctx, h, pathQuery, map[string]any{"from": from, "to": to, "max": hops})).ShortestPath
	}

	t.Run("FoundingSchoolToTheGlobalNetwork", func(t *testing.T) {
		r := post(t, ctx, h, `query($from: ID!, $to: ID!) { shortestPath(from: $from, to: $to) { length
			nodes { __typename id ... on School { name } ... on Network { name launched } } edges { from to type } } }`,
			map[string]any{"from": school, "to": global})
		golden(t, "research_shortest_path", r)
		p := decode[struct{ ShortestPath *path }](t, r).ShortestPath
		if p == nil {
			t.Fatal("no path")
		}
		var ids []string
		for _, n := range p.Nodes {
			ids = append(ids, n.ID)
		}
		want := []edge{{school, kz, "MEMBER_OF"}, {kz, global, "PART_OF"}}
		if p.Length != 2 || !slices.Equal(ids, []string{school, kz, global}) || !slices.Equal(p.Edges, want) {
			t.Errorf("got %+v, want school-almaty-8 -MEMBER_OF-> aspnet-kz -PART_OF-> aspnet", p)
		}
		if p.Nodes[0].Typename != "School" || p.Nodes[2].Typename != "Network" {
			t.Errorf("types %s … %s", p.Nodes[0].Typename, p.Nodes[2].Typename)
		}
	})

	t.Run("Backwards", func(t *testing.T) {
		p := shortest(t, ctx, global, school, nil)
		want := []edge{{kz, global, "PART_OF"}, {school, kz, "MEMBER_OF"}}
		if p == nil || p.Length != 2 || !slices.Equal(p.Edges, want) {
			t.Errorf("got %+v, want the same edges, in the other order", p)
		}
	})

	t.Run("MaxHopsBelowTheLength", func(t *testing.T) {
		if p := shortest(t, ctx, school, global, 1); p != nil {
			t.Errorf("got %+v within one hop", p)
		}
	})

	t.Run("SameNode", func(t *testing.T) {
		p := shortest(t, ctx, school, school, nil)
		if p == nil || p.Length != 0 || len(p.Nodes) != 1 || p.Nodes[0].ID != school || len(p.Edges) != 0 {
			t.Errorf("got %+v, want a path of length 0", p)
		}
	})

	t.Run("NoPathToASource", func(t *testing.T) {
		// Sources are cited in properties, never linked: nothing leads to one.
		if p := shortest(t, ctx, school, id(aspnet.KindSource, seedSource), 10); p != nil {
			t.Errorf("got %+v, want null", p)
		}
	})

	t.Run("BadInput", func(t *testing.T) {
		for name, tc := range map[string]struct {
			from, to string
			max      any
			arg      string
		}{
			"MalformedFrom":   {"not an id", global, nil, "from"},
			"MalformedTo":     {school, "%%%", nil, "to"},
			"UnknownFrom":     {id(aspnet.KindSchool, "no-such-school"), global, nil, "from"},
			"UnknownTo":       {school, id(aspnet.KindNetwork, "no-such-network"), nil, "to"},
			"KeyOfOtherKind":  {school, id(aspnet.KindSchool, "aspnet"), nil, "to"},
			"NotAnEntity":     {school, id(aspnet.KindNetwork, "gf-aspnet-1976-schools"), nil, "to"},
			"MaxHopsZero":     {school, global, 0, "maxHops"},
			"MaxHopsAboveMax": {school, global, 11, "maxHops"},
		} {
			t.Run(name, func(t *testing.T) {
				badInput(t, post(t, ctx, h, pathQuery, map[string]any{"from": tc.from, "to": tc.to, "max": tc.max}), tc.arg)
			})
		}
	})
}

const neighborhoodQuery = `query($id: ID!, $depth: Int) { neighborhood(id: $id, depth: $depth) {
	truncated nodes { __typename id } edges { from to type } } }`

type subgraph struct {
	Truncated bool
	Nodes     []struct {
		Typename string `json:"__typename"`
		ID       string
	}
	Edges []edge
}

func TestNeighborhoodOnTheKnowledgeGraph(t *testing.T) {
	h := handler(knowledgeGraph(t), nil)
	ctx := context.Background()
	school := id(aspnet.KindSchool, "school-almaty-8")
	around := func(t *testing.T, ctx context.Context, center string, depth any) subgraph {
		t.Helper()
		g := decode[struct{ Neighborhood subgraph }](t, post(t, ctx, h, neighborhoodQuery, map[string]any{"id": center, "depth": depth})).Neighborhood
		if len(g.Nodes) == 0 || g.Nodes[0].ID != center {
			t.Fatalf("the centre does not come first: %+v", g.Nodes)
		}
		in := map[string]bool{}
		for _, n := range g.Nodes {
			in[n.ID] = true
		}
		if len(in) != len(g.Nodes) {
			t.Errorf("a node comes twice: %+v", g.Nodes)
		}
		for _, e := range g.Edges {
			if !in[e.From] || !in[e.To] {
				t.Errorf("edge %+v joins a node that was not returned", e)
			}
		}
		return g
	}

	t.Run("Golden", func(t *testing.T) {
		r := post(t, ctx, h, `query($id: ID!) { neighborhood(id: $id) { truncated
			nodes { __typename id ... on School { name } ... on Network { name } ... on KeyArea { name } ... on City { name } }
			edges { from to type } } }`, map[string]any{"id": school})
		golden(t, "research_neighborhood", r)
	})

	t.Run("DepthOneIsTheDefault", func(t *testing.T) {
		g := around(t, ctx, school, nil)
		if g1 := around(t, ctx, school, 1); !slices.Equal(g.Edges, g1.Edges) || len(g.Nodes) != len(g1.Nodes) {
			t.Errorf("depth 1 differs from the default")
		}
		// The school's city and network, each joined to it directly (no source links the
		// school to a key area).
		if len(g.Nodes) != 3 || len(g.Edges) != 2 || g.Truncated {
			t.Errorf("%d nodes, %d edges, truncated %v: %+v", len(g.Nodes), len(g.Edges), g.Truncated, g)
		}
		for _, e := range g.Edges {
			if e.From != school {
				t.Errorf("at depth 1 every edge leaves the school, not %+v", e)
			}
		}
	})

	t.Run("DeeperHoldsShallower", func(t *testing.T) {
		prev := map[string]bool{}
		for depth := 1; depth <= 3; depth++ {
			g := around(t, ctx, school, depth)
			now := map[string]bool{}
			for _, n := range g.Nodes {
				now[n.ID] = true
				if n.Typename == "" {
					t.Errorf("node %s has no type", n.ID)
				}
			}
			for n := range prev {
				if !now[n] {
					t.Errorf("depth %d lost %s", depth, n)
				}
			}
			if len(now) <= len(prev) {
				t.Errorf("depth %d: %d nodes, no more than depth %d", depth, len(now), depth-1)
			}
			if g.Truncated {
				t.Errorf("depth %d truncated at %d nodes", depth, len(g.Nodes))
			}
			prev = now
		}
	})

	t.Run("Deterministic", func(t *testing.T) {
		a, b := around(t, ctx, school, 3), around(t, ctx, school, 3)
		if !slices.Equal(a.Edges, b.Edges) || len(a.Nodes) != len(b.Nodes) {
			t.Fatal("two calls differ")
		}
		for i := range a.Nodes {
			if a.Nodes[i] != b.Nodes[i] {
				t.Errorf("node %d: %s, then %s", i, a.Nodes[i].ID, b.Nodes[i].ID)
			}
		}
	})

	t.Run("BadInput", func(t *testing.T) {
		for name, tc := range map[string]struct {
			id    string
			depth any
			arg   string
		}{
			"Malformed":     {"@@", nil, "id"},
			"Unknown":       {id(aspnet.KindSchool, "no-such-school"), nil, "id"},
			"NotAnEntity":   {id(aspnet.KindOrganization, "org-unesco-almaty-founded-1"), nil, "id"},
			"DepthZero":     {school, 0, "depth"},
			"DepthAboveMax": {school, 4, "depth"},
		} {
			t.Run(name, func(t *testing.T) {
				badInput(t, post(t, ctx, h, neighborhoodQuery, map[string]any{"id": tc.id, "depth": tc.depth}), tc.arg)
			})
		}
	})
}
