package graph_test

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/aspgraph/aspgraph/aspnet"
	"github.com/aspgraph/aspgraph/auth"
	"github.com/aspgraph/aspgraph/graph"
)

// budgetServe sends one request from remote (with the headers in hdr) through h.
func budgetServe(h http.Handler, remote string, hdr map[string]string) *httptest.ResponseRecorder {
	req := httptest.NewRequest(http.MethodPost, "/query", strings.NewReader(`{"query":"{ __typename }"}`))
	req.RemoteAddr = remote
	for k, v := range hdr {
		req.Header.Set(k, v)
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec
}

// checkRateLimited checks a 429 answer: Retry-After, and a GraphQL error RATE_LIMITED.
func checkRateLimited(t *testing.T, rec *httptest.ResponseRecorder) int {
	t.Helper()
	if rec.Code != http.StatusTooManyRequests {
		t.Fatalf("HTTP %d, want 429: %s", rec.Code, rec.Body)
	}
	secs, err := strconv.Atoi(rec.Header().Get("Retry-After"))
	if err != nil || secs < 1 {
		t.Errorf("Retry-After %q, want whole seconds", rec.Header().Get("Retry-After"))
	}
	var r response
	if err := json.Unmarshal(rec.Body.Bytes(), &r); err != nil || len(r.Errors) != 1 || r.Errors[0].Extensions["code"] != graph.CodeRateLimited {
		t.Errorf("body %s, want one RATE_LIMITED error", rec.Body)
	}
	return secs
}

// read stands for a graph database read of d made by the request r: it takes its turn in the
// client's share, as the store's reads do.
func read(t *testing.T, r *http.Request, d time.Duration) {
	release, err := aspnet.EnterShare(r.Context())
	if err != nil {
		t.Error(err)
		return
	}
	time.Sleep(d)
	release()
}

func TestBudgetReads(t *testing.T) {
	var now, most atomic.Int32
	next := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		for range 3 {
			release, err := aspnet.EnterShare(r.Context())
			if err != nil {
				t.Error(err)
				return
			}
			n := now.Add(1)
			m := most.Load()
			for n > m && !most.CompareAndSwap(m, n) {
				m = most.Load()
			}
			time.Sleep(5 * time.Millisecond)
			now.Add(-1)
			release()
		}
	})
	h := graph.Budget{Concurrent: 10, Reads: 2, Clients: 10}.Handler(next)
	var wg sync.WaitGroup
	for range 6 {
		wg.Go(func() { budgetServe(h, "192.0.2.1:1", nil) })
	}
	wg.Wait()
	if m := most.Load(); m > 2 || m == 0 {
		t.Errorf("%d reads at once from one client's six requests, want at most its share of 2", m)
	}
}

func TestBudgetConcurrent(t *testing.T) {
	release := make(chan struct{})
	var started sync.WaitGroup
	next := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		started.Done()
		<-release
	})
	h := graph.Budget{Concurrent: 2, Clients: 10}.Handler(next)
	var done sync.WaitGroup
	started.Add(2)
	for range 2 {
		done.Go(func() { budgetServe(h, "192.0.2.1:1000", nil) })
	}
	started.Wait()
	checkRateLimited(t, budgetServe(h, "192.0.2.1:1001", nil))
	// Another client is not held back by the first one's requests.
	started.Add(1)
	go func() { started.Wait(); close(release) }()
	if rec := budgetServe(h, "192.0.2.2:1000", nil); rec.Code != http.StatusOK {
		t.Errorf("another client: HTTP %d", rec.Code)
	}
	done.Wait()
	started.Add(1)
	if rec := budgetServe(h, "192.0.2.1:1002", nil); rec.Code != http.StatusOK {
		t.Errorf("after its requests ended: HTTP %d", rec.Code)
	}
}

