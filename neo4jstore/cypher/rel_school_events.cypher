// School.events: events held at a school or that it took part in, oldest first.
// Parameters: $keys, the keys of the School entities. Returns: parent (the School's key) and n
// (a related node), one row per related node, in the field's order.
UNWIND $keys AS parent
MATCH (:School {key: parent})<-[:HELD_AT|PARTICIPANT]-(n:Event)
WITH DISTINCT parent, n
RETURN parent, n
ORDER BY n.date, n.name, n.key
