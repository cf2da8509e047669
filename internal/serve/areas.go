package serve

// The site of every area. A campaign with areas (one per police force,
// council or health board, each printing its own names and numbers) is
// one site: a school first finds its area in a list by name, then its
// poster, language, size and edition as on the site of a campaign
// without areas. Its addresses:
//
//	""         the list of areas, in the visitor's language
//	"LOC/"     the list in LOC's language ("en-GB/")
//	"LOC/I/"   the areas whose name in LOC's language begins with the
//	           letter I ("en-GB/n/"): the filter that needs no script
//	"AREA/…"   the area's own site: every address of a campaign without
//	           areas, under the area's id ("leeds/", "leeds/en-GB/",
//	           "leeds/poster-a4/ur/screen/"), so a force can link
//	           straight to its own pages
//	"fonts/…"  the web fonts every area's pages share
//
// The list also has a search field that filters it as one types; it is
// the one script of the published site, allowed by its hash in the page's
// Content-Security-Policy, and the field is hidden until the script shows
// it, so a browser without scripts shows the letters only.
//
// An area's site is made when first asked for (composing each of its
// documents once, as New does) and kept in the cache beside rendered
// files, so the memory the site holds stays within Config.CacheBytes
// however many areas there are. Export makes the areas' sites one at a
// time and skips an area whose inputs (build.CampaignKeys.Key and the site's
// options) and files are those of the last export into the folder.

import (
	"context"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"log/slog"
	"maps"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"
	"unicode"

	"golang.org/x/text/cases"
	"golang.org/x/text/collate"
	"golang.org/x/text/language"
	"golang.org/x/text/unicode/norm"

	"github.com/handbill/handbill/internal/build"
	"github.com/handbill/handbill/internal/campaign"
	"github.com/handbill/handbill/internal/diag"
	"github.com/handbill/handbill/internal/messages"
)

// areaInfo is an area of the site of every area.
type areaInfo struct {
	id    string
	area  *campaign.Area
	names map[string]string // its name by locale tag
	key   string            // its inputs: build.CampaignKeys.Key and the site's options
}

// reservedIDs are the top-level names of the site of every area that an
// area id may not take.
var reservedIDs = []string{"fonts", "favicon.ico", "robots.txt", "healthz", "404.html", "index.html"}

// newNational makes the site of every area of cfg.Campaign.
func newNational(cfg Config, log *slog.Logger) (*Site, error) {
	s := newSite(cfg, log)
	s.byArea = map[string]*areaInfo{}
	s.shared = &shared{cache: s.cache, problems: s.problems, slots: s.slots, fonts: newFontStore()}
	if err := s.start(); err != nil {
		return nil, err
	}
	if err := s.addAreas(); err != nil {
		return nil, err
	}
	s.addAreaRoutes()
	if err := s.addFiles(); err != nil {
		return nil, err
	}
	// The first area's site is made now: a campaign whose areas do not
	// make a site fails at start, and its size stands for every area's.
	first, err := s.areaSite(context.Background(), s.areas[0])
	if err != nil {
		return nil, err
	}
	s.boundAreaPaths(first)
	s.areaFiles = len(first.Paths()) + len(first.fontFiles)
	if err := s.renderPages(); err != nil {
		return nil, err
	}
	s.settle()
	return s, nil
}

// addAreas checks the areas' ids against the site's own names, and names
// each area in every locale.
func (s *Site) addAreas() error {
	c := s.cfg.Campaign
	keys, err := build.NewCampaignKeys(c, s.cfg.Catalog, build.Options{Creator: s.cfg.Creator, Date: s.cfg.Date})
	if err != nil {
		return err
	}
	for _, a := range c.Areas {
		if s.locale[a.ID] != nil || slices.Contains(reservedIDs, a.ID) {
			d := diag.Errorf(a.At.File, a.At.Line, a.At.Col, "id", "area %q: expected an id the site does not use itself, found the name of its %s", a.ID, reservedWhat(s, a.ID))
			d.Hint = "rename the area: its id is the first folder of its pages' addresses"
			return diag.List{d}.Err()
		}
		ai := &areaInfo{id: a.ID, area: a, names: map[string]string{}}
		for _, loc := range s.locales {
			name, err := areaName(s, a, loc.tag)
			if err != nil {
				return err
			}
			ai.names[loc.tag] = name
		}
		key, err := keys.Key(a.Campaign)
		if err != nil {
			return err
		}
		ai.key = fmt.Sprintf("%x", sha256.Sum256([]byte(fmt.Sprintf("%s\n%s", key, s.optionsKey()))))
		s.areas = append(s.areas, ai)
		s.byArea[a.ID] = ai
	}
	return nil
}

