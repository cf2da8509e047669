package serve_test

import (
	"crypto/sha256"
	"encoding/base64"
	"maps"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/handbill/handbill/internal/loader"
	"github.com/handbill/handbill/internal/serve"
	"github.com/handbill/handbill/internal/testtool"
)

// areaSite makes the site of every area of the areas test campaign in
// form (csv: Leeds, Sheffield and "Bristol, City of"; yaml: Leeds and
// North Kerry, whose name is a message, "Północne Kerry" in Polish), from
// the folder dir (a new copy when "").
func areaSite(t testing.TB, form, dir string, static bool, done ...func(serve.AreaReport)) (*serve.Site, string) {
	t.Helper()
	if dir == "" {
		dir = testtool.AreasDir(t, form)
		// The site's colours: the test campaign has no brand of its own.
		f, err := os.OpenFile(filepath.Join(dir, "campaign.yaml"), os.O_APPEND|os.O_WRONLY, 0)
		if err == nil {
			_, err = f.WriteString("brand:\n  palette:\n    brand: {cmyk: [100, 80, 10, 35], rgb: \"#1d3263\"}\n    accent: {cmyk: [0, 30, 100, 0], rgb: \"#fbb800\"}\n")
			if cerr := f.Close(); err == nil {
				err = cerr
			}
		}
		if err != nil {
			t.Fatal(err)
		}
	}
	ld, err := loader.Open(os.DirFS(dir), loader.Options{})
	if err != nil {
		t.Fatal(err)
	}
	cfg := serve.Config{Campaign: ld.Campaign, Catalog: ld.Catalog, Fonts: ld.Fonts,
		Creator: "handbill test", Date: time.Unix(0, 0).UTC(), Static: static}
	if len(done) > 0 {
		cfg.AreaDone = done[0]
	}
	s, err := serve.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return s, dir
}

// areaLinks are the areas a list page links to, in order: "bristol/en-GB/".
func areaLinks(body string) []string {
	var out []string
	for _, m := range regexp.MustCompile(`<li data-area="([^"]+)"><a href="([^"]+)"><bdi>([^<]+)</bdi></a>`).FindAllStringSubmatch(body, -1) {
		out = append(out, m[1]+"="+m[2]+"="+m[3])
	}
	return out
}

// A school finds its area in a list by name, in the page's language and
// its alphabetical order, each area linking to its own site in that
// language; a page per initial filters the list without a script.
func TestAreaListByName(t *testing.T) {
	s, _ := areaSite(t, "csv", "", false)
	h := s.Handler()
	home := get(h, "GET", "/", "Accept-Language", "pl")
	if home.Code != 200 {
		t.Fatalf("/: %d", home.Code)
	}
	want := []string{
		"bristol=bristol/pl/=Bristol, City of",
		"leeds=leeds/pl/=Leeds",
		"sheffield=sheffield/pl/=Sheffield",
	}
	if got := areaLinks(home.Body.String()); !slices.Equal(got, want) {
		t.Errorf("/ in Polish lists %q, want %q", got, want)
	}
	en := get(h, "GET", "/en-GB/").Body.String()
	for _, l := range []string{`href="../en-GB/b/">B</a>`, `href="../en-GB/l/">L</a>`, `href="../en-GB/s/">S</a>`} {
		if !strings.Contains(en, l) {
			t.Errorf("/en-GB/ has no initial %s", l)
		}
	}
	b := get(h, "GET", "/en-GB/b/")
	if b.Code != 200 {
		t.Fatalf("/en-GB/b/: %d", b.Code)
	}
	if got := areaLinks(b.Body.String()); !slices.Equal(got, []string{"bristol=../../bristol/en-GB/=Bristol, City of"}) {
		t.Errorf("/en-GB/b/ lists %q, want Bristol only", got)
	}
	if !strings.Contains(b.Body.String(), `<span aria-current="page">B</span>`) {
		t.Error("/en-GB/b/ does not mark B as the current letter")
	}
	if c := get(h, "GET", "/en-GB/x/").Code; c != 404 {
		t.Errorf("/en-GB/x/ (no area begins with X): %d, want 404", c)
	}
}

