package neo4jstore_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/aspgraph/aspgraph/aspnet"
	"github.com/aspgraph/aspgraph/neo4jstore/neo4jtest"
)

func TestRemovalsRecordDeletionsAndUnlinks(t *testing.T) {
	s := neo4jtest.Open(t)
	ctx := context.Background()
	neo4jtest.LoadFixture(t, s, fixture)
	t.Run("ErrUnknownSourceChangesNothing", func(t *testing.T) {
		before, _ := s.Snapshot(ctx)
		err := s.DeleteSchool(ctx, "sch-01", prov("src-none", "Closed."))
		if aspnet.ErrorCode(err) != aspnet.CodeBadUserInput || !strings.Contains(err.Error(), "argument source") {
			t.Errorf("got %v, want BAD_USER_INPUT naming source", err)
		}
		if after, _ := s.Snapshot(ctx); after != before {
			t.Error("a refused deletion changed the graph")
		}
	})
	t.Run("ErrUnknownSchoolRecordsNothing", func(t *testing.T) {
		before, _ := s.Snapshot(ctx)
		if err := s.DeleteSchool(ctx, "sch-none", prov("https://example.org/closures", "")); aspnet.ErrorCode(err) != aspnet.CodeNotFound {
			t.Errorf("got %v, want NOT_FOUND", err)
		}
		if after, _ := s.Snapshot(ctx); after != before {
			t.Error("a refused deletion changed the graph")
		}
	})
	if err := s.DeleteSchool(ctx, "sch-01", prov("https://example.org/closures", "School 01 closed in 2020.")); err != nil {
		t.Fatal(err)
	}
	target := aspnet.Ref{Field: "targetId", NodeRef: ref(aspnet.KindKeyArea, "ka-one")}
	if _, err := s.UnlinkEvent(ctx, "ev-year", aspnet.EventLinkTo{Link: aspnet.LinkKeyArea, Target: target}, prov("src-fixture", "")); err != nil {
		t.Fatal(err)
	}
	t.Run("OKNewestFirstWithTheirFields", func(t *testing.T) {
		c, err := s.Removals(ctx, aspnet.Page{First: 10})
		if err != nil || len(c.Items) != 2 || c.TotalCount != 2 || c.HasNext {
			t.Fatalf("got %+v, %v; want the two removals", c, err)
		}
		unlink, del := c.Items[0], c.Items[1]
		if del.What != aspnet.RemovedSchool || del.RemovedID != aspnet.EncodeID(aspnet.KindSchool, "sch-01") ||
			del.Name == nil || *del.Name != "School 01" || del.RemovedBy != "tester" ||
			del.Citation.SourceKey != aspnet.URLSourceKey("https://example.org/closures") ||
			del.Citation.Quote == nil || *del.Citation.Quote != "School 01 closed in 2020." ||
			time.Since(del.At) > time.Minute || del.Link != nil {
			t.Errorf("deletion record %+v", del)
		}
		if unlink.What != aspnet.RemovedEventLink || unlink.RemovedID != aspnet.EncodeID(aspnet.KindEvent, "ev-year") ||
			unlink.Link == nil || *unlink.Link != aspnet.LinkKeyArea || unlink.TargetID == nil || *unlink.TargetID != target.ID() ||
			unlink.TargetName == nil || *unlink.TargetName != "Area One" || unlink.Name == nil || *unlink.Name != "Event in a year" ||
			unlink.Citation.SourceKey != "src-fixture" || unlink.Citation.Quote != nil {
			t.Errorf("unlink record %+v", unlink)
		}
	})
	t.Run("OKPages", func(t *testing.T) {
		first, err := s.Removals(ctx, aspnet.Page{First: 1})
		if err != nil || len(first.Items) != 1 || !first.HasNext {
			t.Fatalf("first page %+v, %v", first, err)
		}
		after, _ := aspnet.DecodeCursor(first.Cursors[0])
		second, err := s.Removals(ctx, aspnet.Page{First: 1, After: after})
		if err != nil || len(second.Items) != 1 || second.HasNext || !second.HasPrev || second.Items[0].What != aspnet.RemovedSchool {
			t.Errorf("second page %+v, %v", second, err)
		}
	})
}

