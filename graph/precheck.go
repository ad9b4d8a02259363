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
	"github.com/vektah/gqlparser/v2/validator"
	"github.com/vektah/gqlparser/v2/validator/core"
	"github.com/vektah/gqlparser/v2/validator/rules"
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

// maxErrors bounds the validation errors a large document's refusal lists, as graphql-js
// bounds them (its validate's maxErrors).
const maxErrors = 100

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
	// complexity is the operation's estimated cost.
	complexity int
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
//
// A document larger than maxCachedDocument is validated here too, once: gqlgen would parse it
// again to validate it (no cache keeps it), and its validation computes suggestions for
// unknown names ("Did you mean ...?") in time that grows with the product of their lengths
// and the schema's (a field named with 1 MiB of letters took 250 ms). Such a document's
// unknown fields, arguments, enum values and input fields are refused as the walk meets them,
// without suggestions, and so are numbers of over maxNumber characters (Go parses a Float of
// 1 MiB of digits in 15 ms); the rest of validation follows, without suggestions, and its
// refusal lists at most maxErrors errors. Its tokens are counted before it is parsed.
func precheck(ctx context.Context, es graphql.ExecutableSchema, l Limits, query, operationName string, vars map[string]any) (checked, gqlerror.List) {
	large := len(query) > maxCachedDocument
	if large && overTokenLimit(query, l.MaxTokens) {
		err := gqlerror.Errorf("exceeded token limit of %d", l.MaxTokens)
		err.Extensions = map[string]any{"code": errcode.ParseFailed}
		return checked{}, gqlerror.List{err}
	}
	c, doc, refused := measure(ctx, es, l, query, operationName, vars, large)
	if refused != nil {
		return checked{}, gqlerror.List{refused}
	}
	if large {
		if errs := validator.ValidateWithRules(es.Schema(), doc, rulesWithoutSuggestions()); len(errs) > 0 {
			errs = errs[:min(len(errs), maxErrors)]
			for _, e := range errs {
				errcode.Set(e, errcode.ValidationFailed)
				e.Message = truncate(e.Message, 1000) // it may quote a name of a megabyte
			}
			return checked{}, errs
		}
	}
	return c, nil
}

// overTokenLimit reports whether query surely holds more than limit tokens, by a scan of its
// bytes that counts at most as many tokens as the parser would (a string is one token, a
// comment none, a run of other bytes between spaces and punctuators at least one): a tenth of
// the time it takes to parse them, which would refuse the document only after building the
// syntax tree of its first limit tokens.
func overTokenLimit(query string, limit int) bool {
	if limit <= 0 {
		return false
	}
	n := 0
	for i := 0; i < len(query) && n <= limit; i++ {
		switch byteClass[query[i]] {
		case classSpace:
		case classPunctuator:
			n++
		case classComment:
			end := strings.IndexAny(query[i:], "\n\r")
			if end < 0 {
				return n > limit
			}
			i += end
		case classQuote:
			n++
			if strings.HasPrefix(query[i:], `"""`) {
				for i += 3; !strings.HasPrefix(query[i:], `"""`) || query[i-1] == '\\'; i++ {
					if i >= len(query) {
						return false // unterminated: the parser says where
					}
				}
				i += 2
				continue
			}
			for i++; i < len(query) && query[i] != '"' && query[i] != '\n'; i++ {
				if query[i] == '\\' {
					i++
				}
			}
		default:
			n++
			for i+1 < len(query) && byteClass[query[i+1]] == classOther {
				i++
			}
		}
	}
	return n > limit
}

// The classes of bytes overTokenLimit tells apart; any other byte may be part of a token.
const (
	classOther = iota
	classSpace
	classPunctuator
	classComment
	classQuote
)

var byteClass = func() (t [256]byte) {
	for _, c := range []byte(" \t\r\n,") {
		t[c] = classSpace
	}
	for _, c := range []byte("!$&()[]{}:=@|") {
		t[c] = classPunctuator
	}
	t['#'], t['"'] = classComment, classQuote
	return t
}()

