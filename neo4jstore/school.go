package neo4jstore

import (
	"context"
	"errors"
	"fmt"

	"github.com/google/uuid"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/aspgraph/aspgraph/aspnet"
	"github.com/aspgraph/aspgraph/collation"
)

// Schools returns a page of the schools that match f, by name, with their total count. One
// round trip. A cursor from another list is BAD_USER_INPUT.
func (s *Store) Schools(ctx context.Context, f aspnet.SchoolCriteria, p aspnet.Page) (*aspnet.Conn[*aspnet.School], error) {
	c, _, err := s.SchoolPage(ctx, f, p, true, false)
	return c, err
}

// SchoolPage is Schools that counts every matching school only when withTotal is set: the
// page alone reads the name index from the cursor and stops at the page's end, while the
// count reads every match. Without withTotal, TotalCount is 0. With withCities it also
// returns, by school key, what Related(RelSchoolCity) would for the page's schools. One round
// trip.
func (s *Store) SchoolPage(ctx context.Context, f aspnet.SchoolCriteria, p aspnet.Page, withTotal, withCities bool) (c *aspnet.Conn[*aspnet.School], cities map[string][]aspnet.Node, err error) {
	defer wrap(&err, "Store.Schools")
	gt, lt, desc, err := bounds(p, 2, false)
	if err != nil {
		return nil, nil, err
	}
	net := f.NetworkKey != nil
	stmt := schoolsStmt.with(map[string]bool{
		"name": f.NameContains != nil, "city": f.CityKey != nil, "country": f.CountryKey != nil,
		"keyArea": f.KeyAreaKey != nil, "network": net && f.AsOf == nil,
		"asOf": f.AsOf != nil && !f.AsOfUncertain, "asOfNetwork": net && f.AsOf != nil && !f.AsOfUncertain,
		"founding": f.Founding != nil && *f.Founding, "notFounding": f.Founding != nil && !*f.Founding,
		"uncertain": f.AsOf != nil && f.AsOfUncertain, "uncertainNetwork": net && f.AsOf != nil && f.AsOfUncertain,
		"lt": lt != nil, "desc": desc,
	})
	recs, err := s.read(ctx, stmt, map[string]any{
		"networkKey": optParam(f.NetworkKey), "keyAreaKey": optParam(f.KeyAreaKey),
		"cityKey": optParam(f.CityKey), "countryKey": optParam(f.CountryKey),
		"founding": optParam(f.Founding), "nameContains": optParam(f.NameContains),
		"follow": f.FollowMappings, "keyAreaBases": aspnet.BasesParam(f.KeyAreaBases), "asOf": lastDay(f.AsOf),
		"after": gt, "before": lt, "limit": p.First, "withTotal": withTotal, "withCities": withCities,
	})
	if err != nil {
		return nil, nil, err
	}
	total, items, err := totalAndNodes[*aspnet.School](recs[0], "page")
	if err != nil {
		return nil, nil, err
	}
	if withCities {
		v, _ := recs[0].Get("cities")
		lists, _ := v.([]any)
		cities = make(map[string][]aspnet.Node, len(items))
		for i, l := range lists {
			if i >= len(items) {
				break
			}
			var nodes []aspnet.Node
			for _, c := range l.([]any) {
				n, err := decodeNode(c.(neo4j.Node))
				if err != nil {
					return nil, nil, err
				}
				nodes = append(nodes, n)
			}
			cities[items[i].Key] = nodes
		}
	}
	return pageOf(items, total, p, schoolSortKey), cities, nil
}

