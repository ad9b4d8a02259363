package graph_test

import (
	"bytes"
	"encoding/json"
	"reflect"
	"testing"

	"github.com/aspgraph/aspgraph/aspnet"
)

// TestStoreErrorsNameTheirArguments: the errors of the store and the domain name what they are
// about by the domain's fields (aspnet.Error.Field); clients read them on the arguments that
// carry those fields, below `input` where the field takes one, with the message, path and
// code exactly as here.
func TestStoreErrorsNameTheirArguments(t *testing.T) {
	s := writable(t)
	ed := editor(t, s, new(bytes.Buffer))
	src := map[string]any{"source": srcURL}
	noSource := id(aspnet.KindSource, "src-none")
	created := ed.post(t, createSchool, map[string]any{"in": map[string]any{
		"name": "Errors School", "cityName": "Almaty", "countryName": "Kazakhstan", "source": srcURL,
	}})
	var made struct{ CreateSchool struct{ ID string } }
	if err := json.Unmarshal(created.Data, &made); err != nil || made.CreateSchool.ID == "" {
		t.Fatalf("createSchool: %s", created.raw)
	}
	const (
		updateSchoolQ = `mutation($id: ID!, $in: UpdateSchoolInput!) { updateSchool(id: $id, input: $in) { id } }`
		neighborhoodQ = `query($id: ID!) { neighborhood(id: $id) { truncated } }`
		shortestPathQ = `query($from: ID!, $to: ID!) { shortestPath(from: $from, to: $to) { length } }`
	)
	tests := []struct {
		name  string
		query string
		vars  map[string]any
		want  gqlError
	}{
		{
			"CreateSchoolNetworkUnknown", createSchool,
			map[string]any{"in": with(schoolInput("X"), "networkId", id(aspnet.KindNetwork, "net-none"))},
			errorOf("createSchool", "BAD_USER_INPUT", "argument input.networkId: no network has the ID "+id(aspnet.KindNetwork, "net-none")),
		},
		{
			"CreateSchoolKeyAreaUnknown", createSchool,
			map[string]any{"in": with(schoolInput("X"), "keyAreaIds", []string{id(aspnet.KindKeyArea, "ka-none")})},
			errorOf("createSchool", "BAD_USER_INPUT", "argument input.keyAreaIds: no key area has the ID "+id(aspnet.KindKeyArea, "ka-none")),
		},
		{
			"CreateSchoolSourceUnknown", createSchool,
			map[string]any{"in": with(schoolInput("X"), "source", noSource)},
			errorOf("createSchool", "BAD_USER_INPUT", "argument input.source: no source has the ID "+noSource),
		},
		{
			"UpdateSchoolIdentityTaken", updateSchoolQ,
			map[string]any{"id": made.CreateSchool.ID, "in": with(src, "name", "best SCHOOL")},
			errorOf("updateSchool", "CONFLICT", "argument input: another school has this name in this city"),
		},
		{
			"UpdateEventEndsBeforeStart", updateEventQ,
			map[string]any{"id": id(aspnet.KindEvent, festival), "in": with(src, "endDate", "2016-01-01")},
			errorOf("updateEvent", "BAD_USER_INPUT", "argument input.endDate: 2016-01-01 is before the start, 2016-09-24"),
		},
		{
			"CreateOrganizationCityUnknown", createOrgQ,
			map[string]any{"in": with(with(src, "name", "X"), "cityId", id(aspnet.KindCity, "city-none"))},
			errorOf("createOrganization", "BAD_USER_INPUT", "argument input.cityId: no City has the ID "+id(aspnet.KindCity, "city-none")),
		},
		{
			"CreateOrganizationPartOfUnknown", createOrgQ,
			map[string]any{"in": with(with(src, "name", "X"), "partOfId", id(aspnet.KindOrganization, "org-none"))},
			errorOf("createOrganization", "BAD_USER_INPUT", "argument input.partOfId: no Organization has the ID "+id(aspnet.KindOrganization, "org-none")),
		},
		{
			"CreateOrganizationCoversUnknown", createOrgQ,
			map[string]any{"in": with(with(src, "name", "X"), "coversCountryIds", []string{id(aspnet.KindCountry, "c-none")})},
			errorOf("createOrganization", "BAD_USER_INPUT", "argument input.coversCountryIds: no Country has the ID "+id(aspnet.KindCountry, "c-none")),
		},
		{
			"CreateKeyAreaMappedFromUnknown", createKeyAreaQ,
			map[string]any{"in": with(with(src, "name", "X"), "mappedFromIds", []string{id(aspnet.KindKeyArea, "ka-none")})},
			errorOf("createKeyArea", "BAD_USER_INPUT", "argument input.mappedFromIds: no KeyArea has the ID "+id(aspnet.KindKeyArea, "ka-none")),
		},
		{
			"UpdateKeyAreaIdentityTaken", updateKeyAreaQ,
			map[string]any{"id": id(aspnet.KindKeyArea, "ka-gced"), "in": with(src, "name", "human rights and democracy")},
			errorOf("updateKeyArea", "CONFLICT", "argument input: another key area has this name"),
		},
		{
			"LeaveBeforeSince", leaveQ,
			map[string]any{"in": with(with(with(src, "schoolId", id(aspnet.KindSchool, "school-almaty-8")), "networkId", id(aspnet.KindNetwork, kzNetwork)), "until", "1990")},
			errorOf("leaveNetwork", "BAD_USER_INPUT", "argument input.until: 1990 is before the start, 1996"),
		},
		{
			"CreateSourceURLTaken", createSourceQ,
			map[string]any{"in": map[string]any{"title": "T", "url": "https://en.unesco.org/fieldoffice/almaty/about"}},
			errorOf("createSource", "CONFLICT", "argument input.url: the Source "+id(aspnet.KindSource, "src-unesco-almaty-about")+" has this URL; cite it by its ID"),
		},
		{
			"RemovePeriodNetworkUnknown", removePeriodQ,
			map[string]any{"k": id(aspnet.KindKeyArea, "ka-gced"), "n": id(aspnet.KindNetwork, "net-none"), "l": "x", "source": srcURL},
			errorOf("removeKeyAreaPeriod", "BAD_USER_INPUT", "argument networkId: no Network has the ID "+id(aspnet.KindNetwork, "net-none")),
		},
		{
			"DeleteSchoolSourceUnknown", deleteSchoolQ,
			map[string]any{"id": made.CreateSchool.ID, "source": noSource},
			errorOf("deleteSchool", "BAD_USER_INPUT", "argument source: no Source has the ID "+noSource),
		},
		{
			"NeighborhoodUnknown", neighborhoodQ,
			map[string]any{"id": id(aspnet.KindSchool, "no-such-school")},
			errorOf("neighborhood", "BAD_USER_INPUT", `argument id: no node has the ID "`+id(aspnet.KindSchool, "no-such-school")+`"`),
		},
		{
			"ShortestPathFromUnknown", shortestPathQ,
			map[string]any{"from": id(aspnet.KindSchool, "no-such-school"), "to": id(aspnet.KindSchool, best)},
			errorOf("shortestPath", "BAD_USER_INPUT", `argument from: no node has the ID "`+id(aspnet.KindSchool, "no-such-school")+`"`),
		},
	}
	for _, tc := range tests {
		t.Run("Err"+tc.name, func(t *testing.T) {
			r := ed.post(t, tc.query, tc.vars)
			if len(r.Errors) != 1 || !reflect.DeepEqual(r.Errors[0], tc.want) {
				t.Errorf("got %s\nwant %+v", r.raw, tc.want)
			}
		})
	}
}

// errorOf is the one error of a request to field: its message, its path and its code.
func errorOf(field, code, message string) gqlError {
	return gqlError{Message: message, Path: []any{field}, Extensions: map[string]any{"code": code}}
}
