package transfer_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/aspgraph/aspgraph/aspnet"
	"github.com/aspgraph/aspgraph/data"
	"github.com/aspgraph/aspgraph/neo4jstore"
	"github.com/aspgraph/aspgraph/neo4jstore/neo4jtest"
	"github.com/aspgraph/aspgraph/transfer"
)

// examples are the import examples under testdata/import, in the order they are imported.
var examples = []string{"testdata/import/schools.csv", "testdata/import/memberships.csv", "testdata/import/events.json"}

const memberList = "https://example.org/aspnet-kz/member-list-2024"

func importExamples(t *testing.T, s *neo4jstore.Store) transfer.Summary {
	t.Helper()
	sum, err := transfer.ImportFiles(context.Background(), s, examples, transfer.ImportOptions{By: "tester"})
	if err != nil {
		t.Fatalf("importing the examples: %v", err)
	}
	return sum
}

func ptr[T any](v T) *T { return &v }

func schoolNamed(t *testing.T, s *neo4jstore.Store, name string) *aspnet.School {
	t.Helper()
	c, err := s.Schools(context.Background(), aspnet.SchoolCriteria{NameContains: &name}, aspnet.Page{First: 10})
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Items) != 1 {
		t.Fatalf("%d schools named %q, want 1", len(c.Items), name)
	}
	return c.Items[0]
}

