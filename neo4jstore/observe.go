package neo4jstore

import (
	"context"
	"errors"
	"io/fs"
	"regexp"
	"strings"
	"sync"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/aspgraph/aspgraph/aspnet"
)

// Observer is told of the store's work, for metrics and tracing. Statement names are the
// file names in cypher/ without .cypher ("schools", "write_school_create"), "migrate" for
// schema migrations, "other" for anything else: never the text of a statement and never a
// parameter value.
//
// The Neo4j Go driver does not expose its connection pool, so the store reports what it
// knows: every transaction while it is open, which is while it holds one pooled connection.
type Observer interface {
	// Statement is called as a statement starts. It returns the context the statement runs
	// under (for a span) and a function called once when the statement's result has been
	// read, with the error the store returns (nil on success; see Outcome).
	Statement(ctx context.Context, name string) (context.Context, func(error))
	// Transaction is called as a transaction starts, write or read; it returns a function
	// called when the transaction ends.
	Transaction(ctx context.Context, write bool) func()
}

// WithObserver returns a store that reports to o and shares s's driver: close only one.
func (s *Store) WithObserver(o Observer) *Store {
	c := *s
	c.obs = o
	return &c
}

// Observers combines several observers into one; nil ones are left out.
func Observers(list ...Observer) Observer {
	var all multiObserver
	for _, o := range list {
		if o != nil {
			all = append(all, o)
		}
	}
	return all
}

type multiObserver []Observer

func (m multiObserver) Statement(ctx context.Context, name string) (context.Context, func(error)) {
	dones := make([]func(error), len(m))
	for i, o := range m {
		ctx, dones[i] = o.Statement(ctx, name)
	}
	return ctx, func(err error) {
		for i := len(dones) - 1; i >= 0; i-- {
			dones[i](err)
		}
	}
}

func (m multiObserver) Transaction(ctx context.Context, write bool) func() {
	ends := make([]func(), len(m))
	for i, o := range m {
		ends[i] = o.Transaction(ctx, write)
	}
	return func() {
		for i := len(ends) - 1; i >= 0; i-- {
			ends[i]()
		}
	}
}

// Outcome classifies the error a statement ended with: "ok", "unavailable" (Neo4j could not
// be reached, including no connection to be had from the pool in time), "timeout" (the
// request's time ran out), or "error" (anything else, such as a constraint that refused a
// write).
func Outcome(err error) string {
	if err == nil {
		return "ok"
	}
	var e *aspnet.Error
	if errors.As(err, &e) {
		switch e.Code {
		case aspnet.CodeUnavailable:
			return "unavailable"
		case aspnet.CodeTimeout:
			return "timeout"
		}
	}
	return "error"
}

// statement starts observing one statement; the function it returns must be called once,
// with the driver's error.
func (s *Store) statement(ctx context.Context, stmt string) (context.Context, func(error)) {
	if s.obs == nil {
		return ctx, func(error) {}
	}
	ctx, done := s.obs.Statement(ctx, StatementName(stmt))
	return ctx, func(err error) { done(mapError(ctx, err)) }
}

// transaction reports a transaction from its start to the call of the function it returns.
func (s *Store) transaction(ctx context.Context, write bool) func() {
	if s.obs == nil {
		return func() {}
	}
	return s.obs.Transaction(ctx, write)
}

// observed wraps a managed transaction so that each statement run in it is observed until its
// result is read.
func (s *Store) observed(tx neo4j.ManagedTransaction) neo4j.ManagedTransaction {
	if s.obs == nil {
		return tx
	}
	return observedTx{ManagedTransaction: tx, s: s}
}

type observedTx struct {
	neo4j.ManagedTransaction
	s *Store
}

func (t observedTx) Run(ctx context.Context, cypher string, params map[string]any) (neo4j.ResultWithContext, error) {
	sctx, done := t.s.statement(ctx, cypher)
	res, err := t.ManagedTransaction.Run(sctx, cypher, params)
	if err != nil {
		done(err)
		return nil, err
	}
	var once sync.Once
	return &observedResult{ResultWithContext: res, done: func(err error) { once.Do(func() { done(err) }) }}, nil
}

