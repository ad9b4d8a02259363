package graph

import (
	"context"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"github.com/aspgraph/aspgraph/aspnet"
)

// WithReadsNeedToken makes queries need a verified bearer token too (any role); without it,
// only mutations do.
func WithReadsNeedToken() Option { return func(o *options) { o.readsNeedToken = true } }

// requireEditor returns the caller when it may write: a key verifies tokens, the caller's
// token is valid and its roles include editor. Errors: FORBIDDEN when writes are disabled or
// the role is missing, UNAUTHENTICATED naming why the token was not accepted.
func requireEditor(ctx context.Context) (*aspnet.Principal, error) {
	c := aspnet.CallerFromContext(ctx)
	switch {
	case !c.Verifiable:
		return nil, aspnet.Errorf(aspnet.CodeForbidden, "writes are disabled: set JWT_SECRET or JWT_JWKS_URL to enable them")
	case c.Principal == nil:
		return nil, aspnet.Errorf(aspnet.CodeUnauthenticated, "writes need a valid bearer token: %s", c.Reason)
	case !c.Principal.HasRole(aspnet.RoleEditor):
		return nil, aspnet.Errorf(aspnet.CodeForbidden, "writes need a token whose roles include %s", aspnet.RoleEditor)
	}
	return c.Principal, nil
}

// requireReader answers UNAUTHENTICATED for a query or subscription without a valid token,
// when reads need one; mutations check their own tokens.
func requireReader(ctx context.Context, readsNeedToken bool, next graphql.OperationHandler) graphql.ResponseHandler {
	oc := graphql.GetOperationContext(ctx)
	if !readsNeedToken || oc.Operation == nil || oc.Operation.Operation == ast.Mutation {
		return next(ctx)
	}
	c := aspnet.CallerFromContext(ctx)
	if c.Principal != nil {
		return next(ctx)
	}
	reason := c.Reason
	if !c.Verifiable {
		reason = "neither JWT_SECRET nor JWT_JWKS_URL is configured"
	}
	return graphql.OneShot(&graphql.Response{Errors: gqlerror.List{{
		Message:    "reads need a valid bearer token: " + reason,
		Extensions: map[string]any{"code": string(aspnet.CodeUnauthenticated)},
	}}})
}
