package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	"net"
	"net/http"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/aspgraph/aspgraph/aspnet"
	"github.com/aspgraph/aspgraph/auth"
	"github.com/aspgraph/aspgraph/graph"
)

// env is what the attacks share: the service and what was learnt of the graph.
type env struct {
	neo4jURI, password, bin, logs string
	svc                           *service
	honestCPU                     float64 // the honest client's cost, in cores
	words                         []string
	// attacker is the address the attack in progress comes from: each attack its own (so
	// that no attack inherits the debt of the one before), none the honest client's.
	attacker string
	// once makes the cheap attacks send each body once and leave time out of their verdict,
	// for the tests (abuse_test.go), which assert what the service answers, not how fast.
	once bool
}

// attack is one abuse of the service.
type attack struct {
	name, what, criterion string
	// cheap attacks take a second or two; they also run in `make test` (abuse_test.go).
	cheap bool
	// honestCounts: the honest client sends throughout, and its p99 is part of the verdict.
	honestCounts bool
	run          func(ctx context.Context, e *env) result
}

// result is what an attack saw.
type result struct {
	tally   map[string]int // answers
	slowest time.Duration  // the slowest answer
	// latencies of the answers, when the attack times each one
	latencies []time.Duration
	sent      int
	pass      bool
	note      string
}

func (r result) answers() string { return tally(r.tally) }

// median is the median answer's time, or the slowest when answers were not timed one by one.
func (r result) median() time.Duration {
	if len(r.latencies) == 0 {
		return r.slowest
	}
	return honestRun{latencies: r.latencies}.p(0.5)
}

func tally(m map[string]int) string {
	keys := slices.Collect(maps.Keys(m))
	slices.SortFunc(keys, func(a, b string) int { return m[b] - m[a] })
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = fmt.Sprintf("%s ×%d", k, m[k])
	}
	return strings.Join(parts, ", ")
}

// anyCode, among an attack's codes, accepts a refusal with any code.
const anyCode = "*"

// refused tells whether an answer is one an attack wants: a refusal with one of codes (any
// code but INTERNAL_SERVER_ERROR when none are given), never HTTP 5xx, and data only when
// codes include "data".
func refused(ans string, codes ...string) bool {
	status, code, _ := strings.Cut(ans, " ")
	if strings.HasPrefix(status, "5") || code == string(aspnet.CodeInternal) {
		return false
	}
	if slices.Contains(codes, code) {
		return true
	}
	return slices.Contains(codes, anyCode) && code != "data" && !strings.Contains(code, " ")
}

// repeatBody sends body from the attacker for d (at least once, one at a time), and passes
// when every answer is one refused accepts and the median answer takes at most within (the
// slowest is reported too: on a machine that other work shares, any one answer may wait for
// a core).
func repeatBody(ctx context.Context, e *env, body []byte, d, within time.Duration, codes ...string) result {
	return repeat(ctx, e, func(int) []byte { return body }, d, within, codes...)
}

// repeatQuery sends query as a cheap attack: for cheapWindow, a query of its own each time (a
// comment that numbers it, so that no answer comes from the service's cache of parsed
// queries), each to be refused with any code, the median within 10 ms.
func repeatQuery(ctx context.Context, e *env, query string) result {
	return repeat(ctx, e, func(i int) []byte { return gql(query+"\n# "+strconv.Itoa(i), nil) }, cheapWindow, 10*time.Millisecond, anyCode)
}