// rulesWithoutSuggestions are gqlgen's validation rules with those that suggest names
// replaced by their variants that do not.
func rulesWithoutSuggestions() *rules.Rules {
	r := rules.NewDefaultRules()
	for _, v := range []core.Rule{
		rules.FieldsOnCorrectTypeRuleWithoutSuggestions, rules.ScalarLeafsRuleWithoutSuggestions,
		rules.KnownArgumentNamesRuleWithoutSuggestions, rules.KnownTypeNamesRuleWithoutSuggestions,
		rules.ValuesOfCorrectTypeRuleWithoutSuggestions,
	} {
		r.RemoveRule(strings.TrimSuffix(v.Name, "WithoutSuggestions"))
		r.AddRule(v.Name, v.RuleFunc)
	}
	return r
}

// measure is precheck but for the validation of a large document; strict refuses unknown
// names and long numbers as they are met.
func measure(ctx context.Context, es graphql.ExecutableSchema, l Limits, query, operationName string, vars map[string]any, strict bool) (checked, *ast.QueryDocument, refusal) {
	if strings.TrimSpace(query) == "" {
		return checked{}, nil, refuse(errcode.ValidationFailed, "the request holds no GraphQL document: send it in `query`")
	}
	doc, err := parser.ParseQueryWithTokenLimit(&ast.Source{Input: query}, l.MaxTokens)
	if err != nil {
		gqlErr, ok := err.(*gqlerror.Error)
		if !ok {
			gqlErr = gqlerror.Wrap(err)
		}
		gqlErr.Extensions = map[string]any{"code": errcode.ParseFailed}
		return checked{}, nil, gqlErr
	}
	if l.MaxOperations > 0 && len(doc.Operations) > l.MaxOperations {
		return checked{}, nil, refuse(CodeOperationLimit, "the document holds %d operations; the limit is %d", len(doc.Operations), l.MaxOperations)
	}
	if l.MaxFragments > 0 && len(doc.Fragments) > l.MaxFragments {
		return checked{}, nil, refuse(CodeFragmentLimit, "the document defines %d fragments; the limit is %d", len(doc.Fragments), l.MaxFragments)
	}
	op, rerr := selectOperation(doc, operationName)
	if rerr != nil {
		return checked{}, nil, rerr
	}
	m := measurer{
		ctx: ctx, es: es, schema: es.Schema(), limits: l, strict: strict,
		frags: make(map[string]*ast.FragmentDefinition, len(doc.Fragments)),
		memo:  map[fragmentKey]*fragmentMeasure{},
	}
	for _, f := range doc.Fragments {
		if _, dup := m.frags[f.Name]; !dup {
			m.frags[f.Name] = f
		}
	}
	// Every operation and fragment, not only the selected one: validation looks at them all.
	cost := 0
	for _, o := range doc.Operations {
		if err := m.variableDefaults(o); err != nil {
			return checked{}, nil, err
		}
		m.vars = withDefaults(o, vars)
		if err := m.directives(o.Directives, "operation", o.Name); err != nil {
			return checked{}, nil, err
		}
		s, err := m.set(o.SelectionSet, m.rootType(o.Operation), false)
		if err != nil {
			return checked{}, nil, err
		}
		if err := m.within(s, "operation"); err != nil {
			return checked{}, nil, err
		}
		if o == op {
			cost = s.complexity
		}
	}
	m.vars = withDefaults(op, vars)
	for _, f := range doc.Fragments {
		// A fragment on an introspection type (__Type, __InputValue...) is measured as
		// introspection, where it can only be spread.
		s, err := m.fragment(f.Name, strings.HasPrefix(f.TypeCondition, "__"))
		if err != nil {
			return checked{}, nil, err
		}
		if err := m.within(s, "fragment "+f.Name); err != nil {
			return checked{}, nil, err
		}
	}
	return checked{operation: op, complexity: cost}, doc, nil
}

