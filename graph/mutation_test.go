package graph_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/aspgraph/aspgraph/aspnet"
	"github.com/aspgraph/aspgraph/auth"
	"github.com/aspgraph/aspgraph/graph"
)

// What every mutation shares: the editor's role, validation that names the field and
// changes nothing, and writes that queries read as they read the loaded graph.

// op is one mutation with its variables.
type op struct {
	name  string
	query string
	vars  map[string]any
}

const (
	best      = "school-almaty-best"
	festival  = "ev-2016-festival-almaty"
	kzNetwork = "aspnet-kz"
	srcURL    = "https://example.org/aspnet/report"
)

func with(m map[string]any, k string, v any) map[string]any {
	out := map[string]any{}
	for key, val := range m {
		out[key] = val
	}
	if v == nil {
		delete(out, k)
	} else {
		out[k] = v
	}
	return out
}

func eventInput() map[string]any {
	return map[string]any{
		"name": "Regional seminar 2019", "kind": "seminar", "date": "2019-04-10", "endDate": "2019-04-11",
		"venueId": id(aspnet.KindSchool, best), "cityId": id(aspnet.KindCity, "almaty"),
		"organizerIds":   []string{id(aspnet.KindOrganization, "org-unesco-almaty")},
		"participantIds": []string{id(aspnet.KindSchool, "school-almaty-8"), id(aspnet.KindNetwork, kzNetwork), id(aspnet.KindCountry, "kz")},
		"occasionIds":    []string{id(aspnet.KindOccasion, "occ-international-day-of-peace")},
		"keyAreaIds":     []string{id(aspnet.KindKeyArea, "ka-gced")},
		"source":         srcURL, "quote": "A regional seminar was held at BEST school.",
	}
}

const (
	createSchool  = `mutation($in: CreateSchoolInput!) { createSchool(input: $in) { id name } }`
	deleteSchoolQ = `mutation($id: ID!, $source: String, $quote: String) { deleteSchool(id: $id, source: $source, quote: $quote) }`
)

func schoolInput(name string) map[string]any {
	return map[string]any{
		"name": name, "cityName": "Testgrad", "countryName": "kazakhstan",
		"networkId": id(aspnet.KindNetwork, "aspnet-kz"), "since": "2019-09", "status": "CANDIDATE",
		"keyAreaIds": []string{id(aspnet.KindKeyArea, "ka-gced")},
		"source":     "https://example.org/aspnet/new-members", "quote": name + " joined in September 2019.",
	}
}

const (
	createEventQ   = `mutation($in: CreateEventInput!) { createEvent(input: $in) { id } }`
	updateEventQ   = `mutation($id: ID!, $in: UpdateEventInput!) { updateEvent(id: $id, input: $in) { id } }`
	deleteEventQ   = `mutation($id: ID!, $source: String!, $quote: String) { deleteEvent(id: $id, source: $source, quote: $quote) }`
	linkEventQ     = `mutation($in: LinkEventInput!) { linkEvent(input: $in) { id } }`
	unlinkEventQ   = `mutation($e: ID!, $l: EventLink!, $t: ID!, $source: String!, $quote: String) { unlinkEvent(eventId: $e, link: $l, targetId: $t, source: $source, quote: $quote) { id } }`
	createOrgQ     = `mutation($in: CreateOrganizationInput!) { createOrganization(input: $in) { id } }`
	updateOrgQ     = `mutation($id: ID!, $in: UpdateOrganizationInput!) { updateOrganization(id: $id, input: $in) { id } }`
	deleteOrgQ     = `mutation($id: ID!, $source: String!, $quote: String) { deleteOrganization(id: $id, source: $source, quote: $quote) }`
	createKeyAreaQ = `mutation($in: CreateKeyAreaInput!) { createKeyArea(input: $in) { id } }`
	updateKeyAreaQ = `mutation($id: ID!, $in: UpdateKeyAreaInput!) { updateKeyArea(id: $id, input: $in) { id } }`
	deleteKeyAreaQ = `mutation($id: ID!, $source: String!, $quote: String) { deleteKeyArea(id: $id, source: $source, quote: $quote) }`
	joinQ          = `mutation($in: JoinNetworkInput!) { joinNetwork(input: $in) { status since until } }`
	leaveQ         = `mutation($in: LeaveNetworkInput!) { leaveNetwork(input: $in) { status since until } }`
	createSourceQ  = `mutation($in: CreateSourceInput!) { createSource(input: $in) { id } }`
	addPeriodQ     = `mutation($in: AddKeyAreaPeriodInput!) { addKeyAreaPeriod(input: $in) { id periods { network { id } label from to citations { quote source { id } } } } }`
	addClaimQ      = `mutation($in: AddFoundingClaimInput!) { addFoundingClaim(input: $in) { id founded { date citations { quote source { id } } } } }`
	addAppealQ     = `mutation($in: AddAppealInput!) { addAppeal(input: $in) { id text by to event { id appeals { id } } citations { quote } } }`
	updateSourceQ  = `mutation($id: ID!, $in: UpdateSourceInput!) { updateSource(id: $id, input: $in) { id title url publisher published note } }`
)

