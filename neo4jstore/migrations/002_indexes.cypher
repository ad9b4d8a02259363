// Indexes for the orders and filters of the API's lists. The lists ordered by name read the
// indexes on sortKey that 007_collation.cypher makes (it drops the earlier ones on name).
CREATE INDEX event_date_from IF NOT EXISTS FOR (n:Event) ON (n.dateFrom);
CREATE INDEX member_of_since IF NOT EXISTS FOR ()-[r:MEMBER_OF]-() ON (r.since)