// SchoolAround returns the school with the given key (nil when there is none) with what its
// common fields reach, in one round trip instead of one per level: related holds, by relation
// and then by the key it is followed from, the school's city (RelSchoolCity), the city's country
// (RelCityCountry) and the school's key areas (RelSchoolKeyAreas), each list in its field's
// order; memberships are the school's, earliest first, and networks the networks they name.
func (s *Store) SchoolAround(ctx context.Context, key string) (school *aspnet.School, related map[aspnet.Relation]map[string][]aspnet.Node, memberships []*aspnet.Membership, networks []*aspnet.Network, err error) {
	defer wrap(&err, "Store.SchoolAround(%q)", key)
	recs, err := s.read(ctx, query("school_around"), map[string]any{"key": key})
	if err != nil || len(recs) == 0 {
		return nil, nil, nil, nil, err
	}
	rec := recs[0]
	n, err := nodeOf(rec, "school")
	if err != nil {
		return nil, nil, nil, nil, err
	}
	school, ok := n.(*aspnet.School)
	if !ok {
		return nil, nil, nil, nil, errWrongKind
	}
	related = map[aspnet.Relation]map[string][]aspnet.Node{
		aspnet.RelSchoolCity: {key: nil}, aspnet.RelSchoolKeyAreas: {key: nil},
	}
	if v, _ := rec.Get("city"); v != nil {
		city, err := decodeNode(v.(neo4j.Node))
		if err != nil {
			return nil, nil, nil, nil, err
		}
		related[aspnet.RelSchoolCity][key] = []aspnet.Node{city}
		var countries []aspnet.Node
		if v, _ := rec.Get("country"); v != nil {
			country, err := decodeNode(v.(neo4j.Node))
			if err != nil {
				return nil, nil, nil, nil, err
			}
			countries = append(countries, country)
		}
		related[aspnet.RelCityCountry] = map[string][]aspnet.Node{city.(*aspnet.City).Key: countries}
	}
	kas, _ := rec.Get("keyAreas")
	for _, v := range kas.([]any) {
		ka, err := decodeNode(v.(neo4j.Node))
		if err != nil {
			return nil, nil, nil, nil, err
		}
		related[aspnet.RelSchoolKeyAreas][key] = append(related[aspnet.RelSchoolKeyAreas][key], ka)
	}
	mems, _ := rec.Get("memberships")
	for _, v := range mems.([]any) {
		row := v.(map[string]any)
		n, err := decodeNode(row["network"].(neo4j.Node))
		if err != nil {
			return nil, nil, nil, nil, err
		}
		net, ok := n.(*aspnet.Network)
		if !ok {
			return nil, nil, nil, nil, errWrongKind
		}
		m, err := decodeMembership(row["m"].(neo4j.Relationship), key, net.Key)
		if err != nil {
			return nil, nil, nil, nil, err
		}
		memberships = append(memberships, m)
		networks = append(networks, net)
	}
	return school, related, memberships, networks, nil
}

