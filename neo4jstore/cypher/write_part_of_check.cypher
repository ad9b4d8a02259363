// Whether making the event $event part of the programme of the event $target would make an
// event part of itself: $target is $event or already (transitively) part of it.
// Parameters: $event, $target (String: Event keys).
// Returns: cycle (Boolean).
RETURN $event = $target OR EXISTS {
  MATCH (:Event {key: $target})-[:PART_OF*1..]->(:Event {key: $event})
} AS cycle
