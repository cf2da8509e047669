package serve

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"slices"
	"strings"
	"time"

	"golang.org/x/text/language"

	"github.com/handbill/handbill/internal/diag"
)

// Cache lifetimes. Pages are revalidated on every visit (cheap: 304 by
// ETag); PDFs and PNGs may be kept an hour by browsers and proxies, then
// revalidated, so a redeployed campaign reaches readers within the hour.
const (
	pageCacheControl = "no-cache"
	fileCacheControl = "public, max-age=3600"
)

// Handler returns the site's HTTP handler with its access log: one
// structured line per request (method, path, status, bytes, duration,
// cache hit or miss).
func (s *Site) Handler() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		rec := &recorder{ResponseWriter: w, status: http.StatusOK}
		s.ServeHTTP(rec, r)
		attrs := []slog.Attr{
			slog.String("method", r.Method),
			slog.String("path", r.URL.EscapedPath()),
			slog.Int("status", rec.status),
			slog.Int64("bytes", rec.bytes),
			slog.Float64("ms", float64(time.Since(start).Microseconds())/1000),
			slog.String("remote", r.RemoteAddr),
		}
		if c := rec.Header().Get("X-Cache"); c != "" {
			attrs = append(attrs, slog.String("cache", c))
		}
		s.log.LogAttrs(r.Context(), slog.LevelInfo, "request", attrs...)
	})
}

// recorder notes the status and body size of a response.
type recorder struct {
	http.ResponseWriter
	status int
	bytes  int64
	wrote  bool
}

func (r *recorder) WriteHeader(code int) {
	if !r.wrote {
		r.status, r.wrote = code, true
	}
	r.ResponseWriter.WriteHeader(code)
}

func (r *recorder) Write(b []byte) (int, error) {
	r.wrote = true
	n, err := r.ResponseWriter.Write(b)
	r.bytes += int64(n)
	return n, err
}

// ServeHTTP answers GET and HEAD for the site's known paths. A path is
// looked up exactly, after refusing encoded slashes and backslashes and
// dot segments; anything else is a 404 page that says what the site has.
func (s *Site) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", "no-referrer")
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		h.Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed: the site answers GET and HEAD", http.StatusMethodNotAllowed)
		return
	}
	if s.absurd(r) {
		s.notFound(w, r)
		return
	}
	path, ok := cleanPath(r)
	if !ok {
		s.notFound(w, r)
		return
	}
	if path == "healthz" {
		h.Set("Content-Type", "text/plain; charset=utf-8")
		h.Set("Cache-Control", "no-store")
		fmt.Fprintln(w, "ok")
		return
	}
	rt, ok := s.routes[path]
	if !ok {
		s.unrouted(w, r, path)
		return
	}
	switch rt.kind {
	case homePage:
		ui := s.visitor(r)
		h.Add("Vary", "Accept-Language")
		s.servePage(w, r, s.homes[ui.tag])
	case localeHome, docPage, letterPage:
		s.servePage(w, r, s.pages[path])
	case readerPage:
		s.serveReaderPage(w, r, path, rt)
	case shortcut:
		to := rt.target
		if rt.loc == nil || !strings.Contains(strings.TrimSuffix(rt.folder, "/"), "/") {
			// "poster-a4/": the visitor's language when the layout is in it.
			if ui := s.visitor(r); rt.lay.ok(ui.tag, rt.ed.ID) {
				to = docPath(rt.lay, ui, rt.ed)
			}
			h.Add("Vary", "Accept-Language")
		}
		s.redirect(w, r, path, to, http.StatusFound)
	case fileRoute:
		h.Set("Cache-Control", fileCacheControl)
		s.serveBlob(w, r, s.files[path])
	default:
		s.serveRendered(w, r, path, rt)
	}
}

