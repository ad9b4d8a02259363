package graph

import (
	"context"
	"errors"
	"regexp"
	"time"

	"github.com/99designs/gqlgen/graphql"
	"github.com/aspgraph/aspgraph/aspnet"
)

// Observer is told what the endpoint does, for its logs and metrics (package telemetry
// implements it): each operation once it is answered, and the requests that wait for an
// admission slot.
type Observer interface {
	// Operation is called once for each answered operation.
	Operation(ctx context.Context, op Operation)
	// Waiting is called with 1 as a request starts waiting for an admission slot
	// (WithMaxConcurrent) and with -1 as it stops.
	Waiting(delta int)
}

// Operation is what the endpoint reports of an answered operation.
type Operation struct {
	// Name is the operation's name as the client gave it; for an anonymous operation its
	// Kind, and "-" when not even that is known.
	Name string
	// Kind is query, mutation or subscription; "" when unknown.
	Kind string
	// Outcome is ok, CANCELED when the client went away, else the first error's code (or
	// error when it has none of the usual shape).
	Outcome string
	// Duration is the time the operation took to answer.
	Duration time.Duration
	// RoundTrips counts the Cypher round trips the operation made.
	RoundTrips int64
}

// WithObserver reports each operation, and each wait for an admission slot, to o.
func WithObserver(obs Observer) Option { return func(o *options) { o.observer = obs } }

// observe measures each operation (duration, Cypher round trips, outcome) and reports it to o.
func observe(o Observer) graphql.ResponseMiddleware {
	return func(ctx context.Context, next graphql.ResponseHandler) *graphql.Response {
		start := time.Now()
		ctx, trips := aspnet.WithRoundTripCounter(ctx)
		resp := next(ctx)
		op := Operation{Name: "-", Outcome: "ok"}
		if graphql.HasOperationContext(ctx) {
			oc := graphql.GetOperationContext(ctx)
			if oc.Operation != nil {
				op.Kind = string(oc.Operation.Operation)
			}
			if op.Name = OperationName(oc); op.Name == "" {
				op.Name = op.Kind
			}
			if op.Name == "" {
				op.Name = "-"
			}
		}
		if resp != nil && len(resp.Errors) > 0 {
			op.Outcome = "error"
			if code, ok := resp.Errors[0].Extensions["code"].(string); ok && goodCode.MatchString(code) {
				op.Outcome = code
			}
			if errors.Is(ctx.Err(), context.Canceled) {
				// The client went away: not a failure of the service.
				op.Outcome = CodeCanceled
			}
		}
		op.Duration, op.RoundTrips = time.Since(start), trips.Load()
		o.Operation(ctx, op)
		return resp
	}
}

// OperationName is the name of the operation run: the request's operationName, else the
// name the document gives its operation ("" for an anonymous one).
func OperationName(oc *graphql.OperationContext) string {
	if oc.OperationName != "" {
		return oc.OperationName
	}
	if oc.Operation != nil {
		return oc.Operation.Name
	}
	return ""
}

// goodCode is the shape of the error codes the service and gqlgen give; anything else is
// reported as "error".
var goodCode = regexp.MustCompile(`^[A-Z][A-Z_]{0,39}$`)
