// Sets the sort keys the migration made. Slot: {{label}}.
// Parameters: $rows (list of {key: String, sortKey: String}), $version (String: the rules they
// were made by). Returns nothing.
UNWIND $rows AS row
MATCH (n:{{label}} {key: row.key})
SET n.sortKey = row.sortKey, n.sortKeyVersion = $version
