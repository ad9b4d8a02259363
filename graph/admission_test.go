package graph

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/testutil"
)

// TestAdmitBoundsRequestsInFlight: with a bound of 2, a third request waits until one of the
// two running ends, and runs then; one that waits past its time limit is refused with 503 and
// SERVICE_UNAVAILABLE without running.
func TestAdmitBoundsRequestsInFlight(t *testing.T) {
	release := make(chan struct{})
	var mu sync.Mutex
	running, most, ran := 0, 0, 0
	next := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		running++
		ran++
		most = max(most, running)
		mu.Unlock()
		if r.Header.Get("X-Hold") != "" {
			<-release
		}
		mu.Lock()
		running--
		mu.Unlock()
		w.WriteHeader(http.StatusOK)
	})
	m := NewMetrics(prometheus.NewRegistry())
	h := admit(2, 300*time.Millisecond, m, next)
	send := func(hold bool) *httptest.ResponseRecorder {
		req := httptest.NewRequest(http.MethodPost, "/query", strings.NewReader(`{}`))
		if hold {
			req.Header.Set("X-Hold", "1")
		}
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		return rec
	}
	var wg sync.WaitGroup
	codes := make([]int, 3)
	for i := range 2 {
		wg.Go(func() { codes[i] = send(true).Code })
	}
	for m.waiting != nil && func() bool { mu.Lock(); defer mu.Unlock(); return running < 2 }() {
		time.Sleep(time.Millisecond)
	}
	// Both slots are taken: this one waits its whole time limit and is refused.
	refused := send(false)
	if refused.Code != http.StatusServiceUnavailable || refused.Header().Get("Retry-After") == "" {
		t.Fatalf("while full: HTTP %d, Retry-After %q; want 503 with Retry-After", refused.Code, refused.Header().Get("Retry-After"))
	}
	var body struct {
		Errors []struct {
			Message    string
			Extensions map[string]any
		}
	}
	if err := json.Unmarshal(refused.Body.Bytes(), &body); err != nil || len(body.Errors) != 1 ||
		body.Errors[0].Extensions["code"] != "SERVICE_UNAVAILABLE" || !strings.Contains(body.Errors[0].Message, "busy") {
		t.Fatalf("refusal body: %s (%v)", refused.Body, err)
	}
	// This one waits, and runs once a slot frees.
	wg.Go(func() { codes[2] = send(false).Code })
	for testutil.ToFloat64(m.waiting) < 1 {
		time.Sleep(time.Millisecond)
	}
	close(release)
	wg.Wait()
	for i, c := range codes {
		if c != http.StatusOK {
			t.Errorf("request %d: HTTP %d, want 200", i, c)
		}
	}
	if most != 2 || ran != 3 {
		t.Errorf("at most %d ran at once and %d ran in all; want 2 and 3 (the refused one never runs)", most, ran)
	}
	if w := testutil.ToFloat64(m.waiting); w != 0 {
		t.Errorf("waiting gauge %v after all ended, want 0", w)
	}
}

// TestAdmitUnbounded: a bound of 0 adds nothing.
func TestAdmitUnbounded(t *testing.T) {
	next := http.HandlerFunc(func(http.ResponseWriter, *http.Request) {})
	if h := admit(0, time.Second, nil, next); h == nil {
		t.Fatal("nil handler")
	} else if _, ok := h.(http.HandlerFunc); !ok {
		t.Fatalf("unbounded admit wrapped the handler in %T", h)
	}
}
