// Country.networks: the national networks of a country.
// Parameters: $keys, the keys of the Country entities. Returns: parent (the Country's key) and n
// (a related node), one row per related node, in the field's order.
UNWIND $keys AS parent
MATCH (n:Network)-[:IN_COUNTRY]->(:Country {key: parent})
WITH DISTINCT parent, n
RETURN parent, n
ORDER BY n.sortKey, n.key
