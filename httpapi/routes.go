// Package httpapi serves the API over HTTP: its routes, CORS and security headers, body limits,
// health and readiness, bounded connections, and the metrics and profiling listeners.
package httpapi

import (
	"context"
	"io"
	"net/http"
	"sync/atomic"
	"time"

	"github.com/rs/cors"
	"go.opentelemetry.io/otel/trace"

	"github.com/aspgraph/aspgraph/auth"
	"github.com/aspgraph/aspgraph/graph"
	"github.com/aspgraph/aspgraph/telemetry"
	"github.com/aspgraph/aspgraph/web"
)

// Config is how the API's routes treat requests.
type Config struct {
	// CORSOrigins are the origins whose pages may call the API ("*": any).
	CORSOrigins []string
	// CORSHeaders are the request headers such a page may send (DefaultCORSHeaders).
	CORSHeaders []string
	// MaxBodyBytes bounds a request's body: larger ones get HTTP 413.
	MaxBodyBytes int64
	// Keys verify bearer tokens.
	Keys auth.Keys
	// Budget is each client's fair share of the GraphQL endpoint.
	Budget graph.Budget
	// Tracer, when not nil, opens a server span for each request.
	Tracer trace.TracerProvider
}

// Pinger reports whether the graph database answers; the store is one.
type Pinger interface {
	Ping(ctx context.Context) error
}

// Handler serves the API's routes: the playground at /, the GraphQL endpoint at /query behind
// the start-up gate (ready), authentication, the per-client budget and the body limit, and
// the health checks /healthz and /readyz (db must answer). Every response carries a request
// ID and the security headers, and answers CORS as cfg says. Metrics and profiles are served
// apart (ServeMetrics, ServePprof): the API's port answers 404 at /metrics and /debug/.
func Handler(cfg Config, endpoint http.Handler, db Pinger, ready *atomic.Bool) http.Handler {
	mux := http.NewServeMux()
	mux.Handle("/", web.Playground("/query"))
	mux.Handle("/query", untilReady(ready, auth.Authenticate(cfg.Keys, cfg.Budget.Handler(graph.LimitBody(cfg.MaxBodyBytes, endpoint)))))
	mux.HandleFunc("/healthz", func(w http.ResponseWriter, _ *http.Request) {
		_, _ = w.Write([]byte("ok\n"))
	})
	mux.HandleFunc("/readyz", func(w http.ResponseWriter, r *http.Request) {
		ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
		defer cancel()
		if !ready.Load() {
			w.Header().Set("Retry-After", startRetryAfter)
			http.Error(w, "not ready: connecting to the graph database and loading the knowledge graph", http.StatusServiceUnavailable)
			return
		}
		if err := db.Ping(ctx); err != nil {
			http.Error(w, "graph database unavailable", http.StatusServiceUnavailable)
			return
		}
		_, _ = w.Write([]byte("ok\n"))
	})
	c := cors.New(cors.Options{
		AllowedOrigins: cfg.CORSOrigins,
		AllowedMethods: []string{http.MethodGet, http.MethodPost, http.MethodOptions},
		AllowedHeaders: cfg.CORSHeaders,
		ExposedHeaders: []string{"X-Request-ID"},
		MaxAge:         corsMaxAge,
	})
	h := securityHeaders(telemetry.RequestIDs(c.Handler(mux)))
	if cfg.Tracer != nil {
		h = telemetry.TraceHTTP(cfg.Tracer, h)
	}
	return h
}

// startRetryAfter is the Retry-After, in seconds, of a request refused while the service
// starts: it tries to reach the graph database again every two seconds.
const startRetryAfter = "2"

// untilReady refuses every request with HTTP 503, SERVICE_UNAVAILABLE and Retry-After until
// ready: until the knowledge graph is loaded (migrations included), nothing is answered from a
// graph that lacks it, and no write can make an entity that the load is about to make (a
// school's country or city named before the loaded one exists would be made twice).
func untilReady(ready *atomic.Bool, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if ready.Load() {
			next.ServeHTTP(w, r)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("Retry-After", startRetryAfter)
		w.WriteHeader(http.StatusServiceUnavailable)
		_, _ = io.WriteString(w, `{"errors":[{"message":"the service is starting: the knowledge graph is not loaded yet; try again","extensions":{"code":"SERVICE_UNAVAILABLE"}}]}`+"\n")
	})
}

// DefaultCORSHeaders are the request headers a cross-origin page may send (CORS_ALLOWED_HEADERS
// replaces them): the GraphQL request's own, and those browser GraphQL clients and their
// tracing add: Apollo Client's client awareness (apollographql-client-name, -version) and the
// headers Apollo's CSRF prevention asks clients to send (apollo-require-preflight,
// x-apollo-operation-name), the client-name headers of other tools, W3C trace context and
// baggage, Sentry's trace header. urql, Relay, graphql-request and Altair send only Accept,
// Content-Type and the headers their user configures.
var DefaultCORSHeaders = []string{
	"Accept", "Authorization", "Content-Type", "X-Request-ID",
	"apollographql-client-name", "apollographql-client-version", "apollo-require-preflight",
	"x-apollo-operation-name", "graphql-client-name", "graphql-client-version",
	"x-graphql-client-name", "x-graphql-client-version", "X-Requested-With",
	"traceparent", "tracestate", "baggage", "sentry-trace", "Cache-Control", "Pragma",
}

// corsMaxAge is how long (seconds) a browser may keep a preflight's answer: two hours,
// Chromium's cap (Firefox allows a day), so a page's requests need one preflight per session
// while a changed configuration reaches browsers within hours.
const corsMaxAge = 7200

// securityHeaders sets the headers every response carries: no content sniffing, no framing,
// no referrer leaking to other sites.
func securityHeaders(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("X-Frame-Options", "DENY")
		h.Set("Referrer-Policy", "no-referrer")
		next.ServeHTTP(w, r)
	})
}
