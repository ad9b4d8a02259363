package web_test

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"encoding/xml"
	"errors"
	"io"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/aspgraph/aspgraph/web"
)

const endpoint = "/query"

// get sends a request to the playground handler and returns the response with its body read.
func get(t *testing.T, h http.Handler, method, target string, header map[string]string) (*http.Response, []byte) {
	t.Helper()
	req := httptest.NewRequest(method, target, nil)
	for k, v := range header {
		req.Header.Set(k, v)
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	res := rec.Result()
	body, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	return res, body
}

func TestPageIsServedWithItsContentSecurityPolicy(t *testing.T) {
	h := web.Playground(endpoint)
	for _, method := range []string{http.MethodGet, http.MethodHead} {
		res, body := get(t, h, method, "/", nil)
		if res.StatusCode != http.StatusOK {
			t.Fatalf("%s /: status %d", method, res.StatusCode)
		}
		want := "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'"
		if got := res.Header.Get("Content-Security-Policy"); got != want {
			t.Errorf("%s /: Content-Security-Policy %q, want %q", method, got, want)
		}
		if got := res.Header.Get("Content-Type"); got != "text/html; charset=utf-8" {
			t.Errorf("%s /: Content-Type %q", method, got)
		}
		if got := res.Header.Get("Cache-Control"); got != "no-cache" {
			t.Errorf("%s /: Cache-Control %q, want no-cache", method, got)
		}
		if method == http.MethodHead {
			if len(body) != 0 {
				t.Errorf("HEAD /: a body of %d bytes", len(body))
			}
			continue
		}
		page := string(body)
		for _, want := range []string{
			"<title>aspgraph — ASPnet knowledge graph</title>",
			`<meta name="aspgraph-endpoint" content="/query">`,
		} {
			if !strings.Contains(page, want) {
				t.Errorf("the page lacks %s", want)
			}
		}
	}
}

// element is a start tag of the page.
type element struct {
	name  string
	attrs map[string]string
	text  string // the text directly inside it
}

// parsePage parses the page with encoding/xml in its lenient HTML mode.
func parsePage(t *testing.T, page []byte) []*element {
	t.Helper()
	dec := xml.NewDecoder(bytes.NewReader(page))
	dec.Strict = false
	dec.AutoClose = xml.HTMLAutoClose
	dec.Entity = xml.HTMLEntity
	var (
		all   []*element
		stack []*element
	)
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatalf("parsing the page: %v", err)
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			e := &element{name: strings.ToLower(tok.Name.Local), attrs: map[string]string{}}
			for _, a := range tok.Attr {
				e.attrs[strings.ToLower(a.Name.Local)] = a.Value
			}
			all = append(all, e)
			stack = append(stack, e)
		case xml.EndElement:
			if len(stack) > 0 {
				stack = stack[:len(stack)-1]
			}
		case xml.CharData:
			if len(stack) > 0 {
				stack[len(stack)-1].text += string(tok)
			}
		}
	}
	return all
}

