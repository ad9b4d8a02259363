// Loads the dataset's nodes of one label. Slot: {{label}}.
// Parameters: $rows, a list of {key: String, props: Map, identityDated: Boolean or absent};
// props replace every property of a node whose loadHash differs from props.loadHash (or that
// is new). A node whose entry the dataset has not changed since the last load keeps what the
// API changed on it.
// A school's props carry identityCity (its city's key, '' for none), which is not stored: the
// school gets its identity of it, as createSchool and the import make it (the name lowercased
// and trimmed, '|', the city key), unless another school already has that identity (one the
// API made before loaded schools had identities), so that the load does not fail on
// school_identity. A row with identityDated (events: true; organisations and key areas: false)
// gives a node without identity one as the API's creates make it: the name lowercased and
// trimmed, and for an event '|' and its date, unless another node of the label has it.
// Returns nothing.
UNWIND $rows AS row
MERGE (n:{{label}} {key: row.key})
WITH n, row
CALL (n, row) {
  WITH n, row
  WHERE n.loadHash IS NULL OR n.loadHash <> row.props.loadHash
  SET n = row.props
  WITH n, CASE WHEN n.identityCity IS NOT NULL THEN toLower(trim(n.name)) + '|' + n.identityCity END AS identity
  SET n.identity = CASE
      WHEN identity IS NOT NULL AND NOT EXISTS { MATCH (o:School {identity: identity}) WHERE o.key <> n.key }
      THEN identity
    END
  REMOVE n.identityCity
}
CALL (n, row) {
  WITH n, row, toLower(trim(n.name)) + CASE WHEN row.identityDated THEN '|' + n.date ELSE '' END AS identity
  WHERE row.identityDated IS NOT NULL AND n.identity IS NULL
    AND NOT EXISTS { MATCH (o:{{label}} {identity: identity}) WHERE o.key <> n.key }
  SET n.identity = identity
}
