package aspnet_test

import (
	"errors"
	"fmt"
	"testing"

	"github.com/aspgraph/aspgraph/aspnet"
)

func TestErrorf(t *testing.T) {
	e := aspnet.Errorf(aspnet.CodeNotFound, "school %q not found (%d)", "x", 3)
	if e.Code != aspnet.CodeNotFound {
		t.Errorf("Code = %s, want %s", e.Code, aspnet.CodeNotFound)
	}
	if want := `school "x" not found (3)`; e.Message != want || e.Error() != want {
		t.Errorf("Message = %q, Error() = %q, want %q", e.Message, e.Error(), want)
	}
}

func TestErrorCode(t *testing.T) {
	bad := aspnet.Errorf(aspnet.CodeBadUserInput, "bad")
	tests := []struct {
		name string
		err  error
		want aspnet.Code
	}{
		{"direct error gives its code", aspnet.Errorf(aspnet.CodeForbidden, "no"), aspnet.CodeForbidden},
		{"wrapped once gives the inner code", fmt.Errorf("resolving: %w", bad), aspnet.CodeBadUserInput},
		{"wrapped twice gives the inner code", fmt.Errorf("a: %w", fmt.Errorf("b: %w", aspnet.Errorf(aspnet.CodeNotFound, "nf"))), aspnet.CodeNotFound},
		{"joined gives the first code", errors.Join(errors.New("plain"), aspnet.Errorf(aspnet.CodeConflict, "c"), bad), aspnet.CodeConflict},
		{"outermost coded error wins", fmt.Errorf("x: %w", fmt.Errorf("%w and %w", aspnet.Errorf(aspnet.CodeUnavailable, "u"), bad)), aspnet.CodeUnavailable},
		{"plain error is internal", errors.New("boom"), aspnet.CodeInternal},
		{"wrapped plain error is internal", fmt.Errorf("x: %w", errors.New("boom")), aspnet.CodeInternal},
		{"formatted with %v loses the code", fmt.Errorf("x: %v", bad), aspnet.CodeInternal},
		{"nil is internal", nil, aspnet.CodeInternal},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := aspnet.ErrorCode(tt.err); got != tt.want {
				t.Errorf("ErrorCode(%v) = %s, want %s", tt.err, got, tt.want)
			}
		})
	}
}

func TestCodeValues(t *testing.T) {
	// The codes are part of the API: clients match on extensions.code.
	tests := map[aspnet.Code]string{
		aspnet.CodeBadUserInput:    "BAD_USER_INPUT",
		aspnet.CodeNotFound:        "NOT_FOUND",
		aspnet.CodeUnauthenticated: "UNAUTHENTICATED",
		aspnet.CodeForbidden:       "FORBIDDEN",
		aspnet.CodeConflict:        "CONFLICT",
		aspnet.CodeTimeout:         "TIMEOUT",
		aspnet.CodeUnavailable:     "SERVICE_UNAVAILABLE",
		aspnet.CodeInternal:        "INTERNAL_SERVER_ERROR",
	}
	for code, want := range tests {
		t.Run(want, func(t *testing.T) {
			if string(code) != want {
				t.Errorf("code = %q, want %q", code, want)
			}
		})
	}
}
