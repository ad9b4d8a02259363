package graph

// What every mutation does before its store call: check that the caller may write, and make
// the provenance the write records.

import (
	"context"
	"time"

	"github.com/aspgraph/aspgraph/aspnet"
)

// writeProvenance checks the caller may write and the input's source and quote, and returns
// the provenance to record: source, quote, the token's subject and the time.
func writeProvenance(ctx context.Context, source string, quote *string) (aspnet.Provenance, error) {
	who, err := requireEditor(ctx)
	if err != nil {
		return aspnet.Provenance{}, err
	}
	p, err := aspnet.ValidProvenance("input.source", source, "input.quote", quote)
	if err != nil {
		return p, err
	}
	p.EditedBy, p.EditedAt = who.Subject, time.Now()
	return p, nil
}

// argProvenance is writeProvenance for a mutation that takes its source and quote as
// arguments (the deletions and unlinkEvent): the source is required, though optional in the
// schema's type, and a missing one is BAD_USER_INPUT naming it.
func argProvenance(ctx context.Context, source, quote *string) (aspnet.Provenance, error) {
	who, err := requireEditor(ctx)
	if err != nil {
		return aspnet.Provenance{}, err
	}
	if source == nil {
		return aspnet.Provenance{}, aspnet.BadInput("source", "is required: give the URL or the ID of the Source that states the removal")
	}
	p, err := aspnet.ValidProvenance("source", *source, "quote", quote)
	if err != nil {
		return p, err
	}
	p.EditedBy, p.EditedAt = who.Subject, time.Now()
	return p, nil
}

// deleteOf is the body of the delete mutations: the caller may write, the source is valid,
// the ID is of kind k, and the store deletes it, recording the removal.
func deleteOf(ctx context.Context, id string, k aspnet.Kind, source, quote *string, del func(context.Context, string, aspnet.Provenance) error) (string, error) {
	p, err := argProvenance(ctx, source, quote)
	if err != nil {
		return "", err
	}
	key, err := subjectKey(id, k)
	if err != nil {
		return "", err
	}
	if err := del(ctx, key, p); err != nil {
		return "", err
	}
	return id, nil
}
