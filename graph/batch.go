package graph

import (
	"context"
	"fmt"
	"runtime"
	"sync"
	"time"

	"github.com/99designs/gqlgen/graphql"
)

// The batching of a level: a batch is fetched once its first key has waited batchWait and the
// resolvers that could still add keys have all had their turn, or after batchMost at the latest.
const (
	batchWait       = 2 * time.Millisecond
	batchMost       = 25 * time.Millisecond
	batchQuietTurns = 3
	batchTurnSleep  = 100 * time.Microsecond
)

// batcher gathers the keys that a level's resolvers ask for and fetches them in one call, and
// keeps what it fetched for the rest of the request. A timer alone splits a level into several
// batches when the resolvers start slowly, as on a busy machine: so after batchWait, the batch
// yields the processor until a full turn of every runnable goroutine adds no key, which means
// the level's resolvers are all waiting on it, and only then fetches. A field that is in no
// list (the result of a mutation, or of node(id:), and the fields below them until a list) is
// resolved once per request, so its batch has no one to wait for and is fetched at once.
type batcher[K comparable, V any] struct {
	fetch func(ctx context.Context, keys []K) ([]V, []error)

	mu      sync.Mutex
	cache   map[K]*outcome[V]
	pending *batch[K, V]
}

type outcome[V any] struct {
	done chan struct{}
	v    V
	err  error
}

type batch[K comparable, V any] struct {
	ctx      context.Context
	keys     []K
	outcomes []*outcome[V]
}

// newBatcher makes a batcher over fetch, which answers positionally: one value per key, and
// either no error, one error for every key, or one error per key.
func newBatcher[K comparable, V any](fetch func(ctx context.Context, keys []K) ([]V, []error)) *batcher[K, V] {
	return &batcher[K, V]{fetch: fetch, cache: map[K]*outcome[V]{}}
}

// Load returns the value of key, fetched with the other keys of its batch.
func (b *batcher[K, V]) Load(ctx context.Context, key K) (V, error) {
	b.mu.Lock()
	o, ok := b.cache[key]
	if !ok {
		o = &outcome[V]{done: make(chan struct{})}
		b.cache[key] = o
		if b.pending == nil {
			b.pending = &batch[K, V]{ctx: ctx}
			go b.run(b.pending, !single(ctx))
		}
		b.pending.keys = append(b.pending.keys, key)
		b.pending.outcomes = append(b.pending.outcomes, o)
	}
	b.mu.Unlock()
	<-o.done
	return o.v, o.err
}

// Prime sets the value of key, unless it has one or is being fetched.
func (b *batcher[K, V]) Prime(key K, v V) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if _, ok := b.cache[key]; !ok {
		o := &outcome[V]{done: make(chan struct{}), v: v}
		close(o.done)
		b.cache[key] = o
	}
}

func (b *batcher[K, V]) run(p *batch[K, V], wait bool) {
	start := time.Now()
	if wait {
		time.Sleep(batchWait)
	}
	// Quiet means no key joined over batchQuietTurns turns in a row, each yielding the
	// processor and then sleeping a moment so that resolvers waiting for a thread get one: a
	// single turn once let a straggler of a busy level through into a batch of its own.
	for quiet := 0; wait && quiet < batchQuietTurns && time.Since(start) < batchMost; {
		b.mu.Lock()
		n := len(p.keys)
		b.mu.Unlock()
		for range 3 {
			runtime.Gosched()
		}
		time.Sleep(batchTurnSleep)
		b.mu.Lock()
		if len(p.keys) == n {
			quiet++
		} else {
			quiet = 0
		}
		b.mu.Unlock()
	}
	b.mu.Lock()
	b.pending = nil
	b.mu.Unlock()
	vals, errs := b.safeFetch(p.ctx, p.keys)
	for i, o := range p.outcomes {
		if i < len(vals) {
			o.v = vals[i]
		}
		switch {
		case len(errs) == 1:
			o.err = errs[0]
		case i < len(errs):
			o.err = errs[i]
		}
		close(o.done)
	}
}

func (b *batcher[K, V]) safeFetch(ctx context.Context, keys []K) (vals []V, errs []error) {
	defer func() {
		if v := recover(); v != nil {
			vals, errs = nil, []error{fmt.Errorf("panic during fetch: %v", v)}
		}
	}()
	return b.fetch(ctx, keys)
}

// single reports whether the field being resolved is in no list: neither it nor any field
// above it is an element of a list, so no sibling will ask for keys alongside it. Outside a
// resolver it reports false.
func single(ctx context.Context) bool {
	fc := graphql.GetFieldContext(ctx)
	if fc == nil {
		return false
	}
	for ; fc != nil; fc = fc.Parent {
		if fc.Index != nil {
			return false
		}
	}
	return true
}
