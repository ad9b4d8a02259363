package graph

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"mime"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/99designs/gqlgen/graphql"
	gojson "github.com/goccy/go-json"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"github.com/aspgraph/aspgraph/aspnet"
)

// GraphQL over HTTP, as the GraphQL-over-HTTP specification says: POST with a JSON body, GET
// with the parameters in the URL (queries only), answered as application/json or
// application/graphql-response+json as the Accept header asks.
//
// gqlgen's own POST and GET transports are not used: they echo a body that is not JSON back in
// the error, answer HTTP 422 to validation errors under application/json (which Apollo Client
// then reports as a network error with no GraphQL errors), 406 to a mutation over GET, and a
// bare 400 "transport not supported" with no error code to a wrong method or Content-Type.
// What they do beyond that is gqlgen's executor, which this transport calls the same way.

// The media types of responses.
const (
	mediaJSON            = "application/json"
	mediaGraphQLResponse = "application/graphql-response+json"
)

// The codes of requests refused at the HTTP level.
const (
	CodeBadRequest           = "BAD_REQUEST"
	CodeBatchingNotSupported = "BATCHING_NOT_SUPPORTED"
	CodeMethodNotAllowed     = "METHOD_NOT_ALLOWED"
	CodeNotAcceptable        = "NOT_ACCEPTABLE"
	CodeUnsupportedMediaType = "UNSUPPORTED_MEDIA_TYPE"
)

// request is a GraphQL-over-HTTP request once read and measured.
type request struct {
	params graphql.RawParams
	media  string // of the response
	// complexity is the operation's, as the pre-check estimated it (0 for a document sent by
	// a hash this service does not know: it runs nothing).
	complexity int
}

type requestKey struct{}

// readRequests reads each GraphQL request from HTTP, refuses what the specification and the
// limits refuse, and hands the rest on with the request in the context, for httpTransport.
// Refusals are GraphQL error documents with a code: HTTP 405, 406 and 415 for the method,
// Accept and Content-Type; 400 for a body or parameters that are not a GraphQL request; and
// for a document the pre-check refuses, 200 under application/json and 400 under
// application/graphql-response+json.
func readRequests(es graphql.ExecutableSchema, l Limits, log *slog.Logger, persisted persistedTexts, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodOptions {
			w.Header().Set("Allow", "GET, POST, OPTIONS")
			w.WriteHeader(http.StatusNoContent)
			return
		}
		if r.Method != http.MethodGet && r.Method != http.MethodPost {
			w.Header().Set("Allow", "GET, POST")
			httpError(w, http.StatusMethodNotAllowed, CodeMethodNotAllowed, "/query answers GET and POST, not "+truncate(r.Method, 20))
			return
		}
		media, ok := negotiate(strings.Join(r.Header.Values("Accept"), ","))
		if !ok {
			httpError(w, http.StatusNotAcceptable, CodeNotAcceptable, "the Accept header admits neither application/graphql-response+json nor application/json, the only media types of GraphQL responses")
			return
		}
		req := &request{media: media}
		var bad string
		code := CodeBadRequest
		if r.Method == http.MethodGet {
			bad = fromURL(r.URL.Query(), &req.params)
		} else {
			if status, msg := contentType(r.Header.Get("Content-Type")); status != 0 {
				httpError(w, status, CodeUnsupportedMediaType, msg)
				return
			}
			code, bad = fromBody(r.Body, &req.params)
		}
		if bad != "" {
			httpError(w, http.StatusBadRequest, code, bad)
			return
		}
		if req.params.Query != "" || req.params.Extensions["persistedQuery"] == nil {
			// A query sent by its hash alone is one this service has already measured
			// and stored (automatic persisted queries) or one on its allow-list.
			c, refused := precheck(r.Context(), es, l, req.params.Query, req.params.OperationName, req.params.Variables)
			if len(refused) > 0 {
				code, _ := refused[0].Extensions["code"].(string)
				if code == CodeCanceled || r.Context().Err() != nil {
					return // the client went away: nobody reads the refusal
				}
				log.InfoContext(r.Context(), "graphql refused before validation", "request_id", aspnet.RequestIDFromContext(r.Context()), "outcome", code)
				writeResponse(w, req.media, requestErrorStatus(req.media), &graphql.Response{Errors: refused})
				return
			}
			if r.Method == http.MethodGet && c.operation.Operation != ast.Query {
				getNotQuery(w, c.operation.Operation)
				return
			}
			req.complexity = c.complexity
		} else {
			req.complexity = persisted.complexity(r.Context(), es, l, req.params)
		}
		next.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), requestKey{}, req)))
	})
}

