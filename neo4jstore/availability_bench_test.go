package neo4jstore

import (
	"context"
	"log/slog"
	"testing"
)

// BenchmarkGuard measures what the availability gate adds to every statement while Neo4j is
// up: guard around a statement that returns at once, for a read (one statement, checked
// against the warm-up) and a write transaction (checked statement by statement).
func BenchmarkGuard(b *testing.B) {
	a := newBenchAvailability()
	ctx := context.Background()
	nop := func(context.Context) error { return nil }
	b.Run("Read", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if err := a.guard(ctx, "MATCH (n) RETURN n", nop); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("Write", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if err := a.guard(ctx, "", nop); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("ReadParallel", func(b *testing.B) {
		b.ReportAllocs()
		b.RunParallel(func(pb *testing.PB) {
			for pb.Next() {
				if err := a.guard(ctx, "MATCH (n) RETURN n", nop); err != nil {
					b.Fatal(err)
				}
			}
		})
	})
}

// newBenchAvailability is a gate that is up, whose probe always succeeds, with a warmer that
// knows no statement.
func newBenchAvailability() *availability {
	a := &availability{inFlight: map[*guarded]struct{}{}, ping: func(context.Context) error { return nil }, log: slog.New(slog.DiscardHandler)}
	a.warm = newWarmer(nil, a.isDown, a.suspect)
	return a
}
