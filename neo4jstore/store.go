// Package neo4jstore keeps the ASPnet knowledge graph in Neo4j, the only package that imports
// the Neo4j driver, with every Cypher statement embedded from cypher/ and migrations/ and every
// value passed as a parameter.
package neo4jstore

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j/config"

	"github.com/aspgraph/aspgraph/aspnet"
)

// Config says how to reach Neo4j.
type Config struct {
	URI      string
	Username string
	Password string
	Database string
	// TxTimeout bounds every transaction on the server; zero leaves the server's default.
	TxTimeout time.Duration
	// Logger is told when Neo4j becomes unreachable, when it answers again, and when the
	// statements are planned again after that (see warm.go); nil logs nothing.
	Logger *slog.Logger
}

// Store reads and writes the ASPnet knowledge graph in Neo4j. It is safe for concurrent use.
// Reads name their database and use read routing; writes run in managed write transactions.
type Store struct {
	driver neo4j.DriverWithContext
	db     string
	txTime time.Duration
	obs    Observer // see observe.go; nil observes nothing
	avail  *availability
}

// New creates the driver, once for the application, and verifies that Neo4j answers with
// these credentials.
func New(ctx context.Context, c Config) (*Store, error) {
	s, err := Open(c)
	if err != nil {
		return nil, err
	}
	if err := s.Verify(ctx); err != nil {
		_ = s.Close(ctx)
		return nil, fmt.Errorf("neo4jstore.New(%s): %w", c.URI, err)
	}
	return s, nil
}

// Open creates the driver without reaching Neo4j, for a service that starts while Neo4j is
// down and calls Verify until it answers. Only a malformed configuration is an error.
func Open(c Config) (s *Store, err error) {
	defer wrap(&err, "neo4jstore.Open(%s)", c.URI)
	driver, err := neo4j.NewDriverWithContext(c.URI, neo4j.BasicAuth(c.Username, c.Password, ""),
		func(cfg *config.Config) {
			// A request runs up to a few statements at once (one per field of a level, each
			// batched over the level's parents), so 32 concurrent requests can hold ~100
			// connections; past the pool, statements wait for a connection, bounded by the
			// request's own time limit rather than by a shorter acquisition timeout.
			cfg.MaxConnectionPoolSize = 128
			cfg.ConnectionAcquisitionTimeout = 30 * time.Second
			cfg.SocketConnectTimeout = 2 * time.Second
			// Short, so that while Neo4j is unreachable a request fails within about two
			// seconds instead of hanging.
			cfg.MaxTransactionRetryTime = 1500 * time.Millisecond
			// Every read is consumed whole (EagerResultTransformer): fetch it in one PULL.
			cfg.FetchSize = neo4j.FetchAll
			cfg.TelemetryDisabled = true
		})
	if err != nil {
		return nil, err
	}
	db := c.Database
	if db == "" {
		db = "neo4j"
	}
	s = &Store{driver: driver, db: db, txTime: c.TxTimeout}
	if s.avail, err = newAvailability(c.URI, neo4j.BasicAuth(c.Username, c.Password, "")); err != nil {
		_ = driver.Close(context.Background())
		return nil, err
	}
	s.avail.warm = newWarmer(s.explain, s.avail.isDown, s.avail.suspect)
	if c.Logger != nil {
		log := c.Logger
		s.avail.log = log
		s.avail.warm.done = func(r warmUpReport) {
			attrs := []any{
				"planned", r.Planned, "took", r.Took.Round(time.Millisecond).String(),
				"slowest", r.Slowest.Round(time.Millisecond).String(), "slowest_statement", r.SlowestName,
			}
			if r.Left > 0 {
				log.Warn("gave up planning the statements again; the rest are planned as requests run them", append(attrs, "left", r.Left)...)
				return
			}
			log.Info("statements planned again", attrs...)
		}
	}
	return s, nil
}

// Close closes the driver and its connections.
func (s *Store) Close(ctx context.Context) error {
	return errors.Join(s.avail.close(ctx), s.driver.Close(ctx))
}

// Verify checks that Neo4j answers and accepts the credentials.
func (s *Store) Verify(ctx context.Context) error {
	return mapError(ctx, s.driver.VerifyAuthentication(ctx, nil))
}