func TestImportExamples(t *testing.T) {
	s := neo4jtest.Open(t)
	ctx := context.Background()
	neo4jtest.LoadKnowledgeGraph(t, s)

	t.Run("OKSummary", func(t *testing.T) {
		sum := importExamples(t, s)
		want := transfer.Summary{
			Schools: aspnet.Outcomes{Created: 3},
			// The fourth names BEST school of the knowledge graph, whose membership gains the
			// list's citation.
			Memberships: aspnet.Outcomes{Created: 3, Updated: 1},
			Events:      aspnet.Outcomes{Created: 2},
			SchoolsMade: 1, // Gymnasium No. 38, named only by the memberships
		}
		if sum != want {
			t.Errorf("summary %+v, want %+v", sum, want)
		}
		if got := sum.String(); !strings.Contains(got, "total: 8 created, 1 updated, 0 unchanged") {
			t.Errorf("summary text:\n%s", got)
		}
	})

	t.Run("OKTheAPISeesImportedDataLikeLoadedData", func(t *testing.T) {
		sc := schoolNamed(t, s, "Gymnasium No. 159")
		if len(sc.Citations) != 1 || sc.Citations[0].SourceKey != aspnet.URLSourceKey(memberList) {
			t.Errorf("citations %+v: want the file's source", sc.Citations)
		}
		ms, err := s.SchoolMemberships(ctx, []string{sc.Key})
		if err != nil || len(ms[sc.Key]) != 1 {
			t.Fatalf("memberships %v, %v", ms, err)
		}
		m := ms[sc.Key][0]
		if m.NetworkKey != "aspnet-kz" || m.Status != aspnet.StatusCandidate || m.Since.String() != "2021" || m.Founding || len(m.Citations) != 1 {
			t.Errorf("membership %+v", m)
		}
		city, _ := s.Related(ctx, aspnet.RelSchoolCity, []string{sc.Key})
		if len(city[sc.Key]) != 1 || city[sc.Key][0].(*aspnet.City).Key != "almaty" {
			t.Errorf("city %v: the knowledge graph's Almaty was not found by name", city[sc.Key])
		}
		kas, _ := s.Related(ctx, aspnet.RelSchoolKeyAreas, []string{sc.Key})
		if len(kas[sc.Key]) != 1 || kas[sc.Key][0].(*aspnet.KeyArea).Key != "ka-esd" {
			t.Errorf("key areas %v", kas[sc.Key])
		}
		// Filters over dated memberships see imported ones: Gymnasium No. 38 left in 2015.
		asOf := aspnet.MustParseDate("2010")
		members, err := s.Schools(ctx, aspnet.SchoolCriteria{NetworkKey: ptr("aspnet-kz"), AsOf: &asOf}, aspnet.Page{First: 100})
		if err != nil {
			t.Fatal(err)
		}
		var names []string
		for _, x := range members.Items {
			names = append(names, x.Name)
		}
		if !strings.Contains(strings.Join(names, "|"), "Gymnasium No. 38") {
			t.Errorf("members as of 2010: %v; want Gymnasium No. 38 (2001-2015) among them", names)
		}
		nis := schoolNamed(t, s, "Nazarbayev Intellectual School")
		if q := nis.Citations[0].Quote; q == nil || *q != "NIS Shymkent joined the network, it says." {
			t.Errorf("the row's own source and quote: %+v", nis.Citations)
		}
	})

	t.Run("OKEvents", func(t *testing.T) {
		from, to := aspnet.MustParseDate("2023"), aspnet.MustParseDate("2023")
		c, err := s.Events(ctx, aspnet.EventCriteria{From: &from, To: &to}, aspnet.Page{First: 10})
		if err != nil || len(c.Items) != 2 {
			t.Fatalf("events of 2023: %v, %v", c, err)
		}
		forum := c.Items[1]
		if forum.Name != "Regional ASPnet forum on education for sustainable development" || forum.EndDate.String() != "2023-04-13" {
			t.Fatalf("events %+v, %+v", c.Items[0], c.Items[1])
		}
		orgs, _ := s.Related(ctx, aspnet.RelEventOrganizers, []string{forum.Key})
		if len(orgs[forum.Key]) != 2 {
			t.Errorf("organizers %v", orgs[forum.Key])
		}
		nets, _ := s.Related(ctx, aspnet.RelEventNetworks, []string{forum.Key})
		countries, _ := s.Related(ctx, aspnet.RelEventCountries, []string{forum.Key})
		if len(nets[forum.Key]) != 1 || len(countries[forum.Key]) != 1 {
			t.Errorf("participants: networks %v, countries %v", nets[forum.Key], countries[forum.Key])
		}
		venue, _ := s.Related(ctx, aspnet.RelEventVenue, []string{c.Items[0].Key})
		if len(venue[c.Items[0].Key]) != 1 || venue[c.Items[0].Key][0].(*aspnet.School).Key != "school-almaty-best" {
			t.Errorf("venue %v", venue)
		}
	})

	t.Run("OKSecondRunChangesNothing", func(t *testing.T) {
		before, err := s.Snapshot(ctx)
		if err != nil {
			t.Fatal(err)
		}
		sum := importExamples(t, s)
		want := transfer.Summary{
			Schools: aspnet.Outcomes{Unchanged: 3}, Memberships: aspnet.Outcomes{Unchanged: 4},
			Events: aspnet.Outcomes{Unchanged: 2},
		}
		if sum != want {
			t.Errorf("second run: %+v, want %+v", sum, want)
		}
		if !strings.HasSuffix(sum.String(), "total: 0 created, 0 updated, 9 unchanged") {
			t.Errorf("summary text:\n%s", sum)
		}
		if after, _ := s.Snapshot(ctx); after != before {
			t.Error("a second run of the same files changed the graph")
		}
	})

	t.Run("OKChangedRowsAreUpdated", func(t *testing.T) {
		in := map[string][]byte{"change.csv": []byte("# source: " + memberList + "\n" +
			"name,city,country,network,status,until,quote\n" +
			"gymnasium no. 159 ,ALMATY,kazakhstan,aspnet-kz,MEMBER,,\n" +
			"School-lyceum No. 1,Astana,Kazakhstan,aspnet-kz,,,School-lyceum No. 1 (Astana) is a member since September 2012.\n")}
		sum, err := transfer.Import(ctx, s, []string{"change.csv"}, in, transfer.ImportOptions{})
		if err != nil {
			t.Fatal(err)
		}
		if sum.Memberships != (aspnet.Outcomes{Updated: 1, Unchanged: 1}) || sum.SchoolsMade != 0 {
			t.Errorf("summary %+v: the status change is an update, the same row again is not", sum)
		}
		sc := schoolNamed(t, s, "Gymnasium No. 159")
		ms, _ := s.SchoolMemberships(ctx, []string{sc.Key})
		if m := ms[sc.Key][0]; m.Status != aspnet.StatusMember || m.Since.String() != "2021" {
			t.Errorf("membership %+v: want MEMBER, since kept as 2021 (left out of the row)", m)
		}
	})

	t.Run("OKFindsTheSchoolsOfTheKnowledgeGraph", func(t *testing.T) {
		in := map[string][]byte{"best.csv": []byte("name,city,country,source\n BEST SCHOOL,almaty,KAZAKHSTAN," + memberList + "\n")}
		sum, err := transfer.Import(ctx, s, []string{"best.csv"}, in, transfer.ImportOptions{})
		if err != nil || sum.Schools != (aspnet.Outcomes{Updated: 1}) {
			t.Fatalf("summary %+v, %v: want the loaded BEST school found by identity and cited", sum, err)
		}
		best := schoolNamed(t, s, "BEST school")
		if best.Key != "school-almaty-best" || best.Citations[len(best.Citations)-1].SourceKey != aspnet.URLSourceKey(memberList) {
			t.Errorf("BEST school %+v", best)
		}
	})

	t.Run("OKSameIdentityAsTheAPI", func(t *testing.T) {
		imported := schoolNamed(t, s, "School-lyceum No. 1")
		sc, created, err := s.CreateSchool(ctx, aspnet.NewSchool{Name: " school-LYCEUM no. 1", CityName: "astana", CountryName: "KAZAKHSTAN"},
			aspnet.Provenance{SourceURL: memberList, EditedBy: "tester", EditedAt: time.Now()})
		if err != nil || created || sc.Key != imported.Key {
			t.Errorf("createSchool gave %+v (created %v, %v); want the imported %s", sc, created, err, imported.Key)
		}
	})

	t.Run("OKReloadKeepsImportedData", func(t *testing.T) {
		ds, err := data.Read(data.Files)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.Load(ctx, ds.Graph()); err != nil {
			t.Fatal(err)
		}
		for _, n := range []string{"Gymnasium No. 159", "Gymnasium No. 38", "School-lyceum No. 1"} {
			schoolNamed(t, s, n)
		}
	})
}

