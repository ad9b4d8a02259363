package main

import (
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/aspgraph/aspgraph/graph"
	"github.com/aspgraph/aspgraph/httpapi"
)

func env(m map[string]string) func(string) string { return func(k string) string { return m[k] } }

func TestLoadConfig(t *testing.T) {
	t.Run("Defaults", func(t *testing.T) {
		c, err := loadConfig(env(nil))
		if err != nil {
			t.Fatal(err)
		}
		if c.Port != 8080 || !c.local() || c.Neo4jUsername != "neo4j" || c.Neo4jDatabase != "neo4j" ||
			c.Neo4jPassword != defaultDevPassword || !c.LoadDataset || c.RequestTimeout != 10*time.Second || c.MaxDepth != 12 ||
			c.LocalNeo4jPort != 7687 || len(c.CORSOrigins) != 1 || c.CORSOrigins[0] != "*" ||
			c.MaxConcurrent != 4*runtime.GOMAXPROCS(0) {
			t.Errorf("defaults: %+v", c)
		}
	})
	t.Run("FromEnvironment", func(t *testing.T) {
		c, err := loadConfig(env(map[string]string{
			"PORT": "9000", "NEO4J_URI": "neo4j+s://example.databases.neo4j.io", "NEO4J_PASSWORD": "s3cret-pw",
			"CORS_ALLOWED_ORIGINS": "https://a.example, https://b.example", "LOAD_DATASET": "false",
			"REQUEST_TIMEOUT": "3s", "MAX_CONCURRENT_REQUESTS": "0",
		}))
		if err != nil {
			t.Fatal(err)
		}
		if c.Port != 9000 || c.local() || c.LoadDataset || c.RequestTimeout != 3*time.Second || c.MaxConcurrent != 0 ||
			strings.Join(c.CORSOrigins, "|") != "https://a.example|https://b.example" {
			t.Errorf("config: %+v", c)
		}
		if dump := c.logValue().String(); strings.Contains(dump, "s3cret-pw") || !strings.Contains(dump, "redacted") {
			t.Errorf("the start-up dump shows the password or does not say it is redacted: %s", dump)
		}
	})
	t.Run("ErrNamesEveryBadVariable", func(t *testing.T) {
		_, err := loadConfig(env(map[string]string{"PORT": "eighty", "LOAD_DATASET": "maybe", "REQUEST_TIMEOUT": "soon"}))
		if err == nil {
			t.Fatal("no error")
		}
		for _, name := range []string{"PORT", "LOAD_DATASET", "REQUEST_TIMEOUT"} {
			if !strings.Contains(err.Error(), name) {
				t.Errorf("error %q does not name %s", err, name)
			}
		}
	})
	t.Run("ErrPortOutOfRange", func(t *testing.T) {
		if _, err := loadConfig(env(map[string]string{"PORT": "70000"})); err == nil || !strings.Contains(err.Error(), "PORT") {
			t.Errorf("got %v", err)
		}
	})
}

func TestLoadConfigPersistedOperations(t *testing.T) {
	if _, err := loadConfig(env(map[string]string{"PERSISTED_OPERATIONS_ONLY": "true"})); err == nil || !strings.Contains(err.Error(), "PERSISTED_OPERATIONS_FILE") {
		t.Errorf("allow-list without a file: %v", err)
	}
	c, err := loadConfig(env(map[string]string{"PERSISTED_OPERATIONS_ONLY": "true", "PERSISTED_OPERATIONS_FILE": "ops.json", "INTROSPECTION": "false"}))
	if err != nil || !c.PersistedOnly || c.Introspection {
		t.Errorf("got %+v, %v", c, err)
	}
}

func TestLoadConfigAuth(t *testing.T) {
	secret := "0123456789abcdef0123456789abcdef-secret"
	t.Run("OKSecretRedacted", func(t *testing.T) {
		c, err := loadConfig(env(map[string]string{"JWT_SECRET": secret, "REQUIRE_AUTH_FOR_READS": "true"}))
		if err != nil || c.JWTSecret != secret || !c.RequireAuthForReads {
			t.Fatalf("got %+v, %v", c, err)
		}
		if dump := c.logValue().String(); strings.Contains(dump, secret) || !strings.Contains(dump, "JWT_SECRET") {
			t.Errorf("the start-up dump shows the secret or omits it: %s", dump)
		}
	})
	t.Run("OKUnsetRefusesWrites", func(t *testing.T) {
		c, err := loadConfig(env(nil))
		if err != nil || c.JWTSecret != "" || c.RequireAuthForReads {
			t.Errorf("got %+v, %v", c, err)
		}
	})
	t.Run("ErrSecretTooShort", func(t *testing.T) {
		if _, err := loadConfig(env(map[string]string{"JWT_SECRET": "short"})); err == nil || !strings.Contains(err.Error(), "JWT_SECRET") {
			t.Errorf("got %v", err)
		}
	})
	t.Run("ErrReadsNeedSecret", func(t *testing.T) {
		if _, err := loadConfig(env(map[string]string{"REQUIRE_AUTH_FOR_READS": "true"})); err == nil || !strings.Contains(err.Error(), "REQUIRE_AUTH_FOR_READS") {
			t.Errorf("got %v", err)
		}
	})
}

