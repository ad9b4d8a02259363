package neo4jstore_test

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/aspgraph/aspgraph/aspnet"
	"github.com/aspgraph/aspgraph/neo4jstore/neo4jtest"
)

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
	t.Run("ErrNetworkUnknown", func(t *testing.T) {
		before, _ := s.Snapshot(ctx)
		_, err := s.JoinNetwork(ctx, aspnet.Join{SchoolKey: "sch-01", NetworkKey: "net-none", Status: aspnet.StatusMember}, prov("src-fixture", ""))
		if aspnet.ErrorCode(err) != aspnet.CodeBadUserInput || !strings.Contains(err.Error(), "argument network:") {
			t.Errorf("got %v, want BAD_USER_INPUT naming network", err)
		}
		if after, _ := s.Snapshot(ctx); after != before {
			t.Error("a refused write changed the graph")
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
