package graph

import (
	"strings"
	"testing"

	"github.com/99designs/gqlgen/graphql/handler/lru"
)

// TestCachesKeepOnlySmallDocuments: a document over maxCachedDocument is not kept (the caches
// count entries, so large ones would hold memory without bound), a small one is.
func TestCachesKeepOnlySmallDocuments(t *testing.T) {
	c := smallOnly[string]{lru.New[string](10), func(_, doc string) int { return len(doc) }}
	small, large := "{ keyAreas { name } }", "{ keyAreas { name } }"+strings.Repeat(" ", maxCachedDocument)
	c.Add(t.Context(), "small", small)
	c.Add(t.Context(), "large", large)
	if got, ok := c.Get(t.Context(), "small"); !ok || got != small {
		t.Errorf("the small document was not kept: %q, %v", got, ok)
	}
	if _, ok := c.Get(t.Context(), "large"); ok {
		t.Errorf("a document of %d bytes was kept", len(large))
	}
}
