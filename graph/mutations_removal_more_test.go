package graph_test

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/aspgraph/aspgraph/aspnet"
	"github.com/aspgraph/aspgraph/auth"
)

const (
	deleteAppealQ = `mutation($id: ID!, $source: String!, $quote: String) { deleteAppeal(id: $id, source: $source, quote: $quote) }`
	removeClaimQ  = `mutation($o: ID!, $d: Date!, $source: String!, $quote: String) { removeFoundingClaim(organizationId: $o, date: $d, source: $source, quote: $quote) { id founded { date } } }`
	removePeriodQ = `mutation($k: ID!, $n: ID!, $l: String!, $source: String!, $quote: String) { removeKeyAreaPeriod(keyAreaId: $k, networkId: $n, label: $l, source: $source, quote: $quote) { id periods { network { id } label } } }`
	lastRemovalQ  = `{ removals(first: 1) { totalCount edges { node { what removedId name link targetId targetName date label removedBy citation { quote source { id url } } } } } }`
)

// lastRemoval is the newest removal record as lastRemovalQ reads it.
type lastRemoval struct {
	Removals struct {
		TotalCount int
		Edges      []struct {
			Node struct {
				What, RemovedID, RemovedBy                    string
				Name, Link, TargetID, TargetName, Date, Label *string
				Citation                                      struct {
					Quote  *string
					Source struct {
						ID  string
						URL *string
					}
				}
			}
		}
	}
}

func str(p *string) string {
	if p == nil {
		return "<nil>"
	}
	return *p
}

