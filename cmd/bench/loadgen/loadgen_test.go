package loadgen_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/aspgraph/aspgraph/cmd/bench/loadgen"
)

func TestPercentile(t *testing.T) {
	ms := func(ns ...int) []time.Duration {
		out := make([]time.Duration, len(ns))
		for i, n := range ns {
			out[i] = time.Duration(n) * time.Millisecond
		}
		return out
	}
	hundred := make([]int, 100)
	for i := range hundred {
		hundred[i] = i + 1
	}
	tests := []struct {
		name   string
		sorted []time.Duration
		p      float64
		want   time.Duration
	}{
		{"Empty", nil, 50, 0},
		{"One", ms(7), 99, 7 * time.Millisecond},
		{"MedianOfOdd", ms(1, 2, 3, 4, 5), 50, 3 * time.Millisecond},
		{"P50OfHundred", ms(hundred...), 50, 50 * time.Millisecond},
		{"P99OfHundred", ms(hundred...), 99, 99 * time.Millisecond},
		{"P100IsMax", ms(hundred...), 100, 100 * time.Millisecond},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := loadgen.Percentile(tt.sorted, tt.p); got != tt.want {
				t.Errorf("Percentile(p%v) = %v, want %v", tt.p, got, tt.want)
			}
		})
	}
}

func TestRun(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/bad" {
			_, _ = w.Write([]byte(`{"errors":[{"message":"no"}]}`))
			return
		}
		_, _ = w.Write([]byte(`{"data":{}}`))
	}))
	defer srv.Close()
	t.Run("BoundedByCount", func(t *testing.T) {
		r := loadgen.Run(context.Background(), srv.Client(), srv.URL, []byte(`{}`), 4, 5*time.Second, 50)
		if r.Requests != 50 || r.Errors != 0 || len(r.Latencies) != 50 || r.Throughput() <= 0 {
			t.Fatalf("requests %d, errors %d, latencies %d", r.Requests, r.Errors, len(r.Latencies))
		}
	})
	t.Run("CountsGraphQLErrors", func(t *testing.T) {
		r := loadgen.Run(context.Background(), srv.Client(), srv.URL+"/bad", []byte(`{}`), 2, 5*time.Second, 10)
		if r.Errors != 10 {
			t.Fatalf("errors %d, want 10", r.Errors)
		}
	})
}

func TestRunWaitsForSlowRequests(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		time.Sleep(100 * time.Millisecond)
		_, _ = w.Write([]byte(`{"data":{}}`))
	}))
	defer srv.Close()
	r := loadgen.Run(context.Background(), srv.Client(), srv.URL, []byte(`{}`), 3, 10*time.Millisecond, 100)
	if r.Requests != 3 || r.Elapsed < 100*time.Millisecond {
		t.Fatalf("requests %d in %v, want the 3 in flight at the end, measured", r.Requests, r.Elapsed)
	}
}
