package graph_test

import (
	"bytes"
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/aspgraph/aspgraph/aspnet"
	"github.com/aspgraph/aspgraph/graph"
)

const removalsQ = `query($first: Int, $after: String) { removals(first: $first, after: $after) {
	totalCount pageInfo { hasNextPage endCursor }
	edges { node { what removedId name link targetId targetName removedBy removedAt citation { quote source { id url } } } } } }`

type removalsPage struct {
	Removals struct {
		TotalCount int
		PageInfo   struct {
			HasNextPage bool
			EndCursor   string
		}
		Edges []struct {
			Node struct {
				What, RemovedID, RemovedBy, RemovedAt string
				Name, Link, TargetID, TargetName      *string
				Citation                              struct {
					Quote  *string
					Source struct {
						ID  string
						URL *string
					}
				}
			}
		}
	}
}

func TestDeletionsAndUnlinksLeaveRemovalRecords(t *testing.T) {
	s := writable(t)
	h := authHandler(s, new(bytes.Buffer), graph.Auth{Secret: testSecret})
	auth := "Bearer " + token(t, testSecret, []string{graph.RoleEditor}, time.Hour, time.Now())
	school, ev, org := id(aspnet.KindSchool, "school-almaty-8"), id(aspnet.KindEvent, festival), id(aspnet.KindOrganization, "org-unesco-almaty")

	t.Run("ErrRefusalsRecordNothing", func(t *testing.T) {
		before := snapshot(t, s)
		for _, vars := range []map[string]any{
			{"id": school},
			{"id": school, "source": id(aspnet.KindSource, "src-none")},
			{"id": school, "source": "not a url"},
			{"id": school, "source": id(aspnet.KindSchool, best)},
		} {
			r := postAs(t, h, auth, deleteSchoolQ, vars)
			if len(r.Errors) != 1 || r.Errors[0].Extensions["code"] != "BAD_USER_INPUT" || !strings.Contains(r.Errors[0].Message, "argument source") {
				t.Errorf("%v: got %s, want BAD_USER_INPUT naming source", vars, r.raw)
			}
		}
		if snapshot(t, s) != before {
			t.Error("a refused deletion changed the graph")
		}
	})

	start := time.Now().Add(-time.Second)
	if r := postAs(t, h, auth, deleteSchoolQ, map[string]any{"id": school, "source": srcURL, "quote": "School No. 8 closed."}); len(r.Errors) != 0 {
		t.Fatal(string(r.raw))
	}
	if r := postAs(t, h, auth, unlinkEventQ, map[string]any{"e": ev, "l": "ORGANIZER", "t": org, "source": id(aspnet.KindSource, seedSource)}); len(r.Errors) != 0 {
		t.Fatal(string(r.raw))
	}

	t.Run("OKPublicNewestFirst", func(t *testing.T) {
		page := decode[removalsPage](t, postAs(t, h, "", removalsQ, nil)).Removals
		if page.TotalCount != 2 || len(page.Edges) != 2 {
			t.Fatalf("got %+v, want two records", page)
		}
		unlink, del := page.Edges[0].Node, page.Edges[1].Node
		at, err := time.Parse(time.RFC3339Nano, del.RemovedAt)
		if del.What != "SCHOOL" || del.RemovedID != school || del.Name == nil || *del.Name != "Secondary School No. 8" ||
			del.RemovedBy != "alice" || err != nil || at.Before(start) || at.After(time.Now()) ||
			del.Citation.Source.URL == nil || *del.Citation.Source.URL != srcURL ||
			del.Citation.Quote == nil || *del.Citation.Quote != "School No. 8 closed." || del.Link != nil {
			t.Errorf("deletion record %+v", del)
		}
		if unlink.What != "EVENT_LINK" || unlink.RemovedID != ev || unlink.Link == nil || *unlink.Link != "ORGANIZER" ||
			unlink.TargetID == nil || *unlink.TargetID != org || unlink.TargetName == nil || *unlink.TargetName == "" ||
			unlink.Citation.Source.ID != id(aspnet.KindSource, seedSource) || unlink.Citation.Quote != nil || unlink.RemovedBy != "alice" {
			t.Errorf("unlink record %+v", unlink)
		}
	})
	t.Run("OKPages", func(t *testing.T) {
		first := decode[removalsPage](t, postAs(t, h, "", removalsQ, map[string]any{"first": 1})).Removals
		if len(first.Edges) != 1 || !first.PageInfo.HasNextPage || first.Edges[0].Node.What != "EVENT_LINK" {
			t.Fatalf("first page %+v", first)
		}
		second := decode[removalsPage](t, postAs(t, h, "", removalsQ, map[string]any{"first": 1, "after": first.PageInfo.EndCursor})).Removals
		if len(second.Edges) != 1 || second.PageInfo.HasNextPage || second.Edges[0].Node.What != "SCHOOL" {
			t.Errorf("second page %+v", second)
		}
	})
	t.Run("ErrBadCursor", func(t *testing.T) {
		r := postAs(t, h, "", removalsQ, map[string]any{"after": "nope"})
		if len(r.Errors) != 1 || r.Errors[0].Extensions["code"] != "BAD_USER_INPUT" || !strings.Contains(r.Errors[0].Message, "after") {
			t.Errorf("got %s", r.raw)
		}
	})
}

