package neo4jstore_test

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/aspgraph/aspgraph/aspnet"
	"github.com/aspgraph/aspgraph/neo4jstore/neo4jtest"
)

// TestSchoolFiltersCompose runs the schools statement with every pair of filters
// against the fixture: each must find exactly the schools every one of its filters finds
// alone (a network with asOf, whose membership must be the one in the network, is one filter
// here).
func TestSchoolFiltersCompose(t *testing.T) {
	s := neo4jtest.Open(t)
	ctx := context.Background()
	neo4jtest.LoadFixture(t, s, fixture)
	type filter struct {
		name   string
		fields []string // the criteria it sets: two filters that share one are not combined
		set    func(*aspnet.SchoolCriteria)
	}
	filters := []filter{
		{"name", []string{"name"}, func(c *aspnet.SchoolCriteria) { c.NameContains = ptr("SCHOOL 1") }},
		{"city", []string{"city"}, func(c *aspnet.SchoolCriteria) { c.CityKey = ptr("city-b") }},
		{"country", []string{"country"}, func(c *aspnet.SchoolCriteria) { c.CountryKey = ptr("c-alpha") }},
		{"keyArea", []string{"keyArea"}, func(c *aspnet.SchoolCriteria) { c.KeyAreaKey = ptr("ka-one") }},
		{"keyAreaFollowed", []string{"keyArea"}, func(c *aspnet.SchoolCriteria) {
			c.KeyAreaKey, c.FollowMappings = ptr("ka-two"), true
		}},
		{"network", []string{"network"}, func(c *aspnet.SchoolCriteria) { c.NetworkKey = ptr("net-beta") }},
		{"asOf", []string{"asOf"}, func(c *aspnet.SchoolCriteria) { c.AsOf = dateOf("1994") }},
		{"networkAsOf", []string{"network", "asOf"}, func(c *aspnet.SchoolCriteria) {
			c.NetworkKey, c.AsOf = ptr("net-beta"), dateOf("1994")
		}},
		{"founding", []string{"founding"}, func(c *aspnet.SchoolCriteria) { c.Founding = ptr(true) }},
		{"notFounding", []string{"founding"}, func(c *aspnet.SchoolCriteria) { c.Founding = ptr(false) }},
	}
	find := func(fs ...filter) []string {
		t.Helper()
		var c aspnet.SchoolCriteria
		names := make([]string, 0, len(fs))
		for _, f := range fs {
			f.set(&c)
			names = append(names, f.name)
		}
		conn, err := s.Schools(ctx, c, aspnet.Page{First: 100})
		if err != nil {
			t.Fatal(err)
		}
		keys := make([]string, 0, len(conn.Items))
		for _, sc := range conn.Items {
			keys = append(keys, sc.Key)
		}
		if conn.TotalCount != len(keys) {
			t.Errorf("%s: totalCount %d, %d schools", strings.Join(names, "+"), conn.TotalCount, len(keys))
		}
		slices.Sort(keys)
		return keys
	}
	alone := map[string][]string{}
	for _, f := range filters {
		alone[f.name] = find(f)
		if len(alone[f.name]) == 0 {
			t.Fatalf("%s alone finds no school: the fixture cannot show it combined", f.name)
		}
	}
	combos, nonEmpty := 0, 0
	var walk func(from int, chosen []filter)
	walk = func(from int, chosen []filter) {
		if len(chosen) >= 2 {
			want := alone[chosen[0].name]
			names := []string{chosen[0].name}
			for _, f := range chosen[1:] {
				want = slices.DeleteFunc(slices.Clone(want), func(k string) bool { return !slices.Contains(alone[f.name], k) })
				names = append(names, f.name)
			}
			if got := find(chosen...); !slices.Equal(got, want) {
				t.Errorf("%s: %v, want %v", strings.Join(names, "+"), got, want)
			}
			combos++
			if len(want) > 0 {
				nonEmpty++
			}
		}
		if len(chosen) == 2 {
			return
		}
	next:
		for i := from; i < len(filters); i++ {
			for _, c := range chosen {
				for _, field := range filters[i].fields {
					if slices.Contains(c.fields, field) {
						continue next
					}
				}
			}
			walk(i+1, append(slices.Clone(chosen), filters[i]))
		}
	}
	walk(0, nil)
	t.Logf("%d combinations, %d of them finding schools", combos, nonEmpty)
	if nonEmpty < 20 {
		t.Errorf("only %d of %d combinations find a school: the fixture hardly tests them", nonEmpty, combos)
	}
}

