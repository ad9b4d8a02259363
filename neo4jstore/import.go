package neo4jstore

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strings"
	"time"

	"github.com/google/uuid"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/aspgraph/aspgraph/aspnet"
	"github.com/aspgraph/aspgraph/collation"
)

// importTimeout bounds each of an import's transactions: a batch of about a thousand rows, on
// a machine that may be busy.
const importTimeout = 2 * time.Minute

// countOutcome adds n rows of an import statement's outcome ("created", "updated" or
// "unchanged") to o.
func countOutcome(o *aspnet.Outcomes, outcome string, n int) {
	switch outcome {
	case "created":
		o.Created += n
	case "updated":
		o.Updated += n
	default:
		o.Unchanged += n
	}
}

// editMeta is what an import records on what it creates or changes: its origin, who and when.
func editMeta(e aspnet.Edit) map[string]any {
	return map[string]any{aspnet.PropOrigin: aspnet.OriginImport, "editedBy": e.By, "editedAt": e.At.UTC()}
}

// MissingKeys returns those of keys that no node of the label has, so that an import can
// report every reference to nothing before it writes anything.
func (s *Store) MissingKeys(ctx context.Context, label string, keys []string) (missing []string, err error) {
	defer wrap(&err, "Store.MissingKeys(%s)", label)
	if !aspnet.IsGraphLabel(label) {
		return nil, fmt.Errorf("%q is not a label of the graph", label)
	}
	recs, err := s.read(ctx, template(query("import_missing"), map[string]string{"label": label}), map[string]any{"keys": keys})
	if err != nil {
		return nil, err
	}
	for _, r := range recs {
		k, _ := r.Get("key")
		if ks, ok := k.(string); ok {
			missing = append(missing, ks)
		}
	}
	return missing, nil
}

// importWrite runs work in one write transaction with the import's timeout.
func (s *Store) importWrite(ctx context.Context, work func(tx neo4j.ManagedTransaction) error) error {
	return s.writeWithin(ctx, importTimeout, work)
}

// ImportSources finds or makes the Source of each URL, as the API does, in one transaction,
// and returns their keys by URL.
func (s *Store) ImportSources(ctx context.Context, urls []string, e aspnet.Edit) (keys map[string]string, err error) {
	defer wrap(&err, "Store.ImportSources")
	rows := make([]map[string]any, len(urls))
	for i, u := range urls {
		rows[i] = map[string]any{"url": u, "key": aspnet.URLSourceKey(u), "sortKey": collation.Key(u, "")}
	}
	err = s.importWrite(ctx, func(tx neo4j.ManagedTransaction) error {
		keys = make(map[string]string, len(urls))
		return eachRecord(ctx, tx, query("import_sources"), map[string]any{"rows": rows, "meta": editMeta(e)}, func(m map[string]any) {
			u, _ := m["url"].(string)
			keys[u], _ = m["key"].(string)
		})
	})
	return keys, err
}

