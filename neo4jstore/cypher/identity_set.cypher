// Gives nodes of one label the identities the migration made (see identity.go), each unless
// another node of the label has it. Slot: {{label}}.
// Parameters: $rows (list of {key: String, identity: String}). Returns nothing.
UNWIND $rows AS row
MATCH (n:{{label}} {key: row.key})
WHERE NOT EXISTS { MATCH (:{{label}} {identity: row.identity}) }
SET n.identity = row.identity
