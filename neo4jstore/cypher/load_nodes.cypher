// Loads the dataset's nodes of one label. Slot: {{label}}.
// Parameters: $rows, a list of {key: String, props: Map}; props replace every property.
// Returns nothing.
UNWIND $rows AS row
MERGE (n:{{label}} {key: row.key})
SET n = row.props