// repeat is repeatBody with the body of each attempt from body. Only the answers that are
// not the budget's (RATE_LIMITED: this attacker has spent its share) are timed: the limit's
// own refusal is what the criterion judges.
func repeat(ctx context.Context, e *env, body func(int) []byte, d, within time.Duration, codes ...string) result {
	c := clientFrom(e.attacker, 30*time.Second)
	r := result{tally: map[string]int{}, pass: true}
	end := time.Now().Add(d)
	codes = append(codes, graph.CodeRateLimited)
	for r.sent == 0 || (!e.once && time.Now().Before(end)) {
		t := time.Now()
		ans, _ := post(ctx, c, e.svc.base+"/query", body(r.sent), nil)
		took := time.Since(t)
		r.sent++
		r.tally[ans]++
		r.slowest = max(r.slowest, took)
		if !strings.HasSuffix(ans, graph.CodeRateLimited) {
			r.latencies = append(r.latencies, took)
		}
		if !refused(ans, codes...) {
			r.pass = false
		}
	}
	if !e.once && r.median() > within {
		r.pass = false
	}
	return r
}

func gql(query string, vars map[string]any) []byte {
	b, _ := json.Marshal(map[string]any{"query": query, "variables": vars})
	return b
}

// cheapWindow is how long a cheap attack repeats, so that the honest client's p99 means something.
const cheapWindow = 2 * time.Second

