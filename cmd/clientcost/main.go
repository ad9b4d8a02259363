// Command clientcost measures what slow and hostile clients cost a running aspgraph, and the
// latency of an honest client meanwhile: for each scenario it holds the hostile clients, runs
// one honest client (simple queries one after the other) for a while, and prints the honest
// client's p50 and p99 and failures, the server's RSS, the connections still open, and for
// unique operation names the size of /metrics and the heap. Loopback only: every hostile
// client dials from an address of its own in 127.0.0.0/8.
//
//	clientcost -url http://127.0.0.1:8080 -metrics http://127.0.0.1:9090/metrics -pid PID
//
// docs/operations.md records its figures and how they were taken.
package main

import (
	"bufio"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/aspgraph/aspgraph/cmd/clientcost/hostile"
)

type options struct {
	base, metrics string
	pid           int
	duration      time.Duration
	only          string
}

func main() {
	var o options
	flag.StringVar(&o.base, "url", "http://127.0.0.1:8080", "the API's base URL (loopback)")
	flag.StringVar(&o.metrics, "metrics", "http://127.0.0.1:9090/metrics", "the URL of the service's /metrics")
	flag.IntVar(&o.pid, "pid", 0, "the service's process ID, for its RSS")
	flag.DurationVar(&o.duration, "duration", 10*time.Second, "how long the honest client runs in each scenario")
	flag.StringVar(&o.only, "only", "", "comma-separated scenarios to run (default: all)")
	flag.Parse()
	if u, err := url.Parse(o.base); err != nil || !isLoopback(u.Hostname()) {
		fmt.Fprintln(os.Stderr, "clientcost: -url must be on loopback")
		os.Exit(2)
	}
	fmt.Printf("| scenario | honest requests | failed | p50 ms | p99 ms | RSS before → during MiB | still open after | settled after |\n|---|---|---|---|---|---|---|---|\n")
	for _, s := range scenarios {
		if o.only != "" && !slices.Contains(strings.Split(o.only, ","), s.name) {
			continue
		}
		run(o, s)
	}
}

func isLoopback(h string) bool {
	ip := net.ParseIP(h)
	return h == "localhost" || (ip != nil && ip.IsLoopback())
}

// scenario is a kind of hostile client and how many of them.
type scenario struct {
	name string
	n    int
	// start opens hostile client i against addr; it runs until stop is closed.
	start func(i int, addr string, stop <-chan struct{}) net.Conn
}

var scenarios = []scenario{
	{name: "baseline"},
	{name: "slow-readers-8", n: 8, start: slowReader},
	{name: "slow-readers-200", n: 200, start: slowSmallReader},
	{name: "slow-headers-200", n: 200, start: slowHeaders},
	{name: "stalled-bodies-200", n: 200, start: stalledBody},
	{name: "unique-names-40", n: 40, start: nil},
}

// dial connects from 127.0.<1+i/250>.<1+i%250>, with a small receive buffer when small.
func dial(i int, addr string, small bool) net.Conn {
	c, err := hostile.Dial(fmt.Sprintf("127.0.%d.%d", 1+i/250, 1+i%250), addr, small)
	if err != nil {
		return nil
	}
	return c
}

// readSlowly reads one byte a second until stop.
func readSlowly(c net.Conn, stop <-chan struct{}) {
	b := make([]byte, 1)
	for {
		select {
		case <-stop:
			return
		case <-time.After(time.Second):
		}
		if _, err := c.Read(b); err != nil {
			return
		}
	}
}

// slowReader pipelines six large requests (some 5.4 MB of answers, more than the sockets
// buffer) and reads a byte a second.
func slowReader(i int, addr string, stop <-chan struct{}) net.Conn {
	c := dial(i, addr, true)
	if c == nil {
		return nil
	}
	go func() { _, _ = io.WriteString(c, strings.Repeat(hostile.Request(hostile.BigAnswer), 6)) }()
	go readSlowly(c, stop)
	return c
}

// slowSmallReader asks for a small answer and reads a byte a second.
func slowSmallReader(i int, addr string, stop <-chan struct{}) net.Conn {
	c := dial(i, addr, true)
	if c == nil {
		return nil
	}
	_, _ = io.WriteString(c, hostile.Request(`{"query":"{ networks { name scope } }"}`))
	go readSlowly(c, stop)
	return c
}

