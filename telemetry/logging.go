package telemetry

import (
	"context"
	"log/slog"
	"strconv"
	"strings"
	"unicode/utf8"
)

// MaxLoggedValue is the longest string value a log line holds whole: a client's operation
// name, a value quoted in an error, or a request body that reaches a log line is cut there, so
// that no client can make one line (or the log) as large as its request.
const MaxLoggedValue = 1024

// CutLongValues wraps h so that every string value longer than n bytes, in a record or in the
// attributes a logger carries, is cut to n bytes (on a character boundary) and marked with
// its length. slog.HandlerOptions.ReplaceAttr would do the same for handlers we make, but not
// for the handler a caller passes in; this wraps any.
func CutLongValues(h slog.Handler, n int) slog.Handler {
	if c, ok := h.(cutHandler); ok && c.n <= n {
		return c
	}
	return cutHandler{h: h, n: n}
}

type cutHandler struct {
	h slog.Handler
	n int
}

func (c cutHandler) Enabled(ctx context.Context, l slog.Level) bool { return c.h.Enabled(ctx, l) }

func (c cutHandler) Handle(ctx context.Context, r slog.Record) error {
	long := false
	r.Attrs(func(a slog.Attr) bool {
		long = c.tooLong(a)
		return !long
	})
	if !long && len(r.Message) <= c.n {
		return c.h.Handle(ctx, r)
	}
	out := slog.NewRecord(r.Time, r.Level, Cut(r.Message, c.n), r.PC)
	r.Attrs(func(a slog.Attr) bool {
		out.AddAttrs(c.cutAttr(a))
		return true
	})
	return c.h.Handle(ctx, out)
}

func (c cutHandler) WithAttrs(as []slog.Attr) slog.Handler {
	cut := make([]slog.Attr, len(as))
	for i, a := range as {
		cut[i] = c.cutAttr(a)
	}
	return cutHandler{h: c.h.WithAttrs(cut), n: c.n}
}

func (c cutHandler) WithGroup(name string) slog.Handler {
	return cutHandler{h: c.h.WithGroup(name), n: c.n}
}

func (c cutHandler) tooLong(a slog.Attr) bool {
	v := a.Value.Resolve()
	switch v.Kind() {
	case slog.KindString:
		return len(v.String()) > c.n
	case slog.KindGroup:
		for _, g := range v.Group() {
			if c.tooLong(g) {
				return true
			}
		}
	case slog.KindAny:
		if err, ok := v.Any().(error); ok {
			return len(err.Error()) > c.n
		}
	}
	return false
}

func (c cutHandler) cutAttr(a slog.Attr) slog.Attr {
	v := a.Value.Resolve()
	switch v.Kind() {
	case slog.KindString:
		return slog.String(a.Key, Cut(v.String(), c.n))
	case slog.KindGroup:
		g := v.Group()
		cut := make([]any, len(g))
		for i, e := range g {
			cut[i] = c.cutAttr(e)
		}
		return slog.Group(a.Key, cut...)
	case slog.KindAny:
		if err, ok := v.Any().(error); ok {
			return slog.String(a.Key, Cut(err.Error(), c.n))
		}
	}
	return slog.Attr{Key: a.Key, Value: v}
}

// Cut shortens s to at most n bytes (on a character boundary), saying how long it was: how
// client-chosen strings (operation names, values quoted in errors) enter log lines.
func Cut(s string, n int) string {
	if len(s) <= n {
		return s
	}
	i := n
	for i > 0 && !utf8.RuneStart(s[i]) {
		i--
	}
	return strings.ToValidUTF8(s[:i], "") + "…(cut: " + strconv.Itoa(len(s)) + " bytes)"
}