func attacks() []*attack {
	return []*attack{
		{
			name: "fragment-bomb", cheap: true, honestCounts: true,
			what:      "fragments spreading each other twice, 2^24 spreads from 25 definitions",
			criterion: "refused, median answer within 10 ms",
			run: func(ctx context.Context, e *env) result {
				return repeatQuery(ctx, e, fragmentBomb(24))
			},
		},
		{
			name: "field-copies", cheap: true, honestCounts: true,
			what:      "10,000 copies of one field",
			criterion: "refused, median answer within 10 ms",
			run: func(ctx context.Context, e *env) result {
				q := "{ keyAreas { " + strings.Repeat("name ", 10000) + "} }"
				return repeatQuery(ctx, e, q)
			},
		},
		{
			name: "alias-overloading", cheap: true, honestCounts: true,
			what:      "2,000 aliases of a list field",
			criterion: "refused, median answer within 10 ms",
			run: func(ctx context.Context, e *env) result {
				var b strings.Builder
				b.WriteString("{ ")
				for i := range 2000 {
					fmt.Fprintf(&b, "a%d: keyAreas { name } ", i)
				}
				b.WriteString("}")
				return repeatQuery(ctx, e, b.String())
			},
		},
		{
			name: "directive-overloading", cheap: true, honestCounts: true,
			what:      "one field with 3,000 @include directives",
			criterion: "refused, median answer within 10 ms",
			run: func(ctx context.Context, e *env) result {
				q := "{ keyAreas { name " + strings.Repeat("@include(if: true) ", 3000) + "} }"
				return repeatQuery(ctx, e, q)
			},
		},
		{
			name: "batching", cheap: true, honestCounts: true,
			what:      "a JSON array of 1,000 operations in one body",
			criterion: "refused, median answer within 10 ms",
			run: func(ctx context.Context, e *env) result {
				one := string(gql("{ keyAreas { name schools(first: 100) { edges { node { name } } } } }", nil))
				body := "[" + strings.TrimSuffix(strings.Repeat(one+",", 1000), ",") + "]"
				return repeatBody(ctx, e, []byte(body), cheapWindow, 10*time.Millisecond, anyCode)
			},
		},
		{
			name: "deep-introspection", cheap: true, honestCounts: true,
			what:      "introspection nested 40 levels (fields of types of fields ...)",
			criterion: "refused, median answer within 10 ms",
			run: func(ctx context.Context, e *env) result {
				q := "{ __schema { types { " + strings.Repeat("fields { type { ofType { ", 13) + "name" + strings.Repeat(" } } }", 13) + " } } }"
				return repeatQuery(ctx, e, q)
			},
		},
		{
			name: "huge-variables", cheap: true, honestCounts: true,
			what:      "variables of 0.9 MB: a list of 300,000 numbers, and arrays nested 100,000 deep",
			criterion: "refused or answered, median within 100 ms, never 5xx",
			run: func(ctx context.Context, e *env) result {
				nums := "[" + strings.TrimSuffix(strings.Repeat("1,", 300000), ",") + "]"
				wide := `{"query":"query($v: [Int!]) { keyAreas { name } }","variables":{"v":` + nums + `}}`
				deep := `{"query":"{ keyAreas { name } }","variables":{"v":` + strings.Repeat("[", 100000) + strings.Repeat("]", 100000) + `}}`
				r := repeatBody(ctx, e, []byte(wide), cheapWindow/2, 100*time.Millisecond, "data", "BAD_USER_INPUT", "GRAPHQL_VALIDATION_FAILED", "PAYLOAD_TOO_LARGE")
				r2 := repeatBody(ctx, e, []byte(deep), cheapWindow/2, 100*time.Millisecond, anyCode)
				return merge(r, r2)
			},
		},
		{
			name: "invalid-utf8", cheap: true, honestCounts: true,
			what:      "bytes that are not UTF-8 in the query, in a string argument and in a variable",
			criterion: "refused with a code, median within 10 ms (a string read as U+FFFD may be searched, within 100 ms), never 5xx",
			run: func(ctx context.Context, e *env) result {
				inQuery := repeatBody(ctx, e, []byte("{\"query\":\"{ keyAreas { name } \xff\xfe }\"}"), cheapWindow/3, 10*time.Millisecond, anyCode)
				inString := repeatBody(ctx, e, []byte("{\"query\":\"{ search(text: \\\"caf\xc3\x28 \xed\xa0\x80\\\") { score } }\"}"), cheapWindow/3, 100*time.Millisecond,
					"data", "BAD_REQUEST", "BAD_USER_INPUT", "GRAPHQL_PARSE_FAILED", "GRAPHQL_VALIDATION_FAILED")
				// A JSON decoder (and the GraphQL lexer, in a string) may read bytes that are
				// not UTF-8 as U+FFFD: a search for those is answered, like any other text
				// (within 100 ms: it is a search); the transport refuses a body that is not
				// UTF-8 as a whole (BAD_REQUEST).
				inVariable := repeatBody(ctx, e, []byte("{\"query\":\"query($t: String!) { search(text: $t) { score } }\",\"variables\":{\"t\":\"\xc0\xaf\xf8\x88\x80\x80\x80\"}}"), cheapWindow/3, 100*time.Millisecond,
					"data", "BAD_REQUEST", "BAD_USER_INPUT", "GRAPHQL_PARSE_FAILED", "GRAPHQL_VALIDATION_FAILED")
				return merge(merge(inQuery, inString), inVariable)
			},
		},
		{
			name: "search-103-words", cheap: true, honestCounts: true,
			what:      "a search of 103 distinct words, and one word of 110 hyphenated terms",
			criterion: "BAD_USER_INPUT (never INTERNAL_SERVER_ERROR)",
			run: func(ctx context.Context, e *env) result {
				words := make([]string, 110)
				for i := range words {
					words[i] = fmt.Sprintf("w%d", i)
				}
				q := `query($t: String!) { search(text: $t, first: 5) { score } }`
				r := repeatBody(ctx, e, gql(q, map[string]any{"t": strings.Join(words[:103], " ")}), cheapWindow/2, time.Second, "BAD_USER_INPUT")
				return merge(r, repeatBody(ctx, e, gql(q, map[string]any{"t": strings.Join(words, "-")}), cheapWindow/2, time.Second, "BAD_USER_INPUT"))
			},
		},
		{
			name: "documents-1mib", cheap: true, honestCounts: true,
			what:      "documents near the body limit (1 MiB): a token flood, names of a megabyte (a field, an argument, an enum value), a Float of a megabyte of digits, a comment of a megabyte with an unused variable",
			criterion: "refused, median answer within 10 ms for each",
			run: func(ctx context.Context, e *env) result {
				mib := 1<<20 - 200
				docs := []string{
					"{ " + strings.Repeat("a ", mib/2) + "}",
					"{ networks { " + strings.Repeat("a", mib) + " } }",
					"{ networks(" + strings.Repeat("a", mib) + ": 1) { name } }",
					"{ keyAreaStats(sortBy: " + strings.Repeat("A", mib) + ") { schools } }",
					"{ schools(first: 1." + strings.Repeat("9", mib) + ") { totalCount } }",
					"query($v: Int) { networks { name } } #" + strings.Repeat("a", mib),
				}
				var r result
				for i, q := range docs {
					one := repeatBody(ctx, e, gql(q, nil), cheapWindow/time.Duration(len(docs)), 10*time.Millisecond, anyCode)
					if i == 0 {
						r = one
					} else {
						r = merge(r, one)
					}
				}
				return r
			},
		},
		{
			name: "unique-operation-names", honestCounts: true,
			what:      "40 operations with unique 256 KB names, then /metrics",
			criterion: "the API port serves no /metrics, metrics stay under 1 MB, RSS grows under 20 MiB",
			run:       uniqueOperationNames,
		},
		{
			name:      "costliest-allowed",
			what:      "the costliest requests of each kind the limits allow, one at a time, alone",
			criterion: "answered without a server error; their Neo4j time sets the complexity limit",
			run:       costliestAllowed,
		},
		{
			name: "heavy-8-one-client", honestCounts: true,
			what:      "8 concurrent requests from one client, for 20 s, each the costliest the limits allow of its kind (aliased 93-word searches, shortest paths, statistics, data-quality reports...)",
			criterion: "the honest p99 within 2x",
			run:       heavyFromOneClient,
		},
		{
			name: "slow-readers-8", honestCounts: true,
			what:      "8 clients that ask for a large answer and read 1 byte a second, for 15 s",
			criterion: "the honest p99 within 2x",
			run:       func(ctx context.Context, e *env) result { return slowReaders(ctx, e, 8) },
		},
		{
			name: "slow-readers-200", honestCounts: true,
			what:      "200 clients (200 addresses) that ask for a large answer and read 1 byte a second, for 15 s",
			criterion: "the honest p99 within 2x",
			run:       func(ctx context.Context, e *env) result { return slowReaders(ctx, e, 200) },
		},
		{
			name: "stalled-bodies-200", honestCounts: true,
			what:      "200 clients (200 addresses) that send 512 KB of a 1 MB body and stall, for up to 30 s",
			criterion: "every connection closed by the service within 30 s, RSS grows under 50 MiB, the honest p99 within 2x",
			run:       stalledBodies,
		},
	}
}

