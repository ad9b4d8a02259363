package neo4jstore_test

import (
	"context"
	"strings"
	"testing"

	"github.com/aspgraph/aspgraph/aspnet"
	"github.com/aspgraph/aspgraph/neo4jstore/neo4jtest"
)

func TestWriteOrganizations(t *testing.T) {
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
		} {
			if err := write(); aspnet.ErrorCode(err) != aspnet.CodeBadUserInput || !strings.Contains(err.Error(), field) {
				t.Errorf("%s: got %v", field, err)
			}
		}
		if after, _ := s.Snapshot(ctx); after != before {
			t.Error("a refused write changed the graph")
		}
	})
}

func TestWriteFoundingClaims(t *testing.T) {
	s := neo4jtest.Open(t)
	ctx := context.Background()
	neo4jtest.LoadFixture(t, s, fixture)
	from := aspnet.MustParseDate("2018")
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
			{ignore(s.AddFoundingClaim(ctx, "org-none", from, prov("src-fixture", ""))), aspnet.CodeNotFound, "Organization"},
			{ignore(s.AddFoundingClaim(ctx, "org-a", from, prov("src-none", ""))), aspnet.CodeBadUserInput, "argument source:"},
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
