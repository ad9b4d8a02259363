package auth_test

import (
	"bytes"
	"context"
	"crypto"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"encoding/base64"
	"encoding/json"
	"log/slog"
	"math/big"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"

	"github.com/aspgraph/aspgraph/aspnet"
	"github.com/aspgraph/aspgraph/auth"
)

// jwksServer serves a JSON Web Key Set of the public halves of keys (kid to key), and counts
// how often it is fetched.
func jwksServer(t *testing.T, keys map[string]crypto.Signer) (*httptest.Server, *atomic.Int64) {
	t.Helper()
	b64 := func(b []byte) string { return base64.RawURLEncoding.EncodeToString(b) }
	var set []map[string]string
	for kid, k := range keys {
		switch pub := k.Public().(type) {
		case *rsa.PublicKey:
			set = append(set, map[string]string{
				"kty": "RSA", "kid": kid, "use": "sig", "alg": "RS256",
				"n": b64(pub.N.Bytes()), "e": b64(big.NewInt(int64(pub.E)).Bytes()),
			})
		case *ecdsa.PublicKey:
			raw, err := pub.Bytes() // 0x04 || X || Y, each 32 bytes for P-256
			if err != nil {
				t.Fatal(err)
			}
			set = append(set, map[string]string{
				"kty": "EC", "kid": kid, "use": "sig", "alg": "ES256", "crv": "P-256",
				"x": b64(raw[1:33]), "y": b64(raw[33:]),
			})
		}
	}
	body, _ := json.Marshal(map[string]any{"keys": set})
	var fetches atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		fetches.Add(1)
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write(body)
	}))
	t.Cleanup(srv.Close)
	return srv, &fetches
}

