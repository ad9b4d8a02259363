package graph

import (
	"context"
	"errors"
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

	cypher       *prometheus.HistogramVec
	transactions *prometheus.GaugeVec
	waiting      prometheus.Gauge
}

// NewMetrics registers the operation metrics on reg.
func NewMetrics(reg prometheus.Registerer) *Metrics {
	m := &Metrics{
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "aspgraph_graphql_requests_total",
			Help: "GraphQL operations by operation name and outcome (ok, CANCELED when the client went away, or the first error's code).",
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
		cypher: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "aspgraph_cypher_duration_seconds",
			Help:    "Time to run a Cypher statement and read its result, by statement name (its file in neo4jstore/cypher/) and outcome (ok, unavailable, timeout, canceled, error).",
			Buckets: prometheus.ExponentialBuckets(0.0005, 2, 16),
		}, []string{"statement", "outcome"}),
		transactions: prometheus.NewGaugeVec(prometheus.GaugeOpts{
			Name: "aspgraph_neo4j_transactions_in_flight",
			Help: "Neo4j transactions open now, by access (read, write); each holds one connection of the driver's pool, whose use the driver does not report.",
		}, []string{"access"}),
		waiting: prometheus.NewGauge(prometheus.GaugeOpts{
			Name: "aspgraph_graphql_requests_waiting",
			Help: "GraphQL requests waiting for their turn under MAX_CONCURRENT_REQUESTS.",
		}),
	}
	reg.MustRegister(m.requests, m.duration, m.roundTrips, m.cypher, m.transactions, m.waiting)
	m.transactions.WithLabelValues("read")
	m.transactions.WithLabelValues("write")
	return m
}

// Cypher returns the observer that records the store's statements and transactions in m.
func (m *Metrics) Cypher() neo4jstore.Observer { return cypherMetrics{m} }

type cypherMetrics struct{ m *Metrics }

func (c cypherMetrics) Statement(ctx context.Context, name string) (context.Context, func(error)) {
	start := time.Now()
	return ctx, func(err error) {
		c.m.cypher.WithLabelValues(name, statementOutcome(ctx, err)).Observe(time.Since(start).Seconds())
	}
}

// statementOutcome is neo4jstore.Outcome, with "canceled" for a statement whose request's
// client went away.
func statementOutcome(ctx context.Context, err error) string {
	outcome := neo4jstore.Outcome(err)
	if outcome == "error" && errors.Is(err, context.Canceled) && errors.Is(ctx.Err(), context.Canceled) {
		return "canceled"
	}
	return outcome
}

func (c cypherMetrics) Transaction(_ context.Context, write bool) func() {
	g := c.m.transactions.WithLabelValues(access(write))
	g.Inc()
	return g.Dec
}

func access(write bool) string {
	if write {
		return "write"
	}
	return "read"
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
			if errors.Is(ctx.Err(), context.Canceled) {
				// The client went away: not a failure of the service.
				outcome = CodeCanceled
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
