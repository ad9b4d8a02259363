package main

import (
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"testing"
)

// corsRoutes is the service's handler as serve wires it, over the test Neo4j, with the
// configuration env gives.
func corsRoutes(t *testing.T, env map[string]string) http.Handler {
	t.Helper()
	requireNeo4j(t)
	for _, k := range []string{"NEO4J_URI", "NEO4J_USERNAME", "NEO4J_PASSWORD"} {
		env[k] = os.Getenv(k)
	}
	cfg, err := loadConfig(func(k string) string { return env[k] })
	if err != nil {
		t.Fatal(err)
	}
	h, _ := wiredAPI(t, cfg)
	return h
}

func preflight(h http.Handler, origin, headers string) *httptest.ResponseRecorder {
	req := httptest.NewRequest(http.MethodOptions, "/query", nil)
	req.Header.Set("Origin", origin)
	req.Header.Set("Access-Control-Request-Method", http.MethodPost)
	if headers != "" {
		req.Header.Set("Access-Control-Request-Headers", headers)
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec
}

// TestCORSPreflights sends the preflights browsers send for the headers of common GraphQL
// clients, and checks each is allowed and cached; a header nobody listed is not, and
// CORS_ALLOWED_HEADERS replaces the list.
func TestCORSPreflights(t *testing.T) {
	h := corsRoutes(t, map[string]string{})
	clients := map[string]string{
		"fetch with JSON":             "content-type",
		"Apollo Client awareness":     "apollographql-client-name,apollographql-client-version,content-type",
		"Apollo CSRF prevention":      "apollo-require-preflight,content-type,x-apollo-operation-name",
		"bearer token and request ID": "authorization,content-type,x-request-id",
		"OpenTelemetry web":           "baggage,content-type,traceparent,tracestate",
		"Sentry":                      "baggage,content-type,sentry-trace",
		"client name headers":         "content-type,graphql-client-name,graphql-client-version",
	}
	for name, headers := range clients {
		t.Run(name, func(t *testing.T) {
			rec := preflight(h, "https://dashboard.example", headers)
			allowed := strings.ToLower(strings.Join(rec.Header().Values("Access-Control-Allow-Headers"), ","))
			for _, want := range strings.Split(headers, ",") {
				if !strings.Contains(allowed, want) {
					t.Errorf("preflight for %s: allowed headers %q lack %s (HTTP %d)", headers, allowed, want, rec.Code)
				}
			}
			if rec.Header().Get("Access-Control-Allow-Origin") == "" || rec.Header().Get("Access-Control-Max-Age") != "7200" {
				t.Errorf("preflight headers %v", rec.Header())
			}
		})
	}
	t.Run("UnlistedHeaderIsRefused", func(t *testing.T) {
		rec := preflight(h, "https://dashboard.example", "content-type,x-unheard-of")
		if rec.Header().Get("Access-Control-Allow-Origin") != "" {
			t.Errorf("a preflight for x-unheard-of was allowed: %v", rec.Header())
		}
	})
	t.Run("ConfiguredList", func(t *testing.T) {
		h := corsRoutes(t, map[string]string{"CORS_ALLOWED_HEADERS": "Content-Type, X-Tenant"})
		if rec := preflight(h, "https://a.example", "content-type,x-tenant"); rec.Header().Get("Access-Control-Allow-Origin") == "" {
			t.Errorf("X-Tenant, configured, was refused: %v", rec.Header())
		}
		if rec := preflight(h, "https://a.example", "content-type,apollographql-client-name"); rec.Header().Get("Access-Control-Allow-Origin") != "" {
			t.Errorf("the configured list did not replace the default: %v", rec.Header())
		}
	})
	t.Run("CrossOriginQueryAnswers", func(t *testing.T) {
		req := httptest.NewRequest(http.MethodPost, "/query", strings.NewReader(`{"query":"{ networks { scope } }"}`))
		req.Header.Set("Origin", "https://dashboard.example")
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("apollographql-client-name", "dashboard")
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code != http.StatusOK || rec.Header().Get("Access-Control-Allow-Origin") == "" || !strings.Contains(rec.Body.String(), `"networks":[`) {
			t.Errorf("HTTP %d %v %s", rec.Code, rec.Header(), rec.Body)
		}
	})
}
