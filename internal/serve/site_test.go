package serve_test

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"html"
	"io"
	"io/fs"
	"math"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/handbill/handbill"
	"github.com/handbill/handbill/internal/campaign"
	"github.com/handbill/handbill/internal/messages"
	"github.com/handbill/handbill/internal/serve"
)

// The home page is in the visitor's language, matched from
// Accept-Language by BCP 47 (x/text's matcher), the source when nothing
// matches; every language is offered by its own name.
func TestHomeSpeaksTheVisitorsLanguage(t *testing.T) {
	s, _ := site(t)
	h := s.Handler()
	for _, tc := range []struct{ accept, lang string }{
		{"", "en-GB"},
		{"ur", "ur"},
		{"ur-PK,ur;q=0.9,en;q=0.5", "ur"},
		{"zh-CN", "zh-Hans"},
		{"pl-PL, en;q=0.3", "pl"},
		{"en-US", "en-GB"},
		{"xx, yy", "en-GB"},
		{"fr;q=0.9, bn;q=0.5", "bn"},
		{"not a header;;", "en-GB"},
	} {
		w := get(h, "GET", "/", "Accept-Language", tc.accept)
		body := w.Body.String()
		if w.Code != 200 || !strings.Contains(body, `<html lang="`+tc.lang+`"`) {
			t.Errorf("Accept-Language %q: %d, want the home page in %s:\n%.300s", tc.accept, w.Code, tc.lang, body)
		}
		if v := strings.Join(w.Header().Values("Vary"), ", "); !strings.Contains(v, "Accept-Language") {
			t.Errorf("Accept-Language %q: Vary is %q", tc.accept, v)
		}
	}
	ur := get(h, "GET", "/", "Accept-Language", "ur").Body.String()
	for _, want := range []string{
		`<html lang="ur" dir="rtl">`,
		`<h2 id="site-languages">یہ سائٹ اپنی زبان میں</h2>`,
		`<a href="pl/" hreflang="pl"><span lang="pl" dir="ltr">Polski</span> <span class="note">پولش</span></a>`,
		`<a class="other" href="en-GB/" lang="en-GB" hreflang="en-GB" dir="ltr">English</a>`,
		`<h2><a href="poster-a4/ur/screen/">پوسٹر</a></h2>`,
		`src="poster-a4/ur/screen/thumb-160.png"`,
	} {
		if !strings.Contains(ur, want) {
			t.Errorf("the Urdu home page lacks %s", want)
		}
	}
}

// englishRe finds runs of Latin letters in a page's visible text.
var (
	tagRe     = regexp.MustCompile(`(?s)<style>.*?</style>|<[^>]*>`)
	englishRe = regexp.MustCompile(`[A-Za-z]{2,}`)
)

// An Urdu page's only English is the link to English and names: the
// file name, paper and format names, the fonts' names, the publisher's and
// handbill's.
func TestUrduPagesAreUrdu(t *testing.T) {
	s, _ := site(t)
	h := s.Handler()
	allowed := map[string]bool{"English": true, "sexting": true, "poster": true, "ur": true, "screen": true, "pdf": true,
		"Noto": true, "Sans": true, "Nastaliq": true, "Urdu": true, "Naskh": true, "Arabic": true, "Bengali": true, "Gurmukhi": true,
		"Devanagari": true, "Droid": true, "Fallback": true, "TC": true, "CJK": true, "SC": true, "handbill": true, "DL": true, "leaflet": true, "print": true,
		// The publisher's name and web site, names.
		"Cumbria": true, "Police": true, "www": true, "cumbria": true, "police": true, "uk": true,
		// The address typed, quoted back: "there is no edition “nope”".
		"nope": true,
		// Language names in their own languages, in the language lists.
		"British": true, "Polski": true, "Rom": true, "Lietuvi": true, "Portugu": true, "Espa": true, "Cymraeg": true, "Soomaali": true,
		"ca": true, "nia": true, "ol": true, "ês": true, "ës": true, "ān": true, "ng": true, "sh": true}
	for _, p := range []string{"/ur/", "/poster-a4/ur/screen/", "/leaflet-a5/ur/print/", "/poster-a4/ur/nope"} {
		w := get(h, "GET", p)
		text := tagRe.ReplaceAllString(w.Body.String(), " ")
		// Language names are in spans of their own language: drop them.
		for _, m := range englishRe.FindAllString(text, -1) {
			if !allowed[m] {
				t.Errorf("%s: English word %q in the Urdu page", p, m)
			}
		}
	}
}

