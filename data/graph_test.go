package data_test

import (
	"os"
	"testing"

	"github.com/aspgraph/aspgraph/aspnet"
	"github.com/aspgraph/aspgraph/data"
)

// storedLoadHashes are the fingerprints that loads of testdata/graph.yaml have stored: a load
// rewrites a node or relationship whose fingerprint differs (and so undoes what the API
// changed on it), so the fingerprint of an unchanged entry must never change.
var storedLoadHashes = map[string]string{
	"Appeal:appeal-t":                       "7eb699992c8da8d726fc511f5bf42773",
	"City:city-t":                           "ccab52d311942a26d54e7a58c796a9d7",
	"Claim:org-t-founded-1":                 "36351d3baada7e3b6b736c294d0ae81e",
	"Claim:org-t-founded-2":                 "f94ee930d25bcd1462474e43442b432e",
	"Country:c-t":                           "52e60cd224972224be2c77ad616cdd63",
	"Event:ev-t":                            "2c55672b74c5c392d332db014cd26e3b",
	"Event:ev-t-1":                          "a659c01cb54b11f23d530171eee27213",
	"GrowthFigure:gf-t":                     "b933d99ed933806c8b54f0c028df247a",
	"KeyArea:ka-a":                          "98fa730e845b061a5550321175ecf24d",
	"KeyArea:ka-b":                          "7f7e44fe1154fae88ae718af7d86e80d",
	"Network:net-g":                         "31e0ab29c557fa4d68471151c932efd3",
	"Network:net-t":                         "15663528937f935d56dc1769012a723e",
	"Note:note-t":                           "394c73ddcdfcbe5ebebc0cce197f2f6c",
	"Occasion:occ-t":                        "29c8b3bcb49a0e6d02aad2b91533c4be",
	"Organization:org-t":                    "51c3c6c38d4ab9d1ee64b59e6a643640",
	"School:sch-t":                          "66ba0861cd92d51bb66101529d6aff90",
	"School:sch-u":                          "9aba09fca6ea0a93a6e9fcc8ecc6653a",
	"Source:src-t":                          "f3da4d789f00b19a33fe505fc9d7bab0",
	"appeal-t|MADE_AT|ev-t":                 "04a0e0f3300131cbef0ddae041747bd8",
	"city-t|IN_COUNTRY|c-t":                 "c6f2f1efc80159a9294bb0222e6e94f1",
	"ev-t-1|PART_OF|ev-t":                   "d9b23438707a90a0273d5d0305373849",
	"ev-t|HELD_AT|sch-t":                    "98b84c52e0a6e49cd82a6101a04844ae",
	"ev-t|IN_CITY|city-t":                   "70a05bf4213241155c8c1cce11ece766",
	"ev-t|IN_KEY_AREA|ka-a":                 "a5b17522b406b76350c7f195548addef",
	"ev-t|MARKS|occ-t":                      "1eaf21ea58e28808c83055ebaac2fbc1",
	"ev-t|ORGANIZED_BY|org-t":               "7a11d608f954098c87124599972708a5",
	"ev-t|PARTICIPANT|c-t":                  "966d7091d9fd6a631db86918f4c8ee38",
	"ev-t|PARTICIPANT|net-t":                "67a3bf551b32f71530e77abe0e3838bb",
	"ev-t|PARTICIPANT|sch-t":                "e8049e8ff437641603c9d41d8592d998",
	"gf-t|FIGURE_OF|net-t":                  "588294ea458387e19be7f8d34e3bd2e4",
	"ka-a|AREA_OF|net-g|2000-2010 strategy": "728ab6dfb88535b675736642f8053a00",
	"ka-b|MAPS_TO|ka-a":                     "2ea9b5a45f2e60854c2cba833a9c6993",
	"net-t|IN_COUNTRY|c-t":                  "a75d5ec0baff90dce4b4616064e598dc",
	"net-t|PART_OF|net-g":                   "d03fc18703cbe820bee6623e1a21c854",
	"note-t|ABOUT|c-t":                      "88cebdcaae5796dd161cf43245911c68",
	"note-t|ABOUT|net-t":                    "8c2a025c7f3fe9479a6ad99097bba144",
	"org-t-founded-1|CLAIM_OF|org-t":        "52d16b0717edcee720efe9a3420fe84d",
	"org-t-founded-2|CLAIM_OF|org-t":        "61a7547c56c9975d244ff5c6ecbdc94d",
	"org-t|COVERS|c-t":                      "cde6d036401ed8767f07620718ad6ef8",
	"org-t|IN_CITY|city-t":                  "ba6447ba2e7935c76d155811ff5dca73",
	"sch-t|IN_CITY|city-t":                  "6c6404cc41d95439504f962deb7e7228",
	"sch-t|MEMBER_OF|net-t":                 "32194e78c3cc3a43753e6ebdf194e8ce",
	"sch-t|WORKS_IN|ka-a":                   "0486f0b4f1b46a0f9d49eaecb83557c7",
}

func TestGraph(t *testing.T) {
	d, err := data.Read(os.DirFS("testdata"))
	if err != nil {
		t.Fatal(err)
	}
	g := d.Graph()
	got := map[string]string{}
	for _, n := range g.Nodes {
		got[n.String()], _ = n.Props[aspnet.PropLoadHash].(string)
		if _, ok := n.Props["key"]; ok {
			t.Errorf("%s: the key is among the properties", n.GraphRef)
		}
	}
	for _, r := range g.Rels {
		got[r.Key], _ = r.Props[aspnet.PropLoadHash].(string)
		if r.From.Label == "" || r.To.Label == "" {
			t.Errorf("%s: an end without label: %s -> %s", r.Key, r.From, r.To)
		}
	}
	t.Run("OKFingerprintsAsStored", func(t *testing.T) {
		if len(got) != len(storedLoadHashes) {
			t.Errorf("%d nodes and relationships, want %d", len(got), len(storedLoadHashes))
		}
		for k, want := range storedLoadHashes {
			if got[k] != want {
				t.Errorf("%s: fingerprint %q, the stored one is %q", k, got[k], want)
			}
		}
	})
	t.Run("OKIdentities", func(t *testing.T) {
		want := map[string]string{
			"School:sch-t":       aspnet.SchoolIdentity("Test School", "city-t"),
			"School:sch-u":       "placeless school|",
			"Event:ev-t":         "test festival|2016-09-24",
			"Organization:org-t": "test organisation",
			"KeyArea:ka-a":       "area a",
			"City:city-t":        "",
			"Network:net-t":      "",
		}
		for _, n := range g.Nodes {
			w, ok := want[n.String()]
			if !ok {
				continue
			}
			if id, _ := n.Props[aspnet.PropIdentity].(string); id != w {
				t.Errorf("%s: identity %q, want %q", n.GraphRef, id, w)
			}
		}
	})
	t.Run("OKValues", func(t *testing.T) {
		for _, n := range g.Nodes {
			if n.String() != "Event:ev-t" {
				continue
			}
			if n.Props["date"] != "2016-09-24" || n.Props["dateFrom"] != aspnet.Day("2016-09-24") || n.Props["endDateTo"] != aspnet.Day("2016-09-26") {
				t.Errorf("dates: %v, %v, %v", n.Props["date"], n.Props["dateFrom"], n.Props["endDateTo"])
			}
			if l, ok := n.Props[aspnet.PropCiteSources].([]any); !ok || len(l) != 1 || l[0] != "src-t" {
				t.Errorf("citeSources: %#v, want []any{\"src-t\"}", n.Props[aspnet.PropCiteSources])
			}
			return
		}
		t.Error("no Event:ev-t")
	})
}
