package neo4jstore

import (
	"context"
	"errors"
	"reflect"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// A Neo4j that has just started has an empty plan cache: each statement is planned the first
// time it runs, and on a freshly started JVM the first plans take seconds (4 to 5 s each on a
// quiet 2-core machine, more than the request time limit on a busy one, a limit which Neo4j
// also applies to the planning: a plan whose transaction timed out is not kept). A herd of
// requests then keeps timing out, each planning the same statements again.
//
// So the store remembers the statements it has run for requests (the text and the last
// parameters, whose types the plan depends on, and how long the statement took to plan), and
// when Neo4j comes back after an outage it plans them all again, warmParallel at a time, with
// EXPLAIN (which plans, and fills the plan cache, without running) and a generous time
// limit: first those that requests are waiting for; of the rest, one worker plans the
// cheapest first (so that the first requests are answered soon) while the others plan the
// slowest first (so that the last plan is ready soon). A request whose
// statement the warm-up has yet to plan waits for it (it is answered more slowly, but
// answered) until shortly before its own time limit, and is answered SERVICE_UNAVAILABLE if
// the plan is not ready by then; a statement after the first of a write transaction, whose
// work would otherwise be lost, waits as long as its request may.
const (
	maxRemembered   = 256
	warmStmtTimeout = time.Minute
	// warmGiveUp admits every statement, planned or not, this long after the warm-up began.
	warmGiveUp = 2 * time.Minute
	// warmParallel is how many statements the warm-up plans at once. Neo4j plans a statement
	// on one core, and a freshly started JVM compiles code on others: on two cores, four
	// plans at once made each slower (the first ended 3.6 s in, against 1.5 s with two).
	warmParallel = 2
	// A request waits for the plan of its statement until warmMargin before its deadline, and
	// at most warmWaitMax, then is refused: answered SERVICE_UNAVAILABLE, not TIMEOUT.
	warmMargin  = 2 * time.Second
	warmWaitMax = 10 * time.Second
)

// warmWait returns how long a request under ctx may wait for the warm-up.
func warmWait(ctx context.Context) time.Duration {
	wait := warmWaitMax
	if deadline, ok := ctx.Deadline(); ok {
		wait = min(wait, time.Until(deadline)-warmMargin)
	}
	return max(wait, time.Millisecond)
}

type remembered struct {
	stmt   string
	params map[string]any
	uses   int64
	// cost is how long the statement took to plan: its last warm-up, or its first run.
	cost time.Duration
}

type warmer struct {
	explain func(ctx context.Context, stmt string, params map[string]any) error
	isDown  func() bool
	suspect func()

	mu   sync.Mutex
	seen map[planID]*remembered
	// cold holds the statements the warm-up has yet to plan, each with a channel closed when
	// it is planned or the warm-up ends.
	cold map[planID]chan struct{}
	// planning holds the cold statements the warm-up is planning now; wanted, those that
	// requests wait for, which it plans first.
	planning map[planID]bool
	wanted   map[planID]bool
	gen      int // incremented by each start
	began    time.Time
	workers  int // warm-up workers running
	// cheapFirst is set while a worker that plans the cheapest statements first runs.
	cheapFirst bool
	// warmed counts the statements planned by warm-ups, for tests and logs.
	warmed int
	// last describes the last warm-up, for tests and measurements; ended is when it ended.
	last  warmUpReport
	ended time.Time
	// done, when set, is told of each warm-up that ended, having planned every statement or
	// given up.
	done func(warmUpReport)
}

// warmUpReport describes a warm-up: how many statements it planned, how long it took from
// its start to the last plan, its slowest plan and that statement's name (see
// StatementName), and how many it left unplanned when it gave up after warmGiveUp.
type warmUpReport struct {
	Planned     int
	Left        int
	Took        time.Duration
	Slowest     time.Duration
	SlowestName string
}

func newWarmer(explain func(ctx context.Context, stmt string, params map[string]any) error, isDown func() bool, suspect func()) *warmer {
	return &warmer{
		explain: explain, isDown: isDown, suspect: suspect,
		seen: map[planID]*remembered{}, planning: map[planID]bool{}, wanted: map[planID]bool{},
	}
}

// remember notes that stmt ran with params, in took (its planning and its run). The
// migrations' statements are left out: they run once, at the start (and schema commands have
// no plan to keep).
func (w *warmer) remember(stmt string, params map[string]any, took time.Duration) {
	key := planKey(stmt, params)
	w.mu.Lock()
	defer w.mu.Unlock()
	if r, ok := w.seen[key]; ok {
		r.params = params
		r.uses++
		return
	}
	if schemaCommand(stmt) || StatementName(stmt) == "migrate" {
		return
	}
	if len(w.seen) < maxRemembered {
		w.seen[key] = &remembered{stmt: stmt, params: params, uses: 1, cost: took}
	}
}

// planID names a plan in Neo4j's plan cache: the statement's text and the types of its
// parameters (one statement run with a null and with a string has two plans). The text is
// the statement's own string, not a copy: every statement of every request names its plan.
type planID struct {
	stmt  string
	types string
}

// planKey returns the planID of stmt run with params.
func planKey(stmt string, params map[string]any) planID {
	if len(params) == 0 {
		return planID{stmt: stmt}
	}
	names := make([]string, 0, len(params))
	for n := range params {
		names = append(names, n)
	}
	slices.Sort(names)
	var b strings.Builder
	b.Grow(24 * len(names))
	for _, n := range names {
		b.WriteByte(0)
		b.WriteString(n)
		b.WriteByte(':')
		b.WriteString(typeName(params[n]))
	}
	return planID{stmt: stmt, types: b.String()}
}

// typeName names the type Neo4j gives a parameter's value, roughly: a list by its first
// element.
func typeName(v any) string {
	switch v := v.(type) {
	case nil:
		return "null"
	case []any:
		if len(v) == 0 {
			return "[]"
		}
		return "[]" + typeName(v[0])
	default:
		return reflect.TypeOf(v).String()
	}
}

// isCold reports whether the plan of stmt with parameters like params waits for its warm-up.
func (w *warmer) isCold(stmt string, params map[string]any) bool {
	key := planKey(stmt, params)
	w.mu.Lock()
	defer w.mu.Unlock()
	_, ok := w.cold[key]
	return ok
}

// warming reports whether a warm-up has statements left to plan.
func (w *warmer) warming() bool {
	w.mu.Lock()
	defer w.mu.Unlock()
	return len(w.cold) > 0
}

// warmingWithin reports whether a warm-up has statements left to plan or had some less than
// d ago: a request that ran out of time then likely spent it waiting for the warm-up.
func (w *warmer) warmingWithin(d time.Duration) bool {
	w.mu.Lock()
	defer w.mu.Unlock()
	return len(w.cold) > 0 || (!w.ended.IsZero() && time.Since(w.ended) < d)
}

// admit waits until stmt may run: at once unless the warm-up has yet to plan it, else once it
// has (asking the warm-up to plan it next). It gives up with errWarming after wait (zero:
// as long as ctx allows).
func (w *warmer) admit(ctx context.Context, stmt string, params map[string]any, wait time.Duration) error {
	w.mu.Lock()
	none := len(w.cold) == 0
	w.mu.Unlock()
	if none {
		return nil
	}
	key := planKey(stmt, params)
	var expired <-chan time.Time
	for {
		w.mu.Lock()
		ready, ok := w.cold[key]
		if !ok {
			w.mu.Unlock()
			return nil
		}
		if !w.planning[key] {
			w.wanted[key] = true
		}
		w.mu.Unlock()
		if expired == nil && wait > 0 {
			t := time.NewTimer(wait)
			defer t.Stop()
			expired = t.C
		}
		select {
		case <-ready:
		case <-expired:
			return errWarming
		case <-ctx.Done():
			if errors.Is(ctx.Err(), context.DeadlineExceeded) {
				return errors.Join(errWarming, ctx.Err())
			}
			return ctx.Err()
		}
	}
}

// start begins a warm-up of every remembered statement, abandoning one in progress; it
// returns how many statements it is to plan.
func (w *warmer) start() int {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.endLocked()
	w.gen++
	w.began = time.Now()
	w.last = warmUpReport{}
	w.cold = make(map[planID]chan struct{}, len(w.seen))
	for key := range w.seen {
		w.cold[key] = make(chan struct{})
	}
	for w.workers < min(warmParallel, len(w.cold)) {
		w.workers++
		cheap := !w.cheapFirst
		w.cheapFirst = true
		go w.run(cheap)
	}
	return len(w.cold)
}

// endLocked ends the warm-up: every statement may run.
func (w *warmer) endLocked() {
	for _, ready := range w.cold {
		close(ready)
	}
	if len(w.cold) > 0 {
		w.ended = time.Now()
	}
	w.cold = nil
	clear(w.wanted)
}

// next returns the cold statement to plan now, with its parameters and the warm-up's
// generation, marked as being planned; ok is false when none is left for the warm-up (and
// the worker that asked ends). It picks what requests wait for first, then what took longest
// to plan (with cheap, the shortest), then the most used.
func (w *warmer) next(cheap bool) (key planID, r *remembered, gen int, ok bool) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if time.Since(w.began) > warmGiveUp && len(w.cold) > 0 {
		w.last.Left = len(w.cold)
		w.last.Took = time.Since(w.began)
		w.endLocked()
		if w.done != nil {
			go w.done(w.last)
		}
	}
	for k := range w.cold {
		if w.planning[k] {
			continue
		}
		if c := w.seen[k]; r == nil || w.before(k, c, key, r, cheap) {
			key, r = k, c
		}
	}
	if r == nil {
		w.workers--
		if cheap {
			w.cheapFirst = false
		}
		return planID{}, nil, w.gen, false
	}
	w.planning[key] = true
	return key, r, w.gen, true
}

