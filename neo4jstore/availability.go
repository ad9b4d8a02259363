package neo4jstore

import (
	"context"
	"errors"
	"sync"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j/config"
)

// The availability gate keeps requests from waiting on a Neo4j that is known to be away.
//
// It is up until a probe fails. A probe (connect and authenticate on a connection of its own,
// or a liveness check of the one it has) runs when a statement fails as if Neo4j were
// unreachable, and when a statement has run for longer than probeAfter; the result of a
// probe is shared for probeFresh. While the gate is down, every statement fails at once
// with SERVICE_UNAVAILABLE, statements in flight are cancelled, and a probe runs every
// probeEvery; the first that succeeds opens the gate again and starts the warm-up of the
// statements the store has run (see warm.go).
const (
	probeAfter   = 500 * time.Millisecond
	probeFresh   = 500 * time.Millisecond
	probeEvery   = 500 * time.Millisecond
	probeTimeout = 1500 * time.Millisecond
)

// errNeo4jDown is the cause of a statement refused or cancelled because Neo4j is away.
var errNeo4jDown = errors.New("the graph database is unreachable")

// errWarming refuses a statement that Neo4j has not planned again since it came back.
var errWarming = errors.New("the graph database is warming up after a restart")

type availability struct {
	probeDriver neo4j.DriverWithContext
	ping        func(ctx context.Context) error // the probe; probeDriver's by default

	mu        sync.Mutex
	down      bool
	downSince time.Time
	changed   chan struct{} // closed and replaced when down changes
	probing   bool          // the loop that probes while down is running
	closed    bool
	lastProbe time.Time
	lastErr   error
	inProbe   chan struct{} // non-nil while a probe runs; closed when it ends

	warm *warmer
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
	a := &availability{probeDriver: d, changed: make(chan struct{})}
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

// probe checks that Neo4j answers, sharing a probe in progress or one that ended less than
// probeFresh ago.
func (a *availability) probe() error {
	a.mu.Lock()
	if !a.lastProbe.IsZero() && time.Since(a.lastProbe) < probeFresh {
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
	cancel()
	if err != nil && !unavailable(err) && !errors.Is(err, context.DeadlineExceeded) {
		// Neo4j answered, with an error of its own (a refused password, say): it is there.
		err = nil
	}

	a.mu.Lock()
	a.lastProbe, a.lastErr, a.inProbe = time.Now(), err, nil
	close(done)
	a.mu.Unlock()
	if err != nil {
		a.setDown()
	} else {
		a.setUp()
	}
	return err
}

// suspect probes in the background, after a statement failed as if Neo4j were unreachable.
func (a *availability) suspect() {
	go func() { _ = a.probe() }()
}

func (a *availability) setDown() {
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.down || a.closed {
		return
	}
	a.down, a.downSince = true, time.Now()
	close(a.changed)
	a.changed = make(chan struct{})
	if !a.probing {
		a.probing = true
		go a.probeWhileDown()
	}
}

func (a *availability) setUp() {
	a.mu.Lock()
	if !a.down {
		a.mu.Unlock()
		return
	}
	a.down = false
	close(a.changed)
	a.changed = make(chan struct{})
	a.mu.Unlock()
	if a.warm != nil {
		a.warm.start()
	}
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
		_ = a.probe()
	}
}

// watch returns a channel closed when the gate next changes, and whether it is down now.
func (a *availability) watch() (<-chan struct{}, bool) {
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.changed, a.down
}

// guard runs f, which runs statement stmt (empty: a transaction whose statements are checked
// one by one), unless the gate is down or stmt waits for its warm-up (see warm.go). While f runs, a
// probe after probeAfter, and every probeAfter after that, checks that Neo4j is still there;
// when the gate goes down, f's context is cancelled and guard returns errNeo4jDown.
func (a *availability) guard(ctx context.Context, stmt string, f func(ctx context.Context) error) error {
	changed, down := a.watch()
	if down {
		return errNeo4jDown
	}
	planned := func(bool) {}
	if stmt != "" && a.warm != nil {
		var ok bool
		if planned, ok = a.warm.admit(stmt); !ok {
			return errWarming
		}
	}
	gctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	go func() {
		t := time.NewTimer(probeAfter)
		defer t.Stop()
		for {
			select {
			case <-gctx.Done():
				return
			case <-changed:
				var down bool
				changed, down = a.watch()
				if down {
					cancel(errNeo4jDown)
					return
				}
			case <-t.C:
				if a.probe() != nil {
					cancel(errNeo4jDown)
					return
				}
				t.Reset(probeAfter)
			}
		}
	}()
	err := f(gctx)
	planned(err == nil)
	if err == nil {
		return nil
	}
	if errors.Is(context.Cause(gctx), errNeo4jDown) && ctx.Err() == nil {
		return errors.Join(errNeo4jDown, err)
	}
	if ctx.Err() == nil && unavailable(err) {
		a.suspect()
	}
	return err
}