func TestBudgetCost(t *testing.T) {
	var calls int
	next := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		calls++
		time.Sleep(50 * time.Millisecond) // not a read: costs nothing
		read(t, r, 30*time.Millisecond)
	})
	// 10 ms saved up and 1 ms earned per second: the first request (30 ms of reads) overdraws
	// it by 20 ms.
	h := graph.Budget{CostPerSecond: time.Millisecond, Burst: 10 * time.Millisecond, Clients: 10}.Handler(next)
	if rec := budgetServe(h, "192.0.2.1:1", nil); rec.Code != http.StatusOK {
		t.Fatalf("first request: HTTP %d", rec.Code)
	}
	if secs := checkRateLimited(t, budgetServe(h, "192.0.2.1:2", nil)); secs < 20 {
		t.Errorf("Retry-After %d s; the debt of 20 ms takes over 20 s to earn back", secs)
	}
	if calls != 1 {
		t.Errorf("%d requests ran, want 1: a refused one runs nothing", calls)
	}
	if rec := budgetServe(h, "192.0.2.9:1", nil); rec.Code != http.StatusOK {
		t.Errorf("another client: HTTP %d", rec.Code)
	}
}

func TestBudgetClients(t *testing.T) {
	secret := []byte(strings.Repeat("s", 32))
	keys := auth.Keys{Secret: secret}
	token := func(sub string) map[string]string {
		tok, err := auth.MintToken(secret, sub, nil, time.Hour, time.Now())
		if err != nil {
			t.Fatal(err)
		}
		return map[string]string{"Authorization": "Bearer " + tok}
	}
	proxy := netip.MustParsePrefix("10.0.0.0/8")
	tests := []struct {
		name       string
		a, b       string // remote addresses
		ha, hb     map[string]string
		sameClient bool
	}{
		{"SameAddressIsOneClient", "192.0.2.1:1", "192.0.2.1:2", nil, nil, true},
		{"OtherAddressIsAnother", "192.0.2.1:1", "192.0.2.2:1", nil, nil, false},
		{"IPv6ByItsSlash64", "[2001:db8::1]:1", "[2001:db8::ffff:2]:1", nil, nil, true},
		{"OtherSlash64IsAnother", "[2001:db8::1]:1", "[2001:db8:0:1::1]:1", nil, nil, false},
		{
			"ForwardedForIgnoredFromUntrustedPeer", "192.0.2.1:1", "192.0.2.1:2",
			map[string]string{"X-Forwarded-For": "198.51.100.1"},
			map[string]string{"X-Forwarded-For": "198.51.100.2"},
			true,
		},
		{
			"ForwardedForReadFromTrustedProxy", "10.0.0.1:1", "10.0.0.1:2",
			map[string]string{"X-Forwarded-For": "198.51.100.1"},
			map[string]string{"X-Forwarded-For": "198.51.100.2"},
			false,
		},
		{
			"RightmostUntrustedHopIsTheClient", "10.0.0.1:1", "10.0.0.2:1",
			map[string]string{"X-Forwarded-For": "203.0.113.7, 198.51.100.1, 10.1.1.1"},
			map[string]string{"X-Forwarded-For": "203.0.113.8, 198.51.100.1"},
			true,
		},
		{"TokenSubjectIsTheClient", "192.0.2.1:1", "192.0.2.2:1", token("alice"), token("alice"), true},
		{"OtherSubjectsShareNoBudget", "192.0.2.1:1", "192.0.2.1:1", token("alice"), token("bob"), false},
		{
			"ForgedTokenCountsForNothing", "192.0.2.1:1", "192.0.2.1:2",
			map[string]string{"Authorization": "Bearer x.y.z"},
			map[string]string{"Authorization": "Bearer a.b.c"},
			true,
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			release := make(chan struct{})
			entered := make(chan struct{}, 2)
			next := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				entered <- struct{}{}
				<-release
			})
			h := auth.Authenticate(keys, graph.Budget{Concurrent: 1, Clients: 10, TrustedProxies: []netip.Prefix{proxy}}.Handler(next))
			done := make(chan struct{})
			go func() { budgetServe(h, tc.a, tc.ha); close(done) }()
			<-entered
			var second *httptest.ResponseRecorder
			if tc.sameClient {
				second = budgetServe(h, tc.b, tc.hb)
			} else {
				go func() { <-entered; close(release) }()
				second = budgetServe(h, tc.b, tc.hb)
			}
			if tc.sameClient {
				close(release)
				checkRateLimited(t, second)
			} else if second.Code != http.StatusOK {
				t.Errorf("HTTP %d for another client: %s", second.Code, second.Body)
			}
			<-done
		})
	}
}

