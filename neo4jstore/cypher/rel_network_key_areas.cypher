// Network.keyAreas: the key areas a network works in.
// Parameters: $keys, the keys of the Network entities. Returns: parent (the Network's key) and n
// (a related node), one row per related node, in the field's order.
UNWIND $keys AS parent
MATCH (n:KeyArea)-[:AREA_OF]->(:Network {key: parent})
WITH DISTINCT parent, n
RETURN parent, n
ORDER BY n.sortKey, n.key
