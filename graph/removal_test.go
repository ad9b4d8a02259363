package graph_test

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/aspgraph/aspgraph/aspnet"
)

// The records deletions, unlinkings and removals leave, and Query.removals that lists them.

const removalsQ = `query($first: Int, $after: String) { removals(first: $first, after: $after) {
	totalCount pageInfo { hasNextPage endCursor }
	edges { node { what removedId name link targetId targetName removedBy removedAt citation { quote source { id url } } } } } }`

type removalsPage struct {
	Removals struct {
		TotalCount int
		PageInfo   struct {
			HasNextPage bool
			EndCursor   string
		}
		Edges []struct {
			Node struct {
				What, RemovedID, RemovedBy, RemovedAt string
				Name, Link, TargetID, TargetName      *string
				Citation                              struct {
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

func TestDeletionsAndUnlinksLeaveRemovalRecords(t *testing.T) {
	s := writable(t)
	ed := editor(t, s, new(bytes.Buffer))
	school, ev, org := id(aspnet.KindSchool, "school-almaty-8"), id(aspnet.KindEvent, festival), id(aspnet.KindOrganization, "org-unesco-almaty")

	t.Run("ErrRefusalsRecordNothing", func(t *testing.T) {
		before := snapshot(t, s)
		for _, vars := range []map[string]any{
			{"id": school},
			{"id": school, "source": id(aspnet.KindSource, "src-none")},
			{"id": school, "source": "not a url"},
			{"id": school, "source": id(aspnet.KindSchool, best)},
		} {
			r := ed.post(t, deleteSchoolQ, vars)
			if len(r.Errors) != 1 || r.Errors[0].Extensions["code"] != "BAD_USER_INPUT" || !strings.Contains(r.Errors[0].Message, "argument source") {
				t.Errorf("%v: got %s, want BAD_USER_INPUT naming source", vars, r.raw)
			}
		}
		if snapshot(t, s) != before {
			t.Error("a refused deletion changed the graph")
		}
	})

	start := time.Now().Add(-time.Second)
	if r := ed.post(t, deleteSchoolQ, map[string]any{"id": school, "source": srcURL, "quote": "School No. 8 closed."}); len(r.Errors) != 0 {
		t.Fatal(string(r.raw))
	}
	if r := ed.post(t, unlinkEventQ, map[string]any{"e": ev, "l": "ORGANIZER", "t": org, "source": id(aspnet.KindSource, seedSource)}); len(r.Errors) != 0 {
		t.Fatal(string(r.raw))
	}

	t.Run("OKPublicNewestFirst", func(t *testing.T) {
		page := decode[removalsPage](t, ed.anonymous().post(t, removalsQ, nil)).Removals
		if page.TotalCount != 2 || len(page.Edges) != 2 {
			t.Fatalf("got %+v, want two records", page)
		}
		unlink, del := page.Edges[0].Node, page.Edges[1].Node
		at, err := time.Parse(time.RFC3339Nano, del.RemovedAt)
		if del.What != "SCHOOL" || del.RemovedID != school || del.Name == nil || *del.Name != "Secondary School No. 8" ||
			del.RemovedBy != "alice" || err != nil || at.Before(start) || at.After(time.Now()) ||
			del.Citation.Source.URL == nil || *del.Citation.Source.URL != srcURL ||
			del.Citation.Quote == nil || *del.Citation.Quote != "School No. 8 closed." || del.Link != nil {
			t.Errorf("deletion record %+v", del)
		}
		if unlink.What != "EVENT_LINK" || unlink.RemovedID != ev || unlink.Link == nil || *unlink.Link != "ORGANIZER" ||
			unlink.TargetID == nil || *unlink.TargetID != org || unlink.TargetName == nil || *unlink.TargetName == "" ||
			unlink.Citation.Source.ID != id(aspnet.KindSource, seedSource) || unlink.Citation.Quote != nil || unlink.RemovedBy != "alice" {
			t.Errorf("unlink record %+v", unlink)
		}
	})
	t.Run("OKPages", func(t *testing.T) {
		first := decode[removalsPage](t, ed.anonymous().post(t, removalsQ, map[string]any{"first": 1})).Removals
		if len(first.Edges) != 1 || !first.PageInfo.HasNextPage || first.Edges[0].Node.What != "EVENT_LINK" {
			t.Fatalf("first page %+v", first)
		}
		second := decode[removalsPage](t, ed.anonymous().post(t, removalsQ, map[string]any{"first": 1, "after": first.PageInfo.EndCursor})).Removals
		if len(second.Edges) != 1 || second.PageInfo.HasNextPage || second.Edges[0].Node.What != "SCHOOL" {
			t.Errorf("second page %+v", second)
		}
	})
	t.Run("ErrBadCursor", func(t *testing.T) {
		r := ed.anonymous().post(t, removalsQ, map[string]any{"after": "nope"})
		if len(r.Errors) != 1 || r.Errors[0].Extensions["code"] != "BAD_USER_INPUT" || !strings.Contains(r.Errors[0].Message, "after") {
			t.Errorf("got %s", r.raw)
		}
	})
}

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
	ed := editor(t, s, new(bytes.Buffer))
	reader := "Bearer " + token(t, testSecret, []string{"reader"}, time.Hour, time.Now())
	ev, org, ka := id(aspnet.KindEvent, festival), id(aspnet.KindOrganization, "org-unesco-almaty"), id(aspnet.KindKeyArea, "ka-gced")
	seed := id(aspnet.KindSource, seedSource)

	// The appeal the test deletes, and a period of the data to remove.
	var added struct{ AddAppeal struct{ ID string } }
	if err := json.Unmarshal(ed.must(t, addAppealQ, map[string]any{"in": map[string]any{"eventId": ev, "text": "Keep our rivers clean.", "by": "Students", "source": srcURL}}).Data, &added); err != nil {
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
	}](t, ed.anonymous().post(t, `query($k: ID!) { node(id: $k) { ... on KeyArea { periods { network { id } label } } } }`, map[string]any{"k": ka})).Node.Periods
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
			{"AppealNoSource", deleteAppealQ, ed.auth, map[string]any{"id": appeal}, "GRAPHQL_VALIDATION_FAILED", "must be defined"},
			{"AppealSourceUnknown", deleteAppealQ, ed.auth, map[string]any{"id": appeal, "source": id(aspnet.KindSource, "src-none")}, "BAD_USER_INPUT", "argument source"},
			{"AppealSourceNotURL", deleteAppealQ, ed.auth, map[string]any{"id": appeal, "source": "ftp://example.org/x"}, "BAD_USER_INPUT", "argument source"},
			{"AppealQuoteTooLong", deleteAppealQ, ed.auth, map[string]any{"id": appeal, "source": srcURL, "quote": strings.Repeat("q", 2001)}, "BAD_USER_INPUT", "argument quote"},
			{"AppealUnknown", deleteAppealQ, ed.auth, map[string]any{"id": id(aspnet.KindAppeal, "appeal-none"), "source": srcURL}, "NOT_FOUND", "no Appeal has the ID"},
			{"AppealWrongKind", deleteAppealQ, ed.auth, map[string]any{"id": ev, "source": srcURL}, "NOT_FOUND", ""},
			{"ClaimNoToken", removeClaimQ, "", claim, "UNAUTHENTICATED", "missing"},
			{"ClaimNoSource", removeClaimQ, ed.auth, with(claim, "source", nil), "GRAPHQL_VALIDATION_FAILED", "must be defined"},
			{"ClaimSourceUnknown", removeClaimQ, ed.auth, with(claim, "source", id(aspnet.KindSource, "src-none")), "BAD_USER_INPUT", "argument source"},
			{"ClaimOrganizationUnknown", removeClaimQ, ed.auth, with(claim, "o", id(aspnet.KindOrganization, "org-none")), "NOT_FOUND", "no Organization has the ID"},
			{"ClaimNoSuchDate", removeClaimQ, ed.auth, with(claim, "d", "2001"), "NOT_FOUND", "no founding claim of the date 2001"},
			{"ClaimDateAsGiven", removeClaimQ, ed.auth, with(claim, "d", "1995"), "NOT_FOUND", "no founding claim of the date 1995"},
			{"PeriodNotEditor", removePeriodQ, reader, per, "FORBIDDEN", "editor"},
			{"PeriodNoSource", removePeriodQ, ed.auth, with(per, "source", nil), "GRAPHQL_VALIDATION_FAILED", "must be defined"},
			{"PeriodSourceUnknown", removePeriodQ, ed.auth, with(per, "source", id(aspnet.KindSource, "src-none")), "BAD_USER_INPUT", "argument source"},
			{"PeriodKeyAreaUnknown", removePeriodQ, ed.auth, with(per, "k", id(aspnet.KindKeyArea, "ka-none")), "NOT_FOUND", "no KeyArea has the ID"},
			{"PeriodNetworkUnknown", removePeriodQ, ed.auth, with(per, "n", id(aspnet.KindNetwork, "net-none")), "BAD_USER_INPUT", "argument networkId"},
			{"PeriodNetworkWrongKind", removePeriodQ, ed.auth, with(per, "n", ka), "BAD_USER_INPUT", "argument networkId"},
			{"PeriodLabelEmpty", removePeriodQ, ed.auth, with(per, "l", " "), "BAD_USER_INPUT", "argument label"},
			{"PeriodNoSuchLabel", removePeriodQ, ed.auth, with(per, "l", "no such period"), "NOT_FOUND", "no period labelled"},
		} {
			t.Run(tc.name, func(t *testing.T) {
				r := postAs(t, ed.h, tc.auth, tc.query, tc.vars)
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
		got := string(ed.must(t, deleteAppealQ, map[string]any{"id": appeal, "source": srcURL, "quote": "The appeal was another event's."}).Data)
		if got != `{"deleteAppeal":"`+appeal+`"}` {
			t.Errorf("got %s", got)
		}
		after := string(ed.must(t, `query($a: ID!, $e: ID!) { a: node(id: $a) { id } e: node(id: $e) { ... on Event { appeals { id } } } }`, map[string]any{"a": appeal, "e": ev}).Data)
		if strings.Contains(after, appeal) || !strings.Contains(after, `"a":null`) || !strings.Contains(after, `"appeals":[{"id":`) {
			t.Errorf("after the deletion: %s, want the appeal gone and the loaded one kept", after)
		}
		rm := decode[lastRemoval](t, ed.anonymous().post(t, lastRemovalQ, nil)).Removals.Edges[0].Node
		if rm.What != "APPEAL" || rm.RemovedID != appeal || str(rm.Name) != "Keep our rivers clean." || str(rm.TargetID) != ev ||
			str(rm.TargetName) != "Annual festival of UNESCO Associated Schools 2016" || rm.RemovedBy != "alice" ||
			str(rm.Citation.Quote) != "The appeal was another event's." || str(rm.Citation.Source.URL) != srcURL || rm.Link != nil || rm.Date != nil {
			t.Errorf("removal record %+v", rm)
		}
		r := ed.post(t, deleteAppealQ, map[string]any{"id": appeal, "source": srcURL})
		if len(r.Errors) != 1 || r.Errors[0].Extensions["code"] != "NOT_FOUND" {
			t.Errorf("deleting it again: %s, want NOT_FOUND", r.raw)
		}
	})
	t.Run("OKRemoveFoundingClaim", func(t *testing.T) {
		got := string(ed.must(t, removeClaimQ, map[string]any{"o": org, "d": "1995-08", "source": seed, "quote": "The office opened in 1994."}).Data)
		if strings.Contains(got, `"1995-08"`) || !strings.Contains(got, `{"date":"1994"}`) {
			t.Errorf("got %s, want the 1995-08 claim gone and the 1994 one kept", got)
		}
		rm := decode[lastRemoval](t, ed.anonymous().post(t, lastRemovalQ, nil)).Removals.Edges[0].Node
		if rm.What != "FOUNDING_CLAIM" || rm.RemovedID != org || str(rm.Name) != "UNESCO Office in Almaty" || str(rm.Date) != "1995-08" ||
			rm.Citation.Source.ID != seed || str(rm.Citation.Quote) != "The office opened in 1994." || rm.TargetID != nil {
			t.Errorf("removal record %+v", rm)
		}
	})
	t.Run("OKRemoveKeyAreaPeriod", func(t *testing.T) {
		got := string(ed.must(t, removePeriodQ, map[string]any{"k": ka, "n": period.Network.ID, "l": period.Label, "source": srcURL}).Data)
		label, _ := json.Marshal(period.Label)
		if strings.Count(got, string(label)) != 0 || strings.Count(got, `"label"`) != len(periods)-1 {
			t.Errorf("got %s, want the %d other periods", got, len(periods)-1)
		}
		rm := decode[lastRemoval](t, ed.anonymous().post(t, lastRemovalQ, nil)).Removals.Edges[0].Node
		if rm.What != "KEY_AREA_PERIOD" || rm.RemovedID != ka || str(rm.Name) != "Global Citizenship Education" || str(rm.Label) != period.Label ||
			str(rm.TargetID) != period.Network.ID || rm.TargetName == nil || rm.Citation.Quote != nil {
			t.Errorf("removal record %+v", rm)
		}
	})
	t.Run("OKThreeRecords", func(t *testing.T) {
		if n := decode[lastRemoval](t, ed.anonymous().post(t, lastRemovalQ, nil)).Removals.TotalCount; n != 3 {
			t.Errorf("%d removal records, want 3", n)
		}
	})
}
