// Occasion.events: the events held for an occasion, oldest first.
// Parameters: $keys, the keys of the Occasion entities. Returns: parent (the Occasion's key) and n
// (a related node), one row per related node, in the field's order.
UNWIND $keys AS parent
MATCH (n:Event)-[:MARKS]->(:Occasion {key: parent})
WITH DISTINCT parent, n
RETURN parent, n
ORDER BY n.date, n.sortKey, n.key
