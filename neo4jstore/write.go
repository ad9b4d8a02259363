package neo4jstore

import (
	"context"
	"errors"
	"fmt"

	"github.com/google/uuid"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/aspgraph/aspgraph/aspnet"
)

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

// single runs a statement in tx and returns its one record; no record is NOT_FOUND-worthy
// for the callers that expect one, so it is an error here.
func single(ctx context.Context, tx neo4j.ManagedTransaction, stmt string, params map[string]any) (*neo4j.Record, error) {
	aspnet.CountRoundTrip(ctx)
	res, err := tx.Run(ctx, stmt, params)
	if err != nil {
		return nil, err
	}
	return res.Single(ctx)
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

// checkedKinds are the kinds write_check_keys looks up, one parameter each.
var checkedKinds = []aspnet.Kind{
	aspnet.KindSchool, aspnet.KindNetwork, aspnet.KindCity, aspnet.KindCountry, aspnet.KindOrganization,
	aspnet.KindOccasion, aspnet.KindKeyArea, aspnet.KindEvent, aspnet.KindSource,
}

// checkKeys fails with the error of the first entity that does not exist: the subject a write
// changes (NOT_FOUND), when given, then the references in order (BAD_USER_INPUT naming each
// one's field). One round trip.
func checkKeys(ctx context.Context, tx neo4j.ManagedTransaction, subject *aspnet.NodeRef, refs []aspnet.Ref) error {
	params := map[string]any{}
	for _, k := range checkedKinds {
		params[string(k)] = []string{}
	}
	all := refs
	if subject != nil {
		all = append([]aspnet.Ref{{NodeRef: *subject}}, refs...)
	}
	for _, r := range all {
		params[string(r.Kind)] = append(params[string(r.Kind)].([]string), r.Key)
	}
	rec, err := single(ctx, tx, query("write_check_keys"), params)
	if err != nil {
		return err
	}
	missing := map[aspnet.NodeRef]bool{}
	for _, k := range checkedKinds {
		v, _ := rec.Get(string(k))
		for _, key := range stringList(v) {
			missing[aspnet.NodeRef{Kind: k, Key: key}] = true
		}
	}
	if subject != nil && missing[*subject] {
		return notFoundOf(*subject)
	}
	for _, r := range refs {
		if missing[r.NodeRef] {
			return aspnet.BadInput(r.Field, "no %s has the ID %s", r.Kind, r.ID())
		}
	}
	return nil
}

func notFoundOf(r aspnet.NodeRef) error {
	return aspnet.Errorf(aspnet.CodeNotFound, "no %s has the ID %s", r.Kind, r.ID())
}

// setDateProp sets a date as loads store it: as given, and its first and last day; a nil or
// zero date sets nothing.
func setDateProp(m map[string]any, name string, d *aspnet.Date) {
	if d == nil || d.IsZero() {
		return
	}
	m[name] = d.String()
	m[name+"From"] = neo4j.DateOf(d.Start())
	m[name+"To"] = neo4j.DateOf(d.End())
}

func setStrProp(m map[string]any, name, v string) {
	if v != "" {
		m[name] = v
	}
}

// createNode creates a node of kind k with a new key (prefix + a random UUID), its
// properties and the citation, unless a node of kind k has its identity (see
// write_node_create.cypher): then that node is returned with created false, unchanged.
func createNode(ctx context.Context, tx neo4j.ManagedTransaction, k aspnet.Kind, prefix, identity string, props, cite map[string]any) (n aspnet.Node, created bool, err error) {
	rec, err := single(ctx, tx, template(query("write_node_create"), map[string]string{"label": string(k)}), map[string]any{
		"newKey": prefix + uuid.NewString(), "identity": identity, "fields": withSortKey(props), "cite": cite,
	})
	if err != nil {
		return nil, false, err
	}
	c, _ := rec.Get("created")
	n, err = nodeOf(rec, "n")
	return n, c == true, err
}

// identityConflict makes the failure of an update on an identity constraint a CONFLICT: another
// node of kind k has the identity the update would give.
func identityConflict(k aspnet.Kind, err error) error {
	if !isConstraintViolation(err) {
		return err
	}
	what := map[aspnet.Kind]string{aspnet.KindEvent: "event", aspnet.KindOrganization: "organisation", aspnet.KindKeyArea: "key area"}[k]
	has := "name"
	if identityDated[k] {
		has = "name and date"
	}
	return fmt.Errorf("%w: %w", aspnet.FieldErrorf(aspnet.CodeConflict, aspnet.FieldIdentity, "another %s has this %s", what, has), err)
}

// errExists rolls back a create that found its entity already there: the Source, links and
// places made for it go too.
var errExists = errors.New("the entity exists")

// updateNode sets properties of the node of kind k with key, citing the write once for each
// name in changed; its identity follows (see identityConflict). Errors: NOT_FOUND when there
// is no such node.
func updateNode(ctx context.Context, tx neo4j.ManagedTransaction, k aspnet.Kind, key string, set map[string]any, changed []string, cite map[string]any) (aspnet.Node, error) {
	res, err := runRecords(ctx, tx, template(query("write_node_update"), map[string]string{"label": string(k)}), map[string]any{
		"key": key, "set": withSortKey(set), "props": changed, "cite": cite,
	})
	if err != nil {
		return nil, err
	}
	if len(res) == 0 {
		return nil, notFoundOf(aspnet.NodeRef{Kind: k, Key: key})
	}
	n, err := nodeOf(res[0], "n")
	if err != nil {
		return nil, err
	}
	return n, keepIdentity(ctx, tx, k, res[0], "n", identityOf(n))
}

// link links the node from to the node to with a relationship of type typ citing the write;
// see write_link.cypher.
func link(ctx context.Context, tx neo4j.ManagedTransaction, from aspnet.NodeRef, typ string, to aspnet.NodeRef, replace, ordered bool, props, cite map[string]any) (aspnet.Node, error) {
	if props == nil {
		props = map[string]any{}
	}
	stmt := template(query("write_link"), map[string]string{"from": string(from.Kind), "type": typ, "to": string(to.Kind)})
	rec, err := single(ctx, tx, stmt, map[string]any{
		"from": from.Key, "to": to.Key, "replace": replace, "ordered": ordered, "relProps": props, "cite": cite,
	})
	if err != nil {
		return nil, err
	}
	return nodeOf(rec, "n")
}

func runRecords(ctx context.Context, tx neo4j.ManagedTransaction, stmt string, params map[string]any) ([]*neo4j.Record, error) {
	aspnet.CountRoundTrip(ctx)
	res, err := tx.Run(ctx, stmt, params)
	if err != nil {
		return nil, err
	}
	return res.Collect(ctx)
}

func asKind[T aspnet.Node](n aspnet.Node, err error) (T, error) {
	var zero T
	if err != nil {
		return zero, err
	}
	t, ok := n.(T)
	if !ok {
		return zero, errWrongKind
	}
	return t, nil
}
