package serve_test

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"image"
	_ "image/png"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/handbill/handbill/internal/campaign"
	"github.com/handbill/handbill/internal/fonts"
	"github.com/handbill/handbill/internal/geom"
	"github.com/handbill/handbill/internal/messages"
	"github.com/handbill/handbill/internal/serve"
	"github.com/handbill/handbill/internal/testtool"
)

// loaded is the bundled campaign, read once per test binary; tests that
// change a layout load their own copy.
type loaded struct {
	c   *campaign.Campaign
	cat *messages.Catalog
	reg *fonts.Registry
}

func load(t testing.TB) loaded {
	t.Helper()
	c, cat, reg := testtool.Bundled(t)
	return loaded{c, cat, reg}
}

func config(ld loaded) serve.Config {
	return serve.Config{Campaign: ld.c, Catalog: ld.cat, Fonts: ld.reg, Creator: "handbill test", Date: time.Unix(0, 0).UTC()}
}

// ownConfig is config for a test that starts a site of its own. A site
// renders every PDF as it starts, so under -short it offers only the
// locales named (the ones the test asks for), not all.
func ownConfig(ld loaded, locales ...string) serve.Config {
	cfg := config(ld)
	if testing.Short() {
		cfg.Locales = locales
	}
	return cfg
}

var (
	shared     *serve.Site
	sharedOnce sync.Once
	sharedLd   loaded
)

// sharedLocales are the locales the shared site offers under -short: the
// source, both directions, and every script the tests of language names
// and matching look for (Latin, Arabic, Nastaliq, Bengali, Gurmukhi,
// Chinese); the full suite offers all fifteen.
var sharedLocales = []string{"en-GB", "pl", "ro", "cy", "ar", "ur", "bn", "pa", "zh-Hans"}

// site returns a site of the bundled campaign shared by the tests that
// only read from it (a site renders every PDF as it starts).
func site(t testing.TB) (*serve.Site, loaded) {
	t.Helper()
	sharedOnce.Do(func() {
		sharedLd = load(t)
		s, err := serve.New(ownConfig(sharedLd, sharedLocales...))
		if err != nil {
			t.Fatal(err)
		}
		shared = s
	})
	if shared == nil {
		t.Fatal("the shared site failed to build")
	}
	return shared, sharedLd
}

// get runs one request through h.
func get(h http.Handler, method, target string, hdr ...string) *httptest.ResponseRecorder {
	r := httptest.NewRequest(method, target, nil)
	for i := 0; i+1 < len(hdr); i += 2 {
		r.Header.Set(hdr[i], hdr[i+1])
	}
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	return w
}

