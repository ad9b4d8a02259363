package graph

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"runtime"
	"sync/atomic"
	"time"

	"github.com/99designs/gqlgen/graphql"
	"golang.org/x/sync/semaphore"

	"github.com/aspgraph/aspgraph/aspnet"
)

// WithMaxConcurrent lets at most n GraphQL requests execute at once (n <= 0: no bound); the
// others wait their turn, first come first served, within their time limit.
//
// Every request runs its resolvers in goroutines of their own and holds their results until it
// answers, and on a machine whose cores Neo4j shares, more requests at once make each slower
// without answering more of them: a bound keeps memory in proportion to the work that can
// actually proceed, and lets a burst queue instead of thrashing.
func WithMaxConcurrent(n int) Option { return func(o *options) { o.maxConcurrent = n } }

// admit is the bound of WithMaxConcurrent. A request's wait counts toward its time limit; one
// still waiting when the limit is reached is refused with HTTP 503 and SERVICE_UNAVAILABLE,
// having run nothing.
//
// A slot is held only while the operation runs: it is taken once the request has been read
// (LimitBody reads the body before admit sees the request), and the answer is kept in memory
// and written after the slot is released, so a client that reads its answer slowly, or not at
// all, holds a connection (until the server's write timeout) but no slot.
func admit(n int, limit time.Duration, obs Observer, next http.Handler) http.Handler {
	if n <= 0 {
		return next
	}
	sem := semaphore.NewWeighted(int64(n))
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodOptions {
			next.ServeHTTP(w, r)
			return
		}
		ctx, cancel := context.WithTimeout(r.Context(), limit)
		defer cancel()
		if obs != nil {
			obs.Waiting(1)
		}
		err := sem.Acquire(ctx, 1)
		if obs != nil {
			obs.Waiting(-1)
		}
		if err != nil {
			if r.Context().Err() != nil {
				return // the client went away
			}
			serviceBusy(w, fmt.Sprintf("the service is busy: %d requests are running and this one waited %s, its time limit, for its turn; try again", n, limit))
			return
		}
		holdAnswer(w, func(w http.ResponseWriter) {
			defer sem.Release(1)
			next.ServeHTTP(w, r.WithContext(ctx))
		})
	})
}

// holdAnswer runs serve with a response kept in memory, and writes it once serve has
// returned (and released what it held).
func holdAnswer(w http.ResponseWriter, serve func(http.ResponseWriter)) {
	answer := &heldAnswer{header: w.Header(), code: http.StatusOK}
	serve(answer)
	w.WriteHeader(answer.code)
	_, _ = w.Write(answer.body.Bytes())
}

// serviceBusy refuses a request that found no room: HTTP 503, SERVICE_UNAVAILABLE and
// Retry-After.
func serviceBusy(w http.ResponseWriter, msg string) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Retry-After", "1")
	w.WriteHeader(http.StatusServiceUnavailable)
	_, _ = fmt.Fprintf(w, `{"errors":[{"message":%q,"extensions":{"code":"SERVICE_UNAVAILABLE"}}]}`+"\n", msg)
}

// HeavyLane is the admission of heavy requests: those whose complexity, as the limits
// estimate it, is at least Complexity. At most Concurrent of them run at once over all
// clients, at most Queue more wait their turn, and their graph database reads hold at most
// Reads of the driver's connections at once. A heavy request beyond the queue is refused at
// once, and one that waits past its time limit then, with HTTP 503, SERVICE_UNAVAILABLE and
// Retry-After, having run nothing.
//
// Heavy requests take their admission slots (WithMaxConcurrent) only once they have their
// turn, so they never hold more than Concurrent of the slots: light requests keep the others,
// and all but Reads of the connections, however many heavy requests arrive. Without it, 200
// clients each asking for a large answer took every slot and kept Neo4j and both cores busy,
// and a simple query waited seconds behind them (docs/abuse.md, slow-readers-200). Each
// client's budget (Budget) still applies, to heavy and light requests alike.
type HeavyLane struct {
	// Complexity is where heavy begins (0: no request is heavy).
	Complexity int
	// Concurrent bounds the heavy requests running at once (at least 1).
	Concurrent int
	// Queue bounds the heavy requests waiting for their turn.
	Queue int
	// Reads bounds the graph database reads of heavy requests at once (0: only each client's
	// bound, CLIENT_MAX_READS, applies).
	Reads int
}

// DefaultHeavyLane is the lane unless the environment says otherwise (HeavyLaneFromEnv):
// heavy from complexity 20,000, a fifth of the default limit (about 200 ms of Neo4j time at
// most, by the estimate's unit) and above every operation of the explorer, the dashboards'
// examples and the client tests (TestOwnQueriesAreWithinTheLimit; the costliest, the
// explorer's neighbourhood, is 13,001); one heavy request running per two cores, and one
// read, so that they keep at most one core of Neo4j's busy; 32 waiting.
var DefaultHeavyLane = HeavyLane{Complexity: 20000, Concurrent: max(1, runtime.GOMAXPROCS(0)/2), Queue: 32, Reads: max(1, runtime.GOMAXPROCS(0)/2)}

