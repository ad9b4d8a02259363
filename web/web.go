// Package web serves aspgraph's browser pages from files embedded in the binary, so they work
// with no internet: the GraphiQL playground at "/", its scripts, styles and fonts under
// "/playground/", and the explorer at "/explore", its bundle under "/explore/". No page asks
// any other host for anything.
//
// The playground's third-party assets (GraphiQL, React, ReactDOM) are committed under
// playground/vendor/ as npm publishes them; playground-assets.sh (make playground-assets)
// fetches them again from the pinned versions, and playground/vendor/VERSIONS names each.
//
// The explorer is built from explore-src/ (its own code, with cytoscape and Chart.js from npm
// as package-lock.json pins them) by esbuild into explore/, which is committed; make
// explore-assets builds it again, and explore/VERSIONS names the packages and the checksums
// of its sources and outputs.
package web

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"embed"
	"encoding/base64"
	"fmt"
	"html/template"
	"io/fs"
	"net/http"
	"path"
	"strconv"
	"strings"
	"sync"
	"time"
)

//go:embed playground explore
var files embed.FS

// ContentSecurityPolicy is set on every response of the pages: everything comes from the
// service itself; styles may be inline (GraphiQL, cytoscape and Chart.js set style
// attributes) and fonts and images may be data: URLs (GraphiQL's style sheet embeds its fonts).
const ContentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'"

// assetPrefix is where the playground's files are served from.
const assetPrefix = "/playground/"

// vendorPrefix holds the third-party files, whose paths name their version: they never change
// under the same URL, so browsers may keep them for a year.
const vendorPrefix = assetPrefix + "vendor/"

var contentTypes = map[string]string{
	".html": "text/html; charset=utf-8",
	".js":   "text/javascript; charset=utf-8",
	".css":  "text/css; charset=utf-8",
	".json": "application/json; charset=utf-8",
	".svg":  "image/svg+xml",
	"":      "text/plain; charset=utf-8", // LICENSE, VERSIONS
}

// asset is one file ready to serve. Its body is read, and its ETag computed, on its first
// request: a service that only answers the API keeps no copy of the pages' files.
type asset struct {
	contentType string
	immutable   bool
	read        func() []byte

	loadOnce sync.Once
	body     []byte
	etag     string

	gzipOnce sync.Once
	gzipped  []byte // body compressed with gzip, on first request; nil when that saves nothing
}

// gzip returns the body compressed, or nil when compressing does not make it smaller.
// GraphiQL's bundle (3.5 MB as npm ships it, not minified) compresses to a fifth.
func (a *asset) gzip() []byte {
	a.load()
	a.gzipOnce.Do(func() {
		if len(a.body) < 1024 {
			return
		}
		var b bytes.Buffer
		zw, _ := gzip.NewWriterLevel(&b, gzip.BestCompression) // a valid level: no error
		_, _ = zw.Write(a.body)                                // writes to a bytes.Buffer do not fail
		_ = zw.Close()
		if b.Len() < len(a.body) {
			a.gzipped = b.Bytes()
		}
	})
	return a.gzipped
}

// Playground returns the handler of the browser pages, talking to the GraphQL endpoint at
// endpoint (a path on the same origin, such as "/query"): the GraphiQL playground at "/" with
// its assets under "/playground/", and the explorer at "/explore" with its assets under
// "/explore/" ("/explore/" itself redirects to "/explore"). Any other path is 404. Mount it
// at "/".
func Playground(endpoint string) http.Handler {
	assets := map[string]*asset{}
	for _, dir := range []string{"playground", "explore"} {
		err := fs.WalkDir(files, dir, func(name string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || path.Base(name) == "index.html" {
				return err
			}
			urlPath := "/" + name
			assets[urlPath] = newAsset(urlPath, func() []byte {
				body, err := files.ReadFile(name)
				if err != nil {
					panic(fmt.Sprintf("web: reading embedded %s: %v", name, err)) // listed by WalkDir: cannot happen
				}
				return body
			})
			return nil
		})
		if err != nil {
			panic(fmt.Sprintf("web: reading embedded %s: %v", dir, err)) // the files are embedded: cannot happen
		}
	}
	for urlPath, file := range map[string]string{"/": "playground/index.html", "/explore": "explore/index.html"} {
		page, err := renderPage(file, endpoint)
		if err != nil {
			panic(fmt.Sprintf("web: rendering %s: %v", file, err))
		}
		assets[urlPath] = newAsset("/index.html", func() []byte { return page })
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		a, ok := assets[r.URL.Path]
		if !ok {
			if r.URL.Path == "/explore/" {
				http.Redirect(w, r, "/explore", http.StatusMovedPermanently)
				return
			}
			http.NotFound(w, r)
			return
		}
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			w.Header().Set("Allow", "GET, HEAD")
			http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
			return
		}
		h := w.Header()
		h.Set("Content-Type", a.contentType)
		h.Set("Content-Security-Policy", ContentSecurityPolicy)
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "no-referrer")
		if a.immutable {
			h.Set("Cache-Control", "public, max-age=31536000, immutable")
		} else {
			h.Set("Cache-Control", "no-cache")
		}
		a.load()
		body, etag := a.body, a.etag
		if gz := a.gzip(); gz != nil {
			h.Add("Vary", "Accept-Encoding")
			if acceptsGzip(r.Header.Get("Accept-Encoding")) {
				body, etag = gz, strings.TrimSuffix(etag, `"`)+`-gz"`
				h.Set("Content-Encoding", "gzip")
			}
		}
		h.Set("ETag", etag)
		http.ServeContent(w, r, "", time.Time{}, bytes.NewReader(body))
	})
}

func newAsset(urlPath string, read func() []byte) *asset {
	ct, ok := contentTypes[path.Ext(urlPath)]
	if !ok {
		ct = "application/octet-stream"
	}
	return &asset{contentType: ct, immutable: strings.HasPrefix(urlPath, vendorPrefix), read: read}
}

// load reads the body and computes the ETag, once.
func (a *asset) load() {
	a.loadOnce.Do(func() {
		a.body = a.read()
		sum := sha256.Sum256(a.body)
		a.etag = `"` + base64.RawURLEncoding.EncodeToString(sum[:16]) + `"`
	})
}

// acceptsGzip reports whether an Accept-Encoding header allows gzip: it names gzip, or else *,
// with a q-value above 0.
func acceptsGzip(header string) bool {
	q, ok := qValue(header, "gzip")
	if !ok {
		q, ok = qValue(header, "*")
	}
	return ok && q > 0
}

// qValue finds coding in an Accept-Encoding header and returns its q-value (1 when not given).
func qValue(header, coding string) (float64, bool) {
	for _, part := range strings.Split(header, ",") {
		name, params, _ := strings.Cut(part, ";")
		if !strings.EqualFold(strings.TrimSpace(name), coding) {
			continue
		}
		for _, p := range strings.Split(params, ";") {
			k, v, _ := strings.Cut(strings.TrimSpace(p), "=")
			if strings.EqualFold(k, "q") {
				q, err := strconv.ParseFloat(strings.TrimSpace(v), 64)
				return q, err == nil
			}
		}
		return 1, true
	}
	return 0, false
}

// renderPage fills the endpoint into a page; the page's script reads it from a meta tag,
// since the Content-Security-Policy allows no inline script.
func renderPage(file, endpoint string) ([]byte, error) {
	tmpl, err := template.ParseFS(files, file)
	if err != nil {
		return nil, err
	}
	var b bytes.Buffer
	if err := tmpl.Execute(&b, struct{ Endpoint string }{endpoint}); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}
