package aspnet

import "context"

// Share bounds how many graph database reads the requests of one client make at once. A
// GraphQL request resolves its fields in goroutines of their own, so one request of many
// aliased fields would otherwise run as many reads at once as the driver has connections, on
// cores every other client shares; with a share, a client's reads queue behind each other and
// leave the rest of the database to everyone else.
type Share chan struct{}

// NewShare returns a share of n reads at once (n < 1: one).
func NewShare(n int) Share { return make(Share, max(n, 1)) }

type shareKey struct{}

// WithShare makes the reads done with ctx take their turn in s.
func WithShare(ctx context.Context, s Share) context.Context {
	return context.WithValue(ctx, shareKey{}, s)
}

// EnterShare waits for a turn in ctx's share, if it has one, and returns its release; it
// fails with ctx's error when ctx ends first.
func EnterShare(ctx context.Context) (release func(), err error) {
	s, ok := ctx.Value(shareKey{}).(Share)
	if !ok {
		return func() {}, nil
	}
	select {
	case s <- struct{}{}:
		return func() { <-s }, nil
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}
