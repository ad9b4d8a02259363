package telemetry_test

import (
	"bytes"
	"context"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/aspgraph/aspgraph/aspnet"
	"github.com/aspgraph/aspgraph/graph"
	"github.com/aspgraph/aspgraph/telemetry"
)

// hesitantStore is the real store whose All waits until its caller gives up before it asks
// Neo4j, as a slow statement meets a client that disconnects.
type hesitantStore struct {
	graph.Store
	started chan struct{}
}

func (s hesitantStore) All(ctx context.Context, k aspnet.Kind) ([]aspnet.Node, error) {
	close(s.started)
	<-ctx.Done()
	return s.Store.All(ctx, k)
}

// TestClientThatGoesAwayIsNoServerError cancels a request while the real store works on it:
// the service logs it at info level with the request ID, never as an internal error, and
// counts it as CANCELED, apart from its own errors.
func TestClientThatGoesAwayIsNoServerError(t *testing.T) {
	var logs bytes.Buffer
	reg := prometheus.NewRegistry()
	log := slog.New(slog.NewJSONHandler(&logs, nil))
	store := hesitantStore{Store: knowledgeGraph(t), started: make(chan struct{})}
	h := telemetry.RequestIDs(graph.NewHandler(store, log, graph.WithObserver(telemetry.Observe(log, telemetry.NewMetrics(reg)))))

	ctx, cancel := context.WithCancel(context.Background())
	go func() {
		<-store.started
		time.Sleep(20 * time.Millisecond)
		cancel()
	}()
	req := httptest.NewRequestWithContext(ctx, http.MethodPost, "/query", strings.NewReader(`{"query":"query Nets { networks { name } }"}`))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("X-Request-ID", "gone-1")
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)

	if strings.Contains(logs.String(), `"level":"ERROR"`) || strings.Contains(logs.String(), "INTERNAL_SERVER_ERROR") {
		t.Errorf("a cancelled request was logged as an error: %s", logs.String())
	}
	if !strings.Contains(logs.String(), `"msg":"request canceled by the client"`) || !strings.Contains(logs.String(), `"request_id":"gone-1"`) {
		t.Errorf("the log does not say that request gone-1 was cancelled: %s", logs.String())
	}
	if got := requestsCounted(t, reg, graph.CodeCanceled); got != 1 {
		t.Errorf("requests counted CANCELED: %v, want 1", got)
	}
	for _, outcome := range []string{"INTERNAL_SERVER_ERROR", "SERVICE_UNAVAILABLE", "TIMEOUT"} {
		if got := requestsCounted(t, reg, outcome); got != 0 {
			t.Errorf("requests counted %s: %v, want 0", outcome, got)
		}
	}
}

// requestsCounted reads aspgraph_graphql_requests_total for the outcome.
func requestsCounted(t *testing.T, reg *prometheus.Registry, outcome string) float64 {
	t.Helper()
	families, err := reg.Gather()
	if err != nil {
		t.Fatal(err)
	}
	var n float64
	for _, f := range families {
		if f.GetName() != "aspgraph_graphql_requests_total" {
			continue
		}
		for _, m := range f.GetMetric() {
			for _, l := range m.GetLabel() {
				if l.GetName() == "outcome" && l.GetValue() == outcome {
					n += m.GetCounter().GetValue()
				}
			}
		}
	}
	return n
}
