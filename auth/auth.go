// Package auth verifies bearer tokens (HS256 with a shared secret, RS256 and ES256 with a JSON
// Web Key Set) into the domain's Caller, and mints development tokens.
package auth

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"time"

	"github.com/golang-jwt/jwt/v5"

	"github.com/aspgraph/aspgraph/aspnet"
)

// MinSecretLength is the least number of bytes JWT_SECRET must have: HS256 keys shorter than
// the hash are guessable.
const MinSecretLength = 32

// Keys are the keys that verify tokens: tokens are HS256 JWTs signed with Secret, or RS256 and
// ES256 JWTs signed with a key of the JSON Web Key Set JWKS serves; either or both. With
// neither, no caller is known and every write is refused.
type Keys struct {
	Secret []byte
	// JWKS verifies RS256 and ES256 tokens; nil accepts none.
	JWKS *JWKS
}

// configured reports whether any key verifies tokens.
func (k Keys) configured() bool { return len(k.Secret) > 0 || k.JWKS != nil }

// methods lists the signing algorithms the configured keys verify.
func (k Keys) methods() []string {
	var m []string
	if len(k.Secret) > 0 {
		m = append(m, jwt.SigningMethodHS256.Alg())
	}
	if k.JWKS != nil {
		m = append(m, jwt.SigningMethodRS256.Alg(), jwt.SigningMethodES256.Alg())
	}
	return m
}

// claims are the claims aspgraph reads from a token.
type claims struct {
	Roles []string `json:"roles"`
	jwt.RegisteredClaims
}

// Authenticate reads the request's bearer token, verifies it with k and puts the caller (its
// principal, or the reason there is none) into the request's context, for the domain's
// CallerFromContext. It refuses nothing itself, and never logs the token.
func Authenticate(k Keys, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		c := aspnet.Caller{Verifiable: k.configured()}
		if c.Verifiable {
			c.Principal, c.Reason = verify(r.Context(), k, r.Header.Get("Authorization"), time.Now())
		}
		next.ServeHTTP(w, r.WithContext(aspnet.NewContextWithCaller(r.Context(), c)))
	})
}

// verify checks an Authorization header's bearer token, returning its principal or the
// reason it is not accepted. An HS256 token is checked with the secret, an RS256 or ES256 one
// with the JWKS key its kid names (every key of the set when it names none); each algorithm
// only when its key is configured, so that a key is never used with another algorithm.
func verify(ctx context.Context, k Keys, header string, now time.Time) (*aspnet.Principal, string) {
	if header == "" {
		return nil, "missing: send Authorization: Bearer <token>"
	}
	scheme, token, ok := strings.Cut(header, " ")
	if !ok || !strings.EqualFold(scheme, "Bearer") || strings.TrimSpace(token) == "" {
		return nil, "malformed Authorization header: expected Bearer <token>"
	}
	methods := k.methods()
	keys := func(t *jwt.Token) (any, error) {
		if t.Method.Alg() == jwt.SigningMethodHS256.Alg() {
			return k.Secret, nil
		}
		return k.JWKS.key(ctx, t)
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
		return &aspnet.Principal{Subject: c.Subject, Roles: c.Roles}, ""
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
