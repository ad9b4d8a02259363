package transfer_test

import (
	"bytes"
	"context"
	"os"
	"testing"
	"time"

	"github.com/aspgraph/aspgraph/aspnet"

	"github.com/aspgraph/aspgraph/neo4jstore/neo4jtest"
	"github.com/aspgraph/aspgraph/transfer"
)

// benchRows is how many membership rows BenchmarkImportMemberships imports; the import must
// take less than benchBound on this project's machine (2 cores).
const (
	benchRows  = 100_000
	benchBound = 60 * time.Second
)

// BenchmarkImportMemberships imports 100,000 synthetic membership rows (each naming a new
// school in one of 3,600 cities) into the knowledge graph, in batches of 1,000, and reports
// rows per second. `make bench-import` runs it against a throw-away Neo4j. It fails when an
// import takes longer than a minute.
func BenchmarkImportMemberships(b *testing.B) {
	s := neo4jtest.Open(b)
	ctx := context.Background()
	var csv bytes.Buffer
	if err := transfer.WriteSyntheticMemberships(&csv, benchRows, 1953, "aspnet"); err != nil {
		b.Fatal(err)
	}
	in := map[string][]byte{"members.csv": csv.Bytes()}
	var total time.Duration
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		neo4jtest.LoadKnowledgeGraph(b, s)
		b.StartTimer()
		started := time.Now()
		sum, err := transfer.Import(ctx, s, []string{"members.csv"}, in, transfer.ImportOptions{Progress: transfer.Progress(os.Stderr, 10*time.Second)})
		took := time.Since(started)
		total += took
		if err != nil {
			b.Fatal(err)
		}
		if sum.Memberships != (aspnet.Outcomes{Created: benchRows}) {
			b.Fatalf("summary %+v", sum)
		}
		if took > benchBound {
			b.Errorf("importing %d rows took %s; the bound is %s", benchRows, took.Round(time.Millisecond), benchBound)
		}
		b.Logf("imported %d membership rows in %s: %.0f rows/s", benchRows, took.Round(time.Millisecond), float64(benchRows)/took.Seconds())
	}
	b.ReportMetric(float64(benchRows*b.N)/total.Seconds(), "rows/s")
	b.ReportMetric(total.Seconds()/float64(b.N), "s/import")
}
