package collation_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/aspgraph/aspgraph/collation"
)

// sorted orders names by their keys in lang, as Neo4j orders the stored keys: as strings.
func sorted(names []string, lang string) []string {
	out := slices.Clone(names)
	slices.SortStableFunc(out, func(a, b string) int {
		return strings.Compare(collation.Key(a, lang), collation.Key(b, lang))
	})
	return out
}

func TestKeyOrder(t *testing.T) {
	for _, tc := range []struct {
		name string
		lang string
		in   []string
		want []string
	}{
		{
			name: "NumbersByValue",
			in:   []string{"Secondary School No. 105", "Secondary School No. 124", "Secondary School No. 145", "Secondary School No. 35", "Secondary School No. 8"},
			want: []string{"Secondary School No. 8", "Secondary School No. 35", "Secondary School No. 105", "Secondary School No. 124", "Secondary School No. 145"},
		},
		{
			name: "LatinIgnoresCaseNotAccents",
			in:   []string{"zeta", "École", "BEST school", "Apple", "ecole", "best"},
			want: []string{"Apple", "best", "BEST school", "ecole", "École", "zeta"},
		},
		{
			name: "RussianAlphabet",
			lang: "ru",
			in:   []string{"Ябло", "ёлка", "Жанна", "Елена", "алма"},
			want: []string{"алма", "Елена", "ёлка", "Жанна", "Ябло"},
		},
		{
			// Kazakh: Ә after А, Ғ after Г, Қ after К, Ұ before Ү, Ы before І.
			name: "KazakhAlphabet",
			lang: "kk",
			in:   []string{"Іле", "Ыбырай", "Үміт", "Ұлт", "Қала", "Кала", "Ғалым", "Гүл", "Бала", "Әлем", "Алма"},
			want: []string{"Алма", "Әлем", "Бала", "Гүл", "Ғалым", "Кала", "Қала", "Ұлт", "Үміт", "Ыбырай", "Іле"},
		},
		{
			// № collates as "No", as in the root collation.
			name: "LatinBeforeCyrillic",
			in:   []string{"Алматы", "No. 9", "№ 8 мектеп", "Almaty"},
			want: []string{"Almaty", "№ 8 мектеп", "No. 9", "Алматы"},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := sorted(tc.in, tc.lang); !slices.Equal(got, tc.want) {
				t.Errorf("sorted:\n got %q\nwant %q", got, tc.want)
			}
		})
	}
}

func TestKeyIgnoresCase(t *testing.T) {
	if a, b := collation.Key("BEST School", ""), collation.Key("best school", ""); a != b {
		t.Errorf("keys of names that differ in case differ: %s, %s", a, b)
	}
	if a, b := collation.Key("Қала", "kk"), collation.Key("қала", "kk"); a != b {
		t.Errorf("Kazakh keys that differ in case differ: %s, %s", a, b)
	}
}

func TestLanguage(t *testing.T) {
	for name, want := range map[string]string{
		"Secondary School No. 8": "en", "Алматы": "ru", "Қазақстан": "kk", "Іле": "kk",
	} {
		if got := collation.Language(name, ""); got != want {
			t.Errorf("Language(%q) = %q, want %q", name, got, want)
		}
	}
	if got := collation.Language("Алматы", "kk"); got != "kk" {
		t.Errorf("a declared language is not kept: %q", got)
	}
}

func TestKeyIsBounded(t *testing.T) {
	if k := collation.Key(strings.Repeat("漢字", 5000), ""); len(k) > 6000+len(collation.Prefix) {
		t.Errorf("key of a long name is %d characters long", len(k))
	}
}

func TestIsKey(t *testing.T) {
	if k := collation.Key("Almaty", ""); !collation.IsKey(k) || !strings.HasPrefix(k, collation.Prefix) {
		t.Errorf("IsKey(%q) is false", k)
	}
	for _, s := range []string{"Almaty", "", "k0:17f3", "k1:17f", "k1:17F3"} {
		if collation.IsKey(s) {
			t.Errorf("IsKey(%q) is true", s)
		}
	}
}
