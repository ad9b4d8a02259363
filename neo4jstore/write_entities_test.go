package neo4jstore_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/aspgraph/aspgraph/aspnet"
	"github.com/aspgraph/aspgraph/neo4jstore/neo4jtest"
)

func init() {
	// The parameters of the entity write statements, for TestStatementsUseIndexes.
	for k, v := range map[string]any{
		"School": []any{"sch-01"}, "Network": []any{"net-alpha"}, "City": []any{"city-a"}, "Country": []any{"c-alpha"},
		"Organization": []any{"org-a"}, "Occasion": []any{}, "KeyArea": []any{"ka-one"}, "Event": []any{"ev-year"},
		"Source": []any{"src-fixture"}, "set": map[string]any{"name": "X"}, "replace": true, "ordered": true,
		"relProps": map[string]any{}, "fields": map[string]any{"title": "T", "name": "N", "date": "2016"}, "withDate": true,
		"org": "org-a", "date": "2016", "event": "ev-year", "target": "ev-month", "keyArea": "ka-one", "relKey": "ka-one|AREA_OF|net-alpha|plan",
	} {
		planParams[k] = v
	}
}

func TestLoadedSchoolsHaveTheirIdentity(t *testing.T) {
	s := neo4jtest.Open(t)
	ctx := context.Background()
	neo4jtest.LoadFixture(t, s, fixture)
	before, _ := s.Snapshot(ctx)
	sc, created, err := s.CreateSchool(ctx, aspnet.NewSchool{Name: "  school 01 ", CityName: "alpha city", CountryName: "ALPHALAND"}, prov("src-fixture", ""))
	if err != nil || created || sc.Key != "sch-01" {
		t.Fatalf("got %+v, created %v, err %v; want the loaded sch-01", sc, created, err)
	}
	if after, _ := s.Snapshot(ctx); after != before {
		t.Error("creating a loaded school again changed the graph")
	}
	other, _, err := s.CreateSchool(ctx, aspnet.NewSchool{Name: "Other", CityName: "Alpha City", CountryName: "Alphaland"}, prov("src-fixture", ""))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.UpdateSchool(ctx, other.Key, aspnet.SchoolChange{Name: "SCHOOL 01"}, prov("src-fixture", "")); aspnet.ErrorCode(err) != aspnet.CodeConflict {
		t.Errorf("renaming a school to a loaded one's name in its city: %v, want CONFLICT", err)
	}
}

