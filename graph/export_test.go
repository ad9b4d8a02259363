package graph

import "context"

// Batcher is the batcher's interface, for the tests of package graph_test.
type Batcher[K comparable, V any] interface {
	Load(ctx context.Context, key K) (V, error)
	Prime(key K, v V)
}

// NewBatcher makes a batcher over fetch, for the tests.
func NewBatcher[K comparable, V any](fetch func(ctx context.Context, keys []K) ([]V, []error)) Batcher[K, V] {
	return newBatcher(fetch)
}

// Single is single, for the tests.
var Single = single
