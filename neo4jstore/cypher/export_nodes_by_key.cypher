// The nodes of one label with the given keys, for the export of a neighbourhood.
// Slot: {{label}}. Parameters: $keys (list of String).
// Returns: key, props (every property), one row per node found.
UNWIND $keys AS k
MATCH (n:{{label}} {key: k})
RETURN n.key AS key, properties(n) AS props