// An area whose name is a message is filed under its initial in each
// language: North Kerry under N in English, Północne Kerry under P in
// Polish.
func TestAreaInitialsFollowTheLanguage(t *testing.T) {
	s, _ := areaSite(t, "yaml", "", false)
	h := s.Handler()
	for _, tc := range []struct{ path, want string }{
		{"/en-GB/n/", "north-kerry=../../north-kerry/en-GB/=North Kerry"},
		{"/pl/p/", "north-kerry=../../north-kerry/pl/=Północne Kerry"},
		{"/pl/l/", "leeds=../../leeds/pl/=Leeds"},
	} {
		w := get(h, "GET", tc.path)
		if w.Code != 200 {
			t.Errorf("%s: %d", tc.path, w.Code)
			continue
		}
		if got := areaLinks(w.Body.String()); !slices.Equal(got, []string{tc.want}) {
			t.Errorf("%s lists %q, want %q", tc.path, got, tc.want)
		}
	}
	if c := get(h, "GET", "/pl/n/").Code; c != 404 {
		t.Errorf("/pl/n/: %d, want 404 (Północne Kerry is under P in Polish)", c)
	}
}

// The search field is the one script of the site: the field is hidden
// until the script shows it, and the page's Content-Security-Policy
// allows that script by its hash and nothing else; the pages of an area
// have no script at all.
func TestAreaSearchIsTheOnlyScript(t *testing.T) {
	s, _ := areaSite(t, "csv", "", false)
	h := s.Handler()
	w := get(h, "GET", "/en-GB/")
	body := w.Body.String()
	if !strings.Contains(body, `<div id="area-find" class="find" role="search" hidden>`) || !strings.Contains(body, `<input id="area-q" type="search"`) {
		t.Fatal("/en-GB/ has no hidden search field")
	}
	m := regexp.MustCompile(`(?s)<script>(.*?)</script>`).FindAllStringSubmatch(body, -1)
	if len(m) != 1 {
		t.Fatalf("/en-GB/ has %d scripts, want 1", len(m))
	}
	sum := sha256.Sum256([]byte(m[0][1]))
	csp := w.Header().Get("Content-Security-Policy")
	if want := "script-src 'sha256-" + base64.StdEncoding.EncodeToString(sum[:]) + "'"; !strings.Contains(csp, want) {
		t.Errorf("CSP %q does not allow the script by its hash (%s)", csp, want)
	}
	for _, p := range []string{"/leeds/en-GB/", "/leeds/card/en-GB/screen/", "/leeds/en-GB/card/pl/print/"} {
		w := get(h, "GET", p)
		if w.Code != 200 {
			t.Errorf("%s: %d", p, w.Code)
			continue
		}
		if strings.Contains(w.Body.String(), "<script") || strings.Contains(w.Header().Get("Content-Security-Policy"), "script-src") {
			t.Errorf("%s has a script", p)
		}
	}
}

