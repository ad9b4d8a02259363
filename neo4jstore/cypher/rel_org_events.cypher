// Organization.events: the events an organisation held, oldest first.
// Parameters: $keys, the keys of the Organization entities. Returns: parent (the Organization's key) and n
// (a related node), one row per related node, in the field's order.
UNWIND $keys AS parent
MATCH (n:Event)-[:ORGANIZED_BY]->(:Organization {key: parent})
WITH DISTINCT parent, n
RETURN parent, n
ORDER BY n.date, n.sortKey, n.key