func TestTokenCommand(t *testing.T) {
	var out, errOut strings.Builder
	c, _ := loadConfig(env(nil))
	if code := mintToken(c, []string{"--sub", "dev"}, &out, &errOut); code != 2 || !strings.Contains(errOut.String(), "JWT_SECRET") {
		t.Errorf("without a secret: exit %d, %q", code, errOut.String())
	}
	c.JWTSecret = "0123456789abcdef0123456789abcdef-secret"
	out.Reset()
	if code := mintToken(c, []string{"--sub", "dev", "--ttl", "1h", "--roles", "editor,reader"}, &out, &errOut); code != 0 || strings.Count(out.String(), ".") != 2 {
		t.Errorf("exit %d, token %q", code, out.String())
	}
}

func TestLoadConfigSlowClientsAndMetrics(t *testing.T) {
	t.Run("Defaults", func(t *testing.T) {
		c, err := loadConfig(env(nil))
		if err != nil {
			t.Fatal(err)
		}
		if c.ReadHeaderTimeout != 5*time.Second || c.ReadTimeout != 10*time.Second || c.WriteTimeout != 25*time.Second ||
			c.IdleTimeout != time.Minute || c.MaxConnections != 1024 || c.MaxConnectionsPerClient != 64 || c.MetricsAddr != "127.0.0.1:9090" {
			t.Errorf("defaults: %+v", c)
		}
	})
	t.Run("FollowRequestTimeout", func(t *testing.T) {
		c, err := loadConfig(env(map[string]string{"REQUEST_TIMEOUT": "3s"}))
		if err != nil {
			t.Fatal(err)
		}
		if c.ReadHeaderTimeout != 3*time.Second || c.ReadTimeout != 3*time.Second || c.WriteTimeout != 11*time.Second {
			t.Errorf("with REQUEST_TIMEOUT=3s: %s %s %s", c.ReadHeaderTimeout, c.ReadTimeout, c.WriteTimeout)
		}
	})
	t.Run("FromEnvironment", func(t *testing.T) {
		c, err := loadConfig(env(map[string]string{
			"READ_HEADER_TIMEOUT": "2s", "READ_TIMEOUT": "4s", "WRITE_TIMEOUT": "8s",
			"IDLE_TIMEOUT": "30s", "MAX_CONNECTIONS": "0", "MAX_CONNECTIONS_PER_CLIENT": "0", "METRICS_ADDR": "off",
		}))
		if err != nil {
			t.Fatal(err)
		}
		if c.ReadHeaderTimeout != 2*time.Second || c.ReadTimeout != 4*time.Second || c.WriteTimeout != 8*time.Second ||
			c.IdleTimeout != 30*time.Second || c.MaxConnections != 0 || c.MaxConnectionsPerClient != 0 || c.MetricsAddr != httpapi.MetricsOff {
			t.Errorf("config: %+v", c)
		}
		if dump := c.logValue().String(); !strings.Contains(dump, "WRITE_TIMEOUT") || !strings.Contains(dump, "METRICS_ADDR") {
			t.Errorf("the start-up dump lacks the new variables: %s", dump)
		}
	})
	t.Run("HeavyLane", func(t *testing.T) {
		c, err := loadConfig(env(map[string]string{"HEAVY_COMPLEXITY": "5000", "HEAVY_MAX_CONCURRENT": "2", "HEAVY_QUEUE": "0", "HEAVY_MAX_READS": "3"}))
		if err != nil {
			t.Fatal(err)
		}
		if want := (graph.HeavyLane{Complexity: 5000, Concurrent: 2, Queue: 0, Reads: 3}); c.Heavy != want {
			t.Errorf("heavy lane %+v, want %+v", c.Heavy, want)
		}
		if dump := c.logValue().String(); !strings.Contains(dump, "HEAVY_COMPLEXITY=5000") || !strings.Contains(dump, "HEAVY_MAX_READS=3") {
			t.Errorf("the start-up dump lacks the heavy lane: %s", dump)
		}
	})
	for name, vars := range map[string]map[string]string{
		"HEAVY_MAX_CONCURRENT": {"HEAVY_MAX_CONCURRENT": "8", "MAX_CONCURRENT_REQUESTS": "8"},
		"HEAVY_QUEUE":          {"HEAVY_QUEUE": "-1"},
		"WRITE_TIMEOUT":        {"WRITE_TIMEOUT": "0s"},
		"READ_HEADER_TIMEOUT":  {"READ_HEADER_TIMEOUT": "20s", "READ_TIMEOUT": "10s"},
		"METRICS_ADDR":         {"METRICS_ADDR": "9090"},
	} {
		t.Run("Err"+name, func(t *testing.T) {
			if _, err := loadConfig(env(vars)); err == nil || !strings.Contains(err.Error(), name) {
				t.Errorf("%v: %v", vars, err)
			}
		})
	}
}