// The 404 and error pages speak the language of the address, or the
// visitor's.
func TestErrorPagesSpeakTheLanguage(t *testing.T) {
	s, _ := site(t)
	h := s.Handler()
	if w := get(h, "GET", "/poster-a4/ur/screen/nope.pdf"); w.Code != 404 || !strings.Contains(w.Body.String(), "اس پتے پر کوئی صفحہ نہیں ہے۔") {
		t.Errorf("404 under /poster-a4/ur/: %d, not in Urdu", w.Code)
	}
	if w := get(h, "GET", "/nothing", "Accept-Language", "pl"); w.Code != 404 || !strings.Contains(w.Body.String(), `<html lang="pl"`) {
		t.Errorf("404 for a Polish reader: %d, not in Polish", w.Code)
	}
}

// Behind a proxy under /posters/, redirects keep the prefix: their
// Location is relative, so the browser resolves it under the prefix.
// Shortened addresses lead to a real page.
func TestRedirectsKeepThePrefix(t *testing.T) {
	s, _ := site(t)
	mux := http.NewServeMux()
	mux.Handle("/posters/", http.StripPrefix("/posters", s.Handler()))
	srv := httptest.NewServer(mux)
	defer srv.Close()
	client := srv.Client()
	for _, tc := range []struct{ from, to, accept string }{
		{"/posters/poster-a4/en-GB/screen", "/posters/poster-a4/en-GB/screen/", ""},
		{"/posters/poster-a4/ur", "/posters/poster-a4/ur/screen/", ""},
		{"/posters/poster-a4/ur/", "/posters/poster-a4/ur/screen/", ""},
		{"/posters/poster-a4", "/posters/poster-a4/en-GB/screen/", ""},
		{"/posters/poster-a4/", "/posters/poster-a4/ur/screen/", "ur"},
		{"/posters/ur", "/posters/ur/", ""},
	} {
		req, err := http.NewRequest("GET", srv.URL+tc.from, nil)
		if err != nil {
			t.Fatal(err)
		}
		req.Header.Set("Accept-Language", tc.accept)
		resp, err := client.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != 200 || resp.Request.URL.Path != tc.to {
			t.Errorf("GET %s: %d at %s, want 200 at %s", tc.from, resp.StatusCode, resp.Request.URL.Path, tc.to)
		}
	}
}

// Last-Modified is the site's modification time; If-Modified-Since
// answers 304 when nothing changed since.
func TestLastModified(t *testing.T) {
	_, ld := site(t)
	cfg := config(ld)
	cfg.Layouts, cfg.Locales = []string{"poster-a4"}, []string{"en-GB", "pl"}
	cfg.Modified = time.Date(2026, 11, 27, 10, 0, 0, 0, time.UTC)
	s, err := serve.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	h := s.Handler()
	for _, p := range []string{"/", "/poster-a4/pl/screen/", "/poster-a4/pl/screen/sexting-poster-a4-pl-screen.pdf", "/favicon.ico"} {
		w := get(h, "GET", p)
		lm := w.Header().Get("Last-Modified")
		if lm != "Fri, 27 Nov 2026 10:00:00 GMT" {
			t.Errorf("%s: Last-Modified %q", p, lm)
		}
		if c := get(h, "GET", p, "If-Modified-Since", lm); c.Code != 304 || c.Body.Len() != 0 {
			t.Errorf("%s If-Modified-Since %s: %d", p, lm, c.Code)
		}
		if c := get(h, "GET", p, "If-Modified-Since", "Thu, 26 Nov 2026 10:00:00 GMT"); c.Code != 200 {
			t.Errorf("%s modified since the day before: %d", p, c.Code)
		}
	}
}