// unrouted answers a path that is not one of the site's: a folder without
// its slash redirects to it, FOLDER/index.html is the folder's page, and
// anything else is a 404 page that says why.
func (s *Site) unrouted(w http.ResponseWriter, r *http.Request, path string) {
	if s.areas != nil && s.serveArea(w, r, path) {
		return // an area's site's, or a font the areas share
	}
	if rt, ok := s.routes[path+"/"]; ok && rt.kind != fileRoute {
		s.redirect(w, r, path, path+"/", http.StatusMovedPermanently)
		return
	}
	if p, ok := strings.CutSuffix(path, "index.html"); ok {
		if rt, ok := s.routes[p]; ok {
			switch rt.kind {
			case homePage:
				s.servePage(w, r, s.homes[s.visitor(r).tag])
				return
			case localeHome, docPage, letterPage:
				s.servePage(w, r, s.pages[p])
				return
			case readerPage:
				s.serveReaderPage(w, r, p, rt)
				return
			case shortcut:
				s.redirect(w, r, path, rt.target, http.StatusFound)
				return
			}
		}
	}
	ui, why := s.explain(r, path)
	s.errorPage(w, r, http.StatusNotFound, ui, why)
}

// redirect answers with a Location relative to the request's own folder,
// so that it stays under whatever prefix a proxy serves the site at:
// from "poster-a4/ur/screen" to "poster-a4/ur/screen/" it is "screen/".
func (s *Site) redirect(w http.ResponseWriter, r *http.Request, from, to string, code int) {
	w.Header().Set("Location", relative(from, to))
	w.Header().Set("Cache-Control", "no-cache")
	w.WriteHeader(code)
}

// relative returns the link from the page at site path from to site path
// to: "../" for each folder of from, then to.
func relative(from, to string) string {
	dir := from[:strings.LastIndex(from, "/")+1]
	if rest, ok := strings.CutPrefix(to, dir); ok && rest != "" {
		return rest
	}
	rel := strings.Repeat("../", strings.Count(from, "/")) + to
	if rel == "" {
		return "./"
	}
	return rel
}

// visitor is the language of the site a request asks for, by its
// Accept-Language header, matched to the site's locales by BCP 47 (x/text's
// matcher: "ur-PK" is Urdu, "zh" Simplified Chinese); the source locale
// when nothing matches.
func (s *Site) visitor(r *http.Request) *localeInfo {
	tags, _, err := language.ParseAcceptLanguage(r.Header.Get("Accept-Language"))
	if err != nil || len(tags) == 0 {
		return s.matched[0]
	}
	_, i, conf := s.matcher.Match(tags...)
	if conf == language.No {
		return s.matched[0]
	}
	return s.matched[i]
}

func (s *Site) serveRendered(w http.ResponseWriter, r *http.Request, path string, rt *route) {
	h := w.Header()
	ctx, cancel := s.withTimeout(r.Context())
	defer cancel()
	b, hit, err := s.render(ctx, rt)
	switch {
	case errors.Is(err, context.DeadlineExceeded):
		h.Set("Retry-After", "5")
		ui := s.pathLocale(r, path)
		s.errorPage(w, r, http.StatusServiceUnavailable, ui, reason{text: ui.w.T("site.error.busy")})
		return
	case errors.Is(err, context.Canceled):
		return // the client went away
	case err != nil:
		s.log.Error("render failed", "path", path, "error", err.Error())
		ui := s.pathLocale(r, path)
		s.errorPage(w, r, http.StatusInternalServerError, ui, reason{text: ui.w.T("site.error.failed")})
		return
	}
	if hit {
		h.Set("X-Cache", "hit")
	} else {
		h.Set("X-Cache", "miss")
	}
	h.Set("Cache-Control", fileCacheControl)
	if rt.kind == pdfFile {
		h.Set("Content-Disposition", fmt.Sprintf("attachment; filename=%q", rt.file))
	}
	s.serveBlob(w, r, b)
}

// serveReaderPage sends the page of a document read in another language.
func (s *Site) serveReaderPage(w http.ResponseWriter, r *http.Request, path string, rt *route) {
	ctx, cancel := s.withTimeout(r.Context())
	defer cancel()
	p, err := s.readerPage(ctx, path, rt)
	if err != nil {
		if !errors.Is(err, context.Canceled) {
			s.log.Error("page failed", "path", path, "error", err.Error())
			ui := s.pathLocale(r, path)
			s.errorPage(w, r, http.StatusInternalServerError, ui, reason{text: ui.w.T("site.error.failed")})
		}
		return
	}
	s.servePage(w, r, p)
}

