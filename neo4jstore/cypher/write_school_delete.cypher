// Deletes a school and its relationships; the sources it cites stay.
// Parameters: $key (String). Returns: deleted, 1 or 0.
OPTIONAL MATCH (s:School {key: $key})
DETACH DELETE s
RETURN count(s) AS deleted