// Pages are gzipped for clients that take it, with their own ETag.
func TestPagesAreCompressed(t *testing.T) {
	s, _ := site(t)
	h := s.Handler()
	for _, p := range []string{"/", "/ur/", "/poster-a4/ur/screen/"} {
		plain := get(h, "GET", p)
		gz := get(h, "GET", p, "Accept-Encoding", "gzip, deflate, br")
		if gz.Header().Get("Content-Encoding") != "gzip" || plain.Header().Get("Content-Encoding") != "" {
			t.Fatalf("%s: Content-Encoding %q with gzip, %q without", p, gz.Header().Get("Content-Encoding"), plain.Header().Get("Content-Encoding"))
		}
		zr, err := gzip.NewReader(gz.Body)
		if err != nil {
			t.Fatal(err)
		}
		body, err := io.ReadAll(zr)
		if err != nil || !bytes.Equal(body, plain.Body.Bytes()) {
			t.Errorf("%s: the gzipped page differs from the page (%v)", p, err)
		}
		if gz.Body.Len()*3 > plain.Body.Len() {
			t.Errorf("%s: gzip %d bytes for %d", p, gz.Body.Len(), plain.Body.Len())
		}
		if gz.Header().Get("ETag") == plain.Header().Get("ETag") {
			t.Errorf("%s: ETag %s for both", p, gz.Header().Get("ETag"))
		}
		if v := strings.Join(gz.Header().Values("Vary"), ", "); !strings.Contains(v, "Accept-Encoding") {
			t.Errorf("%s: Vary %q", p, v)
		}
		if c := get(h, "GET", p, "Accept-Encoding", "gzip;q=0"); c.Header().Get("Content-Encoding") != "" {
			t.Errorf("%s: gzipped although refused", p)
		}
	}
}

// contrast is the WCAG contrast ratio of two #rrggbb colours.
func contrast(a, b string) float64 {
	lum := func(hex string) float64 {
		var c [3]float64
		for i := range c {
			v, _ := strconv.ParseUint(hex[1+2*i:3+2*i], 16, 8)
			s := float64(v) / 255
			if s <= 0.03928 {
				c[i] = s / 12.92
			} else {
				c[i] = math.Pow((s+0.055)/1.055, 2.4)
			}
		}
		return 0.2126*c[0] + 0.7152*c[1] + 0.0722*c[2]
	}
	la, lb := lum(a), lum(b)
	return (math.Max(la, lb) + 0.05) / (math.Min(la, lb) + 0.05)
}

