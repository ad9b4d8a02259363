// Command load puts a mixed read and write load on aspgraph over loopback, for a bounded
// time, and optionally kills Neo4j (SIGKILL to its JVM) in the middle and starts it again.
//
// It starts its own Neo4j (a throw-away data folder, a free port) and its own `aspgraph serve`
// (bin/aspgraph by default) with a fresh JWT secret, waits until the service is ready, then
// sends requests at a fixed rate with vegeta: reads of several shapes and createSchool
// mutations with an editor's token. It samples the service's resident memory, classifies
// every answer by its GraphQL error code, records the ID of every write the service
// acknowledged, and at the end reads every one of them back. It exits non-zero when a
// promise does not hold:
//
//   - with no fault: no request fails, and memory stays flat;
//   - with -kill-at: the service never exits; every failed request ends between the kill and
//     5 s after Neo4j accepts connections again, and fails with SERVICE_UNAVAILABLE (within
//     2 s while Neo4j is down); the service answers again within those 5 s; no acknowledged
//     write is lost.
//
// Run from the repository's root: `make load` and `make fault`.
package main

import (
	"bufio"
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	vegeta "github.com/tsenart/vegeta/v12/lib"

	"github.com/aspgraph/aspgraph/aspnet"
	"github.com/aspgraph/aspgraph/auth"
	"github.com/aspgraph/aspgraph/localneo4j"
	"github.com/aspgraph/aspgraph/neo4jstore"
)

func main() {
	var o options
	flag.DurationVar(&o.duration, "duration", 5*time.Minute, "how long to send requests")
	flag.IntVar(&o.rate, "rate", 10, "requests per second")
	flag.IntVar(&o.writeEvery, "write-every", 10, "one request in this many is a write")
	flag.DurationVar(&o.killAt, "kill-at", 0, "SIGKILL Neo4j's JVM this long into the load and start it again (0: no fault)")
	flag.DurationVar(&o.downFor, "down-for", 5*time.Second, "how long Neo4j stays down before it is started again")
	flag.StringVar(&o.bin, "aspgraph", "bin/aspgraph", "the aspgraph binary to serve")
	flag.StringVar(&o.launcher, "launcher", "localneo4j/launcher", "the Neo4j launcher's folder")
	flag.BoolVar(&o.classData, "cds", true, "start Neo4j with the launcher's class data archive (made by the first Neo4j that stops cleanly)")
	flag.StringVar(&o.out, "out", "", "folder for the service's and Neo4j's logs (default: a temporary folder)")
	flag.Parse()
	ctx := context.Background()
	rep, err := run(ctx, o)
	if rep != nil {
		rep.print(os.Stdout, o)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "load:", err)
		os.Exit(1)
	}
	if rep != nil && len(rep.violations) > 0 {
		os.Exit(1)
	}
}

type options struct {
	duration   time.Duration
	rate       int
	writeEvery int
	killAt     time.Duration
	downFor    time.Duration
	bin        string
	launcher   string
	classData  bool
	out        string
}

// recoveryBound is how long after Neo4j accepts connections again the service may still
// refuse requests (SERVICE_UNAVAILABLE, within 2 s): from then on, every request must succeed.
const recoveryBound = 5 * time.Second

// report is what a run measured.
type report struct {
	metrics   vegeta.Metrics
	outcomes  map[string]int // by phase/outcome
	rss       []rssSample
	acked     []string
	missing   []string
	killedAt  time.Time
	neo4jBack time.Time // Neo4j accepting connections again
	firstOK   time.Time // the first answer without error that ended after neo4jBack
	lastError time.Time
	exited    bool
	restart   time.Duration // how long Neo4j took to start again
	// unavailable holds the latency of every SERVICE_UNAVAILABLE answer that ended while
	// Neo4j was down; unavailableBack, of those that ended after it was back.
	unavailable, unavailableBack []time.Duration

	// byShape tells, for each request shape, when it first succeeded after Neo4j was back
	// and when it last failed.
	byShape map[string]*shapeRecovery

	loadBefore, loadAfter string // the machine's load averages

	violations []string
}

type shapeRecovery struct{ firstOK, lastError time.Duration }

