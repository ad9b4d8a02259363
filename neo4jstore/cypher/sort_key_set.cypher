// Sets the sort keys the migration made. Slot: {{label}}.
// Parameters: $rows (list of {key: String, sortKey: String}). Returns nothing.
UNWIND $rows AS row
MATCH (n:{{label}} {key: row.key})
SET n.sortKey = row.sortKey
