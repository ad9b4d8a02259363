// Command bench measures aspgraph against its peer, @neo4j/graphql 7 on Apollo Server 4
// (cmd/bench/peer), on a synthetic ASPnet of the real network's size (cmd/bench/synth), in a Neo4j of
// its own. Run it through `make bench`, which runs it under `aspgraph with-neo4j`:
//
//	bench [-runs N] [-duration D] [-out cmd/bench/RESULTS.md]
//
// It loads the synthetic data into the Neo4j that NEO4J_URI names (never point it at the
// knowledge graph's), starts `aspgraph serve` and the peer on loopback ports, checks that both
// answer each query of the suite with the same data, then measures each query at concurrency
// 1 and 32, alternating the two services in turns, and writes a table of ratios.
package main

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"reflect"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/aspgraph/aspgraph/aspnet"

	"github.com/aspgraph/aspgraph/cmd/bench/loadgen"
	"github.com/aspgraph/aspgraph/cmd/bench/synth"
	"github.com/aspgraph/aspgraph/neo4jstore"
)

type options struct {
	runs, batch, maxRequests int
	duration, warmup         time.Duration
	aspgraphBin, peerDir     string
	out, profileDir          string
	skipLoad, loadOnly       bool
	keepServices             bool
	concurrency              []int
	only                     map[string]bool
	notes                    string
}

func main() {
	var o options
	var conc, only string
	flag.IntVar(&o.runs, "runs", 3, "alternating runs per query, service and concurrency; the table shows medians")
	flag.DurationVar(&o.duration, "duration", 5*time.Second, "length of one measured run")
	flag.DurationVar(&o.warmup, "warmup", time.Second, "unmeasured load before each run")
	flag.IntVar(&o.maxRequests, "max-requests", 200000, "bound on the requests of one run")
	flag.IntVar(&o.batch, "batch", 5000, "rows per transaction of the bulk load")
	flag.StringVar(&o.aspgraphBin, "aspgraph", "bin/aspgraph", "the aspgraph executable")
	flag.StringVar(&o.peerDir, "peer", "cmd/bench/peer", "the peer's folder (npm ci done)")
	flag.StringVar(&o.out, "out", "cmd/bench/RESULTS.md", "where to write the results")
	flag.StringVar(&o.profileDir, "profile-dir", "", "if set, serve aspgraph's pprof on loopback and save a CPU profile of its first run at the highest concurrency of each query there; RESULTS.md gets the top of each")
	flag.StringVar(&o.notes, "notes", "", "a Markdown file whose text RESULTS.md includes as its analysis")
	flag.BoolVar(&o.skipLoad, "skip-load", false, "serve what the database holds; do not load the synthetic data")
	flag.BoolVar(&o.loadOnly, "load-only", false, "load the synthetic data and exit")
	flag.BoolVar(&o.keepServices, "keep-services", false, "measure every query on the same two processes (memory then carries over from one query to the next); by default both are started afresh before each query")
	notesOnly := flag.Bool("notes-only", false, "measure nothing: put the -notes file in place in the -out file written earlier")
	flag.StringVar(&conc, "concurrency", "1,32", "comma-separated concurrency levels")
	flag.StringVar(&only, "only", "", "comma-separated names of the queries to run (default: all)")
	flag.Parse()
	for _, c := range strings.Split(conc, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(c))
		if err != nil || n < 1 {
			log.Fatalf("bad -concurrency %q", conc)
		}
		o.concurrency = append(o.concurrency, n)
	}
	if only != "" {
		o.only = map[string]bool{}
		for _, n := range strings.Split(only, ",") {
			o.only[strings.TrimSpace(n)] = true
		}
	}
	if *notesOnly {
		if err := renderNotes(o.out, o.notes); err != nil {
			log.Fatalf("bench: %v", err)
		}
		return
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := run(ctx, o)
	stop()
	if err != nil {
		log.Printf("bench: %v", err)
		os.Exit(1)
	}
}

// service is one of the two GraphQL servers under test.
type service struct {
	name string
	url  string
	cmd  *exec.Cmd
	log  string
	// header goes with every request: aspgraph's bearer token.
	header http.Header
	// ready is how long the process took from start to answering.
	ready time.Duration
	// again starts the service afresh, as it was started.
	again func(ctx context.Context) (*service, error)
}

// restart stops the service and starts it again as it was started, keeping its header.
func (s *service) restart(ctx context.Context) error {
	s.stop()
	n, err := s.again(ctx)
	if err != nil {
		return err
	}
	n.header, n.again = s.header, s.again
	*s = *n
	return nil
}

