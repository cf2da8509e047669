// Package serve is the poster download site: a home page listing the
// campaign's posters and leaflets, a page per layout, language and edition
// with a large preview and a Download PDF link, and the PDFs and PNG
// previews themselves, rendered on demand. It sits at the top of the
// pipeline beside build, whose composer and exporters it uses (compose →
// export/pdf for downloads, export/png for previews); the CLI runs it as
// `handbill serve` or writes it out as static files with `handbill site`.
//
// Every address the site answers is known in advance: the routes are
// enumerated from the campaign's layouts, locales and editions when the
// Site is made, and a request is served only when its path is exactly one
// of them. No part of a request path reaches the file system. Pages are
// plain HTML (links, no outside fonts or images, and no scripts but the
// search field of the list of areas), rendered once up front; PDFs and
// PNGs are rendered when first asked for and kept in a bounded cache,
// with their content hash as ETag, so several instances behind a load
// balancer answer alike and keep no other state. A campaign with areas
// is one site of every area, each area's site under its id (areas.go).
package serve

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"maps"
	"net/http"
	"net/url"
	"runtime"
	"slices"
	"strings"
	"sync"
	"time"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/language"
	"golang.org/x/text/language/display"

	"github.com/handbill/handbill/internal/build"
	"github.com/handbill/handbill/internal/campaign"
	"github.com/handbill/handbill/internal/compose"
	"github.com/handbill/handbill/internal/diag"
	"github.com/handbill/handbill/internal/fonts"
	"github.com/handbill/handbill/internal/geom"
	"github.com/handbill/handbill/internal/messages"
	"github.com/handbill/handbill/internal/typeset"
)

// Config is what a Site is made from.
type Config struct {
	Campaign *campaign.Campaign
	Catalog  *messages.Catalog
	Fonts    *fonts.Registry
	Creator  string    // written into PDFs: "handbill <version>"
	Date     time.Time // creation date written into PDFs
	// Renders is how many documents may be composed or exported at once
	// (default: GOMAXPROCS). Requests beyond it wait.
	Renders int
	// CacheBytes bounds the memory kept for rendered documents, PDFs and
	// PNGs (default 256 MiB; negative: keep nothing, every request
	// renders).
	CacheBytes int64
	// Timeout is how long a request waits for a render before it is
	// answered 503 (default 30 s). The render goes on and is cached.
	Timeout time.Duration
	// Log receives the access log and render failures (default: none).
	Log *slog.Logger
	// Layouts and Locales, when not empty, limit the site to these
	// layouts (by name) and locales (by tag).
	Layouts, Locales []string
	// Static makes links name index.html, so the site exported by Export
	// also works opened from a folder without a web server.
	Static bool
	// Prefix is the path the site is served under ("/posters/"; default
	// "/"). Only the static 404.html uses it: a web server sends that page
	// for a missing address at any depth, so its links start from the
	// site's root rather than from the page.
	Prefix string
	// URL, when set, is the site's public address ("https://posters.
	// example.org/"): pages then give it in their link-preview card
	// (OpenGraph og:url, and og:image, the preview of a poster's first
	// page), which must be absolute. Without it the card has no image.
	URL string
	// Modified is sent as Last-Modified, so If-Modified-Since gets 304
	// (default: when New ran). The CLI gives the newest modification time
	// of the campaign's files.
	Modified time.Time
	// AreaDone, when set, is told of each area Export has written, in a
	// campaign with areas (areas.go).
	AreaDone func(AreaReport)

	// area and shared are set for the site of one area inside the site
	// of every area (areas.go).
	area   *areaInfo
	shared *shared
}

// Preview sizes in pixels across the page.
const (
	previewWidth = 900 // and half that, for narrow screens (srcset)
	thumbWidth   = 320 // and half that, as shown at 1x
)

