// Package aspnet is aspgraph's domain, on the standard library alone: the entities of the
// ASPnet knowledge graph, dates with precision, IDs and identities, keyset cursors, the bulk
// graph that loads, imports and exports exchange, and the application's errors.
package aspnet
