package telemetry

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/99designs/gqlgen/graphql"
	"go.opentelemetry.io/contrib/instrumentation/net/http/otelhttp"
	"go.opentelemetry.io/otel"
	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/codes"
	"go.opentelemetry.io/otel/exporters/otlp/otlptrace/otlptracehttp"
	"go.opentelemetry.io/otel/propagation"
	"go.opentelemetry.io/otel/sdk/resource"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	"go.opentelemetry.io/otel/trace"

	"github.com/aspgraph/aspgraph/graph"
	"github.com/aspgraph/aspgraph/neo4jstore"
)

// Tracing: one span per HTTP request, a child span per GraphQL operation, and below it one
// span per Cypher statement, exported through OTLP over HTTP when the standard OpenTelemetry
// variables ask for it. Spans carry names (operation names, statement names) and codes, never
// a query's text, an error message or a value the client sent.

const tracerName = "github.com/aspgraph/aspgraph"

// TracingConfigured reads the standard OpenTelemetry variables: tracing is on when
// OTEL_TRACES_EXPORTER is "otlp", or when it is unset and OTEL_EXPORTER_OTLP_ENDPOINT or
// OTEL_EXPORTER_OTLP_TRACES_ENDPOINT is set; off when OTEL_TRACES_EXPORTER is "none" or
// OTEL_SDK_DISABLED is true. Other exporters, and protocols other than http/protobuf, are
// configuration errors.
func TracingConfigured(getenv func(string) string) (bool, error) {
	if strings.EqualFold(getenv("OTEL_SDK_DISABLED"), "true") {
		return false, nil
	}
	on := false
	switch exp := strings.TrimSpace(getenv("OTEL_TRACES_EXPORTER")); exp {
	case "none":
		return false, nil
	case "otlp":
		on = true
	case "":
		on = getenv("OTEL_EXPORTER_OTLP_ENDPOINT") != "" || getenv("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT") != ""
	default:
		return false, fmt.Errorf("OTEL_TRACES_EXPORTER=%q: only otlp (or none) is supported", exp)
	}
	if !on {
		return false, nil
	}
	for _, name := range []string{"OTEL_EXPORTER_OTLP_TRACES_PROTOCOL", "OTEL_EXPORTER_OTLP_PROTOCOL"} {
		if p := getenv(name); p != "" {
			if p != "http/protobuf" {
				return false, fmt.Errorf("%s=%q: only http/protobuf is supported", name, p)
			}
			break
		}
	}
	return true, nil
}

// StartTracing makes an OTLP/HTTP exporter configured by the standard OTEL_EXPORTER_OTLP_*
// variables (endpoint, headers, timeout, compression, TLS), a batching tracer provider whose
// resource has service.name aspgraph (OTEL_SERVICE_NAME and OTEL_RESOURCE_ATTRIBUTES
// override it) and whose sampler follows OTEL_TRACES_SAMPLER, and installs it as the global
// tracer provider with W3C trace-context propagation. The returned function flushes and stops
// it within the context's time.
func StartTracing(ctx context.Context) (*sdktrace.TracerProvider, func(context.Context) error, error) {
	exp, err := otlptracehttp.New(ctx)
	if err != nil {
		return nil, nil, fmt.Errorf("OTLP trace exporter: %w", err)
	}
	res, err := resource.New(ctx,
		resource.WithAttributes(attribute.String("service.name", "aspgraph")),
		resource.WithTelemetrySDK(),
		resource.WithFromEnv())
	if err != nil {
		return nil, nil, fmt.Errorf("OpenTelemetry resource: %w", err)
	}
	tp := sdktrace.NewTracerProvider(
		sdktrace.WithBatcher(exp, sdktrace.WithBatchTimeout(2*time.Second)),
		sdktrace.WithResource(res))
	otel.SetTracerProvider(tp)
	otel.SetTextMapPropagator(propagation.NewCompositeTextMapPropagator(propagation.TraceContext{}, propagation.Baggage{}))
	return tp, tp.Shutdown, nil
}

// TraceHTTP wraps h in a server span per request, continuing the caller's trace when the
// request carries a W3C traceparent header. The span is named after the method and the path,
// both from a bounded set (spanPath, spanMethod): span names are indexed by trace backends,
// and clients choose paths and methods freely.
func TraceHTTP(tp trace.TracerProvider, h http.Handler) http.Handler {
	return otelhttp.NewHandler(h, "http",
		otelhttp.WithTracerProvider(tp),
		otelhttp.WithPropagators(propagation.TraceContext{}),
		otelhttp.WithSpanNameFormatter(func(_ string, r *http.Request) string {
			return spanMethod(r.Method) + " " + spanPath(r.URL.Path)
		}))
}

