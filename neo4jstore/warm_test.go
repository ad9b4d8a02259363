package neo4jstore

import (
	"context"
	"errors"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/aspgraph/aspgraph/aspnet"
)

var clearedCount = regexp.MustCompile(`cleared of (\d+) quer`)

// clearPlanCache empties Neo4j's plan caches and returns how many plans they held.
func clearPlanCache(t *testing.T, s *Store) int {
	t.Helper()
	res, err := neo4j.ExecuteQuery(context.Background(), s.driver, "CALL db.clearQueryCaches()", nil,
		neo4j.EagerResultTransformer, neo4j.ExecuteQueryWithDatabase(s.db))
	if err != nil {
		t.Fatal(err)
	}
	msg, _ := res.Records[0].Values[0].(string)
	if m := clearedCount.FindStringSubmatch(msg); m != nil {
		n, _ := strconv.Atoi(m[1])
		return n
	}
	return 0
}

// TestWarmUpPlansWhatRequestsRan shows that the warm-up fills Neo4j's plan cache with the
// statements requests ran, warmParallel at once; that meanwhile a request for a statement being
// planned waits for the plan, and is answered SERVICE_UNAVAILABLE shortly before its time
// runs out when the plan takes longer; and that the service is not ready until the warm-up
// is done.
func TestWarmUpPlansWhatRequestsRan(t *testing.T) {
	s := openReal(t)
	ctx := context.Background()
	stmts := []string{query("all_networks"), query("all_key_areas"), query("rel_school_city")}
	params := []map[string]any{nil, nil, {"keys": []any{"x"}}}
	for i, q := range stmts {
		if _, err := s.read(ctx, q, params[i]); err != nil {
			t.Fatal(err)
		}
	}
	clearPlanCache(t, s)
	if n := clearPlanCache(t, s); n != 0 {
		t.Fatalf("the plan cache held %d plans after clearing", n)
	}

	// A warm-up that waits for a signal, to look at requests meanwhile.
	w := s.avail.warm
	release := make(chan struct{})
	w.mu.Lock()
	w.explain = func(ctx context.Context, stmt string, params map[string]any) error {
		<-release
		return s.explain(ctx, stmt, params)
	}
	w.mu.Unlock()
	w.start()
	// The warm-up plans every statement at once (and waits).
	planning := 0
	for deadline := time.Now().Add(5 * time.Second); planning < min(warmParallel, len(stmts)) && time.Now().Before(deadline); time.Sleep(5 * time.Millisecond) {
		w.mu.Lock()
		planning = len(w.planning)
		w.mu.Unlock()
	}
	if want := min(warmParallel, len(stmts)); planning != want {
		t.Fatalf("the warm-up plans %d statements at once, want %d", planning, want)
	}
	if err := s.Ping(ctx); aspnet.ErrorCode(err) != aspnet.CodeUnavailable {
		t.Errorf("ping during the warm-up: %v, want SERVICE_UNAVAILABLE", err)
	}
	// A request whose time runs out waits for the plan until warmMargin before its deadline.
	start := time.Now()
	short, cancelShort := context.WithTimeout(ctx, warmMargin+500*time.Millisecond)
	_, err := s.read(short, stmts[0], params[0])
	cancelShort()
	if took := time.Since(start); aspnet.ErrorCode(err) != aspnet.CodeUnavailable || took < 400*time.Millisecond || took > warmMargin {
		t.Errorf("a statement whose plan takes longer than its request may wait: %s after %v; want SERVICE_UNAVAILABLE after 500 ms", aspnet.ErrorCode(err), took)
	}
	// A request that comes while its statement is planned waits for the plan.
	answered := make(chan error, 1)
	start = time.Now()
	go func() {
		_, err := s.read(ctx, stmts[1], params[1])
		answered <- err
	}()
	time.Sleep(300 * time.Millisecond)
	close(release)
	if err := <-answered; err != nil || time.Since(start) < 300*time.Millisecond {
		t.Errorf("a request that waited for the plan of its statement: %v after %v", err, time.Since(start))
	}
	wctx, cancel := context.WithTimeout(ctx, 2*time.Minute)
	defer cancel()
	n, err := s.WarmUp(wctx)
	if err != nil {
		t.Fatal(err)
	}
	if n != len(stmts) {
		t.Errorf("the warm-up planned %d statements, want %d", n, len(stmts))
	}
	if r := s.lastWarmUp(); r.Planned != len(stmts) || r.Took <= 0 || r.Slowest <= 0 || r.Slowest > r.Took {
		t.Errorf("the warm-up's report: %+v", r)
	} else {
		t.Logf("the warm-up planned %d statements in %v, the slowest in %v", r.Planned, r.Took, r.Slowest)
	}
	// Planned: the warm-up's start above marked every statement cold again, and the warm-up
	// planned them all.
	if cached := clearPlanCache(t, s); cached < len(stmts) {
		t.Errorf("after the warm-up the plan cache held %d plans, want at least %d", cached, len(stmts))
	}
	if err := s.Ping(ctx); err != nil {
		t.Errorf("ping after the warm-up: %v", err)
	}
	if _, err := s.read(ctx, stmts[0], nil); err != nil {
		t.Errorf("after the warm-up: %v", err)
	}
}

