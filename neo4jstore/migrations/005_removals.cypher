// Removal records (what a deletion or an unlinking removed, with its source, editor and time)
// are keyed by their time and a random suffix; the key's index serves their list, newest first.
CREATE CONSTRAINT removal_key IF NOT EXISTS FOR (n:Removal) REQUIRE n.key IS UNIQUE
