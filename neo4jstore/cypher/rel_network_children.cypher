// Network.children: the networks within a network.
// Parameters: $keys, the keys of the Network entities. Returns: parent (the Network's key) and n
// (a related node), one row per related node, in the field's order.
UNWIND $keys AS parent
MATCH (n:Network)-[:PART_OF]->(:Network {key: parent})
WITH DISTINCT parent, n
RETURN parent, n
ORDER BY n.sortKey, n.key
