package neo4jstore

import (
	"context"
	"fmt"
	"slices"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/aspgraph/aspgraph/data"
)

// BulkLoad writes a dataset too large for Load's one transaction, such as the synthetic
// benchmark data: after Migrate, it writes the nodes of each label, then the relationships of
// each type, in chunks of batch rows, each chunk in its own managed write transaction. It
// applies chunk by chunk, not whole; it is idempotent (every row is merged by key) but, unlike
// Load, removes nothing, so it is meant for an empty database or for the same dataset again.
// A batch below 1 means 5,000.
func (s *Store) BulkLoad(ctx context.Context, d *data.Dataset, batch int) (st LoadStats, err error) {
	defer wrap(&err, "neo4jstore.BulkLoad")
	if batch < 1 {
		batch = 5000
	}
	if err := s.Migrate(ctx); err != nil {
		return st, err
	}
	g := rowsOf(d)
	st.Nodes, st.Relationships = len(g.nodes), len(g.rels)
	run := func(stmt string, rows []map[string]any) error {
		// Only the attempt that commits counts: a retried transaction overwrites c.
		var c neo4j.Counters
		err := s.writeWithin(ctx, loadTimeout, func(tx neo4j.ManagedTransaction) error {
			var err error
			c, err = runWrite(ctx, tx, stmt, map[string]any{"rows": rows})
			return err
		})
		if err != nil {
			return err
		}
		st.NodesCreated += c.NodesCreated()
		st.RelationshipsCreated += c.RelationshipsCreated()
		st.PropertiesSet += c.PropertiesSet()
		return nil
	}
	for _, group := range groupBy(g.nodes, func(n nodeRow) string { return n.label }) {
		stmt := template(query("load_nodes"), map[string]string{"label": group[0].label})
		for chunk := range slices.Chunk(group, batch) {
			rows := make([]map[string]any, len(chunk))
			for i, n := range chunk {
				rows[i] = loadRow(n)
			}
			if err := run(stmt, rows); err != nil {
				return st, fmt.Errorf("nodes %s: %w", group[0].label, err)
			}
		}
	}
	for _, group := range groupBy(g.rels, func(r relRow) string { return r.from + " " + r.typ + " " + r.to }) {
		b := group[0]
		stmt := template(query("load_rels"), map[string]string{"from": b.from, "type": b.typ, "to": b.to})
		for chunk := range slices.Chunk(group, batch) {
			rows := make([]map[string]any, len(chunk))
			for i, r := range chunk {
				rows[i] = map[string]any{"key": r.key, "from": r.fromKey, "to": r.toKey, "props": r.props}
			}
			if err := run(stmt, rows); err != nil {
				return st, fmt.Errorf("relationships (:%s)-[:%s]->(:%s): %w", b.from, b.typ, b.to, err)
			}
		}
	}
	return st, nil
}
