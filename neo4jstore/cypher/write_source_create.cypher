// Creates a Source, unless one has its URL already: then that one is returned unchanged.
// Parameters: $key (String: the new Source's key), $url (String or null), $fields (Map: title,
// url, publisher, published, publishedFrom, publishedTo, note, those given), $by (String),
// $at (DateTime).
// Returns: s (the Source), created (Boolean).
OPTIONAL MATCH (known:Source {url: $url})
WITH known ORDER BY known.key LIMIT 1
MERGE (s:Source {key: coalesce(known.key, $key)})
  ON CREATE SET s = $fields, s.key = $key, s.origin = 'api', s.editedBy = $by, s.editedAt = $at
// A concurrent create of the same URL merges onto the Source the first made: created is
// false then, told by its editedAt (this write's time, to the nanosecond).
RETURN s, known IS NULL AND s.editedAt = $at AND s.editedBy = $by AS created
