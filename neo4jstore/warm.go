package neo4jstore

import (
	"context"
	"sync"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// A Neo4j that has just started has an empty plan cache: each statement is planned the first
// time it runs, and on a busy machine planning can take longer than a request's time limit,
// a limit which Neo4j also applies to the planning (a plan whose transaction timed out is not
// kept). A herd of requests then keeps timing out, each planning the same statements again.
//
// So the store remembers the statements it has run for requests (the text and the last
// parameters, whose types the plan depends on), and when Neo4j comes back after an outage it
// plans them again, one at a time, most used first, with EXPLAIN (which plans without
// running) and a generous time limit. Until a statement has been planned again, requests
// that need it are answered SERVICE_UNAVAILABLE at once rather than joining the herd.
const (
	maxRemembered   = 256
	warmStmtTimeout = time.Minute
	// warmGiveUp admits every statement, planned or not, this long after the warm-up began.
	warmGiveUp = 2 * time.Minute
)

type remembered struct {
	params map[string]any
	uses   int64
}

type warmer struct {
	explain func(ctx context.Context, stmt string, params map[string]any) error
	isDown  func() bool
	suspect func()

	mu      sync.Mutex
	seen    map[string]*remembered
	coldSet map[string]bool
	gen     int // incremented by each start
	running bool
	// warmed counts the statements planned by warm-ups, for tests and logs.
	warmed int
}

// remember notes that stmt ran with params.
func (w *warmer) remember(stmt string, params map[string]any) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if r, ok := w.seen[stmt]; ok {
		r.params = params
		r.uses++
		return
	}
	if len(w.seen) < maxRemembered {
		w.seen[stmt] = &remembered{params: params, uses: 1}
	}
}

// cold reports whether stmt waits for its warm-up.
func (w *warmer) cold(stmt string) bool {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.coldSet[stmt]
}

// start begins a warm-up of every remembered statement, most used first, abandoning one in
// progress.
func (w *warmer) start() {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.gen++
	w.coldSet = make(map[string]bool, len(w.seen))
	for stmt := range w.seen {
		w.coldSet[stmt] = true
	}
	if !w.running && len(w.coldSet) > 0 {
		w.running = true
		go w.run()
	}
}

// next returns the most used statement still cold, with its parameters and the warm-up's
// generation; ok is false when none is left.
func (w *warmer) next() (stmt string, params map[string]any, gen int, ok bool) {
	w.mu.Lock()
	defer w.mu.Unlock()
	var best *remembered
	for s := range w.coldSet {
		r := w.seen[s]
		if best == nil || r.uses > best.uses || (r.uses == best.uses && s < stmt) {
			best, stmt = r, s
		}
	}
	if best == nil {
		w.running = false
		return "", nil, w.gen, false
	}
	return stmt, best.params, w.gen, true
}

func (w *warmer) run() {
	began, gen := time.Now(), -1
	for {
		stmt, params, g, ok := w.next()
		if !ok {
			return
		}
		if g != gen {
			began, gen = time.Now(), g
		}
		if time.Since(began) > warmGiveUp {
			w.mu.Lock()
			if w.gen == gen {
				w.coldSet = nil
			}
			w.mu.Unlock()
			continue
		}
		if w.isDown() {
			// Neo4j went away again: the next start plans everything again.
			w.mu.Lock()
			if w.gen == gen {
				w.running = false
				w.mu.Unlock()
				return
			}
			w.mu.Unlock()
			continue
		}
		ctx, cancel := context.WithTimeout(context.Background(), warmStmtTimeout)
		err := w.explain(ctx, stmt, params)
		cancel()
		if err != nil && unavailable(err) {
			// Keep it cold and try again shortly, unless the probe finds Neo4j gone.
			w.suspect()
			time.Sleep(probeEvery)
			continue
		}
		// Planned, or failing for a reason of its own (which the request will meet too):
		// either way, requests may have it now.
		w.mu.Lock()
		if w.gen == gen {
			delete(w.coldSet, stmt)
			if err == nil {
				w.warmed++
			}
		}
		w.mu.Unlock()
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

// gatedTx remembers each statement run in a managed transaction for the warm-up, and refuses
// one that waits for its warm-up.
type gatedTx struct {
	neo4j.ManagedTransaction
	w *warmer
}

func (t gatedTx) Run(ctx context.Context, cypher string, params map[string]any) (neo4j.ResultWithContext, error) {
	if t.w.cold(cypher) {
		return nil, errWarming
	}
	t.w.remember(cypher, params)
	return t.ManagedTransaction.Run(ctx, cypher, params)
}

// WarmUp plans again, one at a time and before it returns, every statement the store has run
// for requests, as after Neo4j returns from an outage; it reports how many it planned.
// Requests that need a statement not yet planned are answered SERVICE_UNAVAILABLE meanwhile.
func (s *Store) WarmUp(ctx context.Context) (int, error) {
	w := s.avail.warm
	w.mu.Lock()
	before := w.warmed
	w.mu.Unlock()
	w.start()
	for {
		w.mu.Lock()
		done, n := len(w.coldSet) == 0, w.warmed-before
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