// servePage sends an HTML page, gzipped when the client accepts it.
func (s *Site) servePage(w http.ResponseWriter, r *http.Request, p *htmlPage) {
	h := w.Header()
	h.Set("Cache-Control", pageCacheControl)
	h.Set("Content-Security-Policy", p.csp)
	h.Add("Vary", "Accept-Encoding")
	s.serveBlob(w, r, s.body(w, r, p))
}

// acceptsGzip reports whether Accept-Encoding allows gzip (not q=0).
func acceptsGzip(r *http.Request) bool {
	for _, part := range strings.Split(r.Header.Get("Accept-Encoding"), ",") {
		name, params, _ := strings.Cut(strings.TrimSpace(part), ";")
		if !strings.EqualFold(strings.TrimSpace(name), "gzip") {
			continue
		}
		q := strings.ReplaceAll(strings.TrimSpace(params), " ", "")
		return q != "q=0" && q != "q=0.0" && q != "q=0.00" && q != "q=0.000"
	}
	return false
}

// serveBlob writes b with its type, ETag and Last-Modified;
// http.ServeContent answers HEAD, If-None-Match and If-Modified-Since
// (304) and Range requests.
func (s *Site) serveBlob(w http.ResponseWriter, r *http.Request, b *blob) {
	w.Header().Set("Content-Type", b.ctype)
	w.Header().Set("ETag", b.etag)
	http.ServeContent(w, r, "", s.cfg.Modified, bytes.NewReader(b.data))
}

// cleanPath returns the request path without its leading slash, or false
// when it holds an encoded slash or backslash, a backslash, an empty
// segment or a dot segment: such paths are never the site's.
func cleanPath(r *http.Request) (string, bool) {
	esc := strings.ToLower(r.URL.EscapedPath())
	if strings.Contains(esc, "%2f") || strings.Contains(esc, "%5c") || strings.Contains(esc, "%00") {
		return "", false
	}
	p, ok := strings.CutPrefix(r.URL.Path, "/")
	if !ok || strings.ContainsAny(p, "\\\x00") {
		return "", false
	}
	segs := strings.Split(p, "/")
	for i, sg := range segs {
		if sg == "." || sg == ".." || sg == "" && i != len(segs)-1 {
			return "", false
		}
	}
	return p, true
}

// pathLocale is the language of the error page for path: the locale the
// path names, else the visitor's.
func (s *Site) pathLocale(r *http.Request, path string) *localeInfo {
	segs := strings.Split(path, "/")
	for _, sg := range segs[:min(2, len(segs))] {
		if loc := s.locale[sg]; loc != nil {
			return loc
		}
	}
	return s.visitor(r)
}

// reason is why an error page is shown: a sentence, and for a mistyped
// address the nearest id the site has and, when the address with it put
// right is one of the site's, that address (without its leading slash).
type reason struct {
	text     string
	near, to string
}

// explain says, in the language of the path or of the visitor, why a path
// is not the site's, naming the part that is unknown and the nearest id it
// has.
func (s *Site) explain(r *http.Request, path string) (*localeInfo, reason) {
	if s.areas != nil {
		return s.explainArea(r, path)
	}
	ui := s.pathLocale(r, path)
	w := ui.w
	segs := strings.Split(path, "/")
	lay := s.layout[segs[0]]
	if lay == nil {
		names := make([]string, len(s.layouts))
		for i, l := range s.layouts {
			names[i] = l.Name
		}
		if s.locale[segs[0]] != nil {
			return ui, reason{text: w.T("site.error.address")}
		}
		return ui, s.mend(w.T("site.error.layout", "Name", segs[0]), segs, 0, diag.Suggest(segs[0], names))
	}
	if len(segs) < 2 || segs[1] == "" {
		return ui, reason{text: w.T("site.unavailable.fit")}
	}
	loc := s.locale[segs[1]]
	if loc == nil {
		return ui, s.mend(w.T("site.error.locale", "Name", segs[1]), segs, 1, s.nearestLocale(segs[1]))
	}
	if len(segs) < 3 || segs[2] == "" {
		return ui, reason{text: w.T("site.unavailable.fit")}
	}
	ed := s.edition[segs[2]]
	if ed == nil {
		ids := make([]string, len(s.editions))
		for i, e := range s.editions {
			ids[i] = e.ID
		}
		return ui, s.mend(w.T("site.error.edition", "Name", segs[2]), segs, 2, diag.Suggest(segs[2], ids))
	}
	if !lay.ok(loc.tag, ed.ID) {
		return ui, reason{text: w.T("site.unavailable.fit")}
	}
	return ui, reason{text: w.T("site.error.address")}
}