// slowHeaders sends a header line every five seconds, never ending them.
func slowHeaders(i int, addr string, stop <-chan struct{}) net.Conn {
	c := dial(i, addr, false)
	if c == nil {
		return nil
	}
	_, _ = io.WriteString(c, "POST /query HTTP/1.1\r\nHost: aspgraph\r\n")
	go func() {
		for n := 0; ; n++ {
			select {
			case <-stop:
				return
			case <-time.After(5 * time.Second):
			}
			if _, err := fmt.Fprintf(c, "X-Slow-%d: 1\r\n", n); err != nil {
				return
			}
		}
	}()
	return c
}

// stalledBody announces a 1,000,000-byte body, sends all of it but the last byte, and stops.
func stalledBody(i int, addr string, _ <-chan struct{}) net.Conn {
	c := dial(i, addr, false)
	if c == nil {
		return nil
	}
	go func() {
		_, _ = io.WriteString(c, "POST /query HTTP/1.1\r\nHost: aspgraph\r\nContent-Type: application/json\r\nContent-Length: 1000000\r\n\r\n"+
			`{"query":"{ __typename }","x":"`+strings.Repeat("a", 1000000-34))
	}()
	return c
}

func run(o options, s scenario) {
	addr := strings.TrimPrefix(o.base, "http://")
	rssBefore := rss(o.pid)
	stop := make(chan struct{})
	var conns []net.Conn
	for i := range s.n {
		if s.start == nil {
			break
		}
		if c := s.start(i, addr, stop); c != nil {
			conns = append(conns, c)
		}
	}
	extra := ""
	if s.name == "unique-names-40" {
		extra = uniqueNames(o, s.n)
	}
	time.Sleep(time.Second)
	settled := settle(o.pid)
	lat, failed := honest(o.base, o.duration)
	rssDuring := rss(o.pid)
	// What the service still holds 30 s after the hostile clients began: its established
	// connections on the API's port, less the honest client's (closed by now).
	open := ""
	if len(conns) > 0 {
		time.Sleep(max(0, 30*time.Second-o.duration-time.Second))
		open = fmt.Sprintf("%d of %d at 30 s", established(addr), len(conns))
	}
	close(stop)
	for _, c := range conns {
		_ = c.Close()
	}
	fmt.Printf("| %s | %d | %d | %.1f | %.1f | %.0f → %.0f | %s | %s |%s\n", s.name, len(lat), failed,
		pct(lat, 50), pct(lat, 99), rssBefore, rssDuring, open, settled, extra)
	time.Sleep(2 * time.Second)
}

// settle waits until the service has stopped working on what the hostile clients asked (its
// CPU under a tenth of a core for a second, or 60 s), so that the honest client measures what
// holding them costs, not what answering them did, and says how long that took.
func settle(pid int) string {
	if pid == 0 {
		return "-"
	}
	start := time.Now()
	prev := cpuTicks(pid)
	for time.Since(start) < 60*time.Second {
		time.Sleep(time.Second)
		now := cpuTicks(pid)
		if now-prev < 10 { // 100 ticks a second is one core
			break
		}
		prev = now
	}
	return time.Since(start).Round(time.Second).String()
}

// cpuTicks is the process's user and system CPU time, in clock ticks.
func cpuTicks(pid int) int {
	b, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/stat")
	if err != nil {
		return 0
	}
	f := strings.Fields(string(b[strings.LastIndexByte(string(b), ')')+1:]))
	u, _ := strconv.Atoi(f[11])
	s, _ := strconv.Atoi(f[12])
	return u + s
}

// established counts the established TCP connections whose local end is addr's port: the
// server's side of its clients' connections (/proc/net/tcp and tcp6: a server listening on
// every interface accepts IPv4 clients on an IPv6 socket).
func established(addr string) int {
	_, port, _ := net.SplitHostPort(addr)
	p, _ := strconv.Atoi(port)
	want := fmt.Sprintf(":%04X", p)
	n := 0
	for _, table := range []string{"/proc/net/tcp", "/proc/net/tcp6"} {
		b, err := os.ReadFile(table)
		if err != nil {
			continue
		}
		for _, line := range strings.Split(string(b), "\n")[1:] {
			f := strings.Fields(line)
			if len(f) > 3 && strings.HasSuffix(f[1], want) && f[3] == "01" {
				n++
			}
		}
	}
	return n
}

