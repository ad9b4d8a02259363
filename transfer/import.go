// Package transfer moves the ASPnet knowledge graph in and out in bulk: `aspgraph import` of
// schools, memberships and events from CSV and JSON files (and of graphs in the export's JSON
// format), every row validated before any is written, and `aspgraph export` of the whole graph
// or one node's neighbourhood as JSON, GraphML or CSV, with every citation.
package transfer

import (
	"context"
	"fmt"
	"os"
	"slices"
	"sort"
	"time"

	"github.com/aspgraph/aspgraph/aspnet"
)

// DefaultBatch is how many rows an import writes in one transaction.
const DefaultBatch = 1000

// ImportOptions says how to import.
type ImportOptions struct {
	// Batch is how many rows go in one transaction; below 1 means DefaultBatch.
	Batch int
	// Source and Quote are the provenance of rows and files that give none.
	Source, Quote string
	// By is recorded as editedBy on what the import creates or changes.
	By string
	// Now is the time recorded as editedAt, and the bound dates must not pass; zero means now.
	Now time.Time
	// Progress, when set, is told how many of the rows have been written, after each batch.
	Progress func(done, total int)
}

// Summary says what an import did, by kind of row.
type Summary struct {
	Schools, Memberships, Events aspnet.Outcomes
	Nodes, Relationships         aspnet.Outcomes
	// SchoolsMade counts the schools that membership rows named and the graph did not have.
	SchoolsMade int
}

// Total adds up every kind's outcomes.
func (s Summary) Total() aspnet.Outcomes {
	var t aspnet.Outcomes
	for _, o := range []aspnet.Outcomes{s.Schools, s.Memberships, s.Events, s.Nodes, s.Relationships} {
		t.Add(o)
	}
	return t
}

// String is the summary as the command prints it.
func (s Summary) String() string {
	line := func(name string, o aspnet.Outcomes) string {
		return fmt.Sprintf("  %-14s %d created, %d updated, %d unchanged\n", name, o.Created, o.Updated, o.Unchanged)
	}
	var out string
	for _, k := range []struct {
		name string
		o    aspnet.Outcomes
	}{{"schools", s.Schools}, {"memberships", s.Memberships}, {"events", s.Events}, {"nodes", s.Nodes}, {"relationships", s.Relationships}} {
		if k.o != (aspnet.Outcomes{}) {
			out += line(k.name, k.o)
		}
	}
	if s.SchoolsMade > 0 {
		out += fmt.Sprintf("  (membership rows made %d new schools)\n", s.SchoolsMade)
	}
	t := s.Total()
	return out + fmt.Sprintf("total: %d created, %d updated, %d unchanged", t.Created, t.Updated, t.Unchanged)
}

// Store is what an import and an export need of the graph.
type Store interface {
	Migrate(ctx context.Context) error
	MissingKeys(ctx context.Context, label string, keys []string) ([]string, error)
	ImportSources(ctx context.Context, urls []string, e aspnet.Edit) (map[string]string, error)
	ImportPlaces(ctx context.Context, places []aspnet.ImportPlace, e aspnet.Edit) ([]string, error)
	ImportSchools(ctx context.Context, rows []aspnet.ImportSchoolRow, e aspnet.Edit) (aspnet.Outcomes, error)
	ImportMemberships(ctx context.Context, rows []aspnet.ImportMembership, e aspnet.Edit) (aspnet.Outcomes, int, error)
	ImportEvents(ctx context.Context, rows []aspnet.ImportEvent, e aspnet.Edit) (aspnet.Outcomes, error)
	ImportGraphNodes(ctx context.Context, label string, nodes []aspnet.GraphNode) (aspnet.Outcomes, error)
	ImportGraphRels(ctx context.Context, from, typ, to string, rels []aspnet.GraphRel) (aspnet.Outcomes, error)
	GraphReader
	ExportNodesByKey(ctx context.Context, label string, keys []string) ([]aspnet.GraphNode, error)
	ExportNeighbours(ctx context.Context, label string, keys []string) ([]aspnet.GraphRef, error)
}

// GraphReader is what Collect needs of the graph: its nodes page by page, and the
// relationships from them.
type GraphReader interface {
	ExportNodes(ctx context.Context, label, after string, limit int) ([]aspnet.GraphNode, error)
	ExportRels(ctx context.Context, label string, keys []string) ([]aspnet.GraphRel, error)
}

// ImportFiles reads the named files and imports them; see Import.
func ImportFiles(ctx context.Context, s Store, names []string, opt ImportOptions) (Summary, error) {
	inputs := make(map[string][]byte, len(names))
	for _, n := range names {
		b, err := os.ReadFile(n)
		if err != nil {
			return Summary{}, err
		}
		inputs[n] = b
	}
	return Import(ctx, s, names, inputs, opt)
}

