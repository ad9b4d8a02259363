package transfer_test

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"encoding/xml"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode"

	"github.com/aspgraph/aspgraph/aspnet"
	"github.com/aspgraph/aspgraph/neo4jstore"
	"github.com/aspgraph/aspgraph/neo4jstore/neo4jtest"
	"github.com/aspgraph/aspgraph/transfer"
)

// exportJSON is the export's JSON as a test reads it.
type exportJSON struct {
	Format string `json:"format"`
	Nodes  []struct {
		Label      string                     `json:"label"`
		Key        string                     `json:"key"`
		ID         string                     `json:"id"`
		Properties map[string]json.RawMessage `json:"properties"`
		Citations  []struct {
			Source, Quote, Property, Summary, Rule string
		} `json:"citations"`
	} `json:"nodes"`
	Relationships []struct {
		Type, Key, From, To string
		Properties          map[string]json.RawMessage `json:"properties"`
		Citations           []struct{ Source, Quote string }
	} `json:"relationships"`
}

func TestExportFormats(t *testing.T) {
	s := neo4jtest.Open(t)
	ctx := context.Background()
	neo4jtest.LoadKnowledgeGraph(t, s)
	importExamples(t, s)
	g, err := transfer.Collect(ctx, s)
	if err != nil {
		t.Fatal(err)
	}
	counts, err := s.SnapshotOf(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	nodesInGraph := strings.Count(counts, "labels:")

	t.Run("OKJSONHasEveryNodeWithItsCitations", func(t *testing.T) {
		var b bytes.Buffer
		if err := transfer.WriteJSON(&b, g); err != nil {
			t.Fatal(err)
		}
		var got exportJSON
		if err := json.Unmarshal(b.Bytes(), &got); err != nil {
			t.Fatal(err)
		}
		if got.Format != "aspgraph-graph" || len(got.Nodes) != nodesInGraph || len(got.Nodes) != len(g.Nodes) {
			t.Fatalf("format %q, %d nodes; the graph has %d", got.Format, len(got.Nodes), nodesInGraph)
		}
		var best, imported bool
		for _, n := range got.Nodes {
			if n.Label == "School" && n.Key == "school-almaty-best" {
				best = n.ID == "U2Nob29sOnNjaG9vbC1hbG1hdHktYmVzdA" && len(n.Citations) > 0 && n.Citations[0].Source == "src-seed-2016-almaty" &&
					strings.Contains(n.Citations[0].Quote, "BEST")
			}
			if n.Label == "School" && strings.Contains(string(n.Properties["name"]), "Gymnasium No. 159") {
				imported = string(n.Properties["origin"]) == `"import"` && n.Citations[0].Source == aspnet.URLSourceKey(memberList)
			}
		}
		if !best || !imported {
			t.Errorf("BEST school with its seed citation: %v; the imported school with origin import and its source: %v", best, imported)
		}
		for _, r := range got.Relationships {
			if r.Type == "MEMBER_OF" && r.From == "School:school-almaty-best" {
				if string(r.Properties["since"]) != `"1996"` || string(r.Properties["sinceFrom"]) != `{"date":"1996-01-01"}` || len(r.Citations) != 2 {
					t.Errorf("BEST school's membership: %s", mustJSON(r))
				}
			}
		}
	})

	t.Run("OKGraphMLIsValid", func(t *testing.T) {
		var b bytes.Buffer
		if err := transfer.WriteGraphML(&b, g); err != nil {
			t.Fatal(err)
		}
		doc := checkGraphML(t, b.Bytes())
		if len(doc.Graph.Nodes) != len(g.Nodes) || len(doc.Graph.Edges) != len(g.Rels) {
			t.Errorf("%d nodes, %d edges; want %d, %d", len(doc.Graph.Nodes), len(doc.Graph.Edges), len(g.Nodes), len(g.Rels))
		}
		keys := map[string]graphmlKey{}
		for _, k := range doc.Keys {
			keys[k.ID] = k
		}
		// BEST school: type, label and its name as data, typed keys for the membership.
		var found bool
		for _, n := range doc.Graph.Nodes {
			d := dataByName(n.Data, keys)
			if d["type"] == "School" && d["key"] == "school-almaty-best" {
				found = d["label"] == "BEST school" && d["apiId"] == "U2Nob29sOnNjaG9vbC1hbG1hdHktYmVzdA" && strings.Contains(d["citations"], "src-seed-2016-almaty")
			}
		}
		if !found {
			t.Error("BEST school is not there with its type, label, API ID and citations")
		}
		types := map[string]string{}
		for _, k := range doc.Keys {
			types[k.For+"."+k.Name] = k.Type
		}
		if types["edge.founding"] != "boolean" || types["edge.order"] != "long" || types["node.schools"] != "long" || types["edge.since"] != "string" {
			t.Errorf("attribute types %v", types)
		}
	})

	t.Run("OKCSVDirectoryAndZip", func(t *testing.T) {
		dir := filepath.Join(t.TempDir(), "graph")
		if err := transfer.WriteCSV(dir, g); err != nil {
			t.Fatal(err)
		}
		nodes := readCSV(t, must(os.ReadFile(filepath.Join(dir, "nodes.csv"))))
		rels := readCSV(t, must(os.ReadFile(filepath.Join(dir, "relationships.csv"))))
		checkCSV(t, nodes, rels, len(g.Nodes), len(g.Rels))

		zipPath := filepath.Join(t.TempDir(), "graph.zip")
		if err := transfer.WriteCSV(zipPath, g); err != nil {
			t.Fatal(err)
		}
		z, err := zip.OpenReader(zipPath)
		if err != nil {
			t.Fatal(err)
		}
		defer func() { _ = z.Close() }()
		files := map[string][]byte{}
		for _, f := range z.File {
			rc, _ := f.Open()
			files[f.Name] = must(io.ReadAll(rc))
			_ = rc.Close()
		}
		if !bytes.Equal(files["nodes.csv"], must(os.ReadFile(filepath.Join(dir, "nodes.csv")))) ||
			!bytes.Equal(files["relationships.csv"], must(os.ReadFile(filepath.Join(dir, "relationships.csv")))) {
			t.Error("the zip does not hold the same two files")
		}
	})

	// Every format carries a count's qualifier, a link's basis and reasoning, and a
	// citation's summary and rule: "more than 12,000 schools" is never exported as 12000.
	t.Run("OKQualifiersBasesAndSummariesInEveryFormat", func(t *testing.T) {
		var js bytes.Buffer
		if err := transfer.WriteJSON(&js, g); err != nil {
			t.Fatal(err)
		}
		var got exportJSON
		if err := json.Unmarshal(js.Bytes(), &got); err != nil {
			t.Fatal(err)
		}
		var qualified, summarised, derived, editorial bool
		for _, n := range got.Nodes {
			switch {
			case n.Label == "GrowthFigure" && n.Key == "gf-aspnet-2024-01":
				qualified = string(n.Properties["schoolsQualifier"]) == `"AT_LEAST"` && string(n.Properties["countriesQualifier"]) == `"EXACT"`
			case n.Label == "Country" && n.Key == "tm":
				summarised = len(n.Citations) == 1 && n.Citations[0].Quote == "" && strings.Contains(n.Citations[0].Summary, "our summary")
			case n.Label == "Occasion" && n.Key == "occ-kz-independence-25th-anniversary":
				for _, c := range n.Citations {
					derived = derived || strings.Contains(c.Rule, "1991 + 25 = 2016")
				}
			}
		}
		for _, r := range got.Relationships {
			if r.Type == "MAPS_TO" && r.From == "KeyArea:ka-environmental-issues" {
				editorial = string(r.Properties["basis"]) == `"EDITORIAL"` && len(r.Properties["reasoning"]) > 2 && len(r.Citations) == 0
			}
		}
		if !qualified || !summarised || !derived || !editorial {
			t.Errorf("JSON: qualifier %v, summary %v, rule %v, EDITORIAL basis %v", qualified, summarised, derived, editorial)
		}
		var gml bytes.Buffer
		if err := transfer.WriteGraphML(&gml, g); err != nil {
			t.Fatal(err)
		}
		doc := checkGraphML(t, gml.Bytes())
		keys := map[string]graphmlKey{}
		for _, k := range doc.Keys {
			keys[k.ID] = k
		}
		qualified = false
		for _, n := range doc.Graph.Nodes {
			if d := dataByName(n.Data, keys); d["key"] == "gf-aspnet-2024-01" {
				qualified = d["schoolsQualifier"] == "AT_LEAST" && d["schools"] == "12000"
			}
		}
		if !qualified {
			t.Error("GraphML: the January 2024 figure lacks its AT_LEAST qualifier")
		}
		dir := filepath.Join(t.TempDir(), "csv")
		if err := transfer.WriteCSV(dir, g); err != nil {
			t.Fatal(err)
		}
		qualified = false
		for _, line := range strings.Split(string(must(os.ReadFile(filepath.Join(dir, "nodes.csv")))), "\n") {
			if strings.Contains(line, "gf-aspnet-2024-01") {
				qualified = strings.Contains(line, "AT_LEAST")
			}
		}
		if !qualified {
			t.Error("CSV: the January 2024 figure lacks its AT_LEAST qualifier")
		}
	})

	t.Run("OKNeighbourhood", func(t *testing.T) {
		center, err := transfer.ParseNodeRef("U2Nob29sOnNjaG9vbC1hbG1hdHktYmVzdA")
		if err != nil {
			t.Fatal(err)
		}
		n1, err := transfer.CollectNeighbourhood(ctx, s, center, 1)
		if err != nil {
			t.Fatal(err)
		}
		refs := map[string]bool{}
		for _, n := range n1.Nodes {
			refs[n.String()] = true
		}
		for _, want := range []string{"School:school-almaty-best", "City:almaty", "Network:aspnet-kz", "Event:ev-2016-festival-almaty", "Source:src-seed-2016-almaty", "Source:" + aspnet.URLSourceKey(memberList)} {
			if !refs[want] {
				t.Errorf("depth 1 around BEST school lacks %s", want)
			}
		}
		if refs["Country:kz"] || refs["Network:aspnet"] {
			t.Error("depth 1 reaches two hops away")
		}
		for _, r := range n1.Rels {
			if !refs[r.From.String()] || !refs[r.To.String()] {
				t.Errorf("relationship %s %s leaves the neighbourhood", r.Type, r.Key)
			}
			for _, src := range stringList(r.Props["citeSources"]) {
				if !refs["Source:"+src] {
					t.Errorf("relationship %s cites %s, which the export lacks", r.Key, src)
				}
			}
		}
		n2, err := transfer.CollectNeighbourhood(ctx, s, aspnet.GraphRef{Label: "School", Key: "school-almaty-best"}, 2)
		if err != nil || len(n2.Nodes) <= len(n1.Nodes) {
			t.Fatalf("depth 2: %d nodes (depth 1: %d), %v", len(n2.Nodes), len(n1.Nodes), err)
		}
		var b bytes.Buffer
		if err := transfer.WriteGraphML(&b, n2); err != nil {
			t.Fatal(err)
		}
		checkGraphML(t, b.Bytes())
	})

	t.Run("ErrUnknownNode", func(t *testing.T) {
		if _, err := transfer.CollectNeighbourhood(ctx, s, aspnet.GraphRef{Label: "School", Key: "sch-nowhere"}, 1); err == nil || !strings.Contains(err.Error(), "no node School:sch-nowhere") {
			t.Errorf("got %v", err)
		}
		if _, err := transfer.ParseNodeRef("Planet:earth"); err == nil {
			t.Error("a reference with a label outside the graph's was accepted")
		}
	})
}

func stringList(v any) []string {
	list, _ := v.([]any)
	out := make([]string, 0, len(list))
	for _, x := range list {
		s, _ := x.(string)
		out = append(out, s)
	}
	return out
}

func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}