// honest sends a simple query one after another for d; failures are answers that are not
// HTTP 200 with the networks.
func honest(base string, d time.Duration) ([]float64, int) {
	client := &http.Client{Timeout: 30 * time.Second, Transport: &http.Transport{}}
	defer client.CloseIdleConnections()
	var lat []float64
	failed := 0
	for end := time.Now().Add(d); time.Now().Before(end); {
		start := time.Now()
		resp, err := client.Post(base+"/query", "application/json", strings.NewReader(`{"query":"{ networks { name scope } }"}`))
		ok := false
		if err == nil {
			b, _ := io.ReadAll(resp.Body)
			_ = resp.Body.Close()
			ok = resp.StatusCode == http.StatusOK && strings.Contains(string(b), `"scope":"GLOBAL"`)
		}
		lat = append(lat, float64(time.Since(start).Microseconds())/1000)
		if !ok {
			failed++
			time.Sleep(10 * time.Millisecond)
		}
	}
	return lat, failed
}

func pct(v []float64, p int) float64 {
	if len(v) == 0 {
		return 0
	}
	s := slices.Clone(v)
	slices.Sort(s)
	return s[min(len(s)-1, len(s)*p/100)]
}

// rss is the process's resident set in MiB (0 without -pid).
func rss(pid int) float64 {
	if pid == 0 {
		return 0
	}
	b, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/status")
	if err != nil {
		return 0
	}
	m := regexp.MustCompile(`VmRSS:\s+(\d+) kB`).FindSubmatch(b)
	if m == nil {
		return 0
	}
	kb, _ := strconv.ParseFloat(string(m[1]), 64)
	return kb / 1024
}

// uniqueNames sends n operations of distinct 250,000-byte names (in the document and as the
// operationName), and reports the size of /metrics, its distinct operation labels and the
// heap in use after them.
func uniqueNames(o options, n int) string {
	client := &http.Client{Timeout: 60 * time.Second}
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() {
			name := fmt.Sprintf("N%05d", i) + strings.Repeat("x", 250000-6)
			resp, err := client.Post(o.base+"/query", "application/json",
				strings.NewReader(`{"query":"query `+name+` { __typename }","operationName":"`+name+`"}`))
			if err == nil {
				_, _ = io.Copy(io.Discard, resp.Body)
				_ = resp.Body.Close()
			}
		})
		if i%4 == 3 {
			wg.Wait()
		}
	}
	wg.Wait()
	resp, err := client.Get(o.metrics)
	if err != nil {
		return " /metrics: " + err.Error()
	}
	b, _ := io.ReadAll(resp.Body)
	_ = resp.Body.Close()
	labels := map[string]bool{}
	heap := ""
	sc := bufio.NewScanner(strings.NewReader(string(b)))
	sc.Buffer(make([]byte, 0, 1<<20), 8<<20)
	for sc.Scan() {
		line := sc.Text()
		if strings.HasPrefix(line, "aspgraph_graphql_requests_total{") {
			if m := regexp.MustCompile(`operation="([^"]{0,40})`).FindStringSubmatch(line); m != nil {
				labels[m[1]] = true
			}
		}
		if strings.HasPrefix(line, "go_memstats_heap_inuse_bytes ") {
			v, _ := strconv.ParseFloat(strings.Fields(line)[1], 64)
			heap = fmt.Sprintf("%.1f MiB", v/(1<<20))
		}
	}
	apiMetrics := "not tried"
	if r, err := http.Get(o.base + "/metrics"); err == nil {
		apiMetrics = "HTTP " + strconv.Itoa(r.StatusCode)
		_ = r.Body.Close()
	}
	return fmt.Sprintf(" /metrics %.1f MB, %d operation labels, heap in use %s; /metrics on the API port: %s",
		float64(len(b))/1e6, len(labels), heap, apiMetrics)
}