// TestRemovalsOfAppealsClaimsAndPeriods: what addAppeal, addFoundingClaim and
// addKeyAreaPeriod record (or the data holds) can be taken back, with a source, leaving a
// removal record; refusals change nothing.
func TestRemovalsOfAppealsClaimsAndPeriods(t *testing.T) {
	s := writable(t)
	h := authHandler(s, new(bytes.Buffer), auth.Keys{Secret: testSecret})
	auth := "Bearer " + token(t, testSecret, []string{aspnet.RoleEditor}, time.Hour, time.Now())
	reader := "Bearer " + token(t, testSecret, []string{"reader"}, time.Hour, time.Now())
	must := func(query string, vars map[string]any) string {
		t.Helper()
		r := postAs(t, h, auth, query, vars)
		if len(r.Errors) != 0 {
			t.Fatalf("%.60s: %s", query, r.raw)
		}
		return string(r.Data)
	}
	ev, org, ka := id(aspnet.KindEvent, festival), id(aspnet.KindOrganization, "org-unesco-almaty"), id(aspnet.KindKeyArea, "ka-gced")
	seed := id(aspnet.KindSource, seedSource)

	// The appeal the test deletes, and a period of the data to remove.
	var added struct{ AddAppeal struct{ ID string } }
	if err := json.Unmarshal([]byte(must(addAppealQ, map[string]any{"in": map[string]any{"eventId": ev, "text": "Keep our rivers clean.", "by": "Students", "source": srcURL}})), &added); err != nil {
		t.Fatal(err)
	}
	appeal := added.AddAppeal.ID
	periods := decode[struct {
		Node struct {
			Periods []struct {
				Network struct{ ID string }
				Label   string
			}
		}
	}](t, postAs(t, h, "", `query($k: ID!) { node(id: $k) { ... on KeyArea { periods { network { id } label } } } }`, map[string]any{"k": ka})).Node.Periods
	if len(periods) == 0 {
		t.Fatal("the key area has no period to remove")
	}
	period := periods[0]

	t.Run("ErrRefusalsChangeNothing", func(t *testing.T) {
		before := snapshot(t, s)
		claim := map[string]any{"o": org, "d": "1995-08", "source": srcURL}
		per := map[string]any{"k": ka, "n": period.Network.ID, "l": period.Label, "source": srcURL}
		for _, tc := range []struct {
			name, query string
			auth        string
			vars        map[string]any
			code, says  string
		}{
			{"AppealNoToken", deleteAppealQ, "", map[string]any{"id": appeal, "source": srcURL}, "UNAUTHENTICATED", "missing"},
			{"AppealNotEditor", deleteAppealQ, reader, map[string]any{"id": appeal, "source": srcURL}, "FORBIDDEN", "editor"},
			{"AppealNoSource", deleteAppealQ, auth, map[string]any{"id": appeal}, "GRAPHQL_VALIDATION_FAILED", "must be defined"},
			{"AppealSourceUnknown", deleteAppealQ, auth, map[string]any{"id": appeal, "source": id(aspnet.KindSource, "src-none")}, "BAD_USER_INPUT", "argument source"},
			{"AppealSourceNotURL", deleteAppealQ, auth, map[string]any{"id": appeal, "source": "ftp://example.org/x"}, "BAD_USER_INPUT", "argument source"},
			{"AppealQuoteTooLong", deleteAppealQ, auth, map[string]any{"id": appeal, "source": srcURL, "quote": strings.Repeat("q", 2001)}, "BAD_USER_INPUT", "argument quote"},
			{"AppealUnknown", deleteAppealQ, auth, map[string]any{"id": id(aspnet.KindAppeal, "appeal-none"), "source": srcURL}, "NOT_FOUND", "no Appeal has the ID"},
			{"AppealWrongKind", deleteAppealQ, auth, map[string]any{"id": ev, "source": srcURL}, "NOT_FOUND", ""},
			{"ClaimNoToken", removeClaimQ, "", claim, "UNAUTHENTICATED", "missing"},
			{"ClaimNoSource", removeClaimQ, auth, with(claim, "source", nil), "GRAPHQL_VALIDATION_FAILED", "must be defined"},
			{"ClaimSourceUnknown", removeClaimQ, auth, with(claim, "source", id(aspnet.KindSource, "src-none")), "BAD_USER_INPUT", "argument source"},
			{"ClaimOrganizationUnknown", removeClaimQ, auth, with(claim, "o", id(aspnet.KindOrganization, "org-none")), "NOT_FOUND", "no Organization has the ID"},
			{"ClaimNoSuchDate", removeClaimQ, auth, with(claim, "d", "2001"), "NOT_FOUND", "no founding claim of the date 2001"},
			{"ClaimDateAsGiven", removeClaimQ, auth, with(claim, "d", "1995"), "NOT_FOUND", "no founding claim of the date 1995"},
			{"PeriodNotEditor", removePeriodQ, reader, per, "FORBIDDEN", "editor"},
			{"PeriodNoSource", removePeriodQ, auth, with(per, "source", nil), "GRAPHQL_VALIDATION_FAILED", "must be defined"},
			{"PeriodSourceUnknown", removePeriodQ, auth, with(per, "source", id(aspnet.KindSource, "src-none")), "BAD_USER_INPUT", "argument source"},
			{"PeriodKeyAreaUnknown", removePeriodQ, auth, with(per, "k", id(aspnet.KindKeyArea, "ka-none")), "NOT_FOUND", "no KeyArea has the ID"},
			{"PeriodNetworkUnknown", removePeriodQ, auth, with(per, "n", id(aspnet.KindNetwork, "net-none")), "BAD_USER_INPUT", "argument networkId"},
			{"PeriodNetworkWrongKind", removePeriodQ, auth, with(per, "n", ka), "BAD_USER_INPUT", "argument networkId"},
			{"PeriodLabelEmpty", removePeriodQ, auth, with(per, "l", " "), "BAD_USER_INPUT", "argument label"},
			{"PeriodNoSuchLabel", removePeriodQ, auth, with(per, "l", "no such period"), "NOT_FOUND", "no period labelled"},
		} {
			t.Run(tc.name, func(t *testing.T) {
				r := postAs(t, h, tc.auth, tc.query, tc.vars)
				if len(r.Errors) != 1 || r.Errors[0].Extensions["code"] != tc.code || !strings.Contains(r.Errors[0].Message, tc.says) {
					t.Errorf("got %s, want %s saying %q", r.raw, tc.code, tc.says)
				}
			})
		}
		if snapshot(t, s) != before {
			t.Error("a refused removal changed the graph")
		}
	})

	t.Run("OKDeleteAppeal", func(t *testing.T) {
		got := must(deleteAppealQ, map[string]any{"id": appeal, "source": srcURL, "quote": "The appeal was another event's."})
		if got != `{"deleteAppeal":"`+appeal+`"}` {
			t.Errorf("got %s", got)
		}
		after := must(`query($a: ID!, $e: ID!) { a: node(id: $a) { id } e: node(id: $e) { ... on Event { appeals { id } } } }`, map[string]any{"a": appeal, "e": ev})
		if strings.Contains(after, appeal) || !strings.Contains(after, `"a":null`) || !strings.Contains(after, `"appeals":[{"id":`) {
			t.Errorf("after the deletion: %s, want the appeal gone and the loaded one kept", after)
		}
		rm := decode[lastRemoval](t, postAs(t, h, "", lastRemovalQ, nil)).Removals.Edges[0].Node
		if rm.What != "APPEAL" || rm.RemovedID != appeal || str(rm.Name) != "Keep our rivers clean." || str(rm.TargetID) != ev ||
			str(rm.TargetName) != "Annual festival of UNESCO Associated Schools 2016" || rm.RemovedBy != "alice" ||
			str(rm.Citation.Quote) != "The appeal was another event's." || str(rm.Citation.Source.URL) != srcURL || rm.Link != nil || rm.Date != nil {
			t.Errorf("removal record %+v", rm)
		}
		r := postAs(t, h, auth, deleteAppealQ, map[string]any{"id": appeal, "source": srcURL})
		if len(r.Errors) != 1 || r.Errors[0].Extensions["code"] != "NOT_FOUND" {
			t.Errorf("deleting it again: %s, want NOT_FOUND", r.raw)
		}
	})
	t.Run("OKRemoveFoundingClaim", func(t *testing.T) {
		got := must(removeClaimQ, map[string]any{"o": org, "d": "1995-08", "source": seed, "quote": "The office opened in 1994."})
		if strings.Contains(got, `"1995-08"`) || !strings.Contains(got, `{"date":"1994"}`) {
			t.Errorf("got %s, want the 1995-08 claim gone and the 1994 one kept", got)
		}
		rm := decode[lastRemoval](t, postAs(t, h, "", lastRemovalQ, nil)).Removals.Edges[0].Node
		if rm.What != "FOUNDING_CLAIM" || rm.RemovedID != org || str(rm.Name) != "UNESCO Office in Almaty" || str(rm.Date) != "1995-08" ||
			rm.Citation.Source.ID != seed || str(rm.Citation.Quote) != "The office opened in 1994." || rm.TargetID != nil {
			t.Errorf("removal record %+v", rm)
		}
	})
	t.Run("OKRemoveKeyAreaPeriod", func(t *testing.T) {
		got := must(removePeriodQ, map[string]any{"k": ka, "n": period.Network.ID, "l": period.Label, "source": srcURL})
		label, _ := json.Marshal(period.Label)
		if strings.Count(got, string(label)) != 0 || strings.Count(got, `"label"`) != len(periods)-1 {
			t.Errorf("got %s, want the %d other periods", got, len(periods)-1)
		}
		rm := decode[lastRemoval](t, postAs(t, h, "", lastRemovalQ, nil)).Removals.Edges[0].Node
		if rm.What != "KEY_AREA_PERIOD" || rm.RemovedID != ka || str(rm.Name) != "Global Citizenship Education" || str(rm.Label) != period.Label ||
			str(rm.TargetID) != period.Network.ID || rm.TargetName == nil || rm.Citation.Quote != nil {
			t.Errorf("removal record %+v", rm)
		}
	})
	t.Run("OKThreeRecords", func(t *testing.T) {
		if n := decode[lastRemoval](t, postAs(t, h, "", lastRemovalQ, nil)).Removals.TotalCount; n != 3 {
			t.Errorf("%d removal records, want 3", n)
		}
	})
}