// Every address the site lists answers GET with the right type and a body
// that is what it claims: HTML pages, PDFs, PNGs of the stated size.
func TestEveryRoute(t *testing.T) {
	s, ld := site(t)
	h := s.Handler()
	paths := s.Paths()
	if testing.Short() {
		// Every route of two locales (left to right, right to left), not
		// every locale's.
		others := map[string]bool{}
		for _, l := range ld.c.Locales {
			others[l.Tag] = l.Tag != "en-GB" && l.Tag != "ur"
		}
		paths = slices.DeleteFunc(paths, func(p string) bool {
			return slices.ContainsFunc(strings.Split(p, "/"), func(seg string) bool { return others[seg] })
		})
	}
	// 4 layouts × 15 locales × 2 editions, less what does not fit, each
	// with a page, a PDF, a thumbnail and a preview per page.
	if len(paths) < 1+len(ld.c.Layouts)*2*2 {
		t.Fatalf("only %d paths", len(paths))
	}
	kinds := map[string]int{}
	var mu sync.Mutex
	var wg sync.WaitGroup
	sem := make(chan struct{}, 8)
	for _, p := range paths {
		// Previews are rasterised from the document whose PDF is
		// checked here too, by the same code for every locale: check
		// them in two scripts, not all fifteen locales (rasterising
		// every locale's previews took most of the package's test time).
		if strings.HasSuffix(p, ".png") && !strings.Contains(p, "/en-GB/") && !strings.Contains(p, "/ur/") {
			continue
		}
		// Under -short, the previews of a one-page poster and a
		// two-page leaflet (every size of image the site serves).
		if testing.Short() && strings.HasSuffix(p, ".png") && !strings.HasPrefix(p, "poster-a4/") && !strings.HasPrefix(p, "leaflet-a5-bifold/") {
			continue
		}
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer func() { <-sem; wg.Done() }()
			w := get(h, "GET", "/"+p)
			if w.Code == 302 {
				// A shortened address ("poster-a4/ur/") leads to a page.
				to := resolve("/"+p, w.Header().Get("Location"))
				if !slices.Contains(paths, strings.TrimPrefix(to, "/")) || strings.Count(p, "/") > 2 || !strings.HasSuffix(to, "/screen/") && !strings.HasSuffix(to, "/print/") {
					t.Errorf("GET /%s: 302 to %s (%s)", p, w.Header().Get("Location"), to)
				}
				mu.Lock()
				kinds["shortcut"]++
				mu.Unlock()
				return
			}
			if w.Code != 200 {
				t.Errorf("GET /%s: %d %s", p, w.Code, w.Body.String())
				return
			}
			ct := w.Header().Get("Content-Type")
			body := w.Body.Bytes()
			var kind string
			switch {
			case p == "" || strings.HasSuffix(p, "/"):
				kind = "page"
				if ct != "text/html; charset=utf-8" || !bytes.HasPrefix(body, []byte("<!doctype html>")) {
					t.Errorf("/%s: %s, %.40q: want an HTML page", p, ct, body)
				}
				if w.Header().Get("Content-Security-Policy") == "" {
					t.Errorf("/%s: no Content-Security-Policy", p)
				}
			case strings.HasSuffix(p, ".pdf"):
				kind = "pdf"
				if ct != "application/pdf" || !bytes.HasPrefix(body, []byte("%PDF-")) {
					t.Errorf("/%s: %s, %.10q: want a PDF", p, ct, body)
				}
				name := p[strings.LastIndex(p, "/")+1:]
				if cd := w.Header().Get("Content-Disposition"); cd != fmt.Sprintf("attachment; filename=%q", name) {
					t.Errorf("/%s: Content-Disposition %q", p, cd)
				}
			case strings.HasSuffix(p, ".png"):
				kind = "png"
				img, _, err := image.Decode(bytes.NewReader(body))
				if ct != "image/png" || err != nil {
					t.Errorf("/%s: %s, %v: want a PNG", p, ct, err)
					return
				}
				want := 900
				switch {
				case strings.HasSuffix(p, "-450.png"):
					want = 450
				case strings.HasSuffix(p, "thumb.png"):
					want = 320
				case strings.HasSuffix(p, "thumb-160.png"):
					want = 160
				}
				if got := img.Bounds().Dx(); got != want {
					t.Errorf("/%s: %d pixels wide, want %d", p, got, want)
				}
			case strings.HasSuffix(p, ".woff"):
				kind = "font"
				if ct != "font/woff" || !bytes.HasPrefix(body, []byte("wOFF")) {
					t.Errorf("/%s: %s, %.10q: want a WOFF font", p, ct, body)
				}
			case strings.HasPrefix(p, "fonts/") && strings.HasSuffix(p, ".txt"):
				kind = "licence"
				if ct != "text/plain; charset=utf-8" || !bytes.Contains(body, []byte("License")) {
					t.Errorf("/%s: %s, %.40q: want a licence", p, ct, body)
				}
			case p == "favicon.ico":
				kind = "icon"
				if ct != "image/x-icon" || !bytes.HasPrefix(body, []byte{0, 0, 1, 0, 1, 0}) {
					t.Errorf("/%s: %s, %.10q: want an icon", p, ct, body)
				}
			case p == "robots.txt":
				kind = "robots"
				if ct != "text/plain; charset=utf-8" || !bytes.Contains(body, []byte("User-agent: *\nDisallow: /*.png$\n")) {
					t.Errorf("/%s: %s, %q: want robots.txt that keeps crawlers off the previews", p, ct, body)
				}
			default:
				t.Errorf("/%s: unexpected kind of path", p)
			}
			if w.Header().Get("ETag") == "" || w.Header().Get("Cache-Control") == "" {
				t.Errorf("/%s: ETag %q, Cache-Control %q", p, w.Header().Get("ETag"), w.Header().Get("Cache-Control"))
			}
			mu.Lock()
			kinds[kind]++
			mu.Unlock()
		}()
	}
	wg.Wait()
	locales := len(ld.c.Locales)
	if testing.Short() {
		locales = 2
	}
	// A page per document in each language it can be read in, a home
	// page per language, and /.
	if kinds["pdf"] == 0 || kinds["png"] == 0 || kinds["page"] != kinds["pdf"]*locales+1+locales || kinds["shortcut"] == 0 || kinds["icon"] != 1 || kinds["robots"] != 1 || kinds["font"] == 0 || kinds["licence"] == 0 {
		t.Errorf("paths by kind: %v", kinds)
	}
}

var hrefRe = regexp.MustCompile(`(?:href|src)="([^"]*)"`)

// srcsetRe finds srcset attributes: "a.png 160w, b.png 320w"; cssURLRe
// the web fonts of the style sheet.
var (
	srcsetRe = regexp.MustCompile(`srcset="([^"]*)"`)
	cssURLRe = regexp.MustCompile(`url\((?:&#34;|")?([^")&]*)(?:&#34;|")?\)`)
)

// publisherURL is the bundled campaign's publisher's web site, which
// every page's footer links to: the one link that leaves the site.
const publisherURL = "https://www.cumbria.police.uk/"

