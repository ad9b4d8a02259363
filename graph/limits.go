package graph

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"net/http"

	"github.com/aspgraph/aspgraph/aspnet"
	"github.com/aspgraph/aspgraph/graph/model"
)

// Limits bound what one request may ask of the service. Every limit is checked before any
// Cypher runs; all but MaxBodyBytes by the pre-check (precheck.go), in time linear in the
// document's size, before validation and before the bearer token is verified.
type Limits struct {
	// MaxComplexity bounds the estimated cost of an operation: each field costs 1, and a
	// list costs its children times the items it may return (`first`, or listEstimate).
	MaxComplexity int
	// MaxDepth bounds how deeply selections nest, fragments included (introspection apart).
	MaxDepth int
	// MaxFields bounds how many fields (aliases included) an operation selects in all, with
	// its fragments expanded (introspection apart).
	MaxFields int
	// MaxAliases bounds the fields an operation selects under an alias, expanded likewise.
	MaxAliases int
	// MaxFragments bounds the fragments a document defines.
	MaxFragments int
	// MaxDirectives bounds the directives on one field, fragment or operation.
	MaxDirectives int
	// MaxOperations bounds the operations in one document.
	MaxOperations int
	// MaxIntrospectionDepth and MaxIntrospectionFields bound what is selected below __schema
	// and __type: wide enough for the deepest query graphql-js writes (typeDepth 100), narrow
	// enough to refuse a hand-made chain of 1,000 ofType.
	MaxIntrospectionDepth  int
	MaxIntrospectionFields int
	// MaxIntrospectionAliases bounds the aliased fields below __schema and __type, each of
	// which may repeat a whole list of the schema; the lists that lead back to types nest at
	// most twice, as in graphql-js (precheck.go).
	MaxIntrospectionAliases int
	// MaxTokens bounds the tokens the parser reads.
	MaxTokens int
	// MaxBodyBytes bounds the request body; larger bodies get HTTP 413.
	MaxBodyBytes int64
}

// DefaultLimits are generous for the playground and dashboards and small enough to keep one
// request from occupying Neo4j.
var DefaultLimits = Limits{
	MaxComplexity: 100000, MaxDepth: 12, MaxFields: 500, MaxAliases: 250,
	MaxFragments: 300, MaxDirectives: 10, MaxOperations: 50,
	MaxIntrospectionDepth: 120, MaxIntrospectionFields: 2500, MaxIntrospectionAliases: 10,
	MaxTokens: 15000, MaxBodyBytes: 1 << 20,
}

// listEstimate is the assumed length of lists that take no `first`.
const listEstimate = 10

// neighborhoodEstimate is the cost factor of a neighbourhood: its cap on nodes.
const neighborhoodEstimate = 500

// What a field costs Neo4j beyond the size of what it returns, in the units of the complexity
// limit: each statement a field runs on its own costs milliseconds however little it returns,
// and a request of many aliases of one runs as many statements. The figures are `make
// abuse`'s costliest-allowed (docs/abuse.md), which sends, alone, as many aliases of each
// such field as the limit allows: on two shared cores each of those requests cost 0.4 to 2.4 s
// of Neo4j time, so a unit is some 4 to 24 µs of it there, and the default limit of 100,000
// lets one request cost about what a client earns in a second or two (CLIENT_COST_PER_SECOND).
// Fields below the root are read a level at a time by the loaders, one statement per level for
// all their parents, and keep the cost of their size.
const (
	// statementCost is one Cypher statement of a root field: 4 to 15 ms of Neo4j time
	// measured for the lists, pages, paths, neighbourhoods and nodes, about 10 in the middle.
	statementCost = 1000
	// statsCost is keyAreaStats, one statement that counts over every key area: 24 ms.
	statsCost = 2 * statementCost
	// searchTermCost is each term of a search: Lucene scores every term in each of the
	// full-text index's 11 properties (a search of 93 terms: 81 ms, of one: about 8).
	searchTermCost = 50
	// qualityCost is dataQuality, which reads the whole graph in 40 statements: 0.6 to 1.4 s,
	// as much as the limit allows of the other fields.
	qualityCost = 60 * statementCost
	// growthCost is a network's growth: one statement for the networks of a list, one per
	// network for networks asked for by node(id:) (11 ms each).
	growthCost = statementCost / 5
)

// The error codes of refused operations.
const (
	CodeDepthLimit  = "DEPTH_LIMIT_EXCEEDED"
	CodeFieldsLimit = "FIELD_LIMIT_EXCEEDED"
)

// pageCost is the cost of a page of first items, or of last items when last is given (first
// then holds its declared default).
func pageCost(child int, first *int, last ...*int) int {
	n := aspnet.DefaultPageSize
	if len(last) > 0 && last[0] != nil {
		first = last[0]
	}
	if first != nil && *first >= 0 {
		n = *first
	}
	return 1 + child*max(n, 1)
}

func listCost(child int) int { return 1 + child*listEstimate }

// searchCost is a search's: its statement, its terms (counted up to the bound on them:
// a text over it is refused before any Cypher) and its hits.
func searchCost(child int, text string, first *int) int {
	return statementCost + searchTermCost*min(aspnet.SearchTerms(text), aspnet.MaxSearchTerms) + pageCost(child, first)
}