// sameOrigin reports whether a URL in the page stays on the page's origin: a path from the root
// or a relative one, with no scheme and no host.
func sameOrigin(ref string) bool {
	if strings.HasPrefix(ref, "//") || strings.HasPrefix(ref, `/\`) {
		return false
	}
	if strings.HasPrefix(ref, "/") {
		return true
	}
	before, _, found := strings.Cut(ref, ":")
	return !found || strings.ContainsAny(before, "/?#")
}

// checkPage parses page and reports what the Content-Security-Policy forbids (inline event
// handlers and scripts) or what leaves the service's origin; it returns the page's elements, the
// same-origin src and href values and the number of scripts.
func checkPage(t *testing.T, page []byte) (elems []*element, refs []string, scripts int) {
	t.Helper()
	elems = parsePage(t, page)
	for _, e := range elems {
		for name, value := range e.attrs {
			if strings.HasPrefix(name, "on") {
				t.Errorf("<%s %s>: inline event handlers break the Content-Security-Policy", e.name, name)
			}
			if name == "src" || name == "href" {
				if !sameOrigin(value) {
					t.Errorf("<%s %s=%q> leaves the service's origin", e.name, name, value)
					continue
				}
				refs = append(refs, value)
			}
		}
		if e.name == "script" {
			scripts++
			if e.attrs["src"] == "" || strings.TrimSpace(e.text) != "" {
				t.Errorf("an inline script: the Content-Security-Policy runs only scripts from files")
			}
		}
	}
	return elems, refs, scripts
}

func TestPageRefersOnlyToItsOwnOrigin(t *testing.T) {
	h := web.Playground(endpoint)
	_, page := get(t, h, http.MethodGet, "/", nil)
	elems, refs, scripts := checkPage(t, page)
	for _, e := range elems {
		if e.name == "link" && e.attrs["rel"] == "stylesheet" && e.attrs["href"] == "" {
			t.Errorf("a style sheet link without href")
		}
	}
	if scripts != 4 {
		t.Errorf("%d scripts, want 4 (React, ReactDOM, GraphiQL, playground.js)", scripts)
	}
	if len(refs) < 7 {
		t.Fatalf("only %d src/href in the page: %q", len(refs), refs)
	}
	// Everything the page refers to is served.
	for _, ref := range refs {
		if !strings.HasPrefix(ref, "/") {
			ref = "/" + ref
		}
		if res, _ := get(t, h, http.MethodGet, ref, nil); res.StatusCode != http.StatusOK {
			t.Errorf("the page refers to %s, which answers %d", ref, res.StatusCode)
		}
	}
}

func TestSameOrigin(t *testing.T) {
	for ref, want := range map[string]bool{
		"/playground/playground.js":       true,
		"playground/playground.js":        true,
		"./x.css?v=1":                     true,
		"/a:b":                            true,
		"https://cdn.example.com/x.js":    false,
		"//cdn.example.com/x.js":          false,
		"/\\cdn.example.com/x.js":         false,
		"http:x.js":                       false,
		"data:text/javascript,alert(1)":   false,
		"javascript:alert(1)":             false,
		"HTTPS://fonts.googleapis.com/x1": false,
	} {
		if got := sameOrigin(ref); got != want {
			t.Errorf("sameOrigin(%q) = %v, want %v", ref, got, want)
		}
	}
}

func TestAssetsHaveTheirContentTypeAndCaching(t *testing.T) {
	h := web.Playground(endpoint)
	const year = "public, max-age=31536000, immutable"
	for _, c := range []struct{ path, contentType, cache string }{
		{"/playground/playground.js", "text/javascript; charset=utf-8", "no-cache"},
		{"/playground/playground.css", "text/css; charset=utf-8", "no-cache"},
		{"/playground/examples.json", "application/json; charset=utf-8", "no-cache"},
		{"/playground/favicon.svg", "image/svg+xml", "no-cache"},
		{"/playground/vendor/graphiql-3.8.3/graphiql.min.js", "text/javascript; charset=utf-8", year},
		{"/playground/vendor/graphiql-3.8.3/graphiql.min.css", "text/css; charset=utf-8", year},
		{"/playground/vendor/react-18.3.1/react.production.min.js", "text/javascript; charset=utf-8", year},
		{"/playground/vendor/react-dom-18.3.1/react-dom.production.min.js", "text/javascript; charset=utf-8", year},
		{"/playground/vendor/graphiql-3.8.3/LICENSE", "text/plain; charset=utf-8", year},
		{"/playground/vendor/VERSIONS", "text/plain; charset=utf-8", year},
	} {
		res, body := get(t, h, http.MethodGet, c.path, nil)
		if res.StatusCode != http.StatusOK {
			t.Errorf("%s: status %d", c.path, res.StatusCode)
			continue
		}
		if got := res.Header.Get("Content-Type"); got != c.contentType {
			t.Errorf("%s: Content-Type %q, want %q", c.path, got, c.contentType)
		}
		if got := res.Header.Get("Cache-Control"); got != c.cache {
			t.Errorf("%s: Cache-Control %q, want %q", c.path, got, c.cache)
		}
		if got := res.Header.Get("X-Content-Type-Options"); got != "nosniff" {
			t.Errorf("%s: X-Content-Type-Options %q", c.path, got)
		}
		if len(body) == 0 || res.Header.Get("ETag") == "" {
			t.Errorf("%s: empty, or no ETag", c.path)
		}
	}
}

func TestUnknownPathsAreNotFound(t *testing.T) {
	h := web.Playground(endpoint)
	for _, p := range []string{
		"/nope", "/index.html", "/favicon.ico", "/explorer", "/playground", "/playground/",
		"/playground/index.html", "/playground/vendor/", "/playground/vendor/graphiql-3.8.3/",
		"/playground/vendor/graphiql-3.8.3/graphiql.min.js.map", "/playground/playground.js/",
		"/playground/../web.go", "/PLAYGROUND/playground.js",
	} {
		res, _ := get(t, h, http.MethodGet, p, nil)
		if res.StatusCode != http.StatusNotFound {
			t.Errorf("GET %s: status %d, want 404", p, res.StatusCode)
		}
	}
	res, _ := get(t, h, http.MethodPost, "/", nil)
	if res.StatusCode != http.StatusMethodNotAllowed || res.Header.Get("Allow") != "GET, HEAD" {
		t.Errorf("POST /: status %d, Allow %q; want 405 and GET, HEAD", res.StatusCode, res.Header.Get("Allow"))
	}
}

func TestAssetsAreCompressedForClientsThatAcceptGzip(t *testing.T) {
	h := web.Playground(endpoint)
	const js = "/playground/vendor/graphiql-3.8.3/graphiql.min.js"
	plainRes, plain := get(t, h, http.MethodGet, js, nil)
	if plainRes.Header.Get("Content-Encoding") != "" {
		t.Fatalf("compressed for a client that did not ask")
	}
	res, body := get(t, h, http.MethodGet, js, map[string]string{"Accept-Encoding": "br, gzip, deflate"})
	if res.Header.Get("Content-Encoding") != "gzip" {
		t.Fatalf("Content-Encoding %q, want gzip", res.Header.Get("Content-Encoding"))
	}
	if !strings.Contains(strings.Join(res.Header.Values("Vary"), ","), "Accept-Encoding") {
		t.Errorf("no Vary: Accept-Encoding")
	}
	if len(body) > len(plain)/3 {
		t.Errorf("gzip: %d bytes of %d", len(body), len(plain))
	}
	zr, err := gzip.NewReader(bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	unzipped, err := io.ReadAll(zr)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(unzipped, plain) {
		t.Fatalf("the compressed body does not decompress to the file")
	}
	etag := res.Header.Get("ETag")
	if etag == "" || etag == plainRes.Header.Get("ETag") {
		t.Errorf("the compressed body has ETag %q, the plain one %q: they must differ", etag, plainRes.Header.Get("ETag"))
	}
	res, body = get(t, h, http.MethodGet, js, map[string]string{"Accept-Encoding": "gzip", "If-None-Match": etag})
	if res.StatusCode != http.StatusNotModified || len(body) != 0 {
		t.Errorf("If-None-Match with the ETag: status %d with %d bytes, want 304", res.StatusCode, len(body))
	}
	for _, ae := range []string{"gzip;q=0", "identity", "*;q=0", "deflate, gzip; q=0.0"} {
		res, _ := get(t, h, http.MethodGet, js, map[string]string{"Accept-Encoding": ae})
		if res.Header.Get("Content-Encoding") != "" {
			t.Errorf("Accept-Encoding %q: compressed", ae)
		}
	}
	if res, _ := get(t, h, http.MethodGet, js, map[string]string{"Accept-Encoding": "*"}); res.Header.Get("Content-Encoding") != "gzip" {
		t.Errorf("Accept-Encoding *: not compressed")
	}
}

// TestVendoredFilesAreThoseOfVERSIONS checks the committed third-party files against the
// checksums that playground-assets.sh wrote beside them, and that nothing else is there.
func TestVendoredFilesAreThoseOfVERSIONS(t *testing.T) {
	dir := filepath.Join("playground", "vendor")
	f, err := os.Open(filepath.Join(dir, "VERSIONS"))
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = f.Close() }()
	line := regexp.MustCompile(`^([0-9a-f]{64})  (\S+)$`)
	want := map[string]string{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if m := line.FindStringSubmatch(sc.Text()); m != nil {
			want[m[2]] = m[1]
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	if len(want) != 7 {
		t.Errorf("VERSIONS lists %d files, want 7", len(want))
	}
	h := web.Playground(endpoint)
	err = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || d.Name() == "VERSIONS" {
			return err
		}
		rel := filepath.ToSlash(strings.TrimPrefix(p, dir+string(filepath.Separator)))
		sum, ok := want[rel]
		if !ok {
			t.Errorf("%s is not in VERSIONS", rel)
			return nil
		}
		delete(want, rel)
		_, body := get(t, h, http.MethodGet, "/playground/vendor/"+rel, nil)
		got := sha256.Sum256(body)
		if hex.EncodeToString(got[:]) != sum {
			t.Errorf("%s: the served file's sha256 is not the one in VERSIONS", rel)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for rel := range want {
		t.Errorf("VERSIONS lists %s, which is missing", rel)
	}
}

// TestStyleSheetsLoadNothingFromElsewhere: GraphiQL's fonts must be data: URLs, and no style
// sheet may import from another host.
func TestStyleSheetsLoadNothingFromElsewhere(t *testing.T) {
	h := web.Playground(endpoint)
	urlRef := regexp.MustCompile(`url\(\s*['"]?([^'")\s]*)`)
	for _, p := range []string{"/playground/playground.css", "/playground/vendor/graphiql-3.8.3/graphiql.min.css"} {
		_, css := get(t, h, http.MethodGet, p, nil)
		if bytes.Contains(css, []byte("@import")) {
			t.Errorf("%s: @import", p)
		}
		fonts := 0
		for _, m := range urlRef.FindAllSubmatch(css, -1) {
			ref := string(m[1])
			if strings.HasPrefix(ref, "data:font/") {
				fonts++
			}
			if !strings.HasPrefix(ref, "data:") && !sameOrigin(ref) {
				t.Errorf("%s: url(%s) leaves the service's origin", p, ref)
			}
		}
		if strings.Contains(p, "graphiql") && fonts == 0 {
			t.Errorf("%s: no font embedded as a data: URL", p)
		}
	}
}