// TestWarmUpPlansFromBothEnds: the warm-up plans warmParallel statements at once, those that
// requests wait for first; of the others, one worker plans the quickest to plan first, the
// others the slowest first; a request waits for the plan of its statement, and gives up after
// its wait.
func TestWarmUpPlansFromBothEnds(t *testing.T) {
	a := newBenchAvailability()
	w := a.warm
	var mu sync.Mutex
	var order []string
	release := make(chan struct{})
	w.explain = func(_ context.Context, stmt string, _ map[string]any) error {
		mu.Lock()
		order = append(order, stmt)
		mu.Unlock()
		if stmt != "wanted" {
			<-release
		}
		return nil
	}
	planned := func() []string {
		mu.Lock()
		defer mu.Unlock()
		return slices.Clone(order)
	}
	n := 2 * warmParallel
	for i := range n {
		w.remember("s"+strconv.Itoa(i+1), nil, time.Duration(i+1)*time.Second)
	}
	w.remember("wanted", nil, 1500*time.Millisecond)
	w.start()
	waitUntil(func() bool { return len(planned()) >= warmParallel })
	time.Sleep(50 * time.Millisecond)
	first := planned()
	slices.Sort(first)
	want := []string{"s1"} // the quickest, then the slowest
	for i := range warmParallel - 1 {
		want = append(want, "s"+strconv.Itoa(n-i))
	}
	slices.Sort(want)
	if !slices.Equal(first, want) {
		t.Errorf("the warm-up planned %v first, want %v", first, want)
	}
	// A request for a statement being planned gives up after its wait.
	start := time.Now()
	if err := w.admit(context.Background(), "s"+strconv.Itoa(n), nil, 100*time.Millisecond); !errors.Is(err, errWarming) || time.Since(start) < 100*time.Millisecond {
		t.Errorf("a request that waited 100 ms for a plan: %v after %v", err, time.Since(start))
	}
	// A statement that a request waits for is planned next, before s2 (quicker to plan) and
	// s3 (slower): one worker is let go, and it plans that one before the others left.
	waited := make(chan error, 1)
	go func() { waited <- w.admit(context.Background(), "wanted", nil, 0) }()
	time.Sleep(50 * time.Millisecond)
	release <- struct{}{}
	err := <-waited
	close(release)
	if err != nil {
		t.Errorf("the request that waited: %v", err)
	}
	if got := planned(); len(got) <= warmParallel || got[warmParallel] != "wanted" {
		t.Errorf("the warm-up planned %v; want the statement a request waits for after the first %d", got, warmParallel)
	}
	waitUntil(func() bool { return !w.warming() })
	if w.warming() {
		t.Error("the warm-up did not end")
	}
	if w.isCold("s1", nil) || len(planned()) != n+1 {
		t.Errorf("after the warm-up: planned %v", planned())
	}
}

