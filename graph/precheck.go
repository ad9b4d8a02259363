package graph

import (
	"context"
	"fmt"
	"strings"

	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/errcode"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"
	"github.com/vektah/gqlparser/v2/parser"
)

// The pre-check measures a document before anything else looks at it: before gqlgen validates
// it (validation is super-linear in the worst case: OverlappingFieldsCanBeMerged compares every
// pair of same-named fields, and fragments are expanded wherever they are spread), before the
// bearer token is verified, and before the request waits for an admission slot. It parses the
// text once (linear, under the parser's token limit) and walks it once: each fragment is
// measured a single time and its measure reused wherever it is spread, so a fragment "bomb"
// (each fragment spreading the previous one twice, 2^n fields once expanded) costs as much as
// its text, and a fragment that spreads itself is refused as soon as the walk meets it again.
//
// No library does this: gqlgen's own complexity extension and depth-limit packages for it walk
// the expanded operation after validation, which is exactly the work a hostile document makes
// exponential.

// The codes of the pre-check's refusals; CodeDepthLimit and CodeFieldsLimit are in limits.go.
const (
	// CodeComplexityLimit is the code gqlgen's complexity extension uses, kept for clients
	// that know it.
	CodeComplexityLimit    = "COMPLEXITY_LIMIT_EXCEEDED"
	CodeAliasLimit         = "ALIAS_LIMIT_EXCEEDED"
	CodeFragmentLimit      = "FRAGMENT_LIMIT_EXCEEDED"
	CodeDirectiveLimit     = "DIRECTIVE_LIMIT_EXCEEDED"
	CodeOperationLimit     = "OPERATION_LIMIT_EXCEEDED"
	CodeIntrospectionLimit = "INTROSPECTION_LIMIT_EXCEEDED"
	// CodeOperationNameRequired refuses a document of several operations sent without
	// operationName; CodeUnknownOperation one whose operationName names none of them.
	CodeOperationNameRequired = "OPERATION_NAME_REQUIRED"
	CodeUnknownOperation      = "UNKNOWN_OPERATION"
)

// maxIntrospectionLists is where graphql-js's MaxIntrospectionDepthRule refuses a nesting of
// introspection lists; Apollo Server and graphql-js servers refuse the same queries.
const maxIntrospectionLists = 3

// countCap is where counts stop growing: far above any limit, far below overflow, so that
// sums and the products of complexity functions never wrap.
const countCap = 1 << 40

// shape is what the pre-check measures of a selection set, once its fragments are expanded.
// Fields below __schema and __type (introspection) are counted apart, against their own bound.
type shape struct {
	depth, fields, aliases  int
	introDepth, introFields int
	// introLists is how deeply the lists of introspection that lead back to types nest
	// (fields, interfaces, possibleTypes, inputFields: each __Type has them again), and
	// introAliases how many introspection fields are aliased: the two ways an introspection
	// query multiplies its answer without selecting more fields.
	introLists, introAliases int
	complexity               int
}

func satAdd(a, b int) int { return min(a+b, countCap) }

// add merges the shape of a sibling selection into s.
func (s *shape) add(o shape) {
	s.depth, s.introDepth = max(s.depth, o.depth), max(s.introDepth, o.introDepth)
	s.fields, s.aliases = satAdd(s.fields, o.fields), satAdd(s.aliases, o.aliases)
	s.introFields = satAdd(s.introFields, o.introFields)
	s.introLists = max(s.introLists, o.introLists)
	s.introAliases = satAdd(s.introAliases, o.introAliases)
	s.complexity = satAdd(s.complexity, o.complexity)
}

// checked is what the pre-check hands on about an accepted document.
type checked struct {
	// operation is the operation the request selects.
	operation *ast.OperationDefinition
}

// refusal is a pre-check error: the GraphQL error the client gets.
type refusal = *gqlerror.Error

func refuse(code, format string, args ...any) refusal {
	err := gqlerror.Errorf(format, args...)
	err.Extensions = map[string]any{"code": code}
	return err
}