// ImportPlaces finds or makes each city in its country, as the API does, in one transaction,
// and returns the cities' keys in the order of places.
func (s *Store) ImportPlaces(ctx context.Context, places []aspnet.ImportPlace, e aspnet.Edit) (keys []string, err error) {
	defer wrap(&err, "Store.ImportPlaces")
	var countries []map[string]any
	countryOf := make([]int, len(places))
	seen := map[string]int{}
	for i, p := range places {
		id := strings.ToLower(p.Country)
		n, ok := seen[id]
		if !ok {
			n = len(countries)
			seen[id] = n
			countries = append(countries, map[string]any{
				"i": int64(n), "name": p.Country, "sortKey": collation.Key(p.Country, ""), "newKey": "country-api-" + aspnet.Slug(p.Country),
				"source": p.Cite.Source, "quote": p.Cite.Quote,
			})
		}
		countryOf[i] = n
	}
	err = s.importWrite(ctx, func(tx neo4j.ManagedTransaction) error {
		countryKeys := make([]string, len(countries))
		err := eachRecord(ctx, tx, query("import_countries"), map[string]any{"rows": countries, "meta": editMeta(e)}, func(m map[string]any) {
			i, _ := m["i"].(int64)
			countryKeys[i], _ = m["key"].(string)
		})
		if err != nil {
			return err
		}
		cities := make([]map[string]any, len(places))
		for i, p := range places {
			cities[i] = map[string]any{
				"i": int64(i), "name": p.City, "sortKey": collation.Key(p.City, ""), "country": countryKeys[countryOf[i]],
				"newKey": "city-api-" + aspnet.Slug(p.Country) + "-" + aspnet.Slug(p.City),
				"source": p.Cite.Source, "quote": p.Cite.Quote,
			}
		}
		keys = make([]string, len(places))
		return eachRecord(ctx, tx, query("import_cities"), map[string]any{"rows": cities, "meta": editMeta(e)}, func(m map[string]any) {
			i, _ := m["i"].(int64)
			keys[i], _ = m["key"].(string)
		})
	})
	return keys, err
}

// schoolRefs finds or makes, in tx, the school of each name and city by identity, as the API's
// createSchool does, and returns their keys in order and which it made.
func schoolRefs(ctx context.Context, tx neo4j.ManagedTransaction, names, cities []string, cites []aspnet.ImportCite, e aspnet.Edit) (keys []string, created []bool, err error) {
	rows := make([]map[string]any, len(names))
	for i := range names {
		rows[i] = map[string]any{
			"i": int64(i), "identity": aspnet.SchoolIdentity(names[i], cities[i]), "name": names[i], "sortKey": collation.Key(names[i], ""),
			"city": nullable(cities[i]), "newKey": "sch-" + uuid.NewString(),
			"source": cites[i].Source, "quote": cites[i].Quote,
		}
	}
	keys, created = make([]string, len(names)), make([]bool, len(names))
	err = eachRecord(ctx, tx, query("import_school_refs"), map[string]any{"rows": rows, "meta": editMeta(e)}, func(m map[string]any) {
		i, _ := m["i"].(int64)
		keys[i], _ = m["key"].(string)
		created[i], _ = m["created"].(bool)
	})
	return keys, created, err
}

// ImportSchools writes school rows in one transaction: each school is found by identity or
// made, then given the row's citation, unless it has it, and the key areas.
func (s *Store) ImportSchools(ctx context.Context, rows []aspnet.ImportSchoolRow, e aspnet.Edit) (o aspnet.Outcomes, err error) {
	defer wrap(&err, "Store.ImportSchools")
	names, cities, cites := make([]string, len(rows)), make([]string, len(rows)), make([]aspnet.ImportCite, len(rows))
	for i, r := range rows {
		names[i], cities[i], cites[i] = r.Name, r.CityKey, r.Cite
	}
	err = s.importWrite(ctx, func(tx neo4j.ManagedTransaction) error {
		o = aspnet.Outcomes{}
		keys, created, err := schoolRefs(ctx, tx, names, cities, cites, e)
		if err != nil {
			return err
		}
		params := make([]map[string]any, len(rows))
		for i, r := range rows {
			params[i] = map[string]any{"key": keys[i], "keyAreas": nonNil(r.KeyAreaKeys), "source": r.Cite.Source, "quote": r.Cite.Quote}
		}
		changed := make(map[string]bool, len(rows))
		err = eachRecord(ctx, tx, query("import_schools"), map[string]any{"rows": params, "meta": editMeta(e)}, func(m map[string]any) {
			k, _ := m["key"].(string)
			c, _ := m["changed"].(bool)
			changed[k] = changed[k] || c
		})
		for i := range rows {
			switch {
			case created[i]:
				o.Created++
			case changed[keys[i]]:
				o.Updated++
			default:
				o.Unchanged++
			}
		}
		return err
	})
	return o, err
}

