package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/user"
	"strings"
	"time"

	"github.com/aspgraph/aspgraph/aspnet"

	"github.com/aspgraph/aspgraph/neo4jstore"
	"github.com/aspgraph/aspgraph/transfer"
)

const (
	importUsage = "usage: aspgraph import [--source URL|ID] [--quote TEXT] [--by NAME] [--batch 1000] FILE..."
	exportUsage = "usage: aspgraph export --format json|graphml|csv [--out FILE] [--node ID --depth N]"
)

// runImport is `aspgraph import`: it validates the files, writes them into the graph in
// batches, and prints a summary. Problems in the files are listed on stderr (exit code 1),
// nothing written.
func runImport(ctx context.Context, log *slog.Logger, cfg config, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("import", flag.ContinueOnError)
	fs.SetOutput(stderr)
	source := fs.String("source", "", "source (http(s) URL or Source ID) of rows and files that name none")
	quote := fs.String("quote", "", "quote going with --source")
	by := fs.String("by", defaultEditor(), "recorded as editedBy on what the import creates or changes")
	batch := fs.Int("batch", transfer.DefaultBatch, "rows per transaction")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if fs.NArg() == 0 || *batch < 1 {
		_, _ = fmt.Fprintln(stderr, importUsage)
		return 2
	}
	var problems transfer.Problems
	started := time.Now()
	err := withStore(ctx, log, cfg, false, func(ctx context.Context, s *neo4jstore.Store) error {
		sum, err := transfer.ImportFiles(ctx, s, fs.Args(), transfer.ImportOptions{
			Batch: *batch, Source: *source, Quote: *quote, By: *by,
			Progress: transfer.Progress(stderr, 2*time.Second),
		})
		if err != nil {
			return err
		}
		took := time.Since(started)
		_, _ = fmt.Fprintf(stdout, "imported %d file(s) in %s:\n%s\n", fs.NArg(), took.Round(time.Millisecond), sum)
		return nil
	})
	switch {
	case errors.As(err, &problems):
		_, _ = fmt.Fprintln(stderr, problems.Error())
		return 1
	case err != nil:
		log.Error("import failed", "error", err.Error())
		return 1
	}
	return 0
}

// runExport is `aspgraph export`: the whole graph, or the neighbourhood of one node, as JSON,
// GraphML or CSV, on stdout or into --out.
func runExport(ctx context.Context, log *slog.Logger, cfg config, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("export", flag.ContinueOnError)
	fs.SetOutput(stderr)
	format := fs.String("format", "json", "json, graphml or csv")
	out := fs.String("out", "", "file to write (csv: a directory, or a .zip file); default stdout")
	node := fs.String("node", "", "export only the neighbourhood of this node: its ID, or Label:key")
	depth := fs.Int("depth", 1, fmt.Sprintf("with --node: hops around it, 0..%d", transfer.MaxDepth))
	if err := fs.Parse(args); err != nil {
		return 2
	}
	bad := func(msg string) int {
		_, _ = fmt.Fprintln(stderr, "aspgraph export: "+msg+"\n"+exportUsage)
		return 2
	}
	switch {
	case fs.NArg() > 0:
		return bad("unexpected arguments " + strings.Join(fs.Args(), " "))
	case *format != "json" && *format != "graphml" && *format != "csv":
		return bad(fmt.Sprintf("--format %q is not json, graphml or csv", *format))
	case *format == "csv" && *out == "":
		return bad("--format csv writes two files: give --out DIR or --out FILE.zip")
	case *depth < 0 || *depth > transfer.MaxDepth:
		return bad(fmt.Sprintf("--depth %d is out of range 0..%d", *depth, transfer.MaxDepth))
	}
	var center aspnet.GraphRef
	if *node != "" {
		var err error
		if center, err = transfer.ParseNodeRef(*node); err != nil {
			return bad("--node: " + err.Error())
		}
	}
	err := withStore(ctx, log, cfg, false, func(ctx context.Context, s *neo4jstore.Store) error {
		var g *transfer.Graph
		var err error
		if *node != "" {
			g, err = transfer.CollectNeighbourhood(ctx, s, center, *depth)
		} else {
			g, err = transfer.Collect(ctx, s)
		}
		if err != nil {
			return err
		}
		if *format == "csv" {
			return transfer.WriteCSV(*out, g)
		}
		var b bytes.Buffer
		if *format == "json" {
			err = transfer.WriteJSON(&b, g)
		} else {
			err = transfer.WriteGraphML(&b, g)
		}
		if err != nil {
			return err
		}
		if *out == "" {
			_, err = stdout.Write(b.Bytes())
			return err
		}
		return os.WriteFile(*out, b.Bytes(), 0o644)
	})
	if err != nil {
		log.Error("export failed", "error", err.Error())
		return 1
	}
	return 0
}

// defaultEditor is the name an import records as editedBy unless told otherwise: the user's
// login name.
func defaultEditor() string {
	if u, err := user.Current(); err == nil && u.Username != "" {
		return u.Username
	}
	return "import"
}
