package neo4jstore_test

import (
	"context"
	"testing"

	"github.com/aspgraph/aspgraph/aspnet"
	"github.com/aspgraph/aspgraph/neo4jstore/neo4jtest"
)

func TestBulkLoad(t *testing.T) {
	s := neo4jtest.Open(t)
	ctx := context.Background()
	d := neo4jtest.LoadKnowledgeGraph(t, s)
	want, err := s.Snapshot(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.DeleteEverything(ctx); err != nil {
		t.Fatal(err)
	}

	t.Run("WritesWhatLoadWrites", func(t *testing.T) {
		// A small batch, so that every label and type spans several transactions.
		st, err := s.BulkLoad(ctx, d.Graph(), 25)
		if err != nil {
			t.Fatal(err)
		}
		if st.NodesCreated != st.Nodes || st.RelationshipsCreated != st.Relationships || st.Nodes == 0 {
			t.Errorf("created %d of %d nodes, %d of %d relationships", st.NodesCreated, st.Nodes, st.RelationshipsCreated, st.Relationships)
		}
		got, err := s.Snapshot(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if got != want {
			t.Errorf("the graph after BulkLoad differs from the graph after Load")
		}
	})
	t.Run("SecondBulkLoadChangesNothing", func(t *testing.T) {
		st, err := s.BulkLoad(ctx, d.Graph(), 0)
		if err != nil {
			t.Fatal(err)
		}
		if st.NodesCreated != 0 || st.RelationshipsCreated != 0 {
			t.Errorf("second bulk load created %d nodes, %d relationships", st.NodesCreated, st.RelationshipsCreated)
		}
	})
}

func TestLoad(t *testing.T) {
	s := neo4jtest.Open(t)
	ctx := context.Background()
	d := neo4jtest.LoadKnowledgeGraph(t, s)

	t.Run("SecondLoadChangesNothing", func(t *testing.T) {
		before, err := s.Snapshot(ctx)
		if err != nil {
			t.Fatal(err)
		}
		st, err := s.Load(ctx, d.Graph())
		if err != nil {
			t.Fatal(err)
		}
		if st.NodesCreated != 0 || st.RelationshipsCreated != 0 || st.NodesDeleted != 0 || st.RelsDeleted != 0 {
			t.Errorf("second load changed the graph: %+v", st)
		}
		after, err := s.Snapshot(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if before != after {
			t.Errorf("graph differs after a second load")
		}
		if st.Nodes < 50 || st.Relationships < 50 {
			t.Errorf("load wrote %d nodes and %d relationships; the knowledge graph has more", st.Nodes, st.Relationships)
		}
	})

	t.Run("LoadRemovesWhatTheDatasetDropped", func(t *testing.T) {
		neo4jtest.LoadFixture(t, s, fixture)
		got, err := s.NodesByKey(ctx, aspnet.KindNetwork, []string{"aspnet", "net-alpha"})
		if err != nil {
			t.Fatal(err)
		}
		if _, ok := got["aspnet"]; ok {
			t.Error("the knowledge graph's network survived loading the fixture in its place")
		}
		if _, ok := got["net-alpha"]; !ok {
			t.Error("the fixture's network is missing")
		}
	})
}

func TestReloadKeepsAPIEditsToUnchangedEntries(t *testing.T) {
	s := neo4jtest.Open(t)
	ctx := context.Background()
	d := neo4jtest.LoadFixture(t, s, fixture)
	if _, err := s.UpdateSchool(ctx, "sch-01", aspnet.SchoolChange{Name: "School 01 (renamed)"}, prov("src-fixture", "Renamed.")); err != nil {
		t.Fatal(err)
	}
	until := aspnet.MustParseDate("2001")
	if _, err := s.LeaveNetwork(ctx, aspnet.Leave{SchoolKey: "sch-01", NetworkKey: "net-alpha", Until: until}, prov("src-fixture", "Left.")); err != nil {
		t.Fatal(err)
	}
	edited, _ := s.Snapshot(ctx)
	st, err := s.Load(ctx, d.Graph())
	if err != nil {
		t.Fatal(err)
	}
	t.Run("OKSameDataKeepsEdits", func(t *testing.T) {
		if after, _ := s.Snapshot(ctx); after != edited {
			t.Error("reloading the same data changed what the API edited")
		}
		if st.PropertiesSet != 0 {
			t.Errorf("reloading the same data set %d properties", st.PropertiesSet)
		}
	})
	t.Run("OKChangedEntryTakesTheData", func(t *testing.T) {
		for i := range d.Schools {
			if d.Schools[i].ID == "sch-01" {
				d.Schools[i].Name = "School 01 (as data/ now names it)"
			}
		}
		if _, err := s.Load(ctx, d.Graph()); err != nil {
			t.Fatal(err)
		}
		n, _ := s.NodesByKey(ctx, aspnet.KindSchool, []string{"sch-01"})
		sc := n["sch-01"].(*aspnet.School)
		if sc.Name != "School 01 (as data/ now names it)" || len(sc.Citations) != 1 {
			t.Errorf("school %+v: a changed entry is rewritten from the data", sc)
		}
		// Its identity follows the data's name.
		got, created, err := s.CreateSchool(ctx, aspnet.NewSchool{Name: "school 01 (as data/ now names it)", CityName: "Alpha City", CountryName: "Alphaland"}, prov("src-fixture", ""))
		if err != nil || created || got.Key != "sch-01" {
			t.Errorf("got %+v, created %v, %v", got, created, err)
		}
		// The membership's entry did not change: the API's end of it stands.
		ms, _ := s.SchoolMemberships(ctx, []string{"sch-01"})
		if len(ms["sch-01"]) != 1 || ms["sch-01"][0].Until == nil || ms["sch-01"][0].Status != aspnet.StatusFormer {
			t.Errorf("memberships %+v", ms["sch-01"])
		}
	})
}
