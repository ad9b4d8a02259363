// Checks what a write refers to, before it changes anything.
// Parameters: $school (String or null), $network (String or null), $keyAreas (list of String),
// $source (String or null): keys of a School, a Network, KeyAreas and a Source.
// Returns: school, network, source (Boolean: null given or it exists) and missingKeyAreas
// (the keys of $keyAreas that no KeyArea has).
RETURN
  $school IS NULL OR EXISTS { MATCH (:School {key: $school}) } AS school,
  $network IS NULL OR EXISTS { MATCH (:Network {key: $network}) } AS network,
  $source IS NULL OR EXISTS { MATCH (:Source {key: $source}) } AS source,
  [k IN $keyAreas WHERE NOT EXISTS { MATCH (:KeyArea {key: k}) }] AS missingKeyAreas
