package graph_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/aspgraph/aspgraph/aspnet"
	"github.com/aspgraph/aspgraph/data"
	"github.com/aspgraph/aspgraph/graph"
	"github.com/aspgraph/aspgraph/neo4jstore"
	"github.com/aspgraph/aspgraph/neo4jstore/neo4jtest"
)

var update = flag.Bool("update", false, "rewrite the golden responses in testdata/golden")

var (
	loadOnce sync.Once
	loaded   *data.Dataset
)

// knowledgeGraph connects to the test Neo4j and loads the knowledge graph once per run.
func knowledgeGraph(t testing.TB) *neo4jstore.Store {
	t.Helper()
	s := neo4jtest.Open(t)
	loadOnce.Do(func() { loaded = neo4jtest.LoadKnowledgeGraph(t, s) })
	if loaded == nil {
		t.Fatal("the knowledge graph did not load")
	}
	return s
}

type gqlError struct {
	Message    string         `json:"message"`
	Path       []any          `json:"path"`
	Extensions map[string]any `json:"extensions"`
}

type response struct {
	Data   json.RawMessage `json:"data"`
	Errors []gqlError      `json:"errors"`
	raw    []byte
}

// post sends one GraphQL request through the real handler.
func post(t *testing.T, ctx context.Context, h http.Handler, query string, vars map[string]any) response {
	t.Helper()
	body, _ := json.Marshal(map[string]any{"query": query, "variables": vars})
	req := httptest.NewRequestWithContext(ctx, http.MethodPost, "/query", bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	if rec.Code != http.StatusOK {
		// Under application/json every well-formed request is answered 200, errors included.
		t.Fatalf("HTTP %d: %s", rec.Code, rec.Body)
	}
	var r response
	if err := json.Unmarshal(rec.Body.Bytes(), &r); err != nil {
		t.Fatalf("response is not JSON: %v\n%s", err, rec.Body)
	}
	r.raw = rec.Body.Bytes()
	return r
}

func handler(s graph.Store, log *slog.Logger) http.Handler {
	if log == nil {
		log = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	return graph.RequestIDs(graph.NewHandler(s, log))
}

func id(k aspnet.Kind, key string) string { return aspnet.EncodeID(k, key) }

// golden compares a response with testdata/golden/NAME.json; -update rewrites the file.
func golden(t *testing.T, name string, r response) {
	t.Helper()
	var v any
	if err := json.Unmarshal(r.raw, &v); err != nil {
		t.Fatal(err)
	}
	got, _ := json.MarshalIndent(v, "", "  ")
	got = append(got, '\n')
	path := filepath.Join("testdata", "golden", name+".json")
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("no golden response (run go test ./graph/ -update): %v", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("response differs from %s (rerun with -update if the change is intended):\n%s", path, lineDiff(string(want), string(got)))
	}
}

// lineDiff shows the first lines where two texts differ.
func lineDiff(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	var b strings.Builder
	shown := 0
	for i := 0; i < len(w) || i < len(g); i++ {
		var wl, gl string
		if i < len(w) {
			wl = w[i]
		}
		if i < len(g) {
			gl = g[i]
		}
		if wl != gl {
			b.WriteString("line " + strconv.Itoa(i+1) + ":\n- " + wl + "\n+ " + gl + "\n")
			if shown++; shown == 10 {
				break
			}
		}
	}
	return b.String()
}

func decode[T any](t *testing.T, r response) T {
	t.Helper()
	if len(r.Errors) > 0 {
		t.Fatalf("errors: %s", r.raw)
	}
	var v T
	if err := json.Unmarshal(r.Data, &v); err != nil {
		t.Fatalf("decoding %s: %v", r.Data, err)
	}
	return v
}

type citation struct {
	Quote  string `json:"quote"`
	Source struct {
		ID    string `json:"id"`
		Title string `json:"title"`
	} `json:"source"`
}

// citesSeed reports whether one of the citations is the seed document with a quote
// containing every fragment.
func citesSeed(cs []citation, fragments ...string) bool {
	for _, c := range cs {
		if c.Source.ID != id(aspnet.KindSource, seedSource) {
			continue
		}
		ok := true
		for _, f := range fragments {
			ok = ok && strings.Contains(c.Quote, f)
		}
		if ok {
			return true
		}
	}
	return false
}

const seedSource = "src-seed-2016-almaty"

var errBoom = errors.New("neo4j: connection to 10.0.0.7:7687 refused, password=hunter2")
