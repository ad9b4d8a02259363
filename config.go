package main

import (
	"context"
	"fmt"
	"log/slog"
	"net/url"
	"runtime"
	"strconv"
	"strings"
	"time"

	"github.com/aspgraph/aspgraph/auth"
	"github.com/aspgraph/aspgraph/graph"
	"github.com/aspgraph/aspgraph/httpapi"
	"github.com/aspgraph/aspgraph/telemetry"
)

// config is the service's configuration, read from the environment with defaults.
type config struct {
	Port             int
	CORSOrigins      []string
	CORSHeaders      []string
	Neo4jURI         string
	Neo4jUsername    string
	Neo4jPassword    string
	Neo4jDatabase    string
	LoadDataset      bool
	RequestTimeout   time.Duration
	MaxConcurrent    int
	MaxComplexity    int
	MaxDepth         int
	Introspection    bool
	PersistedOnly    bool
	PersistedFile    string
	LocalNeo4jPort   int
	LocalNeo4jData   string
	LocalNeo4jHeapMB int
	LauncherDir      string
	ShutdownTimeout  time.Duration
	// JWTSecret verifies bearer tokens (HS256); empty refuses every write.
	JWTSecret string
	// JWTJWKSURL serves the JSON Web Key Set that verifies RS256 and ES256 tokens; empty: none.
	JWTJWKSURL          string
	JWTJWKSRefresh      time.Duration
	RequireAuthForReads bool

	// Tracing sends OpenTelemetry traces through OTLP, as the standard OTEL_* variables say.
	Tracing bool

	// PprofAddr, on loopback, serves net/http/pprof for profiling; empty: not served.
	PprofAddr string
	// MetricsAddr serves /metrics (and /debug/pprof/ when it is on loopback), apart from the
	// API's port; "off": not served.
	MetricsAddr string

	// The HTTP server's bounds on slow clients (docs/operations.md): the time to read a
	// request's headers, to read the whole request (headers and body), to write the response
	// (counted from the end of the headers), and to keep an idle connection open.
	ReadHeaderTimeout time.Duration
	ReadTimeout       time.Duration
	WriteTimeout      time.Duration
	IdleTimeout       time.Duration
	// MaxConnections bounds the open connections (0: no bound); MaxConnectionsPerClient those
	// from one client address (0: no bound).
	MaxConnections          int
	MaxConnectionsPerClient int

	// Budget is each client's fair share (CLIENT_* and TRUSTED_PROXIES, docs/budget.md).
	Budget graph.Budget
	// Heavy is the admission lane of heavy requests (HEAVY_*, docs/budget.md).
	Heavy graph.HeavyLane
}

// local reports whether the service starts its own Neo4j: when NEO4J_URI is unset.
func (c config) local() bool { return c.Neo4jURI == "" }

// defaultDevPassword is the local Neo4j's development password; it guards a server that
// listens on 127.0.0.1 only.
const defaultDevPassword = "aspgraph-dev"