func mustJSON(v any) string { return string(must(json.Marshal(v))) }

func readCSV(t *testing.T, b []byte) [][]string {
	t.Helper()
	recs, err := csv.NewReader(bytes.NewReader(b)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	return recs
}

func checkCSV(t *testing.T, nodes, rels [][]string, nNodes, nRels int) {
	t.Helper()
	if len(nodes) != nNodes+1 || len(rels) != nRels+1 {
		t.Fatalf("%d node rows, %d relationship rows; want %d, %d and a header each", len(nodes), len(rels), nNodes, nRels)
	}
	if h := strings.Join(nodes[0][:5], ","); h != "id,type,key,apiId,label" || nodes[0][len(nodes[0])-1] != "citations" {
		t.Errorf("nodes header %v", nodes[0])
	}
	if h := strings.Join(rels[0][:4], ","); h != "source,target,type,key" || rels[0][len(rels[0])-1] != "citations" {
		t.Errorf("relationships header %v", rels[0])
	}
	ids := map[string]bool{}
	for _, r := range nodes[1:] {
		ids[r[0]] = true
	}
	for _, r := range rels[1:] {
		if !ids[r[0]] || !ids[r[1]] {
			t.Errorf("relationship %v names a node that nodes.csv lacks", r[:4])
		}
	}
}

type graphmlKey struct {
	ID   string `xml:"id,attr"`
	For  string `xml:"for,attr"`
	Name string `xml:"attr.name,attr"`
	Type string `xml:"attr.type,attr"`
}

type graphmlData struct {
	Key   string `xml:"key,attr"`
	Value string `xml:",chardata"`
}

type graphmlDoc struct {
	XMLName xml.Name     `xml:"graphml"`
	Keys    []graphmlKey `xml:"key"`
	Graph   struct {
		ID          string `xml:"id,attr"`
		EdgeDefault string `xml:"edgedefault,attr"`
		Nodes       []struct {
			ID   string        `xml:"id,attr"`
			Data []graphmlData `xml:"data"`
		} `xml:"node"`
		Edges []struct {
			ID     string        `xml:"id,attr"`
			Source string        `xml:"source,attr"`
			Target string        `xml:"target,attr"`
			Data   []graphmlData `xml:"data"`
		} `xml:"edge"`
	} `xml:"graph"`
}

func dataByName(data []graphmlData, keys map[string]graphmlKey) map[string]string {
	out := map[string]string{}
	for _, d := range data {
		out[keys[d.Key].Name] = d.Value
	}
	return out
}

// checkGraphML checks what the GraphML schema (graphml.xsd 1.0) and its attribute extension
// require, short of fetching the schema: the root element and namespace, the order of
// elements, keys with unique NMTOKEN ids, a valid domain and type, data that names a key of
// its element's domain and holds a value of the key's type, unique node and edge ids, and
// edges between nodes of the graph.
func checkGraphML(t *testing.T, b []byte) graphmlDoc {
	t.Helper()
	var doc graphmlDoc
	if err := xml.Unmarshal(b, &doc); err != nil {
		t.Fatalf("not XML: %v", err)
	}
	if doc.XMLName.Space != "http://graphml.graphdrawing.org/xmlns" {
		t.Errorf("root namespace %q", doc.XMLName.Space)
	}
	if doc.Graph.EdgeDefault != "directed" && doc.Graph.EdgeDefault != "undirected" {
		t.Errorf("edgedefault %q", doc.Graph.EdgeDefault)
	}
	// Element order: every key before the graph; within nodes and edges only data.
	dec := xml.NewDecoder(bytes.NewReader(b))
	var path []string
	sawGraph := false
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		switch el := tok.(type) {
		case xml.StartElement:
			parent := strings.Join(path, "/")
			name := el.Name.Local
			allowed := map[string][]string{
				"": {"graphml"}, "graphml": {"key", "graph"}, "graphml/graph": {"node", "edge"},
				"graphml/graph/node": {"data"}, "graphml/graph/edge": {"data"},
			}[parent]
			if !contains(allowed, name) {
				t.Fatalf("<%s> inside <%s>", name, parent)
			}
			if name == "graph" {
				sawGraph = true
			}
			if name == "key" && sawGraph {
				t.Fatal("a <key> after the <graph>")
			}
			path = append(path, name)
		case xml.EndElement:
			path = path[:len(path)-1]
		}
	}
	nmtoken := func(s string) bool {
		if s == "" {
			return false
		}
		for _, r := range s {
			if !strings.ContainsRune(".-_:", r) && !unicode.IsLetter(r) && !unicode.IsDigit(r) && r <= 0x7f {
				return false
			}
		}
		return true
	}
	keys := map[string]graphmlKey{}
	for _, k := range doc.Keys {
		if !nmtoken(k.ID) || keys[k.ID].ID != "" {
			t.Errorf("key id %q is not a unique NMTOKEN", k.ID)
		}
		if !contains([]string{"node", "edge", "graph", "all"}, k.For) {
			t.Errorf("key %s: for=%q", k.ID, k.For)
		}
		if !contains([]string{"boolean", "int", "long", "float", "double", "string"}, k.Type) {
			t.Errorf("key %s: attr.type=%q", k.ID, k.Type)
		}
		keys[k.ID] = k
	}
	checkData := func(elem, id string, data []graphmlData) {
		for _, d := range data {
			k, ok := keys[d.Key]
			if !ok || (k.For != elem && k.For != "all") {
				t.Errorf("%s %s: data key %q is not a key for %ss", elem, id, d.Key, elem)
				continue
			}
			var err error
			switch k.Type {
			case "long", "int":
				_, err = strconv.ParseInt(d.Value, 10, 64)
			case "double", "float":
				_, err = strconv.ParseFloat(d.Value, 64)
			case "boolean":
				_, err = strconv.ParseBool(d.Value)
			}
			if err != nil {
				t.Errorf("%s %s: %s = %q is not a %s", elem, id, k.Name, d.Value, k.Type)
			}
		}
	}
	ids := map[string]bool{}
	for _, n := range doc.Graph.Nodes {
		if !nmtoken(n.ID) || ids[n.ID] {
			t.Errorf("node id %q is not a unique NMTOKEN", n.ID)
		}
		ids[n.ID] = true
		checkData("node", n.ID, n.Data)
	}
	edgeIDs := map[string]bool{}
	for _, e := range doc.Graph.Edges {
		if !nmtoken(e.ID) || edgeIDs[e.ID] {
			t.Errorf("edge id %q is not a unique NMTOKEN", e.ID)
		}
		edgeIDs[e.ID] = true
		if !ids[e.Source] || !ids[e.Target] {
			t.Errorf("edge %s: %s -> %s names a node the graph lacks", e.ID, e.Source, e.Target)
		}
		checkData("edge", e.ID, e.Data)
	}
	return doc
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// TestRoundTrip exports the knowledge graph (with imported rows, so that every kind of value
// is in it), wipes the database, imports the export, and exports again: the two exports are
// the same bytes, and importing the export again changes nothing.
func TestRoundTrip(t *testing.T) {
	s := neo4jtest.Open(t)
	ctx := context.Background()
	neo4jtest.LoadKnowledgeGraph(t, s)
	importExamples(t, s)
	removals := makeRemovals(t, s)
	var g *transfer.Graph
	export := func() []byte {
		t.Helper()
		var err error
		if g, err = transfer.Collect(ctx, s); err != nil {
			t.Fatal(err)
		}
		var b bytes.Buffer
		if err := transfer.WriteJSON(&b, g); err != nil {
			t.Fatal(err)
		}
		return b.Bytes()
	}
	first := export()
	t.Run("OKJSONCarriesRemovals", func(t *testing.T) {
		if n := bytes.Count(first, []byte(`{"label":"Removal","key":"rm-`)); n != removals {
			t.Errorf("%d removal records in the export, want %d", n, removals)
		}
		if !bytes.Contains(first, []byte(`"what":"FOUNDING_CLAIM"`)) || !bytes.Contains(first, []byte(`"citations":[{"source":"`+aspnet.URLSourceKey(corrections)+`","quote":"The office opened in 1994."`)) {
			t.Error("the export lacks the founding claim's removal record or its citation")
		}
	})
	t.Run("OKGraphMLAndCSVLeaveRemovalsOut", func(t *testing.T) {
		var b bytes.Buffer
		if err := transfer.WriteGraphML(&b, g); err != nil {
			t.Fatal(err)
		}
		if strings.Contains(b.String(), ">Removal<") || strings.Contains(b.String(), "rm-") {
			t.Error("the GraphML has removal records")
		}
		dir := t.TempDir()
		if err := transfer.WriteCSV(dir, g); err != nil {
			t.Fatal(err)
		}
		nodes, err := os.ReadFile(filepath.Join(dir, "nodes.csv"))
		if err != nil {
			t.Fatal(err)
		}
		if strings.Contains(string(nodes), "Removal:rm-") || !strings.Contains(string(nodes), "School:school-almaty-best") {
			t.Error("nodes.csv has removal records, or lacks the schools")
		}
	})
	snapshot, err := s.Snapshot(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.DeleteEverything(ctx); err != nil {
		t.Fatal(err)
	}
	var doc exportJSON
	if err := json.Unmarshal(first, &doc); err != nil {
		t.Fatal(err)
	}
	in := map[string][]byte{"graph.json": first}
	sum, err := transfer.Import(ctx, s, []string{"graph.json"}, in, transfer.ImportOptions{Batch: 100})
	if err != nil {
		t.Fatal(err)
	}
	if sum.Nodes != (aspnet.Outcomes{Created: len(doc.Nodes)}) || sum.Relationships != (aspnet.Outcomes{Created: len(doc.Relationships)}) {
		t.Errorf("import of the export: %+v; want %d nodes and %d relationships created", sum, len(doc.Nodes), len(doc.Relationships))
	}
	second := export()
	if !bytes.Equal(first, second) {
		t.Errorf("export, wipe, import, export: the exports differ\n%s", firstDifference(first, second))
	}
	if after, _ := s.Snapshot(ctx); after != snapshot {
		t.Error("the graph after the round trip is not the graph before it")
	}
	again, err := transfer.Import(ctx, s, []string{"graph.json"}, in, transfer.ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if again.Total() != (aspnet.Outcomes{Unchanged: len(doc.Nodes) + len(doc.Relationships)}) {
		t.Errorf("importing the export again: %+v", again)
	}
}

// corrections is the source makeRemovals cites.
const corrections = "https://example.org/corrections"

// makeRemovals removes, through the store's writes, a school, an event's link, an appeal, a
// founding claim and a key-area period, and returns how many removal records they left.
func makeRemovals(t *testing.T, s *neo4jstore.Store) int {
	t.Helper()
	ctx := context.Background()
	p := func(quote string) aspnet.Provenance {
		return aspnet.Provenance{SourceURL: corrections, Quote: quote, EditedBy: "tester", EditedAt: time.Now()}
	}
	org := aspnet.Ref{Field: "targetId", NodeRef: aspnet.NodeRef{Kind: aspnet.KindOrganization, Key: "org-unesco-almaty"}}
	a, err := s.AddAppeal(ctx, aspnet.NewAppeal{EventKey: "ev-2016-festival-almaty", Text: "Plant trees."}, p(""))
	if err != nil {
		t.Fatal(err)
	}
	periods, err := s.KeyAreaPeriods(ctx, []string{"ka-gced"})
	if err != nil || len(periods["ka-gced"]) == 0 {
		t.Fatalf("periods of ka-gced: %v, %v", periods, err)
	}
	period := periods["ka-gced"][0]
	for _, err := range []error{
		s.DeleteSchool(ctx, "school-almaty-8", p("School No. 8 closed.")),
		ignore(s.UnlinkEvent(ctx, "ev-2016-festival-almaty", aspnet.EventLinkTo{Link: aspnet.LinkOrganizer, Target: org}, p(""))),
		s.DeleteAppeal(ctx, a.Key, p("Not an appeal.")),
		ignore(s.RemoveFoundingClaim(ctx, "org-unesco-almaty", aspnet.MustParseDate("1995-08"), p("The office opened in 1994."))),
		ignore(s.RemoveKeyAreaPeriod(ctx, "ka-gced", period.NetworkKey, period.Label, p(""))),
	} {
		if err != nil {
			t.Fatal(err)
		}
	}
	return 5
}

func ignore[T any](_ T, err error) error { return err }

func firstDifference(a, b []byte) string {
	la, lb := strings.Split(string(a), "\n"), strings.Split(string(b), "\n")
	for i := 0; i < len(la) && i < len(lb); i++ {
		if la[i] != lb[i] {
			return "line " + strconv.Itoa(i+1) + ":\n- " + la[i] + "\n+ " + lb[i]
		}
	}
	return "one is a prefix of the other"
}
