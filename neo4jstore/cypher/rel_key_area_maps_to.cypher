// KeyArea.mapsTo: the later areas that continue an area's work.
// Parameters: $keys, the keys of the KeyArea entities. Returns: parent (the KeyArea's key) and n
// (a related node), one row per related node, in the field's order.
UNWIND $keys AS parent
MATCH (:KeyArea {key: parent})-[:MAPS_TO]->(n:KeyArea)
WITH DISTINCT parent, n
RETURN parent, n
ORDER BY n.sortKey, n.key
