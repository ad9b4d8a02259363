// Changes a Source's properties unless another Source has the new URL: sets them, appends one
// citation per changed property ($props, each the write's citation) and records who changed
// it and when.
// Parameters: $key (String), $url (String or null: the new URL, when it changes), $set (Map:
// the properties to set; a null value removes one), $props (list of String), $cite (Map:
// citeSources, citeQuotes of one citation each, editedBy, editedAt).
// Returns: s (the Source, changed unless taken is set), taken (the key of another Source with
// the new URL, or null); no row when there is no Source with the key.
MATCH (s:Source {key: $key})
OPTIONAL MATCH (other:Source {url: $url})
WHERE other.key <> s.key
WITH s, min(other.key) AS taken
FOREACH (x IN CASE WHEN taken IS NULL THEN [1] ELSE [] END |
  SET s += $set,
    s.citeSources = coalesce(s.citeSources, []) + [p IN $props | $cite.citeSources[0]],
    s.citeQuotes = coalesce(s.citeQuotes, []) + [p IN $props | $cite.citeQuotes[0]],
    s.citeProperties = coalesce(s.citeProperties, []) + $props,
    s.editedBy = $cite.editedBy,
    s.editedAt = $cite.editedAt
)
RETURN s, taken
