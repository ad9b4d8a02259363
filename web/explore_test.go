package web_test

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/vektah/gqlparser/v2"
	"github.com/vektah/gqlparser/v2/ast"

	"github.com/aspgraph/aspgraph/web"
)

// csp is the Content-Security-Policy every page and asset carries.
const csp = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'"

func TestExplorerIsServedWithItsContentSecurityPolicy(t *testing.T) {
	h := web.Playground(endpoint)
	for _, method := range []string{http.MethodGet, http.MethodHead} {
		res, body := get(t, h, method, "/explore", nil)
		if res.StatusCode != http.StatusOK {
			t.Fatalf("%s /explore: status %d", method, res.StatusCode)
		}
		if got := res.Header.Get("Content-Security-Policy"); got != csp {
			t.Errorf("%s /explore: Content-Security-Policy %q, want %q", method, got, csp)
		}
		if got := res.Header.Get("Content-Type"); got != "text/html; charset=utf-8" {
			t.Errorf("%s /explore: Content-Type %q", method, got)
		}
		if got := res.Header.Get("Cache-Control"); got != "no-cache" {
			t.Errorf("%s /explore: Cache-Control %q, want no-cache", method, got)
		}
		if method == http.MethodHead {
			if len(body) != 0 {
				t.Errorf("HEAD /explore: a body of %d bytes", len(body))
			}
			continue
		}
		page := string(body)
		for _, want := range []string{
			"<title>aspgraph explorer — ASPnet knowledge graph</title>",
			`<meta name="aspgraph-endpoint" content="/query">`,
			`<a href="/">GraphQL playground</a>`,
			`id="search-text"`, `id="graph"`, `id="trace"`, `id="areas-chart"`, `id="growth-chart"`,
		} {
			if !strings.Contains(page, want) {
				t.Errorf("the explorer's page lacks %s", want)
			}
		}
	}

	// "/explore/" is a common way to type it.
	res, _ := get(t, h, http.MethodGet, "/explore/", nil)
	if res.StatusCode != http.StatusMovedPermanently || res.Header.Get("Location") != "/explore" {
		t.Errorf("GET /explore/: status %d, Location %q; want 301 to /explore", res.StatusCode, res.Header.Get("Location"))
	}
	for _, p := range []string{"/explore/index.html", "/explore/nope.js", "/EXPLORE", "/explore/explore.js/", "/explore-src/src/main.js"} {
		if res, _ := get(t, h, http.MethodGet, p, nil); res.StatusCode != http.StatusNotFound {
			t.Errorf("GET %s: status %d, want 404", p, res.StatusCode)
		}
	}
}

func TestExplorerPageRefersOnlyToItsOwnOrigin(t *testing.T) {
	h := web.Playground(endpoint)
	_, page := get(t, h, http.MethodGet, "/explore", nil)
	elems, refs, scripts := checkPage(t, page)
	for _, e := range elems {
		if e.name == "style" {
			t.Errorf("an inline <style>: styles come from /explore/explore.css")
		}
	}
	if scripts != 1 {
		t.Errorf("%d scripts, want 1 (explore.js)", scripts)
	}
	want := []string{"/", "/explore/explore.css", "/explore/explore.js", "/playground/favicon.svg"}
	sort.Strings(refs)
	if strings.Join(refs, " ") != strings.Join(want, " ") {
		t.Errorf("the page refers to %q, want %q", refs, want)
	}
	for _, ref := range refs {
		if res, _ := get(t, h, http.MethodGet, ref, nil); res.StatusCode != http.StatusOK {
			t.Errorf("the page refers to %s, which answers %d", ref, res.StatusCode)
		}
	}
}

