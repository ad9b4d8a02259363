package graph

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"time"

	"golang.org/x/sync/semaphore"
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
			w.Header().Set("Content-Type", "application/json")
			w.Header().Set("Retry-After", "1")
			w.WriteHeader(http.StatusServiceUnavailable)
			_, _ = fmt.Fprintf(w, `{"errors":[{"message":"the service is busy: %d requests are running and this one waited %s, its time limit, for its turn; try again","extensions":{"code":"SERVICE_UNAVAILABLE"}}]}`+"\n", n, limit)
			return
		}
		answer := &heldAnswer{header: w.Header(), code: http.StatusOK}
		func() {
			defer sem.Release(1)
			next.ServeHTTP(answer, r.WithContext(ctx))
		}()
		w.WriteHeader(answer.code)
		_, _ = w.Write(answer.body.Bytes())
	})
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
// at once, HTTP 503 with Retry-After, without being read.
const (
	freeBody        = 64 << 10
	largeBodyBudget = 64 << 20
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
		return io.ReadAll(io.LimitReader(body, limit+1))
	}
	head, err := io.ReadAll(io.LimitReader(body, freeBody+1))
	if err != nil || int64(len(head)) <= freeBody {
		return head, err
	}
	if !largeBodies.TryAcquire(limit) {
		return nil, errBodyBudget
	}
	defer largeBodies.Release(limit)
	rest, err := io.ReadAll(io.LimitReader(body, limit+1-int64(len(head))))
	return append(head, rest...), err
}

// bodyBudgetFull refuses a large body that does not fit the budget.
func bodyBudgetFull(w http.ResponseWriter) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Retry-After", "1")
	w.Header().Set("Connection", "close")
	w.WriteHeader(http.StatusServiceUnavailable)
	_, _ = io.WriteString(w, `{"errors":[{"message":"the service is receiving too many large request bodies at once; try again","extensions":{"code":"SERVICE_UNAVAILABLE"}}]}`+"\n")
}
