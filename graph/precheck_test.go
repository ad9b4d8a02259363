package graph_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/aspgraph/aspgraph/aspnet"
	"github.com/aspgraph/aspgraph/auth"
	"github.com/aspgraph/aspgraph/graph"
)

// crafted is a hostile document and the refusal it must get.
type crafted struct {
	name, query, code string
}

func repeat(n int, f func(i int) string) string {
	var b strings.Builder
	for i := range n {
		b.WriteString(f(i))
	}
	return b.String()
}

// craftedDocuments are documents made to cost their checker far more than their size: each
// under the body limit (1 MiB) and, but for the ones that test it, the token limit.
func craftedDocuments() []crafted {
	bomb := func(n int, leaf string) string {
		return "{ ...F" + fmt.Sprint(n) + " } fragment F0 on Query { " + leaf + " }" +
			repeat(n, func(i int) string { return fmt.Sprintf(" fragment F%d on Query { ...F%d ...F%d }", i+1, i, i) })
	}
	docs := []crafted{
		{"FragmentBomb2^40", bomb(40, "__typename"), graph.CodeFieldsLimit},
		{"FragmentBombOfAliases2^30", bomb(30, repeat(100, func(i int) string { return fmt.Sprintf("a%d: __typename ", i) })), graph.CodeFieldsLimit},
		{"FragmentBombNested", "{ networks { ...N30 } } fragment N0 on Network { name }" +
			repeat(30, func(i int) string {
				return fmt.Sprintf(" fragment N%d on Network { children { ...N%d } partOf { ...N%d } }", i+1, i, i)
			}), graph.CodeDepthLimit},
		{"FragmentCycle", "{ ...A } fragment A on Query { ...B } fragment B on Query { networks { name } ...A }", "GRAPHQL_VALIDATION_FAILED"},
		{"UnknownFragment", "{ ...Nowhere }", "GRAPHQL_VALIDATION_FAILED"},
		{"10000CopiesOfAField", "{ networks { " + strings.Repeat("name ", 10000) + "} }", graph.CodeFieldsLimit},
		{"10000CopiesInAnUnusedFragment", "{ __typename } fragment U on Network { " + strings.Repeat("name ", 10000) + "}", graph.CodeFieldsLimit},
		{"DeepNesting900", "{ networks { " + strings.Repeat("children { ", 899) + "name" + strings.Repeat(" }", 899) + " } }", graph.CodeDepthLimit},
		{"4900Aliases", "{ " + repeat(4900, func(i int) string { return fmt.Sprintf("a%d: __typename ", i) }) + "}", graph.CodeFieldsLimit},
		{"300Aliases", "{ " + repeat(300, func(i int) string { return fmt.Sprintf("a%d: __typename ", i) }) + "}", graph.CodeAliasLimit},
		{"2000Directives", "{ __typename " + strings.Repeat("@include(if: true) ", 2000) + "}", graph.CodeDirectiveLimit},
		{"1500Fragments", "{ __typename }" + repeat(1500, func(i int) string { return fmt.Sprintf(" fragment G%d on Query { __typename }", i) }), graph.CodeFragmentLimit},
		{"2000Operations", repeat(2000, func(i int) string { return fmt.Sprintf("query O%d { __typename } ", i) }), graph.CodeOperationLimit},
		{"IntrospectionOfType900", `{ __type(name: "School") { ` + strings.Repeat("ofType { ", 900) + "name" + strings.Repeat(" }", 900) + " } }", graph.CodeIntrospectionLimit},
		{"IntrospectionTypesInTypes", "{ __schema { ...T0 } } fragment T0 on __Schema { types { fields { type { fields { type { fields { name } } } } } } }", graph.CodeIntrospectionLimit},
		{"ComplexityBomb", "{ ...C20 } fragment C0 on Query { schools(first: 100) { edges { node { name } } } }" +
			repeat(20, func(i int) string { return fmt.Sprintf(" fragment C%d on Query { ...C%d ...C%d }", i+1, i, i) }), graph.CodeFieldsLimit},
		{"Complexity", `{ keyAreas { schools(first: 100) { edges { node { events { organizers { name } } } } } } }`, graph.CodeComplexityLimit},
		{"TokenFlood", "{ " + strings.Repeat("__typename ", 90000) + "}", "GRAPHQL_PARSE_FAILED"},
		{"HugeStringUnderTheBodyLimit", `{ search(query: "` + strings.Repeat("x", 1<<20-1000) + `") { totalCount } } fragment F on Query { ...F }`, "GRAPHQL_VALIDATION_FAILED"},
	}
	// Documents near the body limit whose checking grew faster than their size: suggestions
	// for a name of a megabyte ("Did you mean ...?"), a Float of a megabyte of digits, an Int
	// of 25 digits (which made the complexity walk panic), a token flood parsed whole.
	mib := 1<<20 - 200
	return append(docs,
		crafted{"FieldNamed1MiB", "{ networks { " + strings.Repeat("a", mib) + " } }", "GRAPHQL_VALIDATION_FAILED"},
		crafted{"ArgumentNamed1MiB", "{ networks(" + strings.Repeat("a", mib) + ": 1) { name } }", "GRAPHQL_VALIDATION_FAILED"},
		crafted{"EnumValueOf1MiB", "{ keyAreaStats(bases: [" + strings.Repeat("A", mib) + "]) { schools } }", "GRAPHQL_VALIDATION_FAILED"},
		crafted{"InputFieldNamed1MiB", "{ schools(filter: {" + strings.Repeat("a", mib) + ": 1}) { totalCount } }", "GRAPHQL_VALIDATION_FAILED"},
		crafted{"TypeNamed1MiB", "{ ... on " + strings.Repeat("a", mib) + " { __typename } }", "GRAPHQL_VALIDATION_FAILED"},
		crafted{"FloatOf1MiB", "{ schools(first: 1." + strings.Repeat("9", mib) + ") { totalCount } }", "GRAPHQL_VALIDATION_FAILED"},
		crafted{"IntOf25Digits", "{ schools(first: " + strings.Repeat("9", 25) + ") { totalCount } }", "GRAPHQL_VALIDATION_FAILED"},
		crafted{"CommentOf1MiBAndAnUnusedVariable", "query($v: Int) { networks { name } } #" + strings.Repeat("a", mib), "GRAPHQL_VALIDATION_FAILED"},
		crafted{"4000UnknownArguments", "{ networks(" + repeat(4000, func(i int) string { return fmt.Sprintf("x%d: 1 ", i) }) + ") { name } }", "GRAPHQL_VALIDATION_FAILED"},
		crafted{"TokenFloodOf1MiB", "{ " + strings.Repeat("a ", mib/2) + "}", "GRAPHQL_PARSE_FAILED"},
	)
}

