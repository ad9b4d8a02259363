// School.keyAreas: the key areas a school works in.
// Parameters: $keys, the keys of the School entities. Returns: parent (the School's key) and n
// (a related node), one row per related node, in the field's order.
UNWIND $keys AS parent
MATCH (:School {key: parent})-[:WORKS_IN]->(n:KeyArea)
WITH DISTINCT parent, n
RETURN parent, n
ORDER BY n.sortKey, n.key
