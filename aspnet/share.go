package aspnet

import (
	"context"
	"sync/atomic"
	"time"
)

// Share bounds how many graph database reads the requests of one client make at once, and
// adds up how long they took. A GraphQL request resolves its fields in goroutines of their
// own, so one request of many aliased fields would otherwise run as many reads at once as the
// driver has connections, on cores every other client shares; with a share, a client's reads
// queue behind each other and leave the rest of the database to everyone else.
type Share struct {
	turns chan struct{}
	held  atomic.Int64 // nanoseconds
}

// NewShare returns a share of n reads at once (n < 1: one).
func NewShare(n int) *Share { return &Share{turns: make(chan struct{}, max(n, 1))} }

// Held is how long the share's reads have taken so far, in all: the client's graph database
// time.
func (s *Share) Held() time.Duration { return time.Duration(s.held.Load()) }

type shareKey struct{}

// WithShare makes the reads done with ctx take their turn in s.
func WithShare(ctx context.Context, s *Share) context.Context {
	return context.WithValue(ctx, shareKey{}, s)
}

// EnterShare waits for a turn in ctx's share, if it has one, and returns its release, which
// adds the time the turn was held to the share; it fails with ctx's error when ctx ends first.
func EnterShare(ctx context.Context) (release func(), err error) {
	s, ok := ctx.Value(shareKey{}).(*Share)
	if !ok {
		return func() {}, nil
	}
	select {
	case s.turns <- struct{}{}:
		began := time.Now()
		return func() {
			s.held.Add(int64(time.Since(began)))
			<-s.turns
		}, nil
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}
