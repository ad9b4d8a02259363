// KeyArea.periods: when networks worked in a key area, earliest first.
// Parameters: $keys, KeyArea keys. Returns: parent (the KeyArea's key), r (the AREA_OF
// relationship), network (the Network's key).
UNWIND $keys AS parent
MATCH (:KeyArea {key: parent})-[r:AREA_OF]->(net:Network)
RETURN parent, r, net.key AS network
ORDER BY r.from, r.label, net.key
