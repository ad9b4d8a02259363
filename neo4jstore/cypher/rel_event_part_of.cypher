// Event.partOf: the event whose programme an event is part of.
// Parameters: $keys, the keys of the Event entities. Returns: parent (the Event's key) and n
// (a related node), one row per related node, in the field's order.
UNWIND $keys AS parent
MATCH (:Event {key: parent})-[:PART_OF]->(n:Event)
WITH DISTINCT parent, n
RETURN parent, n
ORDER BY n.date, n.sortKey, n.key
