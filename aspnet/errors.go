package aspnet

import (
	"errors"
	"fmt"
)

// Code classifies an application error; the API reports it as `extensions.code`.
type Code string

// The application's error codes.
const (
	CodeBadUserInput    Code = "BAD_USER_INPUT"
	CodeNotFound        Code = "NOT_FOUND"
	CodeUnauthenticated Code = "UNAUTHENTICATED"
	CodeForbidden       Code = "FORBIDDEN"
	CodeConflict        Code = "CONFLICT"
	CodeUnavailable     Code = "SERVICE_UNAVAILABLE"
	CodeTimeout         Code = "TIMEOUT"
	CodeInternal        Code = "INTERNAL_SERVER_ERROR"
)

// Error is an error the client may see: its Message is written for the client.
type Error struct {
	Code    Code
	Message string
	// Field names what the error is about in the input, when it is about one thing in it: a
	// field of the domain (the Field constants), which the API maps to the argument that
	// carries it, or the argument itself where the API named it.
	Field string
}

// Error returns the message, after the field it is about when there is one.
func (e *Error) Error() string {
	if e.Field == "" {
		return e.Message
	}
	return "argument " + e.Field + ": " + e.Message
}

// Errorf makes an *Error with a formatted message.
func Errorf(code Code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// FieldErrorf makes an *Error about one field of the input with a formatted message.
func FieldErrorf(code Code, field, format string, args ...any) *Error {
	return &Error{Code: code, Field: field, Message: fmt.Sprintf(format, args...)}
}

// BadInput is the BAD_USER_INPUT error of one field of the input.
func BadInput(field, format string, args ...any) *Error {
	return FieldErrorf(CodeBadUserInput, field, format, args...)
}

// The fields of the domain that errors name (Error.Field) where a write or a read refers to
// something.
const (
	// FieldSource is the source a write cites.
	FieldSource = "source"
	// FieldURL is a Source's URL.
	FieldURL = "url"
	// FieldNetwork is the network of a membership or of a key area's period.
	FieldNetwork = "network"
	// FieldKeyAreas are the key areas a school works in.
	FieldKeyAreas = "keyAreas"
	// FieldCity is the city of an organisation, by reference.
	FieldCity = "city"
	// FieldPartOf is the organisation an organisation is part of.
	FieldPartOf = "partOf"
	// FieldCovers are the countries an organisation covers.
	FieldCovers = "covers"
	// FieldMappedFrom are the earlier key areas whose work a key area continues.
	FieldMappedFrom = "mappedFrom"
	// FieldDate and FieldEndDate are an event's dates; FieldUntil the end of a membership.
	FieldDate    = "date"
	FieldEndDate = "endDate"
	FieldUntil   = "until"
	// FieldIdentity is what makes an entity the same as another: its name, and a school's
	// city or an event's date (see SchoolIdentity).
	FieldIdentity = "identity"
	// FieldText is the text of a search.
	FieldText = "text"
	// FieldFrom and FieldTo are the ends of a path; FieldCenter the centre of a neighbourhood.
	FieldFrom   = "from"
	FieldTo     = "to"
	FieldCenter = "center"
	// FieldAfter and FieldBefore are a page's cursors.
	FieldAfter  = "after"
	FieldBefore = "before"
)

// ErrorCode returns the code of the first *Error in err's chain, or CodeInternal when there is
// none: an error without a code is internal.
func ErrorCode(err error) Code {
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return CodeInternal
}