// TestEventFiltersCompose runs the events statement with every pair of filters against the
// fixture: each must find exactly the events, in the same order, that every one of its
// filters finds alone. With each filter alone, newest first must be the reverse of oldest
// first, and reading two events a page either way must give the same events.
func TestEventFiltersCompose(t *testing.T) {
	s := neo4jtest.Open(t)
	ctx := context.Background()
	neo4jtest.LoadFixture(t, s, fixture)
	type filter struct {
		name  string
		field string // two filters that set the same criterion are not combined
		set   func(*aspnet.EventCriteria)
	}
	filters := []filter{
		{"keyArea", "keyArea", func(c *aspnet.EventCriteria) { c.KeyAreaKey = ptr("ka-one") }},
		{"keyAreaFollowed", "keyArea", func(c *aspnet.EventCriteria) { c.KeyAreaKey, c.FollowMappings = ptr("ka-two"), true }},
		{"organizer", "organizer", func(c *aspnet.EventCriteria) { c.OrganizerKey = ptr("org-a") }},
		{"venue", "venue", func(c *aspnet.EventCriteria) { c.VenueKey = ptr("sch-01") }},
		{"from", "from", func(c *aspnet.EventCriteria) { c.From = dateOf("2016-09") }},
		{"to", "to", func(c *aspnet.EventCriteria) { c.To = dateOf("2016-12") }},
	}
	// find reads every matching event, first a page.
	find := func(newestFirst bool, first int, fs ...filter) []string {
		t.Helper()
		c := aspnet.EventCriteria{NewestFirst: newestFirst}
		names := make([]string, 0, len(fs))
		for _, f := range fs {
			f.set(&c)
			names = append(names, f.name)
		}
		var got []string
		var after *string
		for pages := 1; ; pages++ {
			if pages > 20 {
				t.Fatalf("%s: more than 20 pages of %d: %v", strings.Join(names, "+"), first, got)
			}
			p, err := aspnet.NewPage(&first, after)
			if err != nil {
				t.Fatal(err)
			}
			conn, err := s.Events(ctx, c, p)
			if err != nil {
				t.Fatalf("%s: %v", strings.Join(names, "+"), err)
			}
			for _, e := range conn.Items {
				got = append(got, e.Key)
			}
			if !conn.HasNext {
				if after == nil && conn.TotalCount != len(got) {
					t.Errorf("%s: totalCount %d, %d events", strings.Join(names, "+"), conn.TotalCount, len(got))
				}
				return got
			}
			after = &conn.Cursors[len(conn.Cursors)-1]
		}
	}
	alone := map[string][]string{}
	for _, f := range filters {
		all := find(false, 100, f)
		if len(all) == 0 {
			t.Fatalf("%s alone finds no event: the fixture cannot show it combined", f.name)
		}
		alone[f.name] = all
		newest := slices.Clone(all)
		slices.Reverse(newest)
		if got := find(true, 100, f); !slices.Equal(got, newest) {
			t.Errorf("%s, newest first: %v, want %v", f.name, got, newest)
		}
		if got := find(false, 2, f); !slices.Equal(got, all) {
			t.Errorf("%s, two a page: %v, want %v", f.name, got, all)
		}
		if got := find(true, 2, f); !slices.Equal(got, newest) {
			t.Errorf("%s, newest first, two a page: %v, want %v", f.name, got, newest)
		}
	}
	nonEmpty := 0
	for i, f := range filters {
		for _, g := range filters[i+1:] {
			if f.field == g.field {
				continue
			}
			want := slices.DeleteFunc(slices.Clone(alone[f.name]), func(k string) bool { return !slices.Contains(alone[g.name], k) })
			if got := find(false, 100, f, g); !slices.Equal(got, want) {
				t.Errorf("%s+%s: %v, want %v", f.name, g.name, got, want)
			}
			if len(want) > 0 {
				nonEmpty++
			}
		}
	}
	if nonEmpty < 5 {
		t.Errorf("only %d pairs of filters find an event: the fixture hardly tests them", nonEmpty)
	}
}
