package graph

import (
	"context"
	"errors"
	"log/slog"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/99designs/gqlgen/graphql"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/parser"

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

// WithMetrics records each operation in m.
func WithMetrics(m *Metrics) Option { return func(o *options) { o.metrics = m } }

// KnowOperations makes the operation names of an allow-list the only names the metrics label
// operations with; any other is "other".
func (m *Metrics) KnowOperations(l *AllowList) {
	if l != nil {
		m.operations.only(l.OperationNames())
	}
}

// observe logs each operation as one structured line (request ID, operation name cut to
// maxLoggedName bytes, duration, Cypher round trips, outcome) and records it in the metrics,
// when there are any, labelled from a bounded set of names.
func observe(log *slog.Logger, m *Metrics) graphql.ResponseMiddleware {
	return func(ctx context.Context, next graphql.ResponseHandler) *graphql.Response {
		start := time.Now()
		ctx, trips := neo4jstore.WithRoundTripCounter(ctx)
		resp := next(ctx)
		name, kind := "-", ""
		if graphql.HasOperationContext(ctx) {
			oc := graphql.GetOperationContext(ctx)
			if oc.Operation != nil {
				kind = string(oc.Operation.Operation)
			}
			if name = operationName(oc); name == "" {
				name = kind
			}
			if name == "" {
				name = "-"
			}
		}
		outcome := "ok"
		if resp != nil && len(resp.Errors) > 0 {
			outcome = "error"
			if code, ok := resp.Errors[0].Extensions["code"].(string); ok && goodCode.MatchString(code) {
				outcome = code
			}
			if errors.Is(ctx.Err(), context.Canceled) {
				// The client went away: not a failure of the service.
				outcome = CodeCanceled
			}
		}
		d := time.Since(start)
		log.InfoContext(ctx, "graphql", "request_id", RequestID(ctx), "operation", Cut(name, maxLoggedName),
			"duration_ms", float64(d.Microseconds())/1000, "cypher_round_trips", trips.Load(), "outcome", outcome)
		if m != nil {
			label := name
			if name != kind && name != "-" {
				label = m.operations.label(name)
			}
			m.requests.WithLabelValues(label, outcome).Inc()
			m.duration.WithLabelValues(label, outcome).Observe(d.Seconds())
			m.roundTrips.Observe(float64(trips.Load()))
		}
		return resp
	}
}

// operationName is the name of the operation run: the request's operationName, else the
// name the document gives its operation ("" for an anonymous one).
func operationName(oc *graphql.OperationContext) string {
	if oc.OperationName != "" {
		return oc.OperationName
	}
	if oc.Operation != nil {
		return oc.Operation.Name
	}
	return ""
}

// goodCode is the shape of the error codes the service and gqlgen give; anything else is
// counted as "error".
var goodCode = regexp.MustCompile(`^[A-Z][A-Z_]{0,39}$`)

// Bounded telemetry. Operation names are the client's to choose, and each distinct label
// value is a time series that Prometheus (and this process) keeps for ever: the names that
// label metrics and spans come from a bounded set, and logs cut them.
const (
	// maxOperationLabels bounds the distinct operation names the metrics (and the spans) are
	// labelled with, besides the anonymous kinds (query, mutation, subscription), "-" and
	// "other".
	maxOperationLabels = 100
	// maxLabelName is the longest operation name used as a label.
	maxLabelName = 64
	// maxLoggedName is the longest operation name logged whole; a longer one is cut.
	maxLoggedName = 128
)

// otherOperations is the label of an operation whose name is not in the bounded set.
const otherOperations = "other"

// graphqlName is the shape of a GraphQL name of at most maxLabelName characters.
var graphqlName = regexp.MustCompile(`^[_A-Za-z][_0-9A-Za-z]{0,` + strconv.Itoa(maxLabelName-1) + `}$`)

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

func newOperationLabels(limit int) *operationLabels {
	return &operationLabels{names: map[string]struct{}{}, max: limit}
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

// OperationNames lists the names of the operations on the allow-list.
func (l *AllowList) OperationNames() []string {
	var names []string
	for _, text := range l.byHash {
		doc, err := parser.ParseQuery(&ast.Source{Input: text})
		if err != nil {
			continue
		}
		for _, op := range doc.Operations {
			if op.Name != "" {
				names = append(names, op.Name)
			}
		}
	}
	return names
}

// Cut shortens s to at most n bytes (on a character boundary), saying how long it was: how
// client-chosen strings (operation names, values quoted in errors) enter log lines.
func Cut(s string, n int) string {
	if len(s) <= n {
		return s
	}
	i := n
	for i > 0 && !utf8.RuneStart(s[i]) {
		i--
	}
	return strings.ToValidUTF8(s[:i], "") + "…(cut: " + strconv.Itoa(len(s)) + " bytes)"
}
