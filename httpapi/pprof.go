package httpapi

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"net/http/pprof"
	"time"
)

// CheckPprofAddr accepts an empty PPROF_ADDR (no profiling listener) or a host:port on the
// loopback interface: profiles reveal the process's internals, so they are never served to
// the network. Otherwise it says what is wrong.
func CheckPprofAddr(addr string) string {
	if addr == "" {
		return ""
	}
	host, _, err := net.SplitHostPort(addr)
	if err == nil && isLoopback(host) {
		return ""
	}
	return fmt.Sprintf("PPROF_ADDR=%q is not a loopback host:port such as 127.0.0.1:6060", addr)
}

// handlePprof adds net/http/pprof's handlers under /debug/pprof/ to mux.
func handlePprof(mux *http.ServeMux) {
	mux.HandleFunc("/debug/pprof/", pprof.Index)
	mux.HandleFunc("/debug/pprof/cmdline", pprof.Cmdline)
	mux.HandleFunc("/debug/pprof/profile", pprof.Profile)
	mux.HandleFunc("/debug/pprof/symbol", pprof.Symbol)
	mux.HandleFunc("/debug/pprof/trace", pprof.Trace)
}

// isLoopback reports whether host names the loopback interface.
func isLoopback(host string) bool {
	ip := net.ParseIP(host)
	return host == "localhost" || (ip != nil && ip.IsLoopback())
}

// ServePprof serves net/http/pprof's handlers on addr until ctx ends; an empty addr serves
// nothing. They are on a listener of their own, so the API's routes never expose them.
func ServePprof(ctx context.Context, log *slog.Logger, addr string) {
	if addr == "" {
		return
	}
	mux := http.NewServeMux()
	handlePprof(mux)
	srv := &http.Server{Addr: addr, Handler: mux, ReadHeaderTimeout: 10 * time.Second}
	go func() {
		log.Info("serving pprof", "address", "http://"+addr+"/debug/pprof/")
		if err := srv.ListenAndServe(); err != nil && !errors.Is(err, http.ErrServerClosed) {
			log.Warn("pprof listener", "error", err.Error())
		}
	}()
	go func() {
		<-ctx.Done()
		_ = srv.Close()
	}()
}
