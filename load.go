package main

import (
	"context"
	"log/slog"
	"time"

	"github.com/aspgraph/aspgraph/data"
	"github.com/aspgraph/aspgraph/neo4jstore"
)

// loadDataset loads the knowledge graph from data/ into s (`aspgraph load`, and serve as it
// connects), logging what it changed.
func loadDataset(ctx context.Context, log *slog.Logger, s *neo4jstore.Store) error {
	d, err := data.Read(data.Files)
	if err != nil {
		return err
	}
	started := time.Now()
	st, err := s.Load(ctx, d.Graph())
	if err != nil {
		return err
	}
	log.Info("knowledge graph loaded", "nodes", st.Nodes, "relationships", st.Relationships,
		"nodes_created", st.NodesCreated, "relationships_created", st.RelationshipsCreated,
		"nodes_deleted", st.NodesDeleted, "relationships_deleted", st.RelsDeleted,
		"took", time.Since(started).Round(time.Millisecond).String())
	return nil
}