// observedResult ends the observation of its statement when the result has been read:
// consumed, collected, its single record taken, or iterated to the end.
type observedResult struct {
	neo4j.ResultWithContext
	done func(error)
}

func (r *observedResult) Consume(ctx context.Context) (neo4j.ResultSummary, error) {
	sum, err := r.ResultWithContext.Consume(ctx)
	r.done(err)
	return sum, err
}

func (r *observedResult) Collect(ctx context.Context) ([]*neo4j.Record, error) {
	recs, err := r.ResultWithContext.Collect(ctx)
	r.done(err)
	return recs, err
}

func (r *observedResult) Single(ctx context.Context) (*neo4j.Record, error) {
	rec, err := r.ResultWithContext.Single(ctx)
	var usage *neo4j.UsageError
	if errors.As(err, &usage) {
		// No record or more than one: the statement itself succeeded.
		r.done(nil)
	} else {
		r.done(err)
	}
	return rec, err
}

func (r *observedResult) Next(ctx context.Context) bool {
	more := r.ResultWithContext.Next(ctx)
	if !more {
		r.done(r.Err())
	}
	return more
}

func (r *observedResult) NextRecord(ctx context.Context, rec **neo4j.Record) bool {
	more := r.ResultWithContext.NextRecord(ctx, rec)
	if !more {
		r.done(r.Err())
	}
	return more
}

// StatementName names a statement the store runs, as Observer reports it.
func StatementName(stmt string) string {
	if name, ok := statementNames.Load(stmt); ok {
		return name.(string)
	}
	name := "other"
	idx := statementIndex()
	if n, ok := idx.exact[stmt]; ok {
		name = n
	} else if idx.migrations[stmt] {
		name = "migrate"
	} else {
		for _, t := range idx.templates {
			if t.re.MatchString(stmt) {
				name = t.name
				break
			}
		}
	}
	// Bounded: the statements are the embedded files and their label-filled templates.
	statementNames.Store(stmt, name)
	return name
}

var statementNames sync.Map

type stmtTemplate struct {
	name string
	re   *regexp.Regexp
}

type stmtIndex struct {
	exact      map[string]string
	migrations map[string]bool
	templates  []stmtTemplate
}

var slot = regexp.MustCompile(`\{\{[a-z]+\}\}`)

var statementIndex = sync.OnceValue(func() stmtIndex {
	idx := stmtIndex{exact: map[string]string{}, migrations: map[string]bool{"CALL db.awaitIndexes(300)": true}}
	for _, name := range Queries() {
		stmt := query(name)
		if !slot.MatchString(stmt) && !optionalLine.MatchString(stmt) {
			idx.exact[stmt] = name
			continue
		}
		// Slots hold labels; optional lines may be left out (see composed).
		lines := strings.Split(stmt, "\n")
		var re strings.Builder
		re.WriteString(`^`)
		for i, line := range lines {
			parts := slot.Split(line, -1)
			for j, p := range parts {
				parts[j] = regexp.QuoteMeta(p)
			}
			pattern := strings.Join(parts, `[A-Z][A-Za-z_]*`)
			if i < len(lines)-1 {
				pattern += `\n`
			}
			if optionalLine.MatchString(line) {
				pattern = `(?:` + pattern + `)?`
			}
			re.WriteString(pattern)
		}
		re.WriteString(`$`)
		idx.templates = append(idx.templates, stmtTemplate{name: name, re: regexp.MustCompile(re.String())})
	}
	entries, _ := fs.ReadDir(migrationFiles, "migrations")
	for _, e := range entries {
		b, _ := migrationFiles.ReadFile("migrations/" + e.Name())
		for _, stmt := range splitStatements(string(b)) {
			idx.migrations[stmt] = true
		}
	}
	return idx
})