// ImportMemberships writes membership rows in one transaction. A row names an existing school
// by key, or a school by name and city, found by identity as the API's createSchool finds it
// or else made with the row's citation; each network must exist. made counts the schools it
// made.
func (s *Store) ImportMemberships(ctx context.Context, rows []aspnet.ImportMembership, e aspnet.Edit) (o aspnet.Outcomes, made int, err error) {
	defer wrap(&err, "Store.ImportMemberships")
	var byKey, byName []map[string]any
	for _, r := range rows {
		props := map[string]any{}
		setStrProp(props, "status", string(r.Status))
		if r.Founding != nil {
			props["founding"] = *r.Founding
		}
		setStrProp(props, "nationalTerm", r.NationalTerm)
		setDateProp(props, "since", r.Since)
		setDateProp(props, "until", r.Until)
		row := map[string]any{
			"network": r.NetworkKey, "props": props,
			"defaults": map[string]any{"status": string(aspnet.StatusMember), "founding": false},
			"source":   r.Cite.Source, "quote": r.Cite.Quote,
		}
		if r.SchoolKey != "" {
			row["school"], row["key"] = r.SchoolKey, r.SchoolKey+"|"+aspnet.TypeMemberOf+"|"+r.NetworkKey
			byKey = append(byKey, row)
		} else {
			row["identity"] = aspnet.SchoolIdentity(r.Name, r.CityKey)
			row["name"], row["city"], row["newKey"] = r.Name, nullable(r.CityKey), "sch-"+uuid.NewString()
			row["sortKey"] = collation.Key(r.Name, "")
			byName = append(byName, row)
		}
	}
	err = s.importWrite(ctx, func(tx neo4j.ManagedTransaction) error {
		o, made = aspnet.Outcomes{}, 0
		for _, part := range []struct {
			stmt string
			rows []map[string]any
		}{{"import_memberships", byKey}, {"import_memberships_by_name", byName}} {
			if len(part.rows) == 0 {
				continue
			}
			err := eachRecord(ctx, tx, query(part.stmt), map[string]any{"rows": part.rows, "meta": editMeta(e)}, func(m map[string]any) {
				outcome, _ := m["outcome"].(string)
				n, _ := m["n"].(int64)
				countOutcome(&o, outcome, int(n))
				if k, ok := m["made"].(int64); ok {
					made += int(k)
				}
			})
			if err != nil {
				return err
			}
		}
		return nil
	})
	return o, made, err
}

// ImportEvents writes event rows in one transaction; everything they refer to must exist.
func (s *Store) ImportEvents(ctx context.Context, rows []aspnet.ImportEvent, e aspnet.Edit) (o aspnet.Outcomes, err error) {
	defer wrap(&err, "Store.ImportEvents")
	params := make([]map[string]any, len(rows))
	for i, r := range rows {
		props := map[string]any{}
		setDateProp(props, "date", &r.Date)
		setDateProp(props, "endDate", r.EndDate)
		setStrProp(props, "kind", r.Kind)
		setStrProp(props, "description", r.Description)
		setStrProp(props, "purpose", r.Purpose)
		params[i] = map[string]any{
			"newKey": eventImportKey(r.Name, r.Date), "identity": aspnet.EventIdentity(r.Name, r.Date), "name": r.Name, "sortKey": collation.Key(r.Name, ""), "props": props,
			"city": nullable(r.CityKey), "venue": nullable(r.VenueKey),
			"organizers": nonNil(r.OrganizerKeys), "keyAreas": nonNil(r.KeyAreaKeys),
			"schools": nonNil(r.SchoolKeys), "networks": nonNil(r.NetworkKeys), "countries": nonNil(r.Countries),
			"source": r.Cite.Source, "quote": r.Cite.Quote,
		}
	}
	return s.importOutcomes(ctx, query("import_events"), map[string]any{"rows": params, "meta": editMeta(e)})
}