func (s *service) rssKiB() int {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", s.cmd.Process.Pid))
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		if strings.HasPrefix(line, "VmRSS:") {
			f := strings.Fields(line)
			if len(f) >= 2 {
				n, _ := strconv.Atoi(f[1])
				return n
			}
		}
	}
	return 0
}

func (s *service) stop() {
	if s == nil || s.cmd == nil || s.cmd.Process == nil {
		return
	}
	_ = s.cmd.Process.Signal(syscall.SIGTERM)
	done := make(chan struct{})
	go func() { _ = s.cmd.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(15 * time.Second):
		_ = s.cmd.Process.Kill()
		<-done
	}
}

// floorName is the name, in the measurements, of the raw Cypher run straight from Go;
// floorHTTPName that of the same served over HTTP.
const (
	floorName     = "cypher"
	floorHTTPName = "cypher-http"
)

// floorServer serves the floor of the query being measured over HTTP on loopback: it reads the
// request, runs the query's floor through the store and writes what the store returned as
// JSON. It pays for HTTP and JSON as the services do, and for no GraphQL: the gap between it
// and aspgraph is the GraphQL layer's.
type floorServer struct {
	store *neo4jstore.Store
	query atomic.Pointer[benchQuery]
}

func (f *floorServer) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if _, err := io.Copy(io.Discard, r.Body); err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	v, err := f.query.Load().Floor(r.Context(), f.store, writeSeq.Add(1))
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(map[string]any{"data": v})
}

type report struct {
	o                    options
	loadTook             time.Duration
	loadStats            aspnet.LoadStats
	neo4jVersion         string
	asp, peer            *service
	measured             map[string]map[int]map[string][]measurement // query -> conc -> service -> runs
	queries              []*benchQuery
	roundTrips           map[string]string // query -> aspgraph's Cypher round trips per request
	profiles             map[string]string // query -> top of aspgraph's CPU profile
	errorsSeen           map[string]int
	peerVersions         map[string]string
	rssIdleAsp, rssIdleP int
	loadAvgStart         string
}

type measurement struct {
	throughput float64
	p50, p99   time.Duration
	rssKiB     int
	requests   int
	errors     int
}

