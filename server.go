// Command aspgraph serves the ASPnet knowledge graph as a GraphQL API over Neo4j.
//
//	aspgraph [serve]              serve the API (the default); with NEO4J_URI unset it starts
//	                              a local Neo4j and stops it on exit
//	aspgraph load                 load the knowledge graph from data/ and exit
//	aspgraph check [--json]       report data/'s provenance (uncited facts, quotes not found in
//	                              their source's text, EDITORIAL links, disputes); exit 1 on a problem
//	aspgraph with-neo4j -- CMD…   start a throw-away local Neo4j, run CMD with NEO4J_URI,
//	                              NEO4J_USERNAME and NEO4J_PASSWORD set, stop Neo4j, exit as CMD did
//	aspgraph token --sub NAME [--ttl 24h] [--roles editor]
//	                              print an HS256 bearer token signed with JWT_SECRET
//
// Configuration comes from the environment; README.md lists every variable.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/exec"
	"os/signal"
	"strconv"
	"strings"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/rs/cors"
	"go.opentelemetry.io/otel"

	"github.com/aspgraph/aspgraph/data"
	"github.com/aspgraph/aspgraph/dataset"
	"github.com/aspgraph/aspgraph/graph"
	"github.com/aspgraph/aspgraph/localneo4j"
	"github.com/aspgraph/aspgraph/neo4jstore"
	"github.com/aspgraph/aspgraph/web"
)

func main() {
	log := slog.New(slog.NewJSONHandler(os.Stderr, nil))
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, log, os.Args[1:])
	stop()
	os.Exit(code)
}

const usage = "aspgraph [serve | load | with-neo4j -- COMMAND... | token --sub NAME [--ttl 24h] [--roles editor] | check [--json] | import FILE... | export --format json|graphml|csv [--out FILE] [--node ID --depth N]]"

func run(ctx context.Context, log *slog.Logger, args []string) int {
	log = slog.New(cutLongValues(log.Handler(), maxLoggedValue))
	cmd := "serve"
	if len(args) > 0 {
		cmd, args = args[0], args[1:]
	}
	cfg, err := loadConfig(os.Getenv)
	if err != nil {
		log.Error("cannot start", "error", err.Error())
		return 2
	}
	switch cmd {
	case "serve":
		err = serve(ctx, log, cfg)
	case "load":
		err = withStore(ctx, log, cfg, false, func(ctx context.Context, s *neo4jstore.Store) error {
			return loadDataset(ctx, log, s)
		})
	case "with-neo4j":
		return withNeo4j(ctx, log, cfg, args)
	case "token":
		return mintToken(cfg, args, os.Stdout, os.Stderr)
	case "import":
		return runImport(ctx, log, cfg, args, os.Stdout, os.Stderr)
	case "export":
		return runExport(ctx, log, cfg, args, os.Stdout, os.Stderr)
	case "check":
		return runCheck(args, os.Stdout, os.Stderr)
	case "help", "-h", "--help":
		fmt.Fprintln(os.Stderr, "usage: "+usage)
		return 0
	default:
		log.Error("unknown command", "command", cmd, "usage", usage)
		return 2
	}
	if err != nil {
		log.Error("failed", "command", cmd, "error", err.Error())
		return 1
	}
	return 0
}

// withStore connects to Neo4j (starting the local one when NEO4J_URI is unset), runs f, and
// tears everything down.
//
// With wait, the store is handed to f before Neo4j has answered (a service that starts while
// Neo4j is down); otherwise Neo4j must answer first.
func withStore(ctx context.Context, log *slog.Logger, cfg config, wait bool, f func(context.Context, *neo4jstore.Store) error) error {
	log.Info("configuration", "config", cfg.logValue())
	uri := cfg.Neo4jURI
	if cfg.local() {
		srv, err := startLocalNeo4j(ctx, log, cfg, cfg.LocalNeo4jData, cfg.LocalNeo4jPort)
		if err != nil {
			return err
		}
		defer stopLocalNeo4j(log, srv)
		uri = srv.URI()
	}
	sc := neo4jstore.Config{
		URI: uri, Username: cfg.Neo4jUsername, Password: cfg.Neo4jPassword,
		Database: cfg.Neo4jDatabase, TxTimeout: cfg.RequestTimeout, Logger: log,
	}
	var store *neo4jstore.Store
	var err error
	if wait {
		store, err = neo4jstore.Open(sc)
	} else {
		store, err = neo4jstore.New(ctx, sc)
	}
	if err != nil {
		return err
	}
	defer func() { _ = store.Close(context.Background()) }()
	if !wait {
		version, _ := store.ServerVersion(ctx)
		log.Info("connected to Neo4j", "server", version, "database", cfg.Neo4jDatabase)
	}
	return f(ctx, store)
}

