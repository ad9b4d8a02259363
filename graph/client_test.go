package graph_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
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
	"time"

	"github.com/aspgraph/aspgraph/aspnet"
	"github.com/aspgraph/aspgraph/auth"
	"github.com/aspgraph/aspgraph/data"
	"github.com/aspgraph/aspgraph/graph"
	"github.com/aspgraph/aspgraph/neo4jstore"
	"github.com/aspgraph/aspgraph/neo4jstore/neo4jtest"
	"github.com/aspgraph/aspgraph/telemetry"
)

// What the end-to-end tests share: the knowledge graph in the test Neo4j, the endpoint over
// it, the one GraphQL client that speaks to the endpoint, and the golden responses.

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

// writable connects to the knowledge graph and puts it back as data/ has it when the test
// ends, so that what the test wrote does not reach other tests.
func writable(t *testing.T) *neo4jstore.Store {
	t.Helper()
	s := knowledgeGraph(t)
	t.Cleanup(func() { neo4jtest.Reset(t, s, loaded) })
	return s
}

// snapshot is the whole graph as text, to tell whether a request changed it.
func snapshot(t *testing.T, s *neo4jstore.Store) string {
	t.Helper()
	snap, err := s.Snapshot(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return snap
}

// handler is the GraphQL endpoint over s as the service mounts it, logging to log (nowhere
// when nil).
func handler(s graph.Store, log *slog.Logger) http.Handler {
	if log == nil {
		log = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	return served(graph.NewHandler(s, log, graph.WithObserver(telemetry.Observe(log, nil))))
}

// served puts the GraphQL endpoint h behind the HTTP layers the tests rely on: request IDs
// and the body limit.
func served(h http.Handler) http.Handler {
	return telemetry.RequestIDs(graph.LimitBody(graph.DefaultLimits.MaxBodyBytes, h))
}

var testSecret = []byte("test-secret-0123456789abcdef0123456789")

// authHandler is the GraphQL endpoint over s behind authentication with keys, logging to log.
func authHandler(s graph.Store, log *bytes.Buffer, keys auth.Keys, opts ...graph.Option) http.Handler {
	l := slog.New(slog.NewJSONHandler(log, nil))
	return served(auth.Authenticate(keys, graph.NewHandler(s, l, append(opts, graph.WithObserver(telemetry.Observe(l, nil)))...)))
}

// token mints a token for alice with the roles, valid for ttl from now.
func token(t *testing.T, secret []byte, roles []string, ttl time.Duration, now time.Time) string {
	t.Helper()
	tok, err := auth.MintToken(secret, "alice", roles, ttl, now)
	if err != nil {
		t.Fatal(err)
	}
	return tok
}

// editor is a client with an editor's token (alice's, signed with testSecret), over s behind
// a handler that checks tokens and logs to log.
func editor(t *testing.T, s graph.Store, log *bytes.Buffer) client {
	t.Helper()
	h := authHandler(s, log, auth.Keys{Secret: testSecret})
	return client{h: h, auth: "Bearer " + token(t, testSecret, []string{aspnet.RoleEditor}, time.Hour, time.Now())}
}

type gqlError struct {
	Message    string         `json:"message"`
	Path       []any          `json:"path"`
	Extensions map[string]any `json:"extensions"`
}

// response is an answer of the endpoint: its data and errors, the body as sent and the HTTP
// status.
type response struct {
	Data   json.RawMessage `json:"data"`
	Errors []gqlError      `json:"errors"`
	raw    []byte
	status int
}

// client is how the end-to-end tests speak to the endpoint: through the real handler, as a
// client over HTTP would, a JSON body POSTed to /query.
type client struct {
	h    http.Handler
	auth string          // the Authorization header; none when ""
	ctx  context.Context // the requests' context; context.Background() when nil
}

// anonymous is the client without its token.
func (c client) anonymous() client {
	c.auth = ""
	return c
}

// withContext is the client sending its requests with the context ctx.
func (c client) withContext(ctx context.Context) client {
	c.ctx = ctx
	return c
}

// send posts body, JSON-encoded unless it is []byte already, and decodes the answer; the error
// says the answer is not JSON. It leaves the test alone, for goroutines and fuzz targets.
func (c client) send(body any) (response, error) {
	b, ok := body.([]byte)
	if !ok {
		var err error
		if b, err = json.Marshal(body); err != nil {
			return response{}, err
		}
	}
	ctx := c.ctx
	if ctx == nil {
		ctx = context.Background()
	}
	req := httptest.NewRequestWithContext(ctx, http.MethodPost, "/query", bytes.NewReader(b))
	req.Header.Set("Content-Type", "application/json")
	if c.auth != "" {
		req.Header.Set("Authorization", c.auth)
	}
	rec := httptest.NewRecorder()
	c.h.ServeHTTP(rec, req)
	r := response{raw: rec.Body.Bytes(), status: rec.Code}
	if err := json.Unmarshal(r.raw, &r); err != nil {
		return r, fmt.Errorf("HTTP %d, not JSON: %w\n%s", rec.Code, err, r.raw)
	}
	return r, nil
}

// request sends a whole request body (with extensions, say); the test fails unless the
// answer is JSON.
func (c client) request(t testing.TB, body map[string]any) response {
	t.Helper()
	r, err := c.send(body)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// post sends one GraphQL request; the test fails unless it is answered 200 with JSON, as
// every well-formed request is under application/json, errors included.
func (c client) post(t testing.TB, query string, vars map[string]any) response {
	t.Helper()
	r := c.request(t, map[string]any{"query": query, "variables": vars})
	if r.status != http.StatusOK {
		t.Fatalf("HTTP %d: %s", r.status, r.raw)
	}
	return r
}

// must is post that fails the test on an error in the answer too.
func (c client) must(t testing.TB, query string, vars map[string]any) response {
	t.Helper()
	r := c.post(t, query, vars)
	if len(r.Errors) != 0 {
		t.Fatalf("%.80s: %s", query, r.raw)
	}
	return r
}

// post sends one GraphQL request through h without a token.
func post(t testing.TB, ctx context.Context, h http.Handler, query string, vars map[string]any) response {
	t.Helper()
	return client{h: h, ctx: ctx}.post(t, query, vars)
}

// postAs sends one GraphQL request through h with the Authorization header auth (none when "").
func postAs(t testing.TB, h http.Handler, auth, query string, vars map[string]any) response {
	t.Helper()
	return client{h: h, auth: auth}.post(t, query, vars)
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

// decode is the data of an answer without errors, as a T.
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
