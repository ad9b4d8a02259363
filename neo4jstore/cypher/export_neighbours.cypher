// The nodes one hop away, in either direction, from the nodes of one label with the given
// keys, for the export of a neighbourhood. Slot: {{label}}. Parameters: $keys (list of String).
// Returns: labels, key of each neighbour, once each.
UNWIND $keys AS k
MATCH (:{{label}} {key: k})--(b)
RETURN DISTINCT labels(b) AS labels, b.key AS key