// requestErrorStatus is the status of a response to a request that did not execute: under
// application/graphql-response+json the specification asks for 400; under application/json
// for 200, which the clients that predate the former (Apollo Client 3 among them) need to
// read the errors at all.
func requestErrorStatus(media string) int {
	if media == mediaGraphQLResponse {
		return http.StatusBadRequest
	}
	return http.StatusOK
}

func getNotQuery(w http.ResponseWriter, op ast.Operation) {
	w.Header().Set("Allow", "POST")
	httpError(w, http.StatusMethodNotAllowed, CodeMethodNotAllowed, "a "+string(op)+" cannot be sent with GET, which may only read: send it with POST")
}

// negotiate picks the response's media type from an Accept header: the acceptable one of
// highest quality, the first listed among equals; none or only wildcards is application/json.
func negotiate(accept string) (string, bool) {
	if strings.TrimSpace(accept) == "" {
		return mediaJSON, true
	}
	best, bestQ := "", 0.0
	for _, part := range strings.Split(accept, ",") {
		mt, params, err := mime.ParseMediaType(strings.TrimSpace(part))
		if err != nil {
			continue
		}
		q := 1.0
		if s, ok := params["q"]; ok {
			if q, err = strconv.ParseFloat(s, 64); err != nil {
				continue
			}
		}
		var m string
		switch mt {
		case mediaGraphQLResponse:
			m = mediaGraphQLResponse
		case mediaJSON, "application/*", "*/*":
			m = mediaJSON
		default:
			continue
		}
		if q > bestQ {
			best, bestQ = m, q
		}
	}
	return best, best != ""
}

// contentType checks a POST's Content-Type: application/json, in UTF-8 (or no charset).
func contentType(header string) (int, string) {
	if header == "" {
		return http.StatusUnsupportedMediaType, "a POST needs Content-Type: application/json"
	}
	mt, params, err := mime.ParseMediaType(header)
	if err != nil || mt != mediaJSON {
		return http.StatusUnsupportedMediaType, "a POST needs Content-Type: application/json, not " + strconv.Quote(truncate(header, 100))
	}
	if cs, ok := params["charset"]; ok && !strings.EqualFold(cs, "utf-8") {
		return http.StatusUnsupportedMediaType, "the body must be UTF-8, not " + strconv.Quote(truncate(cs, 40))
	}
	return 0, ""
}

// fromBody reads a POST's JSON body into p. It returns the code and message of what is wrong
// with it, if anything; a message never quotes the body.
func fromBody(body io.Reader, p *graphql.RawParams) (string, string) {
	var buf bytes.Buffer
	_, err := io.Copy(&buf, body) // in one copy of the body LimitBody read (an io.WriterTo)
	b := buf.Bytes()
	if err != nil {
		return CodeBadRequest, "the request body could not be read"
	}
	trimmed := bytes.TrimLeft(b, " \t\r\n")
	switch {
	case len(trimmed) == 0:
		return CodeBadRequest, "the request body is empty: send a JSON object such as {\"query\": \"{ networks { name } }\"}"
	case trimmed[0] == '[':
		return CodeBatchingNotSupported, "batching is not supported: send one request, a JSON object, per HTTP request"
	case trimmed[0] != '{':
		return CodeBadRequest, "the request body must be a JSON object with a query"
	case !utf8.Valid(b):
		return CodeBadRequest, "the request body is not UTF-8, as JSON must be"
	}
	// goccy/go-json reads the body: encoding/json takes over 10 ms of CPU for a 1 MiB query
	// string, a dozen times longer (BenchmarkRefusal). Variables and extensions, usually
	// small, are decoded apart with numbers kept as json.Number, as gqlgen keeps them.
	var raw struct {
		Query         *string           `json:"query"`
		OperationName *string           `json:"operationName"`
		Variables     gojson.RawMessage `json:"variables"`
		Extensions    gojson.RawMessage `json:"extensions"`
	}
	err = gojson.Unmarshal(b, &raw)
	var typeErr *gojson.UnmarshalTypeError
	var syn *gojson.SyntaxError
	switch {
	case errors.As(err, &typeErr):
		return CodeBadRequest, wrongType(typeErr.Field)
	case errors.As(err, &syn):
		return CodeBadRequest, "the request body is not valid JSON (at byte " + strconv.FormatInt(syn.Offset, 10) + ")"
	case err != nil:
		return CodeBadRequest, "the request body is not valid JSON"
	}
	for name, in := range map[string]gojson.RawMessage{"variables": raw.Variables, "extensions": raw.Extensions} {
		out := &p.Variables
		if name == "extensions" {
			out = &p.Extensions
		}
		if s := bytes.TrimSpace(in); len(s) > 0 && string(s) != "null" {
			if err := decodeObject(s, out); err != nil {
				return CodeBadRequest, wrongType(name)
			}
		}
	}
	if raw.Query != nil {
		p.Query = *raw.Query
	}
	if raw.OperationName != nil {
		p.OperationName = *raw.OperationName
	}
	return CodeBadRequest, missingQuery(p)
}

