// Event.appeals: the appeals made at an event.
// Parameters: $keys, the keys of the Event entities. Returns: parent (the Event's key) and n
// (a related node), one row per related node, in the field's order.
UNWIND $keys AS parent
MATCH (n:Appeal)-[:MADE_AT]->(:Event {key: parent})
WITH DISTINCT parent, n
RETURN parent, n
ORDER BY n.key
