// Query.search: full-text search of the index aspgraph_fulltext (migrations/007_collation.cypher): names
// (every name an entity bears), titles, texts and quotes.
// Parameters: $query (a Lucene query the store built from the user's text, every special
// character escaped), $limit (Int).
// Returns: hit (an entity node), score (Float), best match first, equal scores by key.
CALL db.index.fulltext.queryNodes('aspgraph_fulltext', $query) YIELD node, score
RETURN node AS hit, score
ORDER BY score DESC, node.key
LIMIT $limit