// validOps are one valid call of each mutation beyond the school ones, on the knowledge graph.
func validOps() []op {
	src := map[string]any{"source": srcURL}
	return []op{
		{"createEvent", createEventQ, map[string]any{"in": eventInput()}},
		{"updateEvent", updateEventQ, map[string]any{"id": id(aspnet.KindEvent, festival), "in": with(src, "name", "Festival")}},
		{"deleteEvent", deleteEventQ, with(src, "id", id(aspnet.KindEvent, festival))},
		{"linkEvent", linkEventQ, map[string]any{"in": with(with(with(src, "eventId", id(aspnet.KindEvent, festival)), "link", "KEY_AREA"), "targetId", id(aspnet.KindKeyArea, "ka-gced"))}},
		{"unlinkEvent", unlinkEventQ, map[string]any{"e": id(aspnet.KindEvent, festival), "l": "ORGANIZER", "t": id(aspnet.KindOrganization, "org-unesco-almaty"), "source": srcURL}},
		{"createOrganization", createOrgQ, map[string]any{"in": with(src, "name", "Council")}},
		{"updateOrganization", updateOrgQ, map[string]any{"id": id(aspnet.KindOrganization, "org-unesco-almaty"), "in": with(src, "name", "Office")}},
		{"deleteOrganization", deleteOrgQ, with(src, "id", id(aspnet.KindOrganization, "org-unesco-almaty"))},
		{"createKeyArea", createKeyAreaQ, map[string]any{"in": with(src, "name", "Area")}},
		{"updateKeyArea", updateKeyAreaQ, map[string]any{"id": id(aspnet.KindKeyArea, "ka-gced"), "in": with(src, "name", "GCED")}},
		{"deleteKeyArea", deleteKeyAreaQ, with(src, "id", id(aspnet.KindKeyArea, "ka-gced"))},
		{"joinNetwork", joinQ, map[string]any{"in": with(with(src, "schoolId", id(aspnet.KindSchool, best)), "networkId", id(aspnet.KindNetwork, "aspnet"))}},
		{"leaveNetwork", leaveQ, map[string]any{"in": with(with(with(src, "schoolId", id(aspnet.KindSchool, best)), "networkId", id(aspnet.KindNetwork, kzNetwork)), "until", "2020")}},
		{"createSource", createSourceQ, map[string]any{"in": map[string]any{"title": "A report"}}},
		{"addKeyAreaPeriod", addPeriodQ, map[string]any{"in": with(with(with(src, "keyAreaId", id(aspnet.KindKeyArea, "ka-gced")), "networkId", id(aspnet.KindNetwork, "aspnet")), "label", "2030 plan")}},
		{"addFoundingClaim", addClaimQ, map[string]any{"in": with(with(src, "organizationId", id(aspnet.KindOrganization, "org-unesco-almaty")), "date", "1995")}},
		{"addAppeal", addAppealQ, map[string]any{"in": with(with(src, "eventId", id(aspnet.KindEvent, festival)), "text", "Keep peace.")}},
		{"linkEventPartOf", linkEventQ, map[string]any{"in": with(with(with(src, "eventId", id(aspnet.KindEvent, "ev-2014-almaty-aspnet-seminar")), "link", "PART_OF"), "targetId", id(aspnet.KindEvent, festival))}},
		{"updateSource", updateSourceQ, map[string]any{"id": id(aspnet.KindSource, seedSource), "in": with(src, "title", "A report")}},
	}
}

func TestWritesRefusedWriteNothing(t *testing.T) {
	s := writable(t)
	now := time.Now()
	editor := "Bearer " + token(t, testSecret, []string{aspnet.RoleEditor}, time.Hour, now)
	var logs bytes.Buffer
	on := authHandler(s, &logs, auth.Keys{Secret: testSecret})
	off := authHandler(s, &logs, auth.Keys{})
	schoolID := id(aspnet.KindSchool, "school-almaty-best")
	tests := []struct {
		name     string
		h        http.Handler
		auth     string
		code     string
		mentions string
	}{
		{"ErrNoSecretConfigured", off, editor, "FORBIDDEN", "set JWT_SECRET"},
		{"ErrNoToken", on, "", "UNAUTHENTICATED", "missing"},
		{"ErrNotBearer", on, "Basic YWxpY2U6cHc=", "UNAUTHENTICATED", "malformed"},
		{"ErrMalformedToken", on, "Bearer not.a.jwt", "UNAUTHENTICATED", "malformed"},
		{"ErrBadSignature", on, "Bearer " + token(t, []byte("another-secret-0123456789abcdef0123"), []string{aspnet.RoleEditor}, time.Hour, now), "UNAUTHENTICATED", "bad signature"},
		{"ErrExpired", on, "Bearer " + token(t, testSecret, []string{aspnet.RoleEditor}, time.Hour, now.Add(-2*time.Hour)), "UNAUTHENTICATED", "expired"},
		{"ErrNotYetValid", on, "Bearer " + token(t, testSecret, []string{aspnet.RoleEditor}, time.Hour, now.Add(time.Hour)), "UNAUTHENTICATED", "not valid yet"},
		{"ErrNoEditorRole", on, "Bearer " + token(t, testSecret, []string{"reader"}, time.Hour, now), "FORBIDDEN", "editor"},
	}
	before := snapshot(t, s)
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			for _, op := range []struct {
				query string
				vars  map[string]any
			}{
				{createSchool, map[string]any{"in": schoolInput("Refused School")}},
				{
					`mutation($id: ID!, $in: UpdateSchoolInput!) { updateSchool(id: $id, input: $in) { id } }`,
					map[string]any{"id": schoolID, "in": map[string]any{"name": "Renamed", "source": "https://example.org/x"}},
				},
				{deleteSchoolQ, map[string]any{"id": schoolID, "source": "https://example.org/closures"}},
			} {
				r := postAs(t, tc.h, tc.auth, op.query, op.vars)
				if len(r.Errors) != 1 || r.Errors[0].Extensions["code"] != tc.code || !strings.Contains(r.Errors[0].Message, tc.mentions) {
					t.Errorf("got %s, want %s mentioning %q", r.raw, tc.code, tc.mentions)
				}
			}
			if after := snapshot(t, s); after != before {
				t.Error("a refused write changed the graph")
			}
		})
	}
	for _, tc := range tests {
		if tok := strings.TrimPrefix(tc.auth, "Bearer "); tok != "" && strings.Contains(logs.String(), tok) {
			t.Errorf("%s: the log shows the token", tc.name)
		}
	}
}

