package telemetry_test

import (
	"bytes"
	"errors"
	"log/slog"
	"strings"
	"testing"

	"github.com/aspgraph/aspgraph/telemetry"
)

// TestLogCutsLongValues: a megabyte value in a record, in a group, in an error or in a
// logger's attributes is cut to telemetry.MaxLoggedValue bytes with its length; short values are kept.
func TestLogCutsLongValues(t *testing.T) {
	var out bytes.Buffer
	log := slog.New(telemetry.CutLongValues(slog.NewJSONHandler(&out, nil), telemetry.MaxLoggedValue))
	big := strings.Repeat("é", 1<<19) // 1 MiB
	log.With("carried", big).Info("graphql", "operation", big, "error", errors.New(big),
		slog.Group("request", "body", big), "short", "kept")
	line := out.String()
	if len(line) > 8*telemetry.MaxLoggedValue {
		t.Errorf("the log line is %d bytes long", len(line))
	}
	if n := strings.Count(line, "…(cut: 1048576 bytes)"); n != 4 || !strings.Contains(line, `"short":"kept"`) {
		t.Errorf("%d values cut (want 4), or the short one lost: %.2000s", n, line)
	}
}