// precheck parses query and measures every operation and fragment in it against l, and
// resolves the operation the request selects. Each refusal names the limit and carries its
// code. It gives up, returning ctx's error, when ctx ends.
func precheck(ctx context.Context, es graphql.ExecutableSchema, l Limits, query, operationName string, vars map[string]any) (checked, refusal) {
	if strings.TrimSpace(query) == "" {
		return checked{}, refuse(errcode.ValidationFailed, "the request holds no GraphQL document: send it in `query`")
	}
	doc, err := parser.ParseQueryWithTokenLimit(&ast.Source{Input: query}, l.MaxTokens)
	if err != nil {
		gqlErr, ok := err.(*gqlerror.Error)
		if !ok {
			gqlErr = gqlerror.Wrap(err)
		}
		gqlErr.Extensions = map[string]any{"code": errcode.ParseFailed}
		return checked{}, gqlErr
	}
	if l.MaxOperations > 0 && len(doc.Operations) > l.MaxOperations {
		return checked{}, refuse(CodeOperationLimit, "the document holds %d operations; the limit is %d", len(doc.Operations), l.MaxOperations)
	}
	if l.MaxFragments > 0 && len(doc.Fragments) > l.MaxFragments {
		return checked{}, refuse(CodeFragmentLimit, "the document defines %d fragments; the limit is %d", len(doc.Fragments), l.MaxFragments)
	}
	op, rerr := selectOperation(doc, operationName)
	if rerr != nil {
		return checked{}, rerr
	}
	m := measurer{ctx: ctx, es: es, schema: es.Schema(), limits: l,
		frags: make(map[string]*ast.FragmentDefinition, len(doc.Fragments)),
		memo:  map[fragmentKey]*fragmentMeasure{}}
	for _, f := range doc.Fragments {
		if _, dup := m.frags[f.Name]; !dup {
			m.frags[f.Name] = f
		}
	}
	// Every operation and fragment, not only the selected one: validation looks at them all.
	for _, o := range doc.Operations {
		m.vars = withDefaults(o, vars)
		if err := m.directives(o.Directives, "operation", o.Name); err != nil {
			return checked{}, err
		}
		s, err := m.set(o.SelectionSet, m.rootType(o.Operation), false)
		if err != nil {
			return checked{}, err
		}
		if err := m.within(s, "operation"); err != nil {
			return checked{}, err
		}
	}
	m.vars = withDefaults(op, vars)
	for _, f := range doc.Fragments {
		// A fragment on an introspection type (__Type, __InputValue...) is measured as
		// introspection, where it can only be spread.
		s, err := m.fragment(f.Name, strings.HasPrefix(f.TypeCondition, "__"))
		if err != nil {
			return checked{}, err
		}
		if err := m.within(s, "fragment "+f.Name); err != nil {
			return checked{}, err
		}
	}
	return checked{operation: op}, nil
}

// selectOperation picks the operation named name, or the only one when name is empty.
func selectOperation(doc *ast.QueryDocument, name string) (*ast.OperationDefinition, refusal) {
	switch {
	case len(doc.Operations) == 0:
		return nil, refuse(errcode.ValidationFailed, "the document holds no operation, only fragments")
	case name == "" && len(doc.Operations) > 1:
		return nil, refuse(CodeOperationNameRequired, "the document holds several operations: give operationName")
	case name == "":
		return doc.Operations[0], nil
	}
	if op := doc.Operations.ForName(name); op != nil {
		return op, nil
	}
	names := make([]string, 0, min(len(doc.Operations), 10))
	for _, o := range doc.Operations[:min(len(doc.Operations), 10)] {
		if o.Name != "" {
			names = append(names, o.Name)
		}
	}
	return nil, refuse(CodeUnknownOperation, "the document holds no operation named %q (it holds: %s)", truncate(name, 100), strings.Join(names, ", "))
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "…"
}

// withDefaults is vars with the operation's variable defaults filled in, as gqlgen coerces
// them before it computes complexity.
func withDefaults(op *ast.OperationDefinition, vars map[string]any) map[string]any {
	out := make(map[string]any, len(vars)+len(op.VariableDefinitions))
	for k, v := range vars {
		out[k] = v
	}
	for _, d := range op.VariableDefinitions {
		if _, ok := out[d.Variable]; !ok && d.DefaultValue != nil {
			if v, err := d.DefaultValue.Value(nil); err == nil {
				out[d.Variable] = v
			}
		}
	}
	return out
}