// Greyed text is at least 4.5:1 on white and the focus ring at least
// 3:1 (against white, and the header's ring against the brand colour),
// with the colours the campaign's brand gives the page's style sheet
// (brand.go); the first link of every page skips to the content.
func TestContrastAndSkipLink(t *testing.T) {
	s, _ := site(t)
	css := get(s.Handler(), "GET", "/").Body.Bytes()
	vars := map[string]string{}
	for _, m := range regexp.MustCompile(`--([a-z-]+):(#[0-9a-f]{6})`).FindAllSubmatch(css, -1) {
		vars[string(m[1])] = string(m[2])
	}
	find := func(re string) string {
		m := regexp.MustCompile(re).FindSubmatch(css)
		if m == nil {
			t.Fatalf("the page's style has no %s", re)
		}
		if v, ok := strings.CutPrefix(string(m[1]), "var(--"); ok {
			return vars[strings.TrimSuffix(v, ")")]
		}
		return string(m[1])
	}
	colour := `(#[0-9a-f]{6}|var\(--[a-z-]+\))`
	for _, tc := range []struct {
		what, re, bg string
		min          float64
	}{
		{"unavailable text", `\.unavailable\{color:` + colour + `\}`, "#ffffff", 4.5},
		{"notes", `\.note\{color:` + colour, "#ffffff", 4.5},
		{"links", `\ba\{color:` + colour, "#ffffff", 4.5},
		{"focus ring", `a:focus-visible[^{]*\{outline:3px solid ` + colour, "#ffffff", 3},
		{"focus ring in the header", `header\.site a:focus-visible\{outline-color:` + colour, vars["brand"], 3},
	} {
		if c := contrast(find(tc.re), tc.bg); c < tc.min {
			t.Errorf("%s: %s on %s is %.2f:1, want at least %.1f:1", tc.what, find(tc.re), tc.bg, c, tc.min)
		}
	}
	if vars["brand"] != "#1d3263" || vars["accent"] != "#fbb800" {
		t.Errorf("the bundled site's colours are %v, want the bundled layouts' brand #1d3263 and accent #fbb800", vars)
	}
	for _, p := range []string{"/", "/ur/", "/poster-a4/ur/screen/", "/nope"} {
		body := get(s.Handler(), "GET", p).Body.String()
		first := regexp.MustCompile(`<a [^>]*>`).FindString(body)
		if !strings.Contains(first, `class="skip" href="#main"`) || !strings.Contains(body, `<main id="main" tabindex="-1">`) {
			t.Errorf("%s: the first link is %s, want the skip link to #main", p, first)
		}
	}
}

// A language that fits no size of a design is still listed on the home
// page, with the reason, not left out.
func TestLanguageThatFitsNothingIsListed(t *testing.T) {
	ld := load(t)
	// The Urdu title, a hundred times over, fits no layout.
	fsys := fstest.MapFS{}
	err := fs.WalkDir(handbill.Bundled, "locales", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(handbill.Bundled, p)
		if p == "locales/ur.toml" {
			b = bytes.Replace(b, []byte(`other = "بھیجنے سے پہلے سوچیں"`), []byte(`other = "`+strings.Repeat("بھیجنے سے پہلے سوچیں ", 100)+`"`), 1)
		}
		fsys[p] = &fstest.MapFile{Data: b}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	tags := []string{}
	for _, l := range ld.c.Locales {
		tags = append(tags, l.Tag)
	}
	cat, err := messages.Load(fsys, "locales", ld.c.SourceLocale, tags)
	if err != nil {
		t.Fatal(err)
	}
	cfg := ownConfig(ld, "en-GB", "ur")
	cfg.Catalog = cat
	cfg.Layouts = []string{"poster-a4", "poster-a3"}
	s, err := serve.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	home := get(s.Handler(), "GET", "/").Body.String()
	want := `<span class="unavailable"><span lang="ur" dir="rtl">اردو</span> <span class="note">Urdu: the translation does not fit yet</span></span>`
	if !strings.Contains(home, want) {
		t.Errorf("the home page does not list Urdu as not fitting:\n%s", home)
	}
	if w := get(s.Handler(), "GET", "/poster-a4/ur/"); w.Code != 404 {
		t.Errorf("/poster-a4/ur/: %d, want 404", w.Code)
	}
}

// The site's memory bound grows with the cache it is given.
func TestMemoryLimitFollowsTheCache(t *testing.T) {
	_, ld := site(t)
	limit := func(mb int64) int64 {
		cfg := config(ld)
		cfg.Layouts, cfg.Locales = []string{"poster-a4"}, []string{"en-GB"}
		cfg.CacheBytes, cfg.Renders = mb<<20, 2
		s, err := serve.New(cfg)
		if err != nil {
			t.Fatal(err)
		}
		return s.MemoryLimit()
	}
	small, big := limit(16), limit(256)
	if d := big - small; d < 230<<20 || d > 250<<20 {
		t.Errorf("the limit grows by %d MiB from a 16 to a 256 MiB cache, want 240", d>>20)
	}
	if small < 16<<20+2*(48<<20) || small > 1<<30 {
		t.Errorf("limit with a 16 MiB cache: %d MiB", small>>20)
	}
}

// staticServer serves the folder dir under prefix as a plain web server
// does: files as they are, FOLDER/ as FOLDER/index.html, and 404.html
// with status 404 for anything else, at any depth.
func staticServer(dir, prefix string) http.Handler {
	files := http.FileServer(http.Dir(dir))
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		p, ok := strings.CutPrefix(r.URL.Path, strings.TrimSuffix(prefix, "/"))
		name := filepath.Join(dir, filepath.FromSlash(p))
		if st, err := os.Stat(name); ok && err == nil && (!st.IsDir() || fileExists(filepath.Join(name, "index.html"))) {
			r2 := r.Clone(r.Context())
			r2.URL.Path = p
			files.ServeHTTP(w, r2)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.WriteHeader(http.StatusNotFound)
		b, _ := os.ReadFile(filepath.Join(dir, "404.html"))
		w.Write(b)
	})
}