// HeavyLaneFromEnv reads the lane from the environment: HEAVY_COMPLEXITY, HEAVY_MAX_CONCURRENT,
// HEAVY_QUEUE and HEAVY_MAX_READS. Unset variables keep DefaultHeavyLane's values;
// HEAVY_COMPLEXITY=0 switches the lane off, HEAVY_MAX_READS=0 the bound on its reads.
func HeavyLaneFromEnv(getenv func(string) string) (HeavyLane, error) {
	l := DefaultHeavyLane
	e := envReader{getenv: getenv}
	e.num("HEAVY_COMPLEXITY", &l.Complexity)
	e.num("HEAVY_MAX_CONCURRENT", &l.Concurrent)
	e.num("HEAVY_QUEUE", &l.Queue)
	e.num("HEAVY_MAX_READS", &l.Reads)
	if l.Complexity > 0 && l.Concurrent < 1 {
		e.errs = append(e.errs, "HEAVY_MAX_CONCURRENT must be at least 1 (HEAVY_COMPLEXITY=0 lets heavy requests run as any other)")
	}
	return l, e.err()
}

// LogValue lists the lane for the start-up log.
func (l HeavyLane) LogValue() slog.Value {
	return slog.GroupValue(
		slog.Int("HEAVY_COMPLEXITY", l.Complexity),
		slog.Int("HEAVY_MAX_CONCURRENT", l.Concurrent),
		slog.Int("HEAVY_QUEUE", l.Queue),
		slog.Int("HEAVY_MAX_READS", l.Reads),
	)
}

// WithHeavyLane replaces DefaultHeavyLane.
func WithHeavyLane(l HeavyLane) Option { return func(o *options) { o.heavy = l } }

// heavyLane is the lane of l in front of next, which takes the admission slots (admit); heavy
// requests wait there for their turn, within limit, and light ones pass.
func heavyLane(l HeavyLane, limit time.Duration, obs Observer, next http.Handler) http.Handler {
	if l.Complexity <= 0 {
		return next
	}
	turns := semaphore.NewWeighted(int64(max(l.Concurrent, 1)))
	var reads *aspnet.Share
	if l.Reads > 0 {
		reads = aspnet.NewShare(l.Reads)
	}
	var waiting atomic.Int64
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		req, _ := r.Context().Value(requestKey{}).(*request)
		if req == nil || req.complexity < l.Complexity {
			next.ServeHTTP(w, r)
			return
		}
		ctx, cancel := context.WithTimeout(r.Context(), limit)
		defer cancel()
		if !turns.TryAcquire(1) {
			if waiting.Add(1) > int64(l.Queue) {
				waiting.Add(-1)
				serviceBusy(w, fmt.Sprintf("the service is busy with costly requests: %d of complexity %d or more are running and %d waiting, and this one's is %d; try again, or ask for less at once", l.Concurrent, l.Complexity, l.Queue, req.complexity))
				return
			}
			if obs != nil {
				obs.Waiting(1)
			}
			err := turns.Acquire(ctx, 1)
			waiting.Add(-1)
			if obs != nil {
				obs.Waiting(-1)
			}
			if err != nil {
				if r.Context().Err() == nil {
					serviceBusy(w, fmt.Sprintf("the service is busy with costly requests: %d of complexity %d or more are running, and this one (%d) waited %s, its time limit, for its turn; try again, or ask for less at once", l.Concurrent, l.Complexity, req.complexity, limit))
				}
				return
			}
		}
		if reads != nil {
			ctx = aspnet.WithShare(ctx, reads)
		}
		holdAnswer(w, func(w http.ResponseWriter) {
			defer turns.Release(1)
			next.ServeHTTP(w, r.WithContext(ctx))
		})
	})
}

// persistedTexts finds the text of an operation sent by its hash alone: on the allow-list,
// or in the cache of automatic persisted queries.
type persistedTexts struct {
	allow *AllowList
	apq   graphql.Cache[string]
}

// complexity is the estimated cost of an operation sent by its hash alone, for the heavy
// lane, which needs it before gqlgen finds the text: a text the limits refuse counts as
// heavy (gqlgen refuses it in turn), an unknown hash as nothing (gqlgen asks for the text).
func (p persistedTexts) complexity(ctx context.Context, es graphql.ExecutableSchema, l Limits, params graphql.RawParams) int {
	pq, _ := params.Extensions["persistedQuery"].(map[string]any)
	hash, _ := pq["sha256Hash"].(string)
	var text string
	var ok bool
	switch {
	case p.allow != nil:
		text, ok = p.allow.byHash[hash]
	case p.apq != nil:
		text, ok = p.apq.Get(ctx, hash)
	}
	if !ok {
		return 0
	}
	c, refused := precheck(ctx, es, l, text, params.OperationName, params.Variables)
	if len(refused) > 0 {
		return countCap
	}
	return c.complexity
}

