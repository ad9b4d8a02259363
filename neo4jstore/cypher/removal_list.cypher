// One page of the removal records, newest first (their keys begin with the time), and how
// many there are in all (from the count store).
// Parameters: $before (String: the key of the last record of the previous page, "~" for the
// first page), $limit (Int).
// Returns: one row: page (list of Removal nodes, at most $limit), total (Int).
OPTIONAL MATCH (r:Removal)
WHERE r.key < $before
WITH r ORDER BY r.key DESC LIMIT $limit
RETURN collect(r) AS page, COUNT { (:Removal) } AS total