// Site is the download site of one campaign. It is safe for concurrent
// use.
type Site struct {
	cfg      Config
	colors   siteColors // from the campaign's brand (brand.go)
	cmp      *compose.Composer
	log      *slog.Logger
	layouts  []*layoutInfo // campaign order
	layout   map[string]*layoutInfo
	designs  []*design
	locales  []*localeInfo // campaign order
	locale   map[string]*localeInfo
	editions []*Edition
	edition  map[string]*Edition
	routes   map[string]*route    // path without the leading slash
	pages    map[string]*htmlPage // rendered HTML by route path
	homes    map[string]*htmlPage // the home page at "/" in each language, by tag
	matcher  language.Matcher     // Accept-Language to matched
	matched  []*localeInfo        // s.locales, the source first
	files    map[string]*blob     // fonts, their licences and the favicon, by route path
	cache    *cache
	problems *cache // error pages, by status, language, root and reason
	maxPath  int    // longest request path that can be meant for the site
	maxDepth int    // most slashes a request path meant for the site has
	baseline int64  // memory in use once made, less the cache
	slots    chan *typeset.Setter
	title    string // campaign title in the source locale
	// mount is the folder of an area's site in the site of every area
	// ("leeds/"), else "". Cache keys start with it.
	mount string
	// areas are the areas of the site of every area, in campaign order;
	// byArea finds them by id (areas.go).
	areas  []*areaInfo
	byArea map[string]*areaInfo
	shared *shared // what the sites of the areas share with it
	// fontFiles are the shared web fonts an area's site uses, by path.
	fontFiles map[string]bool
	areaFiles int // the files of the first area's site, as an estimate
}

// layoutInfo is a layout with what the site says about it.
type layoutInfo struct {
	*campaign.Layout
	design    *design
	paper     string // "A4", "Letter", or "" for a size that is no paper's
	landscape bool
	// fails holds, per locale and edition ("loc/ed"), why the pair does
	// not build; a pair not in it builds.
	fails map[string]diag.List
	// bytes is the size of the PDF of each pair that builds, by "loc/ed".
	bytes map[string]int
}

func (l *layoutInfo) ok(loc, ed string) bool { _, bad := l.fails[loc+"/"+ed]; return !bad }

// design is a set of layouts made from one base design in different
// sizes (poster-a4 and poster-a3 extend base/poster.yaml), or one layout.
type design struct {
	id      string
	msg     string // the id of the message naming it (campaign.Design.MessageID)
	name    string // "Poster", "Leaflet A5"
	kind    string
	about   string
	layouts []*layoutInfo // smallest paper first
}

// localeInfo is a campaign locale with its names.
type localeInfo struct {
	tag     string
	self    string // its name in its own language: "اردو"
	english string // "Urdu"
	short   string // its language's own name without a region: "English"
	dir     string // "ltr" or "rtl"
	draft   string // why the translation is a draft ("not reviewed"), or ""
	review  *campaign.Review
	title   string // the campaign title in this locale
	// publisher is the campaign's publisher's name in this locale, ""
	// when campaign.yaml names none.
	publisher string
	w         *words // the site's words in this locale
	// fonts are the web fonts of its pages; langFonts the font stack of
	// each language on them.
	fonts     []*webFont
	langFonts []langFonts
}

// routeKind says what a route serves.
type routeKind int

const (
	homePage   routeKind = iota // in the visitor's language (Accept-Language)
	localeHome                  // the home page in one language: "ur/"
	docPage                     // the page of a layout in a locale and edition
	readerPage                  // a doc page read in another language: "en-GB/poster-a4/ur/screen/"
	shortcut                    // "poster-a4/ur/": redirects to a doc page
	pdfFile
	previewPNG // one page at preview size
	thumbPNG   // the first page at thumbnail size
	fileRoute  // a font, a font licence, the favicon
	letterPage // the areas whose name begins with one letter (areas.go)
)

