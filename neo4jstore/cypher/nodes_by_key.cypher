// The nodes of one label with the given keys. Slot: {{label}}.
// Parameters: $keys (list of String). Returns: key and n, one row per key that exists.
UNWIND $keys AS key
MATCH (n:{{label}} {key: key})
RETURN key, n
