// Gives a node of one label the identity a write's change made it (see identity.go); a
// change that makes it the same as another node fails on the label's identity constraint
// (school_identity, event_identity, organization_identity, key_area_identity).
// Slot: {{label}}.
// Parameters: $key (String), $identity (String). Returns nothing.
MATCH (n:{{label}} {key: $key})
SET n.identity = $identity