func fileExists(p string) bool { _, err := os.Stat(p); return err == nil }

// crawl fetches start and every page, image, font and file linked from
// the pages it reaches (href, src, srcset, CSS url()), following
// redirects, and returns the addresses that did not answer 200 and those
// outside prefix.
func crawl(t *testing.T, client *http.Client, base *url.URL, start, prefix string) (broken []string, pages int) {
	seen := map[string]bool{start: true}
	queue := []string{start}
	for len(queue) > 0 {
		u := queue[0]
		queue = queue[1:]
		resp, err := client.Get(base.String() + u)
		if err != nil {
			t.Fatal(err)
		}
		body, err := io.ReadAll(resp.Body)
		resp.Body.Close()
		if err != nil {
			t.Fatal(err)
		}
		if resp.StatusCode != 200 && u != start {
			broken = append(broken, fmt.Sprintf("%s: %d", u, resp.StatusCode))
			continue
		}
		if !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/html") {
			continue
		}
		pages++
		here := resp.Request.URL
		for _, l := range links(string(body)) {
			ref, err := url.Parse(html.UnescapeString(l))
			if err != nil {
				t.Fatal(err)
			}
			if ref.Path == "" {
				continue // within the page
			}
			to := here.ResolveReference(ref)
			if to.Host != base.Host || !strings.HasPrefix(to.Path, prefix) {
				broken = append(broken, fmt.Sprintf("%s links outside %s: %s", here.Path, prefix, to))
				continue
			}
			if !seen[to.Path] {
				seen[to.Path] = true
				queue = append(queue, to.Path)
			}
		}
	}
	return broken, pages
}

