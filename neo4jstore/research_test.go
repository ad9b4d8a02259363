package neo4jstore_test

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/aspgraph/aspgraph/aspnet"
	"github.com/aspgraph/aspgraph/neo4jstore/neo4jtest"
)

// oneRoundTrip runs f under a round-trip counter and fails unless it made exactly one.
func oneRoundTrip(t *testing.T, f func(ctx context.Context) error) error {
	t.Helper()
	ctx, n := aspnet.WithRoundTripCounter(context.Background())
	err := f(ctx)
	if got := n.Load(); got != 1 {
		t.Errorf("%d round trips, want 1", got)
	}
	return err
}

func ref(k aspnet.Kind, key string) aspnet.NodeRef { return aspnet.NodeRef{Kind: k, Key: key} }

// idsOf lists nodes as Kind:key, for readable comparisons.
func idsOf(nodes []aspnet.Node) []string {
	out := make([]string, len(nodes))
	for i, n := range nodes {
		kind, key, _ := aspnet.DecodeID(n.ID())
		out[i] = string(kind) + ":" + key
	}
	return out
}

// edgeStrings lists edges as from-TYPE->to with Kind:key ends.
func edgeStrings(edges []aspnet.Edge) []string {
	name := func(id string) string {
		kind, key, ok := aspnet.DecodeID(id)
		if !ok {
			return "?" + id
		}
		return string(kind) + ":" + key
	}
	out := make([]string, len(edges))
	for i, e := range edges {
		out[i] = name(e.From) + " -" + e.Type + "-> " + name(e.To)
	}
	return out
}

func TestKeyAreaStats(t *testing.T) {
	s := neo4jtest.Open(t)
	neo4jtest.LoadFixture(t, s, fixture)

	// Area One: 12 schools, 7 events; Area Two: no school, 1 event.
	tests := []struct {
		name string
		by   aspnet.KeyAreaStatSort
		desc bool
		want []string
	}{
		{"ByName", aspnet.KeyAreaStatSortName, false, []string{"Area One 12 7", "Area Two 0 1"}},
		{"ByNameDescending", aspnet.KeyAreaStatSortName, true, []string{"Area Two 0 1", "Area One 12 7"}},
		{"BySchools", aspnet.KeyAreaStatSortSchools, false, []string{"Area Two 0 1", "Area One 12 7"}},
		{"BySchoolsDescending", aspnet.KeyAreaStatSortSchools, true, []string{"Area One 12 7", "Area Two 0 1"}},
		{"ByEvents", aspnet.KeyAreaStatSortEvents, false, []string{"Area Two 0 1", "Area One 12 7"}},
		{"ByEventsDescending", aspnet.KeyAreaStatSortEvents, true, []string{"Area One 12 7", "Area Two 0 1"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var got []*aspnet.KeyAreaStat
			err := oneRoundTrip(t, func(ctx context.Context) (err error) {
				got, err = s.KeyAreaStats(ctx, tc.by, tc.desc, false, nil)
				return err
			})
			if err != nil {
				t.Fatal(err)
			}
			var lines []string
			for _, st := range got {
				lines = append(lines, st.KeyArea.Name+" "+strconv.Itoa(st.Schools)+" "+strconv.Itoa(st.Events))
			}
			if !slices.Equal(lines, tc.want) {
				t.Errorf("got %v, want %v", lines, tc.want)
			}
		})
	}
	// Each stat says which bases it followed and how many links of each it counted: Area Two
	// following its (STATED) mapping counts Area One's 19 links and the mapping itself; with
	// only EDITORIAL links followed it counts nothing.
	t.Run("LinksByBasis", func(t *testing.T) {
		for _, tc := range []struct {
			bases []aspnet.Basis
			want  string
		}{
			{nil, "Area One 12 7 [STATED DERIVED EDITORIAL] STATED=19 DERIVED=0 EDITORIAL=0; Area Two 12 8 [STATED DERIVED EDITORIAL] STATED=21 DERIVED=0 EDITORIAL=0"},
			{[]aspnet.Basis{aspnet.BasisEditorial}, "Area One 0 0 [EDITORIAL] EDITORIAL=0; Area Two 0 0 [EDITORIAL] EDITORIAL=0"},
		} {
			got, err := s.KeyAreaStats(context.Background(), aspnet.KeyAreaStatSortName, false, true, tc.bases)
			if err != nil {
				t.Fatal(err)
			}
			var parts []string
			for _, st := range got {
				line := fmt.Sprintf("%s %d %d %v", st.KeyArea.Name, st.Schools, st.Events, st.Bases)
				for _, l := range st.Links {
					line += fmt.Sprintf(" %s=%d", l.Basis, l.Links)
				}
				parts = append(parts, line)
			}
			if g := strings.Join(parts, "; "); g != tc.want {
				t.Errorf("bases %v:\n got %s\nwant %s", tc.bases, g, tc.want)
			}
		}
	})
	t.Run("ErrUnknownOrder", func(t *testing.T) {
		if _, err := s.KeyAreaStats(context.Background(), "SIZE", false, false, nil); err == nil {
			t.Error("an unknown order was accepted")
		}
	})
}

