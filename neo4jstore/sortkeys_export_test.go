package neo4jstore

import "context"

// ForgetSortKeys removes the sort keys of every node of label and, with stale, the record of
// the rules keys were made by, as a graph written before keys were would be: for the
// external tests of the migration.
func (s *Store) ForgetSortKeys(ctx context.Context, label string, stale bool) error {
	if err := s.writeOne(ctx, template("MATCH (n:{{label}}) REMOVE n.sortKey, n.sortKeyVersion", map[string]string{"label": label}), nil); err != nil {
		return err
	}
	if !stale {
		return nil
	}
	return s.writeOne(ctx, "MATCH (m:Migration {name: 'sortKey'}) SET m.version = 'older rules'", nil)
}
