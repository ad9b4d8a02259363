package neo4jstore_test

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/aspgraph/aspgraph/aspnet"
	"github.com/aspgraph/aspgraph/neo4jstore"
	"github.com/aspgraph/aspgraph/neo4jstore/neo4jtest"
)

const fixture = "testdata/fixture"

func ptr[T any](v T) *T { return &v }

// dateOf parses an ASPnet date (a year, month or day) for a filter.
func dateOf(v string) *aspnet.Date { d := aspnet.MustParseDate(v); return &d }

func TestLoad(t *testing.T) {
	s := neo4jtest.Open(t)
	ctx := context.Background()
	d := neo4jtest.LoadKnowledgeGraph(t, s)

	t.Run("SecondLoadChangesNothing", func(t *testing.T) {
		before, err := s.Snapshot(ctx)
		if err != nil {
			t.Fatal(err)
		}
		st, err := s.Load(ctx, d.Graph())
		if err != nil {
			t.Fatal(err)
		}
		if st.NodesCreated != 0 || st.RelationshipsCreated != 0 || st.NodesDeleted != 0 || st.RelsDeleted != 0 {
			t.Errorf("second load changed the graph: %+v", st)
		}
		after, err := s.Snapshot(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if before != after {
			t.Errorf("graph differs after a second load")
		}
		if st.Nodes < 50 || st.Relationships < 50 {
			t.Errorf("load wrote %d nodes and %d relationships; the knowledge graph has more", st.Nodes, st.Relationships)
		}
	})

	t.Run("LoadRemovesWhatTheDatasetDropped", func(t *testing.T) {
		neo4jtest.LoadFixture(t, s, fixture)
		got, err := s.NodesByKey(ctx, aspnet.KindNetwork, []string{"aspnet", "net-alpha"})
		if err != nil {
			t.Fatal(err)
		}
		if _, ok := got["aspnet"]; ok {
			t.Error("the knowledge graph's network survived loading the fixture in its place")
		}
		if _, ok := got["net-alpha"]; !ok {
			t.Error("the fixture's network is missing")
		}
	})
}

func TestSchools(t *testing.T) {
	s := neo4jtest.Open(t)
	ctx := context.Background()
	neo4jtest.LoadFixture(t, s, fixture)

	t.Run("PagesCoverEverySchoolOnceInOrder", func(t *testing.T) {
		var names []string
		var after *string
		pages := 0
		for {
			p, err := aspnet.NewPage(ptr(10), after)
			if err != nil {
				t.Fatal(err)
			}
			c, err := s.Schools(ctx, aspnet.SchoolCriteria{}, p)
			if err != nil {
				t.Fatal(err)
			}
			pages++
			if c.TotalCount != 26 {
				t.Fatalf("totalCount = %d, want 26", c.TotalCount)
			}
			if c.HasPrev != (after != nil) {
				t.Errorf("page %d: hasPreviousPage = %v", pages, c.HasPrev)
			}
			for _, sc := range c.Items {
				names = append(names, sc.Name)
			}
			if !c.HasNext {
				break
			}
			after = &c.Cursors[len(c.Cursors)-1]
		}
		if pages != 3 || len(names) != 26 {
			t.Fatalf("got %d schools in %d pages, want 26 in 3", len(names), pages)
		}
		if !slices.IsSorted(names) || len(slices.Compact(slices.Clone(names))) != 26 {
			t.Errorf("schools not in name order or repeated: %v", names)
		}
	})

	tests := []struct {
		name   string
		filter aspnet.SchoolCriteria
		want   int
	}{
		{"NetworkIncludesNetworksWithin", aspnet.SchoolCriteria{NetworkKey: ptr("net-global")}, 26},
		{"NationalNetwork", aspnet.SchoolCriteria{NetworkKey: ptr("net-beta")}, 4},
		{"Founding", aspnet.SchoolCriteria{Founding: ptr(true)}, 3},
		{"NotFounding", aspnet.SchoolCriteria{Founding: ptr(false)}, 23},
		{"NameContainsIgnoresCase", aspnet.SchoolCriteria{NameContains: ptr("SCHOOL 1")}, 10},
		{"City", aspnet.SchoolCriteria{CityKey: ptr("city-b")}, 3},
		{"Country", aspnet.SchoolCriteria{CountryKey: ptr("c-alpha")}, 22},
		{"KeyArea", aspnet.SchoolCriteria{KeyAreaKey: ptr("ka-one")}, 12},
		{"Combined", aspnet.SchoolCriteria{KeyAreaKey: ptr("ka-one"), Founding: ptr(true)}, 1},
		{"UnknownKey", aspnet.SchoolCriteria{CityKey: ptr("nowhere")}, 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c, err := s.Schools(ctx, tc.filter, aspnet.Page{First: 100})
			if err != nil {
				t.Fatal(err)
			}
			if c.TotalCount != tc.want || len(c.Items) != tc.want {
				t.Errorf("totalCount %d, %d items; want %d", c.TotalCount, len(c.Items), tc.want)
			}
		})
	}

	t.Run("ErrCursorOfAnotherList", func(t *testing.T) {
		c, err := s.Events(ctx, aspnet.EventCriteria{}, aspnet.Page{First: 1})
		if err != nil {
			t.Fatal(err)
		}
		p, err := aspnet.NewPage(ptr(5), &c.Cursors[0])
		if err != nil {
			t.Fatal(err)
		}
		_, err = s.Schools(ctx, aspnet.SchoolCriteria{}, p)
		if aspnet.ErrorCode(err) != aspnet.CodeBadUserInput || !strings.Contains(err.Error(), "after") {
			t.Errorf("got %v, want BAD_USER_INPUT naming after", err)
		}
	})
}

