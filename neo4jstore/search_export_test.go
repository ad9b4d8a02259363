package neo4jstore

import "context"

// SearchLucene runs the search statement with q as the Lucene query as it is, past the
// store's own checks and escaping, for the external tests of how Neo4j's refusals are mapped.
func (s *Store) SearchLucene(ctx context.Context, q string) error {
	_, err := s.read(ctx, query("search"), map[string]any{"query": q, "limit": 1})
	return err
}
