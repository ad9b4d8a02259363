package aspnet

import (
	"context"
	"slices"
	"sync/atomic"
	"time"
)

// Share bounds how many graph database reads some requests make at once (those of one client,
// or all the heavy ones), and adds up how long they took. A GraphQL request resolves its
// fields in goroutines of their own, so one request of many aliased fields would otherwise run
// as many reads at once as the driver has connections, on cores every other client shares;
// with a share, those requests' reads queue behind each other and leave the rest of the
// database to everyone else.
type Share struct {
	turns chan struct{}
	held  atomic.Int64 // nanoseconds
}

// NewShare returns a share of n reads at once (n < 1: one).
func NewShare(n int) *Share { return &Share{turns: make(chan struct{}, max(n, 1))} }

// Held is how long the share's reads have taken so far, in all: for a client's share, the
// client's graph database time.
func (s *Share) Held() time.Duration { return time.Duration(s.held.Load()) }

type shareKey struct{}

// WithShare makes the reads done with ctx take their turn in s, besides any share ctx has
// already (a client's, then the heavy requests' together): a read takes its turns in the
// order the shares were added, and each counts its time from when it holds them all.
func WithShare(ctx context.Context, s *Share) context.Context {
	outer, _ := ctx.Value(shareKey{}).([]*Share)
	return context.WithValue(ctx, shareKey{}, append(slices.Clip(outer), s))
}

// EnterShare waits for a turn in each of ctx's shares, if it has any, and returns its release,
// which adds the time the turns were held to each share; it fails with ctx's error when ctx
// ends first.
func EnterShare(ctx context.Context) (release func(), err error) {
	shares, _ := ctx.Value(shareKey{}).([]*Share)
	for i, s := range shares {
		select {
		case s.turns <- struct{}{}:
		case <-ctx.Done():
			for _, t := range shares[:i] {
				<-t.turns
			}
			return nil, ctx.Err()
		}
	}
	began := time.Now()
	return func() {
		held := int64(time.Since(began))
		for _, s := range shares {
			s.held.Add(held)
			<-s.turns
		}
	}, nil
}