type route struct {
	kind   routeKind
	lay    *layoutInfo
	loc    *localeInfo // the document's language
	ui     *localeInfo // readerPage: the page's language
	ed     *Edition
	page   int    // previewPNG: page index from 0
	width  int    // previewPNG, thumbPNG: pixels across
	file   string // pdfFile: the download name
	folder string // the doc page's path, "poster-a4/ur/screen/"
	target string // shortcut: the doc page it leads to
	letter string // letterPage: the initial
}

// New makes the site: it composes every (layout, locale, edition) once to
// learn which build (a translation that does not fit its layout is left
// out, and logged), and renders the HTML pages.
func New(cfg Config) (*Site, error) {
	cfg, err := cfg.withDefaults()
	if err != nil {
		return nil, err
	}
	log := cfg.Log
	if log == nil {
		log = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	c := cfg.Campaign
	if len(c.Areas) > 0 {
		return newNational(cfg, log)
	}
	s := newSite(cfg, log)
	s.cmp = build.Composer(c, cfg.Catalog, cfg.Fonts, build.Options{Creator: cfg.Creator, Date: cfg.Date})
	if err := s.start(); err != nil {
		return nil, err
	}
	if err := s.addLayouts(); err != nil {
		return nil, err
	}
	s.designs = groupDesigns(s.layouts)
	s.check()
	s.addRoutes()
	s.addThumbnails()
	if err := s.warmPreviews(); err != nil {
		return nil, err
	}
	s.boundPaths()
	if err := s.addFiles(); err != nil {
		return nil, err
	}
	if err := s.renderPages(); err != nil {
		return nil, err
	}
	s.settle()
	return s, nil
}

// newSite is a site with its maps made, its editions and its cache.
func newSite(cfg Config, log *slog.Logger) *Site {
	s := &Site{cfg: cfg, log: log,
		layout: map[string]*layoutInfo{}, locale: map[string]*localeInfo{}, edition: map[string]*Edition{},
		routes: map[string]*route{}, pages: map[string]*htmlPage{}, homes: map[string]*htmlPage{}, files: map[string]*blob{},
		fontFiles: map[string]bool{},
	}
	s.share()
	for _, e := range siteEditions() {
		s.editions = append(s.editions, e)
		s.edition[e.ID] = e
	}
	return s
}

// start checks the site's layouts and locales, and adds its title,
// locales and colours.
func (s *Site) start() error {
	c := s.cfg.Campaign
	data := map[string]any{}
	for k, v := range c.Data {
		data[k] = v
	}
	if _, err := build.Pairs(c, s.cfg.Layouts, s.cfg.Locales); err != nil {
		return err // names an unknown layout or locale, with a hint
	}
	title, err := s.cfg.Catalog.Text(c.SourceLocale, c.TitleMessage, data, nil)
	if err != nil {
		return err
	}
	s.title = title
	if err := s.addLocales(data); err != nil {
		return err
	}
	s.colors, err = brandColors(c)
	return err
}

// settle logs the site messages not translated and measures the memory
// the site holds, once it is made. The site of one area leaves both to
// the site of every area.
func (s *Site) settle() {
	if s.cfg.area == nil {
		s.logWords()
		s.baseline = inUse() - s.cache.stats().Bytes
	}
}

// shared is what the sites of a campaign's areas share with the site of
// every area: one cache of documents, previews and pages, one of error
// pages, the render slots, and the web fonts.
type shared struct {
	cache, problems *cache
	slots           chan *typeset.Setter
	fonts           *fontStore
}

// share gives s its cache, error pages and render slots: its area's
// site's own when it is one area of the site of every area, else new
// ones.
func (s *Site) share() {
	if sh := s.cfg.shared; sh != nil {
		s.cache, s.problems, s.slots, s.mount = sh.cache, sh.problems, sh.slots, s.cfg.area.id+"/"
		return
	}
	s.cache, s.problems = newCache(s.cfg.CacheBytes), newCache(problemCacheBytes)
	s.slots = make(chan *typeset.Setter, s.cfg.Renders)
	for range s.cfg.Renders {
		s.slots <- typeset.NewSetter(s.cfg.Fonts)
	}
}

// withDefaults checks cfg and fills in what it leaves unset.
func (cfg Config) withDefaults() (Config, error) {
	if cfg.Campaign == nil || cfg.Catalog == nil || cfg.Fonts == nil {
		return cfg, fmt.Errorf("serve: a campaign, its messages and its fonts are required")
	}
	if cfg.Renders <= 0 {
		cfg.Renders = runtime.GOMAXPROCS(0)
	}
	switch {
	case cfg.CacheBytes == 0:
		cfg.CacheBytes = 256 << 20
	case cfg.CacheBytes < 0:
		cfg.CacheBytes = 0
	}
	if cfg.Timeout <= 0 {
		cfg.Timeout = 30 * time.Second
	}
	if cfg.Modified.IsZero() {
		cfg.Modified = time.Now()
	}
	if cfg.Prefix == "" {
		cfg.Prefix = "/"
	}
	if !strings.HasPrefix(cfg.Prefix, "/") || !strings.HasSuffix(cfg.Prefix, "/") {
		return cfg, fmt.Errorf("serve: prefix %q: expected a path that starts and ends with /, such as /posters/", cfg.Prefix)
	}
	if err := CheckURL(cfg.URL); err != nil {
		return cfg, fmt.Errorf("serve: url: %w", err)
	}
	return cfg, nil
}

// CheckURL checks a site's public address (Config.URL): empty, or an
// absolute http or https address whose path ends in a slash.
func CheckURL(v string) error {
	if v == "" {
		return nil
	}
	u, err := url.Parse(v)
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" || !strings.HasSuffix(u.Path, "/") || u.RawQuery != "" || u.Fragment != "" {
		return fmt.Errorf("expected the site's public address, such as https://posters.example.org/ (http or https, ending in /), found %q", v)
	}
	return nil
}

