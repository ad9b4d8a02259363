// Deletes the periods of one label in which a network worked in a key area (AREA_OF
// relationships, with their citations) and, when one was deleted, records the removal: a
// Removal node with $removal's properties, the key area's name and the network's name as the
// target's name. The key area records who changed it and when.
// Parameters: $keyArea, $network (String: keys), $label (String), $removal (Map: key, what,
// removedId, label, targetId, citeSources, citeQuotes, citeProperties, removedBy, removedAt,
// origin).
// Returns: n (the KeyArea), deleted (how many periods were deleted); no row when either node
// is missing.
MATCH (k:KeyArea {key: $keyArea})
MATCH (net:Network {key: $network})
OPTIONAL MATCH (k)-[r:AREA_OF]->(net)
  WHERE r.label = $label
WITH k, net, collect(r) AS rs
FOREACH (r IN rs | DELETE r)
FOREACH (x IN CASE WHEN size(rs) > 0 THEN [1] ELSE [] END |
  CREATE (m:Removal)
  SET m = $removal, m.name = k.name, m.targetName = net.name
)
SET k.editedBy = $removal.removedBy, k.editedAt = $removal.removedAt
RETURN k AS n, size(rs) AS deleted
