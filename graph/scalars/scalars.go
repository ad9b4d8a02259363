// Package scalars maps the API's custom scalars to domain types.
package scalars

import (
	"io"
	"strconv"

	"github.com/99designs/gqlgen/graphql"

	"github.com/aspgraph/aspgraph/aspnet"
)

// MarshalDate writes a date at its own precision, as a JSON string.
func MarshalDate(d aspnet.Date) graphql.Marshaler {
	return graphql.WriterFunc(func(w io.Writer) {
		_, _ = io.WriteString(w, strconv.Quote(d.String()))
	})
}

// UnmarshalDate reads a date argument: a string "YYYY", "YYYY-MM" or "YYYY-MM-DD". A value
// that does not parse is BAD_USER_INPUT.
func UnmarshalDate(v any) (aspnet.Date, error) {
	s, ok := v.(string)
	if !ok {
		return aspnet.Date{}, &InputError{aspnet.Errorf(aspnet.CodeBadUserInput, "a Date is a string such as \"1996\", \"2016-09\" or \"2016-09-24\", not %T", v)}
	}
	d, err := aspnet.ParseDate(s)
	if err != nil {
		return aspnet.Date{}, &InputError{aspnet.Errorf(aspnet.CodeBadUserInput, "%s", err.Error())}
	}
	return d, nil
}

// InputError is a value of an argument that does not parse. The error presenter names the
// argument, which the scalar's own code cannot see.
type InputError struct{ Err *aspnet.Error }

// Error returns the application error's message.
func (e *InputError) Error() string { return e.Err.Message }

// Unwrap returns the application error, with its code.
func (e *InputError) Unwrap() error { return e.Err }
