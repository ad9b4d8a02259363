// Loads the dataset's relationships of one type between two labels.
// Slots: {{from}}, {{type}}, {{to}}.
// Parameters: $rows, a list of {key: String, from: String, to: String, props: Map}; from and to
// are node keys; props replace every property of the relationship. Returns nothing.
UNWIND $rows AS row
MATCH (a:{{from}} {key: row.from})
MATCH (b:{{to}} {key: row.to})
MERGE (a)-[r:{{type}} {key: row.key}]->(b)
SET r = row.props
