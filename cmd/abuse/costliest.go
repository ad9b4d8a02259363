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
)

// candidate is a request the limits allow that may be the costliest one.
type candidate struct{ name, query string }

// costliestCandidates are the most expensive requests of each kind that the default limits
// (500 fields, depth 12, complexity 100,000) let through, each filling the field limit or the
// complexity limit with the field whose cost the estimate underrates most.
func (e *env) costliestCandidates() []candidate {
	aliases := func(n int, field string) string {
		var b strings.Builder
		b.WriteString("{ ")
		for i := range n {
			fmt.Fprintf(&b, "a%d: %s ", i, field)
		}
		return b.String() + "}"
	}
	hub := aspnet.EncodeID(aspnet.KindNetwork, "aspnet")
	school := aspnet.EncodeID(aspnet.KindSchool, "school-almaty-8")
	org := aspnet.EncodeID(aspnet.KindOrganization, "org-unesco-almaty")
	return []candidate{
		{"250 searches of 100 words (complexity 25,250)", string(e.heavyQuery())},
		{"48 neighbourhoods of depth 3 of the network aspnet (complexity ~96,000)", string(gql(aliases(48, fmt.Sprintf(`neighborhood(id: %q, depth: 3) { nodes { id } edges { from to } }`, hub)), nil))},
		{"166 shortest paths of up to 10 hops (complexity ~500)", string(gql(aliases(166, fmt.Sprintf(`shortestPath(from: %q, to: %q, maxHops: 10) { nodes { id } }`, school, org)), nil))},
		{"166 key-area statistics (complexity ~5,000)", string(gql(aliases(166, `keyAreaStats(sortBy: SCHOOLS) { schools events }`), nil))},
		{"9 pages of 100 schools with their memberships and key areas (complexity ~99,000)", string(gql(aliases(9, `schools(first: 100) { totalCount edges { node { name memberships { since network { name } } keyAreas { name } events { name } } } }`), nil))},
	}
}

// neo4jTime is the sum of aspgraph_cypher_duration_seconds: the time every Cypher statement
// took so far, as the service measured it (on the API port or METRICS_ADDR, whichever
// serves it).
func (e *env) neo4jTime(c *http.Client) (time.Duration, bool) {
	for _, base := range []string{e.svc.metrics, e.svc.base} {
		resp, err := c.Get(base + "/metrics")
		if err != nil {
			continue
		}
		var sum float64
		found := false
		sc := bufio.NewScanner(resp.Body)
		sc.Buffer(make([]byte, 1<<20), 1<<26)
		for sc.Scan() {
			line := sc.Text()
			if strings.HasPrefix(line, "aspgraph_cypher_duration_seconds_sum") {
				f := strings.Fields(line)
				if v, err := strconv.ParseFloat(f[len(f)-1], 64); err == nil {
					sum += v
					found = true
				}
			}
		}
		_ = resp.Body.Close()
		if found {
			return time.Duration(sum * float64(time.Second)), true
		}
	}
	return 0, false
}

// costliestAllowed sends each candidate alone, one at a time, and measures the Neo4j time it
// cost: what the default complexity limit should be set from.
func costliestAllowed(ctx context.Context, e *env) result {
	r := result{tally: map[string]int{}, pass: true}
	var notes []string
	var worst time.Duration
	for i, cand := range e.costliestCandidates() {
		// Each from a client of its own, with a full budget.
		c := clientFrom(fmt.Sprintf("127.0.4.%d", i+1), 60*time.Second)
		before, ok := e.neo4jTime(c)
		t := time.Now()
		ans, _ := post(ctx, c, e.svc.base+"/query", []byte(cand.query), nil)
		took := time.Since(t)
		after, ok2 := e.neo4jTime(c)
		r.sent++
		r.tally[ans]++
		r.slowest = max(r.slowest, took)
		if !ok || !ok2 {
			r.pass = false
			notes = append(notes, cand.name+": no metrics")
			continue
		}
		spent := after - before
		worst = max(worst, spent)
		notes = append(notes, fmt.Sprintf("%s: %s, Neo4j %s, answered in %s", cand.name, ans, ms(spent), ms(took)))
		if strings.HasPrefix(ans, "5") || strings.Contains(ans, string(aspnet.CodeInternal)) {
			r.pass = false
		}
		e.svc.settle(10*time.Second, 0)
	}
	r.note = fmt.Sprintf("costliest: Neo4j %s. ", ms(worst)) + strings.Join(notes, "; ")
	return r
}