func TestImportProgress(t *testing.T) {
	for _, tc := range []struct {
		name     string
		interval time.Duration
		want     string
	}{
		{"OKEveryBatch", 0, "import: 0/2500 rows (0%)\nimport: 1000/2500 rows (40%)\nimport: 2000/2500 rows (80%)\nimport: 2500/2500 rows (100%)\n"},
		{"OKThrottledButStartAndEnd", time.Hour, "import: 0/2500 rows (0%)\nimport: 2500/2500 rows (100%)\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var b bytes.Buffer
			p := transfer.Progress(&b, tc.interval)
			for _, d := range []int{0, 1000, 2000, 2500} {
				p(d, 2500)
			}
			if b.String() != tc.want {
				t.Errorf("progress lines:\n%s\nwant:\n%s", b.String(), tc.want)
			}
		})
	}
}

func TestImportBatches(t *testing.T) {
	s := neo4jtest.Open(t)
	ctx := context.Background()
	neo4jtest.LoadKnowledgeGraph(t, s)
	var b bytes.Buffer
	if err := transfer.WriteSyntheticMemberships(&b, 250, 7, "aspnet"); err != nil {
		t.Fatal(err)
	}
	var seen []int
	opt := transfer.ImportOptions{Batch: 100, Progress: func(done, total int) {
		if total != 250 {
			t.Errorf("total %d", total)
		}
		seen = append(seen, done)
	}}
	sum, err := transfer.Import(ctx, s, []string{"synthetic.csv"}, map[string][]byte{"synthetic.csv": b.Bytes()}, opt)
	if err != nil {
		t.Fatal(err)
	}
	if sum.Memberships != (aspnet.Outcomes{Created: 250}) || sum.SchoolsMade != 250 {
		t.Errorf("summary %+v", sum)
	}
	if fmt.Sprint(seen) != "[0 100 200 250]" {
		t.Errorf("progress after each batch of 100: %v", seen)
	}
	again, err := transfer.Import(ctx, s, []string{"synthetic.csv"}, map[string][]byte{"synthetic.csv": b.Bytes()}, opt)
	if err != nil || again.Memberships != (aspnet.Outcomes{Unchanged: 250}) || again.SchoolsMade != 0 {
		t.Errorf("second run %+v, %v", again, err)
	}
}

