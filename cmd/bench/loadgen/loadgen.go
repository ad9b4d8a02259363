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

// Throughput is successful requests per second: failed ones do not count.
func (r Result) Throughput() float64 {
	if r.Elapsed <= 0 {
		return 0
	}
	return float64(r.Requests-r.Errors) / r.Elapsed.Seconds()
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
	return RunTarget(ctx, client, Target{URL: url, Body: func(int64) []byte { return body }}, concurrency, d, maxRequests)
}

// Target is what RunTarget posts: to URL, with Header, the body Body makes for the n-th
// request (n counts from 1 over the run), so that writes can differ from one request to the
// next.
type Target struct {
	URL    string
	Header http.Header
	Body   func(n int64) []byte
}

// RunTarget is Run for a Target.
func RunTarget(ctx context.Context, client *http.Client, t Target, concurrency int, d time.Duration, maxRequests int) Result {
	return RunFunc(ctx, concurrency, d, maxRequests, func(ctx context.Context, n int64) bool {
		ok, _ := PostWith(ctx, client, t.URL, t.Header, t.Body(n))
		return ok
	})
}

// RunFunc calls do with concurrency workers, as Run posts, and measures each call; do reports
// whether the call succeeded. Calls cut short by ctx are not measured.
func RunFunc(ctx context.Context, concurrency int, d time.Duration, maxRequests int, do func(ctx context.Context, n int64) bool) Result {
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
			for ctx.Err() == nil && time.Now().Before(deadline) {
				n := sent.Add(1)
				if n > int64(maxRequests) {
					break
				}
				t0 := time.Now()
				ok := do(ctx, n)
				if ctx.Err() != nil && !ok {
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
	return PostWith(ctx, client, url, nil, body)
}

// PostWith is Post with extra request headers.
func PostWith(ctx context.Context, client *http.Client, url string, header http.Header, body []byte) (ok bool, err error) {
	b, status, err := DoWith(ctx, client, url, header, body)
	if err != nil {
		return false, err
	}
	return status == http.StatusOK && !bytes.Contains(b, errorsMember), nil
}

// Do posts body as JSON and returns the answer's body and status.
func Do(ctx context.Context, client *http.Client, url string, body []byte) ([]byte, int, error) {
	return DoWith(ctx, client, url, nil, body)
}

// DoWith is Do with extra request headers.
func DoWith(ctx context.Context, client *http.Client, url string, header http.Header, body []byte) ([]byte, int, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, url, bytes.NewReader(body))
	if err != nil {
		return nil, 0, err
	}
	for k, vs := range header {
		req.Header[k] = vs
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
