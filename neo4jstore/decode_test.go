package neo4jstore_test

import (
	"context"
	"testing"

	"github.com/aspgraph/aspgraph/aspnet"
	"github.com/aspgraph/aspgraph/neo4jstore/neo4jtest"
)

// hitKeys returns the keys of search hits, best first.
func hitKeys(hits []*aspnet.SearchHit) []string {
	keys := make([]string, len(hits))
	for i, h := range hits {
		switch n := h.Node.(type) {
		case *aspnet.School:
			keys[i] = n.Key
		case *aspnet.Organization:
			keys[i] = n.Key
		case *aspnet.Event:
			keys[i] = n.Key
		default:
			keys[i] = n.ID()
		}
	}
	return keys
}

// TestNamesAsTheSourcesSpellThem: the names the seed gives find their nodes, by the name
// filter and by search, and every node bears its names with their kinds and sources.
func TestNamesAsTheSourcesSpellThem(t *testing.T) {
	s := neo4jtest.Open(t)
	ctx := context.Background()
	neo4jtest.LoadKnowledgeGraph(t, s)

	t.Run("OKNameFilterFindsTheSeedsSpelling", func(t *testing.T) {
		for text, want := range map[string]string{
			"secondary school 8": "school-almaty-8", "SECONDARY SCHOOL 145": "school-almaty-145", "best school": "school-almaty-best",
		} {
			c, err := s.Schools(ctx, aspnet.SchoolCriteria{NameContains: ptr(text)}, aspnet.Page{First: 10})
			if err != nil {
				t.Fatal(err)
			}
			if c.TotalCount != 1 || len(c.Items) != 1 || c.Items[0].Key != want {
				t.Errorf("nameContains %q: %d schools %v, want %s alone", text, c.TotalCount, c.Items, want)
			}
		}
	})
	t.Run("OKSearchFindsTheSeedsSpelling", func(t *testing.T) {
		for text, want := range map[string]string{"UNESCO Almaty": "org-unesco-almaty", "secondary school 8": "school-almaty-8"} {
			hits, err := s.Search(ctx, text, 5)
			if err != nil {
				t.Fatal(err)
			}
			if keys := hitKeys(hits); len(keys) == 0 || keys[0] != want {
				t.Errorf("search %q: %v, want %s first", text, keys, want)
			}
		}
	})
	t.Run("OKSearchFindsANameOnlyInNames", func(t *testing.T) {
		// The office's Russian name is in no quote the node holds, only among its names.
		hits, err := s.Search(ctx, "Бюро ЮНЕСКО", 5)
		if err != nil {
			t.Fatal(err)
		}
		if keys := hitKeys(hits); len(keys) == 0 || keys[0] != "org-unesco-almaty" {
			t.Errorf("search of the office's Russian name: %v", keys)
		}
	})
	t.Run("OKNodesBearTheirNames", func(t *testing.T) {
		n, err := s.NodesByKey(ctx, aspnet.KindOrganization, []string{"org-unesco-almaty"})
		if err != nil || len(n) != 1 {
			t.Fatal(n, err)
		}
		org := n["org-unesco-almaty"].(*aspnet.Organization)
		if org.Names[0].Value != org.Name || org.Names[0].Kind != aspnet.NameCuratorsLabel || len(org.Names[0].Citations) != 0 {
			t.Errorf("display name: %+v, want the curators' label %q first, uncited", org.Names[0], org.Name)
		}
		found := false
		for _, nm := range org.Names {
			if nm.Value == "UNESCO Almaty" && nm.Kind == aspnet.NameAsCited && len(nm.Citations) == 1 &&
				nm.Citations[0].SourceKey == seedKey && nm.Citations[0].Quote != nil {
				found = true
			}
		}
		if !found {
			t.Errorf("no cited %q among %+v", "UNESCO Almaty", org.Names)
		}
	})
	t.Run("OKAPISchoolBearsItsNameAsCited", func(t *testing.T) {
		sc, _, err := s.CreateSchool(ctx, aspnet.NewSchool{Name: "Lyceum No. 1"}, prov(seedKey, "Lyceum No. 1"))
		if err != nil {
			t.Fatal(err)
		}
		n, err := s.NodesByKey(ctx, aspnet.KindSchool, []string{sc.Key})
		if err != nil || len(n) != 1 {
			t.Fatal(n, err)
		}
		names := n[sc.Key].(*aspnet.School).Names
		if len(names) != 1 || names[0].Value != "Lyceum No. 1" || names[0].Kind != aspnet.NameAsCited ||
			len(names[0].Citations) != 1 || names[0].Citations[0].SourceKey != seedKey {
			t.Errorf("names of a school the API wrote: %+v", names)
		}
	})
}