func TestExplorerAssetsHaveTheirContentType(t *testing.T) {
	h := web.Playground(endpoint)
	for _, c := range []struct{ path, contentType string }{
		{"/explore/explore.js", "text/javascript; charset=utf-8"},
		{"/explore/explore.css", "text/css; charset=utf-8"},
		{"/explore/VERSIONS", "text/plain; charset=utf-8"},
		{"/explore/THIRD-PARTY-LICENSES", "text/plain; charset=utf-8"},
	} {
		res, body := get(t, h, http.MethodGet, c.path, map[string]string{"Accept-Encoding": "gzip"})
		if res.StatusCode != http.StatusOK {
			t.Errorf("%s: status %d", c.path, res.StatusCode)
			continue
		}
		if got := res.Header.Get("Content-Type"); got != c.contentType {
			t.Errorf("%s: Content-Type %q, want %q", c.path, got, c.contentType)
		}
		if got := res.Header.Get("Content-Security-Policy"); got != csp {
			t.Errorf("%s: Content-Security-Policy %q", c.path, got)
		}
		// Built files keep their URL from one build to the next: browsers must ask again.
		if got := res.Header.Get("Cache-Control"); got != "no-cache" {
			t.Errorf("%s: Cache-Control %q, want no-cache", c.path, got)
		}
		if got := res.Header.Get("X-Content-Type-Options"); got != "nosniff" {
			t.Errorf("%s: X-Content-Type-Options %q", c.path, got)
		}
		if len(body) == 0 || res.Header.Get("ETag") == "" {
			t.Errorf("%s: empty, or no ETag", c.path)
		}
	}
	// The bundle (cytoscape, Chart.js and the explorer, minified) travels compressed.
	res, body := get(t, h, http.MethodGet, "/explore/explore.js", map[string]string{"Accept-Encoding": "gzip"})
	_, plain := get(t, h, http.MethodGet, "/explore/explore.js", nil)
	if res.Header.Get("Content-Encoding") != "gzip" || len(body) > len(plain)/2 {
		t.Errorf("explore.js: Content-Encoding %q, %d bytes of %d", res.Header.Get("Content-Encoding"), len(body), len(plain))
	}
}

// allowedURLs are the only absolute URLs the explorer's bundle may hold, each a name rather
// than an address the browser loads: the SVG namespace, which the legend passes to
// document.createElementNS.
var allowedURLs = map[string]bool{
	"http://www.w3.org/2000/svg": true,
}

// TestExplorerBundleNamesNoOtherHost searches the files the explorer's page loads for URLs of
// other hosts: absolute ones, protocol-relative ones and CSS imports. THIRD-PARTY-LICENSES and
// VERSIONS are not searched: they are licence texts and checksums that no page loads, and the
// licences name their authors' sites.
func TestExplorerBundleNamesNoOtherHost(t *testing.T) {
	h := web.Playground(endpoint)
	absolute := regexp.MustCompile(`(?i)\b(?:https?|wss?|ftp):(?://|\\/\\/)[^\s"'\x60)\\<>]*`)
	protocolRelative := regexp.MustCompile(`["'\x60(]//[a-zA-Z0-9-]+(?:\.[a-zA-Z0-9-]+)+`)
	urlRef := regexp.MustCompile(`url\(\s*['"]?([^'")\s]*)`)
	for _, p := range []string{"/explore", "/explore/explore.js", "/explore/explore.css"} {
		res, body := get(t, h, http.MethodGet, p, nil)
		if res.StatusCode != http.StatusOK || len(body) < 1000 {
			t.Fatalf("%s: status %d, %d bytes", p, res.StatusCode, len(body))
		}
		for _, u := range absolute.FindAll(body, -1) {
			if !allowedURLs[string(u)] {
				t.Errorf("%s names %s", p, u)
			}
		}
		for _, u := range protocolRelative.FindAll(body, -1) {
			t.Errorf("%s names %s", p, u)
		}
		if bytes.Contains(body, []byte("@import")) {
			t.Errorf("%s: @import", p)
		}
		for _, m := range urlRef.FindAllSubmatch(body, -1) {
			if ref := string(m[1]); !strings.HasPrefix(ref, "data:") && !sameOrigin(ref) {
				t.Errorf("%s: url(%s) leaves the service's origin", p, ref)
			}
		}
	}
	// The search finds what it looks for: the one namespace is there.
	_, js := get(t, h, http.MethodGet, "/explore/explore.js", nil)
	if n := len(absolute.FindAll(js, -1)); n == 0 {
		t.Errorf("no URL found in explore.js, not even the SVG namespace: the search is broken")
	}
}

// versions reads explore/VERSIONS: the sha256 of each source (path in explore-src/) and of each
// built file (path in explore/).
func versions(t *testing.T) (sources, outputs map[string]string) {
	t.Helper()
	f, err := os.Open(filepath.Join("explore", "VERSIONS"))
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = f.Close() }()
	line := regexp.MustCompile(`^(source|output)  ([0-9a-f]{64})  (\S+)$`)
	sources, outputs = map[string]string{}, map[string]string{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		m := line.FindStringSubmatch(sc.Text())
		switch {
		case m == nil:
		case m[1] == "source":
			sources[m[3]] = m[2]
		default:
			outputs[m[3]] = m[2]
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return sources, outputs
}

func sum(b []byte) string {
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:])
}

