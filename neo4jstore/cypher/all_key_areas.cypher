// Every key area, by name.
// Parameters: none. Returns: n, one row per KeyArea.
MATCH (n:KeyArea)
RETURN n
ORDER BY n.sortKey, n.key
