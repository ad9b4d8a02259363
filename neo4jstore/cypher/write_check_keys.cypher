// Checks that the entities a write refers to exist, before it changes anything.
// Parameters: one list of keys per label: $School, $Network, $City, $Country, $Organization,
// $Occasion, $KeyArea, $Event, $Source (each a list of String, possibly empty).
// Returns: one column per label, named as the parameter: the keys of its list that no node
// of that label has.
CALL {
  UNWIND $School AS k
  OPTIONAL MATCH (n:School {key: k})
  WITH k, n WHERE n IS NULL
  RETURN collect(k) AS School
}
CALL {
  UNWIND $Network AS k
  OPTIONAL MATCH (n:Network {key: k})
  WITH k, n WHERE n IS NULL
  RETURN collect(k) AS Network
}
CALL {
  UNWIND $City AS k
  OPTIONAL MATCH (n:City {key: k})
  WITH k, n WHERE n IS NULL
  RETURN collect(k) AS City
}
CALL {
  UNWIND $Country AS k
  OPTIONAL MATCH (n:Country {key: k})
  WITH k, n WHERE n IS NULL
  RETURN collect(k) AS Country
}
CALL {
  UNWIND $Organization AS k
  OPTIONAL MATCH (n:Organization {key: k})
  WITH k, n WHERE n IS NULL
  RETURN collect(k) AS Organization
}
CALL {
  UNWIND $Occasion AS k
  OPTIONAL MATCH (n:Occasion {key: k})
  WITH k, n WHERE n IS NULL
  RETURN collect(k) AS Occasion
}
CALL {
  UNWIND $KeyArea AS k
  OPTIONAL MATCH (n:KeyArea {key: k})
  WITH k, n WHERE n IS NULL
  RETURN collect(k) AS KeyArea
}
CALL {
  UNWIND $Event AS k
  OPTIONAL MATCH (n:Event {key: k})
  WITH k, n WHERE n IS NULL
  RETURN collect(k) AS Event
}
CALL {
  UNWIND $Source AS k
  OPTIONAL MATCH (n:Source {key: k})
  WITH k, n WHERE n IS NULL
  RETURN collect(k) AS Source
}
RETURN School, Network, City, Country, Organization, Occasion, KeyArea, Event, Source
