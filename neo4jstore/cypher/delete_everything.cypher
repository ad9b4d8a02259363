// Deletes every node and relationship of the database, in batches. For tests only.
// Parameters: none. Returns nothing.
MATCH (n)
CALL { WITH n DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS
