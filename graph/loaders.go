package graph

import (
	"context"
	"sync"

	"github.com/aspgraph/aspgraph/aspnet"
)

// pageKey identifies a page of a list hanging off one entity.
type pageKey struct {
	parent   string
	first    int // how many items: first, or last when backward
	backward bool
	after    string
	before   string
	asOf     string
}

// Loaders batch the store calls of one request, so that each level of a query costs one
// round trip per field whatever the number of parents. A Loaders serves one request only.
type Loaders struct {
	store Store

	mu        sync.Mutex
	nodes     map[aspnet.Kind]*batcher[string, aspnet.Node]
	relations map[relKey]*batcher[string, []aspnet.Node]

	memberships    *batcher[string, []*aspnet.Membership]
	periods        *batcher[string, []*aspnet.KeyAreaPeriod]
	mappings       *batcher[string, []*aspnet.KeyAreaMapping]
	founded        *batcher[string, []*aspnet.DateClaim]
	growth         *batcher[string, *aspnet.GrowthData] // without the memberships' citations
	growthCited    *batcher[string, *aspnet.GrowthData] // with them
	keyAreaSchools *batcher[pageKey, *aspnet.Conn[*aspnet.School]]
	keyAreaEvents  *batcher[pageKey, *aspnet.Conn[*aspnet.Event]]
	netMembers     *batcher[pageKey, *aspnet.Conn[*aspnet.Membership]]
}

// NewLoaders makes the loaders of one request.
func NewLoaders(s Store) *Loaders {
	return &Loaders{
		store:          s,
		nodes:          map[aspnet.Kind]*batcher[string, aspnet.Node]{},
		relations:      map[relKey]*batcher[string, []aspnet.Node]{},
		memberships:    newBatcher(byKey(s.SchoolMemberships)),
		periods:        newBatcher(byKey(s.KeyAreaPeriods)),
		mappings:       newBatcher(byKey(s.KeyAreaMappings)),
		founded:        newBatcher(byKey(s.FoundingClaims)),
		growth:         newBatcher(byKey(growthOf(s, false))),
		growthCited:    newBatcher(byKey(growthOf(s, true))),
		keyAreaSchools: newBatcher(byPage(s.KeyAreaSchools)),
		keyAreaEvents:  newBatcher(byPage(s.KeyAreaEvents)),
		netMembers:     newBatcher(byPage(s.NetworkMemberships)),
	}
}

func growthOf(s Store, citations bool) func(context.Context, []string) (map[string]*aspnet.GrowthData, error) {
	return func(ctx context.Context, keys []string) (map[string]*aspnet.GrowthData, error) {
		return s.Growth(ctx, keys, citations)
	}
}

// growthLoader is the loader of growth data with or without the memberships' citations.
func (l *Loaders) growthLoader(citations bool) *batcher[string, *aspnet.GrowthData] {
	if citations {
		return l.growthCited
	}
	return l.growth
}

// byKey adapts a store method that answers by key to a positional loader fetch; a key with no
// entry gets the zero value, not an error.
func byKey[V any](fetch func(context.Context, []string) (map[string]V, error)) func(context.Context, []string) ([]V, []error) {
	return func(ctx context.Context, keys []string) ([]V, []error) {
		m, err := fetch(ctx, keys)
		out := make([]V, len(keys))
		if err != nil {
			return out, []error{err}
		}
		for i, k := range keys {
			out[i] = m[k]
		}
		return out, nil
	}
}

func byPage[V any](fetch func(context.Context, []aspnet.PageOf) ([]V, error)) func(context.Context, []pageKey) ([]V, []error) {
	return func(ctx context.Context, keys []pageKey) ([]V, []error) {
		reqs := make([]aspnet.PageOf, len(keys))
		for i, k := range keys {
			args := aspnet.PageArgs{First: &k.first, After: &k.after, Before: &k.before}
			if k.backward {
				args.First, args.Last = nil, &k.first
			}
			p, err := aspnet.NewPageOf(args)
			if err != nil {
				return make([]V, len(keys)), []error{err}
			}
			reqs[i] = aspnet.PageOf{Parent: k.parent, Page: p}
			if k.asOf != "" {
				d := aspnet.MustParseDate(k.asOf)
				reqs[i].AsOf = &d
			}
		}
		out, err := fetch(ctx, reqs)
		if err != nil {
			return make([]V, len(keys)), []error{err}
		}
		return out, nil
	}
}

