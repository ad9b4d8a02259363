// Package loadgen drives load at an HTTP endpoint: a fixed number of workers post one body
// again and again for a bounded time and count, and every latency is kept for percentiles.
// Standard library only.
package loadgen

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"slices"
	"sync"
	"sync/atomic"
	"time"
)

// Result is what one run measured.
type Result struct {
	// Requests counts the requests that completed, Errors those among them that failed (a
	// status other than 200, a transport error, or a GraphQL "errors" member).
	Requests, Errors int
	Elapsed          time.Duration
	// Latencies holds every completed request's latency, sorted.
	Latencies []time.Duration
}

// Throughput is completed requests per second.
func (r Result) Throughput() float64 {
	if r.Elapsed <= 0 {
		return 0
	}
	return float64(r.Requests) / r.Elapsed.Seconds()
}

// Percentile returns the p-th percentile (0 < p <= 100) of sorted latencies by the
// nearest-rank method; zero when there are none.
func Percentile(sorted []time.Duration, p float64) time.Duration {
	n := len(sorted)
	if n == 0 {
		return 0
	}
	rank := int(p/100*float64(n) + 0.999999999)
	rank = min(max(rank, 1), n)
	return sorted[rank-1]
}

// Run posts body to url with concurrency workers until d has passed or maxRequests have been
// sent, whichever comes first, and reports what it measured. Past d no request is sent, and
// those in flight are waited for (up to the client's timeout), so that requests slower than d
// are still measured; Elapsed runs until the last one ends.
func Run(ctx context.Context, client *http.Client, url string, body []byte, concurrency int, d time.Duration, maxRequests int) Result {
	var sent atomic.Int64
	var mu sync.Mutex
	var res Result
	var wg sync.WaitGroup
	start := time.Now()
	deadline := start.Add(d)
	for range concurrency {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var lat []time.Duration
			errs := 0
			for ctx.Err() == nil && time.Now().Before(deadline) && sent.Add(1) <= int64(maxRequests) {
				t0 := time.Now()
				ok, err := Post(ctx, client, url, body)
				if ctx.Err() != nil && err != nil {
					break // cancelled: not a measurement
				}
				lat = append(lat, time.Since(t0))
				if !ok {
					errs++
				}
			}
			mu.Lock()
			res.Latencies = append(res.Latencies, lat...)
			res.Errors += errs
			mu.Unlock()
		}()
	}
	wg.Wait()
	res.Elapsed = time.Since(start)
	res.Requests = len(res.Latencies)
	slices.Sort(res.Latencies)
	return res
}

var errorsMember = []byte(`"errors"`)

// Post sends one GraphQL request and reads the whole answer. ok is false for a failed request.
func Post(ctx context.Context, client *http.Client, url string, body []byte) (ok bool, err error) {
	b, status, err := Do(ctx, client, url, body)
	if err != nil {
		return false, err
	}
	return status == http.StatusOK && !bytes.Contains(b, errorsMember), nil
}

// Do posts body as JSON and returns the answer's body and status.
func Do(ctx context.Context, client *http.Client, url string, body []byte) ([]byte, int, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, url, bytes.NewReader(body))
	if err != nil {
		return nil, 0, err
	}
	req.Header.Set("Content-Type", "application/json")
	resp, err := client.Do(req)
	if err != nil {
		return nil, 0, err
	}
	defer func() { _ = resp.Body.Close() }()
	b, err := io.ReadAll(resp.Body)
	return b, resp.StatusCode, err
}
