// Creates a school unless one with the same identity exists: the name lowercased and trimmed,
// '|', and the city's key ('' for none), unique by the constraint school_identity, so that
// concurrent creates of one school make one node. An existing school is left as it is.
// Parameters: $newKey (String, the key of a new school), $name (String), $city (String or null),
// $cite (Map: origin, citeSources, citeQuotes, citeProperties, editedBy, editedAt).
// Returns: s (the School), created (Boolean).
MERGE (s:School {identity: toLower(trim($name)) + '|' + coalesce($city, '')})
  ON CREATE SET s = $cite, s.key = $newKey, s.name = $name,
    s.identity = toLower(trim($name)) + '|' + coalesce($city, '')
RETURN s, s.key = $newKey AS created
