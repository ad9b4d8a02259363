package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/aspgraph/aspgraph/aspnet"
	"github.com/aspgraph/aspgraph/auth"
	"github.com/aspgraph/aspgraph/data"
	"github.com/aspgraph/aspgraph/httpapi"
	"github.com/aspgraph/aspgraph/neo4jstore/neo4jtest"
)

// TestServeRefusesUntilLoaded starts the service on an empty database and fires reads and
// writes at it from the first millisecond, before it listens and while it loads the knowledge
// graph: every answer is either SERVICE_UNAVAILABLE with Retry-After (or no connection yet)
// or the loaded graph's correct answer; /healthz answers throughout and /readyz is not ready
// until the graph is loaded. A write that names Kazakhstan, Almaty and a new school, sent
// over and over, leaves one Country Kazakhstan, one City Almaty, one such school, and no
// other duplicate name.
func TestServeRefusesUntilLoaded(t *testing.T) {
	store := neo4jtest.Open(t)
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	if err := store.DeleteEverything(ctx); err != nil {
		t.Fatal(err)
	}
	d, err := data.Read(data.Files)
	if err != nil {
		t.Fatal(err)
	}
	var wantKeyAreas []string
	for _, k := range d.KeyAreas {
		wantKeyAreas = append(wantKeyAreas, k.Name)
	}
	sort.Strings(wantKeyAreas)

	port := freePort(t)
	secret := "0123456789abcdef0123456789abcdef-startup"
	t.Setenv("PORT", strconv.Itoa(port))
	t.Setenv("METRICS_ADDR", httpapi.MetricsOff)
	t.Setenv("JWT_SECRET", secret)
	t.Setenv("REQUEST_TIMEOUT", "1m") // a shared machine can be slow to plan a first write
	token, err := auth.MintToken([]byte(secret), "startup-test", []string{aspnet.RoleEditor}, time.Hour, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	base := "http://127.0.0.1:" + strconv.Itoa(port)

	// The clients start before the service does.
	var (
		mu       sync.Mutex
		problems []string
		refused  = map[string]int{} // SERVICE_UNAVAILABLE answers, by kind of request
		answered = map[string]int{} // correct answers from the loaded graph
		noConn   atomic.Int64
		ready    atomic.Bool // /readyz has answered 200
	)
	problem := func(format string, args ...any) {
		mu.Lock()
		defer mu.Unlock()
		if len(problems) < 20 {
			problems = append(problems, fmt.Sprintf(format, args...))
		}
	}
	client := &http.Client{Timeout: 30 * time.Second}
	post := func(body, auth string) (*http.Response, []byte, error) {
		req, _ := http.NewRequest(http.MethodPost, base+"/query", strings.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		if auth != "" {
			req.Header.Set("Authorization", "Bearer "+auth)
		}
		resp, err := client.Do(req)
		if err != nil {
			return nil, nil, err
		}
		defer func() { _ = resp.Body.Close() }()
		b, err := io.ReadAll(resp.Body)
		return resp, b, err
	}
	type gqlAnswer struct {
		Data   json.RawMessage
		Errors []struct {
			Message    string
			Extensions map[string]any
		}
	}
	// judge sorts one answer: refused while starting, or correct by check.
	judge := func(kind string, resp *http.Response, b []byte, err error, check func(json.RawMessage) string) {
		if err != nil {
			if errors.Is(err, syscall.ECONNREFUSED) && !ready.Load() {
				noConn.Add(1) // not listening yet
				return
			}
			problem("%s: %v", kind, err)
			return
		}
		var a gqlAnswer
		if jerr := json.Unmarshal(b, &a); jerr != nil {
			problem("%s: HTTP %d, not JSON: %.300s", kind, resp.StatusCode, b)
			return
		}
		if len(a.Errors) > 0 {
			code, _ := a.Errors[0].Extensions["code"].(string)
			if code == "SERVICE_UNAVAILABLE" && resp.StatusCode == http.StatusServiceUnavailable && resp.Header.Get("Retry-After") != "" {
				mu.Lock()
				refused[kind]++
				mu.Unlock()
				return
			}
			problem("%s: HTTP %d (Retry-After %q): %.300s", kind, resp.StatusCode, resp.Header.Get("Retry-After"), b)
			return
		}
		if msg := check(a.Data); msg != "" {
			problem("%s: wrong answer from a graph not loaded: %s: %.300s", kind, msg, b)
			return
		}
		mu.Lock()
		answered[kind]++
		mu.Unlock()
	}
	read := func() {
		resp, b, err := post(`{"query":"{ keyAreas { name } countries { name } }"}`, "")
		judge("read", resp, b, err, func(data json.RawMessage) string {
			var v struct {
				KeyAreas  []struct{ Name string }
				Countries []struct{ Name string }
			}
			if err := json.Unmarshal(data, &v); err != nil {
				return err.Error()
			}
			var got []string
			for _, k := range v.KeyAreas {
				got = append(got, k.Name)
			}
			sort.Strings(got)
			if strings.Join(got, "|") != strings.Join(wantKeyAreas, "|") {
				return "key areas " + strings.Join(got, ", ")
			}
			for _, c := range v.Countries {
				if c.Name == "Kazakhstan" {
					return ""
				}
			}
			return "no Kazakhstan among the countries"
		})
	}
	write := func() {
		resp, b, err := post(`{"query":"mutation { createSchool(input: {name: \"Startup Probe School\", cityName: \"Almaty\", countryName: \"Kazakhstan\", source: \"https://example.org/startup-probe\"}) { id name } }"}`, token)
		judge("write", resp, b, err, func(data json.RawMessage) string {
			var v struct{ CreateSchool struct{ ID, Name string } }
			if err := json.Unmarshal(data, &v); err != nil {
				return err.Error()
			}
			if v.CreateSchool.ID == "" || v.CreateSchool.Name != "Startup Probe School" {
				return "no school"
			}
			return ""
		})
	}
	probes := func() {
		if resp, err := client.Get(base + "/healthz"); err == nil {
			_ = resp.Body.Close()
			if resp.StatusCode != http.StatusOK {
				problem("/healthz: HTTP %d", resp.StatusCode)
			}
		}
		resp, err := client.Get(base + "/readyz")
		if err != nil {
			return
		}
		_ = resp.Body.Close()
		switch resp.StatusCode {
		case http.StatusOK:
			ready.Store(true)
		case http.StatusServiceUnavailable:
			mu.Lock()
			refused["readyz"]++
			mu.Unlock()
		default:
			problem("/readyz: HTTP %d", resp.StatusCode)
		}
	}

	stop := make(chan struct{})
	var clients sync.WaitGroup
	for i, f := range []func(){read, read, write, write, probes} {
		clients.Go(func() {
			for n := 0; ; n++ {
				select {
				case <-stop:
					return
				default:
				}
				f()
				if i == 4 {
					time.Sleep(10 * time.Millisecond) // probes, as an orchestrator's but often
				} else if n > 0 {
					time.Sleep(time.Millisecond)
				}
			}
		})
	}

	done := serveInBackground(ctx, slog.New(slog.NewTextHandler(&testLog{t}, &slog.HandlerOptions{Level: slog.LevelWarn})))
	deadline := time.After(2 * time.Minute)
	for !ready.Load() {
		select {
		case code := <-done:
			close(stop)
			clients.Wait()
			t.Fatalf("serve exited %d before it was ready", code)
		case <-deadline:
			close(stop)
			clients.Wait()
			t.Fatal("the service was not ready within 2 minutes")
		case <-time.After(20 * time.Millisecond):
		}
	}
	// Once ready, every kind of request is answered from the loaded graph.
	for {
		mu.Lock()
		n := min(answered["read"], answered["write"])
		mu.Unlock()
		if n >= 20 {
			break
		}
		select {
		case <-deadline:
			t.Fatal("reads and writes were not answered within 2 minutes")
		case <-time.After(20 * time.Millisecond):
		}
	}
	close(stop)
	clients.Wait()
	cancel()
	if code := <-done; code != 0 {
		t.Errorf("serve exited %d", code)
	}

	t.Logf("while starting: %d requests found no listener, refused %v; answered %v", noConn.Load(), refused, answered)
	for _, p := range problems {
		t.Error(p)
	}
	if refused["read"] == 0 || refused["write"] == 0 || refused["readyz"] == 0 {
		t.Errorf("no read, write or /readyz met the start-up (refused %v): the test did not reach the window it is about", refused)
	}

	// One of each, and no other duplicate name among countries, cities (per country) and
	// schools (per city).
	for what, cypher := range map[string]string{
		"Country Kazakhstan": `MATCH (c:Country) WHERE toLower(c.name) = 'kazakhstan' RETURN count(c)`,
		"City Almaty":        `MATCH (c:City) WHERE toLower(c.name) = 'almaty' RETURN count(c)`,
		"the probe school":   `MATCH (s:School {name: 'Startup Probe School'}) RETURN count(s)`,
	} {
		if n := neo4jtest.Count(t, cypher); n != 1 {
			t.Errorf("%d nodes are %s, want 1", n, what)
		}
	}
	for what, cypher := range map[string]string{
		"countries": `MATCH (c:Country) WITH toLower(trim(c.name)) AS name, count(*) AS n WHERE n > 1 RETURN count(name)`,
		"cities":    `MATCH (c:City) OPTIONAL MATCH (c)-[:IN_COUNTRY]->(k:Country) WITH k, toLower(trim(c.name)) AS name, count(*) AS n WHERE n > 1 RETURN count(name)`,
		"schools":   `MATCH (s:School) OPTIONAL MATCH (s)-[:IN_CITY]->(c:City) WITH c, toLower(trim(s.name)) AS name, count(*) AS n WHERE n > 1 RETURN count(name)`,
	} {
		if n := neo4jtest.Count(t, cypher); n != 0 {
			t.Errorf("%d names of %s are held by more than one node", n, what)
		}
	}
	if t.Failed() {
		return
	}
	// The school written through the API stays; the next tests load the graph again.
}

// testLog writes the service's warnings and errors to the test's log.
type testLog struct{ t *testing.T }

func (l *testLog) Write(b []byte) (int, error) {
	l.t.Log(strings.TrimSpace(string(b)))
	return len(b), nil
}
