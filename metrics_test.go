package main

import (
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/aspgraph/aspgraph/httpapi"
)

// TestMetricsAfterQueries serves the routes over the test Neo4j, answers a query and checks
// that /metrics, on the telemetry listener, then shows the operation, the Cypher statement it
// ran by name and outcome, the transactions in flight (none once it is answered), and the Go
// runtime and process metrics; the API's port answers 404 at /metrics and /debug/pprof/.
func TestMetricsAfterQueries(t *testing.T) {
	requireNeo4j(t)
	t.Setenv("REQUEST_TIMEOUT", "1m") // a shared machine can be slow to plan a first query
	cfg, err := loadConfig(os.Getenv)
	if err != nil {
		t.Fatal(err)
	}
	api, reg := wiredAPI(t, cfg)
	srv := httptest.NewServer(api)
	defer srv.Close()
	telemetry := httptest.NewServer(httpapi.MetricsHandler(reg, "127.0.0.1:9090"))
	defer telemetry.Close()

	for range 3 {
		resp, err := http.Post(srv.URL+"/query", "application/json",
			strings.NewReader(`{"query":"query FirstSchools { schools(first: 2) { totalCount } }","operationName":"FirstSchools"}`))
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		_ = resp.Body.Close()
		if resp.StatusCode != http.StatusOK || strings.Contains(string(body), `"errors"`) {
			t.Fatalf("query: HTTP %d %s", resp.StatusCode, body)
		}
	}
	for _, path := range []string{"/metrics", "/debug/pprof/", "/debug/pprof/heap"} {
		resp, err := http.Get(srv.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(resp.Body)
		_ = resp.Body.Close()
		if resp.StatusCode != http.StatusNotFound || strings.Contains(string(b), "aspgraph_") || strings.Contains(string(b), "goroutine") {
			t.Errorf("the API's port answers %s with HTTP %d: %.200s", path, resp.StatusCode, b)
		}
	}
	if resp, err := http.Get(telemetry.URL + "/debug/pprof/"); err != nil || resp.StatusCode != http.StatusOK {
		t.Errorf("pprof on the loopback telemetry listener: %v %v", resp, err)
	} else {
		_ = resp.Body.Close()
	}
	resp, err := http.Get(telemetry.URL + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	_ = resp.Body.Close()
	metrics := string(b)
	for _, want := range []string{
		`aspgraph_cypher_duration_seconds_count{outcome="ok",statement="schools"} 3`,
		`aspgraph_cypher_duration_seconds_bucket{outcome="ok",statement="schools",le="+Inf"} 3`,
		`aspgraph_graphql_requests_total{operation="FirstSchools",outcome="ok"} 3`,
		`aspgraph_neo4j_transactions_in_flight{access="read"} 0`,
		`aspgraph_neo4j_transactions_in_flight{access="write"} 0`,
	} {
		if !strings.Contains(metrics, want) {
			t.Errorf("/metrics lacks %s", want)
		}
	}
	for _, name := range []string{"go_goroutines", "go_memstats_heap_alloc_bytes", "go_gc_duration_seconds", "process_resident_memory_bytes", "process_cpu_seconds_total"} {
		if !regexp.MustCompile(`(?m)^` + name + `[ {]`).MatchString(metrics) {
			t.Errorf("/metrics lacks the runtime metric %s", name)
		}
	}
	if t.Failed() {
		t.Logf("/metrics:\n%s", metrics)
	}
}
