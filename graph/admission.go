package graph

import (
	"context"
	"fmt"
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
func admit(n int, limit time.Duration, m *Metrics, next http.Handler) http.Handler {
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
		if m != nil {
			m.waiting.Inc()
		}
		err := sem.Acquire(ctx, 1)
		if m != nil {
			m.waiting.Dec()
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
		defer sem.Release(1)
		next.ServeHTTP(w, r.WithContext(ctx))
	})
}
