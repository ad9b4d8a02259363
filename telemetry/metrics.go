// Package telemetry records what the service does: Prometheus metrics, OpenTelemetry traces,
// request IDs, and log lines whose client-chosen values are cut to a bound.
package telemetry

import (
	"context"
	"errors"
	"log/slog"
	"regexp"
	"sync"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"

	"github.com/aspgraph/aspgraph/aspnet"
	"github.com/aspgraph/aspgraph/graph"
	"github.com/aspgraph/aspgraph/neo4jstore"
)

// NewRegistry returns a registry of Prometheus metrics holding the Go runtime's and the
// process's, for the service's own to join.
func NewRegistry() *prometheus.Registry {
	reg := prometheus.NewRegistry()
	reg.MustRegister(collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	return reg
}

// Metrics are the service's Prometheus metrics of GraphQL operations and of the Cypher they
// run.
type Metrics struct {
	requests   *prometheus.CounterVec
	duration   *prometheus.HistogramVec
	roundTrips prometheus.Histogram

	cypher       *prometheus.HistogramVec
	transactions *prometheus.GaugeVec
	waiting      prometheus.Gauge

	operations *operationLabels
}

// NewMetrics registers the operation metrics on reg.
func NewMetrics(reg prometheus.Registerer) *Metrics {
	m := &Metrics{
		operations: newOperationLabels(maxOperationLabels),
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "aspgraph_graphql_requests_total",
			Help: "GraphQL operations by operation name (a bounded set: see docs/operations.md; \"other\" beyond it) and outcome (ok, CANCELED when the client went away, or the first error's code).",
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

// KnowOperations makes names (an allow-list's operation names) the only names the metrics
// label operations with; any other is "other".
func (m *Metrics) KnowOperations(names []string) { m.operations.only(names) }

// Observe is the GraphQL endpoint's graph.Observer: it logs each operation as one structured
// line (request ID, operation name cut to maxLoggedName bytes, duration, Cypher round trips,
// outcome) and records it in m, when m is not nil, labelled from a bounded set of names.
func Observe(log *slog.Logger, m *Metrics) graph.Observer { return observer{log: log, m: m} }

type observer struct {
	log *slog.Logger
	m   *Metrics
}

func (o observer) Operation(ctx context.Context, op graph.Operation) {
	o.log.InfoContext(ctx, "graphql", "request_id", aspnet.RequestIDFromContext(ctx), "operation", Cut(op.Name, maxLoggedName),
		"duration_ms", float64(op.Duration.Microseconds())/1000, "cypher_round_trips", op.RoundTrips, "outcome", op.Outcome)
	if o.m == nil {
		return
	}
	label := op.Name
	if op.Name != op.Kind && op.Name != "-" {
		label = o.m.operations.label(op.Name)
	}
	o.m.requests.WithLabelValues(label, op.Outcome).Inc()
	o.m.duration.WithLabelValues(label, op.Outcome).Observe(op.Duration.Seconds())
	o.m.roundTrips.Observe(float64(op.RoundTrips))
}

func (o observer) Waiting(delta int) {
	if o.m != nil {
		o.m.waiting.Add(float64(delta))
	}
}

// Bounded telemetry. Operation names are the client's to choose, and each distinct label
// value is a time series that Prometheus (and this process) keeps for ever: the names that
// label metrics and spans come from a bounded set, and logs cut them.
const (
	// maxOperationLabels bounds the distinct operation names the metrics (and the spans) are
	// labelled with, besides the anonymous kinds (query, mutation, subscription), "-" and
	// "other".
	maxOperationLabels = 100
	// maxLoggedName is the longest operation name logged whole; a longer one is cut.
	maxLoggedName = 128
)

// otherOperations is the label of an operation whose name is not in the bounded set.
const otherOperations = "other"

// graphqlName is the shape of a GraphQL name of at most 64 characters: the longest operation
// name used as a label.
var graphqlName = regexp.MustCompile(`^[_A-Za-z][_0-9A-Za-z]{0,63}$`)

// operationLabels maps operation names to metric labels. With an allow-list, its operation
// names are the set; without one, the first maxOperationLabels distinct well-formed names
// seen (the names of the deployment's dashboards and clients, which are seen first and
// again) each keep a label, and every later new name is "other". Either way the set is
// bounded whatever clients send; a client that fills the set early costs later clients their
// own labels, not memory.
type operationLabels struct {
	mu     sync.Mutex
	names  map[string]struct{}
	max    int
	closed bool // the names are an allow-list's: no others join
}

func newOperationLabels(bound int) *operationLabels {
	return &operationLabels{names: map[string]struct{}{}, max: bound}
}

// only makes names the whole set.
func (l *operationLabels) only(names []string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.names = map[string]struct{}{}
	for _, n := range names {
		if graphqlName.MatchString(n) {
			l.names[n] = struct{}{}
		}
	}
	l.closed = true
}

// label is name when it is in the set or may join it, else "other".
func (l *operationLabels) label(name string) string {
	if !graphqlName.MatchString(name) || name == otherOperations {
		return otherOperations
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	if _, ok := l.names[name]; ok {
		return name
	}
	if l.closed || len(l.names) >= l.max {
		return otherOperations
	}
	l.names[name] = struct{}{}
	return name
}
