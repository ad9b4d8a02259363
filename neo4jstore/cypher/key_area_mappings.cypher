// KeyArea.mappings: the MAPS_TO relationships from each key area, with what they rest on, by
// the name of the area mapped to.
// Parameters: $keys, KeyArea keys. Returns: parent (the KeyArea's key), r (the MAPS_TO
// relationship), to (the KeyArea mapped to).
UNWIND $keys AS parent
MATCH (:KeyArea {key: parent})-[r:MAPS_TO]->(to:KeyArea)
RETURN parent, r, to
ORDER BY to.name, to.key
