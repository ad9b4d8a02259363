package localneo4j

import (
	"bytes"
	"io"
	"regexp"
	"strings"
	"sync"
)

// tailLines is how many lines of child output are kept for error messages.
const tailLines = 30

// ansiEscape matches ANSI CSI escape sequences such as colour codes.
var ansiEscape = regexp.MustCompile(`\x1b\[[0-9;?]*[ -/]*[@-~]`)

// sink collects a child's output line by line: every line goes to an optional log
// writer and into a ring of the last lines, which error messages quote. An optional
// filter may claim a line (e.g. the READY line) so that it is neither logged nor kept.
type sink struct {
	mu      sync.Mutex
	log     io.Writer
	lines   []string
	max     int
	filter  func(line string) bool
	writers []*lineWriter
}

func newSink(log io.Writer, keep int) *sink {
	return &sink{log: log, max: keep}
}

// writer returns a new io.Writer feeding the sink; use one per stream so that
// partial lines of different streams do not mix.
func (s *sink) writer() io.Writer {
	w := &lineWriter{s: s}
	s.mu.Lock()
	s.writers = append(s.writers, w)
	s.mu.Unlock()
	return w
}

func (s *sink) line(l string) {
	l = strings.TrimRight(l, "\r")
	// Drop colour codes, and lines made only of them (Debian's mvn -q prints some).
	l = ansiEscape.ReplaceAllString(l, "")
	if strings.TrimSpace(l) == "" {
		return
	}
	if s.filter != nil && s.filter(l) {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.log != nil {
		_, _ = io.WriteString(s.log, l+"\n")
	}
	if len(s.lines) == s.max {
		copy(s.lines, s.lines[1:])
		s.lines = s.lines[:s.max-1]
	}
	s.lines = append(s.lines, l)
}

// flush emits pending partial lines; call it once the child's streams are closed.
func (s *sink) flush() {
	s.mu.Lock()
	ws := append([]*lineWriter(nil), s.writers...)
	s.mu.Unlock()
	for _, w := range ws {
		w.flush()
	}
}

// tailText returns the kept lines formatted for appending to an error message.
func (s *sink) tailText() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(s.lines) == 0 {
		return " (no output)"
	}
	return "\n--- last output ---\n" + strings.Join(s.lines, "\n")
}

// contains reports whether any kept line contains sub.
func (s *sink) contains(sub string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, l := range s.lines {
		if strings.Contains(l, sub) {
			return true
		}
	}
	return false
}

// lineWriter splits a byte stream into lines for its sink.
type lineWriter struct {
	s   *sink
	mu  sync.Mutex
	buf []byte
}

func (w *lineWriter) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.buf = append(w.buf, p...)
	for {
		i := bytes.IndexByte(w.buf, '\n')
		if i < 0 {
			break
		}
		line := string(w.buf[:i])
		w.buf = w.buf[i+1:]
		w.s.line(line)
	}
	// Bound memory if a child writes an endless line.
	if len(w.buf) > 64<<10 {
		w.s.line(string(w.buf))
		w.buf = w.buf[:0]
	}
	return len(p), nil
}

func (w *lineWriter) flush() {
	w.mu.Lock()
	defer w.mu.Unlock()
	if len(w.buf) > 0 {
		w.s.line(string(w.buf))
		w.buf = nil
	}
}
