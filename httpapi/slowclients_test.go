package httpapi

import (
	"bufio"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/aspgraph/aspgraph/cmd/clientcost/hostile"
	"github.com/aspgraph/aspgraph/graph"
	"github.com/aspgraph/aspgraph/neo4jstore/neo4jtest"
)

// slowClientServer serves the routes over the knowledge graph in the test Neo4j with short
// read and write timeouts (READ_HEADER_TIMEOUT 4 s, READ_TIMEOUT 5 s, WRITE_TIMEOUT 6 s), a
// time limit of 5 s per request, two admission slots, and at most perClient connections from
// one address. It returns the API's base URL and the listener's per-address counts.
func slowClientServer(t *testing.T, perClient int) (string, *clientListener) {
	t.Helper()
	store := neo4jtest.Open(t)
	neo4jtest.LoadKnowledgeGraph(t, store)
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	endpoint := graph.NewHandler(store, log, graph.WithTimeout(5*time.Second), graph.WithMaxConcurrent(2))
	var ready atomic.Bool
	ready.Store(true)
	api := Handler(Config{
		CORSOrigins: []string{"*"}, CORSHeaders: DefaultCORSHeaders, MaxBodyBytes: graph.DefaultLimits.MaxBodyBytes,
		Budget: graph.DefaultBudget,
	}, endpoint, store, &ready)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	limited := limitListener(ln, 1000, perClient, newConnMetrics(prometheus.NewRegistry()))
	srv := NewServer(Timeouts{ReadHeader: 4 * time.Second, Read: 5 * time.Second, Write: 6 * time.Second, Idle: 60 * time.Second}, api)
	go func() { _ = srv.Serve(limited) }()
	t.Cleanup(func() { _ = srv.Close() })
	return "http://" + ln.Addr().String(), limited.(*clientListener)
}

// dialFrom connects from local (hostile.Dial), closed when the test ends.
func dialFrom(t *testing.T, local, base string) net.Conn {
	t.Helper()
	return dialWith(t, local, base, false)
}

// dialReader connects from local as a client that reads little at a time.
func dialReader(t *testing.T, local, base string) net.Conn {
	t.Helper()
	return dialWith(t, local, base, true)
}

func dialWith(t *testing.T, local, base string, small bool) net.Conn {
	t.Helper()
	c, err := hostile.Dial(local, strings.TrimPrefix(base, "http://"), small)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = c.Close() })
	return c
}

// honest sends n simple queries one after the other and fails the test on any that is not
// answered in full.
func honest(t *testing.T, base string, n int) {
	t.Helper()
	client := &http.Client{Timeout: 20 * time.Second, Transport: &http.Transport{}}
	defer client.CloseIdleConnections()
	for i := range n {
		resp, err := client.Post(base+"/query", "application/json", strings.NewReader(`{"query":"{ networks { name scope } }"}`))
		if err != nil {
			t.Fatalf("honest request %d: %v", i, err)
		}
		b, _ := io.ReadAll(resp.Body)
		_ = resp.Body.Close()
		if resp.StatusCode != http.StatusOK || !strings.Contains(string(b), `"scope":"GLOBAL"`) {
			t.Fatalf("honest request %d while slow clients hold connections: HTTP %d %.300s", i, resp.StatusCode, b)
		}
	}
}

