package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
)

// honestQuery is the honest client's simple query, as a dashboard sends it.
const honestQuery = `{"query":"query KeyAreas { keyAreas { id name } }"}`

// honestRate is how many requests per second the honest client sends.
const honestRate = 20

// honestRun is what the honest client saw while it ran.
type honestRun struct {
	latencies []time.Duration
	errors    map[string]int // answer -> count, for every answer that was not data
}

func (h honestRun) p(q float64) time.Duration {
	if len(h.latencies) == 0 {
		return 0
	}
	s := slices.Clone(h.latencies)
	slices.Sort(s)
	return s[min(len(s)-1, int(q*float64(len(s))))]
}

func (h honestRun) failed() int {
	n := 0
	for _, c := range h.errors {
		n += c
	}
	return n
}

// honest sends honestQuery from 127.0.0.1 at honestRate until ctx ends, each request
// timed from when it was due (so that a stalled service counts its queue, not only its
// answers), and returns what it saw.
func honest(ctx context.Context, base string) honestRun {
	c := clientFrom("127.0.0.1", 15*time.Second)
	var mu sync.Mutex
	run := honestRun{errors: map[string]int{}}
	var wg sync.WaitGroup
	tick := time.NewTicker(time.Second / honestRate)
	defer tick.Stop()
	for {
		select {
		case <-ctx.Done():
			wg.Wait()
			return run
		case due := <-tick.C:
			wg.Go(func() {
				ans, _ := post(context.Background(), c, base+"/query", []byte(honestQuery), nil)
				took := time.Since(due)
				mu.Lock()
				defer mu.Unlock()
				run.latencies = append(run.latencies, took)
				if ans != "200 data" {
					run.errors[ans]++
				}
			})
		}
	}
}

// post sends a GraphQL body and classifies the answer: "STATUS CODE" with the first error's
// extensions.code, "STATUS data" for an answer without errors, or what went wrong on the wire.
func post(ctx context.Context, c *http.Client, url string, body []byte, hdr map[string]string) (string, []byte) {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, url, bytes.NewReader(body))
	if err != nil {
		return "no request", nil
	}
	req.Header.Set("Content-Type", "application/json")
	for k, v := range hdr {
		req.Header.Set(k, v)
	}
	resp, err := c.Do(req)
	if err != nil {
		return wireError(err), nil
	}
	defer func() { _ = resp.Body.Close() }()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		return strconv.Itoa(resp.StatusCode) + " " + wireError(err), nil
	}
	return classify(resp.StatusCode, b), b
}

// classify names an answer by its status and first error code.
func classify(status int, body []byte) string {
	var r struct {
		Data   json.RawMessage `json:"data"`
		Errors []struct {
			Extensions map[string]any `json:"extensions"`
		} `json:"errors"`
	}
	s := strconv.Itoa(status)
	if json.Unmarshal(body, &r) != nil {
		if len(body) == 0 {
			return s + " empty"
		}
		return s + " not JSON"
	}
	if len(r.Errors) == 0 {
		return s + " data"
	}
	if code, ok := r.Errors[0].Extensions["code"].(string); ok {
		return s + " " + code
	}
	return s + " error without code"
}

func wireError(err error) string {
	switch msg := err.Error(); {
	case strings.Contains(msg, "connection refused"):
		return "connection refused"
	case strings.Contains(msg, "reset"):
		return "connection reset"
	case strings.Contains(msg, "EOF"):
		return "closed (EOF)"
	case strings.Contains(msg, "Timeout"), strings.Contains(msg, "deadline"):
		return "client timeout"
	default:
		return "wire error"
	}
}
