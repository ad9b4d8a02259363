package aspnet_test

import (
	"encoding/base64"
	"errors"
	"reflect"
	"strings"
	"testing"

	"github.com/aspgraph/aspgraph/aspnet"
)

func intp(i int) *int           { return &i }
func strp(s string) *string     { return &s }
func rawCursor(s string) string { return base64.RawURLEncoding.EncodeToString([]byte(s)) }

// wantInputError checks that err is an *aspnet.Error with CodeBadUserInput whose message
// names the argument.
func wantInputError(t *testing.T, err error, arg string) {
	t.Helper()
	if err == nil {
		t.Fatalf("got no error, want BAD_USER_INPUT naming %q", arg)
	}
	var e *aspnet.Error
	if !errors.As(err, &e) {
		t.Fatalf("error %v is %T, want *aspnet.Error", err, err)
	}
	if e.Code != aspnet.CodeBadUserInput {
		t.Errorf("error code = %s, want %s", e.Code, aspnet.CodeBadUserInput)
	}
	if !strings.Contains(e.Message, arg) {
		t.Errorf("error message %q does not name %q", e.Message, arg)
	}
}

func TestNewPageFirst(t *testing.T) {
	tests := []struct {
		name  string
		first *int
		want  int
	}{
		{"absent defaults to 20", nil, 20},
		{"zero is accepted", intp(0), 0},
		{"one is accepted", intp(1), 1},
		{"max is accepted", intp(100), 100},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := aspnet.NewPage(tt.first, nil)
			if err != nil {
				t.Fatalf("NewPage error: %v", err)
			}
			if p.First != tt.want {
				t.Errorf("First = %d, want %d", p.First, tt.want)
			}
			if p.After != nil {
				t.Errorf("After = %v, want nil", p.After)
			}
		})
	}
	if aspnet.DefaultPageSize != 20 || aspnet.MaxPageSize != 100 {
		t.Errorf("page bounds = %d, %d; want 20, 100", aspnet.DefaultPageSize, aspnet.MaxPageSize)
	}
}

func TestNewPageRejectsFirst(t *testing.T) {
	for _, tt := range []struct {
		name  string
		first int
	}{
		{"minus one is rejected", -1},
		{"max plus one is rejected", 101},
		{"huge negative is rejected", -1 << 31},
		{"huge positive is rejected", 1 << 31},
	} {
		t.Run(tt.name, func(t *testing.T) {
			p, err := aspnet.NewPage(intp(tt.first), nil)
			wantInputError(t, err, "first")
			if !reflect.DeepEqual(p, aspnet.Page{}) {
				t.Errorf("NewPage returned %+v with its error, want the zero Page", p)
			}
		})
	}
}

func TestNewPageAfter(t *testing.T) {
	key := []any{"Belgium", "school-0042"}
	c := aspnet.EncodeCursor(key)
	p, err := aspnet.NewPage(intp(5), &c)
	if err != nil {
		t.Fatalf("NewPage(5, %q) error: %v", c, err)
	}
	if p.First != 5 || !reflect.DeepEqual(p.After, key) {
		t.Fatalf("NewPage(5, cursor) = %+v, want First 5 After %v", p, key)
	}
}

func TestCursorRoundTrip(t *testing.T) {
	tests := []struct {
		name string
		key  []any
	}{
		{"single key", []any{"school-1"}},
		{"two keys", []any{"Belgium", "school-1"}},
		{"empty string", []any{""}},
		{"unicode", []any{"Côte d’Ivoire", "学校"}},
		{"json and html metacharacters", []any{`"quoted" \ <b>&amp;</b>`, "\n\t"}},
		{"many keys", []any{"a", "b", "c", "d", "e", "f"}},
		{"number", []any{float64(1996), "x"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := aspnet.EncodeCursor(tt.key)
			if strings.ContainsAny(c, "+/=") {
				t.Errorf("cursor %q is not unpadded base64url", c)
			}
			got, err := aspnet.DecodeCursor(c)
			if err != nil {
				t.Fatalf("DecodeCursor(%q) error: %v", c, err)
			}
			if !reflect.DeepEqual(got, tt.key) {
				t.Fatalf("DecodeCursor(EncodeCursor(%#v)) = %#v", tt.key, got)
			}
			if again := aspnet.EncodeCursor(got); again != c {
				t.Errorf("cursor is not stable: %q then %q", c, again)
			}
		})
	}
}

func TestCursorIsVersioned(t *testing.T) {
	raw, err := base64.RawURLEncoding.DecodeString(aspnet.EncodeCursor([]any{"k"}))
	if err != nil {
		t.Fatal(err)
	}
	if got, want := string(raw), `c1:["k"]`; got != want {
		t.Fatalf("cursor payload = %q, want %q", got, want)
	}
}