// wrongType says what a parameter of the wrong JSON type should be.
func wrongType(param string) string {
	switch param {
	case "query":
		return "query must be a string holding a GraphQL document"
	case "operationName":
		return "operationName must be a string or null"
	case "variables", "extensions":
		return param + " must be a JSON object (or null)"
	}
	return "a parameter has the wrong JSON type"
}

func missingQuery(p *graphql.RawParams) string {
	if p.Query == "" && p.Extensions["persistedQuery"] == nil {
		return "the request has no query: send the GraphQL document in query"
	}
	return ""
}

// fromURL reads a GET's parameters into p; variables and extensions are JSON in the URL.
func fromURL(q url.Values, p *graphql.RawParams) string {
	p.Query, p.OperationName = q.Get("query"), q.Get("operationName")
	for _, name := range []string{"query", "operationName", "variables", "extensions"} {
		if !utf8.ValidString(q.Get(name)) {
			return name + " is not UTF-8"
		}
	}
	for name, out := range map[string]*map[string]any{"variables": &p.Variables, "extensions": &p.Extensions} {
		if v := q.Get(name); v != "" && v != "null" {
			if err := decodeObject([]byte(v), out); err != nil {
				return wrongType(name)
			}
		}
	}
	return missingQuery(p)
}

// decodeObject decodes a JSON object, keeping numbers as json.Number as gqlgen does.
func decodeObject(v []byte, out *map[string]any) error {
	if s := bytes.TrimSpace(v); len(s) == 0 || s[0] != '{' {
		return errors.New("not an object")
	}
	dec := json.NewDecoder(bytes.NewReader(v))
	dec.UseNumber()
	if err := dec.Decode(out); err != nil {
		return err
	}
	if dec.More() {
		return errors.New("data after the JSON object")
	}
	return nil
}

// httpError answers a request refused at the HTTP level with a GraphQL error document.
func httpError(w http.ResponseWriter, status int, code, msg string) {
	writeResponse(w, mediaJSON, status, &graphql.Response{Errors: gqlerror.List{{
		Message: msg, Extensions: map[string]any{"code": code},
	}}})
}

// writeResponse writes a GraphQL response. One with errors and no data is a request error
// (nothing executed), whose response has no data entry, as the GraphQL specification says.
func writeResponse(w http.ResponseWriter, media string, status int, resp *graphql.Response) {
	var v any = resp
	if len(resp.Data) == 0 && len(resp.Errors) > 0 {
		v = struct {
			Errors     gqlerror.List  `json:"errors"`
			Extensions map[string]any `json:"extensions,omitempty"`
		}{resp.Errors, resp.Extensions}
	}
	b, err := json.Marshal(v)
	if err != nil {
		status = http.StatusInternalServerError
		b = []byte(`{"errors":[{"message":"the response could not be written","extensions":{"code":"INTERNAL_SERVER_ERROR"}}]}`)
	}
	w.Header().Set("Content-Type", media)
	w.WriteHeader(status)
	_, _ = w.Write(append(b, '\n'))
}

// httpTransport executes the requests readRequests read, with gqlgen's executor.
type httpTransport struct{}

var _ graphql.Transport = httpTransport{}

func (httpTransport) Supports(r *http.Request) bool {
	_, ok := r.Context().Value(requestKey{}).(*request)
	return ok
}

func (httpTransport) Do(w http.ResponseWriter, r *http.Request, exec graphql.GraphExecutor) {
	ctx := r.Context()
	req := ctx.Value(requestKey{}).(*request)
	params := req.params
	params.Headers = r.Header
	params.ReadTime = graphql.TraceTiming{Start: graphql.Now(), End: graphql.Now()}
	oc, errs := exec.CreateOperationContext(ctx, &params)
	if errs != nil {
		resp := exec.DispatchError(graphql.WithOperationContext(ctx, oc), errs)
		writeResponse(w, req.media, requestErrorStatus(req.media), resp)
		return
	}
	if r.Method == http.MethodGet && oc.Operation.Operation != ast.Query {
		// Sent by hash alone, so the pre-check could not see it was not a query.
		getNotQuery(w, oc.Operation.Operation)
		return
	}
	responses, ctx := exec.DispatchOperation(ctx, oc)
	resp := responses(ctx)
	if resp == nil {
		return // the client went away
	}
	writeResponse(w, req.media, http.StatusOK, resp)
}
