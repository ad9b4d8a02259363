// The rules the graph's sort keys were made by (see migrateSortKeys in sortkeys.go).
// Parameters: none. Returns: version (String), no row before the first migration of keys.
MATCH (m:Migration {name: 'sortKey'})
RETURN m.version AS version