var malformedCursors = []struct {
	name   string
	cursor string
}{
	{"empty string", ""},
	{"not base64", "!!not base64!!"},
	{"standard base64 with padding", base64.StdEncoding.EncodeToString([]byte(`c1:["k"]`))},
	{"no prefix", rawCursor(`["k"]`)},
	{"wrong prefix", rawCursor(`c2:["k"]`)},
	{"prefix only", rawCursor("c1:")},
	{"prefix is a suffix", rawCursor(`["k"]c1:`)},
	{"empty list", rawCursor(`c1:[]`)},
	{"null", rawCursor(`c1:null`)},
	{"JSON object", rawCursor(`c1:{"a":"b"}`)},
	{"JSON string", rawCursor(`c1:"k"`)},
	{"JSON number", rawCursor(`c1:1`)},
	{"list containing null", rawCursor(`c1:["k",null]`)},
	{"list containing bool", rawCursor(`c1:[true,"k"]`)},
	{"list containing object", rawCursor(`c1:["k",{"a":1}]`)},
	{"list containing list", rawCursor(`c1:["k",["j"]]`)},
	{"truncated JSON", rawCursor(`c1:["k"`)},
	{"trailing garbage", rawCursor(`c1:["k"]x`)},
}

func TestDecodeCursorRejectsMalformed(t *testing.T) {
	for _, tt := range malformedCursors {
		t.Run(tt.name, func(t *testing.T) {
			if key, err := aspnet.DecodeCursor(tt.cursor); err == nil {
				t.Fatalf("DecodeCursor(%q) = %#v, want an error", tt.cursor, key)
			}
		})
	}
}

func TestNewPageRejectsMalformedAfter(t *testing.T) {
	for _, tt := range malformedCursors {
		if tt.cursor == "" {
			continue // no bound: see TestNewPageEmptyCursorIsNoBound
		}
		t.Run(tt.name, func(t *testing.T) {
			p, err := aspnet.NewPage(nil, strp(tt.cursor))
			wantInputError(t, err, "after")
			if !reflect.DeepEqual(p, aspnet.Page{}) {
				t.Errorf("NewPage returned %+v with its error, want the zero Page", p)
			}
		})
	}
}

// Clients that keep the last cursor in a string variable start with "": it is the start of
// the list for after, and its end for before.
func TestNewPageEmptyCursorIsNoBound(t *testing.T) {
	p, err := aspnet.NewPageOf(aspnet.PageArgs{After: strp(""), Before: strp("")})
	if err != nil {
		t.Fatalf("NewPageOf(after \"\", before \"\") error: %v", err)
	}
	if p.After != nil || p.Before != nil || p.Backward || p.First != aspnet.DefaultPageSize {
		t.Errorf("NewPageOf(after \"\", before \"\") = %+v, want the first page of %d", p, aspnet.DefaultPageSize)
	}
}

func TestNewPageLastBefore(t *testing.T) {
	key := []any{"Belgium", "school-1"}
	c := aspnet.EncodeCursor(key)
	p, err := aspnet.NewPageOf(aspnet.PageArgs{Last: intp(3), Before: &c})
	if err != nil {
		t.Fatalf("NewPageOf(last 3, before) error: %v", err)
	}
	if !p.Backward || p.First != 3 || !reflect.DeepEqual(p.Before, key) || p.After != nil {
		t.Errorf("NewPageOf(last 3, before) = %+v, want Backward, First 3, Before %v", p, key)
	}
	_, err = aspnet.NewPageOf(aspnet.PageArgs{Last: intp(101)})
	wantInputError(t, err, "last")
	_, err = aspnet.NewPageOf(aspnet.PageArgs{First: intp(1), Last: intp(1)})
	wantInputError(t, err, "first and last")
	_, err = aspnet.NewPageOf(aspnet.PageArgs{Last: intp(1), Before: strp("!!")})
	wantInputError(t, err, "before")
}

func TestNewPageChecksFirstBeforeAfter(t *testing.T) {
	_, err := aspnet.NewPage(intp(-1), strp("!!"))
	wantInputError(t, err, "first")
}

func FuzzDecodeCursor(f *testing.F) {
	for _, s := range []string{
		"", "!!", rawCursor("c1:"), rawCursor(`c1:[]`), rawCursor(`c1:["k",null]`),
		rawCursor(`c1:{"a":1}`), rawCursor(`c1:[1e999]`), rawCursor(`c1:[` + strings.Repeat("[", 100) + `]`),
	} {
		f.Add(s)
	}
	f.Add(aspnet.EncodeCursor([]any{"Belgium", "school-1"}))
	f.Fuzz(func(t *testing.T, c string) {
		key, err := aspnet.DecodeCursor(c)
		if err != nil {
			if key != nil {
				t.Fatalf("DecodeCursor(%q) returned %#v with error", c, key)
			}
			return
		}
		if len(key) == 0 {
			t.Fatalf("DecodeCursor(%q) accepted an empty sort key", c)
		}
		for _, v := range key {
			switch v.(type) {
			case string, float64:
			default:
				t.Fatalf("DecodeCursor(%q) accepted %T in the sort key", c, v)
			}
		}
		// A decoded key re-encodes to a cursor that decodes to the same key.
		again, err := aspnet.DecodeCursor(aspnet.EncodeCursor(key))
		if err != nil || !reflect.DeepEqual(again, key) {
			t.Fatalf("re-encoding %#v: %#v, %v", key, again, err)
		}
		if _, err := aspnet.NewPage(nil, &c); err != nil {
			t.Fatalf("DecodeCursor accepts %q but NewPage rejects it: %v", c, err)
		}
	})
}
