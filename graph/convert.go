package graph

import (
	"context"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"

	"github.com/aspgraph/aspgraph/aspnet"
	"github.com/aspgraph/aspgraph/graph/model"
)

// listOf keeps the entities of type T, in order.
func listOf[T aspnet.Node](nodes []aspnet.Node) []T {
	out := make([]T, 0, len(nodes))
	for _, n := range nodes {
		if t, ok := n.(T); ok {
			out = append(out, t)
		}
	}
	return out
}

// firstOf returns the first entity of type T, or the zero value when there is none.
func firstOf[T aspnet.Node](nodes []aspnet.Node) T {
	var zero T
	for _, n := range nodes {
		if t, ok := n.(T); ok {
			return t
		}
	}
	return zero
}

// relatedList follows a relation from key and keeps the entities of type T.
func relatedList[T aspnet.Node](ctx context.Context, r *Resolver, rel aspnet.Relation, key string) ([]T, error) {
	nodes, err := r.loaders(ctx).related(ctx, rel, key)
	if err != nil {
		return nil, err
	}
	return listOf[T](nodes), nil
}

// relatedOne follows a relation that leads to at most one entity.
func relatedOne[T aspnet.Node](ctx context.Context, r *Resolver, rel aspnet.Relation, key string) (T, error) {
	nodes, err := r.loaders(ctx).related(ctx, rel, key)
	if err != nil {
		var zero T
		return zero, err
	}
	return firstOf[T](nodes), nil
}

// byKeyOf loads the entity of kind k with key key, as a T; nil when there is none.
func byKeyOf[T aspnet.Node](ctx context.Context, r *Resolver, k aspnet.Kind, key string) (T, error) {
	n, err := r.loaders(ctx).node(ctx, k, key)
	var zero T
	if err != nil || n == nil {
		return zero, err
	}
	t, _ := n.(T)
	return t, nil
}

// allOf lists every entity of kind k as Ts.
func allOf[T aspnet.Node](ctx context.Context, r *Resolver, k aspnet.Kind) ([]T, error) {
	nodes, err := r.Store.All(ctx, k)
	if err != nil {
		return nil, err
	}
	return listOf[T](nodes), nil
}

// withName keeps the items with a name containing sub (case aside; see aspnet.NameContains),
// all of them when sub is nil.
func withName[T any](items []T, sub *string, names func(T) (string, []aspnet.Name)) []T {
	if sub == nil {
		return items
	}
	out := items[:0:0]
	for _, it := range items {
		if display, ns := names(it); aspnet.NameContains(display, ns, *sub) {
			out = append(out, it)
		}
	}
	return out
}

func pageInfo[T any](c *aspnet.Conn[T]) *model.PageInfo {
	p := &model.PageInfo{HasNextPage: c.HasNext, HasPreviousPage: c.HasPrev}
	if n := len(c.Cursors); n > 0 {
		p.StartCursor, p.EndCursor = &c.Cursors[0], &c.Cursors[n-1]
	}
	return p
}

func schoolConnection(c *aspnet.Conn[*aspnet.School]) *model.SchoolConnection {
	out := &model.SchoolConnection{TotalCount: c.TotalCount, PageInfo: pageInfo(c), Edges: make([]*model.SchoolEdge, len(c.Items))}
	for i, it := range c.Items {
		out.Edges[i] = &model.SchoolEdge{Cursor: c.Cursors[i], Node: it}
	}
	return out
}

func eventConnection(c *aspnet.Conn[*aspnet.Event]) *model.EventConnection {
	out := &model.EventConnection{TotalCount: c.TotalCount, PageInfo: pageInfo(c), Edges: make([]*model.EventEdge, len(c.Items))}
	for i, it := range c.Items {
		out.Edges[i] = &model.EventEdge{Cursor: c.Cursors[i], Node: it}
	}
	return out
}

func membershipConnection(c *aspnet.Conn[*aspnet.Membership]) *model.MembershipConnection {
	out := &model.MembershipConnection{TotalCount: c.TotalCount, UncertainCount: c.Uncertain, PageInfo: pageInfo(c), Edges: make([]*model.MembershipEdge, len(c.Items))}
	for i, it := range c.Items {
		out.Edges[i] = &model.MembershipEdge{Cursor: c.Cursors[i], Node: it}
	}
	return out
}

func removalConnection(c *aspnet.Conn[*aspnet.Removal]) *model.RemovalConnection {
	out := &model.RemovalConnection{TotalCount: c.TotalCount, PageInfo: pageInfo(c), Edges: make([]*model.RemovalEdge, len(c.Items))}
	for i, it := range c.Items {
		out.Edges[i] = &model.RemovalEdge{Cursor: c.Cursors[i], Node: it}
	}
	return out
}

