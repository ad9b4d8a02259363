package main

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"
)

// TestCheapAttacksAreRefused sends each cheap attack of the suite once to the service built
// from this tree, serving the test Neo4j (NEO4J_URI), and checks the answers: each refused
// with the code its criterion names, never HTTP 5xx or an internal error. How fast is the
// recorded run's to say (`make abuse`, docs/abuse.md).
func TestCheapAttacksAreRefused(t *testing.T) {
	uri := os.Getenv("NEO4J_URI")
	if uri == "" {
		t.Fatal("NEO4J_URI is not set: run the tests with `make test`, which starts a local Neo4j")
	}
	bin := filepath.Join(t.TempDir(), "aspgraph")
	build := exec.Command("go", "build", "-o", bin, "github.com/aspgraph/aspgraph")
	build.Dir = filepath.Join("..", "..")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("building aspgraph: %v\n%s", err, out)
	}
	logPath := filepath.Join(t.TempDir(), "aspgraph.log")
	svc, err := startService(bin, uri, os.Getenv("NEO4J_PASSWORD"), logPath)
	if err != nil {
		t.Fatal(err)
	}
	defer svc.stop()
	if err := svc.waitReady(3 * time.Minute); err != nil {
		log, _ := os.ReadFile(logPath)
		t.Fatalf("%v; its log:\n%s", err, log)
	}
	e := &env{svc: svc, once: true}
	ctx := context.Background()
	ran := 0
	for i, a := range attacks() {
		if !a.cheap {
			continue
		}
		e.attacker = fmt.Sprintf("127.0.3.%d", i+1)
		ran++
		t.Run(a.name, func(t *testing.T) {
			if r := a.run(ctx, e); !r.pass {
				t.Errorf("%s: answered %s; want %s", a.what, r.answers(), a.criterion)
			}
		})
	}
	if ran < 10 {
		t.Errorf("%d cheap attacks, want the 10 that take a second or two", ran)
	}
}
