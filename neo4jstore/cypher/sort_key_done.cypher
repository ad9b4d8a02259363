// Records the rules every sort key of the graph was made by.
// Parameters: $version (String). Returns nothing.
MERGE (m:Migration {name: 'sortKey'})
SET m.version = $version