func TestEvents(t *testing.T) {
	s := neo4jtest.Open(t)
	ctx := context.Background()
	neo4jtest.LoadFixture(t, s, fixture)

	tests := []struct {
		name   string
		filter aspnet.EventCriteria
		want   []string
	}{
		{"AllOldestFirstThenByName", aspnet.EventCriteria{}, []string{"ev-2015", "ev-year", "ev-month", "ev-day", "ev-span", "ev-same-a", "ev-same-b", "ev-2018"}},
		{"YearCoversTheWholeYear", aspnet.EventCriteria{From: dateOf("2016"), To: dateOf("2016")}, []string{"ev-year", "ev-month", "ev-day", "ev-span"}},
		{"MonthMeetsCoarserDates", aspnet.EventCriteria{From: dateOf("2016-09"), To: dateOf("2016-09")}, []string{"ev-year", "ev-month", "ev-day"}},
		{"DayRange", aspnet.EventCriteria{From: dateOf("2016-09-25"), To: dateOf("2016-12-31")}, []string{"ev-year", "ev-month", "ev-span"}},
		{"FromMeetsTheEndOfASpan", aspnet.EventCriteria{From: dateOf("2017-01-02")}, []string{"ev-span", "ev-same-a", "ev-same-b", "ev-2018"}},
		{"To", aspnet.EventCriteria{To: dateOf("2015-12")}, []string{"ev-2015"}},
		{"KeyArea", aspnet.EventCriteria{KeyAreaKey: ptr("ka-two")}, []string{"ev-2018"}},
		{"Organizer", aspnet.EventCriteria{OrganizerKey: ptr("org-a")}, []string{"ev-2015", "ev-day"}},
		{"Venue", aspnet.EventCriteria{VenueKey: ptr("sch-01"), From: dateOf("2016")}, []string{"ev-day"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c, err := s.Events(ctx, tc.filter, aspnet.Page{First: 100})
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, e := range c.Items {
				got = append(got, e.Key)
			}
			if !slices.Equal(got, tc.want) || c.TotalCount != len(tc.want) {
				t.Errorf("got %v (total %d), want %v", got, c.TotalCount, tc.want)
			}
		})
	}

	t.Run("NewestFirstPagesBackwards", func(t *testing.T) {
		var got []string
		var after *string
		for {
			p, err := aspnet.NewPage(ptr(3), after)
			if err != nil {
				t.Fatal(err)
			}
			c, err := s.Events(ctx, aspnet.EventCriteria{NewestFirst: true}, p)
			if err != nil {
				t.Fatal(err)
			}
			for _, e := range c.Items {
				got = append(got, e.Key)
			}
			if !c.HasNext {
				break
			}
			after = &c.Cursors[len(c.Cursors)-1]
		}
		want := []string{"ev-2018", "ev-same-b", "ev-same-a", "ev-span", "ev-day", "ev-month", "ev-year", "ev-2015"}
		if !slices.Equal(got, want) {
			t.Errorf("newest first, 3 a page: %v, want %v", got, want)
		}
	})

	t.Run("PagingSplitsSameDayEventsByName", func(t *testing.T) {
		c1, err := s.Events(ctx, aspnet.EventCriteria{}, aspnet.Page{First: 6})
		if err != nil {
			t.Fatal(err)
		}
		p, err := aspnet.NewPage(ptr(6), &c1.Cursors[5])
		if err != nil {
			t.Fatal(err)
		}
		c2, err := s.Events(ctx, aspnet.EventCriteria{}, p)
		if err != nil {
			t.Fatal(err)
		}
		if c1.Items[5].Key != "ev-same-a" || len(c2.Items) != 2 || c2.Items[0].Key != "ev-same-b" || c2.HasNext {
			t.Errorf("second page %v after %s", keys(c2.Items), c1.Items[5].Key)
		}
	})
}

