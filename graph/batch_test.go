package graph_test

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/99designs/gqlgen/graphql"

	"github.com/aspgraph/aspgraph/graph"
)

// squares answers each key with its square and counts its calls and keys.
type squares struct {
	calls, keys atomic.Int64
	err         error
}

func (s *squares) fetch(_ context.Context, keys []int) ([]int, []error) {
	s.calls.Add(1)
	s.keys.Add(int64(len(keys)))
	if s.err != nil {
		return nil, []error{s.err}
	}
	out := make([]int, len(keys))
	for i, k := range keys {
		out[i] = k * k
	}
	return out, nil
}

func TestBatcher(t *testing.T) {
	ctx := context.Background()
	t.Run("OneFetchForALevel", func(t *testing.T) {
		// As gqlgen resolves a level: one goroutine per element, each asking for its key.
		s := &squares{}
		b := graph.NewBatcher(s.fetch)
		const n = 500
		var wg sync.WaitGroup
		errs := make(chan error, n)
		for i := range n {
			wg.Add(1)
			go func() {
				defer wg.Done()
				v, err := b.Load(ctx, i%250)
				if err != nil || v != (i%250)*(i%250) {
					errs <- fmt.Errorf("key %d: %d, %v", i%250, v, err)
				}
			}()
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			t.Error(err)
		}
		if s.calls.Load() != 1 || s.keys.Load() != 250 {
			t.Errorf("%d fetches of %d keys, want 1 of 250", s.calls.Load(), s.keys.Load())
		}
	})
	t.Run("CachedAndPrimed", func(t *testing.T) {
		s := &squares{}
		b := graph.NewBatcher(s.fetch)
		b.Prime(3, 100)
		if v, err := b.Load(ctx, 3); v != 100 || err != nil {
			t.Errorf("primed key: %d, %v", v, err)
		}
		if v, _ := b.Load(ctx, 4); v != 16 {
			t.Errorf("key 4: %d", v)
		}
		if v, _ := b.Load(ctx, 4); v != 16 {
			t.Errorf("key 4 again: %d", v)
		}
		b.Prime(4, 0) // a key already fetched keeps its value
		if v, _ := b.Load(ctx, 4); v != 16 || s.calls.Load() != 1 {
			t.Errorf("key 4 after Prime: %d, %d fetches, want 16 and 1", v, s.calls.Load())
		}
	})
	t.Run("ErrorForEveryKey", func(t *testing.T) {
		s := &squares{err: errors.New("unavailable")}
		b := graph.NewBatcher(s.fetch)
		var wg sync.WaitGroup
		var failed atomic.Int64
		for i := range 10 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				if _, err := b.Load(ctx, i); errors.Is(err, s.err) {
					failed.Add(1)
				}
			}()
		}
		wg.Wait()
		if failed.Load() != 10 {
			t.Errorf("%d of 10 loads failed, want all", failed.Load())
		}
	})
}

// TestSingle: a field is single (its batch fetched at once) when neither it nor any field
// above it is a list element.
func TestSingle(t *testing.T) {
	// WithFieldContext makes the field in ctx the new one's parent, as gqlgen nests them.
	i := 0
	root := graphql.WithFieldContext(context.Background(), &graphql.FieldContext{Object: "Mutation"})
	school := graphql.WithFieldContext(root, &graphql.FieldContext{Object: "School"})
	element := graphql.WithFieldContext(school, &graphql.FieldContext{Index: &i})
	below := graphql.WithFieldContext(element, &graphql.FieldContext{Object: "Membership"})
	for _, tc := range []struct {
		name string
		ctx  context.Context
		want bool
	}{
		{"outside a resolver", context.Background(), false},
		{"root field", root, true},
		{"field of a root field's object", school, true},
		{"list element", element, false},
		{"field below a list element", below, false},
	} {
		if got := graph.Single(tc.ctx); got != tc.want {
			t.Errorf("%s: single = %v, want %v", tc.name, got, tc.want)
		}
	}
}