// addLocales adds the locales the site offers, the source locale first
// for the Accept-Language matcher (it answers with its first tag when
// nothing matches).
func (s *Site) addLocales(data map[string]any) error {
	c, cfg := s.cfg.Campaign, s.cfg
	def, err := defaults()
	if err == nil {
		def.areas, err = areaDefaults()
	}
	if err != nil {
		return fmt.Errorf("handbill's own site messages: %w", err)
	}
	var tags []language.Tag
	for _, l := range c.Locales {
		if len(cfg.Locales) > 0 && !slices.Contains(cfg.Locales, l.Tag) {
			continue
		}
		li, err := newLocale(c, cfg.Catalog, def, l, data)
		if err != nil {
			return err
		}
		s.locales = append(s.locales, li)
		s.locale[li.tag] = li
		tags = append(tags, language.Make(li.tag))
	}
	if len(s.locales) == 0 {
		return fmt.Errorf("serve: the site has no locale to offer")
	}
	s.matched = slices.Clone(s.locales)
	if src := slices.IndexFunc(s.locales, func(l *localeInfo) bool { return l.tag == c.SourceLocale }); src > 0 {
		tags[0], tags[src] = tags[src], tags[0]
		s.matched[0], s.matched[src] = s.matched[src], s.matched[0]
	}
	s.matcher = language.NewMatcher(tags)
	return nil
}

// addLayouts adds the layouts the site offers.
func (s *Site) addLayouts() error {
	for _, l := range s.cfg.Campaign.Layouts {
		if len(s.cfg.Layouts) > 0 && !slices.Contains(s.cfg.Layouts, l.Name) {
			continue
		}
		if s.locale[l.Name] != nil {
			return fmt.Errorf("%s: layout %q has the name of a locale, whose home page is /%s/; rename the layout", l.File, l.Name, l.Name)
		}
		li := &layoutInfo{Layout: l, fails: map[string]diag.List{}, bytes: map[string]int{}}
		li.paper, li.landscape = paperName(l.Size)
		s.layouts = append(s.layouts, li)
		s.layout[l.Name] = li
	}
	return nil
}