func keys[T interface{ ID() string }](xs []T) []string {
	out := make([]string, len(xs))
	for i, x := range xs {
		kind, key, _ := aspnet.DecodeID(x.ID())
		out[i] = string(kind) + ":" + key
	}
	return out
}

func TestGrowth(t *testing.T) {
	s := neo4jtest.Open(t)
	ctx := context.Background()
	neo4jtest.LoadFixture(t, s, fixture)
	got, err := s.Growth(ctx, []string{"net-alpha", "net-global"}, true)
	if err != nil {
		t.Fatal(err)
	}
	render := func(d *aspnet.GrowthData, o aspnet.GrowthOptions) []string {
		ps, err := aspnet.Growth(d, o)
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, p := range ps {
			line := string(p.Basis) + " " + p.Date.String()
			if p.CountryKey != nil {
				line += " " + *p.CountryKey
			}
			if p.Schools != nil {
				line += " schools=" + strconv.Itoa(*p.Schools)
			}
			if p.Candidates != nil {
				line += " candidates=" + strconv.Itoa(*p.Candidates)
			}
			if p.SchoolsQualifier != nil && *p.SchoolsQualifier != aspnet.QualifierExact {
				line += " " + string(*p.SchoolsQualifier)
			}
			for _, d := range p.Disputes {
				line += fmt.Sprintf(" disputed(%s, %d claims)", d.Measure, len(d.Claims))
			}
			out = append(out, line)
		}
		return out
	}
	want := map[string][]string{
		// Alpha: 7 schools joined in 1990, 8 in 1991 (one a candidate), 7 in 1992; two left in 1995.
		"net-alpha": {"RECORDED 1990 schools=7", "RECORDED 1991 schools=14 candidates=1", "RECORDED 1992 schools=21 candidates=1", "RECORDED 1995 schools=19 candidates=1", "PUBLISHED 2000 schools=30 ABOUT disputed(SCHOOLS, 2 claims)", "PUBLISHED 2000 schools=28 disputed(SCHOOLS, 2 claims)"},
		// Global counts the networks within it; the undated membership cannot be placed.
		"net-global": {"RECORDED 1990 schools=8", "RECORDED 1991 schools=16 candidates=1", "RECORDED 1992 schools=24 candidates=1", "RECORDED 1995 schools=22 candidates=1"},
	}
	for net, w := range want {
		if g := render(got[net], aspnet.GrowthOptions{}); !slices.Equal(g, w) {
			t.Errorf("%s growth:\n got %v\nwant %v", net, g, w)
		}
	}
	t.Run("YearRangeKeepsCumulativeCounts", func(t *testing.T) {
		g := render(got["net-alpha"], aspnet.GrowthOptions{FromYear: ptr(1991), ToYear: ptr(1995)})
		w := []string{"RECORDED 1991 schools=14 candidates=1", "RECORDED 1992 schools=21 candidates=1", "RECORDED 1995 schools=19 candidates=1"}
		if !slices.Equal(g, w) {
			t.Errorf("got %v, want %v", g, w)
		}
	})
	t.Run("ByCountry", func(t *testing.T) {
		g := render(got["net-global"], aspnet.GrowthOptions{ByCountry: true})
		w := []string{
			"RECORDED 1990 c-alpha schools=7", "RECORDED 1990 c-beta schools=1",
			"RECORDED 1991 c-alpha schools=14 candidates=1", "RECORDED 1991 c-beta schools=2",
			"RECORDED 1992 c-alpha schools=21 candidates=1", "RECORDED 1992 c-beta schools=3",
			"RECORDED 1995 c-alpha schools=19 candidates=1",
		}
		if !slices.Equal(g, w) {
			t.Errorf("got %v\nwant %v", g, w)
		}
	})
	t.Run("CitationsOnlyWhenAsked", func(t *testing.T) {
		bare, err := s.Growth(ctx, []string{"net-alpha"}, false)
		if err != nil {
			t.Fatal(err)
		}
		if g, w := render(bare["net-alpha"], aspnet.GrowthOptions{}), want["net-alpha"]; !slices.Equal(g, w) {
			t.Errorf("without citations: got %v, want %v", g, w)
		}
		cites := func(d *aspnet.GrowthData) (n int) {
			for _, c := range d.Changes {
				n += len(c.Citations)
			}
			return n
		}
		if n := cites(bare["net-alpha"]); n != 0 {
			t.Errorf("without citations: %d citations read", n)
		}
		if n := cites(got["net-alpha"]); n == 0 {
			t.Error("with citations: none read")
		}
	})
	t.Run("ErrFromAfterTo", func(t *testing.T) {
		_, err := aspnet.Growth(got["net-alpha"], aspnet.GrowthOptions{FromYear: ptr(2000), ToYear: ptr(1990)})
		if aspnet.ErrorCode(err) != aspnet.CodeBadUserInput || !strings.Contains(err.Error(), "fromYear") {
			t.Errorf("got %v", err)
		}
	})
}