func run(ctx context.Context, o options) error {
	uri := os.Getenv("NEO4J_URI")
	if uri == "" {
		return errors.New("NEO4J_URI is not set: run through `make bench`, which starts a throw-away Neo4j")
	}
	r := &report{
		o: o, errorsSeen: map[string]int{}, measured: map[string]map[int]map[string][]measurement{},
		roundTrips: map[string]string{}, profiles: map[string]string{}, loadAvgStart: loadAvg(),
	}
	store, err := neo4jstore.New(ctx, neo4jstore.Config{
		URI: uri, Username: envOr("NEO4J_USERNAME", "neo4j"), Password: os.Getenv("NEO4J_PASSWORD"),
		Database: envOr("NEO4J_DATABASE", "neo4j"),
	})
	if err != nil {
		return err
	}
	defer func() { _ = store.Close(context.Background()) }()
	r.neo4jVersion, _ = store.ServerVersion(ctx)

	if !o.skipLoad {
		t0 := time.Now()
		d := synth.Generate(synth.Default)
		log.Printf("generated synthetic data in %v: %d schools, %d countries, %d events", time.Since(t0).Round(time.Millisecond), len(d.Schools), len(d.Countries), len(d.Events))
		t0 = time.Now()
		r.loadStats, err = store.BulkLoad(ctx, d.Graph(), o.batch)
		if err != nil {
			return err
		}
		r.loadTook = time.Since(t0)
		log.Printf("loaded %d nodes and %d relationships in %v (%.0f rows/s)", r.loadStats.Nodes, r.loadStats.Relationships,
			r.loadTook.Round(time.Millisecond), float64(r.loadStats.Nodes+r.loadStats.Relationships)/r.loadTook.Seconds())
	}
	if o.loadOnly {
		return nil
	}

	aspPort, err := freePort()
	if err != nil {
		return err
	}
	peerPort, err := freePort()
	if err != nil {
		return err
	}
	// Both services bound their transactions alike, so that requests the load driver gave up
	// on do not run on in Neo4j into the next measurement.
	txTimeout, err := time.ParseDuration(envOr("BENCH_REQUEST_TIMEOUT", "60s"))
	if err != nil {
		return fmt.Errorf("BENCH_REQUEST_TIMEOUT: %w", err)
	}
	// A secret of this run only, for the mutation's bearer token.
	secret := make([]byte, 32)
	if _, err := rand.Read(secret); err != nil {
		return err
	}
	jwtSecret := "JWT_SECRET=" + hex.EncodeToString(secret)
	aspEnv := []string{
		"PORT=" + strconv.Itoa(aspPort), "LOAD_DATASET=false", jwtSecret,
		// The peer has no time limit; aspgraph's default of 10s fails cold first requests.
		"REQUEST_TIMEOUT=" + txTimeout.String(),
	}
	var pprofURL string
	if o.profileDir != "" {
		pp, err := freePort()
		if err != nil {
			return err
		}
		addr := "127.0.0.1:" + strconv.Itoa(pp)
		aspEnv = append(aspEnv, "PPROF_ADDR="+addr)
		pprofURL = "http://" + addr + "/debug/pprof/profile"
		if err := os.MkdirAll(o.profileDir, 0o755); err != nil {
			return err
		}
	}
	startAsp := func(ctx context.Context) (*service, error) {
		return start(ctx, "aspgraph", fmt.Sprintf("http://127.0.0.1:%d/query", aspPort), fmt.Sprintf("http://127.0.0.1:%d/readyz", aspPort),
			exec.Command(o.aspgraphBin, "serve"), aspEnv...)
	}
	r.asp, err = startAsp(ctx)
	if err != nil {
		return err
	}
	defer r.asp.stop()
	tok := exec.Command(o.aspgraphBin, "token", "--sub", "bench")
	tok.Env = append(os.Environ(), jwtSecret)
	token, err := tok.Output()
	if err != nil {
		return fmt.Errorf("aspgraph token: %w", err)
	}
	r.asp.header = http.Header{"Authorization": {"Bearer " + strings.TrimSpace(string(token))}}
	r.asp.again = startAsp
	startPeer := func(ctx context.Context) (*service, error) {
		return start(ctx, "peer", fmt.Sprintf("http://127.0.0.1:%d/", peerPort), "",
			exec.Command("node", filepath.Join(o.peerDir, "server.js")), "PORT="+strconv.Itoa(peerPort), "NODE_ENV=production",
			"TX_TIMEOUT_MS="+strconv.FormatInt(txTimeout.Milliseconds(), 10))
	}
	r.peer, err = startPeer(ctx)
	if err != nil {
		return err
	}
	r.peer.again = startPeer
	defer r.peer.stop()
	log.Printf("aspgraph ready in %v, peer ready in %v", r.asp.ready.Round(time.Millisecond), r.peer.ready.Round(time.Millisecond))
	r.rssIdleAsp, r.rssIdleP = r.asp.rssKiB(), r.peer.rssKiB()
	r.peerVersions = peerVersions(o.peerDir)

	client := &http.Client{
		Timeout:   60 * time.Second,
		Transport: &http.Transport{MaxIdleConns: 256, MaxIdleConnsPerHost: 128, IdleConnTimeout: time.Minute},
	}
	writeSeq.Store(time.Now().Unix() * 1000)
	for _, q := range suite() {
		if o.only == nil || o.only[q.Name] {
			r.queries = append(r.queries, q)
		}
	}
	// The first answers can be slow on a cold page cache and a busy machine.
	checkClient := &http.Client{Timeout: 5 * time.Minute, Transport: client.Transport}
	if err := check(ctx, checkClient, r); err != nil {
		return err
	}
	r.countRoundTrips(ctx, client)
	floorSrv := &floorServer{store: store}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return err
	}
	hs := &http.Server{Handler: floorSrv, ReadHeaderTimeout: 10 * time.Second}
	go func() { _ = hs.Serve(ln) }()
	defer func() { _ = hs.Close() }()
	measure(ctx, client, store, r, pprofURL, floorSrv, "http://"+ln.Addr().String()+"/")
	if ctx.Err() != nil {
		return fmt.Errorf("interrupted: %s left as it was", o.out)
	}
	table := r.table()
	fmt.Println(table)
	if err := os.WriteFile(o.out, []byte(r.markdown(table)), 0o644); err != nil {
		return err
	}
	log.Printf("wrote %s", o.out)
	return nil
}

