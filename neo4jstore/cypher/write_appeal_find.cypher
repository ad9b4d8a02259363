// Finds an appeal before it is deleted, and the event it was made at.
// Parameters: $key (String: the Appeal's key).
// Returns: event (the Event's key, or null when the appeal has none); no row when the appeal
// is missing.
MATCH (a:Appeal {key: $key})
OPTIONAL MATCH (a)-[:MADE_AT]->(e:Event)
RETURN e.key AS event
LIMIT 1