func TestSearch(t *testing.T) {
	s := neo4jtest.Open(t)
	ctx := context.Background()
	neo4jtest.LoadFixture(t, s, fixture)

	t.Run("BestMatchFirst", func(t *testing.T) {
		var hits []*aspnet.SearchHit
		err := oneRoundTrip(t, func(ctx context.Context) (err error) {
			hits, err = s.Search(ctx, "Alphaland", 10)
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		if len(hits) == 0 || hits[0].Node.ID() != aspnet.EncodeID(aspnet.KindCountry, "c-alpha") {
			t.Fatalf("hits %v, want Country:c-alpha first", hitIDs(hits))
		}
		if hits[0].Score <= 0 {
			t.Errorf("score %v, want a positive score", hits[0].Score)
		}
	})

	t.Run("ScoresNeverRiseAndFirstBounds", func(t *testing.T) {
		hits, err := s.Search(ctx, "school network", 100)
		if err != nil {
			t.Fatal(err)
		}
		if len(hits) < 20 {
			t.Fatalf("%d hits for school network; the fixture has 26 schools and 3 networks", len(hits))
		}
		for i := 1; i < len(hits); i++ {
			if hits[i].Score > hits[i-1].Score {
				t.Errorf("hit %d scores %v after %v", i, hits[i].Score, hits[i-1].Score)
			}
		}
		few, err := s.Search(ctx, "school network", 5)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(hitIDs(few), hitIDs(hits)[:5]) {
			t.Errorf("first 5: %v, want the first 5 of %v", hitIDs(few), hitIDs(hits)[:5])
		}
	})

	t.Run("QuotesAreSearched", func(t *testing.T) {
		// "Fixture." is only ever a citation quote in the fixture.
		hits, err := s.Search(ctx, "fixture", 100)
		if err != nil {
			t.Fatal(err)
		}
		ids := hitIDs(hits)
		if !slices.Contains(ids, "School:sch-01") || !slices.Contains(ids, "Network:net-alpha") {
			t.Errorf("hits %v lack entities whose quotes say Fixture", ids)
		}
		if !slices.Contains(ids, "Source:src-fixture") { // by its title, "Test fixture"
			t.Errorf("hits %v lack the source titled Test fixture", ids)
		}
	})

	t.Run("OperatorsAreWords", func(t *testing.T) {
		// As Lucene syntax, AND would demand both words and -Betaland would exclude Betaland;
		// as words, each finds its own country.
		for _, text := range []string{"Alphaland AND Betaland", "Alphaland -Betaland", "+Alphaland +Betaland", "Alphaland NOT Betaland"} {
			hits, err := s.Search(ctx, text, 10)
			if err != nil {
				t.Fatalf("%q: %v", text, err)
			}
			ids := hitIDs(hits)
			if !slices.Contains(ids, "Country:c-alpha") || !slices.Contains(ids, "Country:c-beta") {
				t.Errorf("%q found %v, want both countries", text, ids)
			}
		}
	})

	t.Run("LuceneSyntaxNeverFails", func(t *testing.T) {
		for _, text := range luceneSyntax {
			if _, err := s.Search(ctx, text, 10); err != nil {
				t.Errorf("%q: %v", text, err)
			}
		}
	})

	t.Run("NoWordFindsNothing", func(t *testing.T) {
		for _, text := range []string{"", "   ", "*", "!!!", "\\", "( )"} {
			hits, err := s.Search(ctx, text, 10)
			if err != nil || len(hits) != 0 {
				t.Errorf("%q: %v hits, error %v; want none", text, hitIDs(hits), err)
			}
		}
	})

	t.Run("TooManyTermsAreBadUserInput", func(t *testing.T) {
		words := make([]string, aspnet.MaxSearchTerms+1)
		for i := range words {
			words[i] = fmt.Sprintf("w%d", i)
		}
		if _, err := s.Search(ctx, strings.Join(words[:aspnet.MaxSearchTerms], " "), 10); err != nil {
			t.Fatalf("%d distinct words: %v", aspnet.MaxSearchTerms, err)
		}
		// One word of many terms (the analyser splits at hyphens) counts each of them.
		for _, text := range []string{strings.Join(words, " "), strings.Join(words[:aspnet.MaxSearchTerms-1], " ") + " x-y"} {
			_, err := s.Search(ctx, text, 10)
			if aspnet.ErrorCode(err) != aspnet.CodeBadUserInput || !strings.HasPrefix(errMessage(err), "argument text:") {
				t.Errorf("%.40q...: %v, want BAD_USER_INPUT on argument text", text, err)
			}
		}
		// Neo4j's own refusal, should a text pass the store's count: BAD_USER_INPUT too.
		if err := s.SearchLucene(ctx, strings.Join(words, " ")); aspnet.ErrorCode(err) != aspnet.CodeBadUserInput {
			t.Errorf("Lucene's clause limit: %v, want BAD_USER_INPUT", err)
		}
		if err := s.SearchLucene(ctx, "a AND ("); aspnet.ErrorCode(err) != aspnet.CodeBadUserInput {
			t.Errorf("Lucene syntax: %v, want BAD_USER_INPUT", err)
		}
	})

	t.Run("LongTextStaysUnderTheClauseLimit", func(t *testing.T) {
		// 500 one-letter words: Lucene allows 1024 clauses. (The API allows 1000 characters.)
		text := strings.Repeat("a ", 500)
		if _, err := s.Search(ctx, text, 10); err != nil {
			t.Errorf("500 words: %v", err)
		}
	})
}

// luceneSyntax holds texts that, read as Lucene queries, are syntax errors or operators.
var luceneSyntax = []string{
	"AND", "OR", "NOT", "AND OR NOT", "School AND", "OR School", "NOT NOT",
	`(`, `)`, `School (`, `"`, `"School`, `School"`, `~`, `School~`, `School~2`, `*`, `*School`,
	`School*`, `?`, `?chool`, `:`, `name:School`, `\`, `School\`, `/`, `/School/`, `[`, `]`,
	`[a TO z]`, `{`, `}`, `{a TO z}`, `^`, `School^2`, `+`, `-`, `!`, `&&`, `||`, `School && ||`,
	`-School`, `+School`, `!School`, `"School 01"~3`, `(School OR) AND (`, `\"`, `\\`, `a:b:c`,
	"School\tNetwork\n01", "学校 /", "ï ü AND",
}

func hitIDs(hits []*aspnet.SearchHit) []string {
	nodes := make([]aspnet.Node, len(hits))
	for i, h := range hits {
		nodes[i] = h.Node
	}
	return idsOf(nodes)
}

func TestShortestPath(t *testing.T) {
	s := neo4jtest.Open(t)
	ctx := context.Background()
	neo4jtest.LoadFixture(t, s, fixture)

	tests := []struct {
		name      string
		from, to  aspnet.NodeRef
		maxHops   int
		wantNodes []string // nil: no path
		wantEdges []string
	}{
		{
			"SchoolToGlobalNetwork", ref(aspnet.KindSchool, "sch-01"), ref(aspnet.KindNetwork, "net-global"), 6,
			[]string{"School:sch-01", "Network:net-alpha", "Network:net-global"},
			[]string{"School:sch-01 -MEMBER_OF-> Network:net-alpha", "Network:net-alpha -PART_OF-> Network:net-global"},
		},
		{
			"AgainstTheDirectionOfRelationships", ref(aspnet.KindNetwork, "net-global"), ref(aspnet.KindSchool, "sch-01"), 6,
			[]string{"Network:net-global", "Network:net-alpha", "School:sch-01"},
			[]string{"Network:net-alpha -PART_OF-> Network:net-global", "School:sch-01 -MEMBER_OF-> Network:net-alpha"},
		},
		{
			"BothWays", ref(aspnet.KindSchool, "sch-02"), ref(aspnet.KindSchool, "sch-24"), 6,
			[]string{"School:sch-02", "KeyArea:ka-one", "School:sch-24"},
			[]string{"School:sch-02 -WORKS_IN-> KeyArea:ka-one", "School:sch-24 -WORKS_IN-> KeyArea:ka-one"},
		},
		{
			"ExactlyMaxHops", ref(aspnet.KindSchool, "sch-01"), ref(aspnet.KindNetwork, "net-global"), 2,
			[]string{"School:sch-01", "Network:net-alpha", "Network:net-global"},
			[]string{"School:sch-01 -MEMBER_OF-> Network:net-alpha", "Network:net-alpha -PART_OF-> Network:net-global"},
		},
		{"SameNode", ref(aspnet.KindSchool, "sch-01"), ref(aspnet.KindSchool, "sch-01"), 1, []string{"School:sch-01"}, []string{}},
		{"NoneWithinMaxHops", ref(aspnet.KindSchool, "sch-01"), ref(aspnet.KindNetwork, "net-global"), 1, nil, nil},
		// Sources are not linked to anything: citations are properties.
		{"Unconnected", ref(aspnet.KindSchool, "sch-01"), ref(aspnet.KindSource, "src-fixture"), 10, nil, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var p *aspnet.Path
			err := oneRoundTrip(t, func(ctx context.Context) (err error) {
				p, err = s.ShortestPath(ctx, tc.from, tc.to, tc.maxHops)
				return err
			})
			if err != nil {
				t.Fatal(err)
			}
			if tc.wantNodes == nil {
				if p != nil {
					t.Errorf("got path %v, want none", idsOf(p.Nodes))
				}
				return
			}
			if p == nil {
				t.Fatal("no path")
			}
			if got := idsOf(p.Nodes); !slices.Equal(got, tc.wantNodes) {
				t.Errorf("nodes %v, want %v", got, tc.wantNodes)
			}
			if got := edgeStrings(p.Edges); !slices.Equal(got, tc.wantEdges) {
				t.Errorf("edges %v, want %v", got, tc.wantEdges)
			}
			if p.Length() != len(tc.wantNodes)-1 {
				t.Errorf("length %d, want %d", p.Length(), len(tc.wantNodes)-1)
			}
		})
	}

	t.Run("ThreeHops", func(t *testing.T) {
		// From Alpha's country to Beta's network, the only way is through the global network.
		p, err := s.ShortestPath(ctx, ref(aspnet.KindCountry, "c-alpha"), ref(aspnet.KindNetwork, "net-beta"), 10)
		if err != nil || p == nil {
			t.Fatalf("path %v, error %v", p, err)
		}
		want := []string{"Country:c-alpha", "Network:net-alpha", "Network:net-global", "Network:net-beta"}
		if got := idsOf(p.Nodes); !slices.Equal(got, want) {
			t.Errorf("nodes %v, want %v", got, want)
		}
	})

	errTests := []struct {
		name     string
		from, to aspnet.NodeRef
		arg      string
	}{
		{"ErrUnknownFrom", ref(aspnet.KindSchool, "no-such-school"), ref(aspnet.KindSchool, "sch-01"), "from"},
		{"ErrUnknownTo", ref(aspnet.KindSchool, "sch-01"), ref(aspnet.KindNetwork, "no-such-network"), "to"},
		{"ErrKeyOfAnotherKind", ref(aspnet.KindNetwork, "sch-01"), ref(aspnet.KindSchool, "sch-01"), "from"},
		{"ErrGrowthFigureIsNoEntity", ref(aspnet.KindSchool, "sch-01"), ref(aspnet.KindNetwork, "gf-alpha-2000"), "to"},
	}
	for _, tc := range errTests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := s.ShortestPath(ctx, tc.from, tc.to, 6)
			if aspnet.ErrorCode(err) != aspnet.CodeBadUserInput || !strings.Contains(err.Error(), "argument "+tc.arg+":") {
				t.Errorf("got %v, want BAD_USER_INPUT naming %s", err, tc.arg)
			}
		})
	}
}