// start runs a service with the environment plus extra, and waits until it answers.
func start(ctx context.Context, name, url, readyURL string, cmd *exec.Cmd, extra ...string) (*service, error) {
	cmd.Env = append(os.Environ(), extra...)
	logf, err := os.Create(filepath.Join(os.TempDir(), "aspgraph-bench-"+name+".log"))
	if err != nil {
		return nil, err
	}
	cmd.Stdout, cmd.Stderr = logf, logf
	s := &service{name: name, url: url, cmd: cmd, log: logf.Name()}
	t0 := time.Now()
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("starting %s: %w", name, err)
	}
	probe := func() bool {
		c := &http.Client{Timeout: time.Second}
		if readyURL != "" {
			resp, err := c.Get(readyURL)
			if err != nil {
				return false
			}
			_ = resp.Body.Close()
			return resp.StatusCode == http.StatusOK
		}
		ok, _ := loadgen.Post(ctx, c, url, []byte(`{"query":"{ __typename }"}`))
		return ok
	}
	for !probe() {
		if time.Since(t0) > 2*time.Minute || ctx.Err() != nil {
			s.stop()
			return nil, fmt.Errorf("%s did not become ready (log: %s)", name, logf.Name())
		}
		time.Sleep(5 * time.Millisecond)
	}
	s.ready = time.Since(t0)
	return s, nil
}

// check asks both services every query of the suite and compares their normalised answers.
func check(ctx context.Context, client *http.Client, r *report) error {
	var bad []string
	for _, q := range r.queries {
		aspBody, peerBody := q.bodies()
		// The first answers also warm Neo4j's page cache: each gets a second chance.
		a, err := answer(ctx, client, r.asp, aspBody(0))
		if err != nil {
			log.Printf("%s on aspgraph, first try: %v", q.Name, err)
			a, err = answer(ctx, client, r.asp, aspBody(0))
		}
		if err != nil {
			return fmt.Errorf("%s on aspgraph: %w", q.Name, err)
		}
		p, err := answer(ctx, client, r.peer, peerBody(0))
		if err != nil {
			log.Printf("%s on the peer, first try: %v", q.Name, err)
			p, err = answer(ctx, client, r.peer, peerBody(0))
		}
		if err != nil {
			return fmt.Errorf("%s on the peer: %w", q.Name, err)
		}
		na, np := q.NormAsp(a), q.NormPeer(p)
		ja, _ := json.Marshal(na)
		jp, _ := json.Marshal(np)
		if !reflect.DeepEqual(na, np) {
			bad = append(bad, q.Name)
			log.Printf("check %s: DIFFERENT\n  aspgraph: %.600s\n  peer:     %.600s", q.Name, ja, jp)
			continue
		}
		log.Printf("check %s: same data (%d bytes normalised)", q.Name, len(ja))
	}
	if len(bad) > 0 {
		return fmt.Errorf("the services disagree on %s", strings.Join(bad, ", "))
	}
	return nil
}

// answer posts one request and returns its data, failing on GraphQL errors.
func answer(ctx context.Context, client *http.Client, s *service, body []byte) (any, error) {
	b, status, err := loadgen.DoWith(ctx, client, s.url, s.header, body)
	if err != nil {
		return nil, err
	}
	var resp struct {
		Data   any             `json:"data"`
		Errors json.RawMessage `json:"errors"`
	}
	if err := json.Unmarshal(b, &resp); err != nil {
		return nil, fmt.Errorf("status %d: %.300s", status, b)
	}
	if len(resp.Errors) > 0 || status != http.StatusOK {
		return nil, fmt.Errorf("status %d, errors %.500s", status, resp.Errors)
	}
	return resp.Data, nil
}

// countRoundTrips asks aspgraph each query once more under a request ID of its own, and reads
// the Cypher round trips its log line for that request reports.
func (r *report) countRoundTrips(ctx context.Context, client *http.Client) {
	ids := map[string]string{}
	for _, q := range r.queries {
		body, _ := q.bodies()
		id := "bench-round-trips-" + q.Name
		h := http.Header{"X-Request-Id": {id}}
		for k, v := range r.asp.header {
			h[k] = v
		}
		if _, _, err := loadgen.DoWith(ctx, client, r.asp.url, h, body(0)); err != nil {
			log.Printf("round trips of %s: %v", q.Name, err)
			continue
		}
		ids[id] = q.Name
	}
	time.Sleep(100 * time.Millisecond) // the log line follows the answer
	b, err := os.ReadFile(r.asp.log)
	if err != nil {
		log.Printf("round trips: %v", err)
		return
	}
	for _, line := range strings.Split(string(b), "\n") {
		var rec struct {
			RequestID  string `json:"request_id"`
			RoundTrips *int   `json:"cypher_round_trips"`
		}
		if json.Unmarshal([]byte(line), &rec) != nil || rec.RoundTrips == nil {
			continue
		}
		if name, ok := ids[rec.RequestID]; ok {
			r.roundTrips[name] = strconv.Itoa(*rec.RoundTrips)
			log.Printf("round trips of %s: %d", name, *rec.RoundTrips)
		}
	}
}