// TestDatePrecisionAtTheEdges: the six founding schools joined in "1996" (the seed gives the
// year alone). They are not members on 1995-12-31, have "joined within 1996" on any day of
// 1996 before its last, are members for certain from 31 December 1996 (asOf 1996), and the
// yearly growth counts them from 1996: asOf, the membership lists and growth agree.
func TestDatePrecisionAtTheEdges(t *testing.T) {
	s := neo4jtest.Open(t)
	ctx := context.Background()
	neo4jtest.LoadKnowledgeGraph(t, s)
	for _, tc := range []struct {
		asOf              string
		held, uncertain   int
		holding           aspnet.Holding
		membersOfNetwork  int
		uncertainMemberCt int
	}{
		{"1995-12-31", 0, 0, aspnet.HeldNot, 0, 0},
		{"1995", 0, 0, aspnet.HeldNot, 0, 0},
		{"1996-01-01", 0, 6, aspnet.HeldJoinedWithin, 0, 6},
		{"1996-06-01", 0, 6, aspnet.HeldJoinedWithin, 0, 6},
		{"1996-11", 0, 6, aspnet.HeldJoinedWithin, 0, 6},
		{"1996-12-30", 0, 6, aspnet.HeldJoinedWithin, 0, 6},
		{"1996-12-31", 6, 0, aspnet.HeldCertainly, 6, 0},
		{"1996-12", 6, 0, aspnet.HeldCertainly, 6, 0},
		{"1996", 6, 0, aspnet.HeldCertainly, 6, 0},
		{"2016", 6, 0, aspnet.HeldCertainly, 6, 0},
	} {
		t.Run("AsOf"+tc.asOf, func(t *testing.T) {
			d := dateOf(tc.asOf)
			f := aspnet.SchoolCriteria{NetworkKey: ptr("aspnet-kz"), Founding: ptr(true), AsOf: d}
			held, err := s.Schools(ctx, f, aspnet.Page{First: 10})
			if err != nil {
				t.Fatal(err)
			}
			f.AsOfUncertain = true
			uncertain, err := s.Schools(ctx, f, aspnet.Page{First: 10})
			if err != nil {
				t.Fatal(err)
			}
			if held.TotalCount != tc.held || len(held.Items) != tc.held || uncertain.TotalCount != tc.uncertain {
				t.Errorf("schools: %d members, %d uncertain; want %d, %d", held.TotalCount, uncertain.TotalCount, tc.held, tc.uncertain)
			}
			ms, err := s.NetworkMemberships(ctx, []aspnet.PageOf{{Parent: "aspnet-kz", Page: aspnet.Page{First: 10}, AsOf: d}})
			if err != nil {
				t.Fatal(err)
			}
			if ms[0].TotalCount != tc.membersOfNetwork || ms[0].Uncertain != tc.uncertainMemberCt {
				t.Errorf("memberships: %d held, %d uncertain; want %d, %d", ms[0].TotalCount, ms[0].Uncertain, tc.membersOfNetwork, tc.uncertainMemberCt)
			}
			all, err := s.NetworkMemberships(ctx, []aspnet.PageOf{{Parent: "aspnet-kz", Page: aspnet.Page{First: 10}}})
			if err != nil || len(all[0].Items) == 0 {
				t.Fatal(all, err)
			}
			for _, m := range all[0].Items {
				if got := aspnet.HoldingOn(m.Since, m.Until, d.End()); m.Founding && got != tc.holding {
					t.Errorf("%s: HoldingOn %s, want %s", m.SchoolKey, got, tc.holding)
				}
			}
		})
	}
	t.Run("GrowthCountsFrom1996", func(t *testing.T) {
		_, d, err := s.NetworkGrowth(ctx, "aspnet-kz", false)
		if err != nil {
			t.Fatal(err)
		}
		points, err := aspnet.Growth(d, aspnet.GrowthOptions{})
		if err != nil {
			t.Fatal(err)
		}
		var first *aspnet.GrowthPoint
		for _, p := range points {
			if p.Basis == aspnet.BasisRecorded {
				first = p
				break
			}
		}
		if first == nil || first.Date.String() != "1996" || first.Schools == nil || *first.Schools != 6 {
			t.Errorf("first recorded point %+v, want 1996 with 6 schools", first)
		}
	})
}
