package graph

import (
	"context"
	"errors"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/99designs/gqlgen/graphql"
	"github.com/golang-jwt/jwt/v5"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"github.com/aspgraph/aspgraph/aspnet"
)

// RoleEditor is the role a token needs to write.
const RoleEditor = "editor"

// MinSecretLength is the least number of bytes JWT_SECRET must have: HS256 keys shorter than
// the hash are guessable.
const MinSecretLength = 32

// Auth configures authentication: tokens are HS256 JWTs signed with Secret, or RS256 and ES256
// JWTs signed with a key of the JSON Web Key Set JWKS serves; either or both. With neither,
// every write is refused.
type Auth struct {
	Secret []byte
	// JWKS verifies RS256 and ES256 tokens; nil accepts none.
	JWKS *JWKS
	// RequireForReads makes queries need a valid token too (any role).
	RequireForReads bool
}

// configured reports whether any key verifies tokens.
func (a Auth) configured() bool { return len(a.Secret) > 0 || a.JWKS != nil }

// methods lists the signing algorithms the configured keys verify.
func (a Auth) methods() []string {
	var m []string
	if len(a.Secret) > 0 {
		m = append(m, jwt.SigningMethodHS256.Alg())
	}
	if a.JWKS != nil {
		m = append(m, jwt.SigningMethodRS256.Alg(), jwt.SigningMethodES256.Alg())
	}
	return m
}

// WithAuth sets how requests are authenticated; without it, writes are refused.
func WithAuth(a Auth) Option { return func(o *options) { o.auth = a } }

// Principal is who a verified token says the caller is.
type Principal struct {
	Subject string
	Roles   []string
}

// claims are the claims aspgraph reads from a token.
type claims struct {
	Roles []string `json:"roles"`
	jwt.RegisteredClaims
}

// authState is what the middleware learnt of a request: the principal, or why there is none.
type authState struct {
	configured bool
	principal  *Principal
	reason     string // why principal is nil: "missing", "malformed", "bad signature", ...
}

type authKey struct{}

// authenticate reads the request's bearer token, verifies it and puts the principal, or the
// reason there is none, into the request's context. It never logs the token.
func authenticate(a Auth, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if _, done := r.Context().Value(authKey{}).(authState); done {
			next.ServeHTTP(w, r) // verified by the budget, which names clients by their token
			return
		}
		st := authState{configured: a.configured()}
		if st.configured {
			st.principal, st.reason = verify(r.Context(), a, r.Header.Get("Authorization"), time.Now())
		}
		next.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), authKey{}, st)))
	})
}

// verify checks an Authorization header's bearer token, returning its principal or the
// reason it is not accepted. An HS256 token is checked with the secret, an RS256 or ES256 one
// with the JWKS key its kid names (every key of the set when it names none); each algorithm
// only when its key is configured, so that a key is never used with another algorithm.
func verify(ctx context.Context, a Auth, header string, now time.Time) (*Principal, string) {
	if header == "" {
		return nil, "missing: send Authorization: Bearer <token>"
	}
	scheme, token, ok := strings.Cut(header, " ")
	if !ok || !strings.EqualFold(scheme, "Bearer") || strings.TrimSpace(token) == "" {
		return nil, "malformed Authorization header: expected Bearer <token>"
	}
	methods := a.methods()
	keys := func(t *jwt.Token) (any, error) {
		if t.Method.Alg() == jwt.SigningMethodHS256.Alg() {
			return a.Secret, nil
		}
		return a.JWKS.key(ctx, t)
	}
	var c claims
	_, err := jwt.ParseWithClaims(strings.TrimSpace(token), &c, keys,
		jwt.WithValidMethods(methods),
		jwt.WithLeeway(0),
		jwt.WithExpirationRequired(),
		jwt.WithTimeFunc(func() time.Time { return now }))
	switch {
	case err == nil && c.Subject == "":
		return nil, "malformed token: no subject (sub)"
	case err == nil:
		return &Principal{Subject: c.Subject, Roles: c.Roles}, ""
	case errors.Is(err, jwt.ErrTokenMalformed):
		return nil, "malformed token"
	case errors.Is(err, jwt.ErrTokenSignatureInvalid) && strings.Contains(err.Error(), "signing method"):
		return nil, "bad signature: the token must be signed with " + strings.Join(methods, " or ")
	case errors.Is(err, jwt.ErrTokenSignatureInvalid):
		return nil, "bad signature"
	case errors.Is(err, jwt.ErrTokenUnverifiable):
		return nil, "bad signature: no configured key verifies it"
	case errors.Is(err, jwt.ErrTokenExpired):
		return nil, "expired token"
	case errors.Is(err, jwt.ErrTokenNotValidYet):
		return nil, "token not valid yet (nbf)"
	case errors.Is(err, jwt.ErrTokenRequiredClaimMissing):
		return nil, "malformed token: no expiry (exp)"
	default:
		return nil, "invalid token"
	}
}

// requireEditor returns the caller when it may write: a key is configured, the token is
// valid and its roles include editor. Errors: FORBIDDEN when writes are disabled or the role
// is missing, UNAUTHENTICATED naming why the token was not accepted.
func requireEditor(ctx context.Context) (*Principal, error) {
	st, _ := ctx.Value(authKey{}).(authState)
	switch {
	case !st.configured:
		return nil, aspnet.Errorf(aspnet.CodeForbidden, "writes are disabled: set JWT_SECRET or JWT_JWKS_URL to enable them")
	case st.principal == nil:
		return nil, aspnet.Errorf(aspnet.CodeUnauthenticated, "writes need a valid bearer token: %s", st.reason)
	case !slices.Contains(st.principal.Roles, RoleEditor):
		return nil, aspnet.Errorf(aspnet.CodeForbidden, "writes need a token whose roles include %s", RoleEditor)
	}
	return st.principal, nil
}

// requireReader answers UNAUTHENTICATED for a query or subscription without a valid token,
// when reads need one; mutations check their own tokens.
func requireReader(ctx context.Context, a Auth, next graphql.OperationHandler) graphql.ResponseHandler {
	oc := graphql.GetOperationContext(ctx)
	if !a.RequireForReads || oc.Operation == nil || oc.Operation.Operation == ast.Mutation {
		return next(ctx)
	}
	st, _ := ctx.Value(authKey{}).(authState)
	if st.principal != nil {
		return next(ctx)
	}
	reason := st.reason
	if !st.configured {
		reason = "neither JWT_SECRET nor JWT_JWKS_URL is configured"
	}
	return graphql.OneShot(&graphql.Response{Errors: gqlerror.List{{
		Message:    "reads need a valid bearer token: " + reason,
		Extensions: map[string]any{"code": string(aspnet.CodeUnauthenticated)},
	}}})
}

// MintToken makes an HS256 token for sub with roles, valid from now for ttl.
func MintToken(secret []byte, sub string, roles []string, ttl time.Duration, now time.Time) (string, error) {
	if len(secret) < MinSecretLength {
		return "", errors.New("JWT_SECRET must be set, at least 32 bytes long")
	}
	if sub == "" {
		return "", errors.New("the token needs a subject")
	}
	if roles == nil {
		roles = []string{}
	}
	c := claims{Roles: roles, RegisteredClaims: jwt.RegisteredClaims{
		Subject:   sub,
		IssuedAt:  jwt.NewNumericDate(now),
		NotBefore: jwt.NewNumericDate(now),
		ExpiresAt: jwt.NewNumericDate(now.Add(ttl)),
	}}
	return jwt.NewWithClaims(jwt.SigningMethodHS256, c).SignedString(secret)
}
