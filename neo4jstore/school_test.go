package neo4jstore_test

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/aspgraph/aspgraph/aspnet"
	"github.com/aspgraph/aspgraph/neo4jstore/neo4jtest"
)

func prov(source, quote string) aspnet.Provenance {
	p := aspnet.Provenance{Quote: quote, EditedBy: "tester", EditedAt: time.Now()}
	if strings.HasPrefix(source, "http") {
		p.SourceURL = source
	} else {
		p.SourceKey = source
	}
	return p
}

func TestWriteSchool(t *testing.T) {
	s := neo4jtest.Open(t)
	ctx := context.Background()
	neo4jtest.LoadFixture(t, s, fixture)
	since := aspnet.MustParseDate("2020-05")
	in := aspnet.NewSchool{
		Name: "New School", CityName: "alpha city", CountryName: "ALPHALAND", NetworkKey: "net-alpha",
		Since: &since, Status: aspnet.StatusCandidate, KeyAreaKeys: []string{"ka-one", "ka-two"},
	}
	var key string
	t.Run("OKCreatesWithExistingPlaces", func(t *testing.T) {
		sc, created, err := s.CreateSchool(ctx, in, prov("https://example.org/list", "New School joined."))
		if err != nil || !created {
			t.Fatalf("created %v, err %v", created, err)
		}
		key = sc.Key
		if !strings.HasPrefix(key, "sch-") || sc.Name != "New School" || len(sc.Citations) != 1 ||
			sc.Citations[0].SourceKey != aspnet.URLSourceKey("https://example.org/list") || *sc.Citations[0].Quote != "New School joined." {
			t.Errorf("school %+v", sc)
		}
		city, err := s.Related(ctx, aspnet.RelSchoolCity, []string{key})
		if err != nil || len(city[key]) != 1 || city[key][0].(*aspnet.City).Key != "city-a" {
			t.Errorf("city %v, %v: the existing city was not found by name", city, err)
		}
		ms, err := s.SchoolMemberships(ctx, []string{key})
		if err != nil || len(ms[key]) != 1 || ms[key][0].Status != aspnet.StatusCandidate || ms[key][0].Since.String() != "2020-05" || len(ms[key][0].Citations) != 1 {
			t.Errorf("memberships %+v, %v", ms[key], err)
		}
		kas, err := s.Related(ctx, aspnet.RelSchoolKeyAreas, []string{key})
		if err != nil || len(kas[key]) != 2 {
			t.Errorf("key areas %v, %v", kas[key], err)
		}
	})
	t.Run("OKSameSchoolAgainIsIdempotent", func(t *testing.T) {
		before, _ := s.Snapshot(ctx)
		again := in
		again.Name = "  new SCHOOL "
		sc, created, err := s.CreateSchool(ctx, again, prov("src-fixture", ""))
		if err != nil || created || sc.Key != key {
			t.Errorf("got %+v, created %v, err %v; want the existing %s", sc, created, err, key)
		}
		if after, _ := s.Snapshot(ctx); after != before {
			t.Error("creating an existing school changed the graph")
		}
	})
	t.Run("OKNewPlaces", func(t *testing.T) {
		sc, _, err := s.CreateSchool(ctx, aspnet.NewSchool{Name: "New School", CityName: "Gamma Town", CountryName: "Gammaland"}, prov("src-fixture", ""))
		if err != nil || sc.Key == key {
			t.Fatalf("got %+v, %v: same name in another city is another school", sc, err)
		}
		city, _ := s.Related(ctx, aspnet.RelSchoolCity, []string{sc.Key})
		c := city[sc.Key][0].(*aspnet.City)
		country, _ := s.Related(ctx, aspnet.RelCityCountry, []string{c.Key})
		if c.Key != "city-api-gammaland-gamma-town" || country[c.Key][0].(*aspnet.Country).Key != "country-api-gammaland" {
			t.Errorf("city %+v in %v", c, country[c.Key])
		}
	})
	t.Run("ErrUnknownReferences", func(t *testing.T) {
		before, _ := s.Snapshot(ctx)
		for field, bad := range map[string]aspnet.NewSchool{
			"argument network:":  {Name: "X", NetworkKey: "net-none", Status: aspnet.StatusMember},
			"argument keyAreas:": {Name: "X", KeyAreaKeys: []string{"ka-one", "ka-none"}},
		} {
			_, _, err := s.CreateSchool(ctx, bad, prov("src-fixture", ""))
			if aspnet.ErrorCode(err) != aspnet.CodeBadUserInput || !strings.Contains(err.Error(), field) {
				t.Errorf("%s: got %v", field, err)
			}
		}
		_, _, err := s.CreateSchool(ctx, aspnet.NewSchool{Name: "X", CityName: "Y", CountryName: "Z"}, prov("src-none", ""))
		if aspnet.ErrorCode(err) != aspnet.CodeBadUserInput || !strings.Contains(err.Error(), "source") {
			t.Errorf("unknown source: got %v", err)
		}
		if after, _ := s.Snapshot(ctx); after != before {
			t.Error("a refused write changed the graph")
		}
	})
	t.Run("ErrConflictOnUpdate", func(t *testing.T) {
		other, _, err := s.CreateSchool(ctx, aspnet.NewSchool{Name: "Other School", CityName: "Alpha City", CountryName: "Alphaland"}, prov("src-fixture", ""))
		if err != nil {
			t.Fatal(err)
		}
		_, err = s.UpdateSchool(ctx, other.Key, aspnet.SchoolChange{Name: "NEW school"}, prov("src-fixture", ""))
		if aspnet.ErrorCode(err) != aspnet.CodeConflict {
			t.Errorf("got %v, want CONFLICT", err)
		}
	})
	t.Run("OKUpdateMovesCity", func(t *testing.T) {
		sc, err := s.UpdateSchool(ctx, key, aspnet.SchoolChange{CityName: "Beta City", CountryName: "Betaland"}, prov("src-fixture", "It moved."))
		if err != nil || len(sc.Citations) != 2 || *sc.Citations[1].Property != "city" {
			t.Fatalf("got %+v, %v", sc, err)
		}
		city, _ := s.Related(ctx, aspnet.RelSchoolCity, []string{key})
		if len(city[key]) != 1 || city[key][0].(*aspnet.City).Key != "city-b" {
			t.Errorf("cities %v", city[key])
		}
	})
	t.Run("ErrNotFound", func(t *testing.T) {
		if err := s.DeleteSchool(ctx, "sch-none", prov("src-fixture", "Removed.")); aspnet.ErrorCode(err) != aspnet.CodeNotFound {
			t.Errorf("delete: %v", err)
		}
		if _, err := s.UpdateSchool(ctx, "sch-none", aspnet.SchoolChange{Name: "A"}, prov("src-fixture", "")); aspnet.ErrorCode(err) != aspnet.CodeNotFound {
			t.Errorf("update: %v", err)
		}
	})
	t.Run("OKDeleteKeepsSources", func(t *testing.T) {
		if err := s.DeleteSchool(ctx, key, prov("src-fixture", "Removed.")); err != nil {
			t.Fatal(err)
		}
		n, _ := s.NodesByKey(ctx, aspnet.KindSchool, []string{key})
		src, _ := s.NodesByKey(ctx, aspnet.KindSource, []string{aspnet.URLSourceKey("https://example.org/list")})
		if len(n) != 0 || len(src) != 1 {
			t.Errorf("school %v, source %v", n, src)
		}
	})
}

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
