// Package collation makes the sort keys by which the graph's lists are ordered by name: the
// Unicode Collation Algorithm (golang.org/x/text/collate, CLDR's tailorings) for the name's
// language, ignoring case, with runs of digits compared by their value, so that "No. 8"
// sorts before "No. 35" and "No. 105", and "Ә" after "А" in Kazakh.
//
// A key is Prefix and the collation key's bytes in lower-case hexadecimal: comparing two keys as strings,
// as Neo4j does in ORDER BY and in its range indexes, gives the collation's order, since hex
// digits sort as the nibbles they spell. Neo4j cannot collate by itself (it compares strings
// by code point), which is why the key is made here and stored.
package collation

import (
	"encoding/hex"
	"strings"
	"sync"

	"golang.org/x/text/collate"
	"golang.org/x/text/language"
)

// Version names the rules keys are made by; every key starts with it and ':' (which leaves
// the order of keys of one version as it is). A stored key made by other rules is made again
// (see the store's migration), so that every key of a list compares by the same rules.
// Change it when the rules change: the options, or golang.org/x/text's CLDR tables.
const Version = "k1"

// Prefix begins every key made by the current rules.
const Prefix = Version + ":"

// DefaultLanguage is the language of a name whose language neither the data gives nor its
// letters tell (see Language): English, whose collation is the root one (DUCET) for the
// Latin script and for every other script.
const DefaultLanguage = "en"

// kazakhLetters are the Cyrillic letters of the Kazakh alphabet that Russian lacks.
const kazakhLetters = "ӘәҒғҚқҢңӨөҰұҮүҺһІі"

// Language returns the language whose collation orders name: declared when it is given (a
// BCP 47 tag, as the data files give it); otherwise "kk" for Cyrillic with a letter of the
// Kazakh alphabet that Russian lacks, "ru" for other Cyrillic, and DefaultLanguage for the
// rest.
func Language(name, declared string) string {
	if declared != "" {
		return declared
	}
	if strings.ContainsAny(name, kazakhLetters) {
		return "kk"
	}
	for _, r := range name {
		if r >= 0x0400 && r <= 0x04FF {
			return "ru"
		}
	}
	return DefaultLanguage
}

// collators holds one collator per language. A collate.Collator is not safe for concurrent
// use, so each is used under its own lock.
var collators sync.Map // language string -> *lockedCollator

type lockedCollator struct {
	mu  sync.Mutex
	c   *collate.Collator
	buf collate.Buffer
}

func collatorFor(lang string) *lockedCollator {
	if c, ok := collators.Load(lang); ok {
		return c.(*lockedCollator)
	}
	tag, err := language.Parse(lang)
	if err != nil {
		tag = language.Make(DefaultLanguage)
	}
	c, _ := collators.LoadOrStore(lang, &lockedCollator{c: collate.New(tag, collate.Numeric, collate.IgnoreCase)})
	return c.(*lockedCollator)
}

// IsKey reports whether s is a key made by the current rules.
func IsKey(s string) bool {
	h, ok := strings.CutPrefix(s, Prefix)
	if !ok || len(h)%2 != 0 {
		return false
	}
	for _, r := range h {
		if (r < '0' || r > '9') && (r < 'a' || r > 'f') {
			return false
		}
	}
	return true
}

// Key returns the sort key of name in lang ("" for Language's choice), as lower-case hex.
// Names that differ only in case have the same key; lists break such ties by entity key.
func Key(name, lang string) string {
	lc := collatorFor(Language(name, lang))
	lc.mu.Lock()
	defer lc.mu.Unlock()
	k := lc.c.KeyFromString(&lc.buf, name)
	if len(k) > maxKeyBytes {
		k = k[:maxKeyBytes]
	}
	out := Prefix + hex.EncodeToString(k)
	lc.buf.Reset()
	return out
}

// maxKeyBytes bounds a key, so that its hex (twice as long) stays well within what a Neo4j
// range index entry may hold (about 8 KiB). A key cut there still orders its name among others
// by the first several hundred characters, far beyond any name's length limit.
const maxKeyBytes = 3000