// eventImportKey is the key an import gives an event it makes: derived from its identity, so
// that importing a file again finds it.
func eventImportKey(name string, date aspnet.Date) string {
	sum := sha256.Sum256([]byte(aspnet.EventIdentity(name, date)))
	return "ev-" + hex.EncodeToString(sum[:])[:16]
}

// ImportGraphNodes writes nodes of one label, in the export's format, in one transaction:
// each is merged by key and given exactly its properties.
func (s *Store) ImportGraphNodes(ctx context.Context, label string, nodes []aspnet.GraphNode) (o aspnet.Outcomes, err error) {
	defer wrap(&err, "Store.ImportGraphNodes(%s)", label)
	if !aspnet.IsGraphLabel(label) {
		return o, fmt.Errorf("%q is not a label of the graph", label)
	}
	rows := make([]map[string]any, len(nodes))
	for i, n := range nodes {
		props, err := driverProps(n.Props, n.Key)
		if err != nil {
			return o, fmt.Errorf("%s: %w", n.GraphRef, err)
		}
		if k, _ := props[aspnet.PropSortKey].(string); sorted(label) && !collation.IsKey(k) {
			withSortKey(props) // an export made before sort keys were, or by other rules
		}
		rows[i] = map[string]any{"key": n.Key, "props": props}
	}
	return s.importOutcomes(ctx, template(query("import_graph_nodes"), map[string]string{"label": label}), map[string]any{"rows": rows})
}

// ImportGraphRels writes relationships of one type between two labels, in the export's
// format, in one transaction: each is merged by key between its nodes, which must exist,
// and given exactly its properties.
func (s *Store) ImportGraphRels(ctx context.Context, from, typ, to string, rels []aspnet.GraphRel) (o aspnet.Outcomes, err error) {
	defer wrap(&err, "Store.ImportGraphRels(%s %s %s)", from, typ, to)
	if !aspnet.IsGraphLabel(from) || !aspnet.IsGraphLabel(to) || !aspnet.IsRelType(typ) {
		return o, fmt.Errorf("(:%s)-[:%s]->(:%s) is not a relationship the graph can hold", from, typ, to)
	}
	rows := make([]map[string]any, len(rels))
	for i, r := range rels {
		props, err := driverProps(r.Props, r.Key)
		if err != nil {
			return o, fmt.Errorf("%s %s: %w", typ, r.Key, err)
		}
		rows[i] = map[string]any{"key": r.Key, "from": r.From.Key, "to": r.To.Key, "props": props}
	}
	stmt := template(query("import_graph_rels"), map[string]string{"from": from, "type": typ, "to": to})
	return s.importOutcomes(ctx, stmt, map[string]any{"rows": rows})
}

func (s *Store) importOutcomes(ctx context.Context, stmt string, params map[string]any) (o aspnet.Outcomes, err error) {
	err = s.importWrite(ctx, func(tx neo4j.ManagedTransaction) error {
		o = aspnet.Outcomes{}
		return eachRecord(ctx, tx, stmt, params, func(m map[string]any) {
			outcome, _ := m["outcome"].(string)
			n, _ := m["n"].(int64)
			countOutcome(&o, outcome, int(n))
		})
	})
	return o, err
}

// eachRecord runs a statement in tx and hands each record, as a map, to f.
func eachRecord(ctx context.Context, tx neo4j.ManagedTransaction, stmt string, params map[string]any, f func(map[string]any)) error {
	aspnet.CountRoundTrip(ctx)
	res, err := tx.Run(ctx, stmt, params)
	if err != nil {
		return err
	}
	for res.Next(ctx) {
		f(res.Record().AsMap())
	}
	return res.Err()
}

func driverProps(props map[string]any, key string) (map[string]any, error) {
	out := make(map[string]any, len(props)+1)
	for k, v := range props {
		d, err := driverValue(v)
		if err != nil {
			return nil, fmt.Errorf("property %s: %w", k, err)
		}
		out[k] = d
	}
	out["key"] = key
	return out, nil
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}