// shapeOf names the request shape of a result, from the request ID the service echoes.
func shapeOf(res *vegeta.Result, reads []map[string]any) string {
	id := res.Headers.Get("X-Request-ID")
	n, err := strconv.Atoi(id[min(2, len(id)):])
	switch {
	case err != nil:
		return "?"
	case strings.HasPrefix(id, "w-"):
		return "Write"
	default:
		name, _ := reads[n%len(reads)]["operationName"].(string)
		return name
	}
}

type rssSample struct {
	at  time.Duration
	kib int
}

func run(ctx context.Context, o options) (*report, error) {
	if o.out == "" {
		dir, err := os.MkdirTemp("", "aspgraph-loadtest-")
		if err != nil {
			return nil, err
		}
		o.out = dir
	} else if err := os.MkdirAll(o.out, 0o755); err != nil {
		return nil, err
	}
	dataDir := filepath.Join(o.out, "neo4j")
	boltPort, err := localneo4j.FreePort()
	if err != nil {
		return nil, err
	}
	neoLog, err := os.Create(filepath.Join(o.out, "neo4j.log"))
	if err != nil {
		return nil, err
	}
	defer func() { _ = neoLog.Close() }()
	startNeo4j := func() (*localneo4j.Server, error) {
		sctx, cancel := context.WithTimeout(ctx, 6*time.Minute)
		defer cancel()
		return localneo4j.Start(sctx, localneo4j.Options{LauncherDir: o.launcher, DataDir: dataDir, Port: boltPort, Log: neoLog, NoClassData: !o.classData})
	}
	fmt.Fprintf(os.Stderr, "starting Neo4j on 127.0.0.1:%d (data and logs in %s)\n", boltPort, o.out)
	neo, err := startNeo4j()
	if err != nil {
		return nil, err
	}
	var neoMu sync.Mutex
	defer func() {
		neoMu.Lock()
		defer neoMu.Unlock()
		sctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		defer cancel()
		_ = neo.Stop(sctx)
	}()

	// The service, as an operator runs it.
	secret := randomHex(32)
	port, err := localneo4j.FreePort()
	if err != nil {
		return nil, err
	}
	svcLog, err := os.Create(filepath.Join(o.out, "aspgraph.log"))
	if err != nil {
		return nil, err
	}
	defer func() { _ = svcLog.Close() }()
	svc := exec.Command(o.bin, "serve")
	svc.Stdout, svc.Stderr = svcLog, svcLog
	svc.Env = append(os.Environ(),
		"NEO4J_URI="+neo.URI(), "NEO4J_USERNAME=neo4j", "NEO4J_PASSWORD="+localneo4j.DefaultPassword,
		"NEO4J_DATABASE=neo4j", "PORT="+strconv.Itoa(port), "JWT_SECRET="+secret, "LOAD_DATASET=true",
		"CORS_ALLOWED_ORIGINS=http://127.0.0.1")
	if err := svc.Start(); err != nil {
		return nil, err
	}
	var exited atomic.Bool
	svcDone := make(chan struct{})
	go func() { _ = svc.Wait(); exited.Store(true); close(svcDone) }()
	defer func() {
		_ = svc.Process.Signal(syscall.SIGTERM)
		select {
		case <-svcDone:
		case <-time.After(20 * time.Second):
			_ = svc.Process.Kill()
			<-svcDone
		}
	}()
	base := "http://127.0.0.1:" + strconv.Itoa(port)
	if err := waitReady(base, svcDone, 3*time.Minute); err != nil {
		return nil, err
	}
	fmt.Fprintf(os.Stderr, "aspgraph (pid %d) ready at %s; %d requests/s for %s, one in %d a write\n", svc.Process.Pid, base, o.rate, o.duration, o.writeEvery)

	token, err := auth.MintToken([]byte(secret), "loadtest", []string{aspnet.RoleEditor}, 2*time.Hour, time.Now())
	if err != nil {
		return nil, err
	}
	rep := &report{outcomes: map[string]int{}, byShape: map[string]*shapeRecovery{}, loadBefore: loadAverage()}
	if err := warmUp(base, token); err != nil {
		return nil, err
	}
	start := time.Now()

	// Memory: the service's resident set every 5 s.
	stopSampling := make(chan struct{})
	var sampling sync.WaitGroup
	sampling.Go(func() {
		t := time.NewTicker(5 * time.Second)
		defer t.Stop()
		for {
			if kib, err := rssKiB(svc.Process.Pid); err == nil {
				rep.rss = append(rep.rss, rssSample{time.Since(start), kib})
			}
			select {
			case <-stopSampling:
				return
			case <-t.C:
			}
		}
	})

	// The fault: SIGKILL the JVM, wait, start Neo4j again on the same port and data.
	var fault sync.WaitGroup
	var faultErr error
	var faultMu sync.Mutex // guards killedAt, neo4jBack, restart
	if o.killAt > 0 {
		fault.Go(func() {
			time.Sleep(o.killAt)
			pid, err := listenerPID(boltPort)
			if err != nil {
				faultErr = err
				return
			}
			if err := syscall.Kill(pid, syscall.SIGKILL); err != nil {
				faultErr = err
				return
			}
			faultMu.Lock()
			rep.killedAt = time.Now()
			faultMu.Unlock()
			neoMu.Lock()
			<-neo.Done()
			neoMu.Unlock()
			fmt.Fprintf(os.Stderr, "%s: killed Neo4j (pid %d)\n", time.Since(start).Round(time.Millisecond), pid)
			time.Sleep(o.downFor)
			began := time.Now()
			// The launcher reports READY only once it has also set the password, which can
			// lag far behind Bolt on a busy machine: Neo4j is back when it answers a Bolt
			// client with the password, as the service sees it.
			var startErr error
			started := make(chan struct{})
			go func() {
				again, err := startNeo4j()
				if err == nil {
					neoMu.Lock()
					neo = again
					neoMu.Unlock()
				}
				startErr = err
				close(started)
			}()
			back := waitForBolt(ctx, "bolt://127.0.0.1:"+strconv.Itoa(boltPort), started, &startErr)
			faultMu.Lock()
			if !back.IsZero() {
				rep.neo4jBack, rep.restart = back, back.Sub(began)
				fmt.Fprintf(os.Stderr, "%s: Neo4j answers Bolt again (%s after its start)\n", time.Since(start).Round(time.Millisecond), rep.restart.Round(time.Millisecond))
			}
			faultMu.Unlock()
			<-started
			if startErr != nil {
				faultErr = startErr
			}
		})
	}

	// The load.
	run := randomHex(4)
	var seq atomic.Int64
	reads := readShapes()
	targeter := func(t *vegeta.Target) error {
		n := seq.Add(1)
		t.Method, t.URL = http.MethodPost, base+"/query"
		t.Header = http.Header{"Content-Type": {"application/json"}}
		var body any
		if n%int64(o.writeEvery) == 0 {
			t.Header.Set("Authorization", "Bearer "+token)
			t.Header.Set("X-Request-ID", "w-"+strconv.FormatInt(n, 10))
			body = map[string]any{"operationName": "Write", "query": createSchool, "variables": map[string]any{"in": map[string]any{
				"name":        fmt.Sprintf("Load School %s-%d", run, n),
				"cityName":    "Almaty",
				"countryName": "Kazakhstan",
				"networkId":   aspnet.EncodeID(aspnet.KindNetwork, "aspnet-kz"),
				"since":       "2024",
				"source":      "https://example.org/aspgraph-loadtest",
				"quote":       "written by the load test",
			}}}
		} else {
			t.Header.Set("X-Request-ID", "r-"+strconv.FormatInt(n, 10))
			body = reads[int(n)%len(reads)]
		}
		b, err := json.Marshal(body)
		t.Body = b
		return err
	}
	// The client waits longer than the service's own time limit (REQUEST_TIMEOUT), so that a
	// slow answer is the service's TIMEOUT, never a request the client gave up on.
	attacker := vegeta.NewAttacker(vegeta.Timeout(2*time.Minute), vegeta.KeepAlive(true),
		vegeta.Workers(8), vegeta.MaxWorkers(256), vegeta.LocalAddr(net.IPAddr{IP: net.IPv4(127, 0, 0, 1)}))
	type ended struct {
		at      time.Time
		took    time.Duration
		outcome string
		shape   string
	}
	var ends []ended
	for res := range attacker.Attack(targeter, vegeta.Rate{Freq: o.rate, Per: time.Second}, o.duration, "aspgraph") {
		rep.metrics.Add(res)
		outcome, ackID := classify(res)
		ends = append(ends, ended{res.End(), res.Latency, outcome, shapeOf(res, reads)})
		if ackID != "" {
			rep.acked = append(rep.acked, ackID)
		}
		if outcome != "ok" && res.End().After(rep.lastError) {
			rep.lastError = res.End()
		}
	}
	rep.metrics.Close()
	rep.loadAfter = loadAverage()
	fault.Wait()
	close(stopSampling)
	sampling.Wait()
	rep.exited = exited.Load()
	if faultErr != nil {
		rep.violation("the fault: %v", faultErr)
	}

	// Phases and outcomes, in the order the answers ended.
	slices.SortFunc(ends, func(a, b ended) int { return a.at.Compare(b.at) })
	for _, e := range ends {
		phase := "steady"
		if !rep.killedAt.IsZero() {
			switch {
			case e.at.Before(rep.killedAt):
				phase = "before the kill"
			case rep.neo4jBack.IsZero() || e.at.Before(rep.neo4jBack):
				phase = "Neo4j down"
			case e.at.Before(rep.neo4jBack.Add(recoveryBound)):
				phase = "recovering"
			default:
				phase = "after recovery"
			}
			if !rep.neo4jBack.IsZero() && !e.at.Before(rep.neo4jBack) && e.outcome == "ok" && rep.firstOK.IsZero() {
				rep.firstOK = e.at
			}
		}
		rep.outcomes[phase+": "+e.outcome]++
		if !rep.neo4jBack.IsZero() && !e.at.Before(rep.neo4jBack) {
			r := rep.byShape[e.shape]
			if r == nil {
				r = &shapeRecovery{}
				rep.byShape[e.shape] = r
			}
			if e.outcome == "ok" && r.firstOK == 0 {
				r.firstOK = e.at.Sub(rep.neo4jBack)
			} else if e.outcome != "ok" {
				r.lastError = e.at.Sub(rep.neo4jBack)
			}
		}
		if e.outcome == string(aspnet.CodeUnavailable) {
			if phase == "Neo4j down" {
				rep.unavailable = append(rep.unavailable, e.took)
			} else {
				rep.unavailableBack = append(rep.unavailableBack, e.took)
			}
		}
		if e.outcome == "ok" {
			continue
		}
		switch phase {
		case "Neo4j down", "recovering":
			if e.outcome != string(aspnet.CodeUnavailable) {
				rep.violation("a request ended %s (%s) with %s, not SERVICE_UNAVAILABLE", e.at.Sub(start).Round(time.Millisecond), phase, e.outcome)
			}
		default:
			rep.violation("a request ended %s (%s) with %s", e.at.Sub(start).Round(time.Millisecond), phase, e.outcome)
		}
	}

	// While Neo4j is down, SERVICE_UNAVAILABLE comes within 2 s.
	for _, d := range rep.unavailable {
		if d > 2*time.Second {
			rep.violation("a SERVICE_UNAVAILABLE answer while Neo4j was down took %s, more than 2 s", d.Round(time.Millisecond))
		}
	}

	// Every acknowledged write is there.
	if !rep.exited {
		rep.missing, err = missingSchools(base, rep.acked)
		if err != nil {
			rep.violation("reading the acknowledged writes back: %v", err)
		}
		for _, id := range rep.missing {
			rep.violation("acknowledged school %s is missing", id)
		}
	}
	if rep.exited {
		rep.violation("the service exited during the load")
	}
	if !rep.killedAt.IsZero() {
		if rep.firstOK.IsZero() {
			rep.violation("the service never answered again after Neo4j came back")
		} else if d := rep.firstOK.Sub(rep.neo4jBack); d > recoveryBound {
			rep.violation("the service answered again %s after Neo4j came back, more than %s", d.Round(time.Millisecond), recoveryBound)
		}
	} else {
		rep.checkMemory()
	}
	return rep, nil
}

