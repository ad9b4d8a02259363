package main

import (
	"context"
	"errors"
	"log/slog"
	"os"
	"os/exec"

	"github.com/aspgraph/aspgraph/localneo4j"
)

// withNeo4j starts a throw-away local Neo4j in a temporary folder, runs the command with the
// NEO4J_* variables pointing at it, and stops it. It exits as the command did.
func withNeo4j(ctx context.Context, log *slog.Logger, cfg config, args []string) int {
	if len(args) > 0 && args[0] == "--" {
		args = args[1:]
	}
	if len(args) == 0 {
		log.Error("with-neo4j needs a command to run")
		return 2
	}
	dir, err := os.MkdirTemp("", "aspgraph-neo4j-")
	if err != nil {
		log.Error("with-neo4j", "error", err.Error())
		return 1
	}
	defer func() { _ = os.RemoveAll(dir) }()
	port, err := localneo4j.FreePort()
	if err != nil {
		log.Error("with-neo4j", "error", err.Error())
		return 1
	}
	srv, err := startLocalNeo4j(ctx, log, cfg, dir, port)
	if err != nil {
		log.Error("with-neo4j", "error", err.Error())
		return 1
	}
	defer stopLocalNeo4j(log, srv)
	cmd := exec.CommandContext(ctx, args[0], args[1:]...)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = os.Stdin, os.Stdout, os.Stderr
	cmd.Env = append(os.Environ(),
		"NEO4J_URI="+srv.URI(), "NEO4J_USERNAME=neo4j",
		"NEO4J_PASSWORD="+cfg.Neo4jPassword, "NEO4J_DATABASE=neo4j")
	if err := cmd.Run(); err != nil {
		var exit *exec.ExitError
		if errors.As(err, &exit) {
			return exit.ExitCode()
		}
		log.Error("with-neo4j", "error", err.Error())
		return 1
	}
	return 0
}
