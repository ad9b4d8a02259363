package main

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"
)

// TestServe runs the service as `aspgraph serve` does, against the test Neo4j: it loads the
// knowledge graph, answers GraphQL, health and readiness checks, and shuts down on cancel.
func TestServe(t *testing.T) {
	requireNeo4j(t)
	port := freePort(t)
	t.Setenv("PORT", strconv.Itoa(port))
	metricsAddr := freeLoopback(t)
	t.Setenv("METRICS_ADDR", metricsAddr)
	ctx, cancel := context.WithCancel(context.Background())
	done := serveInBackground(ctx, slog.New(slog.DiscardHandler))

	base := "http://127.0.0.1:" + strconv.Itoa(port)
	deadline := time.Now().Add(3 * time.Minute) // loading takes long on a busy shared machine
	for {
		resp, err := http.Get(base + "/readyz")
		if err == nil {
			_ = resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				break
			}
		}
		select {
		case code := <-done:
			t.Fatalf("serve exited %d before it was ready", code)
		case <-time.After(200 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			t.Fatal("the service did not become ready within 3 minutes")
		}
	}

	resp, err := http.Post(base+"/query", "application/json", strings.NewReader(`{"query":"{ networks { name scope } }"}`))
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	_ = resp.Body.Close()
	if !strings.Contains(string(body), `"scope":"GLOBAL"`) || resp.Header.Get("X-Request-ID") == "" {
		t.Errorf("query answered %s (request ID %q)", body, resp.Header.Get("X-Request-ID"))
	}
	for name, want := range map[string]string{"X-Content-Type-Options": "nosniff", "X-Frame-Options": "DENY", "Referrer-Policy": "no-referrer"} {
		if got := resp.Header.Get(name); got != want {
			t.Errorf("header %s = %q, want %q", name, got, want)
		}
	}

	req, _ := http.NewRequest(http.MethodOptions, base+"/query", nil)
	req.Header.Set("Origin", "https://dashboard.example")
	req.Header.Set("Access-Control-Request-Method", "POST")
	resp, err = http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	_ = resp.Body.Close()
	if resp.Header.Get("Access-Control-Allow-Origin") == "" {
		t.Error("CORS preflight was not answered")
	}

	resp, err = http.Get(base + "/")
	if err != nil {
		t.Fatal(err)
	}
	page, _ := io.ReadAll(resp.Body)
	_ = resp.Body.Close()
	if !strings.Contains(string(page), "graphiql") && !strings.Contains(strings.ToLower(string(page)), "graphiql") {
		t.Error("the playground is not served at /")
	}

	// Metrics are served on METRICS_ADDR alone; the API's port has none.
	resp, err = http.Get(base + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	_ = resp.Body.Close()
	if resp.StatusCode != http.StatusNotFound {
		t.Errorf("the API's port answers /metrics with HTTP %d, want 404", resp.StatusCode)
	}
	resp, err = http.Get("http://" + metricsAddr + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	metrics, _ := io.ReadAll(resp.Body)
	_ = resp.Body.Close()
	if !strings.Contains(string(metrics), `aspgraph_graphql_requests_total{operation="query",outcome="ok"} 1`) ||
		!strings.Contains(string(metrics), "go_goroutines") {
		t.Errorf("/metrics lacks the operation counter or the Go runtime: %.2000s", metrics)
	}

	cancel()
	select {
	case code := <-done:
		if code != 0 {
			t.Errorf("serve exited %d", code)
		}
	case <-time.After(15 * time.Second):
		t.Fatal("serve did not shut down within 15 s")
	}
}