// Import validates every row of every file (inputs by name, read in the order of names), and
// checks that everything they refer to exists, before writing anything. When anything is
// wrong it returns Problems, each with its file and line, and writes nothing. Otherwise it
// writes the rows in batches, one transaction each: graph nodes, graph relationships, then the
// Sources of URLs, the places, schools, memberships and events. Importing the same files again
// changes nothing.
func Import(ctx context.Context, s Store, names []string, inputs map[string][]byte, opt ImportOptions) (sum Summary, err error) {
	if opt.Batch < 1 {
		opt.Batch = DefaultBatch
	}
	if opt.Now.IsZero() {
		opt.Now = time.Now()
	}
	if opt.By == "" {
		opt.By = "import"
	}
	v := newValidator(opt.Now, opt.Source, opt.Quote)
	for _, n := range names {
		f, ps := readFile(n, inputs[n])
		v.ps = append(v.ps, ps...)
		if f != nil {
			v.file(f)
		}
	}
	if err := v.checkRefs(ctx, s); err != nil {
		return sum, err
	}
	if len(v.ps) > 0 {
		sort.SliceStable(v.ps, func(i, j int) bool {
			if v.ps[i].File != v.ps[j].File {
				return indexOf(names, v.ps[i].File) < indexOf(names, v.ps[j].File)
			}
			return v.ps[i].Line < v.ps[j].Line
		})
		return sum, v.ps
	}
	if err := s.Migrate(ctx); err != nil {
		return sum, err
	}
	w := &writer{s: s, p: &v.plan, opt: opt, edit: aspnet.Edit{By: opt.By, At: opt.Now}, total: v.rows()}
	return w.run(ctx)
}

func indexOf(names []string, n string) int {
	for i, x := range names {
		if x == n {
			return i
		}
	}
	return len(names)
}

// checkRefs reports every reference to a node that neither the graph nor the import's graph
// files hold.
func (v *validator) checkRefs(ctx context.Context, s Store) error {
	for _, label := range sortedKeys(v.refs) {
		byKey := v.refs[label]
		var keys []string
		for _, k := range sortedKeys(byKey) {
			if !v.defined[aspnet.GraphRef{Label: label, Key: k}] {
				keys = append(keys, k)
			}
		}
		for chunk := range slices.Chunk(keys, 5000) {
			missing, err := s.MissingKeys(ctx, label, chunk)
			if err != nil {
				return err
			}
			for _, k := range missing {
				for _, pos := range byKey[k] {
					v.bad(pos, "no %s has the ID %s (%s:%s)", label, apiID(label, k), label, k)
				}
			}
		}
	}
	return nil
}

func apiID(label, key string) string { return aspnet.EncodeID(aspnet.Kind(label), key) }

// hasAPIID reports whether nodes of label have an ID in the API: the kinds of entity do;
// growth figures, claims and removal records do not.
func hasAPIID(label string) bool { return slices.Contains(aspnet.Kinds, aspnet.Kind(label)) }

// writer writes a validated plan in batches.
type writer struct {
	s     Store
	p     *plan
	opt   ImportOptions
	edit  aspnet.Edit
	total int
	done  int
	// sources are the keys of the Sources of URLs; cities those of the places, in order.
	sources map[string]string
	cities  []string
}

func (w *writer) progress(n int) {
	w.done += n
	if w.opt.Progress != nil {
		w.opt.Progress(w.done, w.total)
	}
}

func (w *writer) run(ctx context.Context) (sum Summary, err error) {
	if w.opt.Progress != nil {
		w.opt.Progress(0, w.total)
	}
	if sum.Nodes, err = w.graphNodes(ctx); err != nil {
		return sum, err
	}
	if sum.Relationships, err = w.graphRels(ctx); err != nil {
		return sum, err
	}
	w.sources = map[string]string{}
	for chunk := range slices.Chunk(w.p.urls, w.opt.Batch) {
		keys, err := w.s.ImportSources(ctx, chunk, w.edit)
		if err != nil {
			return sum, err
		}
		for u, k := range keys {
			w.sources[u] = k
		}
	}
	for start := 0; start < len(w.p.places); start += w.opt.Batch {
		end := min(start+w.opt.Batch, len(w.p.places))
		batch := make([]aspnet.ImportPlace, 0, end-start)
		for i := start; i < end; i++ {
			pl := w.p.places[i]
			batch = append(batch, aspnet.ImportPlace{City: pl.city, Country: pl.country, Cite: w.cite(w.p.placeCite[i])})
		}
		keys, err := w.s.ImportPlaces(ctx, batch, w.edit)
		if err != nil {
			return sum, err
		}
		w.cities = append(w.cities, keys...)
	}
	if sum.Schools, err = w.schools(ctx); err != nil {
		return sum, err
	}
	if sum.Memberships, sum.SchoolsMade, err = w.memberships(ctx); err != nil {
		return sum, err
	}
	sum.Events, err = w.events(ctx)
	return sum, err
}

