// Network.parent: the network a network is part of.
// Parameters: $keys, the keys of the Network entities. Returns: parent (the Network's key) and n
// (a related node), one row per related node, in the field's order.
UNWIND $keys AS parent
MATCH (:Network {key: parent})-[:PART_OF]->(n:Network)
WITH DISTINCT parent, n
RETURN parent, n
ORDER BY n.sortKey, n.key