func TestReadsNeedATokenWhenRequired(t *testing.T) {
	s := knowledgeGraph(t)
	h := authHandler(s, new(bytes.Buffer), auth.Keys{Secret: testSecret}, graph.WithReadsNeedToken())
	r := postAs(t, h, "", `{ networks { name } }`, nil)
	if len(r.Errors) != 1 || r.Errors[0].Extensions["code"] != "UNAUTHENTICATED" || !strings.Contains(r.Errors[0].Message, "missing") {
		t.Errorf("without a token: %s", r.raw)
	}
	reader := "Bearer " + token(t, testSecret, []string{"reader"}, time.Hour, time.Now())
	if r := postAs(t, h, reader, `{ networks { name } }`, nil); len(r.Errors) != 0 || !strings.Contains(string(r.Data), "Kazakhstan") {
		t.Errorf("with a reader's token: %s", r.raw)
	}
}

func TestEveryMutationRefusedWithoutEditor(t *testing.T) {
	s := writable(t)
	now := time.Now()
	on := authHandler(s, new(bytes.Buffer), auth.Keys{Secret: testSecret})
	off := authHandler(s, new(bytes.Buffer), auth.Keys{})
	reader := "Bearer " + token(t, testSecret, []string{"reader"}, time.Hour, now)
	expired := "Bearer " + token(t, testSecret, []string{aspnet.RoleEditor}, time.Hour, now.Add(-2*time.Hour))
	before := snapshot(t, s)
	for _, o := range validOps() {
		t.Run(o.name, func(t *testing.T) {
			for _, c := range []struct {
				auth, code string
				off        bool
			}{{"", "UNAUTHENTICATED", false}, {expired, "UNAUTHENTICATED", false}, {reader, "FORBIDDEN", false}, {reader, "FORBIDDEN", true}} {
				h := on
				if c.off {
					h = off
				}
				r := postAs(t, h, c.auth, o.query, o.vars)
				if len(r.Errors) != 1 || r.Errors[0].Extensions["code"] != c.code {
					t.Errorf("got %s, want %s", r.raw, c.code)
				}
			}
		})
	}
	if snapshot(t, s) != before {
		t.Error("a refused write changed the graph")
	}
}

