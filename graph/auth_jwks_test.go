package graph_test

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

	"github.com/aspgraph/aspgraph/graph"
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
			set = append(set, map[string]string{"kty": "RSA", "kid": kid, "use": "sig", "alg": "RS256",
				"n": b64(pub.N.Bytes()), "e": b64(big.NewInt(int64(pub.E)).Bytes())})
		case *ecdsa.PublicKey:
			raw, err := pub.Bytes() // 0x04 || X || Y, each 32 bytes for P-256
			if err != nil {
				t.Fatal(err)
			}
			set = append(set, map[string]string{"kty": "EC", "kid": kid, "use": "sig", "alg": "ES256", "crv": "P-256",
				"x": b64(raw[1:33]), "y": b64(raw[33:])})
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

func TestJWKSTokens(t *testing.T) {
	s := writable(t)
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
	jwks, err := graph.NewJWKS(ctx, srv.URL, time.Hour, slog.New(slog.NewJSONHandler(&logs, nil)))
	if err != nil {
		t.Fatal(err)
	}
	onlyJWKS := authHandler(s, &logs, graph.Auth{JWKS: jwks})
	both := authHandler(s, &logs, graph.Auth{JWKS: jwks, Secret: testSecret})

	now := time.Now()
	valid := func(m jwt.SigningMethod, key any, kid string) string {
		return "Bearer " + signed(t, m, key, kid, []string{graph.RoleEditor}, now.Add(-time.Minute), now.Add(time.Hour))
	}
	rsaPubDER, err := x509.MarshalPKIXPublicKey(&rsaKey.PublicKey)
	if err != nil {
		t.Fatal(err)
	}

	t.Run("OK", func(t *testing.T) {
		for _, tc := range []struct {
			name string
			h    http.Handler
			auth string
		}{
			{"RS256", onlyJWKS, valid(jwt.SigningMethodRS256, rsaKey, "rsa-1")},
			{"ES256", onlyJWKS, valid(jwt.SigningMethodES256, ecKey, "ec-1")},
			{"RS256WithoutKid", onlyJWKS, valid(jwt.SigningMethodRS256, rsaKey, "")},
			{"HS256BesideJWKS", both, "Bearer " + token(t, testSecret, []string{graph.RoleEditor}, time.Hour, now)},
			{"RS256BesideSecret", both, valid(jwt.SigningMethodRS256, rsaKey, "rsa-1")},
		} {
			t.Run(tc.name, func(t *testing.T) {
				name := "JWKS School " + tc.name
				r := postAs(t, tc.h, tc.auth, `mutation($in: CreateSchoolInput!) { createSchool(input: $in) { name } }`,
					map[string]any{"in": schoolInput(name)})
				if len(r.Errors) != 0 || !strings.Contains(string(r.Data), name) {
					t.Errorf("got %s", r.raw)
				}
			})
		}
	})

	refused := []struct {
		name     string
		h        http.Handler
		auth     string
		code     string
		mentions string
	}{
		{"ErrWrongKeySameKid", onlyJWKS, valid(jwt.SigningMethodRS256, otherRSA, "rsa-1"), "UNAUTHENTICATED", "bad signature"},
		{"ErrWrongECKeySameKid", onlyJWKS, valid(jwt.SigningMethodES256, otherEC, "ec-1"), "UNAUTHENTICATED", "bad signature"},
		{"ErrUnknownKid", onlyJWKS, valid(jwt.SigningMethodRS256, otherRSA, "rsa-2"), "UNAUTHENTICATED", "bad signature"},
		{"ErrAlgMismatchForKey", onlyJWKS, valid(jwt.SigningMethodES256, ecKey, "rsa-1"), "UNAUTHENTICATED", "bad signature"},
		{"ErrRS384", onlyJWKS, valid(jwt.SigningMethodRS384, rsaKey, "rsa-1"), "UNAUTHENTICATED", "RS256 or ES256"},
		// The public key used as an HMAC secret: HS256 is not accepted without JWT_SECRET.
		{"ErrHS256WithPublicKey", onlyJWKS, valid(jwt.SigningMethodHS256, rsaPubDER, "rsa-1"), "UNAUTHENTICATED", "RS256 or ES256"},
		{"ErrNone", onlyJWKS, valid(jwt.SigningMethodNone, jwt.UnsafeAllowNoneSignatureType, "rsa-1"), "UNAUTHENTICATED", "bad signature"},
		{"ErrExpired", onlyJWKS, "Bearer " + signed(t, jwt.SigningMethodRS256, rsaKey, "rsa-1", []string{graph.RoleEditor}, now.Add(-2*time.Hour), now.Add(-time.Hour)), "UNAUTHENTICATED", "expired"},
		{"ErrNotYetValid", onlyJWKS, "Bearer " + signed(t, jwt.SigningMethodES256, ecKey, "ec-1", []string{graph.RoleEditor}, now.Add(time.Hour), now.Add(2*time.Hour)), "UNAUTHENTICATED", "not valid yet"},
		{"ErrNoEditorRole", onlyJWKS, "Bearer " + signed(t, jwt.SigningMethodRS256, rsaKey, "rsa-1", []string{"reader"}, now.Add(-time.Minute), now.Add(time.Hour)), "FORBIDDEN", "editor"},
		{"ErrNoEditorRoleES256", both, "Bearer " + signed(t, jwt.SigningMethodES256, ecKey, "ec-1", nil, now.Add(-time.Minute), now.Add(time.Hour)), "FORBIDDEN", "editor"},
	}
	before := snapshot(t, s)
	for _, tc := range refused {
		t.Run(tc.name, func(t *testing.T) {
			r := postAs(t, tc.h, tc.auth, createSchool, map[string]any{"in": schoolInput("Refused JWKS School")})
			if len(r.Errors) != 1 || r.Errors[0].Extensions["code"] != tc.code || !strings.Contains(r.Errors[0].Message, tc.mentions) {
				t.Errorf("got %s, want %s mentioning %q", r.raw, tc.code, tc.mentions)
			}
		})
	}
	if after := snapshot(t, s); after != before {
		t.Error("a refused write changed the graph")
	}
	t.Run("OKKeysCached", func(t *testing.T) {
		// One fetch at start and at most one more for the first unknown kid; every other
		// token was checked against the cache.
		if n := fetches.Load(); n < 1 || n > 2 {
			t.Errorf("the JWKS was fetched %d times, want 1 or 2", n)
		}
	})
	for _, tc := range refused {
		if tok := strings.TrimPrefix(tc.auth, "Bearer "); strings.Contains(logs.String(), tok) {
			t.Errorf("%s: the log shows the token", tc.name)
		}
	}
}

