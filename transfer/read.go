package transfer

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"sort"
	"strings"
	"unicode/utf8"
)

// Kinds of row the row formats hold.
const (
	kindSchools     = "schools"
	kindMemberships = "memberships"
	kindEvents      = "events"
)

// columns lists, per kind of row, the fields a row may have; list fields hold several values
// (separated by ';' in CSV, arrays in JSON).
var columns = map[string]map[string]bool{
	kindSchools: {
		"name": false, "city": false, "country": false, "keyAreas": true, "source": false, "quote": false,
	},
	kindMemberships: {
		"school": false, "name": false, "city": false, "country": false, "network": false, "status": false,
		"since": false, "until": false, "founding": false, "nationalTerm": false, "source": false, "quote": false,
	},
	kindEvents: {
		"name": false, "date": false, "endDate": false, "kind": false, "description": false, "purpose": false,
		"city": false, "country": false, "venue": false, "organizers": true, "keyAreas": true,
		"participants": true, "source": false, "quote": false,
	},
}

// Pos is where a row starts: a file and a line (1-based).
type Pos struct {
	File string
	Line int
}

func (p Pos) String() string { return fmt.Sprintf("%s:%d", p.File, p.Line) }

// Problem is one thing wrong with the input, where it is.
type Problem struct {
	Pos
	Msg string
}

func (p Problem) String() string { return p.Pos.String() + ": " + p.Msg }

// Problems is every problem an import found before writing anything.
type Problems []Problem

func (ps Problems) Error() string {
	lines := make([]string, len(ps))
	for i, p := range ps {
		lines[i] = p.String()
	}
	return fmt.Sprintf("%d problem(s), nothing written:\n%s", len(ps), strings.Join(lines, "\n"))
}

// row is one row of a row format as read: its fields by name, before validation.
type row struct {
	Pos
	kind   string
	fields map[string]string
	lists  map[string][]string
}

// file is what one input file holds: rows of the row formats, or a graph in the export's
// format.
type file struct {
	name  string
	rows  []row
	graph *graphFile
	// source and quote given for the whole file.
	source, quote string
}

// readFile reads one input file, CSV or JSON by its extension, reporting every problem of
// form it finds (validation of values comes later).
func readFile(name string, data []byte) (*file, Problems) {
	f := &file{name: name}
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	if !utf8.Valid(data) {
		return nil, Problems{{Pos{name, 1}, "the file is not UTF-8 text"}}
	}
	switch strings.ToLower(filepath.Ext(name)) {
	case ".csv":
		return f, f.readCSV(data)
	case ".json":
		return f, f.readJSON(data)
	default:
		return nil, Problems{{Pos{name, 1}, "unknown file type: name a file .csv or .json"}}
	}
}