// TestImportRefusals imports files with one problem or a few among good rows: each problem
// is reported with its file, line and reason, and nothing is written.
func TestImportRefusals(t *testing.T) {
	s := neo4jtest.Open(t)
	ctx := context.Background()
	neo4jtest.LoadKnowledgeGraph(t, s)
	before, err := s.Snapshot(ctx)
	if err != nil {
		t.Fatal(err)
	}
	const head = "# source: https://example.org/list\nname,city,country,network,status,since,until,founding\n"
	good := "Good School,Astana,Kazakhstan,aspnet-kz,MEMBER,2010,,\n"
	long := strings.Repeat("x", 201)
	cases := []struct {
		name  string
		files map[string]string
		want  []string
	}{
		{
			"ErrEmptyName",
			map[string]string{"m.csv": head + good + ",Astana,Kazakhstan,aspnet-kz,,,,\n"},
			[]string{"m.csv:4: name: must not be empty"},
		},
		{
			"ErrLongName",
			map[string]string{"m.csv": head + long + ",Astana,Kazakhstan,aspnet-kz,,,,\n"},
			[]string{"m.csv:3: name: is 201 characters long; at most 200 are allowed"},
		},
		{
			"ErrBadDate",
			map[string]string{"m.csv": head + good + "B,Astana,Kazakhstan,aspnet-kz,,2016-13,,\n"},
			[]string{`m.csv:4: since: date "2016-13": month 13 is out of range`},
		},
		{
			"ErrFutureDate",
			map[string]string{"m.csv": head + "B,Astana,Kazakhstan,aspnet-kz,,2999,,\n"},
			[]string{"m.csv:3: since: 2999 lies in the future"},
		},
		{
			"ErrEndsBeforeItStarts",
			map[string]string{"m.csv": head + "B,Astana,Kazakhstan,aspnet-kz,,2010,2009,\n"},
			[]string{"m.csv:3: until: 2009 is before since 2010: a membership cannot end before it starts"},
		},
		{
			"ErrStatus",
			map[string]string{"m.csv": head + "B,Astana,Kazakhstan,aspnet-kz,MEMBR,,,\n"},
			[]string{`m.csv:3: status: "MEMBR" is not CANDIDATE, MEMBER or FORMER`},
		},
		{
			"ErrFounding",
			map[string]string{"m.csv": head + "B,Astana,Kazakhstan,aspnet-kz,,,,maybe\n"},
			[]string{`m.csv:3: founding: "maybe" is not true or false`},
		},
		{
			"ErrUnknownNetwork",
			map[string]string{"m.csv": head + good + "B,Astana,Kazakhstan,net-nowhere,,,,\nC,Astana,Kazakhstan,TmV0d29yazpuZXQtbm93aGVyZQ,,,,\n"},
			[]string{"m.csv:4: no Network has the ID TmV0d29yazpuZXQtbm93aGVyZQ (Network:net-nowhere)", "m.csv:5: no Network has the ID TmV0d29yazpuZXQtbm93aGVyZQ (Network:net-nowhere)"},
		},
		{
			"ErrWrongKindOfID",
			map[string]string{"m.csv": head + "B,Astana,Kazakhstan,U2Nob29sOnNjaG9vbC1hbG1hdHktYmVzdA,,,,\n"},
			[]string{`m.csv:3: network: "U2Nob29sOnNjaG9vbC1hbG1hdHktYmVzdA" is the ID of a School, not of a Network`},
		},
		{
			"ErrMissingNetwork",
			map[string]string{"m.csv": head + "B,Astana,Kazakhstan,,,,,\n"},
			[]string{"m.csv:3: network: missing: the ID of the network the school is a member of"},
		},
		{
			"ErrCityWithoutCountry",
			map[string]string{"m.csv": head + "B,Astana,,aspnet-kz,,,,\n"},
			[]string{"m.csv:3: country: is needed with city: a city is always in a country"},
		},
		{
			"ErrDuplicateMembership",
			map[string]string{"m.csv": head + good + "good school ,ASTANA,Kazakhstan,aspnet-kz,CANDIDATE,,,\n"},
			[]string{"m.csv:4: the same membership (school and network) as m.csv:3"},
		},
		{
			"ErrNoSource",
			map[string]string{"m.csv": "name,city,country,network\nB,Astana,Kazakhstan,aspnet-kz\n"},
			[]string{`m.csv:2: source: missing: give each row a source, the file a source (a '# source: URL' line, or "source" in JSON), or the command --source`},
		},
		{
			"ErrBadSource",
			map[string]string{"s.csv": "name,source\nA,ftp://example.org/list\nB,src-nowhere\n"},
			[]string{`s.csv:2: source: "ftp://example.org/list" is neither an http(s) URL nor the ID of a Source`, "s.csv:3: no Source has the ID U291cmNlOnNyYy1ub3doZXJl (Source:src-nowhere)"},
		},
		{
			"ErrLongQuote",
			map[string]string{"s.csv": "name,source,quote\nA,https://example.org/a," + strings.Repeat("q", 2001) + "\n"},
			[]string{"s.csv:2: quote: is 2001 characters long; at most 2000 are allowed"},
		},
		{
			"ErrUnknownKeyArea",
			map[string]string{"s.csv": "# source: https://example.org/a\nname,keyAreas\nA,ka-gced;ka-nowhere\n"},
			[]string{"s.csv:3: no KeyArea has the ID S2V5QXJlYTprYS1ub3doZXJl (KeyArea:ka-nowhere)"},
		},
		{
			"ErrUnknownColumn",
			map[string]string{"s.csv": "# source: https://example.org/a\nname,town\nA,Astana\n"},
			[]string{`s.csv:2: column "town": not a column of schools (city, country, keyAreas, name, quote, source)`},
		},
		{
			"ErrFieldCount",
			map[string]string{"s.csv": "# source: https://example.org/a\nname,city,country\nA,Astana\nB,Astana,Kazakhstan\n"},
			[]string{"s.csv:3: CSV: wrong number of fields"},
		},
		{
			"ErrEventDates",
			map[string]string{"e.csv": "# source: https://example.org/a\nname,date,endDate\nForum,,\nFair,2020-05-02,2020-05-01\n"},
			[]string{"e.csv:3: date: missing: the day, month or year the event took place", "e.csv:4: endDate: 2020-05-01 is before date 2020-05-02"},
		},
		{
			"ErrEventReferences",
			map[string]string{"e.json": `{"source": "https://example.org/a", "events": [
  {"name": "Forum", "date": "2020", "organizers": ["org-nowhere"]},
  {"name": "Fair", "date": "2020", "participants": ["ka-gced"]}
]}`},
			[]string{"e.json:2: no Organization has the ID T3JnYW5pemF0aW9uOm9yZy1ub3doZXJl (Organization:org-nowhere)", `e.json:3: participants: "ka-gced" is not the ID of a School or Network or Country`},
		},
		{
			"ErrJSONTypes",
			map[string]string{"m.json": `{
  "source": "https://example.org/a",
  "memberships": [
    {"name": "A", "network": "aspnet-kz"},
    {"name": "B", "network": "aspnet-kz", "since": 2010, "colour": "red"}
  ]
}`},
			[]string{"m.json:5: colour: not a field of memberships (city, country, founding, name, nationalTerm, network, quote, school, since, source, status, until)", "m.json:5: since: must be a string"},
		},
		{
			"ErrMalformedJSON",
			map[string]string{"m.json": "{\n  \"memberships\": [\n    {\"name\": \"A\",}\n  ]\n}\n"},
			[]string{"m.json:3: JSON: invalid character '}' looking for beginning of object key string"},
		},
		{
			"ErrGraphFormat",
			map[string]string{"g.json": `{"format": "aspgraph-graph", "version": 1,
  "nodes": [
    {"label": "School", "key": "sch-x", "properties": {"name": "X", "when": {"date": "2020-02-30"}}},
    {"label": "Planet", "key": "p", "properties": {}}
  ],
  "relationships": [
    {"type": "MEMBER_OF", "key": "k", "from": "School:sch-x", "to": "Network:net-nowhere", "properties": {}}
  ]}`},
			[]string{`g.json:3: property when: date "2020-02-30": not YYYY-MM-DD`, `g.json:4: label "Planet": not a label of the graph (Source, Country, City, Network, Note, KeyArea, Organization, School, Occasion, Appeal, Event, GrowthFigure, Claim, Removal)`, "g.json:7: no Network has the ID TmV0d29yazpuZXQtbm93aGVyZQ (Network:net-nowhere)"},
		},
		{
			"ErrUnknownFileType",
			map[string]string{"m.txt": "name\n"},
			[]string{"m.txt:1: unknown file type: name a file .csv or .json"},
		},
		{
			"ErrInSecondFile",
			map[string]string{"a.csv": head + good, "b.csv": head + "B,Astana,Kazakhstan,aspnet-kz,,,2100,\n"},
			[]string{"b.csv:3: until: 2100 lies in the future"},
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var names []string
			in := map[string][]byte{}
			for n, body := range tc.files {
				names = append(names, n)
				in[n] = []byte(body)
			}
			if len(names) == 2 && names[0] > names[1] {
				names[0], names[1] = names[1], names[0]
			}
			_, err := transfer.Import(ctx, s, names, in, transfer.ImportOptions{})
			var ps transfer.Problems
			if !errors.As(err, &ps) {
				t.Fatalf("got %v, want problems", err)
			}
			var got []string
			for _, p := range ps {
				got = append(got, p.String())
			}
			if strings.Join(got, "\n") != strings.Join(tc.want, "\n") {
				t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tc.want, "\n"))
			}
			if !strings.Contains(err.Error(), "nothing written") {
				t.Errorf("error text %q", err)
			}
			if after, _ := s.Snapshot(ctx); after != before {
				t.Fatal("a refused import changed the graph")
			}
		})
	}
}
