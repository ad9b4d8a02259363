// Changes properties of a node of one label, appends one citation per changed property
// ($props, each citation the write's one) and records who changed it and when. The caller
// gives the node the identity its change made it (write_identity). Slot: {{label}}.
// Parameters: $key (String), $set (Map: the properties to set; a null value removes one),
// $props (list of String: the changed properties, as the API names them), $cite (Map: citeSources, citeQuotes of one citation each, editedBy, editedAt).
// Returns: n, the node; no row when there is none with that key.
MATCH (n:{{label}} {key: $key})
SET n += $set,
    n.citeSources = coalesce(n.citeSources, []) + [p IN $props | $cite.citeSources[0]],
    n.citeQuotes = coalesce(n.citeQuotes, []) + [p IN $props | $cite.citeQuotes[0]],
    n.citeProperties = coalesce(n.citeProperties, []) + $props,
    n.editedBy = $cite.editedBy,
    n.editedAt = $cite.editedAt
RETURN n
