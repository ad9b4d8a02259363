package graph

import (
	"context"
	"time"

	"github.com/aspgraph/aspgraph/aspnet"
	"github.com/aspgraph/aspgraph/graph/model"
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

// inputKey decodes an ID given in a mutation's input: it must be an ID of kind k.
func inputKey(field, id string, k aspnet.Kind) (string, error) {
	kind, key, ok := aspnet.DecodeID(id)
	if !ok || kind != k {
		return "", aspnet.BadInput(field, "%q is not the ID of %s", id, kindList([]aspnet.Kind{k}))
	}
	return key, nil
}

// schoolKey decodes the ID of the school a mutation changes; any other ID is NOT_FOUND.
func schoolKey(id string) (string, error) {
	kind, key, ok := aspnet.DecodeID(id)
	if !ok || kind != aspnet.KindSchool {
		return "", aspnet.Errorf(aspnet.CodeNotFound, "no school has the ID %q", id)
	}
	return key, nil
}

// newSchool validates createSchool's input. Errors are BAD_USER_INPUT naming the field.
func newSchool(in model.CreateSchoolInput, now time.Time) (aspnet.NewSchool, error) {
	var out aspnet.NewSchool
	var err error
	if out.Name, err = aspnet.ValidName("input.name", in.Name); err != nil {
		return out, err
	}
	if out.CityName, out.CountryName, err = aspnet.ValidPlace("input.cityName", in.CityName, "input.countryName", in.CountryName); err != nil {
		return out, err
	}
	if in.NetworkID != nil {
		if out.NetworkKey, err = inputKey("input.networkId", *in.NetworkID, aspnet.KindNetwork); err != nil {
			return out, err
		}
		out.Status = aspnet.StatusMember
		if in.Status != nil {
			out.Status = *in.Status
		}
	} else if in.Since != nil || in.Status != nil {
		field := "input.since"
		if in.Since == nil {
			field = "input.status"
		}
		return out, aspnet.BadInput(field, "describes a membership: give networkId too")
	}
	if in.Since != nil {
		if err := aspnet.ValidPast("input.since", *in.Since, now); err != nil {
			return out, err
		}
		out.Since = in.Since
	}
	for _, id := range in.KeyAreaIds {
		key, err := inputKey("input.keyAreaIds", id, aspnet.KindKeyArea)
		if err != nil {
			return out, err
		}
		out.KeyAreaKeys = append(out.KeyAreaKeys, key)
	}
	return out, nil
}

// schoolChange validates updateSchool's input. Errors are BAD_USER_INPUT naming the field.
func schoolChange(in model.UpdateSchoolInput) (aspnet.SchoolChange, error) {
	var out aspnet.SchoolChange
	var err error
	if in.Name == nil && in.CityName == nil && in.CountryName == nil {
		return out, aspnet.BadInput("input", "give name, or cityName and countryName, to change")
	}
	if in.Name != nil {
		if out.Name, err = aspnet.ValidName("input.name", *in.Name); err != nil {
			return out, err
		}
	}
	out.CityName, out.CountryName, err = aspnet.ValidPlace("input.cityName", in.CityName, "input.countryName", in.CountryName)
	return out, err
}

func (r *mutationResolver) createSchool(ctx context.Context, in model.CreateSchoolInput) (*aspnet.School, error) {
	p, err := writeProvenance(ctx, in.Source, in.Quote)
	if err != nil {
		return nil, err
	}
	s, err := newSchool(in, p.EditedAt)
	if err != nil {
		return nil, err
	}
	school, _, err := r.Store.CreateSchool(ctx, s, p)
	if err != nil || school == nil || !selectsAround(ctx) {
		return school, err
	}
	// The result's city, country, key areas and memberships in one read, as node(id:) reads
	// them, rather than a read per level of the selection.
	around, err := r.loaders(ctx).schoolAround(ctx, school.Key)
	if err != nil || around == nil {
		return school, err
	}
	return around.(*aspnet.School), nil
}

func (r *mutationResolver) updateSchool(ctx context.Context, id string, in model.UpdateSchoolInput) (*aspnet.School, error) {
	p, err := writeProvenance(ctx, in.Source, in.Quote)
	if err != nil {
		return nil, err
	}
	key, err := schoolKey(id)
	if err != nil {
		return nil, err
	}
	ch, err := schoolChange(in)
	if err != nil {
		return nil, err
	}
	return r.Store.UpdateSchool(ctx, key, ch, p)
}

func (r *mutationResolver) deleteSchool(ctx context.Context, id string, source, quote *string) (string, error) {
	return deleteOf(ctx, id, aspnet.KindSchool, source, quote, r.Store.DeleteSchool)
}