// CreateSchool creates a school with its city (and the city's country, found by name or
// made), its membership of a network and its key areas, in one transaction of two round
// trips, each with the provenance p. A school with the same name (case and surrounding spaces
// aside) in the same city is the same school, whether the API made it or it was loaded: then
// nothing is written (not even the Source of a URL it cites) and that school is returned with
// created false, so concurrent creates of one school make one. Errors: BAD_USER_INPUT (naming
// network, keyAreas or source) when a reference does not exist.
func (s *Store) CreateSchool(ctx context.Context, in aspnet.NewSchool, p aspnet.Provenance) (school *aspnet.School, created bool, err error) {
	defer wrap(&err, "Store.CreateSchool(%q)", in.Name)
	keyAreas := in.KeyAreaKeys
	if keyAreas == nil {
		keyAreas = []string{}
	}
	at := p.EditedAt.UTC()
	cite := citationOf(p, "")
	countrySlug := aspnet.Slug(in.CountryName)
	prepare := map[string]any{
		"network": nullable(in.NetworkKey), "keyAreas": keyAreas, "source": nullable(p.SourceKey),
		"url": nullable(p.SourceURL), "urlKey": aspnet.URLSourceKey(p.SourceURL), "by": p.EditedBy, "at": at,
		"cityName": nullable(in.CityName), "countryName": in.CountryName,
		"citySortKey": sortKeyOf(in.CityName), "countrySortKey": collation.Key(in.CountryName, ""),
		"urlSortKey": sortKeyOf(p.SourceURL),
		"countryKey": "country-api-" + countrySlug, "cityKey": "city-api-" + countrySlug + "-" + aspnet.Slug(in.CityName),
		"cite": cite,
	}
	membership := map[string]any{"status": string(in.Status), "founding": false}
	if in.Since != nil {
		membership["since"] = in.Since.String()
		membership["sinceFrom"] = neo4j.DateOf(in.Since.Start())
		membership["sinceTo"] = neo4j.DateOf(in.Since.End())
	}
	err = s.writeCausal(ctx, func(tx neo4j.ManagedTransaction) error {
		school, created = nil, false
		rec, err := single(ctx, tx, query("write_school_prepare"), prepare)
		if err != nil {
			return err
		}
		if err := refsOK(rec, in.NetworkKey, p.SourceKey); err != nil {
			return err
		}
		v, _ := rec.Get("sourceKey")
		sourceKey, _ := v.(string)
		v, _ = rec.Get("city")
		city, _ := v.(string)
		cite := citationOf(p, sourceKey)
		rec, err = single(ctx, tx, query("write_school_create"), map[string]any{
			"newKey": "sch-" + uuid.NewString(), "identity": aspnet.SchoolIdentity(in.Name, city),
			"name": in.Name, "sortKey": collation.Key(in.Name, ""), "city": nullable(city), "cite": cite,
			"network": nullable(in.NetworkKey), "membership": membership, "keyAreas": keyAreas,
		})
		if err != nil {
			return err
		}
		if school, err = schoolOf(rec); err != nil {
			return err
		}
		if c, _ := rec.Get("created"); c != true {
			return errSchoolExists // roll back the Source, country or city made for it
		}
		created = true
		return nil
	})
	if errors.Is(err, errSchoolExists) {
		return school, false, nil
	}
	return school, created, err
}

// errSchoolExists rolls back a create that found its school already there.
var errSchoolExists = errors.New("the school exists")

// UpdateSchool changes a school's name or city in one transaction, appending a citation with
// the provenance p for each property it changes. Errors: NOT_FOUND when no school has the
// key; BAD_USER_INPUT (naming source) for an unknown Source; CONFLICT when another
// school has the new name in the new city.
func (s *Store) UpdateSchool(ctx context.Context, key string, ch aspnet.SchoolChange, p aspnet.Provenance) (school *aspnet.School, err error) {
	defer wrap(&err, "Store.UpdateSchool(%q)", key)
	var changed []string
	if ch.Name != "" {
		changed = append(changed, "name")
	}
	if ch.CityName != "" {
		changed = append(changed, "city")
	}
	err = s.writeCausal(ctx, func(tx neo4j.ManagedTransaction) error {
		school = nil
		if err := checkRefs(ctx, tx, key, "", nil, p.SourceKey); err != nil {
			return err
		}
		cite, err := citation(ctx, tx, p)
		if err != nil {
			return err
		}
		city, err := place(ctx, tx, ch.CityName, ch.CountryName, cite)
		if err != nil {
			return err
		}
		rec, err := single(ctx, tx, query("write_school_update"), map[string]any{
			"key": key, "name": nullable(ch.Name), "sortKey": sortKeyOf(ch.Name), "city": nullable(city), "props": changed, "cite": cite,
		})
		if err != nil {
			return err
		}
		if school, err = schoolOf(rec); err != nil {
			return err
		}
		v, _ := rec.Get("city")
		cityKey, _ := v.(string)
		return keepIdentity(ctx, tx, aspnet.KindSchool, rec, "s", aspnet.SchoolIdentity(school.Name, cityKey))
	})
	if isConstraintViolation(err) {
		return nil, fmt.Errorf("%w: %w", aspnet.FieldErrorf(aspnet.CodeConflict, aspnet.FieldIdentity, "another school has this name in this city"), err)
	}
	return school, err
}