// TestExplorerBundleMatchesItsSources checks that the committed bundle was built from the
// committed sources: every source file's checksum is the one build.mjs recorded in VERSIONS
// (edit a source without `make explore-assets` and this fails), every source is listed, and
// every served file is the one recorded.
func TestExplorerBundleMatchesItsSources(t *testing.T) {
	sources, outputs := versions(t)
	src, err := filepath.Glob(filepath.Join("explore-src", "src", "*"))
	if err != nil {
		t.Fatal(err)
	}
	files := []string{"build.mjs", "package.json", "package-lock.json"}
	for _, p := range src {
		files = append(files, filepath.ToSlash(strings.TrimPrefix(p, "explore-src"+string(filepath.Separator))))
	}
	if len(files) < 8 {
		t.Fatalf("only %d sources: %q", len(files), files)
	}
	for _, f := range files {
		body, err := os.ReadFile(filepath.Join("explore-src", filepath.FromSlash(f)))
		if err != nil {
			t.Fatal(err)
		}
		want, ok := sources[f]
		switch {
		case !ok:
			t.Errorf("explore-src/%s is not in explore/VERSIONS: run make explore-assets", f)
		case sum(body) != want:
			t.Errorf("explore-src/%s changed since the bundle was built: run make explore-assets", f)
		}
		delete(sources, f)
	}
	for f := range sources {
		t.Errorf("explore/VERSIONS lists explore-src/%s, which is missing", f)
	}

	h := web.Playground(endpoint)
	if len(outputs) != 4 {
		t.Errorf("explore/VERSIONS lists %d built files, want 4", len(outputs))
	}
	for f, want := range outputs {
		var body []byte
		if f == "index.html" {
			// Served with the endpoint filled in; compare the embedded template.
			body, err = os.ReadFile(filepath.Join("explore", f))
			if err != nil {
				t.Fatal(err)
			}
		} else {
			var res *http.Response
			res, body = get(t, h, http.MethodGet, "/explore/"+f, nil)
			if res.StatusCode != http.StatusOK {
				t.Errorf("/explore/%s: status %d", f, res.StatusCode)
				continue
			}
		}
		if sum(body) != want {
			t.Errorf("explore/%s is not the file the build wrote: run make explore-assets", f)
		}
	}
	entries, err := os.ReadDir("explore")
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if _, ok := outputs[e.Name()]; !ok && e.Name() != "VERSIONS" {
			t.Errorf("explore/%s is not a file the build writes", e.Name())
		}
	}
}

// TestExplorerQueriesAreValidAgainstTheSchema validates the explorer's operations against
// graph/*.graphqls, and checks that every operation the code runs is defined and that the
// bundle carries the document.
func TestExplorerQueriesAreValidAgainstTheSchema(t *testing.T) {
	schema := loadSchema(t)
	text, err := os.ReadFile(filepath.Join("explore-src", "src", "queries.graphql"))
	if err != nil {
		t.Fatal(err)
	}
	doc, errs := gqlparser.LoadQueryWithRules(schema, string(text), nil)
	if len(errs) > 0 {
		t.Fatalf("queries.graphql does not validate: %v", errs)
	}
	defined := map[string]bool{}
	for _, op := range doc.Operations {
		if op.Operation != ast.Query {
			t.Errorf("%s is a %s: the explorer only reads", op.Name, op.Operation)
		}
		defined[op.Name] = true
	}

	used := map[string]bool{}
	call := regexp.MustCompile(`gql\('(\w+)'`)
	code, err := filepath.Glob(filepath.Join("explore-src", "src", "*.js"))
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range code {
		body, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range call.FindAllSubmatch(body, -1) {
			used[string(m[1])] = true
		}
	}
	for _, name := range []string{"ExploreSearch", "ExploreNeighborhood", "ExploreTrace", "ExploreNetworks", "ExploreKeyAreas", "ExploreGrowth"} {
		if !used[name] || !defined[name] {
			t.Errorf("%s: used %v, defined %v", name, used[name], defined[name])
		}
	}
	for name := range used {
		if !defined[name] {
			t.Errorf("the code runs %s, which queries.graphql does not define", name)
		}
	}
	_, js := get(t, web.Playground(endpoint), http.MethodGet, "/explore/explore.js", nil)
	for name := range defined {
		if !bytes.Contains(js, []byte("query "+name)) {
			t.Errorf("the bundle lacks the operation %s", name)
		}
	}
}
