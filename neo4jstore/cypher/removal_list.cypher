// One page of the removal records, newest first (their keys begin with the time), and how
// many there are in all (from the count store).
// Parameters: $lt, $gt (String or null: the page's records have keys below $lt and above $gt:
// after a cursor, newest first, is below it), $limit (Int: one more than the page).
// ?asc reads from the oldest end (a `last` page) instead of the newest.
// Returns: one row: page (list of Removal nodes, at most $limit, in the order read), total (Int).
OPTIONAL MATCH (r:Removal)
WHERE r.key < coalesce($lt, '~') AND r.key > coalesce($gt, '')
WITH r ORDER BY
  r.key, // ?asc
  r.key DESC
LIMIT $limit
RETURN collect(r) AS page, COUNT { (:Removal) } AS total
