package httpapi

import (
	"net"
	"net/http"
	"time"

	"github.com/prometheus/client_golang/prometheus"
)

// Timeouts are the HTTP server's bounds on slow clients: the time to read a request's headers,
// to read the whole request (headers and body), to write the response (counted from the end
// of the headers), and to keep an idle connection open.
type Timeouts struct {
	ReadHeader, Read, Write, Idle time.Duration
}

// NewServer is the API's HTTP server, with the bounds on slow clients of t: no client holds a
// connection longer than it takes to send its request within t.Read (headers within
// t.ReadHeader), to read the answer within t.Write, or, idle, t.Idle. Header blocks are
// bounded to 64 KiB (the standard library's default is 1 MiB).
func NewServer(t Timeouts, h http.Handler) *http.Server {
	return &http.Server{
		Handler:           h,
		ReadHeaderTimeout: t.ReadHeader,
		ReadTimeout:       t.Read,
		WriteTimeout:      t.Write,
		IdleTimeout:       t.Idle,
		MaxHeaderBytes:    64 << 10,
	}
}

// LimitListener bounds l's connections, total in all and perClient from one client address
// (0: no bound), counting them in metrics registered on reg (listener.go).
func LimitListener(l net.Listener, total, perClient int, reg prometheus.Registerer) net.Listener {
	return limitListener(l, total, perClient, newConnMetrics(reg))
}