func (w *writer) cite(c cite) aspnet.ImportCite {
	if c.url != "" {
		return aspnet.ImportCite{Source: w.sources[c.url], Quote: c.quote}
	}
	return aspnet.ImportCite{Source: c.key, Quote: c.quote}
}

func (w *writer) city(place int) string {
	if place < 0 {
		return ""
	}
	return w.cities[place]
}

func (w *writer) graphNodes(ctx context.Context) (o aspnet.Outcomes, err error) {
	by := map[string][]aspnet.GraphNode{}
	for _, n := range w.p.nodes {
		by[n.Label] = append(by[n.Label], n.GraphNode)
	}
	for _, label := range sortedKeys(by) {
		for chunk := range slices.Chunk(by[label], w.opt.Batch) {
			got, err := w.s.ImportGraphNodes(ctx, label, chunk)
			if err != nil {
				return o, err
			}
			o.Add(got)
			w.progress(len(chunk))
		}
	}
	return o, nil
}

func (w *writer) graphRels(ctx context.Context) (o aspnet.Outcomes, err error) {
	by := map[string][]aspnet.GraphRel{}
	for _, r := range w.p.rels {
		k := r.From.Label + " " + r.Type + " " + r.To.Label
		by[k] = append(by[k], r.GraphRel)
	}
	for _, k := range sortedKeys(by) {
		group := by[k]
		for chunk := range slices.Chunk(group, w.opt.Batch) {
			got, err := w.s.ImportGraphRels(ctx, group[0].From.Label, group[0].Type, group[0].To.Label, chunk)
			if err != nil {
				return o, err
			}
			o.Add(got)
			w.progress(len(chunk))
		}
	}
	return o, nil
}

func (w *writer) schools(ctx context.Context) (o aspnet.Outcomes, err error) {
	for chunk := range slices.Chunk(w.p.schools, w.opt.Batch) {
		rows := make([]aspnet.ImportSchoolRow, len(chunk))
		for i, r := range chunk {
			rows[i] = aspnet.ImportSchoolRow{Name: r.name, CityKey: w.city(r.place), KeyAreaKeys: r.keyAreas, Cite: w.cite(r.cite)}
		}
		got, err := w.s.ImportSchools(ctx, rows, w.edit)
		if err != nil {
			return o, err
		}
		o.Add(got)
		w.progress(len(chunk))
	}
	return o, nil
}

func (w *writer) memberships(ctx context.Context) (o aspnet.Outcomes, made int, err error) {
	for chunk := range slices.Chunk(w.p.memberships, w.opt.Batch) {
		rows := make([]aspnet.ImportMembership, len(chunk))
		for i, r := range chunk {
			rows[i] = aspnet.ImportMembership{
				SchoolKey: r.schoolKey, Name: r.name, CityKey: w.city(r.place), NetworkKey: r.network,
				Status: r.status, Since: r.since, Until: r.until, Founding: r.founding, NationalTerm: r.nationalTerm,
				Cite: w.cite(r.cite),
			}
		}
		got, n, err := w.s.ImportMemberships(ctx, rows, w.edit)
		if err != nil {
			return o, made, err
		}
		o.Add(got)
		made += n
		w.progress(len(chunk))
	}
	return o, made, nil
}

func (w *writer) events(ctx context.Context) (o aspnet.Outcomes, err error) {
	for chunk := range slices.Chunk(w.p.events, w.opt.Batch) {
		rows := make([]aspnet.ImportEvent, len(chunk))
		for i, r := range chunk {
			rows[i] = aspnet.ImportEvent{
				Name: r.name, Date: r.date, EndDate: r.endDate, Kind: r.kind, Description: r.description, Purpose: r.purpose,
				CityKey: w.city(r.place), VenueKey: r.venue, OrganizerKeys: r.organizers, KeyAreaKeys: r.keyAreas,
				SchoolKeys: r.schools, NetworkKeys: r.networks, Countries: r.countries, Cite: w.cite(r.cite),
			}
		}
		got, err := w.s.ImportEvents(ctx, rows, w.edit)
		if err != nil {
			return o, err
		}
		o.Add(got)
		w.progress(len(chunk))
	}
	return o, nil
}