// Complexity is the estimated cost that the limits give the operation of a document which a
// request with operationName and vars selects, or the refusal of a document that the other
// limits (depth, fields, aliases...) refuse; the cost may be over MaxComplexity.
func Complexity(query, operationName string, vars map[string]any) (int, error) {
	cfg := Config{Resolvers: &Resolver{}}
	complexity(&cfg.Complexity)
	l := DefaultLimits
	l.MaxComplexity = countCap
	c, refused := precheck(context.Background(), NewExecutableSchema(cfg), l, query, operationName, vars)
	if len(refused) > 0 {
		return 0, refused
	}
	return c.complexity, nil
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
	// strict refuses unknown names and long numbers (a large document's: see precheck).
	strict bool
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
	if !intro && len(set) > m.limits.MaxFields {
		// Siblings alone over the field limit (10,000 copies of a field): refused before
		// they are measured one by one.
		fields := 0
		for _, sel := range set {
			if f, ok := sel.(*ast.Field); ok && f.Name != "__schema" && f.Name != "__type" {
				fields++
			}
		}
		if fields > m.limits.MaxFields {
			return shape{}, refuse(CodeFieldsLimit, "a selection set selects %d fields; the limit is %d", fields, m.limits.MaxFields)
		}
	}
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
	if m.strict && parent != nil && !intro {
		if err := m.known(f, parent, def); err != nil {
			return shape{}, err
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
	args, ok := argumentMap(f, m.vars)
	if !ok {
		return fallback // a literal out of its type's range, which validation refuses
	}
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

// argumentMap is f.ArgumentMap(vars), which panics on a literal that does not parse as its
// kind (an Int of 25 digits): ok is false then.
func argumentMap(f *ast.Field, vars map[string]any) (args map[string]any, ok bool) {
	defer func() {
		if recover() != nil {
			args, ok = nil, false
		}
	}()
	return f.ArgumentMap(vars), true
}

// maxNumber is the longest number a large document may hold: no Int or Float of the schema
// needs more digits (an Int has at most 11 characters, a float64 17 significant digits).
const maxNumber = 100

// known refuses a field of a large document that parent lacks, an argument def lacks, and an
// argument's value that names what its type lacks (as validation would, without suggestions).
func (m *measurer) known(f *ast.Field, parent *ast.Definition, def *ast.FieldDefinition) refusal {
	if def == nil {
		switch f.Name {
		case "__typename", "__schema", "__type":
			return nil
		}
		return refuse(errcode.ValidationFailed, "Cannot query field %q on type %q.", truncate(f.Name, 100), parent.Name)
	}
	for _, a := range f.Arguments {
		ad := def.Arguments.ForName(a.Name)
		if ad == nil {
			return refuse(errcode.ValidationFailed, "Unknown argument %q on field \"%s.%s\".", truncate(a.Name, 100), parent.Name, f.Name)
		}
		if err := m.literal(a.Value, ad.Type); err != nil {
			return err
		}
	}
	return nil
}

// variableDefaults checks the default values of a large document's variables (literal).
func (m *measurer) variableDefaults(o *ast.OperationDefinition) refusal {
	if !m.strict {
		return nil
	}
	for _, d := range o.VariableDefinitions {
		if err := m.literal(d.DefaultValue, d.Type); err != nil {
			return err
		}
	}
	return nil
}

// literal refuses a value written in a large document for an input of type typ when it
// names an enum value or an input field the type lacks, or holds a number of more than
// maxNumber characters.
func (m *measurer) literal(v *ast.Value, typ *ast.Type) refusal {
	if v == nil || typ == nil {
		return nil
	}
	def := m.schema.Types[typ.Name()]
	switch v.Kind {
	case ast.IntValue, ast.FloatValue:
		if len(v.Raw) > maxNumber {
			return refuse(errcode.ValidationFailed, "a number of %d characters, for %s; none may have more than %d", len(v.Raw), typ, maxNumber)
		}
	case ast.EnumValue, ast.StringValue, ast.BlockValue:
		if def != nil && def.Kind == ast.Enum && (v.Kind != ast.EnumValue || def.EnumValues.ForName(v.Raw) == nil) {
			return refuse(errcode.ValidationFailed, "Value %q does not exist in %q enum.", truncate(v.Raw, 100), typ.String())
		}
	case ast.ListValue:
		elem := typ
		if typ.Elem != nil {
			elem = typ.Elem
		}
		for _, c := range v.Children {
			if err := m.literal(c.Value, elem); err != nil {
				return err
			}
		}
	case ast.ObjectValue:
		if def == nil || def.Kind != ast.InputObject {
			return nil
		}
		for _, c := range v.Children {
			fd := def.Fields.ForName(c.Name)
			if fd == nil {
				return refuse(errcode.ValidationFailed, "Field %q is not defined by type %q.", truncate(c.Name, 100), def.Name)
			}
			if err := m.literal(c.Value, fd.Type); err != nil {
				return err
			}
		}
	}
	return nil
}
