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
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"strconv"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"go.opentelemetry.io/otel"

	"github.com/aspgraph/aspgraph/graph"
	"github.com/aspgraph/aspgraph/httpapi"
	"github.com/aspgraph/aspgraph/localneo4j"
	"github.com/aspgraph/aspgraph/neo4jstore"
	"github.com/aspgraph/aspgraph/telemetry"
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
	log = slog.New(telemetry.CutLongValues(log.Handler(), telemetry.MaxLoggedValue))
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
			_, stopTracing, err := telemetry.StartTracing(ctx)
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
		httpapi.ServePprof(ctx, log, cfg.PprofAddr)
		var ready atomic.Bool
		go func() {
			if connect(ctx, log, cfg, store) {
				ready.Store(true)
			}
		}()
		api, reg := apiHandler(cfg, log, store, &ready, allow)
		httpapi.ServeMetrics(ctx, log, cfg.MetricsAddr, httpapi.MetricsHandler(reg, cfg.MetricsAddr))
		ln, err := net.Listen("tcp", net.JoinHostPort("", strconv.Itoa(cfg.Port)))
		if err != nil {
			return err
		}
		srv := httpapi.NewServer(cfg.timeouts(), api)
		errc := make(chan error, 1)
		go func() {
			errc <- srv.Serve(httpapi.LimitListener(ln, cfg.MaxConnections, cfg.MaxConnectionsPerClient, reg))
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

// apiHandler wires the API: the GraphQL endpoint over store, configured as cfg says, with its
// telemetry, inside the HTTP routes (httpapi.Handler). It returns the handler with the
// registry of the service's Prometheus metrics, which are served apart, on METRICS_ADDR.
func apiHandler(cfg config, log *slog.Logger, store *neo4jstore.Store, ready *atomic.Bool, allow *graph.AllowList) (http.Handler, *prometheus.Registry) {
	limits := graph.DefaultLimits
	limits.MaxComplexity, limits.MaxDepth = cfg.MaxComplexity, cfg.MaxDepth
	reg := telemetry.NewRegistry()
	metrics := telemetry.NewMetrics(reg)
	opts := []graph.Option{
		graph.WithLimits(limits), graph.WithTimeout(cfg.RequestTimeout), graph.WithObserver(telemetry.Observe(log, metrics)),
		graph.WithMaxConcurrent(cfg.MaxConcurrent), graph.WithHeavyLane(cfg.Heavy),
	}
	hc := httpapi.Config{
		CORSOrigins: cfg.CORSOrigins, CORSHeaders: cfg.CORSHeaders, MaxBodyBytes: limits.MaxBodyBytes,
		Keys: cfg.auth(log), Budget: cfg.Budget,
	}
	if cfg.Tracing {
		tp := otel.GetTracerProvider() // set by telemetry.StartTracing
		store = store.WithObserver(neo4jstore.Observers(metrics.Cypher(), telemetry.CypherTracer(tp, cfg.Neo4jDatabase)))
		opts = append(opts, graph.WithExtension(telemetry.TraceOperations(tp)))
		hc.Tracer = tp
	} else {
		store = store.WithObserver(metrics.Cypher())
	}
	if !cfg.Introspection {
		opts = append(opts, graph.WithoutIntrospection())
	}
	if cfg.PersistedOnly {
		opts = append(opts, graph.WithAllowList(allow))
		metrics.KnowOperations(allow.OperationNames())
	}
	if cfg.RequireAuthForReads {
		opts = append(opts, graph.WithReadsNeedToken())
	}
	return httpapi.Handler(hc, graph.NewHandler(store, log, opts...), store, ready), reg
}

// timeouts are, from the configuration, the HTTP server's bounds on slow clients.
func (c config) timeouts() httpapi.Timeouts {
	return httpapi.Timeouts{ReadHeader: c.ReadHeaderTimeout, Read: c.ReadTimeout, Write: c.WriteTimeout, Idle: c.IdleTimeout}
}