// heldAnswer is a response kept in memory until its operation's slot is released. Its
// header is the real response's, which is not sent before WriteHeader.
type heldAnswer struct {
	header http.Header
	code   int
	wrote  bool
	body   bytes.Buffer
}

func (a *heldAnswer) Header() http.Header { return a.header }

func (a *heldAnswer) WriteHeader(code int) {
	if !a.wrote {
		a.code, a.wrote = code, true
	}
}

func (a *heldAnswer) Write(b []byte) (int, error) {
	a.wrote = true
	return a.body.Write(b)
}

// timedOut reports whether err is a read that passed its deadline.
func timedOut(err error) bool {
	var ne net.Error
	return errors.As(err, &ne) && ne.Timeout()
}

// bodyTimeout answers a request whose body did not arrive in time (LimitBody): HTTP 408 and
// TIMEOUT, and the connection is closed.
func bodyTimeout(w http.ResponseWriter) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Connection", "close")
	w.WriteHeader(http.StatusRequestTimeout)
	_, _ = io.WriteString(w, `{"errors":[{"message":"the request body did not arrive within the server's read timeout","extensions":{"code":"TIMEOUT"}}]}`+"\n")
}

// Request bodies wait in memory while they arrive, for up to the server's read timeout: 200
// stalled bodies of 1 MB held some 250 MiB. Bodies of up to freeBody bytes (every query a
// client writes by hand or a dashboard sends) are read freely; larger ones share largeBodies
// bytes, taken for the body's announced length (or, for a body of unknown length, the body
// limit once it passes freeBody), while they arrive. A large body that does not fit is refused
// at once, HTTP 503 with Retry-After, without being read. The budget is 32 MiB, for 32 bodies
// of a megabyte at once: the memory of live bodies is doubled by the garbage collector's
// headroom, and with 64 MiB 200 stalled half-bodies grew the service by 60 MiB.
const (
	freeBody        = 64 << 10
	largeBodyBudget = 32 << 20
)

var largeBodies = semaphore.NewWeighted(largeBodyBudget)

var errBodyBudget = errors.New("the budget of large request bodies is spent")

// reserveBody takes a body's share of the budget when its announced length is over freeBody.
func reserveBody(length, limit int64) (release func(), ok bool) {
	if length <= freeBody {
		return func() {}, true
	}
	n := min(length, limit)
	if !largeBodies.TryAcquire(n) {
		return nil, false
	}
	return func() { largeBodies.Release(n) }, true
}

// readBody reads up to limit+1 bytes of a body. One of unknown length (length < 0) past
// freeBody takes the body limit from the budget while the rest arrives, or ends with
// errBodyBudget.
func readBody(body io.Reader, length, limit int64) ([]byte, error) {
	if length >= 0 {
		return readChunks(io.LimitReader(body, limit+1), length)
	}
	head, err := readChunks(io.LimitReader(body, freeBody+1), -1)
	if err != nil || int64(len(head)) <= freeBody {
		return head, err
	}
	if !largeBodies.TryAcquire(limit) {
		return nil, errBodyBudget
	}
	defer largeBodies.Release(limit)
	rest, err := readChunks(io.LimitReader(body, limit+1-int64(len(head))), -1)
	return append(head, rest...), err
}

// bodyChunk is the most readChunks allocates at once.
const bodyChunk = 64 << 10

// readChunks reads r to its end in chunks of bodyChunk bytes (the first no larger than the
// length announced, when one is), and joins them at the end: while a body arrives it holds
// the memory of what has arrived, where io.ReadAll doubles its buffer as it goes and leaves
// up to as much again unused, and as much garbage (200 stalled bodies of 512 KiB grew the
// service's memory by 63 MiB with it).
func readChunks(r io.Reader, length int64) ([]byte, error) {
	size := bodyChunk
	if length >= 0 && length < bodyChunk {
		size = int(length) + 1 // one more, to meet the end
	}
	var chunks [][]byte
	for {
		c := make([]byte, size)
		n, err := io.ReadFull(r, c)
		chunks = append(chunks, c[:n])
		if err == io.EOF || err == io.ErrUnexpectedEOF {
			break
		}
		if err != nil {
			return bytes.Join(chunks, nil), err
		}
		size = bodyChunk
	}
	if len(chunks) == 1 {
		return chunks[0], nil
	}
	return bytes.Join(chunks, nil), nil
}

// bodyBudgetFull refuses a large body that does not fit the budget.
func bodyBudgetFull(w http.ResponseWriter) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Retry-After", "1")
	w.Header().Set("Connection", "close")
	w.WriteHeader(http.StatusServiceUnavailable)
	_, _ = io.WriteString(w, `{"errors":[{"message":"the service is receiving too many large request bodies at once; try again","extensions":{"code":"SERVICE_UNAVAILABLE"}}]}`+"\n")
}
