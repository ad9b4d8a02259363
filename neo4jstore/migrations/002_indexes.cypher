// Indexes for the orders and filters of the API's lists.
CREATE INDEX school_name IF NOT EXISTS FOR (n:School) ON (n.name);
CREATE INDEX event_date IF NOT EXISTS FOR (n:Event) ON (n.date, n.name);
CREATE INDEX event_date_from IF NOT EXISTS FOR (n:Event) ON (n.dateFrom);
CREATE INDEX member_of_since IF NOT EXISTS FOR ()-[r:MEMBER_OF]-() ON (r.since)