func (r *report) violation(format string, args ...any) {
	if len(r.violations) < 20 {
		r.violations = append(r.violations, fmt.Sprintf(format, args...))
	} else if len(r.violations) == 20 {
		r.violations = append(r.violations, "(more violations left out)")
	}
}

// checkMemory calls the resident set flat when, after the first minute (start-up, the first
// queries' plans and pools), the last minute's average is within 20% of the second minute's
// and a least-squares line through the samples rises by less than 5 MiB a minute.
func (r *report) checkMemory() {
	second, last := r.window(time.Minute, 2*time.Minute), r.window(r.endOfSamples()-time.Minute, r.endOfSamples())
	if second == 0 || last == 0 {
		r.violation("too few memory samples to judge")
		return
	}
	if last > second*1.2 {
		r.violation("memory grew: %.1f MiB in the second minute, %.1f MiB in the last", second/1024, last/1024)
	}
	if s := r.slope(); s > 5 {
		r.violation("memory rises by %.1f MiB a minute after the first minute", s)
	}
}

func (r *report) endOfSamples() time.Duration {
	if len(r.rss) == 0 {
		return 0
	}
	return r.rss[len(r.rss)-1].at
}

// window averages the samples taken in [from, to), in KiB.
func (r *report) window(from, to time.Duration) float64 {
	var sum, n float64
	for _, s := range r.rss {
		if s.at >= from && s.at < to {
			sum += float64(s.kib)
			n++
		}
	}
	if n == 0 {
		return 0
	}
	return sum / n
}

