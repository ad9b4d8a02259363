package graph

import (
	"context"
	"log/slog"
	"time"

	"github.com/99designs/gqlgen/graphql"
	"github.com/prometheus/client_golang/prometheus"

	"github.com/aspgraph/aspgraph/neo4jstore"
)

// Metrics are the service's Prometheus metrics for GraphQL operations.
type Metrics struct {
	requests   *prometheus.CounterVec
	duration   *prometheus.HistogramVec
	roundTrips prometheus.Histogram
}

// NewMetrics registers the operation metrics on reg.
func NewMetrics(reg prometheus.Registerer) *Metrics {
	m := &Metrics{
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "aspgraph_graphql_requests_total",
			Help: "GraphQL operations by operation name and outcome (ok, or the first error's code).",
		}, []string{"operation", "outcome"}),
		duration: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "aspgraph_graphql_request_duration_seconds",
			Help:    "Time to answer a GraphQL operation, by operation name and outcome.",
			Buckets: prometheus.ExponentialBuckets(0.001, 2, 15),
		}, []string{"operation", "outcome"}),
		roundTrips: prometheus.NewHistogram(prometheus.HistogramOpts{
			Name:    "aspgraph_graphql_cypher_round_trips",
			Help:    "Cypher round trips per GraphQL operation.",
			Buckets: []float64{0, 1, 2, 4, 8, 16, 32, 64},
		}),
	}
	reg.MustRegister(m.requests, m.duration, m.roundTrips)
	return m
}

// WithMetrics records each operation in m.
func WithMetrics(m *Metrics) Option { return func(o *options) { o.metrics = m } }

// observe logs each operation as one structured line (request ID, operation name, duration,
// Cypher round trips, outcome) and records it in the metrics, when there are any.
func observe(log *slog.Logger, m *Metrics) graphql.ResponseMiddleware {
	return func(ctx context.Context, next graphql.ResponseHandler) *graphql.Response {
		start := time.Now()
		ctx, trips := neo4jstore.WithRoundTripCounter(ctx)
		resp := next(ctx)
		name := "-"
		if graphql.HasOperationContext(ctx) {
			if oc := graphql.GetOperationContext(ctx); oc.OperationName != "" {
				name = oc.OperationName
			} else if oc.Operation != nil {
				name = string(oc.Operation.Operation)
			}
		}
		outcome := "ok"
		if resp != nil && len(resp.Errors) > 0 {
			outcome = "error"
			if code, ok := resp.Errors[0].Extensions["code"].(string); ok {
				outcome = code
			}
		}
		d := time.Since(start)
		log.InfoContext(ctx, "graphql", "request_id", RequestID(ctx), "operation", name,
			"duration_ms", float64(d.Microseconds())/1000, "cypher_round_trips", trips.Load(), "outcome", outcome)
		if m != nil {
			m.requests.WithLabelValues(name, outcome).Inc()
			m.duration.WithLabelValues(name, outcome).Observe(d.Seconds())
			m.roundTrips.Observe(float64(trips.Load()))
		}
		return resp
	}
}