func TestReloadKeepsAPIEditsToUnchangedEntries(t *testing.T) {
	s := neo4jtest.Open(t)
	ctx := context.Background()
	d := neo4jtest.LoadFixture(t, s, fixture)
	if _, err := s.UpdateSchool(ctx, "sch-01", aspnet.SchoolChange{Name: "School 01 (renamed)"}, prov("src-fixture", "Renamed.")); err != nil {
		t.Fatal(err)
	}
	until := aspnet.MustParseDate("2001")
	if _, err := s.LeaveNetwork(ctx, aspnet.Leave{SchoolKey: "sch-01", NetworkKey: "net-alpha", Until: until}, prov("src-fixture", "Left.")); err != nil {
		t.Fatal(err)
	}
	edited, _ := s.Snapshot(ctx)
	st, err := s.Load(ctx, d.Graph())
	if err != nil {
		t.Fatal(err)
	}
	t.Run("OKSameDataKeepsEdits", func(t *testing.T) {
		if after, _ := s.Snapshot(ctx); after != edited {
			t.Error("reloading the same data changed what the API edited")
		}
		if st.PropertiesSet != 0 {
			t.Errorf("reloading the same data set %d properties", st.PropertiesSet)
		}
	})
	t.Run("OKChangedEntryTakesTheData", func(t *testing.T) {
		for i := range d.Schools {
			if d.Schools[i].ID == "sch-01" {
				d.Schools[i].Name = "School 01 (as data/ now names it)"
			}
		}
		if _, err := s.Load(ctx, d.Graph()); err != nil {
			t.Fatal(err)
		}
		n, _ := s.NodesByKey(ctx, aspnet.KindSchool, []string{"sch-01"})
		sc := n["sch-01"].(*aspnet.School)
		if sc.Name != "School 01 (as data/ now names it)" || len(sc.Citations) != 1 {
			t.Errorf("school %+v: a changed entry is rewritten from the data", sc)
		}
		// Its identity follows the data's name.
		got, created, err := s.CreateSchool(ctx, aspnet.NewSchool{Name: "school 01 (as data/ now names it)", CityName: "Alpha City", CountryName: "Alphaland"}, prov("src-fixture", ""))
		if err != nil || created || got.Key != "sch-01" {
			t.Errorf("got %+v, created %v, %v", got, created, err)
		}
		// The membership's entry did not change: the API's end of it stands.
		ms, _ := s.SchoolMemberships(ctx, []string{"sch-01"})
		if len(ms["sch-01"]) != 1 || ms["sch-01"][0].Until == nil || ms["sch-01"][0].Status != aspnet.StatusFormer {
			t.Errorf("memberships %+v", ms["sch-01"])
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

func TestWriteMemberships(t *testing.T) {
	s := neo4jtest.Open(t)
	ctx := context.Background()
	neo4jtest.LoadFixture(t, s, fixture)
	since := aspnet.MustParseDate("2010-09")
	t.Run("OKJoin", func(t *testing.T) {
		m, err := s.JoinNetwork(ctx, aspnet.Join{SchoolKey: "sch-01", NetworkKey: "net-beta", Since: &since, Status: aspnet.StatusCandidate}, prov("src-fixture", "Joined."))
		if err != nil || m.Status != aspnet.StatusCandidate || m.Since.String() != "2010-09" || m.Founding || len(m.Citations) != 1 {
			t.Fatalf("got %+v, %v", m, err)
		}
	})
	t.Run("OKJoinAgainChangesStatus", func(t *testing.T) {
		m, err := s.JoinNetwork(ctx, aspnet.Join{SchoolKey: "sch-01", NetworkKey: "net-beta", Status: aspnet.StatusMember}, prov("src-fixture", "Now a member."))
		if err != nil || m.Status != aspnet.StatusMember || m.Since.String() != "2010-09" || len(m.Citations) != 2 || *m.Citations[1].Property != "status" {
			t.Fatalf("got %+v, %v", m, err)
		}
		ms, _ := s.SchoolMemberships(ctx, []string{"sch-01"})
		if len(ms["sch-01"]) != 2 {
			t.Errorf("%d memberships, want the loaded one and one of net-beta", len(ms["sch-01"]))
		}
	})
	t.Run("ErrLeaveBeforeSince", func(t *testing.T) {
		before, _ := s.Snapshot(ctx)
		_, err := s.LeaveNetwork(ctx, aspnet.Leave{SchoolKey: "sch-01", NetworkKey: "net-beta", Until: aspnet.MustParseDate("2010-08")}, prov("src-fixture", ""))
		if aspnet.ErrorCode(err) != aspnet.CodeBadUserInput || !strings.Contains(err.Error(), "argument until:") {
			t.Errorf("got %v, want BAD_USER_INPUT naming until", err)
		}
		if after, _ := s.Snapshot(ctx); after != before {
			t.Error("a refused leave changed the graph")
		}
	})
	t.Run("OKLeaveCountsInAsOf", func(t *testing.T) {
		net := "net-beta"
		asOf := func(d string) int {
			date := aspnet.MustParseDate(d)
			page, err := s.Schools(ctx, aspnet.SchoolCriteria{NetworkKey: &net, AsOf: &date}, aspnet.Page{First: 0})
			if err != nil {
				t.Fatal(err)
			}
			return page.TotalCount
		}
		was := asOf("2012")
		m, err := s.LeaveNetwork(ctx, aspnet.Leave{SchoolKey: "sch-01", NetworkKey: "net-beta", Until: aspnet.MustParseDate("2011")}, prov("src-fixture", "Left."))
		if err != nil || m.Status != aspnet.StatusFormer || m.Until.String() != "2011" {
			t.Fatalf("got %+v, %v", m, err)
		}
		if now := asOf("2012"); now != was-1 {
			t.Errorf("members of net-beta as of 2012: %d after leaving, %d before", now, was)
		}
	})
	t.Run("ErrLeaveWithoutMembership", func(t *testing.T) {
		_, err := s.LeaveNetwork(ctx, aspnet.Leave{SchoolKey: "sch-01", NetworkKey: "net-beta", Until: aspnet.MustParseDate("2012")}, prov("src-fixture", ""))
		if aspnet.ErrorCode(err) != aspnet.CodeNotFound {
			t.Errorf("got %v, want NOT_FOUND", err)
		}
	})
	t.Run("OKRejoinMakesASecondMembership", func(t *testing.T) {
		again := aspnet.MustParseDate("2015")
		if _, err := s.JoinNetwork(ctx, aspnet.Join{SchoolKey: "sch-01", NetworkKey: "net-beta", Since: &again, Status: aspnet.StatusMember}, prov("src-fixture", "")); err != nil {
			t.Fatal(err)
		}
		ms, _ := s.SchoolMemberships(ctx, []string{"sch-01"})
		if len(ms["sch-01"]) != 3 {
			t.Errorf("%d memberships, want 3", len(ms["sch-01"]))
		}
	})
}

func TestConcurrentJoinsMakeOneMembership(t *testing.T) {
	s := neo4jtest.Open(t)
	ctx := context.Background()
	neo4jtest.LoadFixture(t, s, fixture)
	const n = 20
	errs := make(chan error, n)
	for range n {
		go func() {
			_, err := s.JoinNetwork(ctx, aspnet.Join{SchoolKey: "sch-02", NetworkKey: "net-global", Status: aspnet.StatusMember}, prov("src-fixture", ""))
			errs <- err
		}()
	}
	for range n {
		if err := <-errs; err != nil {
			t.Error(err)
		}
	}
	ms, err := s.SchoolMemberships(ctx, []string{"sch-02"})
	if err != nil {
		t.Fatal(err)
	}
	global := 0
	for _, m := range ms["sch-02"] {
		if m.NetworkKey == "net-global" {
			global++
		}
	}
	if global != 1 {
		t.Errorf("%d memberships of net-global after %d concurrent joins, want 1", global, n)
	}
}

func TestWriteOrganizationsKeyAreasSources(t *testing.T) {
	s := neo4jtest.Open(t)
	ctx := context.Background()
	neo4jtest.LoadFixture(t, s, fixture)
	org, err := s.CreateOrganization(ctx, aspnet.NewOrganization{Name: "Beta Council", CityKey: "city-b", PartOfKey: "org-a", CoversKeys: []string{"c-alpha", "c-beta"}}, prov("src-fixture", "A council."))
	if err != nil {
		t.Fatal(err)
	}
	t.Run("OKOrganization", func(t *testing.T) {
		for rel, want := range map[aspnet.Relation]int{aspnet.RelOrgCity: 1, aspnet.RelOrgPartOf: 1, aspnet.RelOrgCovers: 2} {
			got, _ := s.Related(ctx, rel, []string{org.Key})
			if len(got[org.Key]) != want {
				t.Errorf("%v: %v, want %d", rel, got[org.Key], want)
			}
		}
		up, err := s.UpdateOrganization(ctx, org.Key, aspnet.OrganizationChange{CityKey: "city-a"}, prov("src-fixture", "Moved."))
		city, _ := s.Related(ctx, aspnet.RelOrgCity, []string{org.Key})
		if err != nil || len(up.Citations) != 2 || len(city[org.Key]) != 1 || keyOf(city[org.Key][0]) != "city-a" {
			t.Errorf("after moving: %+v, %v, city %v", up, err, city[org.Key])
		}
		if err := s.DeleteOrganization(ctx, org.Key, prov("src-fixture", "Removed.")); err != nil {
			t.Fatal(err)
		}
		if snap, _ := s.Snapshot(ctx); strings.Contains(snap, org.Key) {
			t.Error("something of the deleted organisation remains")
		}
	})
	t.Run("OKKeyArea", func(t *testing.T) {
		ka, err := s.CreateKeyArea(ctx, aspnet.NewKeyArea{Name: "Area Three", Abbreviation: "A3", MappedFromKeys: []string{"ka-one"}}, prov("src-fixture", ""))
		if err != nil || *ka.Abbreviation != "A3" {
			t.Fatalf("got %+v, %v", ka, err)
		}
		from, _ := s.Related(ctx, aspnet.RelKeyAreaMappedFrom, []string{ka.Key})
		if len(from[ka.Key]) != 1 || keyOf(from[ka.Key][0]) != "ka-one" {
			t.Errorf("mapped from %v", from[ka.Key])
		}
		empty := ""
		up, err := s.UpdateKeyArea(ctx, ka.Key, aspnet.KeyAreaChange{Abbreviation: &empty}, prov("src-fixture", ""))
		if err != nil || up.Abbreviation != nil {
			t.Errorf("got %+v, %v; an empty abbreviation removes it", up, err)
		}
		if err := s.DeleteKeyArea(ctx, ka.Key, prov("src-fixture", "Removed.")); err != nil {
			t.Fatal(err)
		}
		if err := s.DeleteKeyArea(ctx, ka.Key, prov("src-fixture", "Removed.")); aspnet.ErrorCode(err) != aspnet.CodeNotFound {
			t.Errorf("deleting again: %v", err)
		}
	})
	t.Run("OKSourceAndConflict", func(t *testing.T) {
		pub := aspnet.MustParseDate("2020-02")
		src, err := s.CreateSource(ctx, aspnet.NewSource{Title: "A report", URL: "https://example.org/report", Publisher: "UNESCO", Published: &pub}, "tester", time.Now())
		if err != nil || src.Key != aspnet.URLSourceKey("https://example.org/report") || src.Published.String() != "2020-02" || *src.Publisher != "UNESCO" {
			t.Fatalf("got %+v, %v", src, err)
		}
		before, _ := s.Snapshot(ctx)
		_, err = s.CreateSource(ctx, aspnet.NewSource{Title: "Again", URL: "https://example.org/report"}, "tester", time.Now())
		if aspnet.ErrorCode(err) != aspnet.CodeConflict || !strings.Contains(err.Error(), src.ID()) {
			t.Errorf("got %v, want CONFLICT naming %s", err, src.ID())
		}
		if after, _ := s.Snapshot(ctx); after != before {
			t.Error("a refused create changed the graph")
		}
	})
	t.Run("ErrUnknownReferences", func(t *testing.T) {
		before, _ := s.Snapshot(ctx)
		for field, write := range map[string]func() error{
			"argument city:": func() error {
				_, err := s.CreateOrganization(ctx, aspnet.NewOrganization{Name: "X", CityKey: "city-none"}, prov("src-fixture", ""))
				return err
			},
			"argument covers:": func() error {
				_, err := s.CreateOrganization(ctx, aspnet.NewOrganization{Name: "X", CoversKeys: []string{"c-alpha", "c-none"}}, prov("src-fixture", ""))
				return err
			},
			"argument mappedFrom:": func() error {
				_, err := s.CreateKeyArea(ctx, aspnet.NewKeyArea{Name: "X", MappedFromKeys: []string{"ka-none"}}, prov("src-fixture", ""))
				return err
			},
			"argument source:": func() error {
				_, err := s.CreateKeyArea(ctx, aspnet.NewKeyArea{Name: "X"}, prov("src-none", ""))
				return err
			},
			"argument network:": func() error {
				_, err := s.JoinNetwork(ctx, aspnet.Join{SchoolKey: "sch-01", NetworkKey: "net-none", Status: aspnet.StatusMember}, prov("src-fixture", ""))
				return err
			},
		} {
			if err := write(); aspnet.ErrorCode(err) != aspnet.CodeBadUserInput || !strings.Contains(err.Error(), field) {
				t.Errorf("%s: got %v", field, err)
			}
		}
		if _, err := s.UpdateKeyArea(ctx, "ka-none", aspnet.KeyAreaChange{}, prov("src-fixture", "")); aspnet.ErrorCode(err) != aspnet.CodeNotFound {
			t.Errorf("update of an unknown key area: %v", err)
		}
		if after, _ := s.Snapshot(ctx); after != before {
			t.Error("a refused write changed the graph")
		}
	})
}

func keyOf(n aspnet.Node) string {
	_, key, _ := aspnet.DecodeID(n.ID())
	return key
}
