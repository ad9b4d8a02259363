package neo4jstore_test

import (
	"context"
	"strings"
	"testing"

	"github.com/aspgraph/aspgraph/aspnet"
	"github.com/aspgraph/aspgraph/neo4jstore/neo4jtest"
)

func TestWritePeriodsClaimsAppeals(t *testing.T) {
	s := neo4jtest.Open(t)
	ctx := context.Background()
	neo4jtest.LoadFixture(t, s, fixture)
	from, to := aspnet.MustParseDate("2018"), aspnet.MustParseDate("2020")
	t.Run("OKPeriod", func(t *testing.T) {
		if _, err := s.AddKeyAreaPeriod(ctx, aspnet.NewKeyAreaPeriod{KeyAreaKey: "ka-one", NetworkKey: "net-beta", Label: "plan", From: &from, To: &to}, prov("src-fixture", "A plan.")); err != nil {
			t.Fatal(err)
		}
		got, err := s.KeyAreaPeriods(ctx, []string{"ka-one"})
		if err != nil {
			t.Fatal(err)
		}
		found := false
		for _, p := range got["ka-one"] {
			if p.NetworkKey == "net-beta" && p.Label == "plan" && p.From.String() == "2018" && p.To.String() == "2020" && len(p.Citations) == 1 && *p.Citations[0].Quote == "A plan." {
				found = true
			}
		}
		if !found {
			t.Errorf("periods %+v", got["ka-one"])
		}
	})
	t.Run("OKClaim", func(t *testing.T) {
		if _, err := s.AddFoundingClaim(ctx, "org-a", from, prov("https://example.org/org-a", "Founded 2018.")); err != nil {
			t.Fatal(err)
		}
		got, err := s.FoundingClaims(ctx, []string{"org-a"})
		if err != nil || len(got["org-a"]) == 0 || got["org-a"][len(got["org-a"])-1].Date.String() != "2018" {
			t.Errorf("claims %+v, %v", got["org-a"], err)
		}
	})
	t.Run("ErrRefusalsChangeNothing", func(t *testing.T) {
		before, _ := s.Snapshot(ctx)
		for _, c := range []struct {
			err  error
			code aspnet.Code
			says string
		}{
			{ignore(s.AddKeyAreaPeriod(ctx, aspnet.NewKeyAreaPeriod{KeyAreaKey: "ka-none", NetworkKey: "net-beta", Label: "x"}, prov("src-fixture", ""))), aspnet.CodeNotFound, "KeyArea"},
			{ignore(s.AddKeyAreaPeriod(ctx, aspnet.NewKeyAreaPeriod{KeyAreaKey: "ka-one", NetworkKey: "net-none", Label: "x"}, prov("src-fixture", ""))), aspnet.CodeBadUserInput, "argument network:"},
			{ignore(s.AddFoundingClaim(ctx, "org-none", from, prov("src-fixture", ""))), aspnet.CodeNotFound, "Organization"},
			{ignore(s.AddFoundingClaim(ctx, "org-a", from, prov("src-none", ""))), aspnet.CodeBadUserInput, "argument source:"},
			{ignore(s.AddAppeal(ctx, aspnet.NewAppeal{EventKey: "ev-none", Text: "x"}, prov("src-fixture", ""))), aspnet.CodeNotFound, "Event"},
		} {
			if aspnet.ErrorCode(c.err) != c.code || !strings.Contains(c.err.Error(), c.says) {
				t.Errorf("got %v, want %s naming %s", c.err, c.code, c.says)
			}
		}
		if after, _ := s.Snapshot(ctx); after != before {
			t.Error("a refused write changed the graph")
		}
	})
}

func ignore[T any](_ T, err error) error { return err }