func TestJWKSUnreachableRefusesWrites(t *testing.T) {
	s := writable(t)
	srv := httptest.NewServer(http.NotFoundHandler())
	url := srv.URL
	srv.Close() // nothing listens there now
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	var logs bytes.Buffer
	jwks, err := graph.NewJWKS(ctx, url, time.Hour, slog.New(slog.NewJSONHandler(&logs, nil)))
	if err != nil {
		t.Fatalf("an unreachable JWKS must not stop the service: %v", err)
	}
	key, _ := rsa.GenerateKey(rand.Reader, 2048)
	now := time.Now()
	before := snapshot(t, s)
	r := postAs(t, authHandler(s, &logs, graph.Auth{JWKS: jwks}), "Bearer "+signed(t, jwt.SigningMethodRS256, key, "k", []string{graph.RoleEditor}, now, now.Add(time.Hour)),
		createSchool, map[string]any{"in": schoolInput("Unverified School")})
	if len(r.Errors) != 1 || r.Errors[0].Extensions["code"] != "UNAUTHENTICATED" {
		t.Errorf("got %s", r.raw)
	}
	if snapshot(t, s) != before {
		t.Error("the refused write changed the graph")
	}
	if !strings.Contains(logs.String(), "fetching the JWKS failed") {
		t.Errorf("the failed fetch was not logged: %s", logs.String())
	}
}
