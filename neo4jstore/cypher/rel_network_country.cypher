// Network.country: the country of a national network.
// Parameters: $keys, the keys of the Network entities. Returns: parent (the Network's key) and n
// (a related node), one row per related node, in the field's order.
UNWIND $keys AS parent
MATCH (:Network {key: parent})-[:IN_COUNTRY]->(n:Country)
WITH DISTINCT parent, n
RETURN parent, n
ORDER BY n.sortKey, n.key