func startLocalNeo4j(ctx context.Context, log *slog.Logger, cfg config, dataDir string, port int) (*localneo4j.Server, error) {
	log.Info("starting local Neo4j", "port", port, "data", dataDir)
	started := time.Now()
	srv, err := localneo4j.Start(ctx, localneo4j.Options{
		LauncherDir: cfg.LauncherDir, DataDir: dataDir, Port: port,
		Password: cfg.Neo4jPassword, HeapMB: cfg.LocalNeo4jHeapMB,
	})
	if err != nil {
		return nil, fmt.Errorf("local Neo4j: %w", err)
	}
	log.Info("local Neo4j ready", "uri", srv.URI(), "took", time.Since(started).Round(time.Millisecond).String())
	return srv, nil
}

func stopLocalNeo4j(log *slog.Logger, srv *localneo4j.Server) {
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	if err := srv.Stop(ctx); err != nil {
		log.Warn("stopping local Neo4j", "error", err.Error())
		return
	}
	log.Info("local Neo4j stopped")
}

// connect waits until Neo4j answers, retrying every two seconds, then loads the knowledge
// graph when configured to (retrying a failed load the same way). It reports false when ctx
// ends first.
func connect(ctx context.Context, log *slog.Logger, cfg config, store *neo4jstore.Store) bool {
	for attempt := 1; ; attempt++ {
		vctx, cancel := context.WithTimeout(ctx, 5*time.Second)
		err := store.Verify(vctx)
		cancel()
		if err == nil && cfg.LoadDataset {
			err = loadDataset(ctx, log, store)
		}
		if err == nil {
			version, _ := store.ServerVersion(ctx)
			log.Info("connected to Neo4j", "server", version, "database", cfg.Neo4jDatabase, "attempts", attempt)
			return true
		}
		log.Warn("Neo4j not ready; retrying in 2s", "attempt", attempt, "error", err.Error())
		select {
		case <-ctx.Done():
			return false
		case <-time.After(2 * time.Second):
		}
	}
}

func loadDataset(ctx context.Context, log *slog.Logger, s *neo4jstore.Store) error {
	d, err := dataset.Read(data.Files)
	if err != nil {
		return err
	}
	started := time.Now()
	st, err := s.Load(ctx, d)
	if err != nil {
		return err
	}
	log.Info("knowledge graph loaded", "nodes", st.Nodes, "relationships", st.Relationships,
		"nodes_created", st.NodesCreated, "relationships_created", st.RelationshipsCreated,
		"nodes_deleted", st.NodesDeleted, "relationships_deleted", st.RelsDeleted,
		"took", time.Since(started).Round(time.Millisecond).String())
	return nil
}