// TestWarmUpReportsItsEnd: a warm-up that plans every statement reports once, with what it
// planned; one that gives up after warmGiveUp reports once, with what it left, and a plan
// that ends after that reports nothing more.
func TestWarmUpReportsItsEnd(t *testing.T) {
	w := newBenchAvailability().warm
	reports := make(chan warmUpReport, 4)
	w.done = func(r warmUpReport) { reports <- r }
	release := make(chan struct{})
	w.explain = func(_ context.Context, stmt string, _ map[string]any) error {
		if strings.HasPrefix(stmt, "slow") {
			<-release
		}
		return nil
	}
	w.remember("a", nil, time.Millisecond)
	w.remember("b", nil, time.Millisecond)
	w.start()
	select {
	case r := <-reports:
		if r.Planned != 2 || r.Left != 0 || r.SlowestName == "" {
			t.Errorf("the report of a warm-up that planned both statements: %+v", r)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("no report of the warm-up")
	}

	// Three statements whose plans hang, and two workers: both hang, one statement waits.
	for _, stmt := range []string{"slow1", "slow2", "slow3"} {
		w.remember(stmt, nil, time.Minute)
	}
	w.start()
	waitUntil(func() bool { w.mu.Lock(); defer w.mu.Unlock(); return len(w.planning) == warmParallel })
	w.mu.Lock()
	w.began = time.Now().Add(-warmGiveUp - time.Second) // as if it had run for over two minutes
	w.mu.Unlock()
	release <- struct{}{} // one plan ends; its worker, asking for the next, finds the time up
	select {
	case r := <-reports:
		if r.Left != 2 || r.Took < warmGiveUp { // the plan that hangs, and the one that waited
			t.Errorf("the report of a warm-up that gave up: %+v, want 2 left", r)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("no report of the warm-up that gave up")
	}
	close(release) // the other plan ends after the warm-up gave up
	waitUntil(func() bool { w.mu.Lock(); defer w.mu.Unlock(); return len(w.planning) == 0 && w.workers == 0 })
	select {
	case r := <-reports:
		t.Errorf("a second report after the warm-up gave up: %+v", r)
	case <-time.After(100 * time.Millisecond):
	}
	if w.warming() || w.isCold("slow3", nil) {
		t.Error("statements still wait for a warm-up that gave up")
	}
}

// waitUntil polls cond for up to 5 s.
func waitUntil(cond func() bool) {
	for deadline := time.Now().Add(5 * time.Second); !cond() && time.Now().Before(deadline); {
		time.Sleep(5 * time.Millisecond)
	}
}

// TestPlanKeyTellsParameterTypes: Neo4j keeps one plan per statement and parameter types, so
// the warm-up plans a statement once for each set of types requests ran it with.
func TestPlanKeyTellsParameterTypes(t *testing.T) {
	q := query("schools")
	byName := map[string]any{"nameContains": "school", "networkKey": nil, "after": nil, "limit": int64(10)}
	byNetwork := map[string]any{"nameContains": nil, "networkKey": "aspnet-kz", "after": nil, "limit": int64(50)}
	sameTypes := map[string]any{"limit": int64(1), "after": nil, "networkKey": nil, "nameContains": "x"}
	if planKey(q, byName) == planKey(q, byNetwork) {
		t.Error("a null and a string parameter give the same plan key")
	}
	if planKey(q, byName) != planKey(q, sameTypes) {
		t.Error("other values of the same types give another plan key")
	}
	w := newBenchAvailability().warm
	w.remember(q, byName, time.Second)
	w.remember(q, byNetwork, time.Second)
	w.remember(q, sameTypes, time.Second)
	if len(w.seen) != 2 {
		t.Errorf("remembered %d plans of one statement run with two sets of types, want 2", len(w.seen))
	}
}
