package graph

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"time"

	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/handler"
	"github.com/99designs/gqlgen/graphql/handler/extension"
	"github.com/99designs/gqlgen/graphql/handler/lru"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"github.com/aspgraph/aspgraph/aspnet"
	"github.com/aspgraph/aspgraph/graph/scalars"
)

// Compile-time check that the resolvers wire up.
var _ ResolverRoot = &Resolver{}

// options configure NewHandler.
type options struct {
	limits     Limits
	timeout    time.Duration
	observer   Observer // WithObserver, in observe.go
	extensions []graphql.HandlerExtension

	allow           *AllowList
	noIntrospection bool
	readsNeedToken  bool      // WithReadsNeedToken, in access.go
	maxConcurrent   int       // WithMaxConcurrent, in admission.go
	heavy           HeavyLane // WithHeavyLane, in admission.go
}

// Option configures NewHandler.
type Option func(*options)

// WithLimits replaces DefaultLimits.
func WithLimits(l Limits) Option { return func(o *options) { o.limits = l } }

// WithTimeout bounds each operation (zero: DefaultTimeout).
func WithTimeout(d time.Duration) Option { return func(o *options) { o.timeout = d } }

// WithExtension adds a gqlgen extension to the executor, after the service's own (telemetry's
// tracer is one).
func WithExtension(ext graphql.HandlerExtension) Option {
	return func(o *options) { o.extensions = append(o.extensions, ext) }
}

// DefaultTimeout bounds each operation unless WithTimeout says otherwise.
const DefaultTimeout = 10 * time.Second

// NewHandler returns the GraphQL endpoint over store: GraphQL over HTTP (POST and GET,
// transport.go), limits measured before anything else (precheck.go), admission (admission.go),
// a parsed-query cache, introspection for the playground, a timeout per operation,
// per-operation loaders, and an error presenter that shows clients only what they may see.
// What HTTP puts in front of it (the body limit, authentication, each client's budget, CORS)
// is package httpapi's.
func NewHandler(store Store, log *slog.Logger, opts ...Option) http.Handler {
	o := options{limits: DefaultLimits, timeout: DefaultTimeout, heavy: DefaultHeavyLane}
	for _, opt := range opts {
		opt(&o)
	}
	cfg := Config{Resolvers: &Resolver{Store: store}}
	complexity(&cfg.Complexity)
	es := NewExecutableSchema(cfg)
	srv := handler.New(es)
	srv.AddTransport(httpTransport{})
	// The parsed-query cache is keyed by the document's text.
	srv.SetQueryCache(smallOnly[*ast.QueryDocument]{lru.New[*ast.QueryDocument](1000), func(key string, _ *ast.QueryDocument) int { return len(key) }})
	srv.SetParserTokenLimit(o.limits.MaxTokens)
	if o.noIntrospection {
		srv.SetDisableSuggestion(true)
	} else {
		srv.Use(extension.Introspection{})
	}
	persisted := persistedTexts{allow: o.allow}
	if o.allow != nil {
		srv.Use(allowListExt{list: o.allow})
	} else {
		// The persisted-query cache holds documents by their hash.
		persisted.apq = smallOnly[string]{lru.New[string](1000), func(_, doc string) int { return len(doc) }}
		srv.Use(extension.AutomaticPersistedQuery{Cache: persisted.apq})
	}
	// The pre-check (readRequests) has measured the document's complexity already; gqlgen's
	// extension measures it again for operations sent by hash alone, with their variables.
	srv.Use(extension.FixedComplexityLimit(o.limits.MaxComplexity))
	srv.AroundOperations(func(ctx context.Context, next graphql.OperationHandler) graphql.ResponseHandler {
		return requireReader(ctx, o.readsNeedToken, next)
	})
	srv.AroundOperations(func(ctx context.Context, next graphql.OperationHandler) graphql.ResponseHandler {
		ctx, cancel := context.WithTimeout(ctx, o.timeout)
		// The response handler may run after this function returns (deferred and streamed
		// responses), so the context is released when the request's context ends.
		context.AfterFunc(ctx, cancel)
		return next(WithLoaders(ctx, NewLoaders(store)))
	})
	if o.observer != nil {
		srv.AroundResponses(observe(o.observer))
	}
	for _, ext := range o.extensions {
		srv.Use(ext)
	}
	srv.SetErrorPresenter(func(ctx context.Context, err error) *gqlerror.Error {
		return presentError(ctx, log, err)
	})
	srv.SetRecoverFunc(func(ctx context.Context, v any) error {
		return fmt.Errorf("panic: %v", v)
	})
	return readRequests(es, o.limits, log, persisted, heavyLane(o.heavy, o.timeout, o.observer, admit(o.maxConcurrent, o.timeout, o.observer, srv)))
}