func merge(a, b result) result {
	t := maps.Clone(a.tally)
	for k, v := range b.tally {
		t[k] += v
	}
	return result{
		tally: t, slowest: max(a.slowest, b.slowest), latencies: append(slices.Clone(a.latencies), b.latencies...),
		sent: a.sent + b.sent, pass: a.pass && b.pass, note: strings.Trim(a.note+"; "+b.note, "; "),
	}
}

// fragmentBomb is an operation whose fragment n spreads fragment n+1 twice: 2^n spreads.
func fragmentBomb(n int) string {
	var b strings.Builder
	b.WriteString("query { ...F0 }\n")
	for i := range n {
		fmt.Fprintf(&b, "fragment F%d on Query { ...F%d ...F%d }\n", i, i+1, i+1)
	}
	fmt.Fprintf(&b, "fragment F%d on Query { keyAreas { name } }\n", n)
	return b.String()
}

// prepare learns words of the graph (school and event names) for the heavy searches, so
// that every search finds something for Lucene to score.
func (e *env) prepare(ctx context.Context) error {
	c := clientFrom("127.0.0.3", 30*time.Second)
	_, body := post(ctx, c, e.svc.base+"/query", gql(`{ schools(first: 100) { edges { node { name } } } events(first: 100) { edges { node { name } } } }`, nil), nil)
	var r struct {
		Data map[string]struct {
			Edges []struct {
				Node struct{ Name string } `json:"node"`
			} `json:"edges"`
		} `json:"data"`
	}
	if err := json.Unmarshal(body, &r); err != nil {
		return fmt.Errorf("learning words of the graph: %w", err)
	}
	seen := map[string]bool{}
	for _, conn := range r.Data {
		for _, edge := range conn.Edges {
			for _, w := range strings.FieldsFunc(strings.ToLower(edge.Node.Name), func(r rune) bool { return r < 'a' || r > 'z' }) {
				if len(w) > 2 && !seen[w] {
					seen[w] = true
					e.words = append(e.words, w)
				}
			}
		}
	}
	if len(e.words) < 20 {
		return fmt.Errorf("only %d words in the graph's names", len(e.words))
	}
	return nil
}