func serve(ctx context.Context, log *slog.Logger, cfg config) error {
	return withStore(ctx, log, cfg, true, func(ctx context.Context, store *neo4jstore.Store) error {
		var allow *graph.AllowList
		if cfg.PersistedOnly {
			var err error
			if allow, err = graph.LoadAllowList(cfg.PersistedFile); err != nil {
				return fmt.Errorf("PERSISTED_OPERATIONS_FILE: %w", err)
			}
		}
		if cfg.Tracing {
			_, stopTracing, err := graph.StartTracing(ctx)
			if err != nil {
				return err
			}
			defer func() {
				sctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
				defer cancel()
				if err := stopTracing(sctx); err != nil {
					log.Warn("flushing traces", "error", err.Error())
				}
			}()
		}
		startPprof(ctx, log, cfg.PprofAddr)
		var ready atomic.Bool
		go func() {
			if connect(ctx, log, cfg, store) {
				ready.Store(true)
			}
		}()
		api, reg := routes(cfg, log, store, &ready, allow)
		startTelemetry(ctx, log, cfg.MetricsAddr, telemetryRoutes(reg, cfg.MetricsAddr))
		ln, err := net.Listen("tcp", net.JoinHostPort("", strconv.Itoa(cfg.Port)))
		if err != nil {
			return err
		}
		srv := newServer(cfg, api)
		errc := make(chan error, 1)
		go func() {
			errc <- srv.Serve(limitListener(ln, cfg.MaxConnections, cfg.MaxConnectionsPerClient, newConnMetrics(reg)))
		}()
		log.Info("serving GraphQL", "playground", fmt.Sprintf("http://localhost:%d/", cfg.Port), "endpoint", fmt.Sprintf("http://localhost:%d/query", cfg.Port))
		select {
		case err := <-errc:
			return err
		case <-ctx.Done():
		}
		log.Info("shutting down")
		sctx, cancel := context.WithTimeout(context.Background(), cfg.ShutdownTimeout)
		defer cancel()
		if err := srv.Shutdown(sctx); err != nil && !errors.Is(err, http.ErrServerClosed) {
			return err
		}
		return nil
	})
}

// newServer is the API's HTTP server, with the bounds on slow clients of the configuration:
// no client holds a connection longer than it takes to send its request within READ_TIMEOUT
// (headers within READ_HEADER_TIMEOUT), to read the answer within WRITE_TIMEOUT, or, idle,
// IDLE_TIMEOUT. Header blocks are bounded to 64 KiB (the standard library's default is 1 MiB).
func newServer(cfg config, h http.Handler) *http.Server {
	return &http.Server{
		Handler:           h,
		ReadHeaderTimeout: cfg.ReadHeaderTimeout,
		ReadTimeout:       cfg.ReadTimeout,
		WriteTimeout:      cfg.WriteTimeout,
		IdleTimeout:       cfg.IdleTimeout,
		MaxHeaderBytes:    64 << 10,
	}
}

// startRetryAfter is the Retry-After, in seconds, of a request refused while the service
// starts: connect tries again every two seconds.
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

