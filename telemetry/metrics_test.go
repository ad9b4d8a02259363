package telemetry_test

import (
	"bytes"
	"encoding/json"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/aspgraph/aspgraph/graph"
	"github.com/aspgraph/aspgraph/telemetry"
)

// operationLabels lists the values of the operation label of aspgraph_graphql_requests_total
// in reg, with their counts.
func operationLabels(t *testing.T, reg *prometheus.Registry) map[string]float64 {
	t.Helper()
	families, err := reg.Gather()
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]float64{}
	for _, f := range families {
		if f.GetName() != "aspgraph_graphql_requests_total" {
			continue
		}
		for _, m := range f.GetMetric() {
			for _, l := range m.GetLabel() {
				if l.GetName() == "operation" {
					got[l.GetValue()] += m.GetCounter().GetValue()
				}
			}
		}
	}
	return got
}

func postQuery(t *testing.T, h http.Handler, body string) *httptest.ResponseRecorder {
	t.Helper()
	req := httptest.NewRequest(http.MethodPost, "/query", strings.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec
}

// TestOperationNamesLabelABoundedSet sends 1,000 operations of distinct names: the metrics
// label the first 100 by name and all the others "other", so that the label set stays
// bounded; a name seen again keeps its label.
func TestOperationNamesLabelABoundedSet(t *testing.T) {
	reg := prometheus.NewRegistry()
	h := graph.NewHandler(knowledgeGraph(t), discard(), graph.WithObserver(telemetry.Observe(discard(), telemetry.NewMetrics(reg))))
	for i := range 1000 {
		rec := postQuery(t, h, `{"query":"query Op`+strconv.Itoa(i)+` { __typename }"}`)
		if rec.Code != http.StatusOK || strings.Contains(rec.Body.String(), "errors") {
			t.Fatalf("operation %d: HTTP %d %s", i, rec.Code, rec.Body)
		}
	}
	postQuery(t, h, `{"query":"query Op7 { __typename }"}`)
	postQuery(t, h, `{"query":"{ __typename }"}`)
	got := operationLabels(t, reg)
	if len(got) != 102 || got["other"] != 900 || got["Op7"] != 2 || got["Op99"] != 1 || got["query"] != 1 {
		t.Errorf("%d operation labels (other %v, Op7 %v, Op99 %v, query %v); want 100 names, query and other (900)",
			len(got), got["other"], got["Op7"], got["Op99"], got["query"])
	}
}

// TestAllowListNamesAreTheLabels: with an allow-list, its operation names are the only labels
// besides "other", whatever names clients send.
func TestAllowListNamesAreTheLabels(t *testing.T) {
	list, err := graph.NewAllowList(map[string]string{"kinds": "query Kinds { __typename }"})
	if err != nil {
		t.Fatal(err)
	}
	reg := prometheus.NewRegistry()
	m := telemetry.NewMetrics(reg)
	m.KnowOperations(list.OperationNames())
	h := graph.NewHandler(knowledgeGraph(t), discard(), graph.WithObserver(telemetry.Observe(discard(), m)), graph.WithAllowList(list))
	postQuery(t, h, `{"query":"query Kinds { __typename }"}`)
	for i := range 20 {
		postQuery(t, h, `{"query":"query Guess`+strconv.Itoa(i)+` { __typename }"}`)
	}
	got := operationLabels(t, reg)
	for name := range got {
		if name != "Kinds" && name != "other" && name != "-" && name != "query" {
			t.Errorf("label %q is not on the allow-list", name)
		}
	}
	if got["Kinds"] != 1 {
		t.Errorf("labels %v: want Kinds once", got)
	}
}

// TestLongOperationNameIsCutInTheLog sends an operation named with 1 MiB of letters: its log
// line holds the name cut to 128 bytes and says how long it was, and the metrics label it
// "other".
func TestLongOperationNameIsCutInTheLog(t *testing.T) {
	var logs bytes.Buffer
	reg := prometheus.NewRegistry()
	limits := graph.DefaultLimits
	limits.MaxBodyBytes = 2 << 20
	log := slog.New(slog.NewJSONHandler(&logs, nil))
	h := graph.NewHandler(knowledgeGraph(t), log, graph.WithObserver(telemetry.Observe(log, telemetry.NewMetrics(reg))), graph.WithLimits(limits))
	name := "Q" + strings.Repeat("x", 1<<20-1)
	rec := postQuery(t, h, `{"query":"query `+name+` { __typename }"}`)
	if rec.Code != http.StatusOK || strings.Contains(rec.Body.String(), `"errors"`) {
		t.Fatalf("HTTP %d %.300s", rec.Code, rec.Body)
	}
	var line map[string]any
	for _, l := range strings.Split(logs.String(), "\n") {
		if strings.Contains(l, `"msg":"graphql"`) {
			if err := json.Unmarshal([]byte(l), &line); err != nil {
				t.Fatal(err)
			}
			if len(l) > 1024 {
				t.Errorf("the log line is %d bytes long", len(l))
			}
		}
	}
	op, _ := line["operation"].(string)
	if !strings.HasPrefix(op, name[:128]) || !strings.HasSuffix(op, "(cut: 1048576 bytes)") || len(op) > 200 {
		t.Errorf("logged operation %.300q; want its first 128 bytes and its length", op)
	}
	if got := operationLabels(t, reg); len(got) != 1 || got["other"] != 1 {
		t.Errorf("labels %v; want other", got)
	}
}