// The static export, served by a plain web server at the root and under
// /posters/, crawls clean: every link of every page, 404.html's included
// when it is sent for a missing address deep in the site, answers 200.
func TestStaticSiteCrawlsClean(t *testing.T) {
	_, ld := site(t)
	prefixes := []string{"/", "/posters/"}
	if testing.Short() {
		// Under a prefix only: the harder case (the cli site script
		// writes at the root in both tiers).
		prefixes = prefixes[1:]
	}
	for _, prefix := range prefixes {
		t.Run(strings.Trim(prefix, "/")+"root", func(t *testing.T) {
			cfg := config(ld)
			cfg.Static, cfg.Prefix = true, prefix
			cfg.Layouts, cfg.Locales = []string{"poster-a4", "poster-a3", "leaflet-a5"}, []string{"en-GB", "ur", "zh-Hans"}
			if testing.Short() {
				// Every kind of page and file, left to right and right
				// to left, from a poster and a leaflet.
				cfg.Layouts, cfg.Locales = []string{"poster-a4", "leaflet-a5"}, []string{"en-GB", "ur"}
			}
			s, err := serve.New(cfg)
			if err != nil {
				t.Fatal(err)
			}
			dir := t.TempDir()
			if _, err := s.Export(dir, nil); err != nil {
				t.Fatal(err)
			}
			srv := httptest.NewServer(staticServer(dir, prefix))
			defer srv.Close()
			base, err := url.Parse(srv.URL)
			if err != nil {
				t.Fatal(err)
			}
			broken, pages := crawl(t, srv.Client(), base, prefix, prefix)
			for _, b := range broken {
				t.Errorf("broken: %s", b)
			}
			// 404.html, sent for a missing address at any depth.
			for _, deep := range []string{prefix + "nope", prefix + "poster-a4/ur/glossy/", prefix + "a/b/c/d/e.pdf"} {
				b, n := crawl(t, srv.Client(), base, deep, prefix)
				for _, x := range b {
					t.Errorf("from 404.html at %s: %s", deep, x)
				}
				if n == 0 {
					t.Errorf("%s: no 404 page", deep)
				}
			}
			t.Logf("%d pages crawled under %s", pages, prefix)
			if pages < len(cfg.Layouts)*len(cfg.Locales)*2 {
				t.Errorf("only %d pages reached", pages)
			}
		})
	}
}

// An English-speaking teacher who opens the Urdu poster reads its page in
// English: the interface is the reader's language (from Accept-Language
// on the home page, or chosen on the page, and kept in the address), the
// poster is the language picked. Switching the interface keeps the
// poster; switching the poster keeps the interface; the draft warning is
// in the reader's language.
func TestPosterPageInTheReadersLanguage(t *testing.T) {
	s, ld := site(t)
	h := s.Handler()
	title, err := ld.cat.Text("ur", ld.c.TitleMessage, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	// From the home page an English browser gets, the Urdu poster opens
	// with an English interface.
	home := get(h, "GET", "/", "Accept-Language", "en-GB,en;q=0.9").Body.String()
	const enUr = "en-GB/poster-a4/ur/screen/"
	if !strings.Contains(home, `<a href="`+enUr+`" hreflang="ur"><span lang="ur" dir="rtl">اردو</span>`) {
		t.Errorf("the English home page does not lead to the Urdu poster in English:\n%s", home)
	}
	w := get(h, "GET", "/"+enUr)
	if w.Code != 200 {
		t.Fatalf("GET /%s: %d", enUr, w.Code)
	}
	page := w.Body.String()
	const files = "../../../../poster-a4/ur/screen/"
	for _, want := range []string{
		`<html lang="en-GB" dir="ltr">`,
		`<h1>Poster, A4, in Urdu</h1>`,
		`<p class="loctitle" lang="ur" dir="rtl">` + title + `</p>`,
		`<strong>Draft translation:</strong> not yet checked by a native speaker.`,
		`<img src="` + files + `page-1.png" srcset="` + files + `page-1-450.png 450w, ` + files + `page-1.png 900w"`,
		`alt="` + title + `" lang="ur" dir="rtl">`,
		`<a class="button" href="` + files + `sexting-poster-a4-ur-screen.pdf" download="sexting-poster-a4-ur-screen.pdf"`,
		`<h2 id="download">Download</h2>`,
		// Who publishes the campaign, when, and how to reach them, in the
		// reader's language.
		`<footer class="site"><p>Published by Cumbria Police on 1970-01-01. Contact: <a href="https://www.cumbria.police.uk/" dir="ltr">www.cumbria.police.uk</a></p>
<p>This site uses no cookies`,
		// The poster in another language: the interface stays English.
		`<a href="../../../../en-GB/poster-a4/pl/screen/" hreflang="pl"><span lang="pl" dir="ltr">Polski</span> <span class="note">Polish</span></a>`,
		`<span aria-current="page"><span lang="ur" dir="rtl">اردو</span> <span class="note">Urdu</span></span>`,
		// Other sizes and editions keep both languages.
		`<a href="../../../../en-GB/poster-a3/ur/screen/">A3</a>`,
		`<a href="../../../../en-GB/poster-a4/ur/print/">Print shop</a>`,
		// The interface in another language keeps the poster: in Urdu it
		// is the Urdu poster's own page, in Polish a page of its own.
		`<a href="../../../../poster-a4/ur/screen/" hreflang="ur"><span lang="ur" dir="rtl">اردو</span>`,
		`<a href="../../../../pl/poster-a4/ur/screen/" hreflang="pl"><span lang="pl" dir="ltr">Polski</span>`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("/%s lacks %s", enUr, want)
		}
	}
	if strings.Contains(page, "مسودہ") {
		t.Errorf("/%s: the draft warning is in Urdu, not the reader's English", enUr)
	}
	// Every link of the page resolves to an address of the site.
	for _, ref := range links(page) {
		to, _, _ := strings.Cut(resolve("/"+enUr, ref), "#")
		if c := get(h, "HEAD", to).Code; c != 200 {
			t.Errorf("/%s: link %s (%s) is %d", enUr, ref, to, c)
		}
	}
	// The page of the Polish poster read in Urdu.
	pl := get(h, "GET", "/ur/poster-a4/pl/screen/").Body.String()
	for _, want := range []string{`<html lang="ur" dir="rtl">`, `<strong>مسودہ ترجمہ:</strong>`, `<p class="loctitle" lang="pl" dir="ltr">`, `sexting-poster-a4-pl-screen.pdf`} {
		if !strings.Contains(pl, want) {
			t.Errorf("/ur/poster-a4/pl/screen/ lacks %s", want)
		}
	}
}