// links returns every href, src and srcset candidate of an HTML page but
// the link to the publisher's web site.
func links(body string) []string {
	var out []string
	for _, m := range hrefRe.FindAllStringSubmatch(body, -1) {
		if m[1] != publisherURL {
			out = append(out, m[1])
		}
	}
	for _, m := range cssURLRe.FindAllStringSubmatch(body, -1) {
		out = append(out, m[1])
	}
	for _, m := range srcsetRe.FindAllStringSubmatch(body, -1) {
		for _, c := range strings.Split(m[1], ",") {
			if f := strings.Fields(c); len(f) > 0 {
				out = append(out, f[0])
			}
		}
	}
	return out
}

// Crawling from the home page reaches every page and file, every link
// is relative and answers 200, and no page loads anything from elsewhere.
func TestLinksResolve(t *testing.T) {
	testtool.Slow(t)
	s, _ := site(t)
	h := s.Handler()
	paths := s.Paths()
	seen := map[string]bool{"/": true}
	queue := []string{"/"}
	for len(queue) > 0 {
		p := queue[0]
		queue = queue[1:]
		if !strings.HasSuffix(p, "/") {
			// A file: TestEveryRoute fetches every file; here it is
			// enough that the link names one of the site's paths.
			if !slices.Contains(paths, strings.TrimPrefix(p, "/")) {
				t.Errorf("%s is linked but not one of the site's paths", p)
			}
			continue
		}
		w := get(h, "HEAD", p)
		if w.Code == 302 {
			continue // a shortened address: TestEveryRoute follows them
		}
		if w.Code != 200 {
			t.Errorf("HEAD %s: %d", p, w.Code)
			continue
		}
		if !strings.HasSuffix(p, "/") {
			continue
		}
		body := get(h, "GET", p).Body.String()
		if !strings.Contains(body, `<a href="`+publisherURL+`" dir="ltr">`) {
			t.Errorf("%s does not link to the publisher's web site", p)
		}
		body = strings.ReplaceAll(body, `<a href="`+publisherURL+`"`, "")
		for _, bad := range []string{"<script", "@import", "http://", "https://", "//fonts."} {
			if strings.Contains(body, bad) {
				t.Errorf("%s contains %q", p, bad)
			}
		}
		for _, l := range links(body) {
			ref, _, _ := strings.Cut(l, "#")
			if ref == "" {
				continue // a link within the page
			}
			if strings.HasPrefix(ref, "/") || strings.Contains(ref, ":") {
				t.Errorf("%s links to %q: want a relative link", p, ref)
				continue
			}
			u := resolve(p, ref)
			if !seen[u] {
				seen[u] = true
				queue = append(queue, u)
			}
		}
	}
	for _, p := range s.Paths() {
		if p == "robots.txt" {
			continue // for crawlers, which ask for it by name: no page links it
		}
		if !seen["/"+p] && get(h, "HEAD", "/"+p).Code != 302 {
			t.Errorf("/%s is not linked from any page", p)
		}
	}
}

// resolve joins a relative reference onto the folder of page p.
func resolve(p, ref string) string {
	dir := p[:strings.LastIndex(p, "/")+1]
	segs := strings.Split(strings.Trim(dir, "/"), "/")
	if segs[0] == "" {
		segs = nil
	}
	if ref == "./" {
		ref = ""
	}
	for strings.HasPrefix(ref, "../") {
		segs = segs[:len(segs)-1]
		ref = ref[3:]
	}
	out := "/" + strings.Join(segs, "/")
	if len(segs) > 0 {
		out += "/"
	}
	return out + ref
}

// The home page names each language in its own language and script, with
// lang and dir set, marks drafts, and lists every design with a preview.
func TestHomeNamesLanguagesInTheirOwnScript(t *testing.T) {
	s, ld := site(t)
	w := get(s.Handler(), "GET", "/")
	body := w.Body.String()
	for _, want := range []string{
		`<html lang="en-GB" dir="ltr">`,
		`<span lang="pl" dir="ltr">Polski</span>`,
		`<span lang="ro" dir="ltr">Română</span>`,
		`<span lang="ur" dir="rtl">اردو</span>`,
		`<span lang="ar" dir="rtl">العربية</span>`,
		`<span lang="bn" dir="ltr">বাংলা</span>`,
		`<span lang="pa" dir="ltr">ਪੰਜਾਬੀ</span>`,
		`<span lang="zh-Hans" dir="ltr">简体中文</span>`,
		`<span lang="cy" dir="ltr">Cymraeg</span>`,
		`<span class="badge">draft</span>`,
		`One-page poster for notice boards`,
		`thumb-160.png 160w`,
		`<a href="ur/" hreflang="ur"><span lang="ur" dir="rtl">اردو</span> <span class="note">Urdu</span></a>`,
	} {
		if !strings.Contains(body, want) {
			t.Errorf("home page lacks %s", want)
		}
	}
	for _, l := range ld.c.Layouts {
		if !strings.Contains(body, l.Description) {
			t.Errorf("home page lacks the description of %s", l.Name)
		}
	}
	// Layouts of one design (the same kind and description: poster-a4
	// and poster-a3 extend one base) share a section.
	designs := map[string]bool{}
	for _, l := range ld.c.Layouts {
		designs[string(l.Kind)+" "+l.Description] = true
	}
	if n := strings.Count(body, `<section class="design">`); n != len(designs) || n >= len(ld.c.Layouts) {
		t.Errorf("home page lists %d designs, want %d (fewer than the %d layouts)", n, len(designs), len(ld.c.Layouts))
	}
	if !strings.Contains(body, `Paper sizes: <a href="poster-a4/en-GB/screen/">A4</a>, <a href="poster-a3/en-GB/screen/">A3</a>`) {
		t.Errorf("home page does not offer the poster in A4 then A3")
	}
}