// slope fits a line through the samples after the first minute: MiB per minute.
func (r *report) slope() float64 {
	var xs, ys []float64
	for _, s := range r.rss {
		if s.at >= time.Minute {
			xs = append(xs, s.at.Minutes())
			ys = append(ys, float64(s.kib)/1024)
		}
	}
	if len(xs) < 3 {
		return 0
	}
	var mx, my float64
	for i := range xs {
		mx += xs[i]
		my += ys[i]
	}
	mx /= float64(len(xs))
	my /= float64(len(ys))
	var num, den float64
	for i := range xs {
		num += (xs[i] - mx) * (ys[i] - my)
		den += (xs[i] - mx) * (xs[i] - mx)
	}
	return num / den
}

func (r *report) print(w io.Writer, o options) {
	m := &r.metrics
	_, _ = fmt.Fprintf(w, "requests: %d in %s at %.1f/s (asked %d/s), %d writes acknowledged\n",
		m.Requests, m.Duration.Round(time.Millisecond), m.Rate, o.rate, len(r.acked))
	_, _ = fmt.Fprintf(w, "latency: mean %s, p50 %s, p90 %s, p95 %s, p99 %s, max %s\n",
		m.Latencies.Mean.Round(time.Microsecond), m.Latencies.P50.Round(time.Microsecond), m.Latencies.P90.Round(time.Microsecond),
		m.Latencies.P95.Round(time.Microsecond), m.Latencies.P99.Round(time.Microsecond), m.Latencies.Max.Round(time.Microsecond))
	keys := make([]string, 0, len(r.outcomes))
	for k := range r.outcomes {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	_, _ = fmt.Fprintln(w, "answers:")
	for _, k := range keys {
		_, _ = fmt.Fprintf(w, "  %-40s %d\n", k, r.outcomes[k])
	}
	if len(r.rss) > 0 {
		lo, hi := r.rss[0].kib, r.rss[0].kib
		for _, s := range r.rss {
			lo, hi = min(lo, s.kib), max(hi, s.kib)
		}
		_, _ = fmt.Fprintf(w, "service RSS: %d samples, min %.1f MiB, max %.1f MiB; minute 2 avg %.1f MiB, last minute avg %.1f MiB; trend after minute 1 %+.2f MiB/min\n",
			len(r.rss), float64(lo)/1024, float64(hi)/1024, r.window(time.Minute, 2*time.Minute)/1024,
			r.window(r.endOfSamples()-time.Minute, r.endOfSamples())/1024, r.slope())
		var b strings.Builder
		for i, s := range r.rss {
			if i%6 == 0 {
				_, _ = fmt.Fprintf(&b, " %s=%.0f", s.at.Round(time.Second), float64(s.kib)/1024)
			}
		}
		_, _ = fmt.Fprintf(w, "RSS every 30 s (MiB):%s\n", b.String())
	}
	if !r.killedAt.IsZero() {
		_, _ = fmt.Fprintf(w, "fault: Neo4j killed (SIGKILL); started again after %s down; its start took %s\n",
			r.neo4jBack.Sub(r.killedAt).Round(time.Millisecond), r.restart.Round(time.Millisecond))
		if !r.firstOK.IsZero() {
			_, _ = fmt.Fprintf(w, "recovery: first answer without error %s after Neo4j accepted connections again; last error %s after\n",
				r.firstOK.Sub(r.neo4jBack).Round(time.Millisecond), r.lastError.Sub(r.neo4jBack).Round(time.Millisecond))
		}
	}
	if len(r.byShape) > 0 {
		names := make([]string, 0, len(r.byShape))
		for n := range r.byShape {
			names = append(names, n)
		}
		sort.Strings(names)
		_, _ = fmt.Fprint(w, "after Neo4j was back, by request (first success, last error):")
		for _, n := range names {
			sr := r.byShape[n]
			_, _ = fmt.Fprintf(w, " %s %s/%s", n, sr.firstOK.Round(100*time.Millisecond), sr.lastError.Round(100*time.Millisecond))
		}
		_, _ = fmt.Fprintln(w)
	}
	for _, l := range []struct {
		when string
		u    []time.Duration
	}{{"while Neo4j was down", r.unavailable}, {"after Neo4j was back", r.unavailableBack}} {
		if len(l.u) == 0 {
			continue
		}
		u := slices.Clone(l.u)
		slices.Sort(u)
		over := len(u) - sort.Search(len(u), func(i int) bool { return u[i] > 2*time.Second })
		_, _ = fmt.Fprintf(w, "SERVICE_UNAVAILABLE answers %s: %d, latency p50 %s, p99 %s, max %s; over 2 s: %d\n",
			l.when, len(u), u[len(u)/2].Round(time.Microsecond), u[len(u)*99/100].Round(time.Microsecond), u[len(u)-1].Round(time.Microsecond), over)
	}
	_, _ = fmt.Fprintf(w, "machine load average (1, 5, 15 min): %s before, %s after\n", r.loadBefore, r.loadAfter)
	_, _ = fmt.Fprintf(w, "acknowledged writes read back: %d of %d present\n", len(r.acked)-len(r.missing), len(r.acked))
	_, _ = fmt.Fprintf(w, "service exited during the run: %v\n", r.exited)
	if len(r.violations) == 0 {
		_, _ = fmt.Fprintln(w, "RESULT: every promise held")
		return
	}
	_, _ = fmt.Fprintln(w, "RESULT: FAILED")
	for _, v := range r.violations {
		_, _ = fmt.Fprintln(w, "  -", v)
	}
}

const createSchool = `mutation Write($in: CreateSchoolInput!) { createSchool(input: $in) { id name } }`

// readShapes are the read requests, in turn: lists, filters and pages, dates, statistics,
// search, and a node with its relationships.
func readShapes() []map[string]any {
	school := aspnet.EncodeID(aspnet.KindSchool, "school-almaty-8")
	return []map[string]any{
		{"operationName": "Networks", "query": `query Networks { networks { name scope growth { date schools } } }`},
		{"operationName": "Schools", "query": `query Schools($q: String) { schools(filter: {nameContains: $q}, first: 10) { totalCount pageInfo { hasNextPage endCursor } edges { node { name city { name country { name } } } } } }`, "variables": map[string]any{"q": "school"}},
		{"operationName": "Events", "query": `query Events { events(filter: {from: "2016", to: "2024"}, first: 20, newestFirst: true) { totalCount edges { node { name } } } }`},
		{"operationName": "Stats", "query": `query Stats { keyAreaStats(sortBy: SCHOOLS, descending: true) { keyArea { name } schools events } }`},
		{"operationName": "Search", "query": `query Search($t: String!) { search(text: $t, first: 5) { score node { id } } }`, "variables": map[string]any{"t": "peace"}},
		{"operationName": "School", "query": `query School($id: ID!) { node(id: $id) { id ... on School { name city { name } keyAreas { name } } } }`, "variables": map[string]any{"id": school}},
		{"operationName": "Members", "query": `query Members { schools(filter: {networkId: "` + aspnet.EncodeID(aspnet.KindNetwork, "aspnet-kz") + `", asOf: "2020"}, first: 50) { totalCount } }`},
	}
}

type gqlAnswer struct {
	Data struct {
		CreateSchool *struct {
			ID string `json:"id"`
		} `json:"createSchool"`
	} `json:"data"`
	Errors []struct {
		Extensions struct {
			Code string `json:"code"`
		} `json:"extensions"`
	} `json:"errors"`
}

// classify names a result's outcome: "ok", the first GraphQL error's code, "HTTP n", or
// "transport error"; and returns the school ID of an acknowledged write.
func classify(res *vegeta.Result) (outcome, ackID string) {
	if res.Error != "" && res.Code == 0 {
		return "transport error: " + res.Error, ""
	}
	if res.Code != http.StatusOK {
		return "HTTP " + strconv.Itoa(int(res.Code)), ""
	}
	var a gqlAnswer
	if err := json.Unmarshal(res.Body, &a); err != nil {
		return "not JSON", ""
	}
	if len(a.Errors) > 0 {
		if c := a.Errors[0].Extensions.Code; c != "" {
			return c, ""
		}
		return "error without code", ""
	}
	if a.Data.CreateSchool != nil {
		return "ok", a.Data.CreateSchool.ID
	}
	return "ok", ""
}

// missingSchools reads every acknowledged school back, twenty to a request, and returns those
// that are not there.
func missingSchools(base string, ids []string) ([]string, error) {
	var missing []string
	client := &http.Client{Timeout: 30 * time.Second}
	for i := 0; i < len(ids); i += 20 {
		batch := ids[i:min(i+20, len(ids))]
		var q strings.Builder
		vars := map[string]any{}
		q.WriteString("query Check(")
		for j := range batch {
			if j > 0 {
				q.WriteString(", ")
			}
			fmt.Fprintf(&q, "$i%d: ID!", j)
			vars["i"+strconv.Itoa(j)] = batch[j]
		}
		q.WriteString(") {")
		for j := range batch {
			fmt.Fprintf(&q, " s%d: node(id: $i%d) { id }", j, j)
		}
		q.WriteString(" }")
		body, _ := json.Marshal(map[string]any{"query": q.String(), "variables": vars})
		var ans struct {
			Data   map[string]*struct{ ID string } `json:"data"`
			Errors []json.RawMessage               `json:"errors"`
		}
		var err error
		for attempt := 0; attempt < 5; attempt++ {
			if err = postJSON(client, base+"/query", body, &ans); err == nil && len(ans.Errors) == 0 {
				break
			}
			if err == nil {
				err = fmt.Errorf("errors: %s", ans.Errors[0])
			}
			time.Sleep(time.Second)
		}
		if err != nil {
			return missing, err
		}
		for j, id := range batch {
			if n := ans.Data["s"+strconv.Itoa(j)]; n == nil || n.ID != id {
				missing = append(missing, id)
			}
		}
	}
	return missing, nil
}

func postJSON(c *http.Client, url string, body []byte, into any) error {
	resp, err := c.Post(url, "application/json", bytes.NewReader(body))
	if err != nil {
		return err
	}
	defer func() { _ = resp.Body.Close() }()
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("HTTP %d", resp.StatusCode)
	}
	return json.NewDecoder(resp.Body).Decode(into)
}