// measure runs every query at every concurrency, o.runs times per service, alternating which
// service goes first, and records throughput, latency and the peak RSS sampled during the run.
// The raw Cypher floor takes its turn in the same rotation.
func measure(ctx context.Context, client *http.Client, store *neo4jstore.Store, r *report, pprofURL string, fs *floorServer, floorURL string) {
	floor := &service{name: floorName}
	floorHTTP := &service{name: floorHTTPName, url: floorURL}
	for qi, q := range r.queries {
		if qi > 0 && !r.o.keepServices {
			// Each query is measured on processes of its own, so that the memory a query
			// measured earlier left behind does not count as this one's.
			for _, s := range []*service{r.asp, r.peer} {
				if err := s.restart(ctx); err != nil {
					log.Printf("restarting %s: %v", s.name, err)
					return
				}
			}
		}
		fs.query.Store(q)
		aspBody, peerBody := q.bodies()
		r.measured[q.Name] = map[int]map[string][]measurement{}
		for ci, c := range r.o.concurrency {
			r.measured[q.Name][c] = map[string][]measurement{}
			for run := range r.o.runs {
				order := []*service{r.asp, r.peer, floor, floorHTTP}
				for range run % len(order) {
					order = append(order[1:], order[0])
				}
				for _, s := range order {
					var do func(ctx context.Context, n int64) bool
					switch s {
					case floor:
						if q.Floor == nil {
							continue
						}
						do = func(ctx context.Context, n int64) bool {
							_, err := q.Floor(ctx, store, writeSeq.Add(1))
							return err == nil
						}
					case floorHTTP:
						if q.Floor == nil {
							continue
						}
						do = poster(client, s, func(int64) []byte { return []byte("{}") })
					case r.asp:
						do = poster(client, s, aspBody)
					default:
						do = poster(client, s, peerBody)
					}
					loadgen.RunFunc(ctx, c, r.o.warmup, r.o.maxRequests, do)
					var prof chan string
					if s == r.asp && pprofURL != "" && run == 0 && ci == len(r.o.concurrency)-1 {
						prof = make(chan string, 1)
						go func() { prof <- r.profile(ctx, pprofURL, q.Name) }()
					}
					m := runSampled(ctx, s, c, r.o, do)
					if prof != nil {
						r.profiles[q.Name] = <-prof
					}
					r.measured[q.Name][c][s.name] = append(r.measured[q.Name][c][s.name], m)
					if m.errors > 0 {
						r.errorsSeen[s.name] += m.errors
					}
					log.Printf("%-22s c=%-3d run %d %-8s %8.1f req/s  p50 %8s  p99 %8s  rss %6.1f MiB  (%d requests, %d errors)",
						q.Name, c, run+1, s.name, m.throughput, m.p50.Round(10*time.Microsecond), m.p99.Round(10*time.Microsecond),
						float64(m.rssKiB)/1024, m.requests, m.errors)
				}
			}
		}
	}
}

func poster(client *http.Client, s *service, body func(int64) []byte) func(ctx context.Context, n int64) bool {
	return func(ctx context.Context, n int64) bool {
		ok, _ := loadgen.PostWith(ctx, client, s.url, s.header, body(n))
		return ok
	}
}

// profile takes a CPU profile of aspgraph for most of one run, saves it in the profile
// folder and returns the top of `go tool pprof -top`.
func (r *report) profile(ctx context.Context, url, name string) string {
	secs := max(1, int(r.o.duration.Seconds())-1)
	b, status, err := loadgen.DoWith(ctx, &http.Client{Timeout: r.o.duration + time.Minute}, url+"?seconds="+strconv.Itoa(secs), nil, nil)
	if err != nil || status != http.StatusOK {
		log.Printf("profile of %s: status %d, %v", name, status, err)
		return ""
	}
	file := filepath.Join(r.o.profileDir, name+".pprof")
	if err := os.WriteFile(file, b, 0o644); err != nil {
		log.Printf("profile of %s: %v", name, err)
		return ""
	}
	out, err := exec.CommandContext(ctx, "go", "tool", "pprof", "-top", "-nodecount=25", r.o.aspgraphBin, file).Output()
	if err != nil {
		log.Printf("pprof of %s: %v", name, err)
		return ""
	}
	return string(out)
}