func loadConfig(getenv func(string) string) (config, error) {
	var errs []string
	str := func(name, def string) string {
		if v := getenv(name); v != "" {
			return v
		}
		return def
	}
	num := func(name string, def int) int {
		v := getenv(name)
		if v == "" {
			return def
		}
		n, err := strconv.Atoi(v)
		if err != nil || n < 0 {
			errs = append(errs, fmt.Sprintf("%s=%q is not a whole number", name, v))
			return def
		}
		return n
	}
	boolean := func(name string, def bool) bool {
		v := getenv(name)
		if v == "" {
			return def
		}
		b, err := strconv.ParseBool(v)
		if err != nil {
			errs = append(errs, fmt.Sprintf("%s=%q is not true or false", name, v))
		}
		return b
	}
	dur := func(name string, def time.Duration) time.Duration {
		v := getenv(name)
		if v == "" {
			return def
		}
		d, err := time.ParseDuration(v)
		if err != nil || d < 0 {
			errs = append(errs, fmt.Sprintf("%s=%q is not a duration such as 10s", name, v))
		}
		return d
	}
	c := config{
		Port:             num("PORT", 8080),
		Neo4jURI:         getenv("NEO4J_URI"),
		Neo4jUsername:    str("NEO4J_USERNAME", "neo4j"),
		Neo4jPassword:    str("NEO4J_PASSWORD", defaultDevPassword),
		Neo4jDatabase:    str("NEO4J_DATABASE", "neo4j"),
		LoadDataset:      boolean("LOAD_DATASET", true),
		RequestTimeout:   dur("REQUEST_TIMEOUT", 10*time.Second),
		MaxConcurrent:    num("MAX_CONCURRENT_REQUESTS", 4*runtime.GOMAXPROCS(0)),
		MaxComplexity:    num("MAX_COMPLEXITY", graph.DefaultLimits.MaxComplexity),
		MaxDepth:         num("MAX_DEPTH", 12),
		Introspection:    boolean("INTROSPECTION", true),
		PersistedOnly:    boolean("PERSISTED_OPERATIONS_ONLY", false),
		PersistedFile:    getenv("PERSISTED_OPERATIONS_FILE"),
		LocalNeo4jPort:   num("LOCAL_NEO4J_PORT", 7687),
		LocalNeo4jData:   str("LOCAL_NEO4J_DATA", ".local/neo4j"),
		LocalNeo4jHeapMB: num("LOCAL_NEO4J_HEAP_MB", 512),
		LauncherDir:      str("NEO4J_LAUNCHER_DIR", "localneo4j/launcher"),
		ShutdownTimeout:  dur("SHUTDOWN_TIMEOUT", 10*time.Second),

		JWTSecret:           getenv("JWT_SECRET"),
		JWTJWKSURL:          getenv("JWT_JWKS_URL"),
		JWTJWKSRefresh:      dur("JWT_JWKS_REFRESH", auth.DefaultJWKSRefresh),
		RequireAuthForReads: boolean("REQUIRE_AUTH_FOR_READS", false),
		PprofAddr:           getenv("PPROF_ADDR"),
		MetricsAddr:         str("METRICS_ADDR", httpapi.DefaultMetricsAddr),

		MaxConnections:          num("MAX_CONNECTIONS", 1024),
		MaxConnectionsPerClient: num("MAX_CONNECTIONS_PER_CLIENT", 64),
	}
	// The read and write bounds follow REQUEST_TIMEOUT unless set: reading a request (at most
	// the body limit) may take as long as answering it, and the response's write deadline,
	// which starts once the headers are read, covers reading the body, the wait for a turn
	// and the answer (each bounded by REQUEST_TIMEOUT), with a margin for writing it.
	c.ReadHeaderTimeout = dur("READ_HEADER_TIMEOUT", min(5*time.Second, max(c.RequestTimeout, time.Second)))
	c.ReadTimeout = dur("READ_TIMEOUT", max(c.RequestTimeout, time.Second))
	c.WriteTimeout = dur("WRITE_TIMEOUT", c.ReadTimeout+c.RequestTimeout+5*time.Second)
	c.IdleTimeout = dur("IDLE_TIMEOUT", 60*time.Second)
	if c.ReadHeaderTimeout <= 0 || c.ReadTimeout <= 0 || c.WriteTimeout <= 0 || c.IdleTimeout <= 0 {
		errs = append(errs, "READ_HEADER_TIMEOUT, READ_TIMEOUT, WRITE_TIMEOUT and IDLE_TIMEOUT must be positive: without them one slow client holds a connection for ever")
	}
	if c.ReadHeaderTimeout > c.ReadTimeout {
		errs = append(errs, fmt.Sprintf("READ_HEADER_TIMEOUT=%s is longer than READ_TIMEOUT=%s, which covers the headers too", c.ReadHeaderTimeout, c.ReadTimeout))
	}
	if msg := httpapi.CheckMetricsAddr(c.MetricsAddr); msg != "" {
		errs = append(errs, msg)
	}
	if msg := httpapi.CheckPprofAddr(c.PprofAddr); msg != "" {
		errs = append(errs, msg)
	}
	c.CORSOrigins = commaList(str("CORS_ALLOWED_ORIGINS", "*"))
	c.CORSHeaders = httpapi.DefaultCORSHeaders
	if v := getenv("CORS_ALLOWED_HEADERS"); v != "" {
		c.CORSHeaders = commaList(v)
	}
	if c.PersistedOnly && c.PersistedFile == "" {
		errs = append(errs, "PERSISTED_OPERATIONS_ONLY=true needs PERSISTED_OPERATIONS_FILE, a JSON object of operation texts")
	}
	if c.JWTSecret != "" && len(c.JWTSecret) < auth.MinSecretLength {
		errs = append(errs, fmt.Sprintf("JWT_SECRET is %d bytes long; use at least %d random bytes (e.g. openssl rand -hex 32)", len(c.JWTSecret), auth.MinSecretLength))
	}
	if c.JWTJWKSURL != "" {
		if u, err := url.Parse(c.JWTJWKSURL); err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
			errs = append(errs, fmt.Sprintf("JWT_JWKS_URL=%q is not an http(s) URL", c.JWTJWKSURL))
		}
	}
	if c.JWTJWKSRefresh < time.Second {
		errs = append(errs, fmt.Sprintf("JWT_JWKS_REFRESH=%s is under a second", c.JWTJWKSRefresh))
	}
	if c.RequireAuthForReads && c.JWTSecret == "" && c.JWTJWKSURL == "" {
		errs = append(errs, "REQUIRE_AUTH_FOR_READS=true needs JWT_SECRET or JWT_JWKS_URL to verify tokens")
	}
	if b, err := graph.BudgetFromEnv(getenv); err != nil {
		errs = append(errs, err.Error())
	} else {
		c.Budget = b
	}
	if l, err := graph.HeavyLaneFromEnv(getenv); err != nil {
		errs = append(errs, err.Error())
	} else {
		c.Heavy = l
		if l.Complexity > 0 && c.MaxConcurrent > 0 && l.Concurrent >= c.MaxConcurrent {
			errs = append(errs, fmt.Sprintf("HEAVY_MAX_CONCURRENT=%d leaves no admission slot of MAX_CONCURRENT_REQUESTS=%d to light requests; keep it below", l.Concurrent, c.MaxConcurrent))
		}
	}
	if on, err := telemetry.TracingConfigured(getenv); err != nil {
		errs = append(errs, err.Error())
	} else {
		c.Tracing = on
	}
	if c.Port == 0 || c.Port > 65535 {
		errs = append(errs, fmt.Sprintf("PORT=%d is not a TCP port", c.Port))
	}
	if len(errs) > 0 {
		return c, fmt.Errorf("configuration: %s", strings.Join(errs, "; "))
	}
	return c, nil
}

