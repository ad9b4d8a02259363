// Loads the dataset's nodes of one label. Slot: {{label}}.
// Parameters: $rows, a list of {key: String, props: Map, identity: String or null,
// fillIdentity: Boolean}; props replace every property of a node whose loadHash differs from
// props.loadHash (or that is new). A node whose entry the dataset has not changed since the
// last load keeps what the API changed on it.
// A rewritten node gets the row's identity unless another node of the label has it (one the
// API made before loaded nodes had identities), so that the load does not fail on the label's
// identity constraint; with fillIdentity (events, organisations and key areas), a node that
// has no identity gets it too, on the same condition.
// Returns nothing.
UNWIND $rows AS row
MERGE (n:{{label}} {key: row.key})
WITH n, row
CALL (n, row) {
  WITH n, row
  WHERE n.loadHash IS NULL OR n.loadHash <> row.props.loadHash
  SET n = row.props
  WITH n, row
  WHERE row.identity IS NOT NULL AND NOT EXISTS { MATCH (o:{{label}} {identity: row.identity}) WHERE o.key <> n.key }
  SET n.identity = row.identity
}
CALL (n, row) {
  WITH n, row
  WHERE row.fillIdentity AND row.identity IS NOT NULL AND n.identity IS NULL
    AND NOT EXISTS { MATCH (o:{{label}} {identity: row.identity}) WHERE o.key <> n.key }
  SET n.identity = row.identity
}
