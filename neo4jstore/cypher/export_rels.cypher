// The relationships that start at the nodes of one label with the given keys, for the export.
// Slot: {{label}}. Parameters: $keys (list of String).
// Returns: from (the start node's key), type, toLabels, to (the end node's key), props (every
// property of the relationship).
UNWIND $keys AS k
MATCH (a:{{label}} {key: k})-[r]->(b)
RETURN k AS from, type(r) AS type, labels(b) AS toLabels, b.key AS to, properties(r) AS props