// A doc page: the preview in the chosen language, the pickers and the
// download, in the language's direction.
func TestDocPage(t *testing.T) {
	s, ld := site(t)
	w := get(s.Handler(), "GET", "/poster-a4/ur/screen/")
	if w.Code != 200 {
		t.Fatalf("GET: %d", w.Code)
	}
	body := w.Body.String()
	title, err := ld.cat.Text("ur", ld.c.TitleMessage, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		`<html lang="ur" dir="rtl">`,
		`<h1>پوسٹر، A4، <span lang="ur" dir="rtl">اردو</span> میں</h1>`,
		`<p class="loctitle" lang="ur" dir="rtl">` + title + `</p>`,
		`<img src="page-1.png" srcset="page-1-450.png 450w, page-1.png 900w" sizes="`,
		`width="900" height="1273" alt="` + title + `" lang="ur" dir="rtl">`,
		`<a class="button" href="sexting-poster-a4-ur-screen.pdf" download="sexting-poster-a4-ur-screen.pdf" type="application/pdf">پی ڈی ایف ڈاؤن لوڈ کریں</a>`,
		`<span aria-current="page"><span lang="ur" dir="rtl">اردو</span>`,
		// Another language of the poster, the page still in Urdu.
		`<a href="../../../ur/poster-a4/pl/screen/" hreflang="pl"><span lang="pl" dir="ltr">Polski</span> <span class="note">پولش</span></a>`,
		`<span aria-current="page">A4</span>`,
		`<a href="../../../poster-a3/ur/screen/">A3</a>`,
		`<a href="../../../poster-a4/ur/print/">پرنٹنگ پریس</a>`,
		`<strong>مسودہ ترجمہ:</strong>`,
		`یو ایس لیٹر دستیاب نہیں`,
		// The one link in English: to this poster's page in English.
		`<a class="other" href="../../../en-GB/poster-a4/ur/screen/" lang="en-GB" hreflang="en-GB" dir="ltr">English</a>`,
	} {
		if !strings.Contains(body, want) {
			t.Errorf("page lacks %s", want)
		}
	}
	en := get(s.Handler(), "GET", "/poster-a4/en-GB/screen/").Body.String()
	if strings.Contains(en, "Draft translation") || strings.Contains(en, `class="other"`) {
		t.Error("the source language is labelled as a draft")
	}
}

func TestLeafletPagesShowEveryPage(t *testing.T) {
	s, _ := site(t)
	body := get(s.Handler(), "GET", "/leaflet-a5/pl/print/").Body.String()
	for _, want := range []string{`src="page-1.png"`, `src="page-2.png"`, `Strona 2 z 2`, `Drukarnia`} {
		if !strings.Contains(body, want) {
			t.Errorf("leaflet page lacks %s", want)
		}
	}
}

// Unknown ids are 404 pages that say what is wrong and offer the designs.
func TestBadIDs(t *testing.T) {
	s, _ := site(t)
	h := s.Handler()
	// "Did you mean" links to the address put right where the site has it.
	for _, tc := range []struct{ path, want string }{
		{"/poster-a5/en-GB/screen/", `There is no poster or leaflet called “poster-a5”. Did you mean <a href="../../../poster-a4/en-GB/screen/" dir="ltr">poster-a4</a>?`},
		{"/poster/", `There is no poster or leaflet called “poster”.`},
		{"/poster-a4/urd/screen/", `There is no language “urd” on this site. Did you mean <a href="../../../poster-a4/ur/screen/" dir="ltr">ur</a>?`},
		{"/poster-a4/en-gb/screen/", `Did you mean <a href="../../../poster-a4/en-GB/screen/" dir="ltr">en-GB</a>?`},
		// BCP 47 matching by language first, not spelling.
		{"/poster-a4/ur-PK/screen/", `Did you mean <a href="../../../poster-a4/ur/screen/" dir="ltr">ur</a>?`},
		{"/poster-a4/zh/screen/", `Did you mean <a href="../../../poster-a4/zh-Hans/screen/" dir="ltr">zh-Hans</a>?`},
		{"/poster-a4/en/screen/", `Did you mean <a href="../../../poster-a4/en-GB/screen/" dir="ltr">en-GB</a>?`},
		{"/poster-a4/ur/glossy/", `”glossy“ نام کا کوئی ایڈیشن نہیں ہے۔`},
		// Only the folder is the site's: the link is to it.
		{"/poster-a5/en-GB/", `Did you mean <a href="../../poster-a4/en-GB/" dir="ltr">poster-a4</a>?`},
		{"/poster-a4/pl/screen/poster.pdf", `Pod tym adresem nie ma strony.`},
		{"/poster-a4/en-GB/screen/page-2.png", `There is no page at this address.`},
		{"/poster-a4/en-GB/screen/page-1.png/", `There is no page at this address.`},
	} {
		w := get(h, "GET", tc.path)
		if w.Code != 404 {
			t.Errorf("GET %s: %d, want 404", tc.path, w.Code)
			continue
		}
		body := w.Body.String()
		if !strings.Contains(body, tc.want) {
			t.Errorf("GET %s: the page does not say %s:\n%s", tc.path, tc.want, body)
		}
		if !strings.Contains(body, `<h2><a href="`) || w.Header().Get("Content-Type") != "text/html; charset=utf-8" {
			t.Errorf("GET %s: the 404 page does not list the designs", tc.path)
		}
	}
}