func waitReady(base string, exited <-chan struct{}, within time.Duration) error {
	deadline := time.Now().Add(within)
	for time.Now().Before(deadline) {
		resp, err := http.Get(base + "/readyz")
		if err == nil {
			_ = resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return nil
			}
		}
		select {
		case <-exited:
			return errors.New("the service exited before it was ready (see aspgraph.log)")
		case <-time.After(500 * time.Millisecond):
		}
	}
	return fmt.Errorf("the service was not ready within %s", within)
}

// waitForBolt polls Neo4j through the store's driver (connect, authenticate) every 200 ms and
// returns when it first answers; the zero time when the start fails first.
func waitForBolt(ctx context.Context, uri string, started <-chan struct{}, startErr *error) time.Time {
	s, err := neo4jstore.Open(neo4jstore.Config{URI: uri, Username: "neo4j", Password: localneo4j.DefaultPassword})
	if err != nil {
		return time.Time{}
	}
	defer func() { _ = s.Close(context.Background()) }()
	for {
		vctx, cancel := context.WithTimeout(ctx, 2*time.Second)
		err := s.Verify(vctx)
		cancel()
		if err == nil {
			return time.Now()
		}
		select {
		case <-started:
			if *startErr != nil {
				return time.Time{}
			}
			// Started (READY) while this poll failed: poll again at once.
			started = nil
		case <-time.After(200 * time.Millisecond):
		}
	}
}

