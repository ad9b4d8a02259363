package graph

import (
	"context"

	"github.com/99designs/gqlgen/graphql"

	"github.com/aspgraph/aspgraph/aspnet"
)

// argumentFields names the input field that carries each field of the domain an error may
// name (aspnet.Error.Field), where the two differ; "" is the input as a whole. A field named
// here is below the operation's `input` argument when it has one (createSchool's network is
// input.networkId; removeKeyAreaPeriod's, networkId). A field the domain does not name here is
// the argument itself: the resolvers name arguments, such as input.name, as the schema does.
var argumentFields = map[string]string{
	aspnet.FieldNetwork:    "networkId",
	aspnet.FieldKeyAreas:   "keyAreaIds",
	aspnet.FieldCity:       "cityId",
	aspnet.FieldPartOf:     "partOfId",
	aspnet.FieldCovers:     "coversCountryIds",
	aspnet.FieldMappedFrom: "mappedFromIds",
	aspnet.FieldIdentity:   "",
	aspnet.FieldCenter:     "id",
	aspnet.FieldSource:     aspnet.FieldSource,
	aspnet.FieldURL:        aspnet.FieldURL,
	aspnet.FieldDate:       aspnet.FieldDate,
	aspnet.FieldEndDate:    aspnet.FieldEndDate,
	aspnet.FieldUntil:      aspnet.FieldUntil,
}

// errorMessage is the message clients see of an application error: its message, after the
// argument it is about when it names a field.
func errorMessage(ctx context.Context, e *aspnet.Error) string {
	if e.Field == "" {
		return e.Message
	}
	return "argument " + argumentOf(ctx, e.Field) + ": " + e.Message
}

// argumentOf is the argument, as the request's field takes it, that carries field.
func argumentOf(ctx context.Context, field string) string {
	name, ok := argumentFields[field]
	switch {
	case !ok:
		return field
	case name == "":
		return "input"
	case takesInput(ctx):
		return "input." + name
	default:
		return name
	}
}

// takesInput reports whether the field being resolved takes an `input` argument.
func takesInput(ctx context.Context) bool {
	fc := graphql.GetFieldContext(ctx)
	return fc != nil && fc.Field.Definition != nil && fc.Field.Definition.Arguments.ForName("input") != nil
}