// mend is the reason text with the suggestion near for segment i of an
// address, and the address with it put right when the site has it: the
// whole address, else its folder up to that segment ("poster-a4/").
func (s *Site) mend(text string, segs []string, i int, near string) reason {
	why := reason{text: text, near: near}
	if near == "" {
		return why
	}
	fixed := slices.Clone(segs)
	fixed[i] = near
	for _, p := range []string{strings.Join(fixed, "/"), strings.Join(fixed[:i+1], "/") + "/"} {
		if rt, ok := s.routes[p]; ok && rt.kind != fileRoute {
			why.to = p
			break
		}
	}
	return why
}

// nearestLocale is the site's locale nearest to an unknown tag: by BCP 47
// matching first (the language subtag: "ur-PK" → ur, "zh" → zh-Hans, "en"
// → en-GB), else by spelling.
func (s *Site) nearestLocale(v string) string {
	if t, err := language.Parse(v); err == nil {
		if _, i, conf := s.matcher.Match(t); conf != language.No {
			return s.matched[i].tag
		}
	}
	tags := make([]string, len(s.locales))
	for i, l := range s.locales {
		tags[i] = l.tag
	}
	return diag.Suggest(v, tags)
}

// notFound answers 404 with a page in the visitor's language that says
// the site has no such address.
func (s *Site) notFound(w http.ResponseWriter, r *http.Request) {
	ui := s.visitor(r)
	s.errorPage(w, r, http.StatusNotFound, ui, reason{text: ui.w.T("site.error.address")})
}

// absurd reports whether a request path is deeper or longer than any
// address of the site can be, even mistyped (a folder more, an
// index.html): such a path is answered with the one 404 page whose links
// start from the site's root, before anything else is looked at, so a
// long path costs no more to answer than a short one.
func (s *Site) absurd(r *http.Request) bool {
	p := r.URL.Path
	return len(p) > s.maxPath || strings.Count(p, "/") > s.maxDepth
}

// problemCacheBytes bounds the memory kept for error pages: one per
// language, depth and reason, each a few kilobytes gzipped.
const problemCacheBytes = 4 << 20

// errorPage answers status with a page in ui's language that says why and
// links to every design. Its links are relative to the request's folder,
// or, for an absurd path, start from the site's root (Config.Prefix), so a
// path's length never grows the page. Pages are rendered once per
// language, depth and reason, gzipped, and kept in a small cache of their
// own, so that requests for missing addresses cannot evict PDFs.
func (s *Site) errorPage(w http.ResponseWriter, r *http.Request, status int, ui *localeInfo, why reason) {
	root := s.cfg.Prefix
	if !s.absurd(r) {
		root = strings.Repeat("../", strings.Count(strings.TrimPrefix(r.URL.Path, "/"), "/"))
	}
	key := fmt.Sprintf("%s\x00%d\x00%s\x00%s\x00%s\x00%s\x00%s", s.mount, status, ui.tag, root, why.text, why.near, why.to)
	v, _, err := s.problems.get(r.Context(), key, func() (any, int64, error) {
		p, err := s.problemPage(ui, root, status, why)
		if err != nil {
			return nil, 0, err
		}
		return p, p.size() + int64(len(key)), nil
	})
	if err != nil {
		if !errors.Is(err, context.Canceled) {
			s.log.Error("error page", "error", err.Error())
		}
		http.Error(w, why.text, status)
		return
	}
	p := v.(*htmlPage)
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Content-Security-Policy", p.csp)
	h.Set("Cache-Control", "no-store")
	h.Add("Vary", "Accept-Language")
	h.Add("Vary", "Accept-Encoding")
	b := s.body(w, r, p)
	h.Set("Content-Length", fmt.Sprint(len(b.data)))
	w.WriteHeader(status)
	if r.Method != http.MethodHead {
		if _, err := w.Write(b.data); err != nil {
			s.log.Debug("writing an error page", "error", err.Error())
		}
	}
}
