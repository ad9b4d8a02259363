package neo4jstore

import (
	"context"
	"errors"
	"log/slog"
	"sync"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j/config"
)

// The availability gate keeps requests from waiting on a Neo4j that is known to be away.
//
// It is up until a probe fails. A probe (connect and authenticate on a connection of its own,
// or a liveness check of the one it has) runs when a statement fails as if Neo4j were
// unreachable, and when a statement has run for longer than probeAfter (and every probeAfter
// after that); the result of a probe is shared for probeFresh. A probe that Neo4j refuses or
// cuts off (nothing listens, the connection is reset) closes the gate at once; one that only
// runs out of time closes it when the probe before it ran out of time too, so that a Neo4j
// that is merely slow on an overloaded machine is not taken for gone. While the gate is down,
// every statement fails at once with SERVICE_UNAVAILABLE, statements in flight are cancelled,
// and a probe runs every probeEvery; the first that succeeds opens the gate again and starts
// the warm-up of the statements the store has run (see warm.go).
const (
	probeAfter   = 500 * time.Millisecond
	probeFresh   = 500 * time.Millisecond
	probeEvery   = 200 * time.Millisecond
	probeTimeout = 1500 * time.Millisecond
)

// errNeo4jDown is the cause of a statement refused or cancelled because Neo4j is away.
var errNeo4jDown = errors.New("the graph database is unreachable")

// errWarming refuses a statement that Neo4j has not planned again since it came back.
var errWarming = errors.New("the graph database is warming up after a restart")

type availability struct {
	probeDriver neo4j.DriverWithContext
	ping        func(ctx context.Context) error // the probe; probeDriver's by default
	log         *slog.Logger

	mu        sync.Mutex
	down      bool
	downSince time.Time
	probing   bool // the loop that probes while down is running
	closed    bool
	lastProbe time.Time
	lastErr   error
	slowProbe bool          // the last probe ran out of time
	inProbe   chan struct{} // non-nil while a probe runs; closed when it ends
	// inFlight holds the cancel function of every guarded statement running now, for setDown.
	inFlight map[*guarded]struct{}

	warm *warmer
}

// guarded is a statement that guard runs.
type guarded struct {
	a      *availability
	cancel context.CancelCauseFunc
	timer  *time.Timer // fires every probeAfter while the statement runs
	mu     sync.Mutex
	ended  bool
}

func newAvailability(uri string, auth neo4j.AuthToken) (*availability, error) {
	d, err := neo4j.NewDriverWithContext(uri, auth, func(cfg *config.Config) {
		cfg.MaxConnectionPoolSize = 1
		cfg.ConnectionAcquisitionTimeout = probeTimeout
		cfg.SocketConnectTimeout = probeTimeout
		// Check the pooled connection every time: a probe must not trust a socket that Neo4j
		// closed by dying.
		cfg.ConnectionLivenessCheckTimeout = 0
		cfg.TelemetryDisabled = true
	})
	if err != nil {
		return nil, err
	}
	a := &availability{probeDriver: d, inFlight: map[*guarded]struct{}{}, log: slog.New(slog.DiscardHandler)}
	a.ping = d.VerifyConnectivity
	return a, nil
}

func (a *availability) close(ctx context.Context) error {
	a.mu.Lock()
	a.closed = true
	a.mu.Unlock()
	if a.probeDriver == nil {
		return nil
	}
	return a.probeDriver.Close(ctx)
}

// isDown reports whether the gate is down.
func (a *availability) isDown() bool {
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.down
}

// probe checks that Neo4j answers, sharing a probe in progress or, unless fresh is set, one
// that ended less than probeFresh ago.
func (a *availability) probe(fresh bool) error {
	a.mu.Lock()
	if !fresh && !a.lastProbe.IsZero() && time.Since(a.lastProbe) < probeFresh {
		err := a.lastErr
		a.mu.Unlock()
		return err
	}
	if wait := a.inProbe; wait != nil {
		a.mu.Unlock()
		<-wait
		a.mu.Lock()
		defer a.mu.Unlock()
		return a.lastErr
	}
	done := make(chan struct{})
	a.inProbe = done
	a.mu.Unlock()

	ctx, cancel := context.WithTimeout(context.Background(), probeTimeout)
	err := a.ping(ctx)
	timedOut := ctx.Err() != nil
	cancel()
	if err != nil && !unavailable(err) && !timedOut {
		// Neo4j answered, with an error of its own (a refused password, say): it is there.
		err = nil
	}

	a.mu.Lock()
	// A probe that ran out of time closes the gate only after another that did.
	closeGate := err != nil && (!timedOut || a.slowProbe || a.down)
	a.slowProbe = err != nil && timedOut
	a.lastProbe, a.lastErr, a.inProbe = time.Now(), err, nil
	close(done)
	a.mu.Unlock()
	switch {
	case closeGate:
		a.setDown()
	case err == nil:
		a.setUp()
	}
	return err
}