func runSampled(ctx context.Context, s *service, c int, o options, do func(ctx context.Context, n int64) bool) measurement {
	var peak int
	var mu sync.Mutex
	done := make(chan struct{})
	if s.cmd != nil {
		go func() {
			t := time.NewTicker(100 * time.Millisecond)
			defer t.Stop()
			for {
				select {
				case <-done:
					return
				case <-t.C:
					if v := s.rssKiB(); v > 0 {
						mu.Lock()
						peak = max(peak, v)
						mu.Unlock()
					}
				}
			}
		}()
	}
	res := loadgen.RunFunc(ctx, c, o.duration, o.maxRequests, do)
	close(done)
	mu.Lock()
	defer mu.Unlock()
	if s.cmd != nil {
		peak = max(peak, s.rssKiB())
	}
	return measurement{
		throughput: res.Throughput(),
		p50:        loadgen.Percentile(res.Latencies, 50),
		p99:        loadgen.Percentile(res.Latencies, 99),
		rssKiB:     peak,
		requests:   res.Requests,
		errors:     res.Errors,
	}
}

func median[T any](ms []measurement, f func(measurement) T, less func(a, b T) bool) T {
	vals := make([]T, len(ms))
	for i, m := range ms {
		vals[i] = f(m)
	}
	sort.Slice(vals, func(i, j int) bool { return less(vals[i], vals[j]) })
	return vals[len(vals)/2]
}

type summary struct {
	tput     float64
	p50, p99 time.Duration
	rss      int
}

func summarize(ms []measurement) summary {
	if len(ms) == 0 {
		return summary{}
	}
	return summary{
		tput: median(ms, func(m measurement) float64 { return m.throughput }, func(a, b float64) bool { return a < b }),
		p50:  median(ms, func(m measurement) time.Duration { return m.p50 }, func(a, b time.Duration) bool { return a < b }),
		p99:  median(ms, func(m measurement) time.Duration { return m.p99 }, func(a, b time.Duration) bool { return a < b }),
		rss:  median(ms, func(m measurement) int { return m.rssKiB }, func(a, b int) bool { return a < b }),
	}
}

func ratio(a, b float64) string {
	if b == 0 {
		return "n/a"
	}
	return fmt.Sprintf("%.2f", a/b)
}

func ms(d time.Duration) string { return fmt.Sprintf("%.1f", float64(d)/float64(time.Millisecond)) }

// goal marks a ratio that misses its goal.
func goal(v string, ok func(float64) bool) string {
	f, err := strconv.ParseFloat(v, 64)
	if err != nil || ok(f) {
		return v
	}
	return v + " ✗"
}

// table is the results as a Markdown table: medians per service and the ratios aspgraph/peer,
// and aspgraph's overhead over the raw Cypher floor.
func (r *report) table() string {
	var b strings.Builder
	b.WriteString("| query | conc | aspgraph req/s | peer req/s | **tput ratio** (≥2) | aspgraph p50 ms | peer p50 ms | p50 ratio | aspgraph p99 ms | peer p99 ms | **p99 ratio** (≤1) | aspgraph RSS MiB | peer RSS MiB | **RSS ratio** (≤0.33) | Cypher floor req/s | floor p50 ms | **overhead** (≤1.3) | HTTP floor req/s | HTTP floor p50 ms | GraphQL overhead | round trips |\n")
	b.WriteString("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n")
	for _, q := range r.queries {
		for _, c := range r.o.concurrency {
			a := summarize(r.measured[q.Name][c]["aspgraph"])
			p := summarize(r.measured[q.Name][c]["peer"])
			f := summarize(r.measured[q.Name][c][floorName])
			fh := summarize(r.measured[q.Name][c][floorHTTPName])
			rt := r.roundTrips[q.Name]
			if rt == "" {
				rt = "?"
			}
			fmt.Fprintf(&b, "| %s | %d | %.1f | %.1f | **%s** | %s | %s | %s | %s | %s | **%s** | %.1f | %.1f | **%s** | %.1f | %s | **%s** | %.1f | %s | %s | %s |\n",
				q.Name, c, a.tput, p.tput, goal(ratio(a.tput, p.tput), func(v float64) bool { return v >= 2 }),
				ms(a.p50), ms(p.p50), ratio(float64(a.p50), float64(p.p50)),
				ms(a.p99), ms(p.p99), goal(ratio(float64(a.p99), float64(p.p99)), func(v float64) bool { return v <= 1 }),
				float64(a.rss)/1024, float64(p.rss)/1024, goal(ratio(float64(a.rss), float64(p.rss)), func(v float64) bool { return v <= 1.0/3 }),
				f.tput, ms(f.p50), goal(ratio(f.tput, a.tput), func(v float64) bool { return v <= 1.3 }),
				fh.tput, ms(fh.p50), ratio(fh.tput, a.tput), rt)
		}
	}
	return b.String()
}