// nodesCost is nodes(ids:)'s: a statement for each kind of entity the IDs name (malformed IDs
// name none), and the entities.
func nodesCost(child int, ids []string) int {
	kinds := map[aspnet.Kind]bool{}
	for _, id := range ids {
		if k, _, ok := aspnet.DecodeID(id); ok {
			kinds[k] = true
		}
	}
	return statementCost*len(kinds) + 1 + child*max(len(ids), 1)
}

// nodeCost is node(id:)'s: the loaders read the nodes of aliased node fields together, but a
// school or a network is read with what its selection asks of it, a statement each.
func nodeCost(child int, id string) int {
	switch k, _, _ := aspnet.DecodeID(id); k {
	case aspnet.KindSchool, aspnet.KindNetwork:
		return statementCost + 1 + child
	}
	return 1 + child
}

// complexity sets the cost of every list field, and of every root field that runs a
// statement of its own.
func complexity(c *ComplexityRoot) {
	c.Query.Schools = func(child int, _ *model.SchoolFilter, first *int, _ *string, last *int, _ *string) int {
		return statementCost + pageCost(child, first, last)
	}
	c.Query.Events = func(child int, _ *model.EventFilter, first *int, _ *string, last *int, _ *string, _ *bool) int {
		return statementCost + pageCost(child, first, last)
	}
	c.Query.Removals = func(child int, first *int, _ *string, last *int, _ *string) int {
		return statementCost + pageCost(child, first, last)
	}
	c.Query.Node, c.Query.Nodes = nodeCost, nodesCost
	c.KeyArea.Schools = func(child int, first *int, _ *string, last *int, _ *string) int { return pageCost(child, first, last) }
	c.KeyArea.Events = func(child int, first *int, _ *string, last *int, _ *string) int { return pageCost(child, first, last) }
	c.Network.Memberships = func(child int, first *int, _ *string, last *int, _ *string, _ *aspnet.Date) int {
		return pageCost(child, first, last)
	}
	c.Query.Search = searchCost
	c.Query.ShortestPath = func(child int, _, _ string, _ *int) int { return statementCost + 1 + child }
	c.Query.Neighborhood = func(child int, _ string, _ *int) int { return statementCost + 1 + child*neighborhoodEstimate }
	c.Query.KeyAreaStats = func(child int, _ *aspnet.KeyAreaStatSort, _, _ *bool, _ []aspnet.Basis) int {
		return statsCost + listCost(child)
	}
	c.Query.DataQuality = func(child int) int { return qualityCost + child }
	named := func(child int, _ *string) int { return statementCost + listCost(child) }
	c.Query.Networks, c.Query.KeyAreas, c.Query.Organizations, c.Query.Countries = named, named, named, named
	c.Query.Sources = func(child int) int { return statementCost + listCost(child) }
	c.Network.Children, c.Network.KeyAreas, c.Network.Notes = listCost, listCost, listCost
	c.Network.Growth = func(child int, _, _ *int, _ *bool) int { return growthCost + listCost(child) }
	c.Country.Cities, c.Country.Networks, c.Country.Notes = listCost, listCost, listCost
	c.School.Memberships, c.School.KeyAreas = listCost, listCost
	c.School.Events = func(child int, first *int) int {
		if first == nil {
			return listCost(child)
		}
		return 1 + child*max(*first, 1)
	}
	c.KeyArea.Periods, c.KeyArea.MapsTo, c.KeyArea.MappedFrom = listCost, listCost, listCost
	c.Organization.Founded, c.Organization.Covers, c.Organization.Events = listCost, listCost, listCost
	c.Occasion.Events, c.Note.About = listCost, listCost
	c.Event.Organizers, c.Event.Occasions, c.Event.Activities, c.Event.KeyAreas = listCost, listCost, listCost, listCost
	c.Event.ParticipatingCountries, c.Event.ParticipatingNetworks, c.Event.Appeals = listCost, listCost, listCost
}

// LimitBody answers HTTP 413 to a request body larger than limit, before GraphQL reads it.
//
// Its read deadline is the server's: http.Server.ReadTimeout bounds reading the headers and
// the body together, so a client that sends its body slowly, or stops, is cut off then, with
// HTTP 408 and TIMEOUT, and its connection closed. The body is read in full before the
// request may take an admission slot (admit, in admission.go), so a slow sender holds none.
// Bodies larger than freeBody share a budget of memory (largeBodies); one that does not fit
// is refused at once with 503 rather than buffered.
func LimitBody(limit int64, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.ContentLength > limit {
			tooLarge(w, limit)
			return
		}
		if r.Body != nil && r.Body != http.NoBody {
			release, ok := reserveBody(r.ContentLength, limit)
			if !ok {
				bodyBudgetFull(w)
				return
			}
			body, err := readBody(r.Body, r.ContentLength, limit)
			release()
			_ = r.Body.Close()
			if errors.Is(err, errBodyBudget) {
				bodyBudgetFull(w)
				return
			}
			if timedOut(err) {
				bodyTimeout(w)
				return
			}
			if err != nil {
				http.Error(w, "the request body could not be read", http.StatusBadRequest)
				return
			}
			if int64(len(body)) > limit {
				tooLarge(w, limit)
				return
			}
			r.Body = io.NopCloser(bytes.NewReader(body))
		}
		next.ServeHTTP(w, r)
	})
}

func tooLarge(w http.ResponseWriter, limit int64) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(http.StatusRequestEntityTooLarge)
	_, _ = fmt.Fprintf(w, `{"errors":[{"message":"the request body is larger than %d bytes","extensions":{"code":"PAYLOAD_TOO_LARGE"}}]}`+"\n", limit)
}