// CodeCanceled is the code of an error whose request the client cancelled (it disconnected):
// the operation's outcome in logs and metrics, which count it apart from the service's errors.
const CodeCanceled = "CANCELED"

// presentError maps an error to what the client sees. Application errors keep their message
// and code; errors gqlgen raised for the request itself (parse, validation) pass through;
// anything else is internal: logged with the request ID, and masked.
func presentError(ctx context.Context, log *slog.Logger, err error) *gqlerror.Error {
	gqlErr := graphql.DefaultErrorPresenter(ctx, err)
	var appErr *aspnet.Error
	if errors.As(err, &appErr) {
		if appErr.Code != aspnet.CodeInternal {
			gqlErr.Message = errorMessage(ctx, appErr)
			var inErr *scalars.InputError
			if errors.As(err, &inErr) {
				gqlErr.Message = "argument " + argumentPath(gqlErr.Path) + ": " + appErr.Message
			}
			setCode(gqlErr, string(appErr.Code))
			if appErr.Code == aspnet.CodeUnavailable {
				log.WarnContext(ctx, "graph database unavailable", "request_id", aspnet.RequestIDFromContext(ctx), "path", gqlErr.Path.String(), "error", err.Error())
			}
			return gqlErr
		}
	}
	var raw *gqlerror.Error
	if errors.As(err, &raw) && raw.Err == nil {
		// Raised by gqlgen itself about the request (parsing, validation, variables that do
		// not fit their types): the client's error, with gqlgen's message. Errors of the
		// resolvers always carry their cause in Err, so they never take this branch.
		if _, ok := gqlErr.Extensions["code"]; !ok {
			setCode(gqlErr, string(aspnet.CodeBadUserInput))
		}
		return gqlErr
	}
	if errors.Is(err, context.Canceled) && ctx.Err() != nil {
		// The client went away: nobody reads the answer, and the service did nothing wrong.
		log.InfoContext(ctx, "request canceled by the client", "request_id", aspnet.RequestIDFromContext(ctx), "path", gqlErr.Path.String())
		gqlErr.Message = "The request was canceled."
		gqlErr.Extensions = map[string]any{"code": CodeCanceled}
		return gqlErr
	}
	id := aspnet.RequestIDFromContext(ctx)
	log.ErrorContext(ctx, "internal error", "request_id", id, "path", gqlErr.Path.String(), "error", err.Error())
	gqlErr.Message = "Internal error; quote request ID " + id + " when reporting it."
	gqlErr.Extensions = map[string]any{"code": string(aspnet.CodeInternal), "requestId": id}
	return gqlErr
}

// argumentPath names the argument an input error is on: the path below the field, such as
// filter.from.
func argumentPath(p ast.Path) string {
	var parts []string
	for _, el := range p {
		if name, ok := el.(ast.PathName); ok {
			parts = append(parts, string(name))
		}
	}
	if len(parts) > 1 {
		parts = parts[1:]
	}
	return strings.Join(parts, ".")
}

func setCode(e *gqlerror.Error, code string) {
	if e.Extensions == nil {
		e.Extensions = map[string]any{}
	}
	e.Extensions["code"] = code
}
