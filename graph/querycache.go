package graph

import (
	"context"

	"github.com/99designs/gqlgen/graphql"
)

// maxCachedDocument is the size of the largest document the parsed-query and persisted-query
// caches keep. The caches count entries, not bytes (gqlgen's lru), so without it 1,000 entries
// of documents near the body limit could hold a gigabyte; with it they hold at most 16 MiB.
// Dashboards' and the explorer's documents are a few KiB; a larger one is parsed again on each
// request, in time linear in its size.
const maxCachedDocument = 16 << 10

// smallOnly is a cache that keeps only entries whose document (weigh) is at most
// maxCachedDocument bytes.
type smallOnly[T any] struct {
	graphql.Cache[T]
	weigh func(key string, value T) int
}

// Add adds the entry when its document is small enough.
func (c smallOnly[T]) Add(ctx context.Context, key string, value T) {
	if c.weigh(key, value) <= maxCachedDocument {
		c.Cache.Add(ctx, key, value)
	}
}