// spanPath is the path of the service's own endpoints, else the first segment of a static
// asset's path (/playground/…, /explore/…), else "/*".
func spanPath(p string) string {
	switch p {
	case "/", "/query", "/explore", "/healthz", "/readyz":
		return p
	}
	for _, prefix := range []string{"/playground/", "/explore/"} {
		if strings.HasPrefix(p, prefix) {
			return prefix + "*"
		}
	}
	return "/*"
}

// spanMethod is the method when it is one of HTTP's, else "_OTHER" (as OpenTelemetry's
// conventions name it).
func spanMethod(m string) string {
	switch m {
	case http.MethodGet, http.MethodHead, http.MethodPost, http.MethodPut, http.MethodPatch,
		http.MethodDelete, http.MethodConnect, http.MethodOptions, http.MethodTrace:
		return m
	}
	return "_OTHER"
}

// TraceOperations is the gqlgen extension that opens a span for each GraphQL operation, a
// child of the request's span (graph.WithExtension adds it).
//
// It is a small extension of the handler rather than a contributed tracer: the packages that
// trace gqlgen open a span for every resolved field (hundreds for one list query) and record
// the query's text, which holds the values the client wrote in it; this one records only the
// operation's name and type and the codes of its errors.
//
// The span is named after the operation's type and name; the name comes from a bounded set as
// the metrics' labels do (operationLabels, in metrics.go), and the graphql.operation.name
// attribute holds it cut to maxLoggedName bytes.
func TraceOperations(tp trace.TracerProvider) graphql.HandlerExtension {
	return operationTracer{tracer: tp.Tracer(tracerName), labels: newOperationLabels(maxOperationLabels)}
}

// operationTracer is a tracer with the bounded set of operation names its spans are named with.
type operationTracer struct {
	tracer trace.Tracer
	labels *operationLabels
}

var _ graphql.OperationInterceptor = operationTracer{}

func (operationTracer) ExtensionName() string                   { return "OperationTracer" }
func (operationTracer) Validate(graphql.ExecutableSchema) error { return nil }
func (t operationTracer) InterceptOperation(ctx context.Context, next graphql.OperationHandler) graphql.ResponseHandler {
	oc := graphql.GetOperationContext(ctx)
	kind, name := "query", graph.OperationName(oc)
	if oc.Operation != nil {
		kind = string(oc.Operation.Operation)
	}
	spanName := kind
	if name != "" {
		spanName += " " + t.labels.label(name)
	}
	ctx, span := t.tracer.Start(ctx, spanName, trace.WithSpanKind(trace.SpanKindInternal),
		trace.WithAttributes(attribute.String("graphql.operation.type", kind)))
	if name != "" {
		span.SetAttributes(attribute.String("graphql.operation.name", Cut(name, maxLoggedName)))
	}
	h := next(ctx)
	ended := false
	return func(rctx context.Context) *graphql.Response {
		resp := h(trace.ContextWithSpan(rctx, span))
		if !ended {
			ended = true
			if resp != nil && len(resp.Errors) > 0 {
				code, _ := resp.Errors[0].Extensions["code"].(string)
				span.SetAttributes(attribute.String("graphql.error.code", code), attribute.Int("graphql.errors", len(resp.Errors)))
				span.SetStatus(codes.Error, code)
			}
			span.End()
		}
		return resp
	}
}

// CypherTracer returns the store observer that opens a client span for each Cypher statement:
// db.system neo4j, the database's name, and the statement's name as db.statement (never its
// text or parameters).
func CypherTracer(tp trace.TracerProvider, database string) neo4jstore.Observer {
	return cypherTracer{tracer: tp.Tracer(tracerName), database: database}
}

type cypherTracer struct {
	tracer   trace.Tracer
	database string
}

func (c cypherTracer) Statement(ctx context.Context, name string) (context.Context, func(error)) {
	ctx, span := c.tracer.Start(ctx, "cypher "+name, trace.WithSpanKind(trace.SpanKindClient),
		trace.WithAttributes(
			attribute.String("db.system", "neo4j"),
			attribute.String("db.system.name", "neo4j"),
			attribute.String("db.namespace", c.database),
			attribute.String("db.statement", name),
			attribute.String("db.query.summary", name)))
	return ctx, func(err error) {
		if outcome := neo4jstore.Outcome(err); outcome != "ok" {
			span.SetAttributes(attribute.String("error.type", outcome))
			span.SetStatus(codes.Error, outcome)
		}
		span.End()
	}
}

func (cypherTracer) Transaction(context.Context, bool) func() { return func() {} }