// A poster's page says the PDF's size before it is downloaded, and how to
// print it, from the layout and in the reader's language: the paper at
// actual size (the office edition only), which edge to flip on for two
// sides, how to fold.
func TestPrintAdviceAndSize(t *testing.T) {
	s, _ := site(t)
	h := s.Handler()
	for _, tc := range []struct {
		path      string
		want, not []string
	}{
		{"/poster-a4/en-GB/screen/", []string{"<h3>How to print</h3>", "<li>Print on A4 paper at actual size (100%), not “fit to page”.</li>"}, []string{"both sides", "Fold"}},
		{"/poster-a4/en-GB/print/", nil, []string{"How to print"}},
		{"/leaflet-a5/en-GB/screen/", []string{"<li>Print on A5 paper", "<li>Print on both sides, flipping on the long edge.</li>"}, []string{"Fold"}},
		{"/leaflet-dl/en-GB/print/", []string{"<li>Print on both sides, flipping on the short edge.</li>", "<li>Fold in three: fold the narrowest panel in first, then fold the other end over it.</li>"}, []string{"actual size"}},
		{"/leaflet-a5-bifold/en-GB/screen/", []string{"<li>Print on A4 paper", "flipping on the short edge", "<li>Fold in half along the middle, with the front cover outside.</li>"}, nil},
		// In the reader's language, whatever the poster's.
		{"/ur/leaflet-dl/pl/screen/", []string{"<h3>پرنٹ کیسے کریں</h3>", "چھوٹے کنارے پر پلٹتے ہوئے"}, []string{"short edge"}},
	} {
		w := get(h, "GET", tc.path)
		if w.Code != 200 {
			t.Errorf("GET %s: %d", tc.path, w.Code)
			continue
		}
		body := w.Body.String()
		for _, want := range tc.want {
			if !strings.Contains(body, want) {
				t.Errorf("%s lacks %s", tc.path, want)
			}
		}
		for _, not := range tc.not {
			if strings.Contains(body, not) {
				t.Errorf("%s says %s", tc.path, not)
			}
		}
	}
	// The size is the PDF's, in kilobytes.
	const dir = "/poster-a4/en-GB/screen/"
	pdf := get(h, "GET", dir+"sexting-poster-a4-en-GB-screen.pdf").Body.Len()
	if want := fmt.Sprintf("Size: %d KB", (pdf+512)/1024); !strings.Contains(get(h, "GET", dir).Body.String(), want) {
		t.Errorf("%s does not say %s", dir, want)
	}
}