func TestMutationValidationNamesTheField(t *testing.T) {
	s := writable(t)
	ed := editor(t, s, new(bytes.Buffer))
	future := fmt.Sprint(time.Now().Year() + 1)
	long := strings.Repeat("n", 201)
	ev, org, ka := id(aspnet.KindEvent, festival), id(aspnet.KindOrganization, "org-unesco-almaty"), id(aspnet.KindKeyArea, "ka-gced")
	seed := id(aspnet.KindSource, seedSource)
	src := map[string]any{"source": srcURL}
	period := with(with(with(with(src, "keyAreaId", ka), "networkId", id(aspnet.KindNetwork, "aspnet")), "label", "2030 plan"), "from", "2014")
	claim := with(with(src, "organizationId", org), "date", "1995")
	appeal := with(with(src, "eventId", ev), "text", "Keep the peace.")
	link := func(l, target string) map[string]any {
		return map[string]any{"in": with(with(with(src, "eventId", ev), "link", l), "targetId", target)}
	}
	join := with(with(src, "schoolId", id(aspnet.KindSchool, best)), "networkId", id(aspnet.KindNetwork, "aspnet"))
	leave := with(with(with(src, "schoolId", id(aspnet.KindSchool, "school-almaty-8")), "networkId", id(aspnet.KindNetwork, kzNetwork)), "until", "2020")
	tests := []struct {
		name  string
		query string
		vars  map[string]any
		code  string
		field string
	}{
		{"CreateEventNameEmpty", createEventQ, map[string]any{"in": with(eventInput(), "name", " ")}, "BAD_USER_INPUT", "input.name"},
		{"CreateEventNameTooLong", createEventQ, map[string]any{"in": with(eventInput(), "name", long)}, "BAD_USER_INPUT", "input.name"},
		{"CreateEventDateUnparsable", createEventQ, map[string]any{"in": with(eventInput(), "date", "2019-02-30")}, "BAD_USER_INPUT", "date"},
		{"CreateEventDateInFuture", createEventQ, map[string]any{"in": with(eventInput(), "date", future)}, "BAD_USER_INPUT", "input.date"},
		{"CreateEventEndsBeforeStart", createEventQ, map[string]any{"in": with(eventInput(), "endDate", "2019-04-09")}, "BAD_USER_INPUT", "input.endDate"},
		{"CreateEventVenueNotASchool", createEventQ, map[string]any{"in": with(eventInput(), "venueId", ka)}, "BAD_USER_INPUT", "input.venueId"},
		{"CreateEventVenueUnknown", createEventQ, map[string]any{"in": with(eventInput(), "venueId", id(aspnet.KindSchool, "no-such-school"))}, "BAD_USER_INPUT", "input.venueId"},
		{"CreateEventCityUnknown", createEventQ, map[string]any{"in": with(eventInput(), "cityId", id(aspnet.KindCity, "atlantis"))}, "BAD_USER_INPUT", "input.cityId"},
		{"CreateEventOrganizerUnknown", createEventQ, map[string]any{"in": with(eventInput(), "organizerIds", []string{id(aspnet.KindOrganization, "org-none")})}, "BAD_USER_INPUT", "input.organizerIds"},
		{"CreateEventParticipantWrongKind", createEventQ, map[string]any{"in": with(eventInput(), "participantIds", []string{ka})}, "BAD_USER_INPUT", "input.participantIds"},
		{"CreateEventParticipantUnknown", createEventQ, map[string]any{"in": with(eventInput(), "participantIds", []string{id(aspnet.KindCountry, "atlantis")})}, "BAD_USER_INPUT", "input.participantIds"},
		{"CreateEventOccasionUnknown", createEventQ, map[string]any{"in": with(eventInput(), "occasionIds", []string{id(aspnet.KindOccasion, "occ-none")})}, "BAD_USER_INPUT", "input.occasionIds"},
		{"CreateEventKeyAreaMalformed", createEventQ, map[string]any{"in": with(eventInput(), "keyAreaIds", []string{"%%%"})}, "BAD_USER_INPUT", "input.keyAreaIds"},
		{"CreateEventSourceUnknown", createEventQ, map[string]any{"in": with(eventInput(), "source", id(aspnet.KindSource, "src-none"))}, "BAD_USER_INPUT", "input.source"},
		{"CreateEventSourceNotURL", createEventQ, map[string]any{"in": with(eventInput(), "source", "mailto:x@example.org")}, "BAD_USER_INPUT", "input.source"},
		{"CreateEventQuoteTooLong", createEventQ, map[string]any{"in": with(eventInput(), "quote", strings.Repeat("q", 2001))}, "BAD_USER_INPUT", "input.quote"},
		{"UpdateEventNothing", updateEventQ, map[string]any{"id": ev, "in": src}, "BAD_USER_INPUT", "input"},
		{"UpdateEventNameEmpty", updateEventQ, map[string]any{"id": ev, "in": with(src, "name", "")}, "BAD_USER_INPUT", "input.name"},
		{"UpdateEventDateInFuture", updateEventQ, map[string]any{"id": ev, "in": with(src, "date", future)}, "BAD_USER_INPUT", "input.date"},
		{"UpdateEventDateAfterEnd", updateEventQ, map[string]any{"id": id(aspnet.KindEvent, "ev-2014-almaty-aspnet-seminar"), "in": with(src, "date", "2015")}, "BAD_USER_INPUT", "input.date"},
		{"UpdateEventUnknown", updateEventQ, map[string]any{"id": id(aspnet.KindEvent, "ev-none"), "in": with(src, "name", "X")}, "NOT_FOUND", "no Event has the ID"},
		{"UpdateEventWrongKind", updateEventQ, map[string]any{"id": org, "in": with(src, "name", "X")}, "NOT_FOUND", ""},
		{"DeleteEventUnknown", deleteEventQ, with(src, "id", id(aspnet.KindEvent, "ev-none")), "NOT_FOUND", ""},
		{"DeleteEventMalformed", deleteEventQ, with(src, "id", "garbage"), "NOT_FOUND", ""},
		{"DeleteEventNoSource", deleteEventQ, map[string]any{"id": ev}, "GRAPHQL_VALIDATION_FAILED", "must be defined"},
		{"DeleteEventSourceUnknown", deleteEventQ, map[string]any{"id": ev, "source": id(aspnet.KindSource, "src-none")}, "BAD_USER_INPUT", "argument source"},
		{"DeleteEventSourceNotURL", deleteEventQ, map[string]any{"id": ev, "source": "ftp://example.org/x"}, "BAD_USER_INPUT", "argument source"},
		{"DeleteEventQuoteTooLong", deleteEventQ, map[string]any{"id": ev, "source": srcURL, "quote": strings.Repeat("q", 2001)}, "BAD_USER_INPUT", "argument quote"},
		{"LinkEventTargetWrongKind", linkEventQ, link("ORGANIZER", ka), "BAD_USER_INPUT", "input.targetId"},
		{"LinkEventTargetUnknown", linkEventQ, link("OCCASION", id(aspnet.KindOccasion, "occ-none")), "BAD_USER_INPUT", "input.targetId"},
		{"LinkEventRelationOnOrganizer", linkEventQ, map[string]any{"in": with(link("ORGANIZER", org)["in"].(map[string]any), "relation", "for")}, "BAD_USER_INPUT", "input.relation"},
		{"LinkEventUnknownEvent", linkEventQ, map[string]any{"in": with(link("ORGANIZER", org)["in"].(map[string]any), "eventId", id(aspnet.KindEvent, "ev-none"))}, "NOT_FOUND", ""},
		{"UnlinkEventNoSuchLink", unlinkEventQ, map[string]any{"e": ev, "l": "KEY_AREA", "t": ka, "source": srcURL}, "NOT_FOUND", ""},
		{"UnlinkEventTargetWrongKind", unlinkEventQ, map[string]any{"e": ev, "l": "CITY", "t": ka, "source": srcURL}, "BAD_USER_INPUT", "targetId"},
		{"UnlinkEventNoSource", unlinkEventQ, map[string]any{"e": ev, "l": "ORGANIZER", "t": org}, "GRAPHQL_VALIDATION_FAILED", "must be defined"},
		{"UnlinkEventSourceWrongKind", unlinkEventQ, map[string]any{"e": ev, "l": "ORGANIZER", "t": org, "source": ka}, "BAD_USER_INPUT", "argument source"},
		{"UnlinkEventSourceUnknown", unlinkEventQ, map[string]any{"e": ev, "l": "ORGANIZER", "t": org, "source": id(aspnet.KindSource, "src-none")}, "BAD_USER_INPUT", "argument source"},
		{"CreateOrganizationNameTooLong", createOrgQ, map[string]any{"in": with(src, "name", long)}, "BAD_USER_INPUT", "input.name"},
		{"CreateOrganizationCityUnknown", createOrgQ, map[string]any{"in": with(with(src, "name", "X"), "cityId", id(aspnet.KindCity, "atlantis"))}, "BAD_USER_INPUT", "input.cityId"},
		{"CreateOrganizationPartOfWrongKind", createOrgQ, map[string]any{"in": with(with(src, "name", "X"), "partOfId", ka)}, "BAD_USER_INPUT", "input.partOfId"},
		{"CreateOrganizationCoversUnknown", createOrgQ, map[string]any{"in": with(with(src, "name", "X"), "coversCountryIds", []string{id(aspnet.KindCountry, "atlantis")})}, "BAD_USER_INPUT", "input.coversCountryIds"},
		{"UpdateOrganizationNameEmpty", updateOrgQ, map[string]any{"id": org, "in": with(src, "name", "")}, "BAD_USER_INPUT", "input.name"},
		{"UpdateOrganizationUnknown", updateOrgQ, map[string]any{"id": id(aspnet.KindOrganization, "org-none"), "in": with(src, "name", "X")}, "NOT_FOUND", ""},
		{"DeleteOrganizationUnknown", deleteOrgQ, with(src, "id", id(aspnet.KindOrganization, "org-none")), "NOT_FOUND", ""},
		{"DeleteOrganizationNoSource", deleteOrgQ, map[string]any{"id": org}, "GRAPHQL_VALIDATION_FAILED", "must be defined"},
		{"DeleteOrganizationSourceBlank", deleteOrgQ, map[string]any{"id": org, "source": " "}, "BAD_USER_INPUT", "argument source"},
		{"CreateKeyAreaNameEmpty", createKeyAreaQ, map[string]any{"in": with(src, "name", "")}, "BAD_USER_INPUT", "input.name"},
		{"CreateKeyAreaMappedFromUnknown", createKeyAreaQ, map[string]any{"in": with(with(src, "name", "X"), "mappedFromIds", []string{id(aspnet.KindKeyArea, "ka-none")})}, "BAD_USER_INPUT", "input.mappedFromIds"},
		{"UpdateKeyAreaNameTooLong", updateKeyAreaQ, map[string]any{"id": ka, "in": with(src, "name", long)}, "BAD_USER_INPUT", "input.name"},
		{"UpdateKeyAreaUnknown", updateKeyAreaQ, map[string]any{"id": id(aspnet.KindKeyArea, "ka-none"), "in": with(src, "name", "X")}, "NOT_FOUND", ""},
		{"DeleteKeyAreaUnknown", deleteKeyAreaQ, with(src, "id", id(aspnet.KindKeyArea, "ka-none")), "NOT_FOUND", ""},
		{"DeleteKeyAreaNoSource", deleteKeyAreaQ, map[string]any{"id": ka}, "GRAPHQL_VALIDATION_FAILED", "must be defined"},
		{"DeleteKeyAreaSourceUnknown", deleteKeyAreaQ, map[string]any{"id": ka, "source": id(aspnet.KindSource, "src-none")}, "BAD_USER_INPUT", "argument source"},
		{"JoinSinceInFuture", joinQ, map[string]any{"in": with(join, "since", future)}, "BAD_USER_INPUT", "input.since"},
		{"JoinSinceUnparsable", joinQ, map[string]any{"in": with(join, "since", "1996-00")}, "BAD_USER_INPUT", "since"},
		{"JoinStatusFormer", joinQ, map[string]any{"in": with(join, "status", "FORMER")}, "BAD_USER_INPUT", "input.status"},
		{"JoinNetworkUnknown", joinQ, map[string]any{"in": with(join, "networkId", id(aspnet.KindNetwork, "net-none"))}, "BAD_USER_INPUT", "input.networkId"},
		{"JoinNetworkWrongKind", joinQ, map[string]any{"in": with(join, "networkId", ka)}, "BAD_USER_INPUT", "input.networkId"},
		{"JoinSchoolUnknown", joinQ, map[string]any{"in": with(join, "schoolId", id(aspnet.KindSchool, "no-such-school"))}, "NOT_FOUND", ""},
		{"LeaveBeforeSince", leaveQ, map[string]any{"in": with(leave, "until", "1995")}, "BAD_USER_INPUT", "input.until"},
		{"LeaveInFuture", leaveQ, map[string]any{"in": with(leave, "until", future)}, "BAD_USER_INPUT", "input.until"},
		{"LeaveUnparsable", leaveQ, map[string]any{"in": with(leave, "until", "yesterday")}, "BAD_USER_INPUT", "until"},
		{"LeaveNotAMember", leaveQ, map[string]any{"in": with(leave, "networkId", id(aspnet.KindNetwork, "aspnet"))}, "NOT_FOUND", ""},
		{"CreateSourceTitleEmpty", createSourceQ, map[string]any{"in": map[string]any{"title": "  "}}, "BAD_USER_INPUT", "input.title"},
		{"CreateSourceTitleTooLong", createSourceQ, map[string]any{"in": map[string]any{"title": long}}, "BAD_USER_INPUT", "input.title"},
		{"CreateSourceURLNotHTTP", createSourceQ, map[string]any{"in": map[string]any{"title": "T", "url": "javascript:alert(1)"}}, "BAD_USER_INPUT", "input.url"},
		{"CreateSourcePublishedInFuture", createSourceQ, map[string]any{"in": map[string]any{"title": "T", "published": future}}, "BAD_USER_INPUT", "input.published"},
		{"CreateSourceURLTaken", createSourceQ, map[string]any{"in": map[string]any{"title": "T", "url": "https://en.unesco.org/fieldoffice/almaty/about"}}, "CONFLICT", "input.url"},
		{"AddPeriodKeyAreaUnknown", addPeriodQ, map[string]any{"in": with(period, "keyAreaId", id(aspnet.KindKeyArea, "ka-none"))}, "NOT_FOUND", "no KeyArea has the ID"},
		{"AddPeriodKeyAreaWrongKind", addPeriodQ, map[string]any{"in": with(period, "keyAreaId", org)}, "NOT_FOUND", ""},
		{"AddPeriodNetworkUnknown", addPeriodQ, map[string]any{"in": with(period, "networkId", id(aspnet.KindNetwork, "net-none"))}, "BAD_USER_INPUT", "input.networkId"},
		{"AddPeriodNetworkWrongKind", addPeriodQ, map[string]any{"in": with(period, "networkId", ka)}, "BAD_USER_INPUT", "input.networkId"},
		{"AddPeriodLabelEmpty", addPeriodQ, map[string]any{"in": with(period, "label", " ")}, "BAD_USER_INPUT", "input.label"},
		{"AddPeriodLabelTooLong", addPeriodQ, map[string]any{"in": with(period, "label", long)}, "BAD_USER_INPUT", "input.label"},
		{"AddPeriodFromInFuture", addPeriodQ, map[string]any{"in": with(period, "from", future)}, "BAD_USER_INPUT", "input.from"},
		{"AddPeriodEndsBeforeStart", addPeriodQ, map[string]any{"in": with(period, "to", "2013")}, "BAD_USER_INPUT", "input.to"},
		{"AddPeriodSourceUnknown", addPeriodQ, map[string]any{"in": with(period, "source", id(aspnet.KindSource, "src-none"))}, "BAD_USER_INPUT", "input.source"},
		{"AddClaimOrganizationUnknown", addClaimQ, map[string]any{"in": with(claim, "organizationId", id(aspnet.KindOrganization, "org-none"))}, "NOT_FOUND", "no Organization has the ID"},
		{"AddClaimDateInFuture", addClaimQ, map[string]any{"in": with(claim, "date", future)}, "BAD_USER_INPUT", "input.date"},
		{"AddClaimDateUnparsable", addClaimQ, map[string]any{"in": with(claim, "date", "1994-13")}, "BAD_USER_INPUT", "date"},
		{"AddClaimSourceNotURL", addClaimQ, map[string]any{"in": with(claim, "source", "file:///etc/passwd")}, "BAD_USER_INPUT", "input.source"},
		{"AddAppealEventUnknown", addAppealQ, map[string]any{"in": with(appeal, "eventId", id(aspnet.KindEvent, "ev-none"))}, "NOT_FOUND", "no Event has the ID"},
		{"AddAppealTextEmpty", addAppealQ, map[string]any{"in": with(appeal, "text", "  ")}, "BAD_USER_INPUT", "input.text"},
		{"AddAppealTextTooLong", addAppealQ, map[string]any{"in": with(appeal, "text", strings.Repeat("t", 5001))}, "BAD_USER_INPUT", "input.text"},
		{"AddAppealByTooLong", addAppealQ, map[string]any{"in": with(appeal, "by", long)}, "BAD_USER_INPUT", "input.by"},
		{"AddAppealSourceUnknown", addAppealQ, map[string]any{"in": with(appeal, "source", id(aspnet.KindSource, "src-none"))}, "BAD_USER_INPUT", "input.source"},
		{"LinkPartOfItself", linkEventQ, link("PART_OF", ev), "BAD_USER_INPUT", "input.targetId"},
		{"LinkPartOfOwnActivity", linkEventQ, link("PART_OF", id(aspnet.KindEvent, "ev-2016-festival-almaty-concert")), "BAD_USER_INPUT", "input.targetId"},
		{"LinkPartOfWrongKind", linkEventQ, link("PART_OF", ka), "BAD_USER_INPUT", "input.targetId"},
		{"LinkPartOfUnknown", linkEventQ, link("PART_OF", id(aspnet.KindEvent, "ev-none")), "BAD_USER_INPUT", "input.targetId"},
		{"UpdateSourceNothing", updateSourceQ, map[string]any{"id": seed, "in": src}, "BAD_USER_INPUT", "input"},
		{"UpdateSourceTitleEmpty", updateSourceQ, map[string]any{"id": seed, "in": with(src, "title", " ")}, "BAD_USER_INPUT", "input.title"},
		{"UpdateSourceTitleTooLong", updateSourceQ, map[string]any{"id": seed, "in": with(src, "title", long)}, "BAD_USER_INPUT", "input.title"},
		{"UpdateSourceURLNotHTTP", updateSourceQ, map[string]any{"id": seed, "in": with(src, "url", "javascript:alert(1)")}, "BAD_USER_INPUT", "input.url"},
		{"UpdateSourcePublishedInFuture", updateSourceQ, map[string]any{"id": seed, "in": with(src, "published", future)}, "BAD_USER_INPUT", "input.published"},
		{"UpdateSourceNoteTooLong", updateSourceQ, map[string]any{"id": seed, "in": with(src, "note", strings.Repeat("n", 5001))}, "BAD_USER_INPUT", "input.note"},
		{"UpdateSourceCitingUnknown", updateSourceQ, map[string]any{"id": seed, "in": map[string]any{"title": "T", "source": id(aspnet.KindSource, "src-none")}}, "BAD_USER_INPUT", "input.source"},
		{"UpdateSourceURLTaken", updateSourceQ, map[string]any{"id": seed, "in": with(src, "url", "https://en.unesco.org/fieldoffice/almaty/about")}, "CONFLICT", id(aspnet.KindSource, "src-unesco-almaty-about")},
		{"UpdateSourceUnknown", updateSourceQ, map[string]any{"id": id(aspnet.KindSource, "src-none"), "in": with(src, "title", "T")}, "NOT_FOUND", ""},
		{"UpdateSourceWrongKind", updateSourceQ, map[string]any{"id": ka, "in": with(src, "title", "T")}, "NOT_FOUND", ""},
	}
	before := snapshot(t, s)
	for _, tc := range tests {
		t.Run("Err"+tc.name, func(t *testing.T) {
			r := ed.post(t, tc.query, tc.vars)
			if len(r.Errors) != 1 || r.Errors[0].Extensions["code"] != tc.code || !strings.Contains(r.Errors[0].Message, tc.field) {
				t.Errorf("got %s, want %s naming %q", r.raw, tc.code, tc.field)
			}
		})
	}
	if after := snapshot(t, s); after != before {
		t.Error("a refused write changed the graph")
	}
}

