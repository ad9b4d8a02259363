package graph_test

import (
	"context"
	"testing"

	"github.com/aspgraph/aspgraph/aspnet"
)

// TestNamesAndDatesThroughTheAPI: a client finds the nodes by the names the seed gives,
// reads each name's kind and source, sees the numbered schools in the order people read
// them, and reads the date rule's answer for a member that joined in "1996".
func TestNamesAndDatesThroughTheAPI(t *testing.T) {
	s := knowledgeGraph(t)
	h := handler(s, nil)
	ctx := context.Background()

	t.Run("OKOrganizationsByTheSeedsName", func(t *testing.T) {
		r := post(t, ctx, h, `{ organizations(nameContains: "UNESCO Almaty") { name names { value kind language source { id } citations { quote } } } }`, nil)
		got := decode[struct {
			Organizations []struct {
				Name  string
				Names []struct {
					Value, Kind string
					Language    *string
					Source      *struct{ ID string }
					Citations   []struct{ Quote string }
				}
			}
		}](t, r)
		if len(got.Organizations) != 1 || got.Organizations[0].Name != "UNESCO Office in Almaty" {
			t.Fatalf("organizations: %+v", got.Organizations)
		}
		names := got.Organizations[0].Names
		if names[0].Kind != "CURATORS_LABEL" || names[0].Source != nil || len(names[0].Citations) != 0 {
			t.Errorf("display name: %+v, want an uncited CURATORS_LABEL", names[0])
		}
		seen := false
		for _, n := range names {
			if n.Value == "UNESCO Almaty" && n.Kind == "AS_CITED" && n.Source != nil && n.Source.ID == id(aspnet.KindSource, seedSource) && len(n.Citations) == 1 {
				seen = true
			}
		}
		if !seen {
			t.Errorf("no AS_CITED \"UNESCO Almaty\" citing the seed: %+v", names)
		}
	})
	t.Run("OKSchoolsByTheSeedsSpellingAndInOrder", func(t *testing.T) {
		r := post(t, ctx, h, `{ a: schools(filter: {nameContains: "secondary school 8"}) { totalCount edges { node { name } } }
			b: schools(filter: {nameContains: "Secondary School No."}, first: 2) { edges { node { name } } pageInfo { endCursor } } }`, nil)
		got := decode[struct {
			A struct {
				TotalCount int
				Edges      []struct{ Node struct{ Name string } }
			}
			B struct {
				Edges    []struct{ Node struct{ Name string } }
				PageInfo struct{ EndCursor string }
			}
		}](t, r)
		if got.A.TotalCount != 1 || got.A.Edges[0].Node.Name != "Secondary School No. 8" {
			t.Errorf("nameContains \"secondary school 8\": %+v", got.A)
		}
		if len(got.B.Edges) != 2 || got.B.Edges[0].Node.Name != "Secondary School No. 8" || got.B.Edges[1].Node.Name != "Secondary School No. 35" {
			t.Fatalf("first page: %+v", got.B.Edges)
		}
		r = post(t, ctx, h, `query($after: String) { schools(filter: {nameContains: "Secondary School No."}, first: 10, after: $after) { edges { node { name } } } }`,
			map[string]any{"after": got.B.PageInfo.EndCursor})
		next := decode[struct {
			Schools struct {
				Edges []struct{ Node struct{ Name string } }
			}
		}](t, r)
		var names []string
		for _, e := range next.Schools.Edges {
			names = append(names, e.Node.Name)
		}
		if len(names) != 3 || names[0] != "Secondary School No. 105" || names[1] != "Secondary School No. 124" || names[2] != "Secondary School No. 145" {
			t.Errorf("next page: %q", names)
		}
	})
	t.Run("OKHeldOnAndUncertainCount", func(t *testing.T) {
		r := post(t, ctx, h, `query($kz: ID!) { node(id: $kz) { ... on Network {
			mid: memberships(asOf: "1996-06-01") { totalCount uncertainCount }
			end: memberships(asOf: "1996") { totalCount uncertainCount edges { node { a: heldOn(date: "1995-12-31") b: heldOn(date: "1996-06-01") c: heldOn(date: "1996") } } } } }
			uncertain: schools(filter: {networkId: $kz, asOf: "1996-06-01", asOfUncertain: true}) { totalCount }
			held: schools(filter: {networkId: $kz, asOf: "1996-06-01"}) { totalCount } }`,
			map[string]any{"kz": id(aspnet.KindNetwork, "aspnet-kz")})
		got := decode[struct {
			Node struct {
				Mid struct{ TotalCount, UncertainCount int }
				End struct {
					TotalCount, UncertainCount int
					Edges                      []struct{ Node struct{ A, B, C string } }
				}
			}
			Uncertain, Held struct{ TotalCount int }
		}](t, r)
		if got.Node.Mid.TotalCount != 0 || got.Node.Mid.UncertainCount != 6 || got.Node.End.TotalCount != 6 || got.Node.End.UncertainCount != 0 {
			t.Errorf("memberships: %+v", got.Node)
		}
		if got.Uncertain.TotalCount != 6 || got.Held.TotalCount != 0 {
			t.Errorf("schools as of 1996-06-01: %d held, %d uncertain", got.Held.TotalCount, got.Uncertain.TotalCount)
		}
		for _, e := range got.Node.End.Edges {
			if e.Node.A != "NOT_HELD" || e.Node.B != "JOINED_WITHIN" || e.Node.C != "HELD" {
				t.Errorf("heldOn: %+v", e.Node)
			}
		}
	})
	t.Run("ErrAsOfUncertainWithoutAsOf", func(t *testing.T) {
		r := post(t, ctx, h, `{ schools(filter: {asOfUncertain: true}) { totalCount } }`, nil)
		if len(r.Errors) != 1 || r.Errors[0].Extensions["code"] != "BAD_USER_INPUT" {
			t.Errorf("errors: %s", r.raw)
		}
	})
}