// renderRoom is the memory one render may use while it runs: composing,
// exporting a PDF (15 MB allocated for the A4 poster) or rasterising a
// 900-pixel preview (a 4.6 MB canvas and its PNG encoding).
const renderRoom = 48 << 20

// inUse is the Go heap in use after a collection, plus the runtime's own
// structures.
func inUse() int64 {
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	return int64(ms.HeapAlloc + ms.StackInuse + ms.MSpanInuse + ms.MCacheInuse + ms.GCSys + ms.OtherSys)
}

// MemoryLimit is the memory the site needs at most: what it holds once
// made (parsed fonts, pages, web fonts), the cache's bound and room for
// Renders renders at once. `handbill serve` gives it to the Go runtime
// as its soft memory limit (debug.SetMemoryLimit), so that garbage from
// renders is collected before the process grows past it: without it the
// collector lets the heap grow to twice what is live, and resident memory
// after every preview was asked for once was 6 times the cache's size.
func (s *Site) MemoryLimit() int64 {
	return s.baseline + s.cfg.CacheBytes + problemCacheBytes + int64(s.cfg.Renders)*renderRoom
}

// logWords logs, once at start, the site messages a locale shows in the
// source language or that the campaign lacks.
func (s *Site) logWords() {
	for _, loc := range s.locales {
		fb, def := loc.w.Report()
		if len(fb) > 0 {
			s.log.Warn("site messages not translated: shown in the source language", "locale", loc.tag, "ids", strings.Join(fb, " "))
		}
		if len(def) > 0 && loc.tag == s.cfg.Campaign.SourceLocale {
			s.log.Warn("the campaign's source has no site messages: the site shows handbill's English for them", "ids", strings.Join(def, " "),
				"hint", "copy the site.* messages of handbill's bundled locales/en-GB.toml into the campaign")
		}
	}
}

func newLocale(c *campaign.Campaign, cat *messages.Catalog, def defaultWords, l campaign.Locale, data map[string]any) (*localeInfo, error) {
	tag, err := language.Parse(l.Tag)
	if err != nil {
		return nil, fmt.Errorf("%s: locale %q: %w", c.File, l.Tag, err)
	}
	if len(c.DataMessages) > 0 { // names translated per locale (data: {Name: {message: ID}})
		if data, err = compose.LocaleData(c, cat, l.Tag); err != nil {
			return nil, err
		}
	}
	li := &localeInfo{tag: l.Tag, english: display.English.Languages().Name(tag), dir: "ltr",
		draft: compose.DraftReason(c, cat, l.Tag), review: l.Review, short: shortName(tag),
		w: newWords(l.Tag, cat, def, data)}
	li.self = capitalise(display.Self.Name(tag))
	if li.self == "" {
		li.self = li.english
	}
	if li.english == "" {
		li.english = l.Tag
	}
	if li.self == "" {
		li.self = l.Tag
	}
	if li.short == "" {
		li.short = li.self
	}
	if compose.IsRTL(l.Tag) {
		li.dir = "rtl"
	}
	title, err := cat.Text(l.Tag, c.TitleMessage, data, nil)
	var fb *messages.FallbackError
	if err != nil && !asFallback(err, &fb) {
		return nil, err
	}
	li.title = title
	if li.publisher, err = compose.PublisherName(c, cat, l.Tag); err != nil {
		return nil, err
	}
	return li, nil
}

// capitalise upper-cases the first letter of a language name, as names
// are written at the start of a list item ("polski" → "Polski"); scripts
// without case are unchanged.
func capitalise(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if r == utf8.RuneError {
		return s
	}
	return string(unicode.ToTitle(r)) + s[n:]
}