// Every address of an area's site is the address of a campaign without
// areas under the area's id, so a force can link to its own pages; its
// pages name the area and link back to the list; its PDFs are its own.
func TestAreaAddresses(t *testing.T) {
	s, _ := areaSite(t, "csv", "", false)
	h := s.Handler()
	page := get(h, "GET", "/sheffield/card/pl/screen/")
	if page.Code != 200 {
		t.Fatalf("/sheffield/card/pl/screen/: %d", page.Code)
	}
	body := page.Body.String()
	for _, want := range []string{`<bdi class="area">Sheffield</bdi>`, `<a class="areas" href="../../../../pl/">`, `card-sheffield-card-pl-screen.pdf`} {
		if !strings.Contains(body, want) {
			t.Errorf("the Sheffield page lacks %s", want)
		}
	}
	pdf := get(h, "GET", "/sheffield/card/pl/screen/card-sheffield-card-pl-screen.pdf")
	if pdf.Code != 200 || pdf.Header().Get("Content-Type") != "application/pdf" {
		t.Fatalf("Sheffield's PDF: %d %s", pdf.Code, pdf.Header().Get("Content-Type"))
	}
	if w := get(h, "GET", "/sheffield"); w.Code != 301 || w.Header().Get("Location") != "sheffield/" {
		t.Errorf("/sheffield: %d to %q, want 301 to sheffield/", w.Code, w.Header().Get("Location"))
	}
	if w := get(h, "GET", "/sheffield/", "Accept-Language", "pl"); w.Code != 200 || !strings.Contains(w.Body.String(), `lang="pl"`) {
		t.Errorf("/sheffield/ in Polish: %d", w.Code)
	}
	nf := get(h, "GET", "/sheffeld/card/")
	if nf.Code != 404 || !strings.Contains(nf.Body.String(), "sheffield") {
		t.Errorf("/sheffeld/card/: %d, want 404 suggesting sheffield", nf.Code)
	}
	// A page of an area's site missing is explained as on a site
	// without areas, with its links kept inside the area.
	if w := get(h, "GET", "/leeds/card/pl/glossy/"); w.Code != 404 || !strings.Contains(w.Body.String(), `href="../../../en-GB/`) {
		t.Errorf("/leeds/card/pl/glossy/: %d", w.Code)
	}
}

// The static export of every area crawls clean from the list of areas
// (every page, preview, font and PDF of every area answers), and
// writing it again keeps every area's files untouched until one area's
// number changes: then that area alone is written again.
func TestAreaSiteExport(t *testing.T) {
	s, dir := areaSite(t, "csv", "", true)
	out := t.TempDir()
	rep, err := s.Export(out, nil)
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(staticServer(out, "/"))
	defer srv.Close()
	base, err := url.Parse(srv.URL)
	if err != nil {
		t.Fatal(err)
	}
	broken, pages := crawl(t, srv.Client(), base, "/", "/")
	for _, b := range inside(broken) {
		t.Errorf("broken: %s", b)
	}
	for _, id := range []string{"leeds", "sheffield", "bristol"} {
		if _, err := os.Stat(filepath.Join(out, id, "card", "pl", "screen", "card-"+id+"-card-pl-screen.pdf")); err != nil {
			t.Errorf("%s's PDF not exported: %v", id, err)
		}
	}
	t.Logf("%d files, %d pages crawled", rep.Files, pages)

	again, err := s.Export(out, nil)
	if err != nil {
		t.Fatal(err)
	}
	// The lists of areas and 404.html are written again, nothing else.
	if again.Kept == 0 || again.Files != len(s.Paths())+1 {
		t.Errorf("unchanged export wrote %d files, kept %d (first wrote %d; the lists are %d)", again.Files, again.Kept, rep.Files, len(s.Paths())+1)
	}

	csv := filepath.Join(dir, "areas.csv")
	b, err := os.ReadFile(csv)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(csv, []byte(strings.Replace(string(b), "0114 496 0456", "0114 496 0999", 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	kept := map[string]bool{}
	s2, _ := areaSite(t, "csv", dir, true, func(a serve.AreaReport) { kept[a.ID] = a.Kept })
	third, err := s2.Export(out, nil)
	if err != nil {
		t.Fatal(err)
	}
	if want := map[string]bool{"leeds": true, "sheffield": false, "bristol": true}; !maps.Equal(kept, want) {
		t.Errorf("after Sheffield's number changed, kept %v, want %v", kept, want)
	}
	if third.Kept == 0 || third.Kept >= again.Kept {
		t.Errorf("after Sheffield's number changed: kept %d files, want fewer than %d and more than 0", third.Kept, again.Kept)
	}
	if broken, _ := crawl(t, srv.Client(), base, "/sheffield/", "/"); len(inside(broken)) > 0 {
		t.Errorf("after Sheffield's number changed: broken %q", inside(broken))
	}
}

// inside leaves out of crawl's list the footer's link to the publisher's
// own web site (the test campaign's contact), the one link that leaves
// the site by design.
func inside(broken []string) []string {
	var out []string
	for _, b := range broken {
		if !strings.HasSuffix(b, "links outside /: https://www.testshire.example/") {
			out = append(out, b)
		}
	}
	return out
}
