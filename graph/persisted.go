package graph

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"strings"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"
	"github.com/vektah/gqlparser/v2/parser"
)

// CodeNotPersisted refuses an operation that is not on the allow-list.
const CodeNotPersisted = "PERSISTED_QUERY_NOT_ALLOWED"

// AllowList holds the operations a deployment permits, by the SHA-256 of their text: the
// allow-list that dashboards in production use, so that nothing but known operations reach
// Neo4j.
type AllowList struct {
	byHash map[string]string
}

// LoadAllowList reads a JSON object mapping operation names (or any labels) to operation
// texts. Each operation must parse; the list is keyed by the SHA-256 of each text.
func LoadAllowList(path string) (*AllowList, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var ops map[string]string
	if err := json.Unmarshal(b, &ops); err != nil {
		return nil, fmt.Errorf("%s: not a JSON object of operation texts: %w", path, err)
	}
	return NewAllowList(ops)
}

// NewAllowList makes an allow-list of the given operation texts.
func NewAllowList(ops map[string]string) (*AllowList, error) {
	if len(ops) == 0 {
		return nil, fmt.Errorf("the allow-list holds no operation")
	}
	l := &AllowList{byHash: make(map[string]string, len(ops))}
	for name, text := range ops {
		if strings.TrimSpace(text) == "" {
			return nil, fmt.Errorf("operation %q is empty", name)
		}
		l.byHash[Hash(text)] = text
	}
	return l, nil
}

// Hash is the hex SHA-256 of an operation's text, as automatic persisted queries name it.
func Hash(text string) string {
	sum := sha256.Sum256([]byte(text))
	return hex.EncodeToString(sum[:])
}

// WithAllowList lets through only the operations on l: sent as text, or by hash in the
// `extensions.persistedQuery.sha256Hash` of automatic persisted queries.
func WithAllowList(l *AllowList) Option { return func(o *options) { o.allow = l } }

// WithoutIntrospection turns introspection off, and field suggestions with it, so that the
// schema cannot be read from error messages either.
func WithoutIntrospection() Option { return func(o *options) { o.noIntrospection = true } }

// allowListExt enforces an AllowList before the operation is parsed.
type allowListExt struct{ list *AllowList }

var _ interface {
	graphql.HandlerExtension
	graphql.OperationParameterMutator
} = allowListExt{}

func (allowListExt) ExtensionName() string                   { return "AllowList" }
func (allowListExt) Validate(graphql.ExecutableSchema) error { return nil }

// MutateOperationParameters fills in the text of an operation sent by hash, and refuses any
// operation that is not on the list.
func (a allowListExt) MutateOperationParameters(_ context.Context, p *graphql.RawParams) *gqlerror.Error {
	hash := ""
	if pq, ok := p.Extensions["persistedQuery"].(map[string]any); ok {
		hash, _ = pq["sha256Hash"].(string)
	}
	if p.Query != "" {
		hash = Hash(p.Query)
	}
	text, ok := a.list.byHash[hash]
	if !ok {
		err := gqlerror.Errorf("this service answers only its allow-listed operations; this one is not among them")
		err.Extensions = map[string]any{"code": CodeNotPersisted}
		return err
	}
	p.Query = text
	// The operation is known: automatic persisted queries have nothing left to do.
	delete(p.Extensions, "persistedQuery")
	return nil
}

// OperationNames lists the names of the operations on the allow-list.
func (l *AllowList) OperationNames() []string {
	var names []string
	for _, text := range l.byHash {
		doc, err := parser.ParseQuery(&ast.Source{Input: text})
		if err != nil {
			continue
		}
		for _, op := range doc.Operations {
			if op.Name != "" {
				names = append(names, op.Name)
			}
		}
	}
	return names
}
