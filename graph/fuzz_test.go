package graph_test

import (
	"net/http"
	"testing"
)

// FuzzGraphQLHandler sends arbitrary bodies to the real handler over the real knowledge graph.
// Whatever arrives, the answer is a JSON response with a client status, never a crash, an
// HTTP 500 or an internal error: bad input is always the client's error, with a code.
func FuzzGraphQLHandler(f *testing.F) {
	for _, seed := range []string{
		`{"query":"{ networks { name growth { date schools basis } } }"}`,
		`{"query":"query($id: ID!) { node(id: $id) { id } }","variables":{"id":"U2Nob29sOnNjaG9vbC1hbG1hdHktYmVzdA"}}`,
		`{"query":"{ schools(first: 5, after: \"YzE6WyJhIiwiYiJd\", filter: {nameContains: \"' OR 1=1 //\"}) { totalCount } }"}`,
		`{"query":"{ events(filter: {from: \"2016\", to: \"2016-09-24\"}) { edges { cursor node { name } } } }"}`,
		`{"query":"{ keyAreas { schools(first: 100) { edges { node { name } } } } }"}`,
		`{"query": "{ networks { name } }"`,
		`{"query":"{ schools(filter: {networkId: \"%%\"}) { totalCount } }"}`,
		`{"query":"mutation { deleteSchool(id: \"x\") }"}`,
		`[]`, `null`, `{}`, `{"query":1}`,
	} {
		f.Add([]byte(seed))
	}
	c := client{h: handler(knowledgeGraph(f), nil)}
	f.Fuzz(func(t *testing.T, body []byte) {
		r, err := c.send(body)
		switch r.status {
		case http.StatusOK, http.StatusBadRequest, http.StatusRequestEntityTooLarge, http.StatusUnprocessableEntity:
		default:
			t.Fatalf("HTTP %d for %q: %s", r.status, body, r.raw)
		}
		if err != nil {
			t.Fatalf("not JSON for %q: %s", body, r.raw)
		}
		for _, e := range r.Errors {
			if e.Extensions["code"] == "INTERNAL_SERVER_ERROR" {
				t.Fatalf("internal error for %q: %s", body, r.raw)
			}
		}
	})
}
