// Changes a membership: sets properties, appends one citation per changed property and
// records who changed it and when.
// Parameters: $school, $network, $key (String: the membership's key), $set (Map: the
// properties to set), $props (list of String: the changed properties), $cite (Map:
// citeSources, citeQuotes of one citation each, editedBy, editedAt).
// Returns: r, the membership; no row when there is none.
MATCH (:School {key: $school})-[r:MEMBER_OF {key: $key}]->(:Network {key: $network})
SET r += $set,
    r.citeSources = coalesce(r.citeSources, []) + [p IN $props | $cite.citeSources[0]],
    r.citeQuotes = coalesce(r.citeQuotes, []) + [p IN $props | $cite.citeQuotes[0]],
    r.citeProperties = coalesce(r.citeProperties, []) + $props,
    r.editedBy = $cite.editedBy,
    r.editedAt = $cite.editedAt
RETURN r