func TestRemovePeriodsClaimsAppeals(t *testing.T) {
	s := neo4jtest.Open(t)
	ctx := context.Background()
	neo4jtest.LoadFixture(t, s, fixture)
	from := aspnet.MustParseDate("2018")
	if _, err := s.AddKeyAreaPeriod(ctx, aspnet.NewKeyAreaPeriod{KeyAreaKey: "ka-one", NetworkKey: "net-beta", Label: "plan", From: &from}, prov("src-fixture", "A plan.")); err != nil {
		t.Fatal(err)
	}
	if _, err := s.AddFoundingClaim(ctx, "org-a", from, prov("src-fixture", "Founded 2018.")); err != nil {
		t.Fatal(err)
	}
	a, err := s.AddAppeal(ctx, aspnet.NewAppeal{EventKey: "ev-year", Text: "Plant trees."}, prov("src-fixture", ""))
	if err != nil {
		t.Fatal(err)
	}
	t.Run("ErrRefusalsChangeNothing", func(t *testing.T) {
		before, _ := s.Snapshot(ctx)
		for _, c := range []struct {
			err  error
			code aspnet.Code
			says string
		}{
			{s.DeleteAppeal(ctx, "appeal-none", prov("src-fixture", "")), aspnet.CodeNotFound, "Appeal"},
			{s.DeleteAppeal(ctx, a.Key, prov("src-none", "")), aspnet.CodeBadUserInput, "argument source"},
			{ignore(s.RemoveFoundingClaim(ctx, "org-none", from, prov("src-fixture", ""))), aspnet.CodeNotFound, "Organization"},
			{ignore(s.RemoveFoundingClaim(ctx, "org-a", aspnet.MustParseDate("2018-01"), prov("src-fixture", ""))), aspnet.CodeNotFound, "2018-01"},
			{ignore(s.RemoveFoundingClaim(ctx, "org-a", from, prov("src-none", ""))), aspnet.CodeBadUserInput, "argument source"},
			{ignore(s.RemoveKeyAreaPeriod(ctx, "ka-none", "net-beta", "plan", prov("src-fixture", ""))), aspnet.CodeNotFound, "KeyArea"},
			{ignore(s.RemoveKeyAreaPeriod(ctx, "ka-one", "net-none", "plan", prov("src-fixture", ""))), aspnet.CodeBadUserInput, "argument network:"},
			{ignore(s.RemoveKeyAreaPeriod(ctx, "ka-one", "net-alpha", "plan", prov("src-fixture", ""))), aspnet.CodeNotFound, "no period"},
			{ignore(s.RemoveKeyAreaPeriod(ctx, "ka-one", "net-beta", "plan", prov("src-none", ""))), aspnet.CodeBadUserInput, "argument source"},
		} {
			if aspnet.ErrorCode(c.err) != c.code || !strings.Contains(c.err.Error(), c.says) {
				t.Errorf("got %v, want %s naming %s", c.err, c.code, c.says)
			}
		}
		if after, _ := s.Snapshot(ctx); after != before {
			t.Error("a refused removal changed the graph")
		}
	})
	t.Run("OKRemoved", func(t *testing.T) {
		if err := s.DeleteAppeal(ctx, a.Key, prov("https://example.org/appeals", "Not an appeal.")); err != nil {
			t.Fatal(err)
		}
		if _, err := s.RemoveFoundingClaim(ctx, "org-a", from, prov("src-fixture", "")); err != nil {
			t.Fatal(err)
		}
		if _, err := s.RemoveKeyAreaPeriod(ctx, "ka-one", "net-beta", "plan", prov("src-fixture", "")); err != nil {
			t.Fatal(err)
		}
		periods, _ := s.KeyAreaPeriods(ctx, []string{"ka-one"})
		for _, p := range periods["ka-one"] {
			if p.Label == "plan" {
				t.Errorf("the period is still there: %+v", p)
			}
		}
		claims, _ := s.FoundingClaims(ctx, []string{"org-a"})
		for _, c := range claims["org-a"] {
			if c.Date.String() == "2018" {
				t.Errorf("the claim is still there: %+v", c)
			}
		}
		if n, err := s.NodesByKey(ctx, aspnet.KindAppeal, []string{a.Key}); err != nil || len(n) != 0 {
			t.Errorf("the appeal: %v, %v", n, err)
		}
	})
	t.Run("OKRecords", func(t *testing.T) {
		c, err := s.Removals(ctx, aspnet.Page{First: 10})
		if err != nil || len(c.Items) != 3 {
			t.Fatalf("got %+v, %v; want three records", c, err)
		}
		period, claim, appeal := c.Items[0], c.Items[1], c.Items[2]
		if period.What != aspnet.RemovedKeyAreaPeriod || period.RemovedID != aspnet.EncodeID(aspnet.KindKeyArea, "ka-one") ||
			period.Label == nil || *period.Label != "plan" || period.TargetID == nil || *period.TargetID != aspnet.EncodeID(aspnet.KindNetwork, "net-beta") ||
			period.TargetName == nil || period.Name == nil {
			t.Errorf("period record %+v", period)
		}
		if claim.What != aspnet.RemovedFoundingClaim || claim.RemovedID != aspnet.EncodeID(aspnet.KindOrganization, "org-a") ||
			claim.Date == nil || claim.Date.String() != "2018" || claim.Name == nil {
			t.Errorf("claim record %+v", claim)
		}
		if appeal.What != aspnet.RemovedAppeal || appeal.RemovedID != a.ID() || appeal.Name == nil || *appeal.Name != "Plant trees." ||
			appeal.TargetID == nil || *appeal.TargetID != aspnet.EncodeID(aspnet.KindEvent, "ev-year") || appeal.Citation.Quote == nil ||
			*appeal.Citation.Quote != "Not an appeal." || appeal.RemovedBy != "tester" {
			t.Errorf("appeal record %+v", appeal)
		}
	})
}
