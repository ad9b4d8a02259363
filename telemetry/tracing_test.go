package telemetry_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"go.opentelemetry.io/otel"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	"go.opentelemetry.io/otel/sdk/trace/tracetest"
	"go.opentelemetry.io/otel/trace"
	collectortrace "go.opentelemetry.io/proto/otlp/collector/trace/v1"
	"google.golang.org/protobuf/proto"

	"github.com/aspgraph/aspgraph/graph"
	"github.com/aspgraph/aspgraph/telemetry"
)

// TestTracingSpans answers one query through the traced handler over the real knowledge
// graph and checks the span tree: the HTTP request's server span continues the caller's
// trace, the GraphQL operation is its child, and every Cypher statement is a client span
// below the operation with db.system neo4j and the statement's name; no span carries the
// value the client sent.
func TestTracingSpans(t *testing.T) {
	rec := tracetest.NewSpanRecorder()
	tp := sdktrace.NewTracerProvider(sdktrace.WithSpanProcessor(rec))
	t.Cleanup(func() { _ = tp.Shutdown(context.Background()) })
	store := knowledgeGraph(t).WithObserver(telemetry.CypherTracer(tp, "neo4j"))
	h := telemetry.TraceHTTP(tp, telemetry.RequestIDs(graph.NewHandler(store, discard(), graph.WithExtension(telemetry.TraceOperations(tp)), graph.WithTimeout(time.Minute))))

	const secret = "No. 1"
	body, _ := json.Marshal(map[string]any{
		"query":         `query SchoolsIn($q: String) { schools(filter: {nameContains: $q}, first: 3) { totalCount edges { node { name city { name } keyAreas { name } } } } }`,
		"operationName": "SchoolsIn",
		"variables":     map[string]any{"q": secret},
	})
	req := httptest.NewRequest(http.MethodPost, "/query", bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	const traceID = "4bf92f3577b34da6a3ce929d0e0e4736"
	req.Header.Set("traceparent", "00-"+traceID+"-00f067aa0ba902b7-01")
	w := httptest.NewRecorder()
	h.ServeHTTP(w, req)
	if w.Code != http.StatusOK || !strings.Contains(w.Body.String(), `"city":{"name":"Almaty"}`) || strings.Contains(w.Body.String(), `"errors"`) {
		t.Fatalf("HTTP %d: %s", w.Code, w.Body)
	}

	spans := rec.Ended()
	byID := map[trace.SpanID]sdktrace.ReadOnlySpan{}
	for _, s := range spans {
		byID[s.SpanContext().SpanID()] = s
		if got := s.SpanContext().TraceID().String(); got != traceID {
			t.Errorf("span %q is in trace %s, not the caller's %s", s.Name(), got, traceID)
		}
		for _, a := range s.Attributes() {
			if strings.Contains(strings.ToLower(a.Value.String()), strings.ToLower(secret)) {
				t.Errorf("span %q carries the client's value in %s=%q", s.Name(), a.Key, a.Value.String())
			}
		}
	}
	var server, op sdktrace.ReadOnlySpan
	var cypher []sdktrace.ReadOnlySpan
	for _, s := range spans {
		switch {
		case s.SpanKind() == trace.SpanKindServer:
			server = s
		case s.Name() == "query SchoolsIn":
			op = s
		case s.SpanKind() == trace.SpanKindClient:
			cypher = append(cypher, s)
		}
	}
	if server == nil || server.Name() != "POST /query" {
		t.Fatalf("no server span named POST /query among %d spans", len(spans))
	}
	if op == nil || op.Parent().SpanID() != server.SpanContext().SpanID() {
		t.Fatalf("the operation span is missing or not a child of the request's span")
	}
	if got := attr(op, "graphql.operation.name"); got != "SchoolsIn" {
		t.Errorf("graphql.operation.name = %q", got)
	}
	names := map[string]bool{}
	for _, s := range cypher {
		names[attr(s, "db.statement")] = true
		if attr(s, "db.system") != "neo4j" || s.Name() != "cypher "+attr(s, "db.statement") {
			t.Errorf("cypher span %q: db.system %q, db.statement %q", s.Name(), attr(s, "db.system"), attr(s, "db.statement"))
		}
		// The statement's span is below the operation's (directly, or through a parent span).
		p := s.Parent().SpanID()
		for p.IsValid() && p != op.SpanContext().SpanID() {
			parent, ok := byID[p]
			if !ok {
				break
			}
			p = parent.Parent().SpanID()
		}
		if p != op.SpanContext().SpanID() {
			t.Errorf("cypher span %q is not below the operation's span", s.Name())
		}
	}
	// The page of schools (their cities would come along), then their key areas in one batch.
	if !names["schools"] || !names["rel_school_key_areas"] || len(cypher) != 2 {
		t.Errorf("cypher spans %v, want schools and rel_school_key_areas, one each", names)
	}
}

func attr(s sdktrace.ReadOnlySpan, key string) string {
	for _, a := range s.Attributes() {
		if string(a.Key) == key {
			return a.Value.String()
		}
	}
	return ""
}

// TestStartTracingExportsOverOTLP configures the real OTLP/HTTP exporter through the standard
// variables, pointed at a receiver in the test, and checks that a statement's span arrives
// there as an OTLP protobuf export with the service's name.
func TestStartTracingExportsOverOTLP(t *testing.T) {
	var mu sync.Mutex
	var got []*collectortrace.ExportTraceServiceRequest
	var path, contentType string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		var req collectortrace.ExportTraceServiceRequest
		if err := proto.Unmarshal(b, &req); err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		mu.Lock()
		got = append(got, &req)
		path, contentType = r.URL.Path, r.Header.Get("Content-Type")
		mu.Unlock()
		w.Header().Set("Content-Type", "application/x-protobuf")
		out, _ := proto.Marshal(&collectortrace.ExportTraceServiceResponse{})
		_, _ = w.Write(out)
	}))
	defer srv.Close()
	t.Setenv("OTEL_EXPORTER_OTLP_ENDPOINT", srv.URL)
	t.Setenv("OTEL_TRACES_EXPORTER", "")
	t.Setenv("OTEL_SERVICE_NAME", "")
	t.Setenv("OTEL_RESOURCE_ATTRIBUTES", "deployment.environment=test")
	prev := otel.GetTracerProvider()
	t.Cleanup(func() { otel.SetTracerProvider(prev) })

	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	tp, shutdown, err := telemetry.StartTracing(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if otel.GetTracerProvider() != tp {
		t.Error("StartTracing did not install its provider globally")
	}
	_, done := telemetry.CypherTracer(otel.GetTracerProvider(), "neo4j").Statement(ctx, "schools")
	done(nil)
	if err := shutdown(ctx); err != nil {
		t.Fatal(err)
	}

	mu.Lock()
	defer mu.Unlock()
	if len(got) == 0 {
		t.Fatal("the receiver got no export")
	}
	if path != "/v1/traces" || contentType != "application/x-protobuf" {
		t.Errorf("export to %s as %s", path, contentType)
	}
	var names []string
	service, env := "", ""
	for _, req := range got {
		for _, rs := range req.ResourceSpans {
			for _, a := range rs.Resource.Attributes {
				switch a.Key {
				case "service.name":
					service = a.Value.GetStringValue()
				case "deployment.environment":
					env = a.Value.GetStringValue()
				}
			}
			for _, ss := range rs.ScopeSpans {
				for _, s := range ss.Spans {
					names = append(names, s.Name)
					for _, a := range s.Attributes {
						if a.Key == "db.system" && a.Value.GetStringValue() != "neo4j" {
							t.Errorf("db.system = %v", a.Value)
						}
					}
				}
			}
		}
	}
	if len(names) != 1 || names[0] != "cypher schools" || service != "aspgraph" || env != "test" {
		t.Errorf("exported spans %v from service %q (environment %q)", names, service, env)
	}
}

