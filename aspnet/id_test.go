package aspnet_test

import (
	"encoding/base64"
	"testing"

	"github.com/aspgraph/aspgraph/aspnet"
)

func TestIDRoundTripsEveryKind(t *testing.T) {
	keys := []string{"aspnet-001", "x", "key:with:colons", "ünïcödé", "with space", "a/b+c=d"}
	for _, k := range aspnet.Kinds {
		for _, key := range keys {
			t.Run(string(k)+"/"+key+" decodes to itself", func(t *testing.T) {
				id := aspnet.EncodeID(k, key)
				gotKind, gotKey, ok := aspnet.DecodeID(id)
				if !ok {
					t.Fatalf("DecodeID(%q) ok = false", id)
				}
				if gotKind != k || gotKey != key {
					t.Fatalf("DecodeID(EncodeID(%s, %q)) = %s, %q", k, key, gotKind, gotKey)
				}
			})
		}
	}
}

func TestKindsAreDistinctAndComplete(t *testing.T) {
	want := []aspnet.Kind{
		aspnet.KindSource, aspnet.KindCountry, aspnet.KindCity, aspnet.KindNetwork, aspnet.KindNote,
		aspnet.KindKeyArea, aspnet.KindOrganization, aspnet.KindSchool, aspnet.KindOccasion,
		aspnet.KindAppeal, aspnet.KindEvent,
	}
	seen := map[aspnet.Kind]bool{}
	for _, k := range aspnet.Kinds {
		if seen[k] {
			t.Errorf("Kinds lists %s twice", k)
		}
		seen[k] = true
	}
	for _, k := range want {
		if !seen[k] {
			t.Errorf("Kinds does not list %s", k)
		}
	}
	if len(aspnet.Kinds) != len(want) {
		t.Errorf("len(Kinds) = %d, want %d", len(aspnet.Kinds), len(want))
	}
}

func TestIDsOfDifferentEntitiesDiffer(t *testing.T) {
	seen := map[string]string{}
	for _, k := range aspnet.Kinds {
		for _, key := range []string{"a", "b", "aa"} {
			id := aspnet.EncodeID(k, key)
			what := string(k) + ":" + key
			if prev, dup := seen[id]; dup {
				t.Errorf("EncodeID gives %q to both %s and %s", id, prev, what)
			}
			seen[id] = what
		}
	}
}

func TestIDIsStable(t *testing.T) {
	t.Run("same input gives same output", func(t *testing.T) {
		a := aspnet.EncodeID(aspnet.KindNetwork, "aspnet")
		b := aspnet.EncodeID(aspnet.KindNetwork, "aspnet")
		if a != b {
			t.Fatalf("EncodeID twice: %q then %q", a, b)
		}
	})
	t.Run("golden value is unchanged", func(t *testing.T) {
		// base64url("School:aspnet-001") without padding. If this changes, every ID that
		// clients have stored stops working.
		const golden = "U2Nob29sOmFzcG5ldC0wMDE"
		if got := aspnet.EncodeID(aspnet.KindSchool, "aspnet-001"); got != golden {
			t.Fatalf("EncodeID(School, aspnet-001) = %q, want %q", got, golden)
		}
		k, key, ok := aspnet.DecodeID(golden)
		if !ok || k != aspnet.KindSchool || key != "aspnet-001" {
			t.Fatalf("DecodeID(%q) = %s, %q, %v", golden, k, key, ok)
		}
	})
	t.Run("entity ID methods use EncodeID", func(t *testing.T) {
		nodes := []struct {
			n    aspnet.Node
			kind aspnet.Kind
			key  string
		}{
			{&aspnet.Source{Key: "s"}, aspnet.KindSource, "s"},
			{&aspnet.Country{Key: "c"}, aspnet.KindCountry, "c"},
			{&aspnet.City{Key: "ci"}, aspnet.KindCity, "ci"},
			{&aspnet.Network{Key: "n"}, aspnet.KindNetwork, "n"},
			{&aspnet.Note{Key: "no"}, aspnet.KindNote, "no"},
			{&aspnet.KeyArea{Key: "k"}, aspnet.KindKeyArea, "k"},
			{&aspnet.Organization{Key: "o"}, aspnet.KindOrganization, "o"},
			{&aspnet.School{Key: "sc"}, aspnet.KindSchool, "sc"},
			{&aspnet.Occasion{Key: "oc"}, aspnet.KindOccasion, "oc"},
			{&aspnet.Appeal{Key: "a"}, aspnet.KindAppeal, "a"},
			{&aspnet.Event{Key: "e"}, aspnet.KindEvent, "e"},
		}
		for _, tt := range nodes {
			if got, want := tt.n.ID(), aspnet.EncodeID(tt.kind, tt.key); got != want {
				t.Errorf("%T.ID() = %q, want %q", tt.n, got, want)
			}
		}
	})
}