// pageArgs gathers a connection field's arguments. gqlgen fills in first's declared default
// (20) when the request leaves it out; given last, that default gives way, while a first the
// request gives itself is refused along with last.
func pageArgs(ctx context.Context, first *int, after *string, last *int, before *string) aspnet.PageArgs {
	if last != nil && !argGiven(ctx, "first") {
		first = nil
	}
	return aspnet.PageArgs{First: first, After: after, Last: last, Before: before}
}

// argGiven reports whether the request gives the argument of the field being resolved: written
// in the field, as a literal or as a variable the request sets. Outside gqlgen's execution it
// reports true.
func argGiven(ctx context.Context, name string) bool {
	fc := graphql.GetFieldContext(ctx)
	if fc == nil || fc.Field.Field == nil {
		return true
	}
	a := fc.Field.Arguments.ForName(name)
	if a == nil {
		return false
	}
	if a.Value.Kind == ast.Variable {
		_, ok := graphql.GetOperationContext(ctx).Variables[a.Value.Raw]
		return ok
	}
	return true
}

// pageKeyOf checks a nested connection's arguments and makes its loader key.
func pageKeyOf(parent string, args aspnet.PageArgs) (pageKey, error) {
	p, err := aspnet.NewPageOf(args)
	if err != nil {
		return pageKey{}, err
	}
	k := pageKey{parent: parent, first: p.First, backward: p.Backward}
	if args.After != nil {
		k.after = *args.After
	}
	if args.Before != nil {
		k.before = *args.Before
	}
	return k, nil
}

// filterKey decodes an ID given in a filter: it must be an ID of kind k. Errors are
// BAD_USER_INPUT and name the argument.
func filterKey(arg string, id *string, k aspnet.Kind) (*string, error) {
	if id == nil {
		return nil, nil
	}
	kind, key, ok := aspnet.DecodeID(*id)
	if !ok || kind != k {
		return nil, aspnet.Errorf(aspnet.CodeBadUserInput, "argument %s: %q is not the ID of a %s", arg, *id, k)
	}
	return &key, nil
}

func schoolFilter(f *model.SchoolFilter) (aspnet.SchoolCriteria, error) {
	var out aspnet.SchoolCriteria
	if f == nil {
		return out, nil
	}
	var err error
	if out.NetworkKey, err = filterKey("filter.networkId", f.NetworkID, aspnet.KindNetwork); err != nil {
		return out, err
	}
	if out.KeyAreaKey, err = filterKey("filter.keyAreaId", f.KeyAreaID, aspnet.KindKeyArea); err != nil {
		return out, err
	}
	if out.CityKey, err = filterKey("filter.cityId", f.CityID, aspnet.KindCity); err != nil {
		return out, err
	}
	if out.CountryKey, err = filterKey("filter.countryId", f.CountryID, aspnet.KindCountry); err != nil {
		return out, err
	}
	out.Founding, out.NameContains, out.AsOf = f.Founding, f.NameContains, f.AsOf
	out.AsOfUncertain = f.AsOfUncertain != nil && *f.AsOfUncertain
	if out.AsOfUncertain && out.AsOf == nil {
		return out, aspnet.Errorf(aspnet.CodeBadUserInput, "argument filter.asOfUncertain: needs filter.asOf")
	}
	out.FollowMappings = f.FollowKeyAreaMappings != nil && *f.FollowKeyAreaMappings
	out.KeyAreaBases = f.KeyAreaBases
	return out, nil
}

func eventFilter(f *model.EventFilter) (aspnet.EventCriteria, error) {
	var out aspnet.EventCriteria
	if f == nil {
		return out, nil
	}
	var err error
	if out.KeyAreaKey, err = filterKey("filter.keyAreaId", f.KeyAreaID, aspnet.KindKeyArea); err != nil {
		return out, err
	}
	if out.OrganizerKey, err = filterKey("filter.organizerId", f.OrganizerID, aspnet.KindOrganization); err != nil {
		return out, err
	}
	if out.VenueKey, err = filterKey("filter.venueId", f.VenueID, aspnet.KindSchool); err != nil {
		return out, err
	}
	out.From, out.To = f.From, f.To
	out.FollowMappings = f.FollowKeyAreaMappings != nil && *f.FollowKeyAreaMappings
	out.KeyAreaBases = f.KeyAreaBases
	if out.From != nil && out.To != nil && out.From.Start().After(out.To.End()) {
		return out, aspnet.Errorf(aspnet.CodeBadUserInput, "argument filter: from %s is after to %s", out.From, out.To)
	}
	return out, nil
}

// followedBases is what a filter by key area says it followed: the bases asked for, or every
// basis; nil without a key area.
func followedBases(keyArea *string, bases []aspnet.Basis) []aspnet.Basis {
	if keyArea == nil {
		return nil
	}
	if len(bases) == 0 {
		return aspnet.Bases
	}
	return bases
}

// maxNodeIDs bounds Query.nodes.
const maxNodeIDs = 100
