package graph_test

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/aspgraph/aspgraph/graph"
)

type exchange struct {
	status int
	header http.Header
	body   map[string]json.RawMessage
	errors []gqlError
	raw    string
}

// exchangeWith makes one HTTP request to h and decodes the GraphQL response it gets.
func exchangeWith(t *testing.T, h http.Handler, method, target, contentType, accept, body string) exchange {
	t.Helper()
	req := httptest.NewRequest(method, target, strings.NewReader(body))
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	if accept != "" {
		req.Header.Set("Accept", accept)
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	x := exchange{status: rec.Code, header: rec.Header(), raw: rec.Body.String()}
	if method == http.MethodOptions {
		return x
	}
	if err := json.Unmarshal(rec.Body.Bytes(), &x.body); err != nil {
		t.Fatalf("HTTP %d, not a JSON object: %v\n%s", rec.Code, err, rec.Body)
	}
	if e, ok := x.body["errors"]; ok {
		if err := json.Unmarshal(e, &x.errors); err != nil {
			t.Fatal(err)
		}
	}
	return x
}

// TestGraphQLOverHTTP checks the status codes and bodies of the GraphQL-over-HTTP
// specification: every request error under application/json is 200 with its errors, under
// application/graphql-response+json 400 without data, refusals at the HTTP level are GraphQL
// error documents, and every error has a code.
func TestGraphQLOverHTTP(t *testing.T) {
	h := handler(knowledgeGraph(t), nil)
	const js, gr = "application/json", "application/graphql-response+json"
	q := func(query string) string {
		b, _ := json.Marshal(map[string]any{"query": query})
		return string(b)
	}
	deep := "{ events { edges { node { " + strings.Repeat("partOf { ", 11) + "name" + strings.Repeat(" }", 11) + " } } } }"
	requestErrors := map[string]struct{ body, code string }{
		"Parse":             {q("{ networks { name "), "GRAPHQL_PARSE_FAILED"},
		"Validation":        {q("{ networks { noSuchField } }"), "GRAPHQL_VALIDATION_FAILED"},
		"Depth":             {q(deep), graph.CodeDepthLimit},
		"Complexity":        {q(`{ keyAreas { schools(first: 100) { edges { node { events { organizers { name } } } } } } }`), graph.CodeComplexityLimit},
		"UnknownOperation":  {`{"query":"query A { networks { name } }","operationName":"B"}`, graph.CodeUnknownOperation},
		"SeveralOperations": {`{"query":"query A { networks { name } } query B { keyAreas { name } }"}`, graph.CodeOperationNameRequired},
		"VariableType":      {`{"query":"query($n: Int) { schools(first: $n) { totalCount } }","variables":{"n":"many"}}`, "GRAPHQL_VALIDATION_FAILED"},
	}
	for name, tc := range requestErrors {
		t.Run(name, func(t *testing.T) {
			for _, accept := range []string{js, "", "*/*", gr, "application/graphql-response+json, application/json;q=0.9"} {
				x := exchangeWith(t, h, http.MethodPost, "/query", js, accept, tc.body)
				wantStatus, wantType := http.StatusOK, js
				if strings.HasPrefix(accept, gr) {
					wantStatus, wantType = http.StatusBadRequest, gr
				}
				if x.status != wantStatus || x.header.Get("Content-Type") != wantType {
					t.Errorf("Accept %q: HTTP %d %s, want %d %s: %s", accept, x.status, x.header.Get("Content-Type"), wantStatus, wantType, x.raw)
				}
				if len(x.errors) == 0 || x.errors[0].Extensions["code"] != tc.code {
					t.Errorf("Accept %q: want code %s: %s", accept, tc.code, x.raw)
				}
				if _, ok := x.body["data"]; ok && wantType == gr {
					t.Errorf("Accept %q: a request error with a data entry: %s", accept, x.raw)
				}
			}
		})
	}
	t.Run("SeveralOperationsMessage", func(t *testing.T) {
		x := exchangeWith(t, h, http.MethodPost, "/query", js, js, requestErrors["SeveralOperations"].body)
		if x.errors[0].Message != "the document holds several operations: give operationName" {
			t.Errorf("got %q", x.errors[0].Message)
		}
		x = exchangeWith(t, h, http.MethodPost, "/query", js, js, `{"query":"query A { networks { name } } query B { keyAreas { name } }","operationName":"B"}`)
		if x.status != http.StatusOK || len(x.errors) > 0 || !strings.Contains(x.raw, `"keyAreas"`) {
			t.Errorf("operationName B: %s", x.raw)
		}
	})
	t.Run("GET", func(t *testing.T) {
		x := exchangeWith(t, h, http.MethodGet, "/query?query="+url.QueryEscape("{ networks { scope } }"), "", "", "")
		if x.status != http.StatusOK || !strings.Contains(x.raw, "GLOBAL") {
			t.Errorf("a query over GET: HTTP %d %s", x.status, x.raw)
		}
		for _, m := range []string{`mutation { deleteSchool(id: "x") { id } }`, `mutation M { __typename }`} {
			x = exchangeWith(t, h, http.MethodGet, "/query?query="+url.QueryEscape(m), "", gr, "")
			if x.status != http.StatusMethodNotAllowed || x.header.Get("Allow") != "POST" || x.errors[0].Extensions["code"] != graph.CodeMethodNotAllowed {
				t.Errorf("a mutation over GET: HTTP %d Allow %q %s", x.status, x.header.Get("Allow"), x.raw)
			}
		}
	})
	refusals := []struct {
		name, method, contentType, accept, body string
		status                                  int
		code                                    string
	}{
		{"PUT", http.MethodPut, js, js, q("{ __typename }"), http.StatusMethodNotAllowed, graph.CodeMethodNotAllowed},
		{"DELETE", http.MethodDelete, "", "", "", http.StatusMethodNotAllowed, graph.CodeMethodNotAllowed},
		{"TextPlain", http.MethodPost, "text/plain", js, q("{ __typename }"), http.StatusUnsupportedMediaType, graph.CodeUnsupportedMediaType},
		{"NoContentType", http.MethodPost, "", js, q("{ __typename }"), http.StatusUnsupportedMediaType, graph.CodeUnsupportedMediaType},
		{"Latin1", http.MethodPost, "application/json; charset=latin1", js, q("{ __typename }"), http.StatusUnsupportedMediaType, graph.CodeUnsupportedMediaType},
		{"FormURLEncoded", http.MethodPost, "application/x-www-form-urlencoded", js, "query=%7B__typename%7D", http.StatusUnsupportedMediaType, graph.CodeUnsupportedMediaType},
		{"AcceptHTML", http.MethodPost, js, "text/html", q("{ __typename }"), http.StatusNotAcceptable, graph.CodeNotAcceptable},
		{"AcceptXML", http.MethodGet, "", "application/xml", "", http.StatusNotAcceptable, graph.CodeNotAcceptable},
		{"Batch", http.MethodPost, js, js, `[{"query":"{ __typename }"},{"query":"{ __typename }"}]`, http.StatusBadRequest, graph.CodeBatchingNotSupported},
		{"NotJSON", http.MethodPost, js, js, `{"query": "{ __typename }", secret-token-abc`, http.StatusBadRequest, graph.CodeBadRequest},
		{"NotAnObject", http.MethodPost, js, gr, `"secret-token-abc"`, http.StatusBadRequest, graph.CodeBadRequest},
		{"Empty", http.MethodPost, js, js, "", http.StatusBadRequest, graph.CodeBadRequest},
		{"NotUTF8", http.MethodPost, js, js, "{\"query\":\"{ search(query: \\\"\xff\xfe\\\") { totalCount } }\"}", http.StatusBadRequest, graph.CodeBadRequest},
		{"NoQuery", http.MethodPost, js, js, `{"qeury":"{ __typename }"}`, http.StatusBadRequest, graph.CodeBadRequest},
		{"QueryNotString", http.MethodPost, js, js, `{"query":{"secret-token-abc":1}}`, http.StatusBadRequest, graph.CodeBadRequest},
		{"VariablesNotObject", http.MethodPost, js, js, `{"query":"{ __typename }","variables":"secret-token-abc"}`, http.StatusBadRequest, graph.CodeBadRequest},
		{"GETVariablesNotJSON", http.MethodGet, "", js, "", http.StatusBadRequest, graph.CodeBadRequest},
	}
	for _, tc := range refusals {
		t.Run(tc.name, func(t *testing.T) {
			target := "/query"
			if tc.name == "GETVariablesNotJSON" {
				target += "?query=" + url.QueryEscape("{ __typename }") + "&variables=secret-token-abc"
			}
			x := exchangeWith(t, h, tc.method, target, tc.contentType, tc.accept, tc.body)
			if x.status != tc.status || len(x.errors) != 1 || x.errors[0].Extensions["code"] != tc.code {
				t.Errorf("HTTP %d %s, want %d with code %s", x.status, x.raw, tc.status, tc.code)
			}
			if x.status == http.StatusMethodNotAllowed && x.header.Get("Allow") != "GET, POST" {
				t.Errorf("Allow %q", x.header.Get("Allow"))
			}
			if strings.Contains(x.raw, "secret-token-abc") {
				t.Errorf("the body was echoed back: %s", x.raw)
			}
		})
	}
	t.Run("OPTIONS", func(t *testing.T) {
		x := exchangeWith(t, h, http.MethodOptions, "/query", "", "", "")
		if x.status != http.StatusNoContent || !strings.Contains(x.header.Get("Allow"), "POST") {
			t.Errorf("HTTP %d Allow %q", x.status, x.header.Get("Allow"))
		}
	})
	t.Run("FieldErrorIs200", func(t *testing.T) {
		x := exchangeWith(t, h, http.MethodPost, "/query", js, gr, q(`{ schools(first: 101) { totalCount } }`))
		if x.status != http.StatusOK || len(x.errors) == 0 || x.errors[0].Extensions["code"] != "BAD_USER_INPUT" {
			t.Errorf("an execution error: HTTP %d %s", x.status, x.raw)
		}
	})
}
