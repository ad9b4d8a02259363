// Every country, by name.
// Parameters: none. Returns: n, one row per Country.
MATCH (n:Country)
RETURN n
ORDER BY n.sortKey, n.key
