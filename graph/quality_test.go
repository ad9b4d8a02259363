package graph_test

import (
	"context"
	"strings"
	"testing"

	"github.com/aspgraph/aspgraph/aspnet"
	"github.com/aspgraph/aspgraph/provenance"
)

// TestDataQualityOnTheKnowledgeGraph: the dataQuality query reports on what Neo4j holds the
// same counts as the check of data/ (what `aspgraph check` prints), with no problem.
func TestDataQualityOnTheKnowledgeGraph(t *testing.T) {
	h := handler(knowledgeGraph(t), nil)
	r := post(t, context.Background(), h, `{ dataQuality {
		citations { total quoted summarised sourceOnly derived }
		linksByBasis { basis links }
		uncited { subject text } quotesNotFound { subject source quote text }
		editorialLinks { subject text } disputes { about measure claims } problems } }`, nil)
	got := decode[struct {
		DataQuality struct {
			Citations    struct{ Total, Quoted, Summarised, SourceOnly, Derived int }
			LinksByBasis []struct {
				Basis string
				Links int
			}
			Uncited, QuotesNotFound, EditorialLinks []struct{ Subject, Text string }
			Disputes                                []struct {
				About, Measure string
				Claims         []string
			}
			Problems int
		}
	}](t, r).DataQuality
	texts, err := provenance.LoadTexts()
	if err != nil {
		t.Fatal(err)
	}
	g := loaded.Graph()
	want := provenance.Check(g.Nodes, g.Rels, texts)
	if got.Problems != 0 || len(got.Uncited) != 0 || len(got.QuotesNotFound) != 0 {
		t.Errorf("problems %d: uncited %+v, quotes not found %+v", got.Problems, got.Uncited, got.QuotesNotFound)
	}
	c := want.Citations
	if g := got.Citations; g.Total != c.Total || g.Quoted != c.Quoted || g.Summarised != c.Summarised || g.SourceOnly != c.SourceOnly || g.Derived != c.Derived {
		t.Errorf("citations %+v, the check of data/ counts %+v", g, *c)
	}
	if len(got.EditorialLinks) != len(want.EditorialLinks) || len(got.Disputes) != len(want.Disputes) || len(got.LinksByBasis) != 3 {
		t.Errorf("%d EDITORIAL links, %d disputes, %d bases; the check of data/ finds %d and %d",
			len(got.EditorialLinks), len(got.Disputes), len(got.LinksByBasis), len(want.EditorialLinks), len(want.Disputes))
	}
	for i, b := range got.LinksByBasis {
		if w := want.LinksByBasis[i]; b.Basis != string(w.Basis) || b.Links != w.Links {
			t.Errorf("links by basis %+v, the check of data/ counts %+v", got.LinksByBasis, want.LinksByBasis)
			break
		}
	}
}

// TestFiltersFollowOnlyTheBasesAsked: from Intercultural Learning, following mappings, the
// events filter finds the 2014 seminar and the 2024 training on every basis, and nothing on
// STATED links alone (both events' key areas are the curators' reading); each answer says
// which bases it followed.
func TestFiltersFollowOnlyTheBasesAsked(t *testing.T) {
	h := handler(knowledgeGraph(t), nil)
	const q = `query($ka: ID!, $bases: [Basis!]) {
		events(filter: {keyAreaId: $ka, followKeyAreaMappings: true, keyAreaBases: $bases}) { totalCount keyAreaBases }
		schools(filter: {keyAreaId: $ka, followKeyAreaMappings: true, keyAreaBases: $bases}) { totalCount keyAreaBases }
		all: events { keyAreaBases } }`
	type conn struct {
		TotalCount   int
		KeyAreaBases []string
	}
	run := func(bases any) (conn, conn, conn) {
		got := decode[struct{ Events, Schools, All conn }](t, post(t, context.Background(), h, q,
			map[string]any{"ka": id(aspnet.KindKeyArea, "ka-intercultural-learning"), "bases": bases}))
		return got.Events, got.Schools, got.All
	}
	ev, sc, all := run(nil)
	if ev.TotalCount != 2 || strings.Join(ev.KeyAreaBases, ",") != "STATED,DERIVED,EDITORIAL" || sc.TotalCount != 0 || all.KeyAreaBases != nil {
		t.Errorf("every basis: events %+v, schools %+v, unfiltered %+v", ev, sc, all)
	}
	ev, sc, _ = run([]string{"STATED"})
	if ev.TotalCount != 0 || strings.Join(ev.KeyAreaBases, ",") != "STATED" || strings.Join(sc.KeyAreaBases, ",") != "STATED" {
		t.Errorf("STATED only: events %+v, schools %+v", ev, sc)
	}
}
