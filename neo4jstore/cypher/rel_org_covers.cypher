// Organization.covers: the countries an organisation serves.
// Parameters: $keys, the keys of the Organization entities. Returns: parent (the Organization's key) and n
// (a related node), one row per related node, in the field's order.
UNWIND $keys AS parent
MATCH (:Organization {key: parent})-[:COVERS]->(n:Country)
WITH DISTINCT parent, n
RETURN parent, n
ORDER BY n.sortKey, n.key
