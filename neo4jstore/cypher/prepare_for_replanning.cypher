// Samples every index again, waits for the samples (at most a minute), and empties the plan
// cache, so that the next plans use statistics of what the database holds now. For tests
// only: after a bulk load, Neo4j's planner may still see the index samples of the empty
// database. Parameters: none. Returns nothing.
CALL db.prepareForReplanning(60000)
