package neo4jstore_test

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/aspgraph/aspgraph/aspnet"
	"github.com/aspgraph/aspgraph/neo4jstore/neo4jtest"
)

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

func TestWriteEvents(t *testing.T) {
	s := neo4jtest.Open(t)
	ctx := context.Background()
	neo4jtest.LoadFixture(t, s, fixture)
	end := aspnet.MustParseDate("2018-05-03")
	ref := func(field string, k aspnet.Kind, key string) aspnet.Ref {
		return aspnet.Ref{Field: field, NodeRef: aspnet.NodeRef{Kind: k, Key: key}}
	}
	in := aspnet.NewEvent{
		Name: "Spring seminar", Kind: "seminar", Date: aspnet.MustParseDate("2018-05-01"), EndDate: &end,
		Links: []aspnet.EventLinkTo{
			{Link: aspnet.LinkVenue, Target: ref("input.venueId", aspnet.KindSchool, "sch-02")},
			{Link: aspnet.LinkCity, Target: ref("input.cityId", aspnet.KindCity, "city-a")},
			{Link: aspnet.LinkOrganizer, Target: ref("input.organizerIds", aspnet.KindOrganization, "org-a")},
			{Link: aspnet.LinkParticipant, Target: ref("input.participantIds", aspnet.KindSchool, "sch-03")},
			{Link: aspnet.LinkParticipant, Target: ref("input.participantIds", aspnet.KindNetwork, "net-beta")},
			{Link: aspnet.LinkKeyArea, Target: ref("input.keyAreaIds", aspnet.KindKeyArea, "ka-two")},
		},
	}
	ev, err := s.CreateEvent(ctx, in, prov("https://example.org/seminar", "A seminar."))
	if err != nil {
		t.Fatal(err)
	}
	t.Run("OKReadsLikeLoadedEvents", func(t *testing.T) {
		if !strings.HasPrefix(ev.Key, "ev-") || ev.Date.String() != "2018-05-01" || ev.EndDate.String() != "2018-05-03" || *ev.Kind != "seminar" {
			t.Errorf("event %+v", ev)
		}
		for rel, want := range map[aspnet.Relation]string{
			aspnet.RelEventVenue: "sch-02", aspnet.RelEventCity: "city-a", aspnet.RelEventOrganizers: "org-a",
			aspnet.RelEventNetworks: "net-beta", aspnet.RelEventKeyAreas: "ka-two",
		} {
			got, err := s.Related(ctx, rel, []string{ev.Key})
			if err != nil || len(got[ev.Key]) != 1 || keyOf(got[ev.Key][0]) != want {
				t.Errorf("%v: %v, %v; want %s", rel, got[ev.Key], err, want)
			}
		}
		for school, rel := range map[string]string{"sch-02": "venue", "sch-03": "participant"} {
			got, _ := s.Related(ctx, aspnet.RelSchoolEvents, []string{school})
			if len(got[school]) != 1 || keyOf(got[school][0]) != ev.Key {
				t.Errorf("%s's events %v: the event's %s", school, got[school], rel)
			}
		}
		ka := "ka-two"
		page, err := s.Events(ctx, aspnet.EventCriteria{KeyAreaKey: &ka}, aspnet.Page{First: 10})
		found := false
		for _, e := range page.Items {
			found = found || e.Key == ev.Key
		}
		if err != nil || !found {
			t.Errorf("events in ka-two: %+v, %v; want the new event among them", page, err)
		}
	})
	t.Run("OKLinkAgainAppendsCitation", func(t *testing.T) {
		if _, err := s.LinkEvent(ctx, ev.Key, aspnet.EventLinkTo{Link: aspnet.LinkVenue, Target: ref("input.targetId", aspnet.KindSchool, "sch-04")}, prov("src-fixture", "Moved.")); err != nil {
			t.Fatal(err)
		}
		venue, _ := s.Related(ctx, aspnet.RelEventVenue, []string{ev.Key})
		if len(venue[ev.Key]) != 1 || keyOf(venue[ev.Key][0]) != "sch-04" {
			t.Errorf("venue %v: a new venue replaces the old", venue[ev.Key])
		}
		if _, err := s.LinkEvent(ctx, ev.Key, aspnet.EventLinkTo{Link: aspnet.LinkOrganizer, Target: ref("input.targetId", aspnet.KindOrganization, "org-a")}, prov("src-fixture", "Again.")); err != nil {
			t.Fatal(err)
		}
		orgs, _ := s.Related(ctx, aspnet.RelEventOrganizers, []string{ev.Key})
		if len(orgs[ev.Key]) != 1 {
			t.Errorf("organisers %v: linking again must not add a second link", orgs[ev.Key])
		}
	})
	t.Run("OKUnlink", func(t *testing.T) {
		target := ref("targetId", aspnet.KindNetwork, "net-beta")
		if _, err := s.UnlinkEvent(ctx, ev.Key, aspnet.EventLinkTo{Link: aspnet.LinkParticipant, Target: target}, prov("src-fixture", "Unlinked.")); err != nil {
			t.Fatal(err)
		}
		got, _ := s.Related(ctx, aspnet.RelEventNetworks, []string{ev.Key})
		if len(got[ev.Key]) != 0 {
			t.Errorf("networks %v after unlinking", got[ev.Key])
		}
		before, _ := s.Snapshot(ctx)
		_, err := s.UnlinkEvent(ctx, ev.Key, aspnet.EventLinkTo{Link: aspnet.LinkParticipant, Target: target}, prov("src-fixture", "Unlinked."))
		if aspnet.ErrorCode(err) != aspnet.CodeNotFound {
			t.Errorf("unlinking what is not linked: %v, want NOT_FOUND", err)
		}
		if after, _ := s.Snapshot(ctx); after != before {
			t.Error("a refused unlink changed the graph")
		}
	})
	t.Run("ErrUpdateEndsBeforeStart", func(t *testing.T) {
		before, _ := s.Snapshot(ctx)
		late := aspnet.MustParseDate("2018-06")
		_, err := s.UpdateEvent(ctx, ev.Key, aspnet.EventChange{Date: &late}, prov("src-fixture", ""))
		if aspnet.ErrorCode(err) != aspnet.CodeBadUserInput || !strings.Contains(err.Error(), "argument date:") {
			t.Errorf("got %v, want BAD_USER_INPUT naming date", err)
		}
		if after, _ := s.Snapshot(ctx); after != before {
			t.Error("a refused update changed the graph")
		}
	})
	t.Run("OKUpdateCitesEachChange", func(t *testing.T) {
		name, empty := "Spring seminar 2018", ""
		got, err := s.UpdateEvent(ctx, ev.Key, aspnet.EventChange{Name: &name, Kind: &empty}, prov("src-fixture", "Renamed."))
		if err != nil || got.Name != name || got.Kind != nil || len(got.Citations) != 3 || *got.Citations[2].Property != "kind" {
			t.Errorf("got %+v, %v", got, err)
		}
	})
	t.Run("OKDeleteKeepsSources", func(t *testing.T) {
		if err := s.DeleteEvent(ctx, ev.Key, prov("src-fixture", "Removed.")); err != nil {
			t.Fatal(err)
		}
		snap, _ := s.Snapshot(ctx)
		if strings.Contains(snap, ev.Key) {
			t.Error("something of the deleted event remains")
		}
		if src, _ := s.NodesByKey(ctx, aspnet.KindSource, []string{aspnet.URLSourceKey("https://example.org/seminar")}); len(src) != 1 {
			t.Error("the event's Source was deleted")
		}
		if err := s.DeleteEvent(ctx, ev.Key, prov("src-fixture", "Removed.")); aspnet.ErrorCode(err) != aspnet.CodeNotFound {
			t.Errorf("deleting again: %v, want NOT_FOUND", err)
		}
	})
}

func TestWriteAppeals(t *testing.T) {
	s := neo4jtest.Open(t)
	ctx := context.Background()
	neo4jtest.LoadFixture(t, s, fixture)
	t.Run("ErrEventUnknown", func(t *testing.T) {
		before, _ := s.Snapshot(ctx)
		_, err := s.AddAppeal(ctx, aspnet.NewAppeal{EventKey: "ev-none", Text: "x"}, prov("src-fixture", ""))
		if aspnet.ErrorCode(err) != aspnet.CodeNotFound || !strings.Contains(err.Error(), "Event") {
			t.Errorf("got %v, want NOT_FOUND naming the Event", err)
		}
		if after, _ := s.Snapshot(ctx); after != before {
			t.Error("a refused write changed the graph")
		}
	})
}
