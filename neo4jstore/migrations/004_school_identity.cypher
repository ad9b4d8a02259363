// The identity of a school written through the API: its name lowercased and trimmed, '|', and
// its city's key. Unique, so that concurrent creates of one school make one node (the API's
// create merges on it). Schools loaded from data/ have none (absent values never collide).
CREATE CONSTRAINT school_identity IF NOT EXISTS FOR (n:School) REQUIRE n.identity IS UNIQUE;
// Writes that cite a URL look for a Source with that URL first.
CREATE INDEX source_url IF NOT EXISTS FOR (n:Source) ON (n.url)
