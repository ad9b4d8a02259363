package graph_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/aspgraph/aspgraph/aspnet"
	"github.com/aspgraph/aspgraph/auth"
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
	h := authHandler(s, new(bytes.Buffer), auth.Keys{Secret: testSecret})
	auth := "Bearer " + token(t, testSecret, []string{aspnet.RoleEditor}, time.Hour, time.Now())
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
	h := authHandler(s, new(bytes.Buffer), auth.Keys{Secret: testSecret})
	auth := "Bearer " + token(t, testSecret, []string{aspnet.RoleEditor}, time.Hour, time.Now())
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

func TestAddPeriodsClaimsAppealsAndProgrammes(t *testing.T) {
	s := writable(t)
	h := authHandler(s, new(bytes.Buffer), auth.Keys{Secret: testSecret})
	auth := "Bearer " + token(t, testSecret, []string{aspnet.RoleEditor}, time.Hour, time.Now())
	must := func(query string, vars map[string]any) string {
		t.Helper()
		r := postAs(t, h, auth, query, vars)
		if len(r.Errors) != 0 {
			t.Fatalf("%.60s: %s", query, r.raw)
		}
		return string(r.Data)
	}
	ka, kz := id(aspnet.KindKeyArea, "ka-gced"), id(aspnet.KindNetwork, kzNetwork)
	seed := id(aspnet.KindSource, seedSource)
	t.Run("OKPeriod", func(t *testing.T) {
		got := must(addPeriodQ, map[string]any{"in": map[string]any{"keyAreaId": ka, "networkId": kz, "label": "2020-2025 national plan", "from": "2020", "to": "2025", "source": srcURL, "quote": "GCED in the national plan."}})
		want := `{"network":{"id":"` + kz + `"},"label":"2020-2025 national plan","from":"2020","to":"2025","citations":[{"quote":"GCED in the national plan."`
		if !strings.Contains(got, want) || !strings.Contains(got, `"label":"January 2024"`) {
			t.Errorf("got %s\nwant the new period %s beside the loaded ones", got, want)
		}
		// The same label again is the same period: its dates change, its citations grow.
		got = must(addPeriodQ, map[string]any{"in": map[string]any{"keyAreaId": ka, "networkId": kz, "label": "2020-2025 national plan", "from": "2021", "source": seed}})
		if strings.Count(got, "2020-2025 national plan") != 1 || !strings.Contains(got, `"from":"2021","to":"2025","citations":[{"quote":"GCED in the national plan."`) || !strings.Contains(got, seed) {
			t.Errorf("adding the period again: %s", got)
		}
	})
	t.Run("OKFoundingClaims", func(t *testing.T) {
		org := id(aspnet.KindOrganization, "org-unesco-almaty")
		got := must(addClaimQ, map[string]any{"in": map[string]any{"organizationId": org, "date": "1995-03", "source": srcURL, "quote": "Opened in March 1995."}})
		if !strings.Contains(got, `{"date":"1994"`) || !strings.Contains(got, `{"date":"1995-03","citations":[{"quote":"Opened in March 1995."`) {
			t.Errorf("got %s, want the loaded 1994 claim and the new 1995-03 one", got)
		}
		got = must(addClaimQ, map[string]any{"in": map[string]any{"organizationId": org, "date": "1994", "source": seed, "quote": "Since 1994."}})
		if strings.Count(got, `"date":"1994"`) != 1 || !strings.Contains(got, `"quote":"Since 1994."`) {
			t.Errorf("claiming the loaded date again: %s, want one 1994 claim with both citations", got)
		}
	})
	t.Run("OKAppeal", func(t *testing.T) {
		ev := id(aspnet.KindEvent, festival)
		got := must(addAppealQ, map[string]any{"in": map[string]any{"eventId": ev, "text": " Protect our heritage. ", "by": "Students", "source": srcURL, "quote": "The students appealed."}})
		var r struct {
			AddAppeal struct {
				ID, Text string
				By, To   *string
				Event    struct {
					ID      string
					Appeals []struct{ ID string }
				}
			}
		}
		if err := json.Unmarshal([]byte(got), &r); err != nil {
			t.Fatal(err)
		}
		a := r.AddAppeal
		found := false
		for _, x := range a.Event.Appeals {
			found = found || x.ID == a.ID
		}
		if a.Text != "Protect our heritage." || a.By == nil || *a.By != "Students" || a.To != nil || a.Event.ID != ev || !found || len(a.Event.Appeals) < 2 {
			t.Errorf("got %s", got)
		}
	})
	t.Run("OKProgramme", func(t *testing.T) {
		seminar, festivalID := id(aspnet.KindEvent, "ev-2014-almaty-aspnet-seminar"), id(aspnet.KindEvent, festival)
		must(linkEventQ, map[string]any{"in": map[string]any{"eventId": seminar, "link": "PART_OF", "targetId": festivalID, "source": srcURL}})
		got := must(`query($f: ID!, $s: ID!) { f: node(id: $f) { ... on Event { activities { id } } } s: node(id: $s) { ... on Event { partOf { id } } } }`, map[string]any{"f": festivalID, "s": seminar})
		if !strings.Contains(got, `"partOf":{"id":"`+festivalID+`"}`) || strings.Count(got, seminar) != 1 || strings.Count(got, `"id"`) != 6 {
			t.Errorf("got %s, want the seminar among the festival's five activities", got)
		}
		must(unlinkEventQ, map[string]any{"e": seminar, "l": "PART_OF", "t": festivalID, "source": srcURL})
		got = must(`query($s: ID!) { node(id: $s) { ... on Event { partOf { id } } } removals(first: 1) { edges { node { what link targetId } } } }`, map[string]any{"s": seminar})
		if !strings.Contains(got, `"partOf":null`) || !strings.Contains(got, `{"what":"EVENT_LINK","link":"PART_OF","targetId":"`+festivalID+`"}`) {
			t.Errorf("after unlinking: %s", got)
		}
	})
}