// suspect probes in the background, after a statement failed as if Neo4j were unreachable.
func (a *availability) suspect() {
	go func() { _ = a.probe(false) }()
}

// setDown closes the gate and cancels the statements in flight.
func (a *availability) setDown() {
	a.mu.Lock()
	if a.down || a.closed {
		a.mu.Unlock()
		return
	}
	a.down, a.downSince = true, time.Now()
	a.log.Warn("graph database unreachable: refusing requests until it answers", "error", a.lastErr)
	if !a.probing {
		a.probing = true
		go a.probeWhileDown()
	}
	cancels := make([]context.CancelCauseFunc, 0, len(a.inFlight))
	for g := range a.inFlight {
		cancels = append(cancels, g.cancel)
	}
	a.mu.Unlock()
	for _, cancel := range cancels {
		cancel(errNeo4jDown)
	}
}

func (a *availability) setUp() {
	a.mu.Lock()
	if !a.down {
		a.mu.Unlock()
		return
	}
	a.down = false
	downFor := time.Since(a.downSince)
	a.mu.Unlock()
	planning := 0
	if a.warm != nil {
		planning = a.warm.start()
	}
	a.log.Info("graph database answers again", "down_for", downFor.Round(time.Millisecond).String(), "statements_to_plan", planning)
}

// probeWhileDown probes every probeEvery until a probe succeeds or the store is closed.
func (a *availability) probeWhileDown() {
	for {
		time.Sleep(probeEvery)
		a.mu.Lock()
		if a.closed || !a.down {
			a.probing = false
			a.mu.Unlock()
			return
		}
		a.mu.Unlock()
		_ = a.probe(true)
	}
}

// guard runs f, which runs statement stmt (empty: a transaction whose statements are checked
// one by one), unless the gate is down; a statement that the warm-up has yet to plan waits
// for it, up to warmWait, and is refused after (see warm.go). While f runs, a probe after probeAfter, and every
// probeAfter after that, checks that Neo4j is still there; when the gate goes down, f's
// context is cancelled and guard returns errNeo4jDown. No goroutine watches a statement:
// the gate cancels those in flight when it closes, and a timer runs the probe.
func (a *availability) guard(ctx context.Context, stmt string, f func(ctx context.Context) error) error {
	return a.guardStmt(ctx, stmt, nil, f)
}

// guardStmt is guard for statement stmt run with params, whose types its plan depends on.
func (a *availability) guardStmt(ctx context.Context, stmt string, params map[string]any, f func(ctx context.Context) error) error {
	if a.isDown() {
		return errNeo4jDown
	}
	if stmt != "" && a.warm != nil {
		if err := a.warm.admit(ctx, stmt, params, warmWait(ctx)); err != nil {
			return err
		}
	}
	gctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	g := &guarded{a: a, cancel: cancel}
	a.mu.Lock()
	if a.down {
		a.mu.Unlock()
		return errNeo4jDown
	}
	a.inFlight[g] = struct{}{}
	a.mu.Unlock()
	g.mu.Lock()
	g.timer = time.AfterFunc(probeAfter, g.slow)
	g.mu.Unlock()

	err := f(gctx)

	g.mu.Lock()
	g.ended = true
	g.timer.Stop()
	g.mu.Unlock()
	a.mu.Lock()
	delete(a.inFlight, g)
	a.mu.Unlock()
	if err == nil {
		return nil
	}
	if errors.Is(context.Cause(gctx), errNeo4jDown) && ctx.Err() == nil {
		return errors.Join(errNeo4jDown, err)
	}
	if errors.Is(ctx.Err(), context.DeadlineExceeded) && a.warm != nil && a.warm.warmingWithin(warmWaitMax) {
		// Out of time while Neo4j plans again after a restart: a refusal to try again
		// shortly, not a request that asked too much.
		return errors.Join(errWarming, err)
	}
	if ctx.Err() == nil && unavailable(err) {
		a.suspect()
	}
	return err
}

// slow probes for a statement that has run for probeAfter, and again every probeAfter while
// it runs and Neo4j answers; a probe that closes the gate cancels the statement with the
// others in flight.
func (g *guarded) slow() {
	if g.a.probe(false) != nil && g.a.isDown() {
		return
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	if !g.ended {
		g.timer.Reset(probeAfter)
	}
}
