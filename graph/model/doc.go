// Package model holds the GraphQL types gqlgen generates from the schema (graph/*.graphqls)
// that are not bound to the domain's types.
package model
