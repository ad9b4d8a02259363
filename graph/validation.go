package graph

// The checks of what the mutations take: the IDs they refer to and the values of their
// inputs, turned into the domain's values. Errors are BAD_USER_INPUT naming the field, or
// NOT_FOUND for the ID of what a mutation changes.

import (
	"slices"
	"strings"
	"time"

	"github.com/aspgraph/aspgraph/aspnet"
	"github.com/aspgraph/aspgraph/graph/model"
)

// inputKey decodes an ID given in a mutation's input: it must be an ID of kind k.
func inputKey(field, id string, k aspnet.Kind) (string, error) {
	kind, key, ok := aspnet.DecodeID(id)
	if !ok || kind != k {
		return "", aspnet.BadInput(field, "%q is not the ID of %s", id, kindList([]aspnet.Kind{k}))
	}
	return key, nil
}

// subjectKey decodes the ID of the entity a mutation changes or deletes: an ID of any other
// kind, or none, is NOT_FOUND.
func subjectKey(id string, k aspnet.Kind) (string, error) {
	kind, key, ok := aspnet.DecodeID(id)
	if !ok || kind != k {
		return "", aspnet.Errorf(aspnet.CodeNotFound, "no %s has the ID %q", k, id)
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

// ref decodes an ID a mutation's input refers to: it must be the ID of one of kinds.
func ref(field, id string, kinds ...aspnet.Kind) (aspnet.Ref, error) {
	kind, key, ok := aspnet.DecodeID(id)
	if !ok || !slices.Contains(kinds, kind) {
		return aspnet.Ref{}, aspnet.BadInput(field, "%q is not the ID of %s", id, kindList(kinds))
	}
	return aspnet.Ref{Field: field, NodeRef: aspnet.NodeRef{Kind: kind, Key: key}}, nil
}

// kindList names kinds for a message: "a School, a Network or a Country".
func kindList(kinds []aspnet.Kind) string {
	names := make([]string, len(kinds))
	for i, k := range kinds {
		names[i] = "a " + string(k)
		if strings.ContainsRune("AEIOU", rune(k[0])) {
			names[i] = "an " + string(k)
		}
	}
	if len(names) == 1 {
		return names[0]
	}
	return strings.Join(names[:len(names)-1], ", ") + " or " + names[len(names)-1]
}

// keys decodes a list of IDs of kind k.
func keys(field string, ids []string, k aspnet.Kind) ([]string, error) {
	var out []string
	for _, id := range ids {
		r, err := ref(field, id, k)
		if err != nil {
			return nil, err
		}
		if !slices.Contains(out, r.Key) {
			out = append(out, r.Key)
		}
	}
	return out, nil
}

// optName validates an optional name: nil stays nil.
func optName(field string, name *string) (*string, error) {
	if name == nil {
		return nil, nil
	}
	n, err := aspnet.ValidName(field, *name)
	return &n, err
}

// optText validates an optional text: nil stays nil, blank becomes "" (which removes it).
func optText(field string, text *string, limit int) (*string, error) {
	if text == nil {
		return nil, nil
	}
	t, err := aspnet.ValidText(field, text, limit)
	return &t, err
}

// past checks an optional date does not lie in the future.
func past(field string, d *aspnet.Date, now time.Time) error {
	if d == nil {
		return nil
	}
	return aspnet.ValidPast(field, *d, now)
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

// eventLinkTo validates a link of an event to targetID, given as field, with the relation
// an OCCASION link may have. Errors are BAD_USER_INPUT naming the field.
func eventLinkTo(field string, l aspnet.EventLink, targetID string, relation *string) (aspnet.EventLinkTo, error) {
	spec, ok := aspnet.EventLinkSpecs[l]
	if !ok {
		return aspnet.EventLinkTo{}, aspnet.BadInput("link", "%q is not a link of an event", l)
	}
	target, err := ref(field, targetID, spec.Targets...)
	if err != nil {
		return aspnet.EventLinkTo{}, err
	}
	out := aspnet.EventLinkTo{Link: l, Target: target}
	if relation != nil {
		if l != aspnet.LinkOccasion {
			return out, aspnet.BadInput("input.relation", "only an OCCASION link has a relation")
		}
		if out.Relation, err = aspnet.ValidText("input.relation", relation, aspnet.MaxNameLength); err != nil {
			return out, err
		}
	}
	return out, nil
}

// newEvent validates createEvent's input. Errors are BAD_USER_INPUT naming the field.
func newEvent(in model.CreateEventInput, now time.Time) (aspnet.NewEvent, error) {
	out := aspnet.NewEvent{Date: in.Date, EndDate: in.EndDate}
	var err error
	if out.Name, err = aspnet.ValidName("input.name", in.Name); err != nil {
		return out, err
	}
	if k, err := optName("input.kind", in.Kind); err != nil {
		return out, err
	} else if k != nil {
		out.Kind = *k
	}
	if out.Description, err = aspnet.ValidText("input.description", in.Description, aspnet.MaxTextLength); err != nil {
		return out, err
	}
	if out.Purpose, err = aspnet.ValidText("input.purpose", in.Purpose, aspnet.MaxTextLength); err != nil {
		return out, err
	}
	if err := past("input.date", &in.Date, now); err != nil {
		return out, err
	}
	if in.EndDate != nil {
		if err := past("input.endDate", in.EndDate, now); err != nil {
			return out, err
		}
		if err := aspnet.ValidSpan("input.endDate", in.Date, *in.EndDate); err != nil {
			return out, err
		}
	}
	add := func(field string, l aspnet.EventLink, id string) error {
		lt, err := eventLinkTo(field, l, id, nil)
		if err == nil && !slices.ContainsFunc(out.Links, func(x aspnet.EventLinkTo) bool { return x.Link == l && x.Target.NodeRef == lt.Target.NodeRef }) {
			out.Links = append(out.Links, lt)
		}
		return err
	}
	if in.VenueID != nil {
		if err := add("input.venueId", aspnet.LinkVenue, *in.VenueID); err != nil {
			return out, err
		}
	}
	if in.CityID != nil {
		if err := add("input.cityId", aspnet.LinkCity, *in.CityID); err != nil {
			return out, err
		}
	}
	for _, l := range []struct {
		field string
		link  aspnet.EventLink
		ids   []string
	}{
		{"input.organizerIds", aspnet.LinkOrganizer, in.OrganizerIds},
		{"input.participantIds", aspnet.LinkParticipant, in.ParticipantIds},
		{"input.occasionIds", aspnet.LinkOccasion, in.OccasionIds},
		{"input.keyAreaIds", aspnet.LinkKeyArea, in.KeyAreaIds},
	} {
		for _, id := range l.ids {
			if err := add(l.field, l.link, id); err != nil {
				return out, err
			}
		}
	}
	return out, nil
}

// eventChange validates updateEvent's input. Errors are BAD_USER_INPUT naming the field.
func eventChange(in model.UpdateEventInput, now time.Time) (aspnet.EventChange, error) {
	out := aspnet.EventChange{Date: in.Date, EndDate: in.EndDate}
	var err error
	if in.Name == nil && in.Kind == nil && in.Date == nil && in.EndDate == nil && in.Description == nil && in.Purpose == nil {
		return out, aspnet.BadInput("input", "give at least one of name, kind, date, endDate, description and purpose to change")
	}
	if out.Name, err = optName("input.name", in.Name); err != nil {
		return out, err
	}
	if out.Kind, err = optText("input.kind", in.Kind, aspnet.MaxNameLength); err != nil {
		return out, err
	}
	if out.Description, err = optText("input.description", in.Description, aspnet.MaxTextLength); err != nil {
		return out, err
	}
	if out.Purpose, err = optText("input.purpose", in.Purpose, aspnet.MaxTextLength); err != nil {
		return out, err
	}
	if err := past("input.date", in.Date, now); err != nil {
		return out, err
	}
	if err := past("input.endDate", in.EndDate, now); err != nil {
		return out, err
	}
	if in.Date != nil && in.EndDate != nil {
		err = aspnet.ValidSpan("input.endDate", *in.Date, *in.EndDate)
	}
	return out, err
}

// sourceChange validates updateSource's input. Errors are BAD_USER_INPUT naming the field.
func sourceChange(in model.UpdateSourceInput, now time.Time) (aspnet.SourceChange, error) {
	out := aspnet.SourceChange{Published: in.Published}
	var err error
	if in.Title == nil && in.URL == nil && in.Publisher == nil && in.Published == nil && in.Note == nil {
		return out, aspnet.BadInput("input", "give at least one of title, url, publisher, published and note to change")
	}
	if in.Title != nil {
		title, err := aspnet.ValidText("input.title", in.Title, aspnet.MaxNameLength)
		if err != nil {
			return out, err
		}
		if title == "" {
			return out, aspnet.BadInput("input.title", "must not be empty")
		}
		out.Title = &title
	}
	if in.URL != nil {
		u := ""
		if strings.TrimSpace(*in.URL) != "" {
			if u, err = aspnet.ValidURL("input.url", *in.URL); err != nil {
				return out, err
			}
		}
		out.URL = &u
	}
	if out.Publisher, err = optText("input.publisher", in.Publisher, aspnet.MaxNameLength); err != nil {
		return out, err
	}
	if out.Note, err = optText("input.note", in.Note, aspnet.MaxTextLength); err != nil {
		return out, err
	}
	return out, past("input.published", in.Published, now)
}