// searchText is a search of as many distinct words as a search may hold (the graph's words,
// then w0, w1...), in an order of its own for each i, so that no two searches are the same
// text.
func (e *env) searchText(i int) string {
	words := slices.Clone(e.words)
	for j := 0; len(words) < aspnet.MaxSearchTerms; j++ {
		words = append(words, "w"+strconv.Itoa(j))
	}
	words = words[:aspnet.MaxSearchTerms]
	rot := append(slices.Clone(words[i%len(words):]), words[:i%len(words)]...)
	return strings.Join(rot, " ")
}

// heavyFromOneClient sends, from one client, 8 requests at a time for 20 s, each the costliest
// the limits allow of its kind (costliest-allowed's candidates but for the page-shaped one),
// in turn.
func heavyFromOneClient(ctx context.Context, e *env) result {
	cands := e.costliestCandidates()
	cands = cands[:len(cands)-1]
	c := clientFrom(e.attacker, 30*time.Second)
	var mu sync.Mutex
	r := result{tally: map[string]int{}, pass: true}
	end := time.Now().Add(20 * time.Second)
	var wg sync.WaitGroup
	for w := range 8 {
		wg.Go(func() {
			for i := w; time.Now().Before(end); i++ {
				t := time.Now()
				ans, _ := post(ctx, c, e.svc.base+"/query", []byte(cands[i%len(cands)].query), nil)
				took := time.Since(t)
				mu.Lock()
				r.sent++
				r.tally[ans]++
				r.slowest = max(r.slowest, took)
				mu.Unlock()
				if !strings.HasSuffix(ans, " data") {
					time.Sleep(100 * time.Millisecond) // a refused client that barely waits
				}
			}
		})
	}
	wg.Wait()
	names := make([]string, len(cands))
	for i, cand := range cands {
		names[i] = fmt.Sprintf("%s (%d)", cand.name, cand.complexity)
	}
	r.note = "in turn: " + strings.Join(names, ", ")
	return r
}

// largeAnswer asks for an answer of several megabytes that the limits allow.
func largeAnswer() []byte {
	var b strings.Builder
	b.WriteString("{ ")
	for i := range 8 {
		fmt.Fprintf(&b, "a%d: schools(first: 100) { edges { cursor node { id name city { id name country { id name } } keyAreas { id name } } } } ", i)
	}
	b.WriteString("}")
	return gql(b.String(), nil)
}

// slowReaders opens n connections (from as many addresses when n > 8), each asking for a
// large answer and reading it a byte a second, for 15 s.
func slowReaders(ctx context.Context, e *env, n int) result {
	body := largeAnswer()
	r := result{tally: map[string]int{}, pass: true}
	var mu sync.Mutex
	var wg sync.WaitGroup
	hold := time.Now().Add(15 * time.Second)
	var opened atomic.Int64
	for i := range n {
		local := e.attacker
		if n > 8 {
			local = fmt.Sprintf("127.0.1.%d", 1+i%250)
		}
		wg.Go(func() {
			conn, err := e.svc.dialFrom(ctx, local, 1024)
			if err != nil {
				mu.Lock()
				r.tally[wireError(err)]++
				mu.Unlock()
				return
			}
			defer func() { _ = conn.Close() }()
			opened.Add(1)
			req := fmt.Sprintf("POST /query HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n%s", len(body), body)
			if _, err := conn.Write([]byte(req)); err != nil {
				return
			}
			// One byte a second: the status line ("HTTP/1.1 200") takes 12 s.
			var line []byte
			end := "held to the end"
			one := make([]byte, 1)
			for time.Now().Before(hold) {
				_ = conn.SetReadDeadline(hold)
				if _, err := conn.Read(one); err != nil {
					if !isTimeout(err) {
						end = "closed by the service"
					}
					break
				}
				line = append(line, one[0])
				time.Sleep(time.Second)
			}
			status := "status unread"
			if len(line) >= 12 {
				status = "HTTP " + string(line[9:12])
			}
			mu.Lock()
			r.tally[status+", "+end]++
			mu.Unlock()
		})
	}
	wg.Wait()
	r.sent = n
	r.note = fmt.Sprintf("%d connections opened", opened.Load())
	return r
}

