// Organization.partOf: the organisation an organisation belongs to.
// Parameters: $keys, the keys of the Organization entities. Returns: parent (the Organization's key) and n
// (a related node), one row per related node, in the field's order.
UNWIND $keys AS parent
MATCH (:Organization {key: parent})-[:PART_OF]->(n:Organization)
WITH DISTINCT parent, n
RETURN parent, n
ORDER BY n.sortKey, n.key