// warmUp sends each read shape and one write until each has been answered without error once
// (Neo4j plans a statement the first time it runs it), within two minutes.
func warmUp(base, token string) error {
	client := &http.Client{Timeout: 2 * time.Minute}
	bodies := readShapes()
	bodies = append(bodies, map[string]any{"operationName": "Write", "query": createSchool, "variables": map[string]any{"in": map[string]any{
		"name": "Load School warm-up " + randomHex(4), "cityName": "Almaty", "countryName": "Kazakhstan",
		"source": "https://example.org/aspgraph-loadtest",
	}}})
	deadline := time.Now().Add(2 * time.Minute)
	for _, b := range bodies {
		body, _ := json.Marshal(b)
		for {
			req, _ := http.NewRequest(http.MethodPost, base+"/query", bytes.NewReader(body))
			req.Header.Set("Content-Type", "application/json")
			req.Header.Set("Authorization", "Bearer "+token)
			resp, err := client.Do(req)
			if err == nil {
				var a gqlAnswer
				err = json.NewDecoder(resp.Body).Decode(&a)
				_ = resp.Body.Close()
				if err == nil && len(a.Errors) == 0 {
					break
				}
			}
			if time.Now().After(deadline) {
				return fmt.Errorf("warming up %s: no answer without error within two minutes", b["operationName"])
			}
			time.Sleep(time.Second)
		}
	}
	return nil
}