func TestRelatedAndNodes(t *testing.T) {
	s := neo4jtest.Open(t)
	ctx := context.Background()
	neo4jtest.LoadFixture(t, s, fixture)

	got, err := s.Related(ctx, aspnet.RelNetworkChildren, []string{"net-global", "net-alpha"})
	if err != nil {
		t.Fatal(err)
	}
	if k := keys(got["net-global"]); !slices.Equal(k, []string{"Network:net-alpha", "Network:net-beta"}) {
		t.Errorf("children of net-global: %v", k)
	}
	if len(got["net-alpha"]) != 0 {
		t.Errorf("net-alpha has children %v", keys(got["net-alpha"]))
	}
	nodes, err := s.NodesByKey(ctx, aspnet.KindSchool, []string{"sch-01", "missing"})
	if err != nil {
		t.Fatal(err)
	}
	if sc, ok := nodes["sch-01"].(*aspnet.School); !ok || sc.Name != "School 01" || len(sc.Citations) != 1 {
		t.Errorf("sch-01 = %+v", nodes["sch-01"])
	}
	if _, ok := nodes["missing"]; ok {
		t.Error("a missing key returned a node")
	}
}

// planParams gives every parameter of every statement a value, so that each can be profiled.
var planParams = map[string]any{
	"keys": []any{"sch-01"}, "rows": []any{}, "nodeKeys": []any{}, "relKeys": []any{},
	"reqs":       []any{map[string]any{"parent": "ka-one", "after": nil, "before": nil, "limit": 1, "i": 0}},
	"networkKey": nil, "keyAreaKey": nil, "cityKey": nil, "countryKey": nil, "nameContains": nil,
	"founding": nil, "organizerKey": nil, "venueKey": nil, "from": nil, "to": nil,
	"after": nil, "before": nil, "gt": nil, "lt": nil, "limit": 1, "follow": true, "bases": aspnet.BasesParam(nil), "keyAreaBases": aspnet.BasesParam(nil), "asOf": nil, "desc": false, "origin": nil,
	"sortBy": "SCHOOLS", "descending": true, "query": "school", "withTotal": true, "withCities": true, "dateLo": "", "dateHi": "~",
	"fromKey": "sch-01", "toKey": "city-a", "maxHops": 6, "key": "sch-01", "depth": 3, "citations": true, "candidate": "CANDIDATE",
	"prefix": "k1:", "prop": "name", "identity": "plan|", "sortKey": "00", "urlSortKey": nil, "countrySortKey": "00", "citySortKey": nil,
	"kinds": []any{"Source", "Country", "City", "Network", "Note", "KeyArea", "Organization", "School", "Occasion", "Appeal", "Event"},
}