// TestSourceCitationsShowItsChanges: the citations updateSource records on a Source can be
// read, one for each property changed.
func TestSourceCitationsShowItsChanges(t *testing.T) {
	s := writable(t)
	h := authHandler(s, new(bytes.Buffer), auth.Keys{Secret: testSecret})
	auth := "Bearer " + token(t, testSecret, []string{aspnet.RoleEditor}, time.Hour, time.Now())
	seed := id(aspnet.KindSource, seedSource)
	const q = `query($id: ID!) { node(id: $id) { ... on Source { citations { property quote source { id } } } } }`
	if got := string(postAs(t, h, "", q, map[string]any{"id": seed}).Data); got != `{"node":{"citations":[]}}` {
		t.Fatalf("before any change: %s", got)
	}
	other := id(aspnet.KindSource, "src-unesco-almaty-about")
	if r := postAs(t, h, auth, updateSourceQ, map[string]any{"id": seed, "in": map[string]any{
		"publisher": "UNESCO Almaty Cluster Office", "note": "Scanned copy.", "source": other, "quote": "UNESCO Almaty published it.",
	}}); len(r.Errors) != 0 {
		t.Fatal(string(r.raw))
	}
	got := string(postAs(t, h, "", q, map[string]any{"id": seed}).Data)
	for _, prop := range []string{"publisher", "note"} {
		want := `{"property":"` + prop + `","quote":"UNESCO Almaty published it.","source":{"id":"` + other + `"}}`
		if !strings.Contains(got, want) {
			t.Errorf("got %s, want %s", got, want)
		}
	}
	if strings.Count(got, `"property"`) != 2 {
		t.Errorf("got %s, want two citations", got)
	}
}
