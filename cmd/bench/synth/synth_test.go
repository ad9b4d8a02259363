package synth_test

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"testing"
	"testing/fstest"

	"github.com/goccy/go-yaml"

	"github.com/aspgraph/aspgraph/cmd/bench/synth"
	"github.com/aspgraph/aspgraph/data"
)

func hash(t *testing.T, d *data.Dataset) string {
	t.Helper()
	b, err := json.Marshal(d)
	if err != nil {
		t.Fatal(err)
	}
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:])
}

func TestGenerate(t *testing.T) {
	t.Run("SameSeedSameData", func(t *testing.T) {
		// A tenth of the default size keeps the test quick; the code paths are the same.
		c := synth.Config{Seed: synth.Default.Seed, Schools: 1200, Countries: 182, Events: 5000, LastYear: 2025}
		a, b := synth.Generate(c), synth.Generate(c)
		if ha, hb := hash(t, a), hash(t, b); ha != hb {
			t.Fatalf("two runs with one seed differ: %s, %s", ha, hb)
		}
		c.Seed++
		if hash(t, synth.Generate(c)) == hash(t, a) {
			t.Fatal("another seed gives the same data")
		}
	})
	t.Run("Counts", func(t *testing.T) {
		d := synth.Generate(synth.Default)
		if len(d.Schools) != 12000 || len(d.Countries) != 182 || len(d.Events) != 50000 {
			t.Fatalf("schools %d, countries %d, events %d", len(d.Schools), len(d.Countries), len(d.Events))
		}
		if len(d.Networks) != 183 {
			t.Fatalf("networks %d, want 182 national + 1 global", len(d.Networks))
		}
		status := map[string]int{}
		joined := map[int]int{}
		for _, s := range d.Schools {
			m := s.Memberships[0]
			status[m.Status]++
			var y int
			for _, c := range m.Since[:4] {
				y = y*10 + int(c-'0')
			}
			joined[y]++
		}
		if status["CANDIDATE"] == 0 || status["FORMER"] == 0 || status["MEMBER"] < 10000 {
			t.Fatalf("statuses %v", status)
		}
		cum := 0
		for y := 1953; y <= 2025; y++ {
			cum += joined[y]
			if want := synth.Cumulative(12000, y); cum != want {
				t.Fatalf("by %d: %d joined, want %d", y, cum, want)
			}
		}
		for _, e := range d.Events {
			if n := len(e.ParticipatingSchools); n < 1 || n > 20 {
				t.Fatalf("%s: %d participants", e.ID, n)
			}
			if n := len(e.KeyAreas); n < 1 || n > 2 || len(e.Organizers) != 1 {
				t.Fatalf("%s: %d key areas, %d organisers", e.ID, n, len(e.Organizers))
			}
		}
	})
	t.Run("GrowthCurve", func(t *testing.T) {
		for year, want := range map[int]int{1952: 0, 1953: 33, 1976: 1000, 2003: 7500, 2016: 10000, 2025: 12000} {
			if got := synth.Cumulative(12000, year); got != want {
				t.Errorf("Cumulative(12000, %d) = %d, want %d", year, got, want)
			}
		}
	})
	t.Run("KeyAreaNamesAreTheKnowledgeGraphs", func(t *testing.T) {
		kg, err := data.Read(data.Files)
		if err != nil {
			t.Fatal(err)
		}
		names := map[string]bool{}
		for _, k := range kg.KeyAreas {
			names[k.Name] = true
		}
		for _, n := range synth.KeyAreaNames {
			if !names[n] {
				t.Errorf("%q is not a key area of the knowledge graph", n)
			}
		}
	})
	t.Run("PassesValidation", func(t *testing.T) {
		d := synth.Generate(synth.Config{Seed: 7, Schools: 300, Countries: 12, Events: 500, LastYear: 2025})
		b, err := yaml.Marshal(d.File)
		if err != nil {
			t.Fatal(err)
		}
		got, err := data.Read(fstest.MapFS{"synthetic.yaml": {Data: b}})
		if err != nil {
			t.Fatalf("the synthetic dataset does not validate: %v", err)
		}
		if len(got.Schools) != 300 || len(got.Events) != 500 {
			t.Fatalf("read back %d schools, %d events", len(got.Schools), len(got.Events))
		}
	})
}
