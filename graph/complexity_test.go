package graph_test

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/aspgraph/aspgraph/aspnet"
	"github.com/aspgraph/aspgraph/graph"
)

// aliased is n aliases of one field, as a document.
func aliased(n int, field string) string {
	var b strings.Builder
	b.WriteString("{ ")
	for i := range n {
		fmt.Fprintf(&b, "a%d: %s ", i, field)
	}
	return b.String() + "}"
}

// TestComplexityCountsStatements checks that the estimate counts what a field costs Neo4j
// where that is not the size of its answer: the requests that cost seconds of Neo4j time
// while their estimate was a few hundred (docs/abuse.md) are refused, and one of each is
// allowed.
func TestComplexityCountsStatements(t *testing.T) {
	school, org := aspnet.EncodeID(aspnet.KindSchool, "school-almaty-8"), aspnet.EncodeID(aspnet.KindOrganization, "org-unesco-almaty")
	words := make([]string, aspnet.MaxSearchTerms)
	for i := range words {
		words[i] = fmt.Sprintf("w%d", i)
	}
	fields := map[string]string{
		"ShortestPath": fmt.Sprintf(`shortestPath(from: %q, to: %q, maxHops: 10) { nodes { id } }`, school, org),
		"KeyAreaStats": `keyAreaStats(sortBy: SCHOOLS) { schools events }`,
		"Search93":     fmt.Sprintf(`search(text: %q, first: 100) { score }`, strings.Join(words, " ")),
		"KeyAreas":     `keyAreas { name }`,
		"DataQuality":  `dataQuality { problems }`,
		"SchoolNode":   fmt.Sprintf(`node(id: %q) { ... on School { city { name } } }`, school),
		"Nodes":        fmt.Sprintf(`nodes(ids: [%q, %q]) { id }`, school, org),
	}
	for name, field := range fields {
		t.Run(name, func(t *testing.T) {
			one, err := graph.Complexity(aliased(1, field), "", nil)
			if err != nil {
				t.Fatal(err)
			}
			if one > graph.DefaultLimits.MaxComplexity {
				t.Errorf("one costs %d, over the limit", one)
			}
			many, err := graph.Complexity(aliased(166, field), "", nil)
			if err != nil {
				t.Fatal(err)
			}
			if many <= graph.DefaultLimits.MaxComplexity {
				t.Errorf("166 aliases cost %d, within the limit %d", many, graph.DefaultLimits.MaxComplexity)
			}
		})
	}
	t.Run("SearchTermsCount", func(t *testing.T) {
		one, _ := graph.Complexity(`{ search(text: "almaty") { score } }`, "", nil)
		all, _ := graph.Complexity(`query($t: String!) { search(text: $t) { score } }`, "", map[string]any{"t": strings.Join(words, " ")})
		if all-one != 92*50 {
			t.Errorf("a search of 93 words costs %d, one of one word %d: want 50 more per term", all, one)
		}
	})
}

// ownDocument is a GraphQL document this project's clients send, with the variables it is
// sent with.
type ownDocument struct {
	where, query, operation string
	vars                    map[string]any
}

// TestOwnQueriesAreWithinTheLimit computes the complexity of every operation the playground,
// the explorer, the example Go client and the client tests send, and checks that each is
// within the default limit with room to spare.
func TestOwnQueriesAreWithinTheLimit(t *testing.T) {
	var docs []ownDocument
	explorer := readFile(t, "../web/explore-src/src/queries.graphql")
	vars := map[string]map[string]any{
		"ExploreSearch":       {"text": "Almaty school festival"},
		"ExploreNeighborhood": {"id": aspnet.EncodeID(aspnet.KindNetwork, "aspnet"), "depth": 3},
		"ExploreTrace":        {"from": aspnet.EncodeID(aspnet.KindSchool, "school-almaty-8"), "to": aspnet.EncodeID(aspnet.KindNetwork, "aspnet")},
		"ExploreKeyAreas":     {"followMappings": true},
		"ExploreGrowth":       {"id": aspnet.EncodeID(aspnet.KindNetwork, "aspnet")},
	}
	for _, m := range regexp.MustCompile(`(?m)^query (\w+)`).FindAllStringSubmatch(explorer, -1) {
		docs = append(docs, ownDocument{"explorer", explorer, m[1], vars[m[1]]})
	}
	var examples []struct {
		Title     string
		Query     []string
		Variables map[string]any
	}
	if err := json.Unmarshal([]byte(readFile(t, "../web/playground/examples.json")), &examples); err != nil {
		t.Fatal(err)
	}
	for _, ex := range examples {
		docs = append(docs, ownDocument{"playground: " + ex.Title, strings.Join(ex.Query, "\n"), "", ex.Variables})
	}
	genqlient := readFile(t, "../examples/genqlient/operations.graphql")
	for _, m := range regexp.MustCompile(`(?m)^(?:query|mutation) (\w+)`).FindAllStringSubmatch(genqlient, -1) {
		docs = append(docs, ownDocument{"genqlient", genqlient, m[1], map[string]any{"first": 100, "text": "Almaty"}})
	}
	// The client tests' own documents: JavaScript's gql`...` and graphql`...`, Python's gql("...").
	embedded := regexp.MustCompile("(?s)(?:gql|graphql)`([^`]*)`|gql\\(\"\"\"(.*?)\"\"\"\\)|gql\\(\"([^\"]*)\"\\)")
	for _, pattern := range []string{"../clients/test/*.js", "../clients/relay/src/*.js", "../clients/python/*.py"} {
		files, _ := filepath.Glob(pattern)
		for _, f := range files {
			for _, m := range embedded.FindAllStringSubmatch(readFile(t, f), -1) {
				q := m[1] + m[2] + m[3]
				if strings.Contains(q, "${") || !regexp.MustCompile(`^\s*(query|mutation|\{)`).MatchString(q) {
					continue // built by the test, or a fragment alone (Relay's) that its operation spreads
				}
				docs = append(docs, ownDocument{f, q, "", map[string]any{"first": 100, "ids": []any{"a", "b"}}})
			}
		}
	}
	if len(docs) < 20 {
		t.Fatalf("found %d documents; the patterns have gone stale", len(docs))
	}
	for _, d := range docs {
		c, err := graph.Complexity(d.query, d.operation, d.vars)
		if err != nil {
			t.Errorf("%s %s: refused: %v", d.where, d.operation, err)
			continue
		}
		t.Logf("%s %s: complexity %d", d.where, d.operation, c)
		if c > graph.DefaultLimits.MaxComplexity*3/4 {
			t.Errorf("%s %s: complexity %d, within a quarter of the limit %d", d.where, d.operation, c, graph.DefaultLimits.MaxComplexity)
		}
	}
}

func readFile(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
