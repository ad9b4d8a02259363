// The Source of a URL that a write cites: a Source the graph already has with that URL (the
// first by key), or else the one with key $key, made for the URL when missing (its title is
// the URL).
// Parameters: $url (String), $sortKey (String: the URL's collation key), $key (String), $by
// (String), $at (DateTime).
// Returns: key, the Source's key.
OPTIONAL MATCH (known:Source {url: $url})
WITH known ORDER BY known.key LIMIT 1
MERGE (s:Source {key: coalesce(known.key, $key)})
  ON CREATE SET s.url = $url, s.title = $url, s.sortKey = $sortKey, s.origin = 'api', s.editedBy = $by, s.editedAt = $at
RETURN s.key AS key