// before orders the warm-up's statements: wanted first, then the slowest to plan (with
// cheap, the quickest), then the most used.
func (w *warmer) before(s planID, r *remembered, t planID, q *remembered, cheap bool) bool {
	if w.wanted[s] != w.wanted[t] {
		return w.wanted[s]
	}
	if r.cost != q.cost {
		return (r.cost > q.cost) != cheap
	}
	if r.uses != q.uses {
		return r.uses > q.uses
	}
	if s.stmt != t.stmt {
		return s.stmt < t.stmt
	}
	return s.types < t.types
}

// planned ends the warm-up's planning of the plan key, which took took; ok says whether it
// may run.
func (w *warmer) planned(key planID, gen int, ok bool, took time.Duration) {
	w.mu.Lock()
	defer w.mu.Unlock()
	delete(w.planning, key)
	if !ok || w.gen != gen {
		return
	}
	if r := w.seen[key]; r != nil {
		r.cost = took
	}
	w.warmed++
	w.last.Planned++
	if took > w.last.Slowest {
		w.last.Slowest, w.last.SlowestName = took, StatementName(key.stmt)
	}
	ready, cold := w.cold[key]
	if !cold {
		return // planned after the warm-up gave up
	}
	close(ready)
	delete(w.cold, key)
	delete(w.wanted, key)
	if len(w.cold) == 0 {
		w.ended = time.Now()
		w.last.Took = w.ended.Sub(w.began)
		if w.done != nil {
			go w.done(w.last)
		}
	}
}