func reservedWhat(s *Site, id string) string {
	if s.locale[id] != nil {
		return "locale " + id + ", whose pages are at /" + id + "/"
	}
	return "file or folder " + id
}

// optionsKey is what of the site's options changes its pages.
func (s *Site) optionsKey() string {
	c := s.cfg
	return fmt.Sprintf("static %t\nprefix %q\nurl %q\nlayouts %q\nlocales %q", c.Static, c.Prefix, c.URL, c.Layouts, c.Locales)
}

// areaName is area a's name in locale tag: its message's text there when
// the name is a message, else the name as written.
func areaName(s *Site, a *campaign.Area, tag string) (string, error) {
	if a.NameMessage == nil {
		return a.Name, nil
	}
	data := map[string]any{}
	for k, v := range a.Campaign.Data {
		data[k] = v
	}
	name, err := s.cfg.Catalog.Text(tag, a.NameMessage.ID, data, nil)
	var fb *messages.FallbackError
	if err != nil && !asFallback(err, &fb) {
		return "", fmt.Errorf("area %s: name: %w", a.ID, err)
	}
	return name, nil
}

// addAreaRoutes routes the lists of areas: in the visitor's language, in
// each language, and by each initial in each language.
func (s *Site) addAreaRoutes() {
	s.routes[""] = &route{kind: homePage}
	for _, loc := range s.locales {
		s.routes[homePath(loc)] = &route{kind: localeHome, loc: loc}
		for _, g := range s.areaGroups(loc) {
			dir := homePath(loc) + g.slug + "/"
			s.routes[dir] = &route{kind: letterPage, loc: loc, letter: g.letter, folder: dir}
		}
	}
}

// boundAreaPaths sets how long and deep a request path may be and still
// be explained, from the site of one area: the longest id before its
// longest path.
func (s *Site) boundAreaPaths(one *Site) {
	s.boundPaths()
	long := 0
	for _, a := range s.areas {
		long = max(long, len(a.id))
	}
	s.maxPath = max(s.maxPath, one.maxPath+long+1)
	s.maxDepth = max(s.maxDepth, one.maxDepth+1)
}

// areaSite returns the site of area a, from the cache or made.
func (s *Site) areaSite(ctx context.Context, a *areaInfo) (*Site, error) {
	v, _, err := s.cache.get(ctx, "area "+a.id, func() (any, int64, error) {
		site, err := s.newArea(a)
		if err != nil {
			return nil, 0, err
		}
		return site, site.footprint(), nil
	})
	if err != nil {
		return nil, err
	}
	return v.(*Site), nil
}

// newArea makes the site of area a, sharing s's cache, render slots and
// fonts.
func (s *Site) newArea(a *areaInfo) (*Site, error) {
	cfg := s.cfg
	cfg.Campaign = a.area.Campaign
	cfg.Prefix += a.id + "/"
	if cfg.URL != "" {
		cfg.URL += a.id + "/"
	}
	cfg.area, cfg.shared, cfg.AreaDone = a, s.shared, nil
	site, err := New(cfg)
	if err != nil {
		return nil, fmt.Errorf("area %s: %w", a.id, err)
	}
	return site, nil
}

// footprint estimates the memory a site of one area holds besides the
// cache it shares, in bytes: its pages, files and routes, and a
// megabyte for its locales' words, layouts and composer.
func (s *Site) footprint() int64 {
	n := int64(len(s.routes))*256 + 1<<20
	for _, p := range s.pages {
		n += p.size()
	}
	for _, p := range s.homes {
		n += p.size()
	}
	for _, b := range s.files {
		n += int64(len(b.data))
	}
	return n
}

// areaGroup is the areas whose names begin with one letter, in one
// language.
type areaGroup struct {
	letter string // "N"
	slug   string // in addresses: "n"
	areas  []*areaInfo
}

// areaGroups files the areas by the initial of their names in loc's
// language, in its alphabetical order.
func (s *Site) areaGroups(loc *localeInfo) []areaGroup {
	tag := language.Make(loc.tag)
	col := collate.New(tag, collate.Loose)
	sorted := slices.Clone(s.areas)
	slices.SortStableFunc(sorted, func(a, b *areaInfo) int { return col.CompareString(a.names[loc.tag], b.names[loc.tag]) })
	var out []areaGroup
	for _, a := range sorted {
		l := initial(a.names[loc.tag], tag)
		if i := slices.IndexFunc(out, func(g areaGroup) bool { return g.letter == l }); i >= 0 {
			out[i].areas = append(out[i].areas, a)
			continue
		}
		out = append(out, areaGroup{letter: l, slug: letterSlug(l), areas: []*areaInfo{a}})
	}
	return out
}

// initial is the letter a name is filed under in the language tag: its
// first letter without accents ("É" → "E", "Ł" stays), upper-cased as the
// language does; a letter of a script without case is itself (Arabic,
// Han), and a Hangul syllable gives its first consonant. A name that
// begins with no letter is filed under "#".
func initial(name string, tag language.Tag) string {
	for _, r := range norm.NFD.String(name) {
		if unicode.IsLetter(r) {
			return cases.Upper(tag).String(string(r))
		}
		if unicode.IsDigit(r) {
			break
		}
	}
	return "#"
}

// letterSlug is an initial as a folder name: lower-case ("n"), and "0"
// for names that begin with no letter.
func letterSlug(letter string) string {
	if letter == "#" {
		return "0"
	}
	return strings.ToLower(letter)
}

// areaFilter is the script of the lists of areas: it shows the search
// field and hides the areas whose name (folded: no accents, lower case)
// does not hold what is typed.
const areaFilter = `(function(){var f=document.getElementById("area-find"),q=document.getElementById("area-q"),none=document.getElementById("area-none");if(!f||!q)return;f.hidden=false;function fold(s){return s.normalize("NFD").replace(/\p{M}/gu,"").toLocaleLowerCase()}var items=[].slice.call(document.querySelectorAll("li[data-area]"));items.forEach(function(li){li.dataset.key=fold(li.textContent+" "+li.dataset.area)});q.addEventListener("input",function(){var v=fold(q.value.trim()),n=0;items.forEach(function(li){var m=li.dataset.key.indexOf(v)>=0;li.hidden=!m;if(m)n++});[].forEach.call(document.querySelectorAll("section.areas"),function(g){g.hidden=!g.querySelector("li[data-area]:not([hidden])")});none.hidden=n>0})})();`

// cspWithScript is cspFor(style) that also allows the inline script
// script, by its hash.
func cspWithScript(style, script string) string {
	sum := sha256.Sum256([]byte(script))
	return strings.Replace(cspFor(style), "; style-src", "; script-src 'sha256-"+base64.StdEncoding.EncodeToString(sum[:])+"'; style-src", 1)
}

// areasData is a list of areas.
type areasData struct {
	Common
	Heading   string
	Letters   []choice // each initial, linking to its page
	Groups    []areaList
	All       string // the whole list, from a page of one letter
	Languages []choice
	Script    template.JS
}

// areaList is one initial's areas.
type areaList struct {
	Letter, ID string
	Areas      []areaChoice
}

type areaChoice struct {
	ID, Name, Href string
}

// areasPage renders the list of areas in ui's language at root: every
// area, or, when letter is not "", the areas filed under it.
func (s *Site) areasPage(ui *localeInfo, root, letter string) (*htmlPage, error) {
	d := areasData{Common: s.base(ui, root, ""), Heading: ui.w.T("site.areas.heading"), Script: template.JS(areaFilter)}
	here := homePath(ui)
	if root == "" {
		here = ""
	}
	for _, g := range s.areaGroups(ui) {
		c := choice{Label: g.letter, Href: s.href(root, homePath(ui)+g.slug+"/"), Lang: ui.tag, Dir: ui.dir, Current: g.letter == letter}
		d.Letters = append(d.Letters, c)
		if letter != "" && g.letter != letter {
			continue
		}
		al := areaList{Letter: g.letter, ID: "letter-" + g.slug}
		for _, a := range g.areas {
			al.Areas = append(al.Areas, areaChoice{ID: a.id, Name: a.names[ui.tag], Href: s.href(root, a.id+"/"+homePath(ui))})
		}
		d.Groups = append(d.Groups, al)
	}
	if letter != "" {
		d.All = s.href(root, homePath(ui))
		d.Heading = ui.w.T("site.areas.letter", "Letter", letter)
		d.Title = d.Heading + " – " + ui.title
	}
	for _, loc := range s.locales {
		c := s.langChoice(ui, loc)
		c.Current = loc == ui && here != ""
		c.Href = s.href(root, homePath(loc))
		d.Languages = append(d.Languages, c)
	}
	var b strings.Builder
	if err := tmpl.ExecuteTemplate(&b, "areas", d); err != nil {
		return nil, err
	}
	return newPage([]byte(b.String()), cspWithScript(string(d.Style), areaFilter))
}

// serveArea answers a path of one area's site, or a web font the areas
// share, and reports whether it did.
func (s *Site) serveArea(w http.ResponseWriter, r *http.Request, path string) bool {
	if b := s.shared.fonts.file(path); b != nil {
		w.Header().Set("Cache-Control", fileCacheControl)
		s.serveBlob(w, r, b)
		return true
	}
	id, rest, folder := strings.Cut(path, "/")
	a := s.byArea[id]
	if a == nil {
		return false
	}
	if !folder {
		s.redirect(w, r, path, path+"/", http.StatusMovedPermanently)
		return true
	}
	ctx, cancel := s.withTimeout(r.Context())
	defer cancel()
	site, err := s.areaSite(ctx, a)
	switch {
	case errors.Is(err, context.DeadlineExceeded):
		w.Header().Set("Retry-After", "5")
		ui := s.visitor(r)
		s.errorPage(w, r, http.StatusServiceUnavailable, ui, reason{text: ui.w.T("site.error.busy")})
		return true
	case errors.Is(err, context.Canceled):
		return true // the client went away
	case err != nil:
		s.log.Error("area site failed", "area", id, "error", err.Error())
		ui := s.visitor(r)
		s.errorPage(w, r, http.StatusInternalServerError, ui, reason{text: ui.w.T("site.error.failed")})
		return true
	}
	// The area's site answers as if at its own root: its links, its
	// redirects and its error pages are relative, so they hold under
	// the area's folder.
	sub := r.Clone(r.Context())
	sub.URL.Path = "/" + rest
	sub.URL.RawPath = ""
	site.ServeHTTP(w, sub)
	return true
}

// explainArea says why a path is not one of the site of every area's,
// with the nearest area's id when its first folder is mistyped.
func (s *Site) explainArea(r *http.Request, path string) (*localeInfo, reason) {
	ui := s.pathLocale(r, path)
	segs := strings.Split(path, "/")
	if s.locale[segs[0]] != nil {
		return ui, reason{text: ui.w.T("site.error.address")}
	}
	ids := make([]string, len(s.areas))
	for i, a := range s.areas {
		ids[i] = a.id
	}
	near := diag.Suggest(segs[0], ids)
	why := reason{text: ui.w.T("site.areas.unknown", "Name", segs[0]), near: near}
	if near != "" {
		why.to = near + "/"
	}
	return ui, why
}

// areaState is what an export recorded of one area: the key of its
// inputs and the files it wrote (its own, and the shared fonts its pages
// use).
type areaState struct {
	Inputs string   `json:"inputs_sha256"`
	Files  []string `json:"files"`
}

// areaStates is the file, in an exported folder, that records each
// area's state (JSON, by area id).
const areaStates = ".handbill-areas.json"

// AreaReport says what Export did with one area.
type AreaReport struct {
	ID    string
	N, Of int // the area's place: N of Of
	Files int
	Kept  bool // its inputs and files were unchanged: nothing written
	Took  time.Duration
	Err   error
}