// TestStatementsUseIndexes profiles on every statement: each must compile, and lookups by
// key must seek the key's index rather than scan a label. It plans after the fixture's index
// samples are taken: with the samples of the empty database that Neo4j may still hold right
// after a load, the planner took some key indexes for empty and scanned them (in about three
// runs in four of this test alone, before PrepareForReplanning).
func TestStatementsUseIndexes(t *testing.T) {
	s := neo4jtest.Open(t)
	ctx := context.Background()
	neo4jtest.LoadFixture(t, s, fixture)
	if err := s.PrepareForReplanning(ctx); err != nil {
		t.Fatal(err)
	}
	scans := map[string]bool{ // statements that read whole labels by design
		"all_networks": true, "all_key_areas": true, "all_organizations": true, "all_countries": true,
		"all_sources": true, "schools": true, "events": true, "snapshot": true, "load_prune": true,
		"key_area_stats":   true, // reads every key area by design
		"search":           true, // a full-text index procedure: no seek shows in the plan
		"sort_key_pending": true, // the migration reads every node of a label that lacks a key
		"identity_pending": true, // the migration reads every node of a label that lacks an identity
	}
	for _, name := range neo4jstore.Queries() {
		if name == "delete_everything" || name == "prepare_for_replanning" { // not in a transaction rolled back
			continue
		}
		t.Run(name, func(t *testing.T) {
			slots := map[string]string{"label": "School", "from": "School", "type": "IN_CITY", "to": "City"}
			ops, err := s.Plan(ctx, name, slots, planParams)
			if err != nil {
				t.Fatalf("PROFILE: %v", err)
			}
			plan := strings.Join(ops, " ")
			if scans[name] {
				return
			}
			if strings.Contains(plan, "AllNodesScan") || strings.Contains(plan, "NodeByLabelScan") {
				t.Errorf("plan scans a label: %s", plan)
			}
			if !strings.Contains(plan, "IndexSeek") {
				t.Errorf("plan seeks no index: %s", plan)
			}
		})
	}
}