func TestBudgetRemembersBoundedClients(t *testing.T) {
	next := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { read(t, r, 20*time.Millisecond) })
	h := graph.Budget{CostPerSecond: time.Millisecond, Burst: 5 * time.Millisecond, Clients: 2}.Handler(next)
	// Client 1 overdraws; two other clients then push it out of the two remembered, and it
	// starts again with a full budget: the memory of clients stays within its bound.
	budgetServe(h, "192.0.2.1:1", nil)
	checkRateLimited(t, budgetServe(h, "192.0.2.1:1", nil))
	budgetServe(h, "192.0.2.2:1", nil)
	budgetServe(h, "192.0.2.3:1", nil)
	if rec := budgetServe(h, "192.0.2.1:1", nil); rec.Code != http.StatusOK {
		t.Errorf("a forgotten client: HTTP %d, want a fresh budget", rec.Code)
	}
}

func TestBudgetFromEnv(t *testing.T) {
	env := map[string]string{
		"CLIENT_MAX_CONCURRENT": "3", "CLIENT_COST_PER_SECOND": "250ms", "CLIENT_COST_BURST": "5s",
		"CLIENT_BUDGET_ENTRIES": "100", "TRUSTED_PROXIES": "10.0.0.0/8, 192.0.2.7,::1",
	}
	b, err := graph.BudgetFromEnv(func(k string) string { return env[k] })
	if err != nil {
		t.Fatal(err)
	}
	if b.Concurrent != 3 || b.CostPerSecond != 250*time.Millisecond || b.Burst != 5*time.Second || b.Clients != 100 || len(b.TrustedProxies) != 3 ||
		b.TrustedProxies[1] != netip.MustParsePrefix("192.0.2.7/32") || b.TrustedProxies[2] != netip.MustParsePrefix("::1/128") {
		t.Errorf("budget %+v", b)
	}
	def, err := graph.BudgetFromEnv(func(string) string { return "" })
	if err != nil || def.Concurrent != graph.DefaultBudget.Concurrent || def.TrustedProxies != nil {
		t.Errorf("defaults: %+v, %v", def, err)
	}
	for _, bad := range []map[string]string{
		{"CLIENT_MAX_CONCURRENT": "-1"},
		{"CLIENT_COST_PER_SECOND": "fast"},
		{"TRUSTED_PROXIES": "proxy.example"},
		{"CLIENT_COST_BURST": "0s"},
	} {
		if _, err := graph.BudgetFromEnv(func(k string) string { return bad[k] }); err == nil {
			t.Errorf("%v was accepted", bad)
		}
	}
}

func TestBudgetQueue(t *testing.T) {
	release := make(chan struct{})
	entered := make(chan struct{}, 3)
	next := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		entered <- struct{}{}
		<-release
	})
	h := graph.Budget{Concurrent: 1, Queue: 1, Wait: 5 * time.Second, Clients: 10}.Handler(next)
	first := make(chan int)
	go func() { first <- budgetServe(h, "192.0.2.1:1", nil).Code }()
	<-entered
	// Of two more, one waits its turn and the other finds the queue full and is refused at
	// once (which one is the scheduler's choice: the test does not depend on it).
	answers := make(chan *httptest.ResponseRecorder, 2)
	for _, port := range []string{"2", "3"} {
		go func() { answers <- budgetServe(h, "192.0.2.1:"+port, nil) }()
	}
	checkRateLimited(t, <-answers)
	close(release)
	if code := <-first; code != http.StatusOK {
		t.Errorf("first: HTTP %d", code)
	}
	if rec := <-answers; rec.Code != http.StatusOK {
		t.Errorf("the one that waited its turn: HTTP %d", rec.Code)
	}

	// A request that waits past Wait is refused.
	hold := make(chan struct{})
	defer close(hold)
	holding := make(chan struct{}, 2)
	h = graph.Budget{Concurrent: 1, Queue: 1, Wait: 10 * time.Millisecond, Clients: 10}.Handler(
		http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { holding <- struct{}{}; <-hold }))
	go budgetServe(h, "192.0.2.1:1", nil)
	<-holding
	checkRateLimited(t, budgetServe(h, "192.0.2.1:2", nil))
}