// exportAreas writes the site of every area: the lists of areas, then
// each area's site, one after the other (each writes Renders files at a
// time), then the fonts and 404.html. An area whose inputs are those the
// last export into dir recorded, and whose files are all still there, is
// kept as it is, and its site not even made.
func (s *Site) exportAreas(dir string, progress func(done, total int)) (*ExportReport, error) {
	prev, err := readAreaStates(dir)
	if err != nil {
		return nil, err
	}
	next := map[string]areaState{}
	rep := &ExportReport{}
	own := s.Paths()
	total := len(own) + 1
	for _, a := range s.areas {
		if st, ok := prev[a.id]; ok {
			total += len(st.Files)
		} else {
			total += s.areaFiles
		}
	}
	done := 0
	tick := func() {
		done++
		if progress != nil {
			progress(done, max(total, done))
		}
	}
	names, errs := s.writeAll(dir, "", own, rep, tick)
	for i, a := range s.areas {
		start := time.Now()
		ar := AreaReport{ID: a.id, N: i + 1, Of: len(s.areas)}
		if st, ok := prev[a.id]; ok && st.Inputs == a.key && allExist(dir, st.Files) {
			names = append(names, st.Files...)
			next[a.id] = st
			rep.Kept += len(st.Files)
			done += len(st.Files)
			ar.Files, ar.Kept = len(st.Files), true
		} else {
			files, aerrs := s.exportArea(dir, a, rep, tick)
			names, errs = append(names, files...), append(errs, aerrs...)
			ar.Files = len(files)
			if len(aerrs) == 0 {
				next[a.id] = areaState{Inputs: a.key, Files: files}
			} else {
				ar.Err = fmt.Errorf("%d files not written", len(aerrs))
			}
		}
		ar.Took = time.Since(start)
		if s.cfg.AreaDone != nil {
			s.cfg.AreaDone(ar)
		}
	}
	slices.Sort(names)
	names = slices.Compact(names)
	js, err := json.MarshalIndent(next, "", "\t")
	if err == nil {
		err = write(dir, areaStates, append(js, '\n'))
	}
	if err != nil {
		errs = append(errs, fmt.Sprintf("%s: %v", areaStates, err))
	}
	return s.finish(dir, names, errs, total, rep, tick)
}

// exportArea writes the site of area a into dir/ID/, and the shared
// fonts its pages use that are not there yet. It returns the names
// written, fonts included, and the failures.
func (s *Site) exportArea(dir string, a *areaInfo, rep *ExportReport, tick func()) ([]string, []string) {
	site, err := s.areaSite(context.Background(), a)
	if err != nil {
		return nil, []string{fmt.Sprintf("%s/: %v", a.id, err)}
	}
	names, errs := site.writeAll(dir, a.id+"/", site.Paths(), rep, tick)
	for _, p := range slices.Sorted(maps.Keys(site.fontFiles)) {
		names = append(names, p)
		if fileExists(filepath.Join(dir, filepath.FromSlash(p))) {
			continue // named by its content's hash: the same file
		}
		b := s.shared.fonts.file(p)
		if err := write(dir, p, b.data); err != nil {
			errs = append(errs, fmt.Sprintf("%s: %v", p, err))
			continue
		}
		rep.Files++
		rep.Bytes += int64(len(b.data))
	}
	return names, errs
}

// readAreaStates reads what the last export into dir recorded of each
// area (nothing when there was none).
func readAreaStates(dir string) (map[string]areaState, error) {
	js, err := os.ReadFile(filepath.Join(dir, areaStates))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var out map[string]areaState
	if err := json.Unmarshal(js, &out); err != nil {
		// Not a state this export can trust: every area is written again.
		return nil, nil
	}
	return out, nil
}

// allExist reports whether every file names (slash paths) is in dir.
func allExist(dir string, names []string) bool {
	for _, n := range names {
		if !fs.ValidPath(n) || !fileExists(filepath.Join(dir, filepath.FromSlash(n))) {
			return false
		}
	}
	return true
}

func fileExists(p string) bool { _, err := os.Stat(p); return err == nil }
