// Lists ordered by name read sortKey, the collation key of the name (of the title, for
// sources; see package collation), through these indexes: schools by name from the cursor,
// events by date then name. The keys themselves are made in Go, which can collate, after these
// statements (migrateSortKeys in sortkeys.go): for nodes without one, and all again when the
// rules change (a key that does not start with the rules' collation.Prefix).
CREATE INDEX school_sort_key IF NOT EXISTS FOR (n:School) ON (n.sortKey);
CREATE INDEX event_date_sort_key IF NOT EXISTS FOR (n:Event) ON (n.date, n.sortKey);
DROP INDEX school_name IF EXISTS;
DROP INDEX event_date IF EXISTS;
// Full-text index for Query.search, over every kind of entity the API serves (GrowthFigure
// and Claim are not among them): names (the display name and every name in names, a list of
// strings, whose every element is indexed), titles, texts, descriptions, and the quotes of the
// entity's own citations (citeQuotes). Quotes held on relationships, such as a membership's,
// are not indexed: search returns nodes. It replaces aspgraph_search, which lacked names.
CREATE FULLTEXT INDEX aspgraph_fulltext IF NOT EXISTS
FOR (n:Source|Country|City|Network|Note|KeyArea|Organization|School|Occasion|Appeal|Event)
ON EACH [n.name, n.names, n.title, n.text, n.originalName, n.abbreviation, n.objective, n.kind,
  n.description, n.purpose, n.citeQuotes];
DROP INDEX aspgraph_search IF EXISTS