func (w *warmer) run(cheap bool) {
	for {
		key, r, gen, ok := w.next(cheap)
		if !ok {
			return
		}
		if w.isDown() {
			// Neo4j went away again: the next start plans everything again.
			w.planned(key, gen, false, 0)
			w.mu.Lock()
			if w.gen == gen {
				w.endLocked()
			}
			w.mu.Unlock()
			continue
		}
		began := time.Now()
		ctx, cancel := context.WithTimeout(context.Background(), warmStmtTimeout)
		err := w.explain(ctx, r.stmt, r.params)
		cancel()
		if err != nil && unavailable(err) {
			// Keep it cold and try again shortly, unless the probe finds Neo4j gone.
			w.planned(key, gen, false, 0)
			w.suspect()
			time.Sleep(probeEvery)
			continue
		}
		// Planned, or failing for a reason of its own (which the request will meet too):
		// either way, requests may have it now.
		w.planned(key, gen, true, time.Since(began))
	}
}

// explain plans stmt without running it, in a transaction of its own with warmStmtTimeout
// as its time limit.
func (s *Store) explain(ctx context.Context, stmt string, params map[string]any) error {
	sess := s.driver.NewSession(ctx, neo4j.SessionConfig{DatabaseName: s.db, AccessMode: neo4j.AccessModeWrite})
	defer func() { _ = sess.Close(ctx) }()
	res, err := sess.Run(ctx, "EXPLAIN "+stmt, params, neo4j.WithTxTimeout(warmStmtTimeout))
	if err != nil {
		return err
	}
	_, err = res.Consume(ctx)
	return err
}

