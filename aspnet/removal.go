package aspnet

import "time"

// RemovedKind is what a Removal records the removal of: an entity of one kind, or a link of
// an event.
type RemovedKind string

// The kinds of removal.
const (
	RemovedSchool        RemovedKind = "SCHOOL"
	RemovedEvent         RemovedKind = "EVENT"
	RemovedOrganization  RemovedKind = "ORGANIZATION"
	RemovedKeyArea       RemovedKind = "KEY_AREA"
	RemovedEventLink     RemovedKind = "EVENT_LINK"
	RemovedAppeal        RemovedKind = "APPEAL"
	RemovedFoundingClaim RemovedKind = "FOUNDING_CLAIM"
	RemovedKeyAreaPeriod RemovedKind = "KEY_AREA_PERIOD"
)

// RemovedKindOf is the removal kind of deleting an entity of kind k.
func RemovedKindOf(k Kind) RemovedKind {
	switch k {
	case KindSchool:
		return RemovedSchool
	case KindEvent:
		return RemovedEvent
	case KindOrganization:
		return RemovedOrganization
	case KindKeyArea:
		return RemovedKeyArea
	case KindAppeal:
		return RemovedAppeal
	}
	return RemovedKind(k)
}

// Removal is the durable record of a deletion or of an event's link removed: what was
// removed, the source and quote given for it, who removed it and when. A deletion takes the
// entity and its citations with it, so the removal record is where its provenance stays.
type Removal struct {
	Key  string
	What RemovedKind
	// RemovedID is the ID the removed entity had; for a link, the event's ID; for a
	// founding claim, the organisation's; for a key-area period, the key area's.
	RemovedID string
	// Name is the removed entity's name when it was removed: for a link, the event's; for an
	// appeal, its text; for a founding claim, the organisation's; for a period, the key area's.
	Name *string
	// Link, TargetID and TargetName describe a removed link of an event; TargetID and
	// TargetName also name the event of a removed appeal and the network of a removed period.
	Link       *EventLink
	TargetID   *string
	TargetName *string
	// Date is the date a removed founding claim claimed, as given.
	Date *Date
	// Label is the label of a removed key-area period.
	Label     *string
	Citation  Citation
	RemovedBy string
	At        time.Time
}

// RemovedAt is when the removal was made, in RFC 3339 UTC.
func (r *Removal) RemovedAt() time.Time { return r.At.UTC() }

// ID returns the removal record's opaque, stable ID.
func (r *Removal) ID() string { return ValueID("Removal", r.Key) }
