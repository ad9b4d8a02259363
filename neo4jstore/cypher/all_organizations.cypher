// Every organisation, by name.
// Parameters: none. Returns: n, one row per Organization.
MATCH (n:Organization)
RETURN n
ORDER BY n.sortKey, n.key
