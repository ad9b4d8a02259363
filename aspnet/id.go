package aspnet

import (
	"encoding/base64"
	"strings"
)

// Kind is the type of an entity, as its ID and its Neo4j label name it.
type Kind string

// The kinds of entity in the graph.
const (
	KindSource       Kind = "Source"
	KindCountry      Kind = "Country"
	KindCity         Kind = "City"
	KindNetwork      Kind = "Network"
	KindNote         Kind = "Note"
	KindKeyArea      Kind = "KeyArea"
	KindOrganization Kind = "Organization"
	KindSchool       Kind = "School"
	KindOccasion     Kind = "Occasion"
	KindAppeal       Kind = "Appeal"
	KindEvent        Kind = "Event"
)

// Kinds lists every kind of entity that has an ID.
var Kinds = []Kind{
	KindSource, KindCountry, KindCity, KindNetwork, KindNote, KindKeyArea,
	KindOrganization, KindSchool, KindOccasion, KindAppeal, KindEvent,
}

func (k Kind) valid() bool {
	for _, v := range Kinds {
		if v == k {
			return true
		}
	}
	return false
}

// EncodeID makes the opaque ID of the entity of kind k with key key. IDs depend only on the
// kind and the key, so they are stable across restarts and reloads.
func EncodeID(k Kind, key string) string {
	return base64.RawURLEncoding.EncodeToString([]byte(string(k) + ":" + key))
}

// DecodeID splits an opaque ID into its kind and key. ok is false for a malformed ID, and for
// any spelling of an ID other than the one EncodeID makes: the decoder ignores CR and LF and the
// unused low bits of the last character, so without the check several strings would name one
// entity.
func DecodeID(id string) (k Kind, key string, ok bool) {
	raw, err := base64.RawURLEncoding.DecodeString(id)
	if err != nil || base64.RawURLEncoding.EncodeToString(raw) != id {
		return "", "", false
	}
	kind, key, found := strings.Cut(string(raw), ":")
	if !found || key == "" || !Kind(kind).valid() {
		return "", "", false
	}
	return Kind(kind), key, true
}
