// Event.keyAreas: the key areas of an event.
// Parameters: $keys, the keys of the Event entities. Returns: parent (the Event's key) and n
// (a related node), one row per related node, in the field's order.
UNWIND $keys AS parent
MATCH (:Event {key: parent})-[:IN_KEY_AREA]->(n:KeyArea)
WITH DISTINCT parent, n
RETURN parent, n
ORDER BY n.sortKey, n.key
