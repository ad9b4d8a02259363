// Package data is the ASPnet knowledge graph as reviewable data files (*.yaml, embedded), each
// fact with its citation, and the strict reader that validates every entry before anything is
// written to Neo4j.
package data

import "embed"

// Files holds every data/*.yaml file: the sources, places, networks, key areas,
// organizations, schools, occasions and events. Read them with Read(Files).
//
//go:embed *.yaml
var Files embed.FS
