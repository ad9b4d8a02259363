// Note.about: the entities a note is about, in the order the note lists them.
// Parameters: $keys, the keys of the Note entities. Returns: parent (the Note's key) and n
// (a node of any kind), one row per entity.
UNWIND $keys AS parent
MATCH (:Note {key: parent})-[r:ABOUT]->(n)
RETURN parent, n
ORDER BY r.order, n.key