func TestUpdateSourceChangesAndCites(t *testing.T) {
	s := writable(t)
	h := authHandler(s, new(bytes.Buffer), graph.Auth{Secret: testSecret})
	auth := "Bearer " + token(t, testSecret, []string{graph.RoleEditor}, time.Hour, time.Now())
	seed := id(aspnet.KindSource, seedSource)
	r := postAs(t, h, auth, updateSourceQ, map[string]any{"id": seed, "in": map[string]any{
		"url": "https://example.org/aspnet-kz-20", "publisher": " ", "published": "2016-09", "note": "Found online in 2024.",
		"source": "https://example.org/aspnet-kz-20", "quote": "The 20th Anniversary of ASPnet in Kazakhstan",
	}})
	if len(r.Errors) != 0 || !strings.Contains(string(r.Data), `"title":"The 20th Anniversary of the UNESCO Associated Schools Project Network in Kazakhstan","url":"https://example.org/aspnet-kz-20","publisher":null,"published":"2016-09","note":"Found online in 2024."`) {
		t.Fatalf("got %s", r.raw)
	}
	t.Run("OKReadsBack", func(t *testing.T) {
		r := postAs(t, h, "", `query($id: ID!) { node(id: $id) { ... on Source { url publisher published } } }`, map[string]any{"id": seed})
		if !strings.Contains(string(r.Data), `{"url":"https://example.org/aspnet-kz-20","publisher":null,"published":"2016-09"}`) {
			t.Errorf("got %s", r.raw)
		}
	})
	t.Run("OKCitesEachChange", func(t *testing.T) {
		nodes, err := s.ExportNodesByKey(context.Background(), "Source", []string{seedSource})
		if err != nil || len(nodes) != 1 {
			t.Fatalf("got %v, %v", nodes, err)
		}
		p := nodes[0].Props
		if got := fmt.Sprint(p["citeProperties"]); got != "[url publisher note published]" {
			t.Errorf("citeProperties %s", got)
		}
		if got := fmt.Sprint(p["citeQuotes"]); !strings.Contains(got, "The 20th Anniversary of ASPnet in Kazakhstan") {
			t.Errorf("citeQuotes %s", got)
		}
		if p["editedBy"] != "alice" {
			t.Errorf("editedBy %v", p["editedBy"])
		}
	})
	t.Run("OKCitingTheNewURLFindsIt", func(t *testing.T) {
		r := postAs(t, h, auth, updateSourceQ, map[string]any{"id": seed, "in": map[string]any{"title": "ASPnet in Kazakhstan: 20 years", "source": "https://example.org/aspnet-kz-20"}})
		if len(r.Errors) != 0 {
			t.Fatalf("got %s", r.raw)
		}
		page := decode[struct{ Sources []struct{ ID string } }](t, postAs(t, h, "", `{ sources { id } }`, nil))
		if len(page.Sources) != len(loaded.Sources) {
			t.Errorf("%d sources, want the %d loaded: citing the new URL made a Source for it", len(page.Sources), len(loaded.Sources))
		}
	})
}
