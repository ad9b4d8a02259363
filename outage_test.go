package main

import (
	"context"
	"encoding/json"
	"log/slog"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/aspgraph/aspgraph/httpapi"
	"github.com/aspgraph/aspgraph/localneo4j"
)

// TestServeSurvivesNeo4jOutages starts the service while its Neo4j is down, then brings a real
// Neo4j up, takes it down and brings it up again: the service never exits, answers
// SERVICE_UNAVAILABLE promptly while Neo4j is away, and recovers by itself.
func TestServeSurvivesNeo4jOutages(t *testing.T) {
	boltPort, httpPort := freePort(t), freePort(t)
	t.Setenv("NEO4J_URI", "bolt://127.0.0.1:"+strconv.Itoa(boltPort))
	t.Setenv("NEO4J_PASSWORD", localneo4j.DefaultPassword)
	t.Setenv("PORT", strconv.Itoa(httpPort))
	t.Setenv("METRICS_ADDR", httpapi.MetricsOff)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	logFile := filepath.Join(t.TempDir(), "aspgraph.log")
	logged, err := os.Create(logFile)
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = logged.Close() }()
	done := serveInBackground(ctx, slog.New(slog.NewJSONHandler(logged, nil)))
	base := "http://127.0.0.1:" + strconv.Itoa(httpPort)

	status := func(path string) int {
		resp, err := http.Get(base + path)
		if err != nil {
			return 0
		}
		_ = resp.Body.Close()
		return resp.StatusCode
	}
	waitFor := func(what string, cond func() bool) {
		t.Helper()
		deadline := time.Now().Add(90 * time.Second)
		for !cond() {
			select {
			case code := <-done:
				t.Fatalf("serve exited %d while waiting for %s", code, what)
			case <-time.After(200 * time.Millisecond):
			}
			if time.Now().After(deadline) {
				t.Fatalf("gave up waiting for %s", what)
			}
		}
	}
	query := func() (code string, took time.Duration) {
		start := time.Now()
		resp, err := http.Post(base+"/query", "application/json", strings.NewReader(`{"query":"{ networks { scope } }"}`))
		if err != nil {
			t.Fatal(err)
		}
		defer func() { _ = resp.Body.Close() }()
		var r struct {
			Data   any
			Errors []struct{ Extensions map[string]any }
		}
		if err := json.NewDecoder(resp.Body).Decode(&r); err != nil {
			t.Fatal(err)
		}
		if len(r.Errors) == 0 {
			return "ok", time.Since(start)
		}
		c, _ := r.Errors[0].Extensions["code"].(string)
		return c, time.Since(start)
	}
	assertUnavailable := func(when string) {
		t.Helper()
		// The first query may be the one that finds Neo4j away; the following ones are
		// refused at once, without trying to connect.
		for i := range 5 {
			code, took := query()
			if code != "SERVICE_UNAVAILABLE" || took > 2*time.Second {
				t.Errorf("%s: query %d answered %s after %v; want SERVICE_UNAVAILABLE within 2 s", when, i, code, took)
			}
			if i > 0 && took > 500*time.Millisecond {
				t.Errorf("%s: query %d took %v once Neo4j was known to be away", when, i, took)
			}
		}
		if s := status("/healthz"); s != http.StatusOK {
			t.Errorf("%s: /healthz %d", when, s)
		}
		if s := status("/readyz"); s != http.StatusServiceUnavailable {
			t.Errorf("%s: /readyz %d, want 503", when, s)
		}
	}

	waitFor("/healthz", func() bool { return status("/healthz") == http.StatusOK })
	assertUnavailable("before Neo4j started")

	dir := t.TempDir()
	startNeo4j := func() *localneo4j.Server {
		t.Helper()
		srv, err := localneo4j.Start(ctx, localneo4j.Options{LauncherDir: "localneo4j/launcher", DataDir: dir, Port: boltPort, NoClassData: true})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { _ = srv.Stop(context.Background()) })
		return srv
	}
	neo := startNeo4j()
	waitFor("ready after Neo4j started", func() bool { return status("/readyz") == http.StatusOK })
	if code, _ := query(); code != "ok" {
		t.Fatalf("after Neo4j started: %s", code)
	}

	if err := neo.Stop(ctx); err != nil {
		t.Fatal(err)
	}
	assertUnavailable("while Neo4j was down")

	startNeo4j()
	back := time.Now()
	waitFor("recovery after Neo4j restarted", func() bool { code, _ := query(); return code == "ok" })
	t.Logf("the service answered again %v after Neo4j was ready", time.Since(back).Round(time.Millisecond))
	// Ready again once Neo4j has planned again what the service had run (see neo4jstore/warm.go).
	waitFor("/readyz after recovery", func() bool { return status("/readyz") == http.StatusOK })

	cancel()
	if code := <-done; code != 0 {
		t.Errorf("serve exited %d", code)
	}

	// Operators see the outage in the log: Neo4j gone, back, and its plans made again.
	log, err := os.ReadFile(logFile)
	if err != nil {
		t.Fatal(err)
	}
	var down, up, planned []map[string]any
	for _, line := range strings.Split(string(log), "\n") {
		var rec map[string]any
		if json.Unmarshal([]byte(line), &rec) != nil {
			continue
		}
		switch rec["msg"] {
		case "graph database unreachable: refusing requests until it answers":
			down = append(down, rec)
		case "graph database answers again":
			up = append(up, rec)
		case "statements planned again":
			planned = append(planned, rec)
		}
	}
	// Before the first load no request reaches the store (the start-up gate refuses them), so
	// the outage the log must show is the restart's: gone once, back once at least.
	if len(down) == 0 || down[len(down)-1]["level"] != "WARN" || len(up) == 0 || len(planned) == 0 {
		t.Fatalf("logged %d records of Neo4j gone, %d of it back, %d of plans made again; want at least 1, 1, 1", len(down), len(up), len(planned))
	}
	last := up[len(up)-1]
	if n, _ := last["statements_to_plan"].(float64); n < 1 || last["down_for"] == "" {
		t.Errorf("Neo4j back after the restart, logged as %v: want the statements to plan and how long it was down", last)
	}
	if p := planned[len(planned)-1]; p["planned"] != last["statements_to_plan"] || p["slowest_statement"] == "" {
		t.Errorf("plans made again, logged as %v, after %v", p, last)
	}
	if strings.Contains(string(log), localneo4j.DefaultPassword) {
		t.Error("the log holds Neo4j's password")
	}
}
