// Event.activities: the parts of an event's programme, in programme order.
// Parameters: $keys, the keys of the Event entities. Returns: parent (the Event's key) and n
// (a related node), one row per related node, in the field's order.
UNWIND $keys AS parent
MATCH (n:Event)-[:PART_OF]->(:Event {key: parent})
WITH DISTINCT parent, n
RETURN parent, n
ORDER BY n.order, n.date, n.sortKey, n.key
