package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/aspgraph/aspgraph/aspnet"
	"github.com/aspgraph/aspgraph/data"
	"github.com/aspgraph/aspgraph/provenance"
)

// runCheck is `aspgraph check [--json]`: the data-quality report of data/ (facts without
// citation, quotes not found in their sources' held texts, EDITORIAL links, disputes, counts
// by basis), without Neo4j. It exits 1 when there is a problem (an uncited fact or a quote not
// found), 2 on bad usage or unreadable data.
func runCheck(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("check", flag.ContinueOnError)
	fs.SetOutput(stderr)
	asJSON := fs.Bool("json", false, "print the report as JSON")
	if err := fs.Parse(args); err != nil || fs.NArg() > 0 {
		_, _ = fmt.Fprintln(stderr, "usage: aspgraph check [--json]")
		return 2
	}
	ds, err := data.Read(data.Files)
	if err != nil {
		_, _ = fmt.Fprintln(stderr, "data/:", err)
		return 2
	}
	texts, err := provenance.LoadTexts()
	if err != nil {
		_, _ = fmt.Fprintln(stderr, "texts:", err)
		return 2
	}
	g := ds.Graph()
	q := provenance.Check(g.Nodes, g.Rels, texts)
	if *asJSON {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		if err := enc.Encode(struct {
			*aspnet.DataQuality
			Problems int
		}{q, q.Problems()}); err != nil {
			_, _ = fmt.Fprintln(stderr, err)
			return 2
		}
	} else {
		var b strings.Builder
		writeReport(&b, q)
		if _, err := io.WriteString(stdout, b.String()); err != nil {
			return 2
		}
	}
	if q.Problems() > 0 {
		return 1
	}
	return 0
}

// writeReport writes the report for people.
func writeReport(w *strings.Builder, q *aspnet.DataQuality) {
	c := q.Citations
	fmt.Fprintf(w, "citations: %d (with a verbatim quote %d, with a summary %d, the source alone %d; of a DERIVED fact %d)\n",
		c.Total, c.Quoted, c.Summarised, c.SourceOnly, c.Derived)
	var bases []string
	for _, b := range q.LinksByBasis {
		bases = append(bases, fmt.Sprintf("%s %d", b.Basis, b.Links))
	}
	fmt.Fprintf(w, "links by basis: %s\n", strings.Join(bases, ", "))
	list := func(title string, fs []*aspnet.QualityFinding) {
		fmt.Fprintf(w, "%s: %d\n", title, len(fs))
		for _, f := range fs {
			line := "  " + f.Subject
			if f.Source != nil {
				line += " [" + *f.Source + "]"
			}
			if f.Quote != nil {
				line += fmt.Sprintf(" %q", *f.Quote)
			}
			fmt.Fprintf(w, "%s: %s\n", line, f.Text)
		}
	}
	list("uncited facts", q.Uncited)
	list("quotes not found", q.QuotesNotFound)
	list("EDITORIAL links", q.EditorialLinks)
	fmt.Fprintf(w, "disputes: %d\n", len(q.Disputes))
	for _, d := range q.Disputes {
		fmt.Fprintf(w, "  %s %s: %s\n", d.About, d.Measure, strings.Join(d.Claims, ", "))
	}
	fmt.Fprintf(w, "problems: %d\n", q.Problems())
}
