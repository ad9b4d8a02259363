package main

import (
	"flag"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/aspgraph/aspgraph/aspnet"
	"github.com/aspgraph/aspgraph/auth"
)

// mintToken prints a bearer token signed with JWT_SECRET, for development: the subject, roles
// (comma-separated, default editor) and lifetime come from the flags.
func mintToken(cfg config, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("token", flag.ContinueOnError)
	fs.SetOutput(stderr)
	sub := fs.String("sub", "", "the token's subject, recorded as editedBy on what it writes (required)")
	ttl := fs.Duration("ttl", 24*time.Hour, "how long the token is valid")
	roles := fs.String("roles", aspnet.RoleEditor, "comma-separated roles")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if *sub == "" || *ttl <= 0 {
		_, _ = fmt.Fprintln(stderr, "usage: aspgraph token --sub NAME [--ttl 24h] [--roles editor]")
		return 2
	}
	if cfg.JWTSecret == "" {
		_, _ = fmt.Fprintln(stderr, "aspgraph token: JWT_SECRET is not set; set it (at least 32 bytes, e.g. export JWT_SECRET=$(openssl rand -hex 32)) for both the server and this command")
		return 2
	}
	var rs []string
	for _, r := range strings.Split(*roles, ",") {
		if r = strings.TrimSpace(r); r != "" {
			rs = append(rs, r)
		}
	}
	tok, err := auth.MintToken([]byte(cfg.JWTSecret), *sub, rs, *ttl, time.Now())
	if err != nil {
		_, _ = fmt.Fprintln(stderr, "aspgraph token:", err)
		return 1
	}
	_, _ = fmt.Fprintln(stdout, tok)
	return 0
}
