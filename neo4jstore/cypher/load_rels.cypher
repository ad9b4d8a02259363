// Loads the dataset's relationships of one type between two labels.
// Slots: {{from}}, {{type}}, {{to}}.
// Parameters: $rows, a list of {key: String, from: String, to: String, props: Map}; from and to
// are node keys; props replace every property of a relationship whose loadHash differs from
// props.loadHash (or that is new). Returns nothing.
UNWIND $rows AS row
MATCH (a:{{from}} {key: row.from})
MATCH (b:{{to}} {key: row.to})
MERGE (a)-[r:{{type}} {key: row.key}]->(b)
WITH r, row
WHERE r.loadHash IS NULL OR r.loadHash <> row.props.loadHash
SET r = row.props
