package aspnet

import (
	"context"
	"slices"
	"sync/atomic"
)

// RoleEditor is the role a caller needs to write.
const RoleEditor = "editor"

// Principal is who a verified bearer token says the caller is.
type Principal struct {
	Subject string
	Roles   []string
}

// HasRole reports whether p holds role.
func (p *Principal) HasRole(role string) bool {
	return slices.Contains(p.Roles, role)
}

// Caller is what authentication learnt of a request's caller: its principal, or why it has
// none.
type Caller struct {
	// Verifiable is whether any key verifies tokens; without one, no caller is known and
	// writes are disabled.
	Verifiable bool
	// Principal is the verified token's principal; nil when there is none.
	Principal *Principal
	// Reason says why Principal is nil: "missing: send Authorization: Bearer <token>",
	// "expired token", ...
	Reason string
}

type callerKey struct{}

// NewContextWithCaller returns ctx carrying c, as authentication learnt it.
func NewContextWithCaller(ctx context.Context, c Caller) context.Context {
	return context.WithValue(ctx, callerKey{}, c)
}

// CallerFromContext returns the caller ctx carries; outside an authenticated request, the
// zero Caller (no key verifies tokens).
func CallerFromContext(ctx context.Context) Caller {
	c, _ := ctx.Value(callerKey{}).(Caller)
	return c
}

type requestIDKey struct{}

// NewContextWithRequestID returns ctx carrying the request's ID.
func NewContextWithRequestID(ctx context.Context, id string) context.Context {
	return context.WithValue(ctx, requestIDKey{}, id)
}

// RequestIDFromContext returns the request's ID, or "-" outside a request.
func RequestIDFromContext(ctx context.Context) string {
	if id, ok := ctx.Value(requestIDKey{}).(string); ok {
		return id
	}
	return "-"
}

type counterKey struct{}

// WithRoundTripCounter returns a context under which the store counts its Cypher round trips
// (CountRoundTrip), and the counter. Under a context that already counts, it returns that context and its
// counter, so that a caller and the service's own instrumentation see the same count.
func WithRoundTripCounter(ctx context.Context) (context.Context, *atomic.Int64) {
	if n, ok := ctx.Value(counterKey{}).(*atomic.Int64); ok {
		return ctx, n
	}
	n := new(atomic.Int64)
	return context.WithValue(ctx, counterKey{}, n), n
}

// CountRoundTrip adds one Cypher round trip to the counter of ctx, if it has one.
func CountRoundTrip(ctx context.Context) {
	if n, ok := ctx.Value(counterKey{}).(*atomic.Int64); ok {
		n.Add(1)
	}
}
