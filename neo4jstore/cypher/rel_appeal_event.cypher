// Appeal.event: the event at which an appeal was made.
// Parameters: $keys, the keys of the Appeal entities. Returns: parent (the Appeal's key) and n
// (a related node), one row per related node, in the field's order.
UNWIND $keys AS parent
MATCH (:Appeal {key: parent})-[:MADE_AT]->(n:Event)
WITH DISTINCT parent, n
RETURN parent, n
ORDER BY n.date, n.sortKey, n.key
