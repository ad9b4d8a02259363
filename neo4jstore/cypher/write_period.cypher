// Records that a network worked in a key area over a period, as loaded periods are held: an
// AREA_OF relationship keyed keyArea|AREA_OF|network|label, with label, from and to and the
// write's citation. When the network has a period of that label in the area, its from and to
// change and the citation is appended instead.
// Parameters: $keyArea, $network (String: keys), $relKey (String), $set (Map: label and, when
// given, from, fromFrom, fromTo, to, toFrom, toTo), $cite (Map: origin, citeSources,
// citeQuotes, citeProperties, editedBy, editedAt).
// Returns: n, the KeyArea; no row when either node is missing.
MATCH (k:KeyArea {key: $keyArea})
MATCH (net:Network {key: $network})
MERGE (k)-[r:AREA_OF {key: $relKey}]->(net)
  ON CREATE SET r = $cite, r += $set, r.key = $relKey
  ON MATCH SET r += $set,
    r.citeSources = coalesce(r.citeSources, []) + $cite.citeSources,
    r.citeQuotes = coalesce(r.citeQuotes, []) + $cite.citeQuotes,
    r.citeProperties = coalesce(r.citeProperties, []) + $cite.citeProperties,
    r.editedBy = $cite.editedBy,
    r.editedAt = $cite.editedAt
RETURN k AS n
