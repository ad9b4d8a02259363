package graph

import (
	"context"
	"slices"
	"strings"
	"time"

	"github.com/aspgraph/aspgraph/aspnet"
	"github.com/aspgraph/aspgraph/graph/model"
)

// subjectKey decodes the ID of the entity a mutation changes or deletes: an ID of any other
// kind, or none, is NOT_FOUND.
func subjectKey(id string, k aspnet.Kind) (string, error) {
	kind, key, ok := aspnet.DecodeID(id)
	if !ok || kind != k {
		return "", aspnet.Errorf(aspnet.CodeNotFound, "no %s has the ID %q", k, id)
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

func (r *mutationResolver) createEvent(ctx context.Context, in model.CreateEventInput) (*aspnet.Event, error) {
	p, err := writeProvenance(ctx, in.Source, in.Quote)
	if err != nil {
		return nil, err
	}
	ev, err := newEvent(in, p.EditedAt)
	if err != nil {
		return nil, err
	}
	return r.Store.CreateEvent(ctx, ev, p)
}

func (r *mutationResolver) updateEvent(ctx context.Context, id string, in model.UpdateEventInput) (*aspnet.Event, error) {
	p, err := writeProvenance(ctx, in.Source, in.Quote)
	if err != nil {
		return nil, err
	}
	key, err := subjectKey(id, aspnet.KindEvent)
	if err != nil {
		return nil, err
	}
	ch, err := eventChange(in, p.EditedAt)
	if err != nil {
		return nil, err
	}
	return r.Store.UpdateEvent(ctx, key, ch, p)
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

func (r *mutationResolver) linkEvent(ctx context.Context, in model.LinkEventInput) (*aspnet.Event, error) {
	p, err := writeProvenance(ctx, in.Source, in.Quote)
	if err != nil {
		return nil, err
	}
	key, err := subjectKey(in.EventID, aspnet.KindEvent)
	if err != nil {
		return nil, err
	}
	l, err := eventLinkTo("input.targetId", in.Link, in.TargetID, in.Relation)
	if err != nil {
		return nil, err
	}
	return r.Store.LinkEvent(ctx, key, l, p)
}

func (r *mutationResolver) unlinkEvent(ctx context.Context, eventID string, link aspnet.EventLink, targetID string, source, quote *string) (*aspnet.Event, error) {
	p, err := argProvenance(ctx, source, quote)
	if err != nil {
		return nil, err
	}
	key, err := subjectKey(eventID, aspnet.KindEvent)
	if err != nil {
		return nil, err
	}
	l, err := eventLinkTo("targetId", link, targetID, nil)
	if err != nil {
		return nil, err
	}
	return r.Store.UnlinkEvent(ctx, key, l, p)
}

// removals is Query.removals: a page of the removal records, newest first.
func (r *queryResolver) removals(ctx context.Context, args aspnet.PageArgs) (*model.RemovalConnection, error) {
	p, err := aspnet.NewPageOf(args)
	if err != nil {
		return nil, err
	}
	c, err := r.Store.Removals(ctx, p)
	if err != nil {
		return nil, err
	}
	out := &model.RemovalConnection{TotalCount: c.TotalCount, PageInfo: pageInfo(c), Edges: make([]*model.RemovalEdge, len(c.Items))}
	for i, it := range c.Items {
		out.Edges[i] = &model.RemovalEdge{Cursor: c.Cursors[i], Node: it}
	}
	return out, nil
}

func (r *mutationResolver) createOrganization(ctx context.Context, in model.CreateOrganizationInput) (*aspnet.Organization, error) {
	p, err := writeProvenance(ctx, in.Source, in.Quote)
	if err != nil {
		return nil, err
	}
	var out aspnet.NewOrganization
	if out.Name, err = aspnet.ValidName("input.name", in.Name); err != nil {
		return nil, err
	}
	if in.CityID != nil {
		if out.CityKey, err = inputKey("input.cityId", *in.CityID, aspnet.KindCity); err != nil {
			return nil, err
		}
	}
	if in.PartOfID != nil {
		if out.PartOfKey, err = inputKey("input.partOfId", *in.PartOfID, aspnet.KindOrganization); err != nil {
			return nil, err
		}
	}
	if out.CoversKeys, err = keys("input.coversCountryIds", in.CoversCountryIds, aspnet.KindCountry); err != nil {
		return nil, err
	}
	return r.Store.CreateOrganization(ctx, out, p)
}

func (r *mutationResolver) updateOrganization(ctx context.Context, id string, in model.UpdateOrganizationInput) (*aspnet.Organization, error) {
	p, err := writeProvenance(ctx, in.Source, in.Quote)
	if err != nil {
		return nil, err
	}
	key, err := subjectKey(id, aspnet.KindOrganization)
	if err != nil {
		return nil, err
	}
	var ch aspnet.OrganizationChange
	if in.Name == nil && in.CityID == nil {
		return nil, aspnet.BadInput("input", "give name or cityId to change")
	}
	if in.Name != nil {
		if ch.Name, err = aspnet.ValidName("input.name", *in.Name); err != nil {
			return nil, err
		}
	}
	if in.CityID != nil {
		if ch.CityKey, err = inputKey("input.cityId", *in.CityID, aspnet.KindCity); err != nil {
			return nil, err
		}
	}
	return r.Store.UpdateOrganization(ctx, key, ch, p)
}

func (r *mutationResolver) createKeyArea(ctx context.Context, in model.CreateKeyAreaInput) (*aspnet.KeyArea, error) {
	p, err := writeProvenance(ctx, in.Source, in.Quote)
	if err != nil {
		return nil, err
	}
	var out aspnet.NewKeyArea
	if out.Name, err = aspnet.ValidName("input.name", in.Name); err != nil {
		return nil, err
	}
	if out.Abbreviation, err = aspnet.ValidText("input.abbreviation", in.Abbreviation, aspnet.MaxNameLength); err != nil {
		return nil, err
	}
	if out.MappedFromKeys, err = keys("input.mappedFromIds", in.MappedFromIds, aspnet.KindKeyArea); err != nil {
		return nil, err
	}
	return r.Store.CreateKeyArea(ctx, out, p)
}

func (r *mutationResolver) updateKeyArea(ctx context.Context, id string, in model.UpdateKeyAreaInput) (*aspnet.KeyArea, error) {
	p, err := writeProvenance(ctx, in.Source, in.Quote)
	if err != nil {
		return nil, err
	}
	key, err := subjectKey(id, aspnet.KindKeyArea)
	if err != nil {
		return nil, err
	}
	if in.Name == nil && in.Abbreviation == nil {
		return nil, aspnet.BadInput("input", "give name or abbreviation to change")
	}
	var ch aspnet.KeyAreaChange
	if ch.Name, err = optName("input.name", in.Name); err != nil {
		return nil, err
	}
	if ch.Abbreviation, err = optText("input.abbreviation", in.Abbreviation, aspnet.MaxNameLength); err != nil {
		return nil, err
	}
	return r.Store.UpdateKeyArea(ctx, key, ch, p)
}

func (r *mutationResolver) joinNetwork(ctx context.Context, in model.JoinNetworkInput) (*aspnet.Membership, error) {
	p, err := writeProvenance(ctx, in.Source, in.Quote)
	if err != nil {
		return nil, err
	}
	out := aspnet.Join{Since: in.Since, Status: aspnet.StatusMember}
	if out.SchoolKey, err = subjectKey(in.SchoolID, aspnet.KindSchool); err != nil {
		return nil, err
	}
	if out.NetworkKey, err = inputKey("input.networkId", in.NetworkID, aspnet.KindNetwork); err != nil {
		return nil, err
	}
	if in.Status != nil {
		if *in.Status == aspnet.StatusFormer {
			return nil, aspnet.BadInput("input.status", "FORMER ends a membership: use leaveNetwork")
		}
		out.Status = *in.Status
	}
	if err := past("input.since", in.Since, p.EditedAt); err != nil {
		return nil, err
	}
	if out.NationalTerm, err = aspnet.ValidText("input.nationalTerm", in.NationalTerm, aspnet.MaxNameLength); err != nil {
		return nil, err
	}
	return r.Store.JoinNetwork(ctx, out, p)
}

func (r *mutationResolver) leaveNetwork(ctx context.Context, in model.LeaveNetworkInput) (*aspnet.Membership, error) {
	p, err := writeProvenance(ctx, in.Source, in.Quote)
	if err != nil {
		return nil, err
	}
	out := aspnet.Leave{Until: in.Until}
	if out.SchoolKey, err = subjectKey(in.SchoolID, aspnet.KindSchool); err != nil {
		return nil, err
	}
	if out.NetworkKey, err = inputKey("input.networkId", in.NetworkID, aspnet.KindNetwork); err != nil {
		return nil, err
	}
	if err := past("input.until", &in.Until, p.EditedAt); err != nil {
		return nil, err
	}
	return r.Store.LeaveNetwork(ctx, out, p)
}

func (r *mutationResolver) createSource(ctx context.Context, in model.CreateSourceInput) (*aspnet.Source, error) {
	who, err := requireEditor(ctx)
	if err != nil {
		return nil, err
	}
	now := time.Now()
	var out aspnet.NewSource
	if out.Title, err = aspnet.ValidText("input.title", &in.Title, aspnet.MaxNameLength); err != nil {
		return nil, err
	}
	if out.Title == "" {
		return nil, aspnet.BadInput("input.title", "must not be empty")
	}
	if in.URL != nil {
		if out.URL, err = aspnet.ValidURL("input.url", *in.URL); err != nil {
			return nil, err
		}
	}
	if out.Publisher, err = aspnet.ValidText("input.publisher", in.Publisher, aspnet.MaxNameLength); err != nil {
		return nil, err
	}
	if out.Note, err = aspnet.ValidText("input.note", in.Note, aspnet.MaxTextLength); err != nil {
		return nil, err
	}
	if err := past("input.published", in.Published, now); err != nil {
		return nil, err
	}
	out.Published = in.Published
	return r.Store.CreateSource(ctx, out, who.Subject, now)
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

func (r *mutationResolver) updateSource(ctx context.Context, id string, in model.UpdateSourceInput) (*aspnet.Source, error) {
	p, err := writeProvenance(ctx, in.Source, in.Quote)
	if err != nil {
		return nil, err
	}
	key, err := subjectKey(id, aspnet.KindSource)
	if err != nil {
		return nil, err
	}
	ch, err := sourceChange(in, p.EditedAt)
	if err != nil {
		return nil, err
	}
	return r.Store.UpdateSource(ctx, key, ch, p)
}

func (r *mutationResolver) addKeyAreaPeriod(ctx context.Context, in model.AddKeyAreaPeriodInput) (*aspnet.KeyArea, error) {
	p, err := writeProvenance(ctx, in.Source, in.Quote)
	if err != nil {
		return nil, err
	}
	out := aspnet.NewKeyAreaPeriod{From: in.From, To: in.To}
	if out.KeyAreaKey, err = subjectKey(in.KeyAreaID, aspnet.KindKeyArea); err != nil {
		return nil, err
	}
	if out.NetworkKey, err = inputKey("input.networkId", in.NetworkID, aspnet.KindNetwork); err != nil {
		return nil, err
	}
	if out.Label, err = aspnet.ValidName("input.label", in.Label); err != nil {
		return nil, err
	}
	if err := past("input.from", in.From, p.EditedAt); err != nil {
		return nil, err
	}
	if err := past("input.to", in.To, p.EditedAt); err != nil {
		return nil, err
	}
	if in.From != nil && in.To != nil {
		if err := aspnet.ValidSpan("input.to", *in.From, *in.To); err != nil {
			return nil, err
		}
	}
	return r.Store.AddKeyAreaPeriod(ctx, out, p)
}

func (r *mutationResolver) addFoundingClaim(ctx context.Context, in model.AddFoundingClaimInput) (*aspnet.Organization, error) {
	p, err := writeProvenance(ctx, in.Source, in.Quote)
	if err != nil {
		return nil, err
	}
	key, err := subjectKey(in.OrganizationID, aspnet.KindOrganization)
	if err != nil {
		return nil, err
	}
	if err := past("input.date", &in.Date, p.EditedAt); err != nil {
		return nil, err
	}
	return r.Store.AddFoundingClaim(ctx, key, in.Date, p)
}

func (r *mutationResolver) addAppeal(ctx context.Context, in model.AddAppealInput) (*aspnet.Appeal, error) {
	p, err := writeProvenance(ctx, in.Source, in.Quote)
	if err != nil {
		return nil, err
	}
	var out aspnet.NewAppeal
	if out.EventKey, err = subjectKey(in.EventID, aspnet.KindEvent); err != nil {
		return nil, err
	}
	if out.Text, err = aspnet.ValidText("input.text", &in.Text, aspnet.MaxTextLength); err != nil {
		return nil, err
	}
	if out.Text == "" {
		return nil, aspnet.BadInput("input.text", "must not be empty")
	}
	if out.By, err = aspnet.ValidText("input.by", in.By, aspnet.MaxNameLength); err != nil {
		return nil, err
	}
	if out.To, err = aspnet.ValidText("input.to", in.To, aspnet.MaxNameLength); err != nil {
		return nil, err
	}
	return r.Store.AddAppeal(ctx, out, p)
}

func (r *mutationResolver) removeKeyAreaPeriod(ctx context.Context, keyAreaID, networkID, label string, source, quote *string) (*aspnet.KeyArea, error) {
	p, err := argProvenance(ctx, source, quote)
	if err != nil {
		return nil, err
	}
	key, err := subjectKey(keyAreaID, aspnet.KindKeyArea)
	if err != nil {
		return nil, err
	}
	network, err := inputKey("networkId", networkID, aspnet.KindNetwork)
	if err != nil {
		return nil, err
	}
	if label, err = aspnet.ValidName("label", label); err != nil {
		return nil, err
	}
	return r.Store.RemoveKeyAreaPeriod(ctx, key, network, label, p)
}

func (r *mutationResolver) removeFoundingClaim(ctx context.Context, organizationID string, date aspnet.Date, source, quote *string) (*aspnet.Organization, error) {
	p, err := argProvenance(ctx, source, quote)
	if err != nil {
		return nil, err
	}
	key, err := subjectKey(organizationID, aspnet.KindOrganization)
	if err != nil {
		return nil, err
	}
	return r.Store.RemoveFoundingClaim(ctx, key, date, p)
}