// cpuTime is the CPU time this process has used, user and system.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	_ = syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

func discard() *slog.Logger { return slog.New(slog.NewTextHandler(io.Discard, nil)) }

func craftedBody(q string) []byte {
	b, _ := json.Marshal(map[string]any{"query": q})
	return b
}

// TestCraftedDocumentsAreRefusedFirst sends each crafted document, with reads needing a token
// and no token sent, and checks that the pre-check refuses it with its code: before
// authentication (which would answer UNAUTHENTICATED) and before any Cypher.
func TestCraftedDocumentsAreRefusedFirst(t *testing.T) {
	h := served(auth.Authenticate(auth.Keys{Secret: bytes.Repeat([]byte("k"), 32)},
		graph.NewHandler(knowledgeGraph(t), discard(), graph.WithReadsNeedToken())))
	for _, tc := range craftedDocuments() {
		t.Run(tc.name, func(t *testing.T) {
			body := craftedBody(tc.query)
			if len(body) > 1<<20 {
				t.Fatalf("the document is %d bytes, over the body limit", len(body))
			}
			ctx, n := aspnet.WithRoundTripCounter(context.Background())
			r := post(t, ctx, h, tc.query, nil)
			if len(r.Errors) != 1 || r.Errors[0].Extensions["code"] != tc.code {
				t.Errorf("want %s, got %.300s", tc.code, r.raw)
			}
			if n.Load() != 0 {
				t.Errorf("%d Cypher round trips", n.Load())
			}
		})
	}
}

// TestLargeDocumentsAreAnswered sends documents near the body limit that are valid, their
// bulk in a comment, a string or a block string of many words (none of which is a token),
// and checks that each is answered.
func TestLargeDocumentsAreAnswered(t *testing.T) {
	h := served(graph.NewHandler(knowledgeGraph(t), discard()))
	words := strings.Repeat("a { b ", (1<<20-300)/6)
	for name, q := range map[string]string{
		"Comment":     "{ networks { name } } # " + words,
		"String":      `{ networks(nameContains: "` + words + `") { name } }`,
		"BlockString": `{ networks(nameContains: """` + words + ` \""" """) { name } }`,
	} {
		t.Run(name, func(t *testing.T) {
			r := post(t, context.Background(), h, q, nil)
			if len(r.Errors) > 0 || !strings.Contains(string(r.Data), `"networks":`) {
				t.Errorf("a valid document of %d bytes: %.300s", len(q), r.raw)
			}
		})
	}
}

// TestPrecheckStopsWhenTheClientLeaves sends a large document on a request whose client has
// gone: nothing is answered.
func TestPrecheckStopsWhenTheClientLeaves(t *testing.T) {
	h := served(graph.NewHandler(knowledgeGraph(t), discard()))
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	req := httptest.NewRequestWithContext(ctx, http.MethodPost, "/query", bytes.NewReader(craftedBody("{ networks { "+strings.Repeat("name ", 10000)+"} }")))
	req.Header.Set("Content-Type", "application/json")
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	if rec.Body.Len() != 0 {
		t.Errorf("answered a request whose client had gone: %.200s", rec.Body)
	}
}

// BenchmarkRefusal measures the time the service takes to refuse each crafted document, from
// the HTTP request to the written refusal (docs/http.md records the figures). Run with
// bin/aspgraph with-neo4j -- go test -run '^$' -bench BenchmarkRefusal ./graph/
func BenchmarkRefusal(b *testing.B) {
	h := served(graph.NewHandler(knowledgeGraph(b), discard()))
	for _, tc := range craftedDocuments() {
		body := craftedBody(tc.query)
		b.Run(tc.name, func(b *testing.B) {
			b.SetBytes(int64(len(body)))
			cpu := cpuTime()
			for b.Loop() {
				req := httptest.NewRequest(http.MethodPost, "/query", bytes.NewReader(body))
				req.Header.Set("Content-Type", "application/json")
				rec := httptest.NewRecorder()
				h.ServeHTTP(rec, req)
				if !bytes.Contains(rec.Body.Bytes(), []byte(tc.code)) {
					b.Fatalf("want %s, got %.300s", tc.code, rec.Body)
				}
			}
			// The machine may be shared: the CPU time the process spent is the cost itself.
			b.ReportMetric(float64((cpuTime()-cpu).Nanoseconds())/float64(b.N), "cpu-ns/op")
		})
	}
}