// Ping checks that Neo4j answers; while the store knows it to be away, it fails at once, and
// while Neo4j plans again the statements requests need after a restart, it fails too.
func (s *Store) Ping(ctx context.Context) error {
	if s.avail.isDown() {
		return mapError(ctx, errNeo4jDown)
	}
	if s.avail.warm.warming() {
		return mapError(ctx, errWarming)
	}
	err := s.driver.VerifyConnectivity(ctx)
	if err != nil && ctx.Err() == nil && unavailable(err) {
		s.avail.suspect()
	}
	return err
}

// ServerVersion returns the agent string of the Neo4j server, such as "Neo4j/5.26.0".
func (s *Store) ServerVersion(ctx context.Context) (string, error) {
	info, err := s.driver.GetServerInfo(ctx)
	if err != nil {
		return "", err
	}
	return info.Agent(), nil
}

func (s *Store) txConfig(cfg *neo4j.TransactionConfig) {
	if s.txTime > 0 {
		cfg.Timeout = s.txTime
	}
}

// read runs one read statement in one round trip, on a reader, against the store's database,
// through the availability gate (see availability.go), in its turn of the client's share of
// reads (aspnet.WithShare) when it has one.
func (s *Store) read(ctx context.Context, query string, params map[string]any) ([]*neo4j.Record, error) {
	release, err := aspnet.EnterShare(ctx)
	if err != nil {
		return nil, mapError(ctx, err)
	}
	defer release()
	aspnet.CountRoundTrip(ctx)
	var records []*neo4j.Record
	err = s.avail.guardStmt(ctx, query, params, func(gctx context.Context) error {
		defer s.transaction(ctx, false)()
		sctx, done := s.statement(gctx, query)
		began := time.Now()
		res, err := neo4j.ExecuteQuery(sctx, s.driver, query, params, neo4j.EagerResultTransformer,
			neo4j.ExecuteQueryWithDatabase(s.db),
			neo4j.ExecuteQueryWithReadersRouting(),
			neo4j.ExecuteQueryWithTransactionConfig(s.txConfig))
		done(err)
		if err != nil {
			return err
		}
		s.avail.warm.remember(query, params, time.Since(began))
		records = res.Records
		return nil
	})
	if err != nil {
		return nil, mapError(ctx, err)
	}
	return records, nil
}

// write runs work in one managed write transaction, through the availability gate: it is
// retried on transient errors and applies whole or not at all. The driver does not retry a
// transaction whose commit met a dead connection (it may have been applied), nor does the
// gate: such a write fails with SERVICE_UNAVAILABLE, so none is ever applied twice.
func (s *Store) write(ctx context.Context, work func(tx neo4j.ManagedTransaction) error) error {
	refuseBy := time.Now().Add(warmWait(ctx))
	return mapError(ctx, s.avail.guard(ctx, "", func(gctx context.Context) error {
		return s.writeWithin(gctx, s.txTime, func(tx neo4j.ManagedTransaction) error {
			return work(&gatedTx{ManagedTransaction: tx, w: s.avail.warm, refuseBy: refuseBy})
		})
	}))
}

// writeWithin is write with its own transaction timeout (zero: the server's default).
func (s *Store) writeWithin(ctx context.Context, timeout time.Duration, work func(tx neo4j.ManagedTransaction) error) error {
	sess := s.driver.NewSession(ctx, neo4j.SessionConfig{DatabaseName: s.db, AccessMode: neo4j.AccessModeWrite})
	defer func() { _ = sess.Close(ctx) }()
	defer s.transaction(ctx, true)()
	_, err := sess.ExecuteWrite(ctx, func(tx neo4j.ManagedTransaction) (any, error) {
		return nil, work(s.observed(tx))
	}, func(cfg *neo4j.TransactionConfig) {
		if timeout > 0 {
			cfg.Timeout = timeout
		}
	})
	return mapError(ctx, err)
}

// runWrite runs one statement inside a write transaction and consumes its result, so that
// errors surface, and returns the summary's counters.
func runWrite(ctx context.Context, tx neo4j.ManagedTransaction, query string, params map[string]any) (neo4j.Counters, error) {
	aspnet.CountRoundTrip(ctx)
	res, err := tx.Run(ctx, query, params)
	if err != nil {
		return nil, err
	}
	sum, err := res.Consume(ctx)
	if err != nil {
		return nil, err
	}
	return sum.Counters(), nil
}

// writeOne runs one statement in its own managed write transaction.
func (s *Store) writeOne(ctx context.Context, stmt string, params map[string]any) error {
	return s.write(ctx, func(tx neo4j.ManagedTransaction) error {
		_, err := runWrite(ctx, tx, stmt, params)
		return err
	})
}
