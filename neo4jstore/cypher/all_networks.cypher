// Every network, the global one first, then by name.
// Parameters: none. Returns: n, one row per Network.
MATCH (n:Network)
RETURN n
ORDER BY n.scope <> 'GLOBAL', n.sortKey, n.key
