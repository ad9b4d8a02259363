// Package data embeds the reviewable data files of the ASPnet knowledge graph: the sources,
// places, networks, key areas, organizations, schools, occasions and events, each with the
// citations of the facts it states. Read them with dataset.Read(data.Files).
package data

import "embed"

// Files holds every data/*.yaml file.
//
//go:embed *.yaml
var Files embed.FS
