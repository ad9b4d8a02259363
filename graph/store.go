package graph

import (
	"context"

	"github.com/aspgraph/aspgraph/aspnet"
)

// Store is what the resolvers need of the graph database. neo4jstore.Store implements it;
// every method is one Cypher round trip, batched over keys where it takes several.
type Store interface {
	NodesByKey(ctx context.Context, k aspnet.Kind, keys []string) (map[string]aspnet.Node, error)
	All(ctx context.Context, k aspnet.Kind) ([]aspnet.Node, error)
	// SchoolAround reads a school and what its city, keyAreas and memberships fields reach,
	// related by relation and then by the key followed from; a nil school when there is none.
	SchoolAround(ctx context.Context, key string) (school *aspnet.School, related map[aspnet.Relation]map[string][]aspnet.Node, memberships []*aspnet.Membership, networks []*aspnet.Network, err error)
	// RelatedFirst keeps at most first entities per key where the relation's list takes
	// `first`; a negative first keeps all.
	RelatedFirst(ctx context.Context, rel aspnet.Relation, keys []string, first int) (map[string][]aspnet.Node, error)
	SchoolMemberships(ctx context.Context, keys []string) (map[string][]*aspnet.Membership, error)
	KeyAreaPeriods(ctx context.Context, keys []string) (map[string][]*aspnet.KeyAreaPeriod, error)
	FoundingClaims(ctx context.Context, keys []string) (map[string][]*aspnet.DateClaim, error)
	// Growth and NetworkGrowth read the memberships' citations only when citations is set.
	Growth(ctx context.Context, keys []string, citations bool) (map[string]*aspnet.GrowthData, error)
	// NetworkGrowth reads a network with what its growth is computed from; a nil network when
	// there is none.
	NetworkGrowth(ctx context.Context, key string, citations bool) (*aspnet.Network, *aspnet.GrowthData, error)
	// SchoolPage and EventPage count every match (TotalCount) only when withTotal is set.
	// SchoolPage also returns each school's city (as Related(RelSchoolCity)) with withCities.
	SchoolPage(ctx context.Context, f aspnet.SchoolCriteria, p aspnet.Page, withTotal, withCities bool) (*aspnet.Conn[*aspnet.School], map[string][]aspnet.Node, error)
	EventPage(ctx context.Context, f aspnet.EventCriteria, p aspnet.Page, withTotal bool) (*aspnet.Conn[*aspnet.Event], error)
	KeyAreaSchools(ctx context.Context, reqs []aspnet.PageOf) ([]*aspnet.Conn[*aspnet.School], error)
	KeyAreaEvents(ctx context.Context, reqs []aspnet.PageOf) ([]*aspnet.Conn[*aspnet.Event], error)
	NetworkMemberships(ctx context.Context, reqs []aspnet.PageOf) ([]*aspnet.Conn[*aspnet.Membership], error)
	// KeyAreaStats counts and follows only links of the given bases (every basis when empty).
	KeyAreaStats(ctx context.Context, sortBy aspnet.KeyAreaStatSort, descending, follow bool, bases []aspnet.Basis) ([]*aspnet.KeyAreaStat, error)
	KeyAreaMappings(ctx context.Context, keys []string) (map[string][]*aspnet.KeyAreaMapping, error)
	// ExportNodes and ExportRels read the whole graph page by page, for Query.dataQuality.
	ExportNodes(ctx context.Context, label, after string, limit int) ([]aspnet.GraphNode, error)
	ExportRels(ctx context.Context, label string, keys []string) ([]aspnet.GraphRel, error)
	Search(ctx context.Context, text string, first int) ([]*aspnet.SearchHit, error)
	ShortestPath(ctx context.Context, from, to aspnet.NodeRef, maxHops int) (*aspnet.Path, error)
	Neighborhood(ctx context.Context, center aspnet.NodeRef, depth, maxNodes int) (*aspnet.Subgraph, error)

	WriteStore // the writes, in mutations_store.go
}