func TestAsOfAndMappings(t *testing.T) {
	s := neo4jtest.Open(t)
	ctx := context.Background()
	neo4jtest.LoadFixture(t, s, fixture)

	schools := []struct {
		name   string
		filter aspnet.SchoolCriteria
		want   int
	}{
		// The same figures as the recorded growth of net-global: members, not candidates,
		// joined by the end of the date, not yet left.
		{"AsOf1990", aspnet.SchoolCriteria{AsOf: dateOf("1990")}, 8},
		{"AsOf1991", aspnet.SchoolCriteria{AsOf: dateOf("1991")}, 16},
		{"AsOfMonthPrecision", aspnet.SchoolCriteria{AsOf: dateOf("1991-02")}, 8},
		{"AsOf1994", aspnet.SchoolCriteria{AsOf: dateOf("1994")}, 24},
		{"AsOfLeaversGone", aspnet.SchoolCriteria{AsOf: dateOf("1995")}, 22},
		{"AsOfInNetwork", aspnet.SchoolCriteria{AsOf: dateOf("1990"), NetworkKey: ptr("net-beta")}, 1},
		{"KeyAreaExact", aspnet.SchoolCriteria{KeyAreaKey: ptr("ka-two")}, 0},
		{"KeyAreaFollowingMappings", aspnet.SchoolCriteria{KeyAreaKey: ptr("ka-two"), FollowMappings: true}, 12},
	}
	for _, tc := range schools {
		t.Run("Schools"+tc.name, func(t *testing.T) {
			c, err := s.Schools(ctx, tc.filter, aspnet.Page{First: 100})
			if err != nil {
				t.Fatal(err)
			}
			if c.TotalCount != tc.want {
				t.Errorf("totalCount %d, want %d", c.TotalCount, tc.want)
			}
		})
	}
	t.Run("EventsFollowingMappings", func(t *testing.T) {
		exact, err := s.Events(ctx, aspnet.EventCriteria{KeyAreaKey: ptr("ka-two")}, aspnet.Page{First: 100})
		if err != nil {
			t.Fatal(err)
		}
		followed, err := s.Events(ctx, aspnet.EventCriteria{KeyAreaKey: ptr("ka-two"), FollowMappings: true}, aspnet.Page{First: 100})
		if err != nil {
			t.Fatal(err)
		}
		if exact.TotalCount != 1 || followed.TotalCount != 8 {
			t.Errorf("ka-two events: %d exact, %d following mappings; want 1 and 8", exact.TotalCount, followed.TotalCount)
		}
	})
	t.Run("StatsFollowingMappings", func(t *testing.T) {
		stats, err := s.KeyAreaStats(ctx, aspnet.KeyAreaStatSortName, false, true, nil)
		if err != nil {
			t.Fatal(err)
		}
		got := map[string][2]int{}
		for _, st := range stats {
			got[st.KeyArea.Key] = [2]int{st.Schools, st.Events}
		}
		if got["ka-two"] != [2]int{12, 8} || got["ka-one"] != [2]int{12, 7} {
			t.Errorf("stats following mappings: %v", got)
		}
	})
	t.Run("NetworkMembershipsAsOf", func(t *testing.T) {
		conns, err := s.NetworkMemberships(ctx, []aspnet.PageOf{
			{Parent: "net-alpha", Page: aspnet.Page{First: 100}, AsOf: dateOf("1990")},
			{Parent: "net-alpha", Page: aspnet.Page{First: 100}, AsOf: dateOf("1995")},
			{Parent: "net-alpha", Page: aspnet.Page{First: 100}},
		})
		if err != nil {
			t.Fatal(err)
		}
		if conns[0].TotalCount != 7 || len(conns[0].Items) != 7 || conns[1].TotalCount != 19 || conns[2].TotalCount != 22 {
			t.Errorf("net-alpha memberships as of 1990, 1995 and ever: %d, %d, %d; want 7, 19, 22", conns[0].TotalCount, conns[1].TotalCount, conns[2].TotalCount)
		}
	})
}
