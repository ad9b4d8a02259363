package httpapi

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// DefaultMetricsAddr is where /metrics is served unless METRICS_ADDR says otherwise: loopback,
// so that a default deployment shows its metrics (which name the operations clients sent) to
// the machine alone.
const DefaultMetricsAddr = "127.0.0.1:9090"

// MetricsOff is the METRICS_ADDR that serves no telemetry listener.
const MetricsOff = "off"

// CheckMetricsAddr accepts "off" or a host:port (any interface: Prometheus may scrape from
// another machine); otherwise it says what is wrong.
func CheckMetricsAddr(addr string) string {
	if addr == MetricsOff {
		return ""
	}
	if _, port, err := net.SplitHostPort(addr); err != nil || port == "" {
		return fmt.Sprintf("METRICS_ADDR=%q is not a host:port such as 127.0.0.1:9090 (or off)", addr)
	}
	return ""
}

// MetricsHandler serves the Prometheus metrics of reg at /metrics and, when the listener is
// on loopback, Go's pprof handlers under /debug/pprof/: profiles reveal the process's
// internals, so a METRICS_ADDR open to the network serves metrics alone.
func MetricsHandler(reg *prometheus.Registry, addr string) http.Handler {
	mux := http.NewServeMux()
	mux.Handle("/metrics", promhttp.HandlerFor(reg, promhttp.HandlerOpts{Registry: reg}))
	if host, _, err := net.SplitHostPort(addr); err == nil && isLoopback(host) {
		handlePprof(mux)
	}
	return mux
}

// ServeMetrics serves h (MetricsHandler) on addr until ctx ends ("off": nothing). A listener
// that cannot be opened (the port is taken) is logged as an error and the API is served all
// the same: losing the metrics is no reason to stop answering clients.
func ServeMetrics(ctx context.Context, log *slog.Logger, addr string, h http.Handler) {
	if addr == MetricsOff {
		return
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		log.Error("cannot serve metrics: METRICS_ADDR", "address", addr, "error", err.Error())
		return
	}
	srv := &http.Server{
		Handler: h, ReadHeaderTimeout: 5 * time.Second, IdleTimeout: 60 * time.Second,
		// A CPU profile or an execution trace streams for as long as it was asked to.
		WriteTimeout: 5 * time.Minute,
	}
	log.Info("serving metrics", "metrics", "http://"+ln.Addr().String()+"/metrics")
	go func() {
		if err := srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			log.Warn("metrics listener", "error", err.Error())
		}
	}()
	go func() {
		<-ctx.Done()
		_ = srv.Close()
	}()
}
