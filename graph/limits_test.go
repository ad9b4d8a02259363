package graph_test

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/aspgraph/aspgraph/aspnet"
	"github.com/aspgraph/aspgraph/graph"
)

// TestLimitsRefuseBeforeCypher sends operations over each limit and checks that each is
// refused with its code, a message naming the limit, and no Cypher round trip at all.
func TestLimitsRefuseBeforeCypher(t *testing.T) {
	h := handler(knowledgeGraph(t), nil)
	deep := "{ events { edges { node { " + strings.Repeat("partOf { ", 11) + "name" + strings.Repeat(" }", 11) + " } } } }"
	var wide strings.Builder
	wide.WriteString("{")
	for i := range 501 {
		wide.WriteString(" a" + strings.Repeat("x", i%7) + strconv.Itoa(i) + ": __typename")
	}
	wide.WriteString(" }")
	tests := []struct {
		name, query, code, says string
	}{
		{"Depth", deep, graph.CodeDepthLimit, "limit is 12"},
		{"Fields", wide.String(), graph.CodeFieldsLimit, "limit is 500"},
		{"Complexity", `{ keyAreas { schools(first: 100) { edges { node { events { organizers { name } } } } } } }`, "COMPLEXITY_LIMIT_EXCEEDED", "complexity"},
		{"Tokens", "{" + strings.Repeat(" __typename", 16000) + " }", "", "token limit"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ctx, n := aspnet.WithRoundTripCounter(context.Background())
			r := post(t, ctx, h, tc.query, nil)
			if len(r.Errors) == 0 {
				t.Fatalf("not refused: %.300s", r.raw)
			}
			e := r.Errors[0]
			if (tc.code != "" && e.Extensions["code"] != tc.code) || !strings.Contains(e.Message, tc.says) {
				t.Errorf("got %q (code %v), want code %s and a message with %q", e.Message, e.Extensions["code"], tc.code, tc.says)
			}
			if n.Load() != 0 {
				t.Errorf("%d Cypher round trips ran for a refused operation", n.Load())
			}
		})
	}
	t.Run("WithinLimitsRuns", func(t *testing.T) {
		r := post(t, context.Background(), h, `{ keyAreas { schools(first: 5) { edges { node { events { organizers { name } } } } } } }`, nil)
		if len(r.Errors) > 0 {
			t.Errorf("refused: %s", r.raw)
		}
	})
}

func TestHTTPLimits(t *testing.T) {
	h := handler(knowledgeGraph(t), nil)
	send := func(body []byte, contentLength bool) *httptest.ResponseRecorder {
		req := httptest.NewRequest(http.MethodPost, "/query", io.NopCloser(bytes.NewReader(body)))
		if !contentLength {
			req.ContentLength = -1
		}
		req.Header.Set("Content-Type", "application/json")
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		return rec
	}
	big := []byte(`{"query":"{ networks { name } }","variables":{"pad":"` + strings.Repeat("x", 1<<20) + `"}}`)
	for _, known := range []bool{true, false} {
		if rec := send(big, known); rec.Code != http.StatusRequestEntityTooLarge || !strings.Contains(rec.Body.String(), "PAYLOAD_TOO_LARGE") {
			t.Errorf("a body over 1 MiB (length known: %v): HTTP %d %s", known, rec.Code, rec.Body)
		}
	}
	if rec := send([]byte(`{"query": "{ networks { name } }"`), true); rec.Code != http.StatusBadRequest {
		t.Errorf("malformed JSON: HTTP %d %s", rec.Code, rec.Body)
	}
	if rec := send([]byte(`{"query":"{ networks { name } }"}`), true); rec.Code != http.StatusOK {
		t.Errorf("a small request: HTTP %d %s", rec.Code, rec.Body)
	}
}

// slowStore is the real store behind a delay longer than the operation's time limit.
type slowStore struct{ graph.Store }

func (s slowStore) All(ctx context.Context, k aspnet.Kind) ([]aspnet.Node, error) {
	<-ctx.Done()
	return s.Store.All(ctx, k)
}

func TestTimeout(t *testing.T) {
	s := slowStore{knowledgeGraph(t)}
	h := served(graph.NewHandler(s, slog.New(slog.NewTextHandler(io.Discard, nil)), graph.WithTimeout(50*time.Millisecond)))
	r := post(t, context.Background(), h, `{ networks { name } }`, nil)
	if len(r.Errors) == 0 || r.Errors[0].Extensions["code"] != "TIMEOUT" {
		t.Errorf("got %s, want TIMEOUT", r.raw)
	}
}
