package main

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
)

// TestCheckCommand: `aspgraph check` reports on data/ with no problem (exit 0), as text and
// as JSON, and refuses arguments it does not take (exit 2).
func TestCheckCommand(t *testing.T) {
	var out, errs bytes.Buffer
	if code := runCheck(nil, &out, &errs); code != 0 {
		t.Fatalf("exit %d: %s%s", code, out.String(), errs.String())
	}
	for _, want := range []string{"with a verbatim quote", "EDITORIAL links: 5", "disputes: 4", "problems: 0"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("the report lacks %q:\n%s", want, out.String())
		}
	}
	out.Reset()
	if code := runCheck([]string{"--json"}, &out, &errs); code != 0 {
		t.Fatalf("--json: exit %d: %s", code, errs.String())
	}
	var report struct {
		Citations struct{ Quoted, Summarised int }
		Problems  int
	}
	if err := json.Unmarshal(out.Bytes(), &report); err != nil || report.Citations.Quoted == 0 || report.Problems != 0 {
		t.Errorf("--json: %v, %+v", err, report)
	}
	if code := runCheck([]string{"extra"}, &out, &errs); code != 2 {
		t.Errorf("an extra argument: exit %d, want 2", code)
	}
}