func (r *report) markdown(table string) string {
	var b strings.Builder
	b.WriteString("# Benchmark: aspgraph against @neo4j/graphql\n\n")
	b.WriteString("Written by `make bench` (cmd/bench/main.go); do not edit by hand.\n\n")
	fmt.Fprintf(&b, "Generated %s with:\n\n```sh\nmake bench BENCH_FLAGS='%s'\n```\n\n", time.Now().UTC().Format("2006-01-02 15:04 UTC"), strings.Join(os.Args[1:], " "))
	b.WriteString("## Machine and versions\n\n")
	fmt.Fprintf(&b, "- CPU: %s, %d logical CPUs (nproc); memory: %s\n", cpuModel(), runtime.NumCPU(), memTotal())
	fmt.Fprintf(&b, "- Neo4j: %s, one throw-away local instance (`aspgraph with-neo4j`) shared by both services; heap %s MiB\n", r.neo4jVersion, envOr("LOCAL_NEO4J_HEAP_MB", "512"))
	fmt.Fprintf(&b, "- aspgraph: built with %s, `aspgraph serve` with LOAD_DATASET=false, REQUEST_TIMEOUT=%s, a JWT_SECRET of the run, and the other defaults of config.go\n", runtime.Version(), envOr("BENCH_REQUEST_TIMEOUT", "60s"))
	fmt.Fprintf(&b, "- peer: Node %s, %s, NODE_ENV=production\n", nodeVersion(), joinVersions(r.peerVersions))
	b.WriteString("- load driver: cmd/bench/loadgen, Go, HTTP/1.1 keep-alive over loopback, on the same machine\n")
	fmt.Fprintf(&b, "- load average (1, 5, 15 min) at the start: %s; at the end: %s. Neo4j, both services and the load driver share these CPUs.\n\n", r.loadAvgStart, loadAvg())
	b.WriteString("## Data\n\n")
	if r.o.skipLoad {
		b.WriteString("Loaded earlier (-skip-load).\n\n")
	} else {
		fmt.Fprintf(&b, "cmd/bench/synth with seed %d: %d schools in %d countries, %d events. `Store.BulkLoad` (batch %d) wrote %d nodes and %d relationships in %s (%.0f rows/s).\n\n",
			synth.Default.Seed, synth.Default.Schools, synth.Default.Countries, synth.Default.Events, r.o.batch,
			r.loadStats.Nodes, r.loadStats.Relationships, r.loadTook.Round(time.Millisecond),
			float64(r.loadStats.Nodes+r.loadStats.Relationships)/r.loadTook.Seconds())
	}
	b.WriteString("## Start-up\n\n")
	fmt.Fprintf(&b, "From process start to ready, Neo4j already up: aspgraph %s (until /readyz answers 200; goal under 1 s), peer %s (until `{ __typename }` answers). RSS when idle after start: aspgraph %.1f MiB, peer %.1f MiB.\n\n",
		r.asp.ready.Round(time.Millisecond), r.peer.ready.Round(time.Millisecond), float64(r.rssIdleAsp)/1024, float64(r.rssIdleP)/1024)
	b.WriteString("## Queries\n\nBefore timing, each query's answers from both services were normalised to one shape and found equal.\n\n")
	for _, q := range r.queries {
		fmt.Fprintf(&b, "- **%s**: %s.\n  - aspgraph: `%s`\n  - peer: `%s`\n", q.Name, q.What, q.Aspgraph.Query, q.Peer.Query)
	}
	restarts := "Both services are started afresh before each query, so that a query's RSS is its own, not what an earlier query left behind. "
	if r.o.keepServices {
		restarts = "Both services ran every query in one process each (-keep-services): RSS carries over from one query to the next. "
	}
	fmt.Fprintf(&b, "\n## Results\n\nMedians of %d runs per service, query and concurrency; each run %s after %s of warm-up, aspgraph, the peer and the two Cypher floors taking turns at going first. "+
		restarts+
		"RSS is the peak VmRSS sampled every 100 ms during the run. Ratios are aspgraph / peer: above 1 is better for throughput, below 1 is better for latency and memory; ✗ marks a ratio that misses the goal in the column's heading. "+
		"The **Cypher floor** runs the statements aspgraph runs for the query, in the same order, with the same parameters and driver settings, through `neo4jstore.Store` straight from Go (no HTTP, no GraphQL), measured the same way; **overhead** is floor throughput / aspgraph throughput. "+
		"The **HTTP floor** serves the same statements over HTTP from the benchmark's process (a plain `net/http` handler that reads the request, runs them and writes what the store returned as JSON), driven by the same load driver: it pays for HTTP, JSON and the load driver's share of the CPUs as aspgraph does, and for no GraphQL; **GraphQL overhead** is HTTP floor throughput / aspgraph throughput. "+
		"**Round trips** are aspgraph's Cypher round trips per request, from its log line.\n\n",
		r.o.runs, r.o.duration, r.o.warmup)
	b.WriteString(table)
	if len(r.errorsSeen) > 0 {
		fmt.Fprintf(&b, "\nFailed requests during the runs: %v.\n", r.errorsSeen)
	}
	b.WriteString("\n" + notesStart + "\n")
	if r.o.notes != "" {
		if notes, err := os.ReadFile(r.o.notes); err == nil {
			b.Write(notes)
		}
	}
	b.WriteString(notesEnd + "\n")
	if len(r.profiles) > 0 {
		b.WriteString("\n## CPU profiles of aspgraph\n\n")
		fmt.Fprintf(&b, "Taken with pprof (PPROF_ADDR) during aspgraph's first run at concurrency %d of each query; files in `%s`.\n\n", r.o.concurrency[len(r.o.concurrency)-1], r.o.profileDir)
		for _, q := range r.queries {
			if p := r.profiles[q.Name]; p != "" {
				fmt.Fprintf(&b, "### %s\n\n```\n%s```\n\n", q.Name, p)
			}
		}
	}
	return b.String()
}