// readCSV reads a CSV file: leading comment lines ("# source: URL", "# quote: text") give
// the file's source and quote, then a header row of field names, then one row per line. Its
// kind follows from the header: a network column means memberships, a date column events,
// anything else schools.
func (f *file) readCSV(data []byte) Problems {
	var ps Problems
	line := 0
	for len(data) > 0 {
		end := bytes.IndexByte(data, '\n')
		if end < 0 {
			end = len(data) - 1
		}
		text := strings.TrimSpace(string(data[:end+1]))
		if !strings.HasPrefix(text, "#") && text != "" {
			break
		}
		line++
		data = data[end+1:]
		if text == "" {
			continue
		}
		k, v, ok := strings.Cut(strings.TrimSpace(strings.TrimPrefix(text, "#")), ":")
		switch k = strings.TrimSpace(strings.ToLower(k)); {
		case ok && k == "source":
			f.source = strings.TrimSpace(v)
		case ok && k == "quote":
			f.quote = strings.TrimSpace(v)
		}
	}
	r := csv.NewReader(bytes.NewReader(data))
	r.ReuseRecord = false
	header, err := r.Read()
	if err != nil {
		if errors.Is(err, io.EOF) {
			return Problems{{Pos{f.name, line + 1}, "no header row: the first line names the columns"}}
		}
		return Problems{{Pos{f.name, line + 1}, csvError(err)}}
	}
	kind := kindSchools
	seen := map[string]bool{}
	for _, h := range header {
		switch strings.TrimSpace(h) {
		case "network":
			kind = kindMemberships
		case "date":
			if kind != kindMemberships {
				kind = kindEvents
			}
		}
	}
	for i, h := range header {
		h = strings.TrimSpace(h)
		header[i] = h
		if _, ok := columns[kind][h]; !ok {
			ps = append(ps, Problem{Pos{f.name, line + 1}, fmt.Sprintf("column %q: not a column of %s (%s)", h, kind, fieldList(kind))})
		}
		if seen[h] {
			ps = append(ps, Problem{Pos{f.name, line + 1}, fmt.Sprintf("column %q: given twice", h)})
		}
		seen[h] = true
	}
	if len(ps) > 0 {
		return ps
	}
	for {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				ps = append(ps, Problem{Pos{f.name, line + pe.StartLine}, csvError(err)})
				if pe.Err == csv.ErrFieldCount {
					continue
				}
			} else {
				ps = append(ps, Problem{Pos{f.name, line + 1}, csvError(err)})
			}
			break
		}
		at, _ := r.FieldPos(0)
		rw := row{Pos: Pos{f.name, line + at}, kind: kind, fields: map[string]string{}, lists: map[string][]string{}}
		for i, v := range rec {
			name := header[i]
			if columns[kind][name] {
				for _, x := range strings.Split(v, ";") {
					if x = strings.TrimSpace(x); x != "" {
						rw.lists[name] = append(rw.lists[name], x)
					}
				}
				continue
			}
			if v = strings.TrimSpace(v); v != "" {
				rw.fields[name] = v
			}
		}
		f.rows = append(f.rows, rw)
	}
	return ps
}

func csvError(err error) string {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return "CSV: " + pe.Err.Error()
	}
	return "CSV: " + err.Error()
}

func fieldList(kind string) string {
	names := make([]string, 0, len(columns[kind]))
	for n := range columns[kind] {
		names = append(names, n)
	}
	sort.Strings(names)
	return strings.Join(names, ", ")
}

// readJSON reads a JSON file: either an object of row lists ("schools", "memberships",
// "events", with an optional "source" and "quote" for the whole file), or a graph in the
// export's format ("format": "aspgraph-graph").
func (f *file) readJSON(data []byte) Problems {
	var probe map[string]json.RawMessage
	if err := json.Unmarshal(data, &probe); err != nil {
		return Problems{{Pos{f.name, jsonErrorLine(data, err)}, "JSON: " + err.Error()}}
	}
	if _, ok := probe["format"]; ok {
		g, ps := readGraphJSON(f.name, data)
		f.graph = g
		return ps
	}
	var ps Problems
	err := walkObject(data, func(key string, dec *json.Decoder) error {
		switch key {
		case "source", "quote":
			var s string
			if err := dec.Decode(&s); err != nil {
				return fmt.Errorf("%q: must be a string", key)
			}
			if key == "source" {
				f.source = strings.TrimSpace(s)
			} else {
				f.quote = strings.TrimSpace(s)
			}
			return nil
		case kindSchools, kindMemberships, kindEvents:
			return walkArray(data, dec, func(line int, raw json.RawMessage) {
				rw, p := jsonRow(f.name, line, key, raw)
				ps = append(ps, p...)
				if len(p) == 0 {
					f.rows = append(f.rows, rw)
				}
			})
		default:
			return fmt.Errorf("%q: not a part of an import file (schools, memberships, events, source, quote; or the export's format)", key)
		}
	})
	if err != nil {
		ps = append(ps, Problem{Pos{f.name, jsonErrorLine(data, err)}, err.Error()})
	}
	return ps
}

