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
// running) and a generous time limit. Until a statement has been planned again, one request
// at a time may run it (and so plan it); the others that need it meanwhile are answered
// SERVICE_UNAVAILABLE at once rather than joining the herd.
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
	// planning holds the cold statements being planned now, by a request or the warm-up.
	planning map[string]bool
	gen      int // incremented by each start
	running  bool
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

// admit reports whether stmt may run now: a planned statement always, a cold one when nothing
// else is planning it. The caller then plans it and calls done, with whether it was planned.
func (w *warmer) admit(stmt string) (done func(planned bool), ok bool) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if !w.coldSet[stmt] {
		return func(bool) {}, true
	}
	if w.planning[stmt] {
		return nil, false
	}
	w.planning[stmt] = true
	gen := w.gen
	return func(planned bool) {
		w.mu.Lock()
		defer w.mu.Unlock()
		delete(w.planning, stmt)
		if planned && w.gen == gen {
			delete(w.coldSet, stmt)
		}
	}, true
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

// next returns the most used statement still cold that nothing plans, with its parameters
// and the warm-up's generation, marked as being planned; ok is false when no statement is
// cold. When every cold statement is being planned by requests, stmt is empty.
func (w *warmer) next() (stmt string, params map[string]any, gen int, ok bool) {
	w.mu.Lock()
	defer w.mu.Unlock()
	var best *remembered
	for s := range w.coldSet {
		if w.planning[s] {
			continue
		}
		r := w.seen[s]
		if best == nil || r.uses > best.uses || (r.uses == best.uses && s < stmt) {
			best, stmt = r, s
		}
	}
	if best == nil {
		if len(w.coldSet) > 0 {
			return "", nil, w.gen, true
		}
		w.running = false
		return "", nil, w.gen, false
	}
	w.planning[stmt] = true
	return stmt, best.params, w.gen, true
}

// planned ends the warm-up's planning of stmt.
func (w *warmer) planned(stmt string, gen int, ok bool) {
	w.mu.Lock()
	defer w.mu.Unlock()
	delete(w.planning, stmt)
	if ok && w.gen == gen {
		delete(w.coldSet, stmt)
		w.warmed++
	}
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
		if stmt == "" {
			// Requests are planning what is left.
			time.Sleep(20 * time.Millisecond)
		}
		if time.Since(began) > warmGiveUp {
			w.mu.Lock()
			delete(w.planning, stmt)
			if w.gen == gen {
				w.coldSet = nil
			}
			w.mu.Unlock()
			continue
		}
		if stmt == "" {
			continue
		}
		if w.isDown() {
			w.planned(stmt, gen, false)
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
			w.planned(stmt, gen, false)
			w.suspect()
			time.Sleep(probeEvery)
			continue
		}
		// Planned, or failing for a reason of its own (which the request will meet too):
		// either way, requests may have it now.
		w.planned(stmt, gen, true)
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
// a first statement that waits for its warm-up. A later one waits for it instead, so that
// the work the transaction has done is not thrown away.
type gatedTx struct {
	neo4j.ManagedTransaction
	w   *warmer
	ran bool
}

func (t *gatedTx) Run(ctx context.Context, cypher string, params map[string]any) (neo4j.ResultWithContext, error) {
	done, ok := t.w.admit(cypher)
	for !ok {
		if !t.ran {
			return nil, errWarming
		}
		select {
		case <-ctx.Done():
			return nil, ctx.Err()
		case <-time.After(20 * time.Millisecond):
		}
		done, ok = t.w.admit(cypher)
	}
	t.ran = true
	t.w.remember(cypher, params)
	res, err := t.ManagedTransaction.Run(ctx, cypher, params)
	done(err == nil)
	return res, err
}

// WarmUp plans again, one at a time and before it returns, every statement the store has run
// for requests, as after Neo4j returns from an outage; it reports how many it planned.
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
