// Package graph is aspgraph's GraphQL layer: the schema, its resolvers, the error presenter
// and the per-request loaders. It never imports the Neo4j driver: it calls the Store.
package graph

//go:generate go tool gqlgen generate

// Resolver is the root of the resolvers and the point where their dependencies are injected.
type Resolver struct {
	Store Store
}