// The notes (-notes) stand between these lines of RESULTS.md, so that -notes-only can put
// them in again without measuring again.
const (
	notesStart = "<!-- notes: from -notes; `bench -notes-only` puts them in again -->"
	notesEnd   = "<!-- end of notes -->"
)

// renderNotes puts the notes file in place in the results file written earlier.
func renderNotes(out, notes string) error {
	b, err := os.ReadFile(out)
	if err != nil {
		return err
	}
	n, err := os.ReadFile(notes)
	if err != nil {
		return err
	}
	s := string(b)
	i, j := strings.Index(s, notesStart), strings.Index(s, notesEnd)
	if i < 0 || j < i {
		return fmt.Errorf("%s has no notes section", out)
	}
	s = s[:i+len(notesStart)] + "\n" + string(n) + s[j:]
	return os.WriteFile(out, []byte(s), 0o644)
}

func loadAvg() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "unknown"
	}
	f := strings.Fields(string(b))
	if len(f) < 3 {
		return "unknown"
	}
	return strings.Join(f[:3], ", ")
}

func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer func() { _ = l.Close() }()
	return l.Addr().(*net.TCPAddr).Port, nil
}

func envOr(name, def string) string {
	if v := os.Getenv(name); v != "" {
		return v
	}
	return def
}

func cpuModel() string {
	b, _ := os.ReadFile("/proc/cpuinfo")
	for _, line := range strings.Split(string(b), "\n") {
		if strings.HasPrefix(line, "model name") {
			if _, v, ok := strings.Cut(line, ":"); ok {
				return strings.TrimSpace(v)
			}
		}
	}
	return "unknown CPU"
}

func memTotal() string {
	b, _ := os.ReadFile("/proc/meminfo")
	for _, line := range strings.Split(string(b), "\n") {
		if strings.HasPrefix(line, "MemTotal:") {
			f := strings.Fields(line)
			if len(f) >= 2 {
				kb, _ := strconv.Atoi(f[1])
				return fmt.Sprintf("%.1f GiB", float64(kb)/1024/1024)
			}
		}
	}
	return "unknown"
}

func nodeVersion() string {
	out, err := exec.Command("node", "--version").Output()
	if err != nil {
		return "unknown"
	}
	return strings.TrimSpace(string(out))
}

func peerVersions(dir string) map[string]string {
	v := map[string]string{}
	for _, p := range []string{"@neo4j/graphql", "@apollo/server", "neo4j-driver", "graphql"} {
		b, err := os.ReadFile(filepath.Join(dir, "node_modules", p, "package.json"))
		if err != nil {
			continue
		}
		var pkg struct{ Version string }
		if json.Unmarshal(b, &pkg) == nil {
			v[p] = pkg.Version
		}
	}
	return v
}

func joinVersions(v map[string]string) string {
	var parts []string
	for _, k := range sortedKeys(v) {
		parts = append(parts, k+" "+v[k])
	}
	return strings.Join(parts, ", ")
}
