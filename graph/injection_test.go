package graph_test

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"

	"github.com/aspgraph/aspgraph/aspnet"
	"github.com/aspgraph/aspgraph/auth"
)

// injections are Cypher- and Lucene-injection attempts and other hostile strings.
var injections = []string{
	`"}) MATCH (n) DETACH DELETE n //`,
	`' OR 1=1 //`,
	`x"}) RETURN 1 UNION MATCH (n) RETURN n //`,
	"`) DETACH DELETE n //",
	`$keys`, `{key: 'aspnet'}`, `\u0000`, `\`,
	`*:*`, `name:* OR title:*`, `(((`, `"unterminated`, `a~10 b^99`, `[* TO *]`, `?*`, `/.*/`,
	`<script>alert(1)</script>`, strings.Repeat("A", 500),
}

// TestInjectionStringsDoNothingMore sends every hostile string through every string argument
// of the API, queries and mutations: each answer is either data or a client error with a code,
// never an internal error, and afterwards the graph is exactly as before except for what the
// mutations were meant to create.
func TestInjectionStringsDoNothingMore(t *testing.T) {
	s := writable(t)
	ctx := context.Background()
	before, err := s.SnapshotOf(ctx, "dataset")
	if err != nil {
		t.Fatal(err)
	}
	var log bytes.Buffer
	h := authHandler(s, &log, auth.Keys{Secret: testSecret})
	bearer := "Bearer " + token(t, testSecret, []string{"editor"}, time.Hour, time.Now())

	reads := []string{
		`query($v: String!) { schools(filter: {nameContains: $v}) { totalCount } }`,
		`query($v: ID!) { schools(filter: {networkId: $v, keyAreaId: $v, cityId: $v, countryId: $v}) { totalCount } }`,
		`query($v: ID!) { events(filter: {keyAreaId: $v, organizerId: $v, venueId: $v}) { totalCount } }`,
		`query($v: String!) { schools(after: $v) { totalCount } }`,
		`query($v: String!) { events(after: $v) { totalCount } }`,
		`query($v: String!) { keyAreas { schools(after: $v) { totalCount } events(after: $v) { totalCount } } }`,
		`query($v: String!) { networks { memberships(after: $v) { totalCount } } }`,
		`query($v: Date) { events(filter: {from: $v}) { totalCount } }`,
		`query($v: ID!) { node(id: $v) { id } }`,
		`query($v: String!) { search(text: $v) { score } }`,
		`query($v: ID!) { shortestPath(from: $v, to: $v) { length } }`,
		`query($v: ID!) { neighborhood(id: $v) { truncated } }`,
	}
	writes := []string{
		`mutation($v: String!) { createSchool(input: {name: $v, source: $v, quote: $v}) { id } }`,
		`mutation($v: String!) { createSchool(input: {name: "Injection test school", cityName: $v, countryName: $v, source: "https://example.org/injection", quote: $v}) { id } }`,
		`mutation($v: ID!) { updateSchool(id: $v, input: {name: "x", source: "https://example.org/x"}) { id } }`,
		`mutation($v: ID!) { deleteSchool(id: $v, source: "https://example.org/x") }`,
		`mutation($v: String!) { deleteSchool(id: "x", source: $v, quote: $v) }`,
	}
	for _, v := range injections {
		for _, q := range append(reads, writes...) {
			r := postAs(t, h, bearer, q, map[string]any{"v": v})
			for _, e := range r.Errors {
				if code, _ := e.Extensions["code"].(string); code == "" || code == "INTERNAL_SERVER_ERROR" {
					t.Errorf("%q through %.60s: %s", v, q, r.raw)
				}
			}
		}
	}

	// The createSchool calls were meant to create schools (with their cities, countries and
	// URL sources), and some did; nothing the knowledge graph loaded may have changed.
	c, err := s.Schools(ctx, aspnet.SchoolCriteria{}, aspnet.Page{First: 100})
	if err != nil {
		t.Fatal(err)
	}
	if c.TotalCount <= len(loaded.Schools) {
		t.Error("no createSchool call succeeded: the test checks nothing of writes")
	}
	after, err := s.SnapshotOf(ctx, "dataset")
	if err != nil {
		t.Fatal(err)
	}
	if after != before {
		t.Error("hostile strings changed what the knowledge graph loaded")
	}
	if strings.Contains(log.String(), bearer[len("Bearer "):]) {
		t.Error("the token reached the log")
	}
}
