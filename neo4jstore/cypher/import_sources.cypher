// The Sources of the URLs an import cites, as the API finds or makes them: a Source the
// graph already has with that URL (the first by key), or else the one with the given key,
// made when missing (its title is the URL).
// Parameters: $rows (list of {url: String, key: String, sortKey: String (the URL's collation key)}), $meta (Map: origin, editedBy,
// editedAt).
// Returns: url, key (the Source's), one row per URL.
UNWIND $rows AS row
CALL (row) {
  OPTIONAL MATCH (known:Source {url: row.url})
  WITH known ORDER BY known.key LIMIT 1
  RETURN known.key AS knownKey
}
MERGE (s:Source {key: coalesce(knownKey, row.key)})
  ON CREATE SET s += $meta, s.url = row.url, s.title = row.url, s.sortKey = row.sortKey
RETURN row.url AS url, s.key AS key