// stillOpen lists the addresses of which the server still holds a connection, once d has
// passed or none is left.
func stillOpen(ln *clientListener, addrs []string, d time.Duration) []string {
	deadline := time.Now().Add(d)
	for {
		var open []string
		for _, a := range addrs {
			if ln.openFrom(a) > 0 {
				open = append(open, a)
			}
		}
		if len(open) == 0 || time.Now().After(deadline) {
			return open
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// TestSlowClientsCostNothing: 200 slow clients, each from its own address, hold connections:
// 96 send headers and stop, 96 send a body and stop, 8 pipeline large requests and read
// nothing. With two admission slots, an honest client's requests are all answered meanwhile
// (none waits for a slot a slow reader holds), and the server cuts every slow client off
// within its read and write timeouts.
func TestSlowClientsCostNothing(t *testing.T) {
	base, ln := slowClientServer(t, 4)
	began := time.Now()
	defer func() { t.Logf("slow clients: %v in all", time.Since(began).Round(time.Millisecond)) }()
	var addrs []string
	for i := range 200 {
		addr := fmt.Sprintf("127.0.%d.%d", 1+i/200, 1+i%200)
		var c net.Conn
		if i < 192 {
			c = dialFrom(t, addr, base)
		} else {
			c = dialReader(t, addr, base)
		}
		var err error
		switch {
		case i < 96: // slow headers
			_, err = io.WriteString(c, "POST /query HTTP/1.1\r\nHost: aspgraph\r\n")
		case i < 192: // a stalled body: a tenth of what it announces
			_, err = io.WriteString(c, "POST /query HTTP/1.1\r\nHost: aspgraph\r\nContent-Type: application/json\r\nContent-Length: 1000000\r\n\r\n"+strings.Repeat(" ", 100000))
		default: // a slow reader: requests pipelined, answers never read
			go func() { _, _ = io.WriteString(c, strings.Repeat(hostile.Request(hostile.BigAnswer), 6)) }()
		}
		if err != nil {
			t.Fatal(err)
		}
		addrs = append(addrs, addr)
	}
	// The slow readers' first answers fill their sockets: then the server's writes to them
	// block, each holding the goroutine of its connection.
	time.Sleep(1500 * time.Millisecond)
	start := time.Now()
	honest(t, base, 20)
	t.Logf("20 honest requests took %v while the slow clients held their connections", time.Since(start).Round(time.Millisecond))

	// READ_TIMEOUT is 5 s and WRITE_TIMEOUT 6 s (IDLE_TIMEOUT 60 s): by 15 s the server has
	// closed every slow client's connection (the slow readers' once their blocked write
	// passed its deadline).
	if open := stillOpen(ln, addrs, 15*time.Second); len(open) > 0 {
		t.Errorf("the server still holds connections from %d slow clients after 15 s: %v", len(open), open)
	}
	honest(t, base, 5)
}

// TestStalledBodyIsTimedOut: a body that stops arriving is answered HTTP 408 with TIMEOUT at
// READ_TIMEOUT, and its connection closed.
func TestStalledBodyIsTimedOut(t *testing.T) {
	base, _ := slowClientServer(t, 4)
	c := dialFrom(t, "127.0.9.1", base)
	if _, err := io.WriteString(c, "POST /query HTTP/1.1\r\nHost: aspgraph\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"query\":"); err != nil {
		t.Fatal(err)
	}
	_ = c.SetReadDeadline(time.Now().Add(10 * time.Second))
	resp, err := http.ReadResponse(bufio.NewReader(c), nil)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusRequestTimeout || !strings.Contains(string(b), `"code":"TIMEOUT"`) || !resp.Close {
		t.Errorf("stalled body: HTTP %d close %v %s; want 408, TIMEOUT, and the connection closed", resp.StatusCode, resp.Close, b)
	}
}

// TestConnectionsPerClientAreBounded: with a bound of 4, a fifth connection from one address
// is answered HTTP 429 with TOO_MANY_CONNECTIONS and closed, while other addresses are served;
// once one of the four closes, the address is served again.
func TestConnectionsPerClientAreBounded(t *testing.T) {
	base, ln := slowClientServer(t, 4)
	var held []net.Conn
	for range 4 {
		held = append(held, dialFrom(t, "127.0.8.1", base))
	}
	for ln.openFrom("127.0.8.1") < 4 {
		time.Sleep(5 * time.Millisecond)
	}
	fifth := dialFrom(t, "127.0.8.1", base)
	_, _ = io.WriteString(fifth, hostile.Request(`{"query":"{ __typename }"}`))
	_ = fifth.SetReadDeadline(time.Now().Add(5 * time.Second))
	resp, err := http.ReadResponse(bufio.NewReader(fifth), nil)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusTooManyRequests || resp.Header.Get("Retry-After") == "" || !strings.Contains(string(b), "TOO_MANY_CONNECTIONS") {
		t.Errorf("fifth connection: HTTP %d %v %s; want 429 with Retry-After and TOO_MANY_CONNECTIONS", resp.StatusCode, resp.Header, b)
	}
	honest(t, base, 1) // from 127.0.0.1

	_ = held[0].Close()
	for ln.openFrom("127.0.8.1") > 3 {
		time.Sleep(5 * time.Millisecond)
	}
	again := dialFrom(t, "127.0.8.1", base)
	_, _ = io.WriteString(again, hostile.Request(`{"query":"{ __typename }"}`))
	_ = again.SetReadDeadline(time.Now().Add(5 * time.Second))
	resp, err = http.ReadResponse(bufio.NewReader(again), nil)
	if err != nil {
		t.Fatal(err)
	}
	_ = resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Errorf("after one of the four closed: HTTP %d, want 200", resp.StatusCode)
	}
}