// jsonRow turns one JSON object into a row of the kind, checking each field's type.
func jsonRow(file string, line int, kind string, raw json.RawMessage) (row, Problems) {
	rw := row{Pos: Pos{file, line}, kind: kind, fields: map[string]string{}, lists: map[string][]string{}}
	var m map[string]any
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	if err := dec.Decode(&m); err != nil || m == nil {
		return rw, Problems{{rw.Pos, "a row must be a JSON object"}}
	}
	var ps Problems
	names := make([]string, 0, len(m))
	for k := range m {
		names = append(names, k)
	}
	sort.Strings(names)
	for _, k := range names {
		v := m[k]
		list, ok := columns[kind][k]
		if !ok {
			ps = append(ps, Problem{rw.Pos, fmt.Sprintf("%s: not a field of %s (%s)", k, kind, fieldList(kind))})
			continue
		}
		switch x := v.(type) {
		case nil:
		case string:
			if list {
				ps = append(ps, Problem{rw.Pos, k + ": must be a list of strings"})
			} else if x = strings.TrimSpace(x); x != "" {
				rw.fields[k] = x
			}
		case bool:
			if k != "founding" {
				ps = append(ps, Problem{rw.Pos, k + ": must be a string"})
			} else {
				rw.fields[k] = fmt.Sprint(x)
			}
		case []any:
			if !list {
				ps = append(ps, Problem{rw.Pos, k + ": must be a string, not a list"})
				continue
			}
			for _, e := range x {
				s, ok := e.(string)
				if !ok {
					ps = append(ps, Problem{rw.Pos, k + ": must be a list of strings"})
					break
				}
				if s = strings.TrimSpace(s); s != "" {
					rw.lists[k] = append(rw.lists[k], s)
				}
			}
		default:
			ps = append(ps, Problem{rw.Pos, k + ": must be a string"})
		}
	}
	return rw, ps
}

// walkObject reads a JSON object's members one at a time, handing each key to f with the
// decoder positioned at its value, which f must consume.
func walkObject(data []byte, f func(key string, dec *json.Decoder) error) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	if t, err := dec.Token(); err != nil || t != json.Delim('{') {
		return errors.New("the file must hold one JSON object")
	}
	for dec.More() {
		t, err := dec.Token()
		if err != nil {
			return err
		}
		key, _ := t.(string)
		if err := f(key, dec); err != nil {
			return &posError{offset: dec.InputOffset(), err: err}
		}
	}
	return nil
}

// walkArray reads a JSON array at dec's position, handing each element and the line it starts
// on to f.
func walkArray(data []byte, dec *json.Decoder, f func(line int, raw json.RawMessage)) error {
	if t, err := dec.Token(); err != nil || t != json.Delim('[') {
		return errors.New("must be a list")
	}
	for dec.More() {
		start := skipSpace(data, int(dec.InputOffset()))
		var raw json.RawMessage
		if err := dec.Decode(&raw); err != nil {
			return err
		}
		f(lineAt(data, start), raw)
	}
	_, err := dec.Token()
	return err
}

// posError is an error at an offset of a JSON file.
type posError struct {
	offset int64
	err    error
}

func (e *posError) Error() string { return e.err.Error() }
func (e *posError) Unwrap() error { return e.err }

func jsonErrorLine(data []byte, err error) int {
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	var pe *posError
	switch {
	case errors.As(err, &se):
		return lineAt(data, int(se.Offset))
	case errors.As(err, &te):
		return lineAt(data, int(te.Offset))
	case errors.As(err, &pe):
		return lineAt(data, int(pe.offset))
	}
	return 1
}

// skipSpace skips white space and the commas between array elements.
func skipSpace(data []byte, i int) int {
	for i < len(data) && strings.IndexByte(" \t\r\n,", data[i]) >= 0 {
		i++
	}
	return i
}

// lineAt is the 1-based line of byte offset i.
func lineAt(data []byte, i int) int {
	if i > len(data) {
		i = len(data)
	}
	return bytes.Count(data[:i], []byte("\n")) + 1
}
