package serve

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"time"
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
	path, ok := cleanPath(r)
	if !ok {
		s.notFound(w, r, "This address is not one the site uses.")
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
		if rt, ok := s.routes[path+"/"]; ok && rt.kind == docPage {
			http.Redirect(w, r, "/"+path+"/", http.StatusMovedPermanently)
			return
		}
		if p, ok := strings.CutSuffix(path, "index.html"); ok {
			if rt, ok := s.routes[p]; ok && (rt.kind == docPage || rt.kind == homePage) {
				s.servePage(w, r, p)
				return
			}
		}
		s.notFound(w, r, s.explain(path))
		return
	}
	switch rt.kind {
	case homePage, docPage:
		s.servePage(w, r, path)
	default:
		ctx, cancel := s.withTimeout(r.Context())
		defer cancel()
		b, hit, err := s.render(ctx, rt)
		switch {
		case errors.Is(err, context.DeadlineExceeded):
			h.Set("Retry-After", "5")
			s.errorPage(w, r, http.StatusServiceUnavailable, "The site is busy making this file. Please try again in a few seconds.")
			return
		case errors.Is(err, context.Canceled):
			return // the client went away
		case err != nil:
			s.log.Error("render failed", "path", path, "error", err.Error())
			s.errorPage(w, r, http.StatusInternalServerError, "This file could not be made. The problem has been logged.")
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
		serveBlob(w, r, b)
	}
}

func (s *Site) servePage(w http.ResponseWriter, r *http.Request, path string) {
	h := w.Header()
	h.Set("Cache-Control", pageCacheControl)
	h.Set("Content-Security-Policy", csp)
	serveBlob(w, r, s.pages[path])
}

// serveBlob writes b with its type and ETag; http.ServeContent answers
// HEAD, If-None-Match (304) and Range requests.
func serveBlob(w http.ResponseWriter, r *http.Request, b *blob) {
	w.Header().Set("Content-Type", b.ctype)
	w.Header().Set("ETag", b.etag)
	http.ServeContent(w, r, "", time.Time{}, bytes.NewReader(b.data))
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

// explain says why a path is not the site's, naming the part that is
// unknown and the nearest id it has.
func (s *Site) explain(path string) string {
	segs := strings.Split(path, "/")
	lay := s.layout[segs[0]]
	if lay == nil {
		names := make([]string, len(s.layouts))
		for i, l := range s.layouts {
			names[i] = l.Name
		}
		return fmt.Sprintf("There is no poster or leaflet called %q.%s", segs[0], suggest(segs[0], names))
	}
	if len(segs) < 2 || segs[1] == "" {
		return fmt.Sprintf("Choose a language for the %s below.", strings.ToLower(lay.design.name))
	}
	loc := s.locale[segs[1]]
	if loc == nil {
		tags := make([]string, len(s.locales))
		for i, l := range s.locales {
			tags[i] = l.tag
		}
		return fmt.Sprintf("There is no language %q on this site.%s", segs[1], suggest(segs[1], tags))
	}
	if len(segs) < 3 || segs[2] == "" {
		return "Choose an edition below."
	}
	ed := s.edition[segs[2]]
	if ed == nil {
		ids := make([]string, len(s.editions))
		for i, e := range s.editions {
			ids[i] = e.ID
		}
		return fmt.Sprintf("There is no edition %q: the editions are %s.", segs[2], strings.Join(ids, " and "))
	}
	if !lay.ok(loc.tag, ed.ID) {
		return fmt.Sprintf("The %s %s is not available in %s (%s): the translation does not fit this layout yet.", lay.size, strings.ToLower(lay.design.name), loc.self, loc.english)
	}
	return fmt.Sprintf("There is no file %q here. The PDF of this page is called %s.", strings.Join(segs[3:], "/"), s.fileName(lay, loc.tag, ed))
}

func (s *Site) notFound(w http.ResponseWriter, r *http.Request, why string) {
	s.errorPage(w, r, http.StatusNotFound, why)
}

// errorPage answers status with a page that says why and links to every
// design; its links are relative to the request's folder.
func (s *Site) errorPage(w http.ResponseWriter, r *http.Request, status int, why string) {
	depth := strings.Count(strings.TrimPrefix(r.URL.Path, "/"), "/")
	body, err := s.problemPage(strings.Repeat("../", depth), status, why)
	if err != nil {
		s.log.Error("error page", "error", err.Error())
		http.Error(w, why, status)
		return
	}
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Content-Security-Policy", csp)
	h.Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	if r.Method != http.MethodHead {
		if _, err := w.Write(body); err != nil {
			s.log.Debug("writing an error page", "error", err.Error())
		}
	}
}
