package main

import (
	"bytes"
	"context"
	"encoding/xml"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/aspgraph/aspgraph/neo4jstore/neo4jtest"
)

// TestImportExportCommands runs `aspgraph import` and `aspgraph export` as the command line
// does, against the Neo4j the tests run with.
func TestImportExportCommands(t *testing.T) {
	s := neo4jtest.Open(t)
	neo4jtest.LoadKnowledgeGraph(t, s)
	cfg, err := loadConfig(os.Getenv)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	log := slog.New(slog.NewJSONHandler(io.Discard, nil))
	examples := []string{"transfer/testdata/import/schools.csv", "transfer/testdata/import/memberships.csv", "transfer/testdata/import/events.json"}

	t.Run("OKImportTwice", func(t *testing.T) {
		for i, want := range []string{"total: 8 created, 1 updated, 0 unchanged", "total: 0 created, 0 updated, 9 unchanged"} {
			var out, errs bytes.Buffer
			if code := runImport(ctx, log, cfg, append([]string{"--by", "tester"}, examples...), &out, &errs); code != 0 {
				t.Fatalf("run %d: exit %d\n%s", i+1, code, errs.String())
			}
			if !strings.Contains(out.String(), want) {
				t.Errorf("run %d: %s; want %q", i+1, out.String(), want)
			}
			if !strings.Contains(errs.String(), "import: 9/9 rows (100%)") {
				t.Errorf("run %d: no progress lines on stderr:\n%s", i+1, errs.String())
			}
		}
	})

	t.Run("ErrBadRowsListedAndExitCode1", func(t *testing.T) {
		bad := filepath.Join(t.TempDir(), "bad.csv")
		if err := os.WriteFile(bad, []byte("# source: https://example.org/a\nname,network,since\nA,aspnet-kz,1996-13\n,aspnet-kz,\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		var out, errs bytes.Buffer
		if code := runImport(ctx, log, cfg, []string{bad}, &out, &errs); code != 1 {
			t.Fatalf("exit %d, want 1", code)
		}
		want := "2 problem(s), nothing written:\n" + bad + `:3: since: date "1996-13": month 13 is out of range` + "\n" + bad + ":4: name: must not be empty\n"
		if errs.String() != want {
			t.Errorf("stderr:\n%s\nwant:\n%s", errs.String(), want)
		}
	})

	t.Run("ErrUsage", func(t *testing.T) {
		for _, args := range [][]string{{}, {"--batch", "0", "a.csv"}} {
			var out, errs bytes.Buffer
			if code := runImport(ctx, log, cfg, args, &out, &errs); code != 2 {
				t.Errorf("import %v: exit %d, want 2", args, code)
			}
		}
		for _, args := range [][]string{{"--format", "dot"}, {"--format", "csv"}, {"--depth", "9", "--node", "School:x"}, {"--node", "Planet:earth"}, {"extra"}} {
			var out, errs bytes.Buffer
			if code := runExport(ctx, log, cfg, args, &out, &errs); code != 2 {
				t.Errorf("export %v: exit %d, want 2", args, code)
			}
		}
	})

	t.Run("OKExportFormats", func(t *testing.T) {
		dir := t.TempDir()
		var out, errs bytes.Buffer
		if code := runExport(ctx, log, cfg, []string{"--format", "json"}, &out, &errs); code != 0 || !strings.HasPrefix(out.String(), `{"format": "aspgraph-graph", "version": 1,`) {
			t.Fatalf("json: exit %d, %.80s", code, out.String())
		}
		gml := filepath.Join(dir, "g.graphml")
		if code := runExport(ctx, log, cfg, []string{"--format", "graphml", "--out", gml, "--node", "U2Nob29sOnNjaG9vbC1hbG1hdHktYmVzdA", "--depth", "2"}, &out, &errs); code != 0 {
			t.Fatalf("graphml: exit %d", code)
		}
		var doc struct {
			XMLName xml.Name `xml:"graphml"`
			Nodes   []struct {
				ID string `xml:"id,attr"`
			} `xml:"graph>node"`
		}
		if err := xml.Unmarshal(must(os.ReadFile(gml)), &doc); err != nil || len(doc.Nodes) < 5 {
			t.Errorf("graphml around BEST school: %d nodes, %v", len(doc.Nodes), err)
		}
		if code := runExport(ctx, log, cfg, []string{"--format", "csv", "--out", filepath.Join(dir, "csv")}, &out, &errs); code != 0 {
			t.Fatalf("csv: exit %d", code)
		}
		for _, f := range []string{"nodes.csv", "relationships.csv"} {
			if b := must(os.ReadFile(filepath.Join(dir, "csv", f))); bytes.Count(b, []byte("\n")) < 10 {
				t.Errorf("%s has %d lines", f, bytes.Count(b, []byte("\n")))
			}
		}
	})
}

func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}
