// Removes what an earlier load of the dataset wrote and the dataset no longer holds, leaving
// everything written through the API (origin other than "dataset") alone.
// Parameters: $nodeKeys (list of String), $relKeys (list of String). Returns nothing.
CALL {
  MATCH ()-[r {origin: 'dataset'}]->()
  WHERE NOT r.key IN $relKeys
  DELETE r
}
CALL {
  MATCH (n)
  WHERE n.origin = 'dataset' AND NOT n.key IN $nodeKeys
  DETACH DELETE n
}
