package graph_test

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aspgraph/aspgraph/aspnet"
	"github.com/aspgraph/aspgraph/auth"
)

// concurrently runs n copies of one mutation at once and returns the id each got (the
// mutation's result selects id) and the first error message of each ("" for none).
func concurrently(t *testing.T, h http.Handler, auth, field, query string, vars func(i int) map[string]any, n int) (ids, errs []string) {
	t.Helper()
	ids, errs = make([]string, n), make([]string, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			body, _ := json.Marshal(map[string]any{"query": query, "variables": vars(i)})
			req := httptest.NewRequest(http.MethodPost, "/query", bytes.NewReader(body))
			req.Header.Set("Content-Type", "application/json")
			req.Header.Set("Authorization", auth)
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, req)
			var r struct {
				Data   map[string]struct{ ID string } `json:"data"`
				Errors []gqlError                     `json:"errors"`
			}
			_ = json.Unmarshal(rec.Body.Bytes(), &r)
			if len(r.Errors) > 0 {
				errs[i] = r.Errors[0].Message
			}
			ids[i] = r.Data[field].ID
		}()
	}
	wg.Wait()
	return ids, errs
}

func TestConcurrentCreatesMakeOneEntity(t *testing.T) {
	s := writable(t)
	h := authHandler(s, new(bytes.Buffer), auth.Keys{Secret: testSecret})
	auth := "Bearer " + token(t, testSecret, []string{aspnet.RoleEditor}, time.Hour, time.Now())
	const n = 30
	tests := []struct {
		name, field, query, count string
		vars                      func(i int) map[string]any
	}{
		{"Event", "createEvent", createEventQ, `{ events(filter: {from: "2019-04-10", to: "2019-04-10"}, first: 0) { totalCount } }`, func(i int) map[string]any {
			in := eventInput()
			// The same event however its name is spelled, with its links and a source of its own.
			in["name"] = []string{"Race seminar 2019", " race SEMINAR 2019 "}[i%2]
			in["source"] = "https://example.org/race/" + string(rune('a'+i%26))
			return map[string]any{"in": in}
		}},
		{"Organization", "createOrganization", createOrgQ, `{ organizations { name } }`, func(i int) map[string]any {
			return map[string]any{"in": map[string]any{"name": []string{"Race Council", "race council "}[i%2], "cityId": id(aspnet.KindCity, "almaty"), "source": srcURL}}
		}},
		{"KeyArea", "createKeyArea", createKeyAreaQ, `{ keyAreas { name } }`, func(i int) map[string]any {
			return map[string]any{"in": map[string]any{"name": []string{"Race Studies", "RACE studies"}[i%2], "source": srcURL}}
		}},
	}
	for _, tc := range tests {
		t.Run("OK"+tc.name, func(t *testing.T) {
			ids, errs := concurrently(t, h, auth, tc.field, tc.query, tc.vars, n)
			for i := range n {
				if errs[i] != "" || ids[i] == "" || ids[i] != ids[0] {
					t.Errorf("create %d: id %q, error %q; want %q like the first", i, ids[i], errs[i], ids[0])
				}
			}
			got := strings.ToLower(string(postAs(t, h, "", tc.count, nil).Data))
			switch tc.name {
			case "Event":
				if !strings.Contains(got, `"totalcount":1`) {
					t.Errorf("got %s, want one event", got)
				}
			default:
				if c := strings.Count(got, "race "); c != 1 {
					t.Errorf("%d of them in %s, want 1", c, got)
				}
			}
		})
	}
	t.Run("OKLoadedEntriesHaveTheirIdentity", func(t *testing.T) {
		before := snapshot(t, s)
		for _, c := range []struct{ query, field, want string }{
			{createEventQ, "createEvent", id(aspnet.KindEvent, festival)},
			{createOrgQ, "createOrganization", id(aspnet.KindOrganization, "org-unesco-almaty")},
			{createKeyAreaQ, "createKeyArea", id(aspnet.KindKeyArea, "ka-gced")},
		} {
			var in map[string]any
			switch c.field {
			case "createEvent":
				in = map[string]any{"name": loadedName(t, h, c.want), "date": "2016-09-24", "source": srcURL}
			default:
				in = map[string]any{"name": " " + strings.ToUpper(loadedName(t, h, c.want)) + " ", "source": srcURL}
			}
			r := postAs(t, h, auth, c.query, map[string]any{"in": in})
			if len(r.Errors) != 0 || !strings.Contains(string(r.Data), c.want) {
				t.Errorf("%s of a loaded entry: got %s, want %s", c.field, r.raw, c.want)
			}
		}
		if snapshot(t, s) != before {
			t.Error("creating loaded entries again changed the graph")
		}
	})
	t.Run("ErrUpdateToAnotherIdentity", func(t *testing.T) {
		before := snapshot(t, s)
		for _, c := range []struct{ query, id, name string }{
			{updateOrgQ, id(aspnet.KindOrganization, "org-unesco-almaty"), "RACE COUNCIL"},
			{updateKeyAreaQ, id(aspnet.KindKeyArea, "ka-gced"), "race studies"},
			{updateEventQ, id(aspnet.KindEvent, festival), "Race seminar 2019"},
		} {
			in := map[string]any{"name": c.name, "source": srcURL}
			if c.query == updateEventQ {
				in["date"] = "2019-04-10"
			}
			r := postAs(t, h, auth, c.query, map[string]any{"id": c.id, "in": in})
			if len(r.Errors) != 1 || r.Errors[0].Extensions["code"] != "CONFLICT" || !strings.Contains(r.Errors[0].Message, "input") {
				t.Errorf("%s: got %s, want CONFLICT", c.name, r.raw)
			}
		}
		if snapshot(t, s) != before {
			t.Error("a refused update changed the graph")
		}
	})
}

// loadedName is the name of the loaded entity with the ID.
func loadedName(t *testing.T, h http.Handler, id string) string {
	t.Helper()
	r := postAs(t, h, "", `query($id: ID!) { node(id: $id) { ... on Event { name } ... on Organization { name } ... on KeyArea { name } } }`, map[string]any{"id": id})
	return decode[struct{ Node struct{ Name string } }](t, r).Node.Name
}
