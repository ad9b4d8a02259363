package neo4jstore_test

import (
	"context"
	"testing"

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