// paperName names the paper of a page size ("A4", "Letter"), and whether
// it is turned sideways, or "" when the size is no paper's.
func paperName(sz geom.Size) (string, bool) {
	near := func(a, b geom.Pt) bool { return a-b < 1 && b-a < 1 }
	for _, n := range slices.Sorted(maps.Keys(geom.Paper)) {
		p := geom.Paper[n]
		if near(p.W, sz.W) && near(p.H, sz.H) {
			return n, false
		}
		if near(p.W, sz.H) && near(p.H, sz.W) {
			return n, true
		}
	}
	return "", false
}

// groupDesigns puts the layouts into designs (campaign.Designs), in
// campaign order; their sizes are the design's paper sizes.
func groupDesigns(ls []*layoutInfo) []*design {
	info := make(map[*campaign.Layout]*layoutInfo, len(ls))
	lays := make([]*campaign.Layout, len(ls))
	for i, l := range ls {
		info[l.Layout], lays[i] = l, l.Layout
	}
	var out []*design
	for _, cd := range campaign.Designs(lays) {
		first := cd.Layouts[0]
		d := &design{id: cd.ID, msg: cd.MessageID(), kind: string(first.Kind), about: first.Description, name: titleWords(cd.ID)}
		if len(cd.Layouts) == 1 {
			d.name = titleWords(first.Name)
		}
		for _, cl := range cd.Layouts {
			l := info[cl]
			d.layouts = append(d.layouts, l)
			l.design = d
		}
		out = append(out, d)
	}
	return out
}

// titleWords turns an id into a heading: "leaflet-dl" → "Leaflet DL".
func titleWords(id string) string {
	ws := strings.FieldsFunc(id, func(r rune) bool { return r == '-' || r == '_' })
	for i, w := range ws {
		if len(w) <= 2 {
			ws[i] = strings.ToUpper(w)
		} else {
			ws[i] = capitalise(w)
		}
	}
	return strings.Join(ws, " ")
}

// check renders every (layout, locale) in every edition once, Renders at
// a time, records the ones that fail (a translation that does not fit, a
// failed preflight) and keeps the others in the cache as far as it has
// room.
func (s *Site) check() {
	type job struct {
		l   *layoutInfo
		loc string
	}
	var jobs []job
	for _, l := range s.layouts {
		for _, loc := range s.locales {
			jobs = append(jobs, job{l, loc.tag})
		}
	}
	var mu sync.Mutex
	var wg sync.WaitGroup
	next := make(chan job)
	for range s.cfg.Renders {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range next {
				rs, errs, err := s.renderPair(j.l, j.loc, s.editions)
				mu.Lock()
				for i, ed := range s.editions {
					e := err
					if e == nil {
						e = errs[i]
					}
					if e != nil {
						j.l.fails[j.loc+"/"+ed.ID] = diag.AsList(e)
						s.log.Warn("not offered: does not build", "layout", j.l.Name, "locale", j.loc, "edition", ed.ID, "error", e.Error())
						continue
					}
					j.l.bytes[j.loc+"/"+ed.ID] = len(rs[i].pdf.data)
					s.cache.put(s.docKey(j.l, j.loc, ed), rs[i], rs[i].size())
				}
				mu.Unlock()
			}
		}()
	}
	for _, j := range jobs {
		next <- j
	}
	close(next)
	wg.Wait()
}