// stalledBodies opens 200 connections from 200 addresses, each sending half of a 1 MB body
// and then nothing, and tells how many the service has closed 30 s later and how its memory
// grew.
func stalledBodies(ctx context.Context, e *env) result {
	const n, announced, sent = 200, 1 << 20, 512 << 10
	_, rss0 := e.svc.usage()
	var wg sync.WaitGroup
	var closed atomic.Int64
	var peak atomic.Int64
	chunk := []byte(`{"query":"` + strings.Repeat("a", sent) + "")
	began := time.Now()
	deadline := began.Add(30 * time.Second)
	closedAt := make([]time.Duration, n)
	for i := range n {
		wg.Go(func() {
			conn, err := e.svc.dialFrom(ctx, fmt.Sprintf("127.0.1.%d", 1+i%250), 0)
			if err != nil {
				return
			}
			defer func() { _ = conn.Close() }()
			hdr := fmt.Sprintf("POST /query HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n", announced)
			_ = conn.SetWriteDeadline(deadline)
			if _, err := conn.Write(append([]byte(hdr), chunk[:sent]...)); err != nil {
				closed.Add(1)
				closedAt[i] = time.Since(began)
				return
			}
			_ = conn.SetReadDeadline(deadline)
			if _, err := io.Copy(io.Discard, conn); err == nil || !isTimeout(err) {
				closed.Add(1) // the service answered and closed, or reset
				closedAt[i] = time.Since(began)
			}
		})
	}
	stop := make(chan struct{})
	go func() {
		for {
			select {
			case <-stop:
				return
			case <-time.After(500 * time.Millisecond):
				if _, rss := e.svc.usage(); rss-rss0 > peak.Load() {
					peak.Store(rss - rss0)
				}
			}
		}
	}()
	wg.Wait()
	close(stop)
	growth := peak.Load()
	last := slices.Max(closedAt)
	r := result{tally: map[string]int{fmt.Sprintf("closed by the service %d of %d", closed.Load(), n): 1}, sent: n, slowest: last}
	r.pass = closed.Load() == n && growth < 50<<20
	r.note = fmt.Sprintf("RSS +%d MiB at peak; last closed after %s", growth>>20, ms(last))
	return r
}

func isTimeout(err error) bool {
	var ne net.Error
	return errors.As(err, &ne) && ne.Timeout()
}

func uniqueOperationNames(ctx context.Context, e *env) result {
	c := clientFrom(e.attacker, 30*time.Second)
	_, rss0 := e.svc.usage()
	r := result{tally: map[string]int{}}
	for i := range 40 {
		name := fmt.Sprintf("Op%d_%s", i, strings.Repeat("x", 256<<10))
		t := time.Now()
		ans, _ := post(ctx, c, e.svc.base+"/query", []byte(`{"operationName":"`+name+`","query":"query `+name+` { __typename }"}`), nil)
		r.slowest = max(r.slowest, time.Since(t))
		r.tally[ans]++
		r.sent++
	}
	_, rss1 := e.svc.usage()
	apiStatus, apiSize := fetchSize(c, e.svc.base+"/metrics")
	ownStatus, ownSize := fetchSize(c, e.svc.metrics+"/metrics")
	size := max(apiSize, ownSize)
	r.pass = apiStatus != http.StatusOK && size < 1<<20 && rss1-rss0 < 20<<20
	r.note = fmt.Sprintf("API port /metrics: %s; METRICS_ADDR /metrics: %s; RSS +%d MiB", sizeNote(apiStatus, apiSize), sizeNote(ownStatus, ownSize), (rss1-rss0)>>20)
	return r
}

