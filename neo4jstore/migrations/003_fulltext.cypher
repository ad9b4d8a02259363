// The full-text index of Query.search is made by 007_collation.cypher (aspgraph_fulltext),
// which also indexes every name an entity bears; the earlier aspgraph_search is dropped there.