func loadAverage() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "?"
	}
	f := strings.Fields(string(b))
	if len(f) < 3 {
		return "?"
	}
	return strings.Join(f[:3], " ")
}

// rssKiB reads a process's resident set size from /proc.
func rssKiB(pid int) (int, error) {
	f, err := os.Open(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0, err
	}
	defer func() { _ = f.Close() }()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if rest, ok := strings.CutPrefix(sc.Text(), "VmRSS:"); ok {
			return strconv.Atoi(strings.TrimSuffix(strings.TrimSpace(rest), " kB"))
		}
	}
	return 0, errors.New("no VmRSS")
}

// listenerPID finds the Java process that listens on 127.0.0.1:port, through /proc: the
// socket's inode in /proc/net/tcp, then the process holding it.
func listenerPID(port int) (int, error) {
	inodes := map[string]bool{}
	for _, table := range []string{"/proc/net/tcp", "/proc/net/tcp6"} {
		b, err := os.ReadFile(table)
		if err != nil {
			continue
		}
		for _, line := range strings.Split(string(b), "\n")[1:] {
			f := strings.Fields(line)
			if len(f) < 10 || f[3] != "0A" { // 0A: LISTEN
				continue
			}
			if i := strings.LastIndexByte(f[1], ':'); i >= 0 {
				if p, err := strconv.ParseInt(f[1][i+1:], 16, 32); err == nil && int(p) == port {
					inodes["socket:["+f[9]+"]"] = true
				}
			}
		}
	}
	if len(inodes) == 0 {
		return 0, fmt.Errorf("nothing listens on port %d", port)
	}
	procs, _ := filepath.Glob("/proc/[0-9]*")
	for _, p := range procs {
		fds, _ := filepath.Glob(p + "/fd/*")
		for _, fd := range fds {
			if link, err := os.Readlink(fd); err == nil && inodes[link] {
				comm, _ := os.ReadFile(p + "/comm")
				if strings.TrimSpace(string(comm)) != "java" {
					return 0, fmt.Errorf("port %d is held by %s, not Neo4j's JVM", port, strings.TrimSpace(string(comm)))
				}
				return strconv.Atoi(filepath.Base(p))
			}
		}
	}
	return 0, fmt.Errorf("no process holds the socket on port %d", port)
}

func randomHex(n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}
