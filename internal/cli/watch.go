package cli

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/base64"
	"fmt"
	"html"
	"log/slog"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/handbill/handbill/internal/diag"
)

// serve --watch: the site is made again when a file of the campaign
// changes, and every open page reloads itself. Only in watch mode do pages
// carry a script (watchScript), which asks watchPath for the site's
// version and reloads when it changes; the published site and `handbill
// site` stay free of JavaScript. A campaign that no longer loads is shown
// as a page of its errors, file:line first, until it loads again.

// watchPath is where a page in watch mode asks for the site's version.
const watchPath = "/_handbill/version"

// watchEvery is how often the campaign folder is looked at.
const watchEvery = 150 * time.Millisecond

// watchScript polls watchPath and reloads the page when the version it
// answers changes.
const watchScript = `(function(){var v=null;function p(){fetch("` + watchPath + `",{cache:"no-store"}).then(function(r){return r.text()}).then(function(t){if(v!==null&&t!==v){location.reload();return}v=t;setTimeout(p,200)}).catch(function(){setTimeout(p,1000)})}p()})();`

// watcher is the handler of serve --watch: the current site's handler, or
// the page of the errors that stop the campaign from loading.
type watcher struct {
	mu      sync.RWMutex
	site    http.Handler
	errs    error
	version int
	make    func() (http.Handler, error) // makes the site again from the files
	stamp   func() time.Time             // the newest modification time of the campaign's files
	log     *slog.Logger
}

// run looks at the campaign every watchEvery until ctx ends, and makes
// the site again when a file changed.
func (w *watcher) run(ctx context.Context) {
	last := w.stamp()
	t := time.NewTicker(watchEvery)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
		if now := w.stamp(); !now.Equal(last) {
			last = now
			w.reload()
		}
	}
}

// reload makes the site again and moves to the next version, the error
// page when the campaign does not load.
func (w *watcher) reload() {
	start := time.Now()
	h, err := w.make()
	w.mu.Lock()
	if err == nil {
		w.site = h
	}
	w.errs = err
	w.version++
	v := w.version
	w.mu.Unlock()
	if err != nil {
		w.log.Warn("campaign changed: it does not load; the pages show why", "version", v, "error", err.Error())
		return
	}
	w.log.Info("campaign changed: site made again", "version", v, "ms", time.Since(start).Milliseconds())
}

func (w *watcher) ServeHTTP(rw http.ResponseWriter, r *http.Request) {
	w.mu.RLock()
	site, errs, v := w.site, w.errs, w.version
	w.mu.RUnlock()
	if r.URL.Path == watchPath {
		rw.Header().Set("Content-Type", "text/plain; charset=utf-8")
		rw.Header().Set("Cache-Control", "no-store")
		fmt.Fprint(rw, v)
		return
	}
	if errs != nil {
		writeWatchPage(rw, http.StatusInternalServerError, errorPage(errs), "")
		return
	}
	// The page is read whole, plain, and never from a cache: it is about
	// to carry the script and may change at any moment.
	r = r.Clone(r.Context())
	for _, k := range []string{"Accept-Encoding", "If-None-Match", "If-Modified-Since"} {
		r.Header.Del(k)
	}
	rec := &recorder{header: http.Header{}, code: http.StatusOK}
	site.ServeHTTP(rec, r)
	for k, vs := range rec.header {
		if k != "Etag" && k != "Last-Modified" && k != "Content-Length" && k != "Cache-Control" {
			rw.Header()[k] = vs
		}
	}
	if !strings.HasPrefix(rec.header.Get("Content-Type"), "text/html") {
		rw.Header().Set("Cache-Control", "no-store")
		rw.WriteHeader(rec.code)
		rw.Write(rec.body.Bytes())
		return
	}
	writeWatchPage(rw, rec.code, rec.body.Bytes(), rec.header.Get("Content-Security-Policy"))
}

// writeWatchPage writes an HTML page with watchScript before </body>, and
// a Content-Security-Policy (csp, or none) that allows that one script and
// its requests to the site.
func writeWatchPage(rw http.ResponseWriter, code int, page []byte, csp string) {
	script := []byte("<script>" + watchScript + "</script>")
	if i := bytes.LastIndex(page, []byte("</body>")); i >= 0 {
		page = append(page[:i:i], append(script, page[i:]...)...)
	} else {
		page = append(page, script...)
	}
	sum := sha256.Sum256([]byte(watchScript))
	allow := "script-src 'sha256-" + base64.StdEncoding.EncodeToString(sum[:]) + "'; connect-src 'self'"
	if csp == "" {
		csp = "default-src 'none'; style-src 'unsafe-inline'"
	}
	h := rw.Header()
	h.Set("Content-Security-Policy", csp+"; "+allow)
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Cache-Control", "no-store")
	h.Set("Content-Length", strconv.Itoa(len(page)))
	rw.WriteHeader(code)
	rw.Write(page)
}

// errorPage is the page of a campaign that does not load: each problem
// with its file:line, message and hint.
func errorPage(err error) []byte {
	var b bytes.Buffer
	b.WriteString(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>The campaign does not load</title>` +
		`<style>body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem}li{margin:.75rem 0}code{font-weight:700}.hint{color:#444}</style>` +
		`</head><body><h1>The campaign does not load</h1><p>Fix the files below and save: this page reloads by itself.</p><ul>`)
	for _, d := range diag.AsList(err) {
		where := d.Pos()
		if d.Path != "" {
			where += " " + d.Path
		}
		fmt.Fprintf(&b, "<li><code>%s</code>: %s", html.EscapeString(where), html.EscapeString(d.Msg))
		if d.Hint != "" {
			fmt.Fprintf(&b, `<br><span class="hint">hint: %s</span>`, html.EscapeString(d.Hint))
		}
		b.WriteString("</li>")
	}
	b.WriteString("</ul></body></html>")
	return b.Bytes()
}

// recorder keeps a response to change it before it is sent.
type recorder struct {
	header http.Header
	code   int
	body   bytes.Buffer
}

func (r *recorder) Header() http.Header         { return r.header }
func (r *recorder) Write(p []byte) (int, error) { return r.body.Write(p) }
func (r *recorder) WriteHeader(code int)        { r.code = code }