// commaList splits a comma-separated list, dropping blanks.
func commaList(s string) []string {
	var out []string
	for _, v := range strings.Split(s, ",") {
		if v = strings.TrimSpace(v); v != "" {
			out = append(out, v)
		}
	}
	return out
}

// logValue lists the configuration for the start-up log, with the password redacted.
func (c config) logValue() slog.Value {
	pw := "(unset)"
	if c.Neo4jPassword != "" {
		pw = "(redacted)"
	}
	secret := "(unset)"
	if c.JWTSecret != "" {
		secret = "(redacted)"
	} else if c.JWTJWKSURL == "" {
		secret = "(unset: writes are refused)"
	}
	uri := c.Neo4jURI
	if c.local() {
		uri = fmt.Sprintf("(local Neo4j on 127.0.0.1:%d, data in %s)", c.LocalNeo4jPort, c.LocalNeo4jData)
	}
	return slog.GroupValue(
		slog.Int("PORT", c.Port),
		slog.String("NEO4J_URI", uri),
		slog.String("NEO4J_USERNAME", c.Neo4jUsername),
		slog.String("NEO4J_PASSWORD", pw),
		slog.String("NEO4J_DATABASE", c.Neo4jDatabase),
		slog.String("REQUEST_TIMEOUT", c.RequestTimeout.String()),
		slog.Int("MAX_CONCURRENT_REQUESTS", c.MaxConcurrent),
		slog.Int("MAX_COMPLEXITY", c.MaxComplexity),
		slog.Int("MAX_DEPTH", c.MaxDepth),
		slog.Bool("INTROSPECTION", c.Introspection),
		slog.Bool("PERSISTED_OPERATIONS_ONLY", c.PersistedOnly),
		slog.String("PERSISTED_OPERATIONS_FILE", c.PersistedFile),
		slog.Bool("LOAD_DATASET", c.LoadDataset),
		slog.String("CORS_ALLOWED_ORIGINS", strings.Join(c.CORSOrigins, ",")),
		slog.String("CORS_ALLOWED_HEADERS", strings.Join(c.CORSHeaders, ",")),
		slog.String("JWT_SECRET", secret),
		slog.String("JWT_JWKS_URL", c.JWTJWKSURL),
		slog.String("JWT_JWKS_REFRESH", c.JWTJWKSRefresh.String()),
		slog.Bool("REQUIRE_AUTH_FOR_READS", c.RequireAuthForReads),
		slog.Bool("OTEL_TRACING", c.Tracing),
		slog.String("PPROF_ADDR", c.PprofAddr),
		slog.String("METRICS_ADDR", c.MetricsAddr),
		slog.String("READ_HEADER_TIMEOUT", c.ReadHeaderTimeout.String()),
		slog.String("READ_TIMEOUT", c.ReadTimeout.String()),
		slog.String("WRITE_TIMEOUT", c.WriteTimeout.String()),
		slog.String("IDLE_TIMEOUT", c.IdleTimeout.String()),
		slog.Int("MAX_CONNECTIONS", c.MaxConnections),
		slog.Int("MAX_CONNECTIONS_PER_CLIENT", c.MaxConnectionsPerClient),
		slog.Any("budget", c.Budget.LogValue()),
		slog.Any("heavy", c.Heavy.LogValue()),
	)
}

// auth is how the service verifies bearer tokens. The JWKS, when configured, is fetched in
// the background and kept fresh for the life of the process; a JWKS that cannot be set up
// leaves RS256 and ES256 tokens unverifiable (writes refused), and is logged.
func (c config) auth(log *slog.Logger) auth.Keys {
	a := auth.Keys{Secret: []byte(c.JWTSecret)}
	if c.JWTJWKSURL != "" {
		jwks, err := auth.NewJWKS(context.Background(), c.JWTJWKSURL, c.JWTJWKSRefresh, log)
		if err != nil {
			log.Error("JWT_JWKS_URL", "error", err.Error())
		}
		a.JWKS = jwks
	}
	return a
}
