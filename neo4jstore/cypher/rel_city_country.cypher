// City.country: the country of a city.
// Parameters: $keys, the keys of the City entities. Returns: parent (the City's key) and n
// (a related node), one row per related node, in the field's order.
UNWIND $keys AS parent
MATCH (:City {key: parent})-[:IN_COUNTRY]->(n:Country)
WITH DISTINCT parent, n
RETURN parent, n
ORDER BY n.sortKey, n.key