func TestTracingConfigured(t *testing.T) {
	for _, c := range []struct {
		env     map[string]string
		on, bad bool
	}{
		{env: nil},
		{env: map[string]string{"OTEL_EXPORTER_OTLP_ENDPOINT": "http://127.0.0.1:4318"}, on: true},
		{env: map[string]string{"OTEL_EXPORTER_OTLP_TRACES_ENDPOINT": "http://127.0.0.1:4318/v1/traces"}, on: true},
		{env: map[string]string{"OTEL_TRACES_EXPORTER": "otlp"}, on: true},
		{env: map[string]string{"OTEL_TRACES_EXPORTER": "none", "OTEL_EXPORTER_OTLP_ENDPOINT": "http://x"}},
		{env: map[string]string{"OTEL_SDK_DISABLED": "true", "OTEL_TRACES_EXPORTER": "otlp"}},
		{env: map[string]string{"OTEL_TRACES_EXPORTER": "zipkin"}, bad: true},
		{env: map[string]string{"OTEL_TRACES_EXPORTER": "otlp", "OTEL_EXPORTER_OTLP_PROTOCOL": "grpc"}, bad: true},
		{env: map[string]string{"OTEL_TRACES_EXPORTER": "otlp", "OTEL_EXPORTER_OTLP_TRACES_PROTOCOL": "http/protobuf", "OTEL_EXPORTER_OTLP_PROTOCOL": "grpc"}, on: true},
	} {
		on, err := telemetry.TracingConfigured(func(k string) string { return c.env[k] })
		if on != c.on || (err != nil) != c.bad {
			t.Errorf("%v: on %v, error %v; want on %v, error %v", c.env, on, err, c.on, c.bad)
		}
	}
}
