// Every source, by title.
// Parameters: none. Returns: n, one row per Source.
MATCH (n:Source)
RETURN n
ORDER BY n.sortKey, n.key
