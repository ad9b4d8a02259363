// Package aspnet holds the domain of aspgraph: the entities of the ASPnet knowledge graph,
// dates with precision, opaque IDs, keyset cursors and the application's error codes. It
// imports only the standard library.
package aspnet
