package main

import (
	"bufio"
	"context"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/aspgraph/aspgraph/aspnet"
	"github.com/aspgraph/aspgraph/graph"
)

// candidate is a request the limits allow that may be the costliest one.
type candidate struct {
	name, query string
	complexity  int
}

// fill is the candidate of as many aliases of a field (the ith alias's text from field) as
// the default limits allow: its complexity within the limit, its fields and aliases within
// theirs.
func fill(what string, field func(i int) string) candidate {
	doc := func(n int) string {
		var b strings.Builder
		b.WriteString("{ ")
		for i := range n {
			fmt.Fprintf(&b, "a%d: %s ", i, field(i))
		}
		return b.String() + "}"
	}
	allowed := func(n int) (int, bool) {
		c, err := graph.Complexity(doc(n), "", nil)
		return c, err == nil && c <= graph.DefaultLimits.MaxComplexity
	}
	lo, hi := 1, graph.DefaultLimits.MaxAliases // the most that is allowed, and at least that
	for lo < hi {
		if mid := (lo + hi + 1) / 2; func() bool { _, ok := allowed(mid); return ok }() {
			lo = mid
		} else {
			hi = mid - 1
		}
	}
	c, _ := allowed(lo)
	return candidate{name: fmt.Sprintf("%d %s", lo, what), query: string(gql(doc(lo), nil)), complexity: c}
}

// costliestCandidates are the most expensive requests of each kind that the default limits
// (500 fields, 250 aliases, depth 12, complexity 100,000) let through: each as many aliases
// of one field as they allow, the fields whose cost is not the size of their answer, and a
// page-shaped one.
func (e *env) costliestCandidates() []candidate {
	hub := aspnet.EncodeID(aspnet.KindNetwork, "aspnet")
	school := aspnet.EncodeID(aspnet.KindSchool, "school-almaty-8")
	org := aspnet.EncodeID(aspnet.KindOrganization, "org-unesco-almaty")
	ids := make([]string, 0, 100)
	for i := range 100 {
		kinds := []aspnet.Kind{aspnet.KindSchool, aspnet.KindNetwork, aspnet.KindEvent, aspnet.KindOrganization, aspnet.KindKeyArea, aspnet.KindCountry}
		ids = append(ids, strconv.Quote(aspnet.EncodeID(kinds[i%len(kinds)], "k"+strconv.Itoa(i))))
	}
	constant := func(field string) func(int) string { return func(int) string { return field } }
	return []candidate{
		fill(fmt.Sprintf("searches of %d words, first 100", aspnet.MaxSearchTerms), func(i int) string {
			return fmt.Sprintf("search(text: %q, first: 100) { score }", e.searchText(i))
		}),
		fill("shortest paths of up to 10 hops", constant(fmt.Sprintf(`shortestPath(from: %q, to: %q, maxHops: 10) { nodes { id } }`, school, org))),
		fill("key-area statistics", constant(`keyAreaStats(sortBy: SCHOOLS, followMappings: true) { schools events }`)),
		fill("data-quality reports", constant(`dataQuality { problems }`)),
		fill("neighbourhoods of depth 3 of the network aspnet", constant(fmt.Sprintf(`neighborhood(id: %q, depth: 3) { nodes { id } }`, hub))),
		fill("schools by node(id:) with their city", constant(fmt.Sprintf(`node(id: %q) { ... on School { city { name } } }`, school))),
		fill("nodes(ids:) of 100 IDs of six kinds", constant("nodes(ids: ["+strings.Join(ids, ", ")+"]) { id }")),
		fill("networks' growth by node(id:)", constant(fmt.Sprintf(`node(id: %q) { ... on Network { growth { date schools } } }`, hub))),
		fill("lists of key areas", constant(`keyAreas { name }`)),
		fill("pages of 100 schools with their memberships and key areas", constant(`schools(first: 100) { totalCount edges { node { name memberships { since network { name } } keyAreas { name } events { name } } } }`)),
	}
}

// neo4jTime is the sum and the count of aspgraph_cypher_duration_seconds: the time every
// Cypher statement took so far, as the service measured it, and how many ran (on the API port
// or METRICS_ADDR, whichever serves it).
func (e *env) neo4jTime(c *http.Client) (time.Duration, int, bool) {
	for _, base := range []string{e.svc.metrics, e.svc.base} {
		resp, err := c.Get(base + "/metrics")
		if err != nil {
			continue
		}
		var sum, count float64
		found := false
		sc := bufio.NewScanner(resp.Body)
		sc.Buffer(make([]byte, 1<<20), 1<<26)
		for sc.Scan() {
			line := sc.Text()
			f := strings.Fields(line)
			v, err := strconv.ParseFloat(f[len(f)-1], 64)
			switch {
			case err != nil:
			case strings.HasPrefix(line, "aspgraph_cypher_duration_seconds_sum"):
				sum += v
				found = true
			case strings.HasPrefix(line, "aspgraph_cypher_duration_seconds_count"):
				count += v
			}
		}
		_ = resp.Body.Close()
		if found {
			return time.Duration(sum * float64(time.Second)), int(count), true
		}
	}
	return 0, 0, false
}

// costliestAllowed sends each candidate alone, one at a time, and measures the Neo4j time it
// cost and the statements it ran: what the complexity limit and its statement costs are set
// from (docs/abuse.md).
func costliestAllowed(ctx context.Context, e *env) result {
	r := result{tally: map[string]int{}, pass: true}
	var notes []string
	var worst time.Duration
	for i, cand := range e.costliestCandidates() {
		// Each from a client of its own, with a full budget.
		c := clientFrom(fmt.Sprintf("127.0.4.%d", i+1), 60*time.Second)
		before, n0, ok := e.neo4jTime(c)
		t := time.Now()
		ans, _ := post(ctx, c, e.svc.base+"/query", []byte(cand.query), nil)
		took := time.Since(t)
		after, n1, ok2 := e.neo4jTime(c)
		r.sent++
		r.tally[ans]++
		r.slowest = max(r.slowest, took)
		if !ok || !ok2 {
			r.pass = false
			notes = append(notes, cand.name+": no metrics")
			continue
		}
		spent, statements := after-before, n1-n0
		worst = max(worst, spent)
		notes = append(notes, fmt.Sprintf("%s (complexity %d): %s, Neo4j %s in %d statements (%s each), answered in %s",
			cand.name, cand.complexity, ans, ms(spent), statements, ms(spent/time.Duration(max(statements, 1))), ms(took)))
		if strings.HasPrefix(ans, "5") || strings.Contains(ans, string(aspnet.CodeInternal)) {
			r.pass = false
		}
		e.svc.settle(10*time.Second, 0)
	}
	r.note = fmt.Sprintf("costliest: Neo4j %s. ", ms(worst)) + strings.Join(notes, "; ")
	return r
}
