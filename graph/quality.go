package graph

import (
	"context"

	"github.com/aspgraph/aspgraph/aspnet"
	"github.com/aspgraph/aspgraph/provenance"
	"github.com/aspgraph/aspgraph/transfer"
)

// dataQuality reads the whole graph, as the export does, and checks its provenance against
// the project's copies of the sources' texts: the same check `aspgraph check` makes of data/,
// here of what the graph holds now, writes through the API included.
func (r *Resolver) dataQuality(ctx context.Context) (*aspnet.DataQuality, error) {
	g, err := transfer.Collect(ctx, r.Store)
	if err != nil {
		return nil, err
	}
	texts, err := provenance.LoadTexts()
	if err != nil {
		return nil, err
	}
	return provenance.Check(g.Nodes, g.Rels, texts), nil
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
