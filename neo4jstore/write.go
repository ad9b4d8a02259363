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

func notFound(key string) error {
	return aspnet.Errorf(aspnet.CodeNotFound, "no school has the ID %s", aspnet.EncodeID(aspnet.KindSchool, key))
}

// writeCausal is write in a session that shares the driver's ExecuteQuery bookmark manager,
// so that the reads which resolve a mutation's result see what it wrote, on a cluster too.
// It runs through the availability gate, as write does.
func (s *Store) writeCausal(ctx context.Context, work func(tx neo4j.ManagedTransaction) error) error {
	return mapError(ctx, s.avail.guard(ctx, "", func(ctx context.Context) error {
		sess := s.driver.NewSession(ctx, neo4j.SessionConfig{
			DatabaseName: s.db, AccessMode: neo4j.AccessModeWrite,
			BookmarkManager: s.driver.ExecuteQueryBookmarkManager(),
		})
		defer func() { _ = sess.Close(ctx) }()
		defer s.transaction(ctx, true)()
		_, err := sess.ExecuteWrite(ctx, func(tx neo4j.ManagedTransaction) (any, error) {
			return nil, work(s.observed(&gatedTx{ManagedTransaction: tx, w: s.avail.warm}))
		}, s.txConfig)
		return err
	}))
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

// citation resolves the provenance's source (finding or making the Source of a URL) and
// returns the properties that record one citation and the edit on a node or relationship.
func citation(ctx context.Context, tx neo4j.ManagedTransaction, p aspnet.Provenance) (map[string]any, error) {
	at := p.EditedAt.UTC()
	if p.SourceURL != "" {
		rec, err := single(ctx, tx, query("write_source_url"), map[string]any{
			"url": p.SourceURL, "sortKey": collation.Key(p.SourceURL, ""), "key": aspnet.URLSourceKey(p.SourceURL), "by": p.EditedBy, "at": at,
		})
		if err != nil {
			return nil, err
		}
		key, _ := rec.Get("key")
		p.SourceKey, _ = key.(string)
	}
	return citationOf(p, p.SourceKey), nil
}

// checkedCitation checks the keys a write refers to (checkKeys), and then makes the citation
// of p (citation): the first two steps of most writes.
func checkedCitation(ctx context.Context, tx neo4j.ManagedTransaction, p aspnet.Provenance, subject *aspnet.NodeRef, refs []aspnet.Ref) (map[string]any, error) {
	if err := checkKeys(ctx, tx, subject, refs); err != nil {
		return nil, err
	}
	return citation(ctx, tx, p)
}

// citationOf is the properties that record one citation of the Source with sourceKey, with
// p's quote, and the edit, on a node or relationship.
func citationOf(p aspnet.Provenance, sourceKey string) map[string]any {
	return map[string]any{
		aspnet.PropOrigin:         aspnet.OriginAPI,
		aspnet.PropCiteSources:    []string{sourceKey},
		aspnet.PropCiteQuotes:     []string{p.Quote},
		aspnet.PropCiteProperties: []string{""},
		"editedBy":                p.EditedBy,
		"editedAt":                p.EditedAt.UTC(),
	}
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

// single runs a statement in tx and returns its one record; no record is NOT_FOUND-worthy
// for the callers that expect one, so it is an error here.
func single(ctx context.Context, tx neo4j.ManagedTransaction, stmt string, params map[string]any) (*neo4j.Record, error) {
	countRoundTrip(ctx)
	res, err := tx.Run(ctx, stmt, params)
	if err != nil {
		return nil, err
	}
	return res.Single(ctx)
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

func nullable(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// isConstraintViolation reports whether err is a uniqueness constraint failing.
func isConstraintViolation(err error) bool {
	var n4j *neo4j.Neo4jError
	return errors.As(err, &n4j) && n4j.Code == "Neo.ClientError.Schema.ConstraintValidationFailed"
}