// addRoutes enumerates every address the site answers.
func (s *Site) addRoutes() {
	s.routes[""] = &route{kind: homePage}
	for _, loc := range s.locales {
		s.routes[homePath(loc)] = &route{kind: localeHome, loc: loc}
	}
	for _, l := range s.layouts {
		for _, loc := range s.locales {
			for _, ed := range s.editions {
				if !l.ok(loc.tag, ed.ID) {
					continue
				}
				dir := docPath(l, loc, ed)
				base := route{lay: l, loc: loc, ed: ed, folder: dir}
				add := func(path string, k routeKind, page, width int, file string) {
					r := base
					r.kind, r.page, r.width, r.file = k, page, width, file
					s.routes[path] = &r
				}
				add(dir, docPage, 0, 0, "")
				for _, ui := range s.locales {
					if ui != loc {
						r := base
						r.kind, r.ui = readerPage, ui
						s.routes[readerPath(l, loc, ed, ui)] = &r
					}
				}
				name := s.fileName(l, loc.tag, ed)
				add(dir+name, pdfFile, 0, 0, name)
				if s.previewEdition(l, loc, ed) != ed {
					continue
				}
				for i := range l.Pages {
					add(fmt.Sprintf("%spage-%d.png", dir, i+1), previewPNG, i, previewWidth, "")
					add(fmt.Sprintf("%spage-%d-%d.png", dir, i+1, previewWidth/2), previewPNG, i, previewWidth/2, "")
				}
			}
		}
	}
	s.addShortcuts()
}

// previewEdition is the edition whose previews the page of l in loc and
// ed shows. Previews show the trim box, which every edition prints alike
// (the print shop's adds bleed and marks beyond it: its previews differ
// from the office printer's in the last row of pixels, by at most 4 of
// 255), so an area's site rasterises the first edition's only and its
// other editions' pages show them: half the previews of the site of
// every area, whose export is mostly rasterising. A campaign without
// areas keeps a preview per edition, and its addresses.
func (s *Site) previewEdition(l *layoutInfo, loc *localeInfo, ed *Edition) *Edition {
	if first := s.editions[0]; s.cfg.area != nil && l.ok(loc.tag, first.ID) {
		return first
	}
	return ed
}

// addShortcuts routes the folders above the doc pages, which people type
// or shorten addresses to: "poster-a4/ur/" leads to the first edition of
// the Urdu poster, "poster-a4/" to the poster in the source language (or,
// when served, the visitor's).
func (s *Site) addShortcuts() {
	for _, l := range s.layouts {
		if loc := s.firstLocale(l, s.editions[0]); loc != nil {
			dir := l.Name + "/"
			s.routes[dir] = &route{kind: shortcut, lay: l, loc: loc, ed: s.editions[0], folder: dir, target: docPath(l, loc, s.editions[0])}
		}
		for _, loc := range s.locales {
			for _, ed := range s.editions {
				if l.ok(loc.tag, ed.ID) {
					dir := l.Name + "/" + loc.tag + "/"
					s.routes[dir] = &route{kind: shortcut, lay: l, loc: loc, ed: ed, folder: dir, target: docPath(l, loc, ed)}
					break
				}
			}
		}
	}
}

// warmPreviews rasterises a small thumbnail in each language before the
// memory the site holds is measured: the PNG exporter keeps, once per
// process, a face of each font it draws with and the outlines of the
// glyphs drawn so far, which would otherwise join the heap with the first
// previews asked for, unaccounted. (It once parsed every font a second
// time, tens of megabytes for Noto Sans TC alone, and a full crawl with
// --cache-mb 64 peaked at 393 MB for a stated 344; it now draws from the
// typesetter's parsed fonts.)
func (s *Site) warmPreviews() error {
	if s.cfg.area != nil {
		return nil // the site of every area warmed them with its first area's
	}
	done := map[*localeInfo]bool{}
	for _, p := range s.Paths() {
		rt := s.routes[p]
		if rt.kind != thumbPNG || rt.width != thumbWidth/2 || done[rt.loc] {
			continue
		}
		done[rt.loc] = true
		if _, _, err := s.render(context.Background(), rt); err != nil {
			return fmt.Errorf("preview of %s in %s: %w", rt.lay.Name, rt.loc.tag, err)
		}
	}
	return nil
}

