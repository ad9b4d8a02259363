// The keys of one label that no node has, so that an import can report every reference to
// nothing before it writes anything. Slot: {{label}}. Parameters: $keys (list of String).
// Returns: key, one row per key that no node of the label has.
UNWIND $keys AS k
OPTIONAL MATCH (n:{{label}} {key: k})
WITH k, n
WHERE n IS NULL
RETURN k AS key