// Relative links on a 404 page are relative to the folder asked for.
func TestNotFoundLinksWorkFromAnyDepth(t *testing.T) {
	s, _ := site(t)
	h := s.Handler()
	body := get(h, "GET", "/a/b/c").Body.String()
	if !strings.Contains(body, `href="../../poster-a4/en-GB/screen/"`) {
		t.Errorf("404 at /a/b/c: links not relative to /a/b/:\n%s", body)
	}
}

// No request path reaches the file system: traversal attempts, encoded
// slashes and the campaign's own file names are all 404.
func TestPathTraversal(t *testing.T) {
	s, _ := site(t)
	srv := httptest.NewServer(s.Handler())
	defer srv.Close()
	for _, p := range []string{
		"/../campaign.yaml",
		"/../../../../etc/passwd",
		"/poster-a4/../campaign.yaml",
		"/poster-a4/en-GB/screen/../../../campaign.yaml",
		"/poster-a4/en-GB/screen/..%2f..%2f..%2fcampaign.yaml",
		"/poster-a4%2fen-GB%2fscreen%2f",
		"/poster-a4%2Fen-GB%2Fscreen%2Fsexting-poster-a4-en-GB-screen.pdf",
		"/poster-a4/en-GB/screen%2fsexting-poster-a4-en-GB-screen.pdf",
		"/%2e%2e/campaign.yaml",
		"/%2e%2e%2fcampaign.yaml",
		"/poster-a4\\en-GB\\screen\\",
		"/poster-a4%5cen-GB%5cscreen%5c",
		"/poster-a4/en-GB/screen/.",
		"/./poster-a4/en-GB/screen/",
		"//poster-a4/en-GB/screen/",
		"/poster-a4//en-GB/screen/",
		"/campaign.yaml",
		"/layouts/poster-a4.yaml",
		"/layouts/base/poster.yaml",
		"/locales/ur.toml",
		"/assets/fonts/fonts.yaml",
		"/poster-a4/en-GB/screen/sexting-poster-a4-en-GB-screen.pdf%00.png",
	} {
		// A raw request line: a client library might clean the path.
		conn, err := net.Dial("tcp", srv.Listener.Addr().String())
		if err != nil {
			t.Fatal(err)
		}
		fmt.Fprintf(conn, "GET %s HTTP/1.1\r\nHost: test\r\nConnection: close\r\n\r\n", p)
		resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
		if err != nil {
			t.Fatalf("GET %s: %v", p, err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		conn.Close()
		if resp.StatusCode != 404 && resp.StatusCode != 400 {
			t.Errorf("GET %s: %d, want 404 (or 400 from the server)", p, resp.StatusCode)
		}
		for _, leak := range []string{"source_locale", "root:", "[title]", "extends:", "%PDF"} {
			if bytes.Contains(body, []byte(leak)) {
				t.Errorf("GET %s: the response contains %q", p, leak)
			}
		}
	}
}

func TestRedirectsAndMethods(t *testing.T) {
	s, _ := site(t)
	h := s.Handler()
	w := get(h, "GET", "/poster-a4/en-GB/screen")
	if w.Code != 301 || w.Header().Get("Location") != "screen/" {
		t.Errorf("folder without slash: %d %q", w.Code, w.Header().Get("Location"))
	}
	w = get(h, "GET", "/poster-a4/en-GB/screen/index.html")
	if w.Code != 200 || !strings.Contains(w.Body.String(), "Download PDF") {
		t.Errorf("index.html of a page: %d", w.Code)
	}
	for _, m := range []string{"POST", "PUT", "DELETE", "OPTIONS"} {
		w := get(h, m, "/")
		if w.Code != 405 || w.Header().Get("Allow") != "GET, HEAD" {
			t.Errorf("%s /: %d, Allow %q", m, w.Code, w.Header().Get("Allow"))
		}
	}
	w = get(h, "GET", "/healthz")
	if w.Code != 200 || w.Body.String() != "ok\n" {
		t.Errorf("/healthz: %d %q", w.Code, w.Body.String())
	}
}

// HEAD gives GET's headers without the body; If-None-Match with the ETag
// gives 304 without a body; another ETag gives the file.
func TestHeadAndConditionalGet(t *testing.T) {
	s, _ := site(t)
	h := s.Handler()
	for _, p := range []string{"/", "/poster-a4/pl/print/", "/poster-a4/pl/print/sexting-poster-a4-pl-print.pdf", "/poster-a4/pl/print/page-1.png", "/leaflet-dl/ar/screen/page-2.png", "/leaflet-dl/en-GB/screen/thumb.png"} {
		g := get(h, "GET", p)
		hd := get(h, "HEAD", p)
		if g.Code != 200 || hd.Code != 200 {
			t.Fatalf("%s: GET %d, HEAD %d", p, g.Code, hd.Code)
		}
		if hd.Body.Len() != 0 {
			t.Errorf("HEAD %s: %d bytes of body", p, hd.Body.Len())
		}
		for _, k := range []string{"Content-Type", "Content-Length", "ETag", "Cache-Control"} {
			if g.Header().Get(k) != hd.Header().Get(k) || g.Header().Get(k) == "" {
				t.Errorf("%s: %s is %q for GET, %q for HEAD", p, k, g.Header().Get(k), hd.Header().Get(k))
			}
		}
		if cl := g.Header().Get("Content-Length"); cl != fmt.Sprint(g.Body.Len()) {
			t.Errorf("%s: Content-Length %s for %d bytes", p, cl, g.Body.Len())
		}
		etag := g.Header().Get("ETag")
		for _, inm := range []string{etag, `"other", ` + etag, "*", "W/" + etag} {
			c := get(h, "GET", p, "If-None-Match", inm)
			if c.Code != 304 || c.Body.Len() != 0 {
				t.Errorf("%s with If-None-Match %s: %d, %d bytes; want 304 and no body", p, inm, c.Code, c.Body.Len())
			}
			if c.Header().Get("ETag") != etag {
				t.Errorf("%s: 304 without the ETag", p)
			}
		}
		if c := get(h, "GET", p, "If-None-Match", `"stale"`); c.Code != 200 || c.Body.Len() != g.Body.Len() {
			t.Errorf("%s with a stale ETag: %d", p, c.Code)
		}
		if c := get(h, "HEAD", p, "If-None-Match", etag); c.Code != 304 {
			t.Errorf("HEAD %s with If-None-Match: %d", p, c.Code)
		}
	}
	// Range requests work on PDFs (resumed downloads).
	r := get(h, "GET", "/poster-a4/pl/print/sexting-poster-a4-pl-print.pdf", "Range", "bytes=0-4")
	if r.Code != 206 || r.Body.String() != "%PDF-" {
		t.Errorf("Range: %d %q", r.Code, r.Body.String())
	}
}

// ETags are content hashes: two sites made separately (two instances
// behind a load balancer) give the same ETag and bytes for each file.
func TestInstancesAgree(t *testing.T) {
	testtool.Slow(t)
	s1, ld := site(t)
	s2, err := serve.New(config(ld))
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{"/", "/poster-a3/uk/print/", "/poster-a3/uk/print/sexting-poster-a3-uk-print.pdf", "/poster-a3/uk/print/page-1.png"} {
		a, b := get(s1.Handler(), "GET", p), get(s2.Handler(), "GET", p)
		if a.Header().Get("ETag") != b.Header().Get("ETag") || !bytes.Equal(a.Body.Bytes(), b.Body.Bytes()) {
			t.Errorf("%s: the two instances differ (ETag %s and %s)", p, a.Header().Get("ETag"), b.Header().Get("ETag"))
		}
	}
}

// Many parallel downloads of different languages, each answered with its
// own language's PDF, identical to a download made alone.
func TestParallelDownloads(t *testing.T) {
	testtool.Slow(t)
	_, ld := site(t)
	cfg := config(ld)
	cfg.Renders = 3
	s, err := serve.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(s.Handler())
	defer srv.Close()
	type res struct {
		loc  string
		body []byte
		err  error
	}
	var tags []string
	for _, l := range ld.c.Locales {
		tags = append(tags, l.Tag)
	}
	const each = 6
	out := make(chan res, len(tags)*each)
	var wg sync.WaitGroup
	for i := 0; i < each; i++ {
		for _, tag := range tags {
			wg.Add(1)
			go func() {
				defer wg.Done()
				resp, err := http.Get(fmt.Sprintf("%s/poster-a4/%s/print/sexting-poster-a4-%s-print.pdf", srv.URL, tag, tag))
				if err != nil {
					out <- res{tag, nil, err}
					return
				}
				defer resp.Body.Close()
				b, err := io.ReadAll(resp.Body)
				if err == nil && resp.StatusCode != 200 {
					err = fmt.Errorf("status %d", resp.StatusCode)
				}
				out <- res{tag, b, err}
			}()
		}
	}
	wg.Wait()
	close(out)
	byLoc := map[string][][]byte{}
	for r := range out {
		if r.err != nil {
			t.Errorf("%s: %v", r.loc, r.err)
			continue
		}
		byLoc[r.loc] = append(byLoc[r.loc], r.body)
	}
	alone, err := serve.New(config(ld))
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]string{}
	for _, tag := range tags {
		want := get(alone.Handler(), "GET", fmt.Sprintf("/poster-a4/%s/print/sexting-poster-a4-%s-print.pdf", tag, tag)).Body.Bytes()
		if !bytes.Contains(want, []byte("/Lang ("+tag+")")) {
			t.Errorf("%s: the PDF does not declare /Lang (%s)", tag, tag)
		}
		if other, dup := seen[string(want)]; dup {
			t.Errorf("%s and %s got the same PDF", tag, other)
		}
		seen[string(want)] = tag
		if len(byLoc[tag]) != each {
			t.Errorf("%s: %d downloads, want %d", tag, len(byLoc[tag]), each)
		}
		for _, b := range byLoc[tag] {
			if !bytes.Equal(b, want) {
				t.Errorf("%s: a parallel download differs from the PDF made alone", tag)
			}
		}
	}
	st := s.Stats()
	t.Logf("cache: %d hits, %d misses, %d renders", st.Hits, st.Misses, st.Renders)
}

// The cache keeps at most CacheBytes. Documents (with their PDFs) are
// cached as the site starts, previews when first asked for: with room
// for nothing every request renders again; with room, the second request
// for a preview and the first for a PDF are hits.
func TestCacheIsBounded(t *testing.T) {
	testtool.Slow(t)
	_, ld := site(t)
	for _, tc := range []struct {
		bytes     int64
		pdf, png  string
		secondPNG string
	}{{-1, "miss", "miss", "miss"}, {1, "miss", "miss", "miss"}, {64 << 20, "hit", "miss", "hit"}} {
		cfg := config(ld)
		cfg.CacheBytes = tc.bytes
		s, err := serve.New(cfg)
		if err != nil {
			t.Fatal(err)
		}
		h := s.Handler()
		if c := get(h, "GET", "/poster-a4/es/screen/sexting-poster-a4-es-screen.pdf").Header().Get("X-Cache"); c != tc.pdf {
			t.Errorf("cache %d: PDF %q, want %q", tc.bytes, c, tc.pdf)
		}
		p := "/poster-a4/es/screen/page-1.png"
		if c := get(h, "GET", p).Header().Get("X-Cache"); c != tc.png {
			t.Errorf("cache %d: first preview %q, want %q", tc.bytes, c, tc.png)
		}
		if c := get(h, "GET", p).Header().Get("X-Cache"); c != tc.secondPNG {
			t.Errorf("cache %d: second preview %q, want %q", tc.bytes, c, tc.secondPNG)
		}
		if st := s.Stats(); st.Bytes > max(tc.bytes, 0) {
			t.Errorf("cache %d holds %d bytes in %d entries", tc.bytes, st.Bytes, st.Entries)
		}
	}
}

// A request that waits longer than Timeout for a render gets 503 with
// Retry-After; the render goes on, and a later request gets the file.
func TestRenderTimeout(t *testing.T) {
	_, ld := site(t)
	cfg := ownConfig(ld, "bn")
	cfg.Timeout = time.Microsecond
	s, err := serve.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	h := s.Handler()
	p := "/leaflet-dl/bn/print/page-2.png" // PDFs are rendered as the site starts
	w := get(h, "GET", p)
	if w.Code != 503 || w.Header().Get("Retry-After") == "" {
		t.Fatalf("first request: %d, Retry-After %q; want 503", w.Code, w.Header().Get("Retry-After"))
	}
	deadline := time.Now().Add(20 * time.Second)
	for time.Now().Before(deadline) {
		if w = get(h, "GET", p); w.Code == 200 {
			if w.Header().Get("Content-Type") != "image/png" || w.Header().Get("X-Cache") != "hit" {
				t.Fatalf("after the timeout: %s, cache %s", w.Header().Get("Content-Type"), w.Header().Get("X-Cache"))
			}
			return
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Fatalf("the file never became available: %d", w.Code)
}

// A layout that no translation fits is not offered: its pages are 404s
// that say why, and the size picker of its sibling shows it unavailable.
func TestUnavailableLayoutsAreNotOffered(t *testing.T) {
	ld := load(t)
	var a3 *campaign.Layout
	for _, l := range ld.c.Layouts {
		if l.Name == "poster-a3" {
			a3 = l
		}
	}
	// The headline box of the A3 poster shrinks to a sliver.
	for bi := range a3.Pages[0].Blocks {
		if b := &a3.Pages[0].Blocks[bi]; b.Name == "headline" {
			b.Box.H = geom.Pt(2)
		}
	}
	var logs bytes.Buffer
	cfg := ownConfig(ld, "ur")
	cfg.Log = slog.New(slog.NewJSONHandler(&logs, nil))
	s, err := serve.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	h := s.Handler()
	w := get(h, "GET", "/poster-a3/ur/screen/")
	if w.Code != 404 || !strings.Contains(w.Body.String(), "ترجمہ ابھی پورا نہیں آتا") {
		t.Errorf("unavailable page: %d\n%s", w.Code, w.Body.String())
	}
	if w := get(h, "GET", "/poster-a3/ur/screen/sexting-poster-a3-ur-screen.pdf"); w.Code != 404 {
		t.Errorf("unavailable PDF: %d", w.Code)
	}
	body := get(h, "GET", "/poster-a4/ur/screen/").Body.String()
	if !strings.Contains(body, `<span class="unavailable">A3: اس زبان میں نہیں</span>`) {
		t.Errorf("the A4 page does not show A3 as unavailable")
	}
	home := get(h, "GET", "/").Body.String()
	if strings.Contains(home, "poster-a3/") {
		t.Errorf("the home page links to the A3 poster")
	}
	if !strings.Contains(logs.String(), `"msg":"not offered: does not build","layout":"poster-a3"`) {
		t.Errorf("the failure is not logged:\n%.500s", logs.String())
	}
	if slices.Contains(s.Paths(), "poster-a3/en-GB/screen/") {
		t.Error("poster-a3 is still routed")
	}
}

// Each request is logged as one structured line.
func TestAccessLog(t *testing.T) {
	_, ld := site(t)
	var logs bytes.Buffer
	cfg := ownConfig(ld, "cy")
	cfg.Log = slog.New(slog.NewJSONHandler(&logs, nil))
	s, err := serve.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	logs.Reset()
	h := s.Handler()
	get(h, "GET", "/poster-a4/cy/screen/page-1.png")
	get(h, "HEAD", "/nope")
	lines := strings.Split(strings.TrimSpace(logs.String()), "\n")
	if len(lines) != 2 {
		t.Fatalf("%d log lines, want 2:\n%s", len(lines), logs.String())
	}
	var first, second map[string]any
	if err := json.Unmarshal([]byte(lines[0]), &first); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal([]byte(lines[1]), &second); err != nil {
		t.Fatal(err)
	}
	if first["msg"] != "request" || first["method"] != "GET" || first["path"] != "/poster-a4/cy/screen/page-1.png" ||
		first["status"] != float64(200) || first["cache"] != "miss" || first["bytes"].(float64) < 1000 || first["ms"] == nil {
		t.Errorf("log line: %v", first)
	}
	if second["method"] != "HEAD" || second["status"] != float64(404) {
		t.Errorf("log line: %v", second)
	}
}

// A 404 costs no more for a long path than for a short one: a 19 KB path
// of slashes (which once got a 6.2 MB page, a link per design per folder)
// gets at most 16 KB back, with or without gzip, and the same page as a
// path twice as long; links on it start from the site's root.
func TestNotFoundDoesNotAmplify(t *testing.T) {
	s, _ := site(t)
	h := s.Handler()
	for _, path := range []string{
		"/" + strings.Repeat("/", 19<<10),
		"/" + strings.Repeat("a/", 19<<9),
		"/poster-a4/" + strings.Repeat("x", 19<<10),
	} {
		for _, enc := range []string{"", "gzip"} {
			w := get(h, "GET", path, "Accept-Encoding", enc)
			if w.Code != 404 {
				t.Errorf("GET %.20s… (%d bytes, %q): %d, want 404", path, len(path), enc, w.Code)
			}
			if n := w.Body.Len(); n > 16<<10 {
				t.Errorf("GET %.20s… (%d bytes, %q): %d bytes back, want at most 16 KB", path, len(path), enc, n)
			}
			if got := w.Header().Get("Content-Encoding"); got != enc {
				t.Errorf("GET %.20s… (%q): Content-Encoding %q", path, enc, got)
			}
			twice := get(h, "GET", path+path[1:], "Accept-Encoding", enc)
			if !bytes.Equal(w.Body.Bytes(), twice.Body.Bytes()) {
				t.Errorf("GET %.20s… (%q): a path twice as long gets another page", path, enc)
			}
		}
	}
	body := get(h, "GET", "/"+strings.Repeat("/", 19<<10)).Body.String()
	if !strings.Contains(body, `href="/poster-a4/en-GB/screen/"`) {
		t.Errorf("the 404 page of an absurd path does not link from the site's root:\n%.2000s", body)
	}
}
