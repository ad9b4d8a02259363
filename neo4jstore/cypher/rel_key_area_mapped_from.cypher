// KeyArea.mappedFrom: the earlier areas whose work an area continues.
// Parameters: $keys, the keys of the KeyArea entities. Returns: parent (the KeyArea's key) and n
// (a related node), one row per related node, in the field's order.
UNWIND $keys AS parent
MATCH (n:KeyArea)-[:MAPS_TO]->(:KeyArea {key: parent})
WITH DISTINCT parent, n
RETURN parent, n
ORDER BY n.sortKey, n.key