// routes wires the API's HTTP endpoints (the playground, the GraphQL endpoint, health
// checks) and returns them with the registry of the service's Prometheus metrics, which are
// served apart, on METRICS_ADDR (telemetry.go): the API's port answers 404 at /metrics and
// /debug/.
func routes(cfg config, log *slog.Logger, store *neo4jstore.Store, ready *atomic.Bool, allow *graph.AllowList) (http.Handler, *prometheus.Registry) {
	mux := http.NewServeMux()
	mux.Handle("/", web.Playground("/query"))
	limits := graph.DefaultLimits
	limits.MaxComplexity, limits.MaxDepth = cfg.MaxComplexity, cfg.MaxDepth
	reg := prometheus.NewRegistry()
	reg.MustRegister(collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	metrics := graph.NewMetrics(reg)
	opts := []graph.Option{graph.WithLimits(limits), graph.WithTimeout(cfg.RequestTimeout), graph.WithMetrics(metrics),
		graph.WithMaxConcurrent(cfg.MaxConcurrent), graph.WithHeavyLane(cfg.Heavy)}
	tp := otel.GetTracerProvider() // set by graph.StartTracing when tracing is configured
	if cfg.Tracing {
		store = store.WithObserver(neo4jstore.Observers(metrics.Cypher(), graph.CypherTracer(tp, cfg.Neo4jDatabase)))
		opts = append(opts, graph.WithTracing(tp))
	} else {
		store = store.WithObserver(metrics.Cypher())
	}
	if !cfg.Introspection {
		opts = append(opts, graph.WithoutIntrospection())
	}
	if cfg.PersistedOnly {
		opts = append(opts, graph.WithAllowList(allow))
		metrics.KnowOperations(allow)
	}
	auth := cfg.auth(log)
	opts = append(opts, graph.WithAuth(auth))
	mux.Handle("/query", untilReady(ready, cfg.Budget.Handler(auth, graph.NewHandler(store, log, opts...))))
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
		if err := store.Ping(ctx); err != nil {
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
	h := securityHeaders(graph.RequestIDs(c.Handler(mux)))
	if cfg.Tracing {
		h = graph.TraceHTTP(tp, h)
	}
	return h, reg
}

// defaultCORSHeaders are the request headers a cross-origin page may send (CORS_ALLOWED_HEADERS
// replaces them): the GraphQL request's own, and those browser GraphQL clients and their
// tracing add: Apollo Client's client awareness (apollographql-client-name, -version) and the
// headers Apollo's CSRF prevention asks clients to send (apollo-require-preflight,
// x-apollo-operation-name), the client-name headers of other tools, W3C trace context and
// baggage, Sentry's trace header. urql, Relay, graphql-request and Altair send only Accept,
// Content-Type and the headers their user configures.
var defaultCORSHeaders = []string{
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

// withNeo4j starts a throw-away local Neo4j in a temporary folder, runs the command with the
// NEO4J_* variables pointing at it, and stops it. It exits as the command did.
func withNeo4j(ctx context.Context, log *slog.Logger, cfg config, args []string) int {
	if len(args) > 0 && args[0] == "--" {
		args = args[1:]
	}
	if len(args) == 0 {
		log.Error("with-neo4j needs a command to run")
		return 2
	}
	dir, err := os.MkdirTemp("", "aspgraph-neo4j-")
	if err != nil {
		log.Error("with-neo4j", "error", err.Error())
		return 1
	}
	defer func() { _ = os.RemoveAll(dir) }()
	port, err := localneo4j.FreePort()
	if err != nil {
		log.Error("with-neo4j", "error", err.Error())
		return 1
	}
	srv, err := startLocalNeo4j(ctx, log, cfg, dir, port)
	if err != nil {
		log.Error("with-neo4j", "error", err.Error())
		return 1
	}
	defer stopLocalNeo4j(log, srv)
	cmd := exec.CommandContext(ctx, args[0], args[1:]...)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = os.Stdin, os.Stdout, os.Stderr
	cmd.Env = append(os.Environ(),
		"NEO4J_URI="+srv.URI(), "NEO4J_USERNAME=neo4j",
		"NEO4J_PASSWORD="+cfg.Neo4jPassword, "NEO4J_DATABASE=neo4j")
	if err := cmd.Run(); err != nil {
		var exit *exec.ExitError
		if errors.As(err, &exit) {
			return exit.ExitCode()
		}
		log.Error("with-neo4j", "error", err.Error())
		return 1
	}
	return 0
}

// mintToken prints a bearer token signed with JWT_SECRET, for development: the subject, roles
// (comma-separated, default editor) and lifetime come from the flags.
func mintToken(cfg config, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("token", flag.ContinueOnError)
	fs.SetOutput(stderr)
	sub := fs.String("sub", "", "the token's subject, recorded as editedBy on what it writes (required)")
	ttl := fs.Duration("ttl", 24*time.Hour, "how long the token is valid")
	roles := fs.String("roles", graph.RoleEditor, "comma-separated roles")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if *sub == "" || *ttl <= 0 {
		_, _ = fmt.Fprintln(stderr, "usage: aspgraph token --sub NAME [--ttl 24h] [--roles editor]")
		return 2
	}
	if cfg.JWTSecret == "" {
		_, _ = fmt.Fprintln(stderr, "aspgraph token: JWT_SECRET is not set; set it (at least 32 bytes, e.g. export JWT_SECRET=$(openssl rand -hex 32)) for both the server and this command")
		return 2
	}
	var rs []string
	for _, r := range strings.Split(*roles, ",") {
		if r = strings.TrimSpace(r); r != "" {
			rs = append(rs, r)
		}
	}
	tok, err := graph.MintToken([]byte(cfg.JWTSecret), *sub, rs, *ttl, time.Now())
	if err != nil {
		_, _ = fmt.Fprintln(stderr, "aspgraph token:", err)
		return 1
	}
	_, _ = fmt.Fprintln(stdout, tok)
	return 0
}