func TestMutationsWriteWhatQueriesRead(t *testing.T) {
	s := writable(t)
	ed := editor(t, s, new(bytes.Buffer))

	src := decode[struct {
		CreateSource struct{ ID string } `json:"createSource"`
	}](t, ed.must(t, createSourceQ, map[string]any{"in": map[string]any{"title": "Annual report 2019", "url": srcURL, "publisher": "UNESCO", "published": "2019-12"}})).CreateSource.ID
	org := decode[struct {
		CreateOrganization struct{ ID string } `json:"createOrganization"`
	}](t, ed.must(t, createOrgQ, map[string]any{"in": map[string]any{
		"name": "Almaty ASPnet council", "cityId": id(aspnet.KindCity, "almaty"), "coversCountryIds": []string{id(aspnet.KindCountry, "kz")},
		"source": src, "quote": "The council was set up in Almaty.",
	}})).CreateOrganization.ID
	ka := decode[struct {
		CreateKeyArea struct{ ID string } `json:"createKeyArea"`
	}](t, ed.must(t, createKeyAreaQ, map[string]any{"in": map[string]any{
		"name": "Digital citizenship", "abbreviation": "DC", "mappedFromIds": []string{id(aspnet.KindKeyArea, "ka-gced")}, "source": src,
	}})).CreateKeyArea.ID
	in := eventInput()
	in["source"], in["organizerIds"], in["keyAreaIds"] = src, []string{org}, []string{ka}
	ev := decode[struct {
		CreateEvent struct{ ID string } `json:"createEvent"`
	}](t, ed.must(t, createEventQ, map[string]any{"in": in})).CreateEvent.ID
	ed.must(t, linkEventQ, map[string]any{"in": map[string]any{"eventId": ev, "link": "OCCASION", "targetId": id(aspnet.KindOccasion, "occ-aspnet-kz-20th-anniversary"), "relation": "dedicated to", "source": src}})

	t.Run("OKEventReadsLikeLoadedOnes", func(t *testing.T) {
		r := ed.must(t, `query($id: ID!, $ka: ID!, $org: ID!, $best: ID!) {
			node(id: $id) { ... on Event { name kind date endDate venue { name } city { name } organizers { name }
				participatingCountries { name } participatingNetworks { name } occasions { name } keyAreas { name }
				citations { quote source { title } } } }
			byKeyArea: events(filter: {keyAreaId: $ka}) { totalCount }
			byGCED: events(filter: {keyAreaId: "`+id(aspnet.KindKeyArea, "ka-gced")+`", followKeyAreaMappings: true, from: "2019", to: "2019"}) { edges { node { id } } }
			byOrganizer: events(filter: {organizerId: $org}) { edges { node { id } } }
			byVenue: events(filter: {venueId: $best, from: "2019"}) { edges { node { id } } }
			best: node(id: $best) { ... on School { events { id } } }
			school8: node(id: "`+id(aspnet.KindSchool, "school-almaty-8")+`") { ... on School { events { id } } }
		}`, map[string]any{"id": ev, "ka": ka, "org": org, "best": id(aspnet.KindSchool, best)})
		got := string(r.Data)
		for _, want := range []string{
			`"name":"Regional seminar 2019","kind":"seminar","date":"2019-04-10","endDate":"2019-04-11","venue":{"name":"BEST school"},"city":{"name":"Almaty"},"organizers":[{"name":"Almaty ASPnet council"}]`,
			`"participatingCountries":[{"name":"Kazakhstan"}],"participatingNetworks":[{"name":"ASPnet in Kazakhstan"}]`,
			`"keyAreas":[{"name":"Digital citizenship"}]`,
			`"citations":[{"quote":"A regional seminar was held at BEST school.","source":{"title":"Annual report 2019"}}]`,
			`"byKeyArea":{"totalCount":1}`,
			`"byGCED":{"edges":[{"node":{"id":"` + ev + `"}}]}`,
			`"byOrganizer":{"edges":[{"node":{"id":"` + ev + `"}}]}`,
			`"byVenue":{"edges":[{"node":{"id":"` + ev + `"}}]}`,
		} {
			if !strings.Contains(got, want) {
				t.Errorf("missing %s in\n%s", want, got)
			}
		}
		if strings.Count(got, ev) != 5 {
			t.Errorf("the event shows %d times, want 5 (the venue's and the participant's events among them): %s", strings.Count(got, ev), got)
		}
		if !strings.Contains(got, "20th anniversary") {
			t.Errorf("the linked occasion is missing: %s", got)
		}
	})
	t.Run("OKMembershipsCountLikeLoadedOnes", func(t *testing.T) {
		count := `query($n: ID!) { node(id: $n) { ... on Network { before: memberships(asOf: "2005") { totalCount } after: memberships(asOf: "2012") { totalCount } } } }`
		kz := id(aspnet.KindNetwork, kzNetwork)
		was := string(ed.must(t, count, map[string]any{"n": kz}).Data)
		school := decode[struct {
			CreateSchool struct{ ID string } `json:"createSchool"`
		}](t, ed.must(t, createSchool, map[string]any{"in": map[string]any{"name": "Gymnasium No. 9", "cityName": "Almaty", "countryName": "Kazakhstan", "source": src}})).CreateSchool.ID
		r := ed.must(t, joinQ, map[string]any{"in": map[string]any{"schoolId": school, "networkId": kz, "since": "2010", "status": "MEMBER", "source": src, "quote": "It joined in 2010."}})
		if !strings.Contains(string(r.Data), `{"status":"MEMBER","since":"2010","until":null}`) {
			t.Errorf("joinNetwork: %s", r.Data)
		}
		now := string(ed.must(t, count, map[string]any{"n": kz}).Data)
		if was == now || !strings.Contains(now, `"before":{"totalCount":6}`) {
			t.Errorf("as of 2005 and 2012: before joining %s, after %s", was, now)
		}
		r = ed.must(t, leaveQ, map[string]any{"in": map[string]any{"schoolId": school, "networkId": kz, "until": "2011-06", "source": src}})
		if !strings.Contains(string(r.Data), `{"status":"FORMER","since":"2010","until":"2011-06"}`) {
			t.Errorf("leaveNetwork: %s", r.Data)
		}
		if after := string(ed.must(t, count, map[string]any{"n": kz}).Data); after != was {
			t.Errorf("after leaving: %s, want %s as before joining", after, was)
		}
	})
	t.Run("OKDeletesKeepSources", func(t *testing.T) {
		for _, d := range []struct{ query, id string }{{deleteEventQ, ev}, {deleteOrgQ, org}, {deleteKeyAreaQ, ka}} {
			ed.must(t, d.query, map[string]any{"id": d.id, "source": src})
			if r := ed.must(t, `query($id: ID!) { node(id: $id) { id } }`, map[string]any{"id": d.id}); !strings.Contains(string(r.Data), `"node":null`) {
				t.Errorf("%s is still there: %s", d.id, r.Data)
			}
		}
		if r := ed.must(t, `query($id: ID!) { node(id: $id) { ... on Source { title } } }`, map[string]any{"id": src}); !strings.Contains(string(r.Data), "Annual report 2019") {
			t.Errorf("the source went with what cited it: %s", r.Data)
		}
	})
	t.Run("OKDeleteEventTakesItsAppeals", func(t *testing.T) {
		before := snapshot(t, s)
		if !strings.Contains(before, "Appeal") {
			t.Fatal("the knowledge graph has no appeal to check")
		}
		ed.must(t, deleteEventQ, map[string]any{"id": id(aspnet.KindEvent, festival), "source": srcURL})
		r := ed.must(t, `{ search(text: "appeal", first: 100) { node { __typename } } }`, nil)
		if strings.Contains(string(r.Data), `"Appeal"`) {
			t.Errorf("an appeal of the deleted festival remains: %s", r.Data)
		}
	})
}

