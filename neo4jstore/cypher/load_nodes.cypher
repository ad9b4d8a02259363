// Loads the dataset's nodes of one label. Slot: {{label}}.
// Parameters: $rows, a list of {key: String, props: Map}; props replace every property of a
// node whose loadHash differs from props.loadHash (or that is new). A node whose entry the
// dataset has not changed since the last load keeps what the API changed on it.
// A school's props carry identityCity (its city's key, '' for none), which is not stored: the
// school gets its identity of it, as createSchool and the import make it (the name lowercased
// and trimmed, '|', the city key), unless another school already has that identity (one the
// API made before loaded schools had identities), so that the load does not fail on
// school_identity.
// Returns nothing.
UNWIND $rows AS row
MERGE (n:{{label}} {key: row.key})
WITH n, row
WHERE n.loadHash IS NULL OR n.loadHash <> row.props.loadHash
SET n = row.props
WITH n, CASE WHEN n.identityCity IS NOT NULL THEN toLower(trim(n.name)) + '|' + n.identityCity END AS identity
SET n.identity = CASE
    WHEN identity IS NOT NULL AND NOT EXISTS { MATCH (o:School {identity: identity}) WHERE o.key <> n.key }
    THEN identity
  END
REMOVE n.identityCity