// Shared in a chat or an email, a page shows a card: its title and
// description in its language, and, when the site's public address is
// given, its absolute address and the poster's preview.
func TestLinkPreview(t *testing.T) {
	_, ld := site(t)
	cfg := ownConfig(ld, "en-GB", "ur")
	cfg.Layouts = []string{"poster-a4", "leaflet-a5"}
	cfg.URL = "https://posters.example.org/"
	s, err := serve.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	page := get(s.Handler(), "GET", "/en-GB/poster-a4/ur/screen/").Body.String()
	for _, want := range []string{
		// A design in one size is not named with its size twice.
		`<meta property="og:title" content="Poster, A4, in Urdu – Think before you send">`,
		`<meta property="og:description" content="One-page poster for notice boards, corridors and waiting rooms.">`,
		`<meta property="og:locale" content="en_GB">`,
		`<meta property="og:site_name" content="Cumbria Police">`,
		`<meta property="og:url" content="https://posters.example.org/en-GB/poster-a4/ur/screen/">`,
		`<meta property="og:image" content="https://posters.example.org/poster-a4/ur/screen/page-1.png">`,
		`<meta name="twitter:card" content="summary_large_image">`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("the page lacks %s", want)
		}
	}
	if leaflet := get(s.Handler(), "GET", "/leaflet-a5/en-GB/screen/").Body.String(); !strings.Contains(leaflet, "<title>Leaflet, A5, in British English – ") {
		t.Errorf("the A5 leaflet's title says its size twice:\n%.600s", leaflet)
	}
	// Without the public address: no image, which must be absolute.
	shared, _ := site(t)
	home := get(shared.Handler(), "GET", "/ur/").Body.String()
	if !strings.Contains(home, `<meta property="og:locale" content="ur">`) || !strings.Contains(home, `<meta name="twitter:card" content="summary">`) || strings.Contains(home, "og:image") {
		t.Errorf("the Urdu home page's card is wrong:\n%.1500s", home)
	}
	// A publisher whose name each locale translates, reached by email; a
	// campaign that names none says only when.
	pub := *ld.c
	pub.Publisher = &campaign.Publisher{NameMessage: campaign.MessageRef{ID: "site.design.poster"}, Email: "safeguarding@example.org"}
	cfg.Campaign, cfg.Locales = &pub, []string{"en-GB", "ur"}
	s, err = serve.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	name, err := ld.cat.Text("ur", "site.design.poster", nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	urdu := get(s.Handler(), "GET", "/ur/").Body.String()
	if want := `<footer class="site"><p>` + name + ` نے 1970-01-01 کو شائع کیا۔ رابطہ: <a href="mailto:safeguarding@example.org" dir="ltr">safeguarding@example.org</a></p>`; !strings.Contains(urdu, want) {
		t.Errorf("the Urdu home page's footer lacks %s:\n%s", want, urdu[strings.Index(urdu, "<footer"):])
	}
	none := *ld.c
	none.Publisher = nil
	cfg.Campaign = &none
	if s, err = serve.New(cfg); err != nil {
		t.Fatal(err)
	}
	if home := get(s.Handler(), "GET", "/en-GB/").Body.String(); !strings.Contains(home, `<footer class="site"><p>Published on 1970-01-01.</p>`) || strings.Contains(home, "og:site_name") {
		t.Errorf("without a publisher, the footer or card is wrong:\n%s", home[strings.Index(home, "<footer"):])
	}
	cfg.URL = "posters.example.org"
	if _, err := serve.New(cfg); err == nil || !strings.Contains(err.Error(), "expected the site's public address") {
		t.Errorf("a URL without a scheme: %v", err)
	}
}
