package graph

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// waitCounter is an Observer that counts the requests waiting for an admission slot.
type waitCounter struct{ n atomic.Int64 }

func (*waitCounter) Operation(context.Context, Operation) {}
func (w *waitCounter) Waiting(delta int)                  { w.n.Add(int64(delta)) }

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
	m := new(waitCounter)
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
	for func() bool { mu.Lock(); defer mu.Unlock(); return running < 2 }() {
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
	for m.n.Load() < 1 {
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
	if w := m.n.Load(); w != 0 {
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

// stalledWriter is a response whose Write blocks until released: a client that stopped
// reading its answer.
type stalledWriter struct {
	header  http.Header
	writing chan struct{}
	release chan struct{}
}

func (s *stalledWriter) Header() http.Header { return s.header }
func (s *stalledWriter) WriteHeader(int)     {}
func (s *stalledWriter) Write(b []byte) (int, error) {
	close(s.writing)
	<-s.release
	return len(b), nil
}

// TestAdmitReleasesBeforeWriting: with a bound of 1, a request whose client does not read its
// answer (the write blocks) holds no slot while the answer waits to be written; the next
// request runs at once, and both answers are written whole.
func TestAdmitReleasesBeforeWriting(t *testing.T) {
	runs := 0
	next := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		runs++
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusCreated)
		_, _ = w.Write([]byte(`{"data":`))
		_, _ = w.Write([]byte(`{}}`))
	})
	h := admit(1, time.Second, new(waitCounter), next)
	stalled := &stalledWriter{header: http.Header{}, writing: make(chan struct{}), release: make(chan struct{})}
	done := make(chan struct{})
	go func() {
		defer close(done)
		h.ServeHTTP(stalled, httptest.NewRequest(http.MethodPost, "/query", strings.NewReader(`{}`)))
	}()
	<-stalled.writing
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodPost, "/query", strings.NewReader(`{}`)))
	if rec.Code != http.StatusCreated || rec.Body.String() != `{"data":{}}` || rec.Header().Get("Content-Type") != "application/json" {
		t.Errorf("while another answer stalls: HTTP %d %q %v; want 201 and the whole answer", rec.Code, rec.Body, rec.Header())
	}
	close(stalled.release)
	<-done
	if runs != 2 {
		t.Errorf("%d requests ran, want 2", runs)
	}
}

// TestLargeBodiesShareABudget: bodies over 64 KiB take their length from a 64 MiB budget
// while they arrive, and one that does not fit is refused; small bodies never wait for it.
func TestLargeBodiesShareABudget(t *testing.T) {
	const mb = 1 << 20
	var releases []func()
	for i := range largeBodyBudget / mb {
		release, ok := reserveBody(mb, mb)
		if !ok {
			t.Fatalf("body %d of 1 MiB refused before the budget was spent", i)
		}
		releases = append(releases, release)
	}
	if _, ok := reserveBody(mb, mb); ok {
		t.Error("a 1 MiB body fitted a spent budget")
	}
	if _, ok := reserveBody(freeBody, mb); !ok {
		t.Error("a small body was refused while the budget was spent")
	}
	if _, err := readBody(strings.NewReader(strings.Repeat("x", freeBody+1)), -1, mb); err != errBodyBudget {
		t.Errorf("a large body of unknown length while the budget was spent: %v", err)
	}
	for _, r := range releases {
		r()
	}
	if release, ok := reserveBody(mb, mb); !ok {
		t.Error("the budget was not given back")
	} else {
		release()
	}
	if b, err := readBody(strings.NewReader(strings.Repeat("x", freeBody+1)), -1, mb); err != nil || len(b) != freeBody+1 {
		t.Errorf("a large body of unknown length: %d bytes, %v", len(b), err)
	}
}