type fragmentKey struct {
	name  string
	intro bool // spread below __schema or __type
}

type fragmentMeasure struct {
	done  bool
	shape shape
}

// measurer walks one document.
type measurer struct {
	ctx    context.Context
	es     graphql.ExecutableSchema
	schema *ast.Schema
	limits Limits
	vars   map[string]any
	frags  map[string]*ast.FragmentDefinition
	memo   map[fragmentKey]*fragmentMeasure
	visits int
}

func (m *measurer) rootType(op ast.Operation) *ast.Definition {
	switch op {
	case ast.Mutation:
		return m.schema.Mutation
	case ast.Subscription:
		return m.schema.Subscription
	}
	return m.schema.Query
}

// within checks a measured shape against the limits.
func (m *measurer) within(s shape, what string) refusal {
	l := m.limits
	switch {
	case s.depth > l.MaxDepth:
		return refuse(CodeDepthLimit, "the %s nests %s levels deep; the limit is %d", what, count(s.depth), l.MaxDepth)
	case s.fields > l.MaxFields:
		return refuse(CodeFieldsLimit, "the %s selects %s fields; the limit is %d", what, count(s.fields), l.MaxFields)
	case l.MaxAliases > 0 && s.aliases > l.MaxAliases:
		return refuse(CodeAliasLimit, "the %s uses %s aliases; the limit is %d", what, count(s.aliases), l.MaxAliases)
	case s.introDepth > l.MaxIntrospectionDepth:
		return refuse(CodeIntrospectionLimit, "the %s's introspection nests %s levels deep; the limit is %d", what, count(s.introDepth), l.MaxIntrospectionDepth)
	case s.introFields > l.MaxIntrospectionFields:
		return refuse(CodeIntrospectionLimit, "the %s's introspection selects %s fields; the limit is %d", what, count(s.introFields), l.MaxIntrospectionFields)
	case s.introLists >= maxIntrospectionLists:
		return refuse(CodeIntrospectionLimit, "the %s's introspection nests the lists fields, interfaces, possibleTypes and inputFields %d deep; the limit is %d, as graphql-js's MaxIntrospectionDepthRule has it", what, s.introLists, maxIntrospectionLists-1)
	case s.introAliases > l.MaxIntrospectionAliases:
		return refuse(CodeIntrospectionLimit, "the %s's introspection uses %s aliases; the limit is %d", what, count(s.introAliases), l.MaxIntrospectionAliases)
	case s.complexity > l.MaxComplexity:
		return refuse(CodeComplexityLimit, "the %s has complexity %s; the complexity limit is %d", what, count(s.complexity), l.MaxComplexity)
	}
	return nil
}

// count writes a measure, saying "over" for one that reached countCap.
func count(n int) string {
	if n >= countCap {
		return fmt.Sprintf("over %d", countCap)
	}
	return fmt.Sprint(n)
}

// directives checks the directives on one place, which what and name say (the name is
// joined only for a refusal: this runs for every field).
func (m *measurer) directives(list ast.DirectiveList, what, name string) refusal {
	if m.limits.MaxDirectives > 0 && len(list) > m.limits.MaxDirectives {
		return refuse(CodeDirectiveLimit, "the %s carries %d directives; the limit is %d per field, fragment or operation", strings.TrimSpace(what+" "+truncate(name, 100)), len(list), m.limits.MaxDirectives)
	}
	return nil
}

// fragment measures a fragment's selection set, once per place kind (inside introspection or
// not); a fragment met again while it is being measured spreads itself.
func (m *measurer) fragment(name string, intro bool) (shape, refusal) {
	key := fragmentKey{name, intro}
	if fm, ok := m.memo[key]; ok {
		if !fm.done {
			return shape{}, refuse(errcode.ValidationFailed, "fragment %q spreads itself, directly or through other fragments", name)
		}
		return fm.shape, nil
	}
	def, ok := m.frags[name]
	if !ok {
		return shape{}, refuse(errcode.ValidationFailed, "Unknown fragment %q.", truncate(name, 100))
	}
	fm := &fragmentMeasure{}
	m.memo[key] = fm
	if err := m.directives(def.Directives, "fragment", name); err != nil {
		return shape{}, err
	}
	s, err := m.set(def.SelectionSet, m.schema.Types[def.TypeCondition], intro)
	if err != nil {
		return shape{}, err
	}
	fm.done, fm.shape = true, s
	return s, nil
}