// boundPaths sets how long and deep a request path may be and still be
// worth explaining: one folder and an "index.html" more than the site's
// deepest address (a mistyped address is explained, an absurd one is not).
func (s *Site) boundPaths() {
	for p := range s.routes {
		s.maxPath = max(s.maxPath, len(p))
		s.maxDepth = max(s.maxDepth, strings.Count(p, "/"))
	}
	s.maxPath += len("/") + 64 + len("/index.html")
	s.maxDepth += 2 // the leading slash and one folder more
}

// designFace is the layout and locale that stand for design d on the home
// page in ui's language: its smallest size in ui's language, else in the
// first language it builds in; nil when it builds in none.
func (s *Site) designFace(d *design, ui *localeInfo) (*layoutInfo, *localeInfo) {
	ed := s.editions[0]
	for _, l := range d.layouts {
		if l.ok(ui.tag, ed.ID) {
			return l, ui
		}
	}
	for _, l := range d.layouts {
		if loc := s.firstLocale(l, ed); loc != nil {
			return l, loc
		}
	}
	return nil, nil
}

// addThumbnails routes the thumbnails the home pages show, at the size
// shown and twice that.
func (s *Site) addThumbnails() {
	ed := s.editions[0]
	for _, d := range s.designs {
		for _, ui := range s.locales {
			l, loc := s.designFace(d, ui)
			if l == nil {
				continue
			}
			dir := docPath(l, loc, ed)
			s.routes[dir+"thumb.png"] = &route{kind: thumbPNG, lay: l, loc: loc, ed: ed, folder: dir, width: thumbWidth}
			s.routes[dir+"thumb-160.png"] = &route{kind: thumbPNG, lay: l, loc: loc, ed: ed, folder: dir, width: thumbWidth / 2}
		}
	}
}

// docPath is the path of a doc page: "poster-a4/ur/screen/".
func docPath(l *layoutInfo, loc *localeInfo, ed *Edition) string {
	return l.Name + "/" + loc.tag + "/" + ed.ID + "/"
}

// readerPath is the path of the page of l in loc and ed read in ui's
// language: the doc page itself when ui is loc, else the doc page's path
// under ui's home ("en-GB/poster-a4/ur/screen/": the Urdu poster's page
// in English). The reader's language is kept in the address, so it
// survives links, bookmarks and the static copy.
func readerPath(l *layoutInfo, loc *localeInfo, ed *Edition, ui *localeInfo) string {
	if ui == nil || ui == loc {
		return docPath(l, loc, ed)
	}
	return homePath(ui) + docPath(l, loc, ed)
}

// firstLocale returns the first locale in which l builds in ed: the
// source locale when it does.
func (s *Site) firstLocale(l *layoutInfo, ed *Edition) *localeInfo {
	if src := s.locale[s.cfg.Campaign.SourceLocale]; src != nil && l.ok(src.tag, ed.ID) {
		return src
	}
	for _, loc := range s.locales {
		if l.ok(loc.tag, ed.ID) {
			return loc
		}
	}
	return nil
}

// Areas is how many areas the site has: 0 for a campaign without areas.
func (s *Site) Areas() int { return len(s.areas) }

// Paths returns every path the site serves (without the leading slash),
// sorted: "" for the home page, folders ending in "/" for pages. In a
// campaign with areas, those are the lists of areas: each area's site,
// made when first asked for, answers the paths under its id.
func (s *Site) Paths() []string {
	out := make([]string, 0, len(s.routes))
	for p := range s.routes {
		out = append(out, p)
	}
	slices.Sort(out)
	return out
}

// Stats reports the cache.
func (s *Site) Stats() Stats { return s.cache.stats() }

// withTimeout bounds how long a request waits for renders.
func (s *Site) withTimeout(ctx context.Context) (context.Context, context.CancelFunc) {
	return context.WithTimeout(ctx, s.cfg.Timeout)
}

// asFallback reports whether err is, or wraps, a *messages.FallbackError,
// and sets fb to it.
func asFallback(err error, fb **messages.FallbackError) bool {
	return errors.As(err, fb)
}

var _ http.Handler = (*Site)(nil)
