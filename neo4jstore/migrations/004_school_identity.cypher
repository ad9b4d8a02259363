// The identity of a school: its name lowercased and trimmed, '|', and its city's key, set by the
// API's writes, the importer and the load of data/ alike. Unique, so that concurrent creates of
// one school make one node (the API's create merges on it).
CREATE CONSTRAINT school_identity IF NOT EXISTS FOR (n:School) REQUIRE n.identity IS UNIQUE;
// Writes that cite a URL look for a Source with that URL first.
CREATE INDEX source_url IF NOT EXISTS FOR (n:Source) ON (n.url)