func TestDecodeIDRejectsMalformed(t *testing.T) {
	raw := func(s string) string { return base64.RawURLEncoding.EncodeToString([]byte(s)) }
	valid := aspnet.EncodeID(aspnet.KindSchool, "a")
	tests := []struct {
		name string
		id   string
	}{
		{"empty string", ""},
		{"not base64", "!!"},
		{"no colon", raw("School")},
		{"unknown kind", raw("Nope:x")},
		{"empty key", raw("School:")},
		{"empty kind", raw(":x")},
		{"kind in wrong case", raw("school:x")},
		{"standard base64 with padding", base64.StdEncoding.EncodeToString([]byte("School:a"))},
		{"standard base64 with plus and slash", base64.StdEncoding.EncodeToString([]byte("School:>>>?"))},
		{"standard base64 alphabet without padding", base64.RawStdEncoding.EncodeToString([]byte("School:>>>?"))},
		{"url base64 with padding", base64.URLEncoding.EncodeToString([]byte("School:a"))},
		{"trailing newline", valid + "\n"},
		{"embedded carriage return and newline", valid[:4] + "\r\n" + valid[4:]},
		{"non-canonical trailing bits", nonCanonical(valid)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			k, key, ok := aspnet.DecodeID(tt.id)
			if ok {
				t.Fatalf("DecodeID(%q) = %s, %q, true; want ok = false", tt.id, k, key)
			}
			if k != "" || key != "" {
				t.Errorf("DecodeID(%q) returned %q, %q with ok = false", tt.id, k, key)
			}
		})
	}
}

// nonCanonical changes the unused low bits of the last character of an unpadded base64url
// string whose length is not a multiple of four, so it decodes to the same bytes.
func nonCanonical(s string) string {
	const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
	last := s[len(s)-1]
	for i := 0; i < len(alphabet); i++ {
		if alphabet[i] == last {
			return s[:len(s)-1] + string(alphabet[i+1])
		}
	}
	panic("not base64url")
}

func TestNonCanonicalHelperDecodesToSameBytes(t *testing.T) {
	valid := aspnet.EncodeID(aspnet.KindSchool, "a") // "School:a": 8 bytes, 11 characters
	nc := nonCanonical(valid)
	a, errA := base64.RawURLEncoding.DecodeString(valid)
	b, errB := base64.RawURLEncoding.DecodeString(nc)
	if errA != nil || errB != nil || string(a) != string(b) || nc == valid {
		t.Fatalf("helper broken: %q -> %q, %q / %q -> %q, %v", valid, a, errA, nc, b, errB)
	}
}

func FuzzDecodeID(f *testing.F) {
	for _, s := range []string{
		"", "!!", "U2Nob29s", "Tm9wZTp4", "U2Nob29sOg", "U2Nob29sOg==", "U2Nob29sOj4+Pj8=", "U2Nob29sOmFzcG5ldC0wMDE",
	} {
		f.Add(s)
	}
	for _, k := range aspnet.Kinds {
		f.Add(aspnet.EncodeID(k, "key"))
	}
	f.Fuzz(func(t *testing.T, id string) {
		k, key, ok := aspnet.DecodeID(id)
		if !ok {
			if k != "" || key != "" {
				t.Fatalf("DecodeID(%q) returned %q, %q with ok = false", id, k, key)
			}
			return
		}
		if key == "" {
			t.Fatalf("DecodeID(%q) ok with empty key", id)
		}
		if got := aspnet.EncodeID(k, key); got != id {
			t.Fatalf("DecodeID(%q) = %s, %q but EncodeID gives %q", id, k, key, got)
		}
	})
}
