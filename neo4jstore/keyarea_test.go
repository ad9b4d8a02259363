package neo4jstore_test

import (
	"context"
	"strings"
	"testing"

	"github.com/aspgraph/aspgraph/aspnet"
	"github.com/aspgraph/aspgraph/neo4jstore/neo4jtest"
)

func TestWriteKeyAreas(t *testing.T) {
	s := neo4jtest.Open(t)
	ctx := context.Background()
	neo4jtest.LoadFixture(t, s, fixture)
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
	t.Run("ErrUnknownReferences", func(t *testing.T) {
		before, _ := s.Snapshot(ctx)
		for field, write := range map[string]func() error{
			"argument mappedFrom:": func() error {
				_, err := s.CreateKeyArea(ctx, aspnet.NewKeyArea{Name: "X", MappedFromKeys: []string{"ka-none"}}, prov("src-fixture", ""))
				return err
			},
			"argument source:": func() error {
				_, err := s.CreateKeyArea(ctx, aspnet.NewKeyArea{Name: "X"}, prov("src-none", ""))
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

func TestWritePeriods(t *testing.T) {
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
	t.Run("ErrRefusalsChangeNothing", func(t *testing.T) {
		before, _ := s.Snapshot(ctx)
		for _, c := range []struct {
			err  error
			code aspnet.Code
			says string
		}{
			{ignore(s.AddKeyAreaPeriod(ctx, aspnet.NewKeyAreaPeriod{KeyAreaKey: "ka-none", NetworkKey: "net-beta", Label: "x"}, prov("src-fixture", ""))), aspnet.CodeNotFound, "KeyArea"},
			{ignore(s.AddKeyAreaPeriod(ctx, aspnet.NewKeyAreaPeriod{KeyAreaKey: "ka-one", NetworkKey: "net-none", Label: "x"}, prov("src-fixture", ""))), aspnet.CodeBadUserInput, "argument network:"},
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
