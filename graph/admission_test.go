package graph

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/aspgraph/aspgraph/aspnet"
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

// TestHeavyLaneLeavesRoomForLight: with three admission slots and a lane of one heavy request
// at a time and one waiting, a second heavy request waits, a third is refused at once, light
// requests run meanwhile, and the waiting heavy one runs once the first ends. Heavy requests'
// reads take their turn in the lane's share of one read.
func TestHeavyLaneLeavesRoomForLight(t *testing.T) {
	release := make(chan struct{})
	var mu sync.Mutex
	var order []string
	next := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		name := r.Header.Get("X-Name")
		leave, err := aspnet.EnterShare(r.Context())
		if err != nil {
			t.Errorf("%s: %v", name, err)
			return
		}
		mu.Lock()
		order = append(order, name)
		mu.Unlock()
		if name == "heavy-1" {
			<-release
		}
		leave()
		w.WriteHeader(http.StatusOK)
	})
	m := new(waitCounter)
	h := heavyLane(HeavyLane{Complexity: 100, Concurrent: 1, Queue: 1, Reads: 1}, 5*time.Second, m, admit(3, 5*time.Second, m, next))
	send := func(name string, complexity int) *httptest.ResponseRecorder {
		req := httptest.NewRequest(http.MethodPost, "/query", strings.NewReader(`{}`))
		req = req.WithContext(context.WithValue(req.Context(), requestKey{}, &request{complexity: complexity}))
		req.Header.Set("X-Name", name)
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		return rec
	}
	ran := func(name string) bool {
		mu.Lock()
		defer mu.Unlock()
		return slices.Contains(order, name)
	}
	var wg sync.WaitGroup
	codes := map[string]int{}
	var cmu sync.Mutex
	for _, name := range []string{"heavy-1", "heavy-2"} {
		wg.Go(func() {
			code := send(name, 100).Code
			cmu.Lock()
			codes[name] = code
			cmu.Unlock()
		})
		for name == "heavy-1" && !ran(name) {
			time.Sleep(time.Millisecond)
		}
	}
	for m.n.Load() < 1 {
		time.Sleep(time.Millisecond)
	}
	refused := send("heavy-3", 5000)
	if refused.Code != http.StatusServiceUnavailable || refused.Header().Get("Retry-After") == "" ||
		!strings.Contains(refused.Body.String(), "SERVICE_UNAVAILABLE") || !strings.Contains(refused.Body.String(), "costly") {
		t.Errorf("a heavy request past the queue: HTTP %d, Retry-After %q, %s", refused.Code, refused.Header().Get("Retry-After"), refused.Body)
	}
	for _, name := range []string{"light-1", "light-2"} {
		if rec := send(name, 99); rec.Code != http.StatusOK {
			t.Errorf("%s while the lane is full: HTTP %d", name, rec.Code)
		}
	}
	if ran("heavy-2") {
		t.Error("the second heavy request ran while the first held the lane")
	}
	close(release)
	wg.Wait()
	if codes["heavy-1"] != http.StatusOK || codes["heavy-2"] != http.StatusOK {
		t.Errorf("heavy requests: %v, want 200 each", codes)
	}
	if want := []string{"heavy-1", "light-1", "light-2", "heavy-2"}; !slices.Equal(order, want) {
		t.Errorf("ran %v, want %v", order, want)
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

// TestLargeBodiesShareABudget: bodies over 64 KiB take their length from a 32 MiB budget
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