func fetchSize(c *http.Client, url string) (int, int64) {
	resp, err := c.Get(url)
	if err != nil {
		return 0, 0
	}
	defer func() { _ = resp.Body.Close() }()
	n, _ := io.Copy(io.Discard, resp.Body)
	return resp.StatusCode, n
}

func sizeNote(status int, n int64) string {
	if status == 0 {
		return "not served"
	}
	return fmt.Sprintf("HTTP %d, %.1f MB", status, float64(n)/(1<<20))
}

// startupAttack starts the service over the empty Neo4j and sends reads and writes from the
// first millisecond until it is ready.
func startupAttack() *attack {
	return &attack{
		name:      "startup-window",
		what:      "reads and writes (createSchool in Kazakhstan) from the service's first millisecond until it is ready",
		criterion: "no read answered from an unloaded graph (no keyAreas: []), one Country Kazakhstan afterwards",
		run: func(ctx context.Context, e *env) result {
			svc, err := startService(e.bin, e.neo4jURI, e.password, filepath.Join(e.logs, "aspgraph.log"))
			if err != nil {
				return result{note: err.Error()}
			}
			e.svc = svc
			token, _ := auth.MintToken([]byte(svc.secret), "abuse", []string{aspnet.RoleEditor}, time.Hour, time.Now())
			auth := map[string]string{"Authorization": "Bearer " + token}
			r := result{tally: map[string]int{}, pass: true}
			var mu sync.Mutex
			var empty, writesOK int
			ready := make(chan struct{})
			go func() { _ = svc.waitReady(3 * time.Minute); close(ready) }()
			var wg sync.WaitGroup
			for w := range 4 {
				// Four clients of their own, so that no budget of one client hides what the
				// service would answer.
				c := clientFrom(fmt.Sprintf("127.0.2.%d", w+1), 10*time.Second)
				wg.Go(func() {
					for i := 0; ; i++ {
						select {
						case <-ready:
							return
						default:
						}
						var ans string
						var body []byte
						if w == 0 {
							ans, body = post(ctx, c, svc.base+"/query", gql(`mutation($in: CreateSchoolInput!) { createSchool(input: $in) { id } }`, map[string]any{"in": map[string]any{
								"name": fmt.Sprintf("Start-up School %d", i), "cityName": "Almaty", "countryName": "Kazakhstan",
								"source": "https://example.org/aspgraph-abuse", "quote": "written during start-up",
							}}), auth)
						} else {
							ans, body = post(ctx, c, svc.base+"/query", gql(`{ keyAreas { id } }`, nil), nil)
						}
						mu.Lock()
						r.sent++
						r.tally[ans]++
						if ans == "200 data" && w != 0 && strings.Contains(string(body), `"keyAreas":[]`) {
							empty++
						}
						if ans == "200 data" && w == 0 {
							writesOK++
						}
						mu.Unlock()
						time.Sleep(20 * time.Millisecond)
					}
				})
			}
			wg.Wait()
			_, body := post(ctx, clientFrom("127.0.2.9", 10*time.Second), svc.base+"/query", gql(`{ countries { name } }`, nil), nil)
			kz := strings.Count(string(body), `"Kazakhstan"`)
			r.pass = empty == 0 && kz == 1
			r.note = fmt.Sprintf("%d reads answered keyAreas: []; %d writes accepted before ready; %d Countries named Kazakhstan after", empty, writesOK, kz)
			return r
		},
	}
}