func TestNeighborhood(t *testing.T) {
	s := neo4jtest.Open(t)
	ctx := context.Background()
	neo4jtest.LoadFixture(t, s, fixture)

	get := func(t *testing.T, center aspnet.NodeRef, depth, limit int) *aspnet.Subgraph {
		t.Helper()
		var g *aspnet.Subgraph
		err := oneRoundTrip(t, func(ctx context.Context) (err error) {
			g, err = s.Neighborhood(ctx, center, depth, limit)
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		if len(g.Nodes) == 0 || g.Nodes[0].ID() != center.ID() {
			t.Fatalf("nodes %v do not start with the centre", idsOf(g.Nodes))
		}
		in := map[string]bool{}
		for _, n := range g.Nodes {
			if in[n.ID()] {
				t.Errorf("node %s twice", n.ID())
			}
			in[n.ID()] = true
		}
		for _, e := range edgeStrings(g.Edges) {
			if strings.Contains(e, "?") {
				t.Errorf("edge %s has an end that is not an ID", e)
			}
		}
		for _, e := range g.Edges {
			if !in[e.From] || !in[e.To] {
				t.Errorf("edge %s joins a node that was not returned", edgeStrings([]aspnet.Edge{e}))
			}
		}
		return g
	}
	global := ref(aspnet.KindNetwork, "net-global")

	t.Run("DepthOne", func(t *testing.T) {
		g := get(t, global, 1, 500)
		wantNodes := []string{"Network:net-global", "Network:net-alpha", "Network:net-beta"}
		wantEdges := []string{"Network:net-alpha -PART_OF-> Network:net-global", "Network:net-beta -PART_OF-> Network:net-global"}
		if got := idsOf(g.Nodes); !slices.Equal(got, wantNodes) {
			t.Errorf("nodes %v, want %v", got, wantNodes)
		}
		if got := edgeStrings(g.Edges); !slices.Equal(got, wantEdges) {
			t.Errorf("edges %v, want %v", got, wantEdges)
		}
		if g.Truncated {
			t.Error("truncated")
		}
	})

	t.Run("GrowthFiguresAreLeftOut", func(t *testing.T) {
		// net-alpha has two growth figures (FIGURE_OF); they are not entities of the API.
		g := get(t, ref(aspnet.KindNetwork, "net-alpha"), 1, 500)
		ids := idsOf(g.Nodes)
		if len(ids) != 25 || !slices.Contains(ids, "Network:net-global") || !slices.Contains(ids, "Country:c-alpha") {
			t.Errorf("nodes %v, want net-alpha, net-global, c-alpha and 22 schools", ids)
		}
		for _, e := range edgeStrings(g.Edges) {
			if strings.Contains(e, "FIGURE_OF") {
				t.Errorf("edge %s", e)
			}
		}
	})

	full := get(t, global, 3, 500)
	t.Run("DepthThree", func(t *testing.T) {
		// 1 centre; 2 national networks; their 26 schools and 2 countries; then the 2 cities,
		// Area One, and the 2 events held at School 01. Growth figures are not entities.
		if len(full.Nodes) != 36 || full.Truncated {
			t.Errorf("%d nodes (truncated %v), want 36: %v", len(full.Nodes), full.Truncated, idsOf(full.Nodes))
		}
		ids := idsOf(full.Nodes)
		for _, want := range []string{"City:city-b", "KeyArea:ka-one", "Event:ev-day", "Event:ev-2015", "School:sch-undated"} {
			if !slices.Contains(ids, want) {
				t.Errorf("%s missing from %v", want, ids)
			}
		}
		for _, id := range ids {
			if strings.HasPrefix(id, "Event:") && id != "Event:ev-day" && id != "Event:ev-2015" {
				t.Errorf("%s is four hops away", id)
			}
		}
		// Every relationship between two of the nodes comes back, those between the farthest too.
		if got := edgeStrings(full.Edges); !slices.Contains(got, "Event:ev-day -IN_KEY_AREA-> KeyArea:ka-one") ||
			!slices.Contains(got, "City:city-a -IN_COUNTRY-> Country:c-alpha") {
			t.Errorf("edges %v lack ones between far nodes", got)
		}
	})

	t.Run("CutKeepsTheNearest", func(t *testing.T) {
		g := get(t, global, 3, 10)
		if !g.Truncated || len(g.Nodes) != 10 {
			t.Fatalf("%d nodes, truncated %v; want 10, truncated", len(g.Nodes), g.Truncated)
		}
		if got, want := idsOf(g.Nodes), idsOf(full.Nodes)[:10]; !slices.Equal(got, want) {
			t.Errorf("nodes %v, want the first 10 of the whole: %v", got, want)
		}
		if len(g.Edges) >= len(full.Edges) {
			t.Errorf("%d edges of %d: the cut kept edges to dropped nodes", len(g.Edges), len(full.Edges))
		}
	})

	t.Run("CapEqualToTheSizeIsNoCut", func(t *testing.T) {
		if g := get(t, global, 3, len(full.Nodes)); g.Truncated || len(g.Nodes) != len(full.Nodes) {
			t.Errorf("%d nodes, truncated %v", len(g.Nodes), g.Truncated)
		}
		if g := get(t, global, 3, len(full.Nodes)-1); !g.Truncated {
			t.Error("one node short, yet not truncated")
		}
	})

	t.Run("CapOfOneKeepsTheCentre", func(t *testing.T) {
		g := get(t, global, 2, 1)
		if len(g.Nodes) != 1 || !g.Truncated || len(g.Edges) != 0 {
			t.Errorf("nodes %v, edges %v, truncated %v", idsOf(g.Nodes), edgeStrings(g.Edges), g.Truncated)
		}
	})

	t.Run("Isolated", func(t *testing.T) {
		g := get(t, ref(aspnet.KindSource, "src-fixture"), 3, 500)
		if len(g.Nodes) != 1 || len(g.Edges) != 0 || g.Truncated {
			t.Errorf("nodes %v, edges %v", idsOf(g.Nodes), edgeStrings(g.Edges))
		}
	})

	t.Run("Deterministic", func(t *testing.T) {
		again := get(t, global, 3, 500)
		if !slices.Equal(idsOf(again.Nodes), idsOf(full.Nodes)) || !slices.Equal(edgeStrings(again.Edges), edgeStrings(full.Edges)) {
			t.Error("two calls differ")
		}
	})

	for name, center := range map[string]aspnet.NodeRef{
		"ErrUnknown":      ref(aspnet.KindSchool, "no-such-school"),
		"ErrAnotherKind":  ref(aspnet.KindSchool, "net-global"),
		"ErrGrowthFigure": ref(aspnet.KindNetwork, "gf-alpha-2000"),
	} {
		t.Run(name, func(t *testing.T) {
			_, err := s.Neighborhood(ctx, center, 1, 500)
			if aspnet.ErrorCode(err) != aspnet.CodeBadUserInput || !strings.Contains(err.Error(), "argument center:") {
				t.Errorf("got %v, want BAD_USER_INPUT naming the center", err)
			}
		})
	}
}

// errMessage is the first *aspnet.Error in err's chain as the client reads it: the argument it
// names and its message.
func errMessage(err error) string {
	var e *aspnet.Error
	if errors.As(err, &e) {
		return e.Error()
	}
	return ""
}