// DeleteSchool deletes a school and its relationships in one transaction, leaving a Removal
// record with its name and the provenance p; the sources it cites stay. Errors: NOT_FOUND when
// no school has the key; BAD_USER_INPUT (naming source) for an unknown Source.
func (s *Store) DeleteSchool(ctx context.Context, key string, p aspnet.Provenance) error {
	return s.deleteNode(ctx, aspnet.KindSchool, key, p)
}

// schoolSortKey is what a list of schools is ordered by (see pages.go): the name's collation
// key, then the key.
func schoolSortKey(s *aspnet.School) []any { return []any{s.SortKey, s.Key} }

var schoolsStmt = compose("schools")

func notFound(key string) error {
	return aspnet.Errorf(aspnet.CodeNotFound, "no school has the ID %s", aspnet.EncodeID(aspnet.KindSchool, key))
}

// checkRefs fails with the error of the first reference that does not exist: a school
// (NOT_FOUND), a network, key areas or a source (BAD_USER_INPUT naming the input field).
func checkRefs(ctx context.Context, tx neo4j.ManagedTransaction, school, network string, keyAreas []string, source string) error {
	if keyAreas == nil {
		keyAreas = []string{}
	}
	rec, err := single(ctx, tx, query("write_check_refs"), map[string]any{
		"school": nullable(school), "network": nullable(network), "keyAreas": keyAreas, "source": nullable(source),
	})
	if err != nil {
		return err
	}
	if ok, _ := rec.Get("school"); ok != true {
		return notFound(school)
	}
	return refsOK(rec, network, source)
}

// refsOK reads the network, missingKeyAreas and source columns of a check of references and
// fails with the error of the first that does not exist (BAD_USER_INPUT naming the field).
func refsOK(rec *neo4j.Record, network, source string) error {
	if ok, _ := rec.Get("network"); ok != true {
		return aspnet.BadInput(aspnet.FieldNetwork, "no network has the ID %s", aspnet.EncodeID(aspnet.KindNetwork, network))
	}
	if missing, _ := rec.Get("missingKeyAreas"); len(stringList(missing)) > 0 {
		return aspnet.BadInput(aspnet.FieldKeyAreas, "no key area has the ID %s", aspnet.EncodeID(aspnet.KindKeyArea, stringList(missing)[0]))
	}
	if ok, _ := rec.Get("source"); ok != true {
		return aspnet.BadInput(aspnet.FieldSource, "no source has the ID %s", aspnet.EncodeID(aspnet.KindSource, source))
	}
	return nil
}

// place finds or makes the country and the city a write names and returns the city's key;
// "" when it names none.
func place(ctx context.Context, tx neo4j.ManagedTransaction, city, country string, cite map[string]any) (string, error) {
	if city == "" {
		return "", nil
	}
	countrySlug := aspnet.Slug(country)
	rec, err := single(ctx, tx, query("write_country"), map[string]any{
		"name": country, "sortKey": collation.Key(country, ""), "key": "country-api-" + countrySlug, "cite": cite,
	})
	if err != nil {
		return "", err
	}
	countryKey, _ := rec.Get("key")
	rec, err = single(ctx, tx, query("write_city"), map[string]any{
		"name": city, "sortKey": collation.Key(city, ""), "key": "city-api-" + countrySlug + "-" + aspnet.Slug(city), "country": countryKey, "cite": cite,
	})
	if err != nil {
		return "", err
	}
	key, _ := rec.Get("key")
	k, _ := key.(string)
	return k, nil
}

func schoolOf(rec *neo4j.Record) (*aspnet.School, error) {
	v, _ := rec.Get("s")
	n, ok := v.(neo4j.Node)
	if !ok {
		return nil, errors.New("no school in the result")
	}
	d, err := decodeNode(n)
	if err != nil {
		return nil, err
	}
	sc, ok := d.(*aspnet.School)
	if !ok {
		return nil, errWrongKind
	}
	return sc, nil
}