// gatedTx remembers each statement run in a managed transaction for the warm-up. A first
// statement that waits for its warm-up waits until refuseBy (when zero, as long as warmWait
// allows), as a read does; a later one waits as long as the request may, so that the work the
// transaction has done is not thrown away.
type gatedTx struct {
	neo4j.ManagedTransaction
	w        *warmer
	refuseBy time.Time
	ran      bool
}

func (t *gatedTx) Run(ctx context.Context, cypher string, params map[string]any) (neo4j.ResultWithContext, error) {
	var wait time.Duration
	if !t.ran {
		wait = warmWait(ctx)
		if !t.refuseBy.IsZero() {
			wait = max(time.Until(t.refuseBy), time.Millisecond)
		}
	}
	if err := t.w.admit(ctx, cypher, params, wait); err != nil {
		return nil, err
	}
	t.ran = true
	began := time.Now()
	res, err := t.ManagedTransaction.Run(ctx, cypher, params)
	if err == nil {
		t.w.remember(cypher, params, time.Since(began))
	}
	return res, err
}

// WarmUp plans again, before it returns, every statement the store has run for requests, as
// after Neo4j returns from an outage; it reports how many it planned.
func (s *Store) WarmUp(ctx context.Context) (int, error) {
	w := s.avail.warm
	w.mu.Lock()
	before := w.warmed
	w.mu.Unlock()
	w.start()
	for {
		w.mu.Lock()
		done, n := len(w.cold) == 0, w.warmed-before
		w.mu.Unlock()
		if done {
			return n, nil
		}
		select {
		case <-ctx.Done():
			return n, ctx.Err()
		case <-time.After(20 * time.Millisecond):
		}
	}
}

// lastWarmUp reports on the last warm-up.
func (s *Store) lastWarmUp() warmUpReport {
	w := s.avail.warm
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.last
}

// schemaCommand reports whether stmt creates or drops an index or a constraint, or waits for
// indexes.
func schemaCommand(stmt string) bool {
	for _, p := range []string{
		"CREATE CONSTRAINT", "CREATE INDEX", "CREATE RANGE INDEX", "CREATE TEXT INDEX",
		"CREATE POINT INDEX", "CREATE FULLTEXT INDEX", "CREATE LOOKUP INDEX", "DROP ", "CALL DB.AWAITINDEX",
	} {
		if len(stmt) >= len(p) && strings.EqualFold(stmt[:len(p)], p) {
			return true
		}
	}
	return false
}
