package httpapi

import (
	"io"
	"net"
	"strconv"
	"sync"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"golang.org/x/net/netutil"
)

// Connection bounds: a slow or hostile client may open connections and hold them, each with a
// goroutine and buffers, up to the server's timeouts. MAX_CONNECTIONS bounds them in all
// (golang.org/x/net/netutil.LimitListener: past the bound, new connections wait in the
// kernel's backlog until one closes), and MAX_CONNECTIONS_PER_CLIENT bounds those of one
// client address, so that one client cannot take them all.
//
// The per-address bound is our own: neither the standard library nor golang.org/x/net has
// one, and the middlewares that limit per client count requests, after the connection is
// accepted and read, not connections. Behind a reverse proxy every client has the proxy's
// address: set MAX_CONNECTIONS_PER_CLIENT=0 there and let the proxy bound its clients.

// connMetrics count the connections the listener holds and those it refused.
type connMetrics struct {
	open    prometheus.Gauge
	refused prometheus.Counter
}

func newConnMetrics(reg prometheus.Registerer) *connMetrics {
	m := &connMetrics{
		open: prometheus.NewGauge(prometheus.GaugeOpts{
			Name: "aspgraph_http_connections_open",
			Help: "Client connections open on the API's port (at most MAX_CONNECTIONS).",
		}),
		refused: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "aspgraph_http_connections_refused_total",
			Help: "Connections refused with HTTP 429 because their client address had MAX_CONNECTIONS_PER_CLIENT open.",
		}),
	}
	reg.MustRegister(m.open, m.refused)
	return m
}

// limitListener bounds l's connections: total in all (0: no bound) and perClient from one
// client IP address (0: no bound).
func limitListener(l net.Listener, total, perClient int, m *connMetrics) net.Listener {
	if total > 0 {
		l = netutil.LimitListener(l, total)
	}
	return &clientListener{Listener: l, max: perClient, open: map[string]int{}, m: m}
}

// clientListener counts the open connections of each client address, refusing those beyond
// max (when max > 0).
type clientListener struct {
	net.Listener
	max int
	m   *connMetrics

	mu   sync.Mutex
	open map[string]int
}

func (l *clientListener) Accept() (net.Conn, error) {
	for {
		c, err := l.Listener.Accept()
		if err != nil {
			return nil, err
		}
		host := clientHost(c.RemoteAddr())
		l.mu.Lock()
		if l.max > 0 && l.open[host] >= l.max {
			l.mu.Unlock()
			if l.m != nil {
				l.m.refused.Inc()
			}
			go refuseConn(c, l.max)
			continue
		}
		l.open[host]++
		l.mu.Unlock()
		if l.m != nil {
			l.m.open.Inc()
		}
		return &clientConn{Conn: c, release: func() { l.closed(host) }}, nil
	}
}

func (l *clientListener) closed(host string) {
	l.mu.Lock()
	if l.open[host]--; l.open[host] <= 0 {
		delete(l.open, host)
	}
	l.mu.Unlock()
	if l.m != nil {
		l.m.open.Dec()
	}
}

// openFrom reports the connections open from host (for tests).
func (l *clientListener) openFrom(host string) int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.open[host]
}

// clientHost is the IP address of a connection's client.
func clientHost(a net.Addr) string {
	if t, ok := a.(*net.TCPAddr); ok {
		return t.IP.String()
	}
	host, _, err := net.SplitHostPort(a.String())
	if err != nil {
		return a.String()
	}
	return host
}

// refuseConn answers a connection over its client's bound with HTTP 429 and closes it, within
// a second whatever the client does. It reads what the client sent (up to 64 KiB) before
// closing, so that the client gets the answer rather than a reset.
func refuseConn(c net.Conn, bound int) {
	defer func() { _ = c.Close() }()
	_ = c.SetDeadline(time.Now().Add(time.Second))
	body := `{"errors":[{"message":"too many connections from this address: at most ` + strconv.Itoa(bound) +
		` may be open at once; close some and try again","extensions":{"code":"TOO_MANY_CONNECTIONS"}}]}` + "\n"
	_, _ = io.WriteString(c, "HTTP/1.1 429 Too Many Requests\r\nContent-Type: application/json\r\nRetry-After: 1\r\n"+
		"Connection: close\r\nContent-Length: "+strconv.Itoa(len(body))+"\r\n\r\n"+body)
	_, _ = io.Copy(io.Discard, io.LimitReader(c, 64<<10))
}

// clientConn releases its client's count once, when it is closed.
type clientConn struct {
	net.Conn
	once    sync.Once
	release func()
}

func (c *clientConn) Close() error {
	err := c.Conn.Close()
	c.once.Do(c.release)
	return err
}