// set measures a selection set whose parent type is parent (nil when the document names a
// type or field the schema lacks: validation refuses it later, and until then it counts as
// a plain field).
func (m *measurer) set(set ast.SelectionSet, parent *ast.Definition, intro bool) (shape, refusal) {
	var s shape
	for _, sel := range set {
		m.visits++
		if m.visits%1024 == 0 && m.ctx.Err() != nil {
			return shape{}, refuse(CodeCanceled, "the request was canceled")
		}
		var c shape
		var err refusal
		switch sel := sel.(type) {
		case *ast.Field:
			c, err = m.field(sel, parent, intro)
		case *ast.InlineFragment:
			if err = m.directives(sel.Directives, "inline fragment", ""); err == nil {
				t := parent
				if sel.TypeCondition != "" {
					t = m.schema.Types[sel.TypeCondition]
				}
				c, err = m.set(sel.SelectionSet, t, intro)
			}
		case *ast.FragmentSpread:
			if err = m.directives(sel.Directives, "spread of fragment", sel.Name); err == nil {
				c, err = m.fragment(sel.Name, intro)
			}
		}
		if err != nil {
			return shape{}, err
		}
		s.add(c)
	}
	return s, nil
}

func (m *measurer) field(f *ast.Field, parent *ast.Definition, intro bool) (shape, refusal) {
	if err := m.directives(f.Directives, "field", f.Alias); err != nil {
		return shape{}, err
	}
	var def *ast.FieldDefinition
	var childType *ast.Definition
	if parent != nil {
		def = parent.Fields.ForName(f.Name)
		if def != nil {
			childType = m.schema.Types[def.Type.Name()]
		}
	}
	inIntro := intro || f.Name == "__schema" || f.Name == "__type"
	child, err := m.set(f.SelectionSet, childType, inIntro)
	if err != nil {
		return shape{}, err
	}
	s := child
	s.complexity = 0
	aliased := f.Alias != f.Name
	if inIntro {
		// Introspection has its own bound, and no complexity: gqlgen counts none for it.
		switch {
		case aliased && intro:
			s.introAliases = satAdd(s.introAliases, 1)
		case aliased:
			s.aliases = satAdd(s.aliases, 1)
		}
		switch f.Name {
		case "fields", "interfaces", "possibleTypes", "inputFields":
			s.introLists = child.introLists + 1
		}
		s.introFields = satAdd(s.introFields, 1)
		s.introDepth = child.introDepth + 1
		if !intro {
			s.depth = max(s.depth, 1)
		}
		return s, nil
	}
	if aliased {
		s.aliases = satAdd(s.aliases, 1)
	}
	s.fields = satAdd(s.fields, 1)
	s.depth = child.depth + 1
	s.complexity = m.complexity(f, parent, def, child.complexity)
	return s, nil
}

// complexity is the cost of field f whose selections cost child, as gqlgen's complexity
// extension computes it: the schema's complexity function where there is one (the costliest
// implementation's for a field of an interface), else 1 + child.
func (m *measurer) complexity(f *ast.Field, parent *ast.Definition, def *ast.FieldDefinition, child int) int {
	fallback := satAdd(1, child)
	if def == nil || parent == nil {
		return fallback
	}
	f.Definition = def // this parse is the pre-check's own: ArgumentMap needs the definition
	args := f.ArgumentMap(m.vars)
	owners := []*ast.Definition{parent}
	if parent.Kind == ast.Interface || parent.Kind == ast.Union {
		owners = m.schema.GetPossibleTypes(parent)
	}
	cost := 0
	for _, t := range owners {
		c, ok := m.es.Complexity(m.ctx, t.Name, f.Name, child, args)
		if !ok || c < 1 {
			c = fallback
		}
		cost = max(cost, min(c, countCap))
	}
	return max(cost, 1)
}
