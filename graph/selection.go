package graph

// What the request selects below the field being resolved: what a resolver reads with its
// parent, or leaves unread, depends on it.

import (
	"context"

	"github.com/99designs/gqlgen/graphql"
)

// selected reports whether the field being resolved selects the path of child fields, directly
// or through fragments: a connection's totalCount costs a count of every match, which is only
// paid when asked for, and a field read along with its parent saves a round trip. Outside
// gqlgen's execution it reports true.
func selected(ctx context.Context, path ...string) bool {
	if graphql.GetFieldContext(ctx) == nil {
		return true
	}
	oc := graphql.GetOperationContext(ctx)
	fields := graphql.CollectFieldsCtx(ctx, nil)
	for i, name := range path {
		var next []graphql.CollectedField
		found := false
		for _, f := range fields {
			if f.Name != name {
				continue
			}
			found = true
			if i < len(path)-1 {
				next = append(next, graphql.CollectFields(oc, f.Selections, nil)...)
			}
		}
		if !found {
			return false
		}
		fields = next
	}
	return true
}

// selectsAround reports whether node(id:) on a School selects fields that reach beyond the
// school (city, keyAreas, memberships), which one statement then reads with the school.
func selectsAround(ctx context.Context) bool {
	if graphql.GetFieldContext(ctx) == nil {
		return false
	}
	for _, f := range graphql.CollectFieldsCtx(ctx, []string{"School", "Node"}) {
		switch f.Name {
		case "city", "keyAreas", "memberships":
			return true
		}
	}
	return false
}

// selectsGrowth reports whether node(id:)'s selection asks a Network for its growth, and
// whether any such growth field asks for its points' citations.
func selectsGrowth(ctx context.Context) (growth, citations bool) {
	if graphql.GetFieldContext(ctx) == nil {
		return false, false
	}
	oc := graphql.GetOperationContext(ctx)
	for _, f := range graphql.CollectFieldsCtx(ctx, []string{"Network", "Node"}) {
		if f.Name != "growth" {
			continue
		}
		growth = true
		for _, g := range graphql.CollectFields(oc, f.Selections, []string{"GrowthPoint"}) {
			citations = citations || g.Name == "citations"
		}
	}
	return growth, citations
}

// selectsCitations reports whether the field being resolved, a list of growth points, asks
// for their citations.
func selectsCitations(ctx context.Context) bool {
	if graphql.GetFieldContext(ctx) == nil {
		return true
	}
	for _, f := range graphql.CollectFieldsCtx(ctx, []string{"GrowthPoint"}) {
		if f.Name == "citations" {
			return true
		}
	}
	return false
}