// signed makes a token with the given method, key, kid (none when ""), roles and validity.
func signed(t *testing.T, m jwt.SigningMethod, key any, kid string, roles []string, nbf, exp time.Time) string {
	t.Helper()
	tok := jwt.NewWithClaims(m, jwt.MapClaims{"sub": "carol", "roles": roles, "nbf": nbf.Unix(), "exp": exp.Unix(), "iat": nbf.Unix()})
	if kid != "" {
		tok.Header["kid"] = kid
	}
	s, err := tok.SignedString(key)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

var testSecret = []byte("test-secret-0123456789abcdef0123456789")

// callerOf sends a request with the Authorization header (none when "") through
// Authenticate with keys, and returns the caller it put into the request's context.
func callerOf(t *testing.T, keys auth.Keys, header string) aspnet.Caller {
	t.Helper()
	var got aspnet.Caller
	h := auth.Authenticate(keys, http.HandlerFunc(func(_ http.ResponseWriter, r *http.Request) {
		got = aspnet.CallerFromContext(r.Context())
	}))
	req := httptest.NewRequest(http.MethodPost, "/query", nil)
	if header != "" {
		req.Header.Set("Authorization", header)
	}
	h.ServeHTTP(httptest.NewRecorder(), req)
	return got
}

func TestJWKSTokens(t *testing.T) {
	rsaKey, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		t.Fatal(err)
	}
	ecKey, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	otherRSA, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		t.Fatal(err)
	}
	otherEC, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	srv, fetches := jwksServer(t, map[string]crypto.Signer{"rsa-1": rsaKey, "ec-1": ecKey})
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	var logs bytes.Buffer
	jwks, err := auth.NewJWKS(ctx, srv.URL, time.Hour, slog.New(slog.NewJSONHandler(&logs, nil)))
	if err != nil {
		t.Fatal(err)
	}
	onlyJWKS := auth.Keys{JWKS: jwks}
	both := auth.Keys{JWKS: jwks, Secret: testSecret}

	now := time.Now()
	editor := []string{aspnet.RoleEditor}
	valid := func(m jwt.SigningMethod, key any, kid string) string {
		return "Bearer " + signed(t, m, key, kid, editor, now.Add(-time.Minute), now.Add(time.Hour))
	}
	hs256, err := auth.MintToken(testSecret, "carol", editor, time.Hour, now)
	if err != nil {
		t.Fatal(err)
	}
	rsaPubDER, err := x509.MarshalPKIXPublicKey(&rsaKey.PublicKey)
	if err != nil {
		t.Fatal(err)
	}

	t.Run("OK", func(t *testing.T) {
		for _, tc := range []struct {
			name   string
			keys   auth.Keys
			header string
			roles  []string
		}{
			{"RS256", onlyJWKS, valid(jwt.SigningMethodRS256, rsaKey, "rsa-1"), editor},
			{"ES256", onlyJWKS, valid(jwt.SigningMethodES256, ecKey, "ec-1"), editor},
			{"RS256WithoutKid", onlyJWKS, valid(jwt.SigningMethodRS256, rsaKey, ""), editor},
			{"HS256BesideJWKS", both, "Bearer " + hs256, editor},
			{"RS256BesideSecret", both, valid(jwt.SigningMethodRS256, rsaKey, "rsa-1"), editor},
			{"RS256WithoutEditorRole", onlyJWKS, "Bearer " + signed(t, jwt.SigningMethodRS256, rsaKey, "rsa-1", []string{"reader"}, now.Add(-time.Minute), now.Add(time.Hour)), []string{"reader"}},
			{"ES256WithoutRoles", both, "Bearer " + signed(t, jwt.SigningMethodES256, ecKey, "ec-1", nil, now.Add(-time.Minute), now.Add(time.Hour)), nil},
		} {
			t.Run(tc.name, func(t *testing.T) {
				c := callerOf(t, tc.keys, tc.header)
				if !c.Verifiable || c.Principal == nil || c.Principal.Subject != "carol" || c.Reason != "" ||
					strings.Join(c.Principal.Roles, ",") != strings.Join(tc.roles, ",") {
					t.Errorf("caller %+v (principal %+v); want carol with roles %v", c, c.Principal, tc.roles)
				}
			})
		}
	})

	refused := []struct {
		name     string
		keys     auth.Keys
		header   string
		mentions string
	}{
		{"ErrWrongKeySameKid", onlyJWKS, valid(jwt.SigningMethodRS256, otherRSA, "rsa-1"), "bad signature"},
		{"ErrWrongECKeySameKid", onlyJWKS, valid(jwt.SigningMethodES256, otherEC, "ec-1"), "bad signature"},
		{"ErrUnknownKid", onlyJWKS, valid(jwt.SigningMethodRS256, otherRSA, "rsa-2"), "bad signature"},
		{"ErrAlgMismatchForKey", onlyJWKS, valid(jwt.SigningMethodES256, ecKey, "rsa-1"), "bad signature"},
		{"ErrRS384", onlyJWKS, valid(jwt.SigningMethodRS384, rsaKey, "rsa-1"), "RS256 or ES256"},
		// The public key used as an HMAC secret: HS256 is not accepted without JWT_SECRET.
		{"ErrHS256WithPublicKey", onlyJWKS, valid(jwt.SigningMethodHS256, rsaPubDER, "rsa-1"), "RS256 or ES256"},
		{"ErrNone", onlyJWKS, valid(jwt.SigningMethodNone, jwt.UnsafeAllowNoneSignatureType, "rsa-1"), "bad signature"},
		{"ErrExpired", onlyJWKS, "Bearer " + signed(t, jwt.SigningMethodRS256, rsaKey, "rsa-1", editor, now.Add(-2*time.Hour), now.Add(-time.Hour)), "expired"},
		{"ErrNotYetValid", onlyJWKS, "Bearer " + signed(t, jwt.SigningMethodES256, ecKey, "ec-1", editor, now.Add(time.Hour), now.Add(2*time.Hour)), "not valid yet"},
		{"ErrMissing", both, "", "missing"},
		{"ErrNotBearer", both, "Basic YWxpY2U6cHc=", "malformed"},
		{"ErrMalformedToken", both, "Bearer not.a.jwt", "malformed"},
	}
	for _, tc := range refused {
		t.Run(tc.name, func(t *testing.T) {
			c := callerOf(t, tc.keys, tc.header)
			if !c.Verifiable || c.Principal != nil || !strings.Contains(c.Reason, tc.mentions) {
				t.Errorf("caller %+v; want none, the reason mentioning %q", c, tc.mentions)
			}
		})
	}
	t.Run("OKKeysCached", func(t *testing.T) {
		// One fetch at start and at most one more for the first unknown kid; every other
		// token was checked against the cache.
		if n := fetches.Load(); n < 1 || n > 2 {
			t.Errorf("the JWKS was fetched %d times, want 1 or 2", n)
		}
	})
	for _, tc := range refused {
		if tok := strings.TrimPrefix(tc.header, "Bearer "); tok != "" && strings.Contains(logs.String(), tok) {
			t.Errorf("%s: the log shows the token", tc.name)
		}
	}
}

// TestNoKeysVerifiesNothing: without a secret or a JWKS, a caller is never known, whatever
// token it sends.
func TestNoKeysVerifiesNothing(t *testing.T) {
	tok, err := auth.MintToken(testSecret, "carol", []string{aspnet.RoleEditor}, time.Hour, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	if c := callerOf(t, auth.Keys{}, "Bearer "+tok); c.Verifiable || c.Principal != nil {
		t.Errorf("caller %+v; want an unverifiable one", c)
	}
}

func TestJWKSUnreachableVerifiesNothing(t *testing.T) {
	srv := httptest.NewServer(http.NotFoundHandler())
	url := srv.URL
	srv.Close() // nothing listens there now
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	var logs bytes.Buffer
	jwks, err := auth.NewJWKS(ctx, url, time.Hour, slog.New(slog.NewJSONHandler(&logs, nil)))
	if err != nil {
		t.Fatalf("an unreachable JWKS must not stop the service: %v", err)
	}
	key, _ := rsa.GenerateKey(rand.Reader, 2048)
	now := time.Now()
	c := callerOf(t, auth.Keys{JWKS: jwks}, "Bearer "+signed(t, jwt.SigningMethodRS256, key, "k", []string{aspnet.RoleEditor}, now, now.Add(time.Hour)))
	if !c.Verifiable || c.Principal != nil || !strings.Contains(c.Reason, "bad signature") {
		t.Errorf("caller %+v; want none, for a bad signature", c)
	}
	if !strings.Contains(logs.String(), "fetching the JWKS failed") {
		t.Errorf("the failed fetch was not logged: %s", logs.String())
	}
}