func TestAddPeriodsClaimsAppealsAndProgrammes(t *testing.T) {
	s := writable(t)
	ed := editor(t, s, new(bytes.Buffer))
	ka, kz := id(aspnet.KindKeyArea, "ka-gced"), id(aspnet.KindNetwork, kzNetwork)
	seed := id(aspnet.KindSource, seedSource)
	t.Run("OKPeriod", func(t *testing.T) {
		got := string(ed.must(t, addPeriodQ, map[string]any{"in": map[string]any{"keyAreaId": ka, "networkId": kz, "label": "2020-2025 national plan", "from": "2020", "to": "2025", "source": srcURL, "quote": "GCED in the national plan."}}).Data)
		want := `{"network":{"id":"` + kz + `"},"label":"2020-2025 national plan","from":"2020","to":"2025","citations":[{"quote":"GCED in the national plan."`
		if !strings.Contains(got, want) || !strings.Contains(got, `"label":"January 2024"`) {
			t.Errorf("got %s\nwant the new period %s beside the loaded ones", got, want)
		}
		// The same label again is the same period: its dates change, its citations grow.
		got = string(ed.must(t, addPeriodQ, map[string]any{"in": map[string]any{"keyAreaId": ka, "networkId": kz, "label": "2020-2025 national plan", "from": "2021", "source": seed}}).Data)
		if strings.Count(got, "2020-2025 national plan") != 1 || !strings.Contains(got, `"from":"2021","to":"2025","citations":[{"quote":"GCED in the national plan."`) || !strings.Contains(got, seed) {
			t.Errorf("adding the period again: %s", got)
		}
	})
	t.Run("OKFoundingClaims", func(t *testing.T) {
		org := id(aspnet.KindOrganization, "org-unesco-almaty")
		got := string(ed.must(t, addClaimQ, map[string]any{"in": map[string]any{"organizationId": org, "date": "1995-03", "source": srcURL, "quote": "Opened in March 1995."}}).Data)
		if !strings.Contains(got, `{"date":"1994"`) || !strings.Contains(got, `{"date":"1995-03","citations":[{"quote":"Opened in March 1995."`) {
			t.Errorf("got %s, want the loaded 1994 claim and the new 1995-03 one", got)
		}
		got = string(ed.must(t, addClaimQ, map[string]any{"in": map[string]any{"organizationId": org, "date": "1994", "source": seed, "quote": "Since 1994."}}).Data)
		if strings.Count(got, `"date":"1994"`) != 1 || !strings.Contains(got, `"quote":"Since 1994."`) {
			t.Errorf("claiming the loaded date again: %s, want one 1994 claim with both citations", got)
		}
	})
	t.Run("OKAppeal", func(t *testing.T) {
		ev := id(aspnet.KindEvent, festival)
		got := string(ed.must(t, addAppealQ, map[string]any{"in": map[string]any{"eventId": ev, "text": " Protect our heritage. ", "by": "Students", "source": srcURL, "quote": "The students appealed."}}).Data)
		var r struct {
			AddAppeal struct {
				ID, Text string
				By, To   *string
				Event    struct {
					ID      string
					Appeals []struct{ ID string }
				}
			}
		}
		if err := json.Unmarshal([]byte(got), &r); err != nil {
			t.Fatal(err)
		}
		a := r.AddAppeal
		found := false
		for _, x := range a.Event.Appeals {
			found = found || x.ID == a.ID
		}
		if a.Text != "Protect our heritage." || a.By == nil || *a.By != "Students" || a.To != nil || a.Event.ID != ev || !found || len(a.Event.Appeals) < 2 {
			t.Errorf("got %s", got)
		}
	})
	t.Run("OKProgramme", func(t *testing.T) {
		seminar, festivalID := id(aspnet.KindEvent, "ev-2014-almaty-aspnet-seminar"), id(aspnet.KindEvent, festival)
		ed.must(t, linkEventQ, map[string]any{"in": map[string]any{"eventId": seminar, "link": "PART_OF", "targetId": festivalID, "source": srcURL}})
		got := string(ed.must(t, `query($f: ID!, $s: ID!) { f: node(id: $f) { ... on Event { activities { id } } } s: node(id: $s) { ... on Event { partOf { id } } } }`, map[string]any{"f": festivalID, "s": seminar}).Data)
		if !strings.Contains(got, `"partOf":{"id":"`+festivalID+`"}`) || strings.Count(got, seminar) != 1 || strings.Count(got, `"id"`) != 6 {
			t.Errorf("got %s, want the seminar among the festival's five activities", got)
		}
		ed.must(t, unlinkEventQ, map[string]any{"e": seminar, "l": "PART_OF", "t": festivalID, "source": srcURL})
		got = string(ed.must(t, `query($s: ID!) { node(id: $s) { ... on Event { partOf { id } } } removals(first: 1) { edges { node { what link targetId } } } }`, map[string]any{"s": seminar}).Data)
		if !strings.Contains(got, `"partOf":null`) || !strings.Contains(got, `{"what":"EVENT_LINK","link":"PART_OF","targetId":"`+festivalID+`"}`) {
			t.Errorf("after unlinking: %s", got)
		}
	})
}