func (l *Loaders) node(ctx context.Context, k aspnet.Kind, key string) (aspnet.Node, error) {
	return l.nodeLoader(k).Load(ctx, key)
}

// relKey names a relation's loader: the relation, and how many entities of each key it keeps
// (all when negative).
type relKey struct {
	rel   aspnet.Relation
	first int
}

func (l *Loaders) related(ctx context.Context, rel aspnet.Relation, key string) ([]aspnet.Node, error) {
	return l.relatedFirst(ctx, rel, key, -1)
}

// relatedFirst follows rel from key, keeping at most first entities (all when negative).
func (l *Loaders) relatedFirst(ctx context.Context, rel aspnet.Relation, key string, first int) ([]aspnet.Node, error) {
	return l.relationLoader(rel, first).Load(ctx, key)
}

func (l *Loaders) relationLoader(rel aspnet.Relation, first int) *batcher[string, []aspnet.Node] {
	l.mu.Lock()
	defer l.mu.Unlock()
	k := relKey{rel, first}
	ld := l.relations[k]
	if ld == nil {
		ld = newBatcher(byKey(func(ctx context.Context, keys []string) (map[string][]aspnet.Node, error) {
			return l.store.RelatedFirst(ctx, rel, keys, first)
		}))
		l.relations[k] = ld
	}
	return ld
}

func (l *Loaders) nodeLoader(k aspnet.Kind) *batcher[string, aspnet.Node] {
	l.mu.Lock()
	defer l.mu.Unlock()
	ld := l.nodes[k]
	if ld == nil {
		ld = newBatcher(byKey(func(ctx context.Context, keys []string) (map[string]aspnet.Node, error) {
			return l.store.NodesByKey(ctx, k, keys)
		}))
		l.nodes[k] = ld
	}
	return ld
}

type loadersKey struct{}

// WithLoaders returns ctx carrying l; the handler gives every operation fresh loaders.
func WithLoaders(ctx context.Context, l *Loaders) context.Context {
	return context.WithValue(ctx, loadersKey{}, l)
}

// loaders returns the operation's loaders, or fresh ones (batching within this call only)
// when the resolvers run outside the handler.
func (r *Resolver) loaders(ctx context.Context) *Loaders {
	if l, ok := ctx.Value(loadersKey{}).(*Loaders); ok {
		return l
	}
	return NewLoaders(r.Store)
}

// prime gives the loader of rel (keeping every entity) the lists of related entities by key
// that another statement read along, so that the field asks no more of the store.
func (l *Loaders) prime(rel aspnet.Relation, byKey map[string][]aspnet.Node) {
	ld := l.relationLoader(rel, -1)
	for k, nodes := range byKey {
		ld.Prime(k, nodes)
	}
}

// schoolAround loads a school for node(id:) with what the selected fields of School need, in
// one round trip, and primes the loaders those fields read, so that they ask no more of the
// store. Fields it does not cover load as usual.
func (l *Loaders) schoolAround(ctx context.Context, key string) (aspnet.Node, error) {
	school, related, mems, nets, err := l.store.SchoolAround(ctx, key)
	if err != nil || school == nil {
		return nil, err
	}
	l.nodeLoader(aspnet.KindSchool).Prime(key, school)
	for rel, byKey := range related {
		l.prime(rel, byKey)
	}
	l.memberships.Prime(key, mems)
	nl := l.nodeLoader(aspnet.KindNetwork)
	for _, n := range nets {
		nl.Prime(n.Key, n)
	}
	return school, nil
}

// networkGrowth loads a network for node(id:) with what its growth field needs, in one round
// trip, and primes the growth loader so that the field asks no more of the store.
func (l *Loaders) networkGrowth(ctx context.Context, key string, citations bool) (aspnet.Node, error) {
	net, d, err := l.store.NetworkGrowth(ctx, key, citations)
	if err != nil || net == nil {
		return nil, err
	}
	l.nodeLoader(aspnet.KindNetwork).Prime(key, net)
	l.growthLoader(citations).Prime(key, d)
	return net, nil
}
