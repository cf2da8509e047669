package serve

import (
	"bytes"
	"compress/gzip"
	"context"
	"crypto/sha256"
	"embed"
	"encoding/base64"
	"fmt"
	"html/template"
	"math"
	"net/http"
	"strings"
	"sync"
	"time"

	"golang.org/x/text/language"
	"golang.org/x/text/language/display"
	"golang.org/x/text/number"

	"github.com/handbill/handbill/internal/edition"
	hpng "github.com/handbill/handbill/internal/export/png"
	"github.com/handbill/handbill/internal/geom"
)

//go:embed site.css site.html areas.html locales
var assets embed.FS

var (
	styleSheet = mustRead("site.css")
	tmpl       = template.Must(template.New("site").Funcs(template.FuncMap{
		// langs is a list of languages with the word for "draft" (""
		// to show no badges); designs the home page's designs with the
		// page's words.
		"langs": func(l []choice, badge string) any {
			return struct {
				List  []choice
				Badge string
			}{l, badge}
		},
		"designs": func(c Common, d []homeDesign) any {
			return struct {
				C       Common
				Designs []homeDesign
			}{c, d}
		},
	}).ParseFS(assets, "site.html", "areas.html"))
)

// cspFor allows the page's own inline style sheet (by hash), and images
// and fonts from the site, and nothing else: no scripts, frames or
// requests to other hosts.
func cspFor(style string) string {
	sum := sha256.Sum256([]byte(style))
	return "default-src 'none'; img-src 'self'; font-src 'self'; style-src 'sha256-" + base64.StdEncoding.EncodeToString(sum[:]) +
		"'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
}

func mustRead(name string) string {
	b, err := assets.ReadFile(name)
	if err != nil {
		panic(err)
	}
	return string(b)
}

// page is a rendered HTML page: its body, gzipped, and its
// Content-Security-Policy.
type htmlPage struct {
	plain *blob
	csp   string
	gz    struct {
		once sync.Once
		b    *blob
		err  error
	}
}

func newPage(html []byte, csp string) (*htmlPage, error) {
	return &htmlPage{plain: newBlob(html, "text/html; charset=utf-8"), csp: csp}, nil
}

// gzipped is the page gzipped, made when first asked for: a site makes
// thousands of pages that a static export writes plain, and that a server
// may never be asked for.
func (p *htmlPage) gzipped() (*blob, error) {
	p.gz.once.Do(func() {
		var b bytes.Buffer
		zw, err := gzip.NewWriterLevel(&b, gzip.BestCompression)
		if err == nil {
			_, err = zw.Write(p.plain.data)
		}
		if err == nil {
			err = zw.Close()
		}
		if err != nil {
			p.gz.err = fmt.Errorf("gzip: %w", err)
			return
		}
		p.gz.b = newBlob(b.Bytes(), p.plain.ctype)
		p.gz.b.etag = strings.TrimSuffix(p.plain.etag, `"`) + `-gz"`
	})
	return p.gz.b, p.gz.err
}

// body is what to send of p for r: gzipped when r accepts it (and sets
// Content-Encoding), else plain.
func (s *Site) body(w http.ResponseWriter, r *http.Request, p *htmlPage) *blob {
	if !acceptsGzip(r) {
		return p.plain
	}
	gz, err := p.gzipped()
	if err != nil {
		s.log.Error("page sent uncompressed", "error", err.Error())
		return p.plain
	}
	w.Header().Set("Content-Encoding", "gzip")
	return gz
}

// The template data. Every href is relative, so the site works under any
// path prefix and as files.

// Common is what every page has.
type Common struct {
	W         *words // the page's words: {{.W.T "site.download"}}
	Lang, Dir string // the page's language
	Title     string // <title>
	Campaign  string // campaign title in the page's language
	Home      string // href of the home page in the page's language
	Root      string // href of the site's root folder, "" or "../../../"
	Other     *choice
	Style     template.CSS
	Preload   []string // font files the page uses first
	Fonts     []fontLink
	Refresh   string // where a moved page sends the browser
	Card      card   // the link preview when the page is shared
	Published string // by whom and when the campaign's documents are published
	Contact   []link // how to reach the publisher: its web site, an email address
	// Area is, on the pages of one area of a campaign with areas, its
	// name and the list of every area.
	Area *areaLink
}

// link is a link whose text is not in the page's language (an address).
type link struct{ Label, Href string }

// areaLink names the area a page is of and links to the list of areas.
type areaLink struct{ Name, Href string }

// card is a page's link preview (OpenGraph, read by Twitter too): its
// URL and image are absolute, so they are set only when the site's public
// address is known (Config.URL).
type card struct {
	Title, About string
	Locale       string // "en_GB"
	Publisher    string // og:site_name and the page's author
	URL, Image   string
	ImageAlt     string
}

type fontLink struct{ Name, Href string }

type homeData struct {
	Common
	Designs   []homeDesign
	Languages []choice // the site in each language
}

type homeDesign struct {
	Name, About string
	Href        string
	Thumb       image
	Sizes       []choice
	Languages   []choice
}

type image struct {
	Src, Srcset, Sizes string
	W, H               int
	Alt                string
	Lang, Dir          string
	Caption            string
}

// choice is one option of a picker: a link, or the current choice, or an
// option not available here and why.
type choice struct {
	Label     string // in its own language for languages
	Note      string // a language's name in the page's language
	Href      string // empty when unavailable
	Current   bool
	Lang, Dir string
	Draft     bool
	About     string
	Why       string // why it is unavailable
}

type docData struct {
	Common
	Heading   template.HTML
	LocTitle  string
	LocLang   string // the document's language
	LocDir    string
	Href      string // of the PDF
	Draft     string // the draft notice, or ""
	Reviewed  string
	Previews  []image
	File      string
	Pages     string
	Size      string   // of the PDF
	Print     []string // how to print it
	Languages []choice // the document's language, the page's kept
	Readers   []choice // the page's language, the document kept
	Sizes     []choice
	Editions  []choice
	SizeNote  string
}

type problemData struct {
	Common
	Heading string
	Why     string
	Suggest template.HTML // "Did you mean poster-a4?", the name a link
	Designs []homeDesign
}

// href returns the link from a page at root to the site path p.
func (s *Site) href(root, p string) string {
	if s.cfg.Static && (p == "" || strings.HasSuffix(p, "/")) {
		p += "index.html"
	}
	if root+p == "" {
		return "./"
	}
	return root + p
}

// base is the common data of a page in ui's language at root, also
// written in langs (the language of the document it is about).
func (s *Site) base(ui *localeInfo, root, title string, langs ...string) Common {
	fonts := root // where the fonts are: an area's site shares them at the root of the site of every area
	if s.cfg.area != nil {
		fonts += "../"
	}
	c := Common{W: ui.w, Lang: ui.tag, Dir: ui.dir, Title: title, Campaign: ui.title,
		Home: s.href(root, homePath(ui)), Root: root, Style: template.CSS(s.colors.css() + ui.styleAt(fonts, langs...)),
		Preload: ui.preloads(fonts, langs...), Fonts: ui.fontLinks(fonts, langs...)}
	if a := s.cfg.area; a != nil {
		c.Area = &areaLink{Name: a.names[ui.tag], Href: s.href(root+"../", homePath(ui))}
	}
	if src := s.source(); src != nil && src != ui {
		c.Other = &choice{Label: src.short, Lang: src.tag, Dir: src.dir, Href: s.href(root, homePath(src))}
	}
	if c.Title == "" {
		c.Title = ui.title
		if c.Area != nil {
			c.Title += " – " + c.Area.Name
		}
	}
	c.Published, c.Contact = s.published(ui)
	c.Card = card{Title: c.Title, About: ui.w.T("site.home.lead"), Locale: strings.ReplaceAll(ui.tag, "-", "_"), Publisher: ui.publisher}
	return c
}

// published says, in ui's language, who publishes the campaign's documents
// and when, and how to reach the publisher: its web site and email
// address (campaign.yaml's publisher:).
func (s *Site) published(ui *localeInfo) (string, []link) {
	date := s.cfg.Date.Format(time.DateOnly)
	p := s.cfg.Campaign.Publisher
	if p == nil {
		return ui.w.T("site.published", "Date", date), nil
	}
	var contact []link
	if p.URL != "" {
		contact = append(contact, link{Label: p.WebLabel(), Href: p.URL})
	}
	if p.Email != "" {
		contact = append(contact, link{Label: p.Email, Href: "mailto:" + p.Email})
	}
	return ui.w.T("site.published.by", "Publisher", ui.publisher, "Date", date), contact
}

// absolute is the public address of site path p, or "" when the site's
// address is not known.
func (s *Site) absolute(p string) string {
	if s.cfg.URL == "" {
		return ""
	}
	return s.cfg.URL + p
}

// homePath is the path of the home page in loc's language.
func homePath(loc *localeInfo) string { return loc.tag + "/" }

// source returns the source locale when the site offers it.
func (s *Site) source() *localeInfo { return s.locale[s.cfg.Campaign.SourceLocale] }

// execute renders template name with data into a page, with the page's
// style sheet in its CSP.
func execute(name string, data any, c *Common) (*htmlPage, error) {
	html, err := executeHTML(name, data)
	if err != nil {
		return nil, err
	}
	return newPage(html, cspFor(string(c.Style)))
}

// executeHTML renders template name with data.
func executeHTML(name string, data any) ([]byte, error) {
	var b bytes.Buffer
	if err := tmpl.ExecuteTemplate(&b, name, data); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// renderPages renders the home page in every language and every doc
// page. It renders them twice: first to learn what text each language's
// pages hold, which chooses their web fonts, then with the fonts.
func (s *Site) renderPages() error {
	if err := s.renderAll(); err != nil {
		return err
	}
	for _, ui := range s.locales {
		text := map[string]map[rune]bool{}
		pageText(s.homes[ui.tag].plain.data, text)
		for _, rt := range s.routes {
			if p := s.pages[s.pathOf(rt)]; p != nil && rt.loc == ui {
				pageText(p.plain.data, text)
			}
		}
		// Error pages say more: the site's messages in this language,
		// and names from addresses, in ASCII.
		if f := ui.w.cat.File(ui.tag); f != nil {
			for id, m := range f.Messages {
				if strings.HasPrefix(id, sitePrefix) {
					addText(text, ui.tag, m.Other)
				}
			}
		}
		// Its pages about documents in other languages show their
		// titles.
		for _, loc := range s.locales {
			addText(text, loc.tag, loc.title)
		}
		for r := rune(0x21); r < 0x7f; r++ {
			addText(text, ui.tag, string(r))
		}
		if err := s.addFonts(ui, text); err != nil {
			return err
		}
	}
	return s.renderAll()
}

// readerPage returns the page of a document read in another language
// (a readerPage route). There are as many as documents times languages,
// so they are rendered when first asked for and kept in the cache, within
// its bound, rather than all made at start.
func (s *Site) readerPage(ctx context.Context, path string, rt *route) (*htmlPage, error) {
	v, _, err := s.cache.get(ctx, "page "+s.mount+path, func() (any, int64, error) {
		d := s.docData(rt)
		p, err := execute("doc", d, &d.Common)
		if err != nil {
			return nil, 0, fmt.Errorf("page /%s: %w", path, err)
		}
		return p, p.size(), nil
	})
	if err != nil {
		return nil, err
	}
	return v.(*htmlPage), nil
}

// size is the memory a page holds, in bytes.
// The gzipped page, made later, is counted as half the plain one (it is a
// fifth to a third).
func (p *htmlPage) size() int64 { return int64(len(p.plain.data)*3/2 + len(p.csp)) }

// pathOf returns the path of a page route.
func (s *Site) pathOf(rt *route) string {
	switch rt.kind {
	case localeHome:
		return homePath(rt.loc)
	case docPage, shortcut, letterPage:
		return rt.folder
	}
	return "\x00"
}

func (s *Site) renderAll() error {
	for path, rt := range s.routes {
		var err error
		switch rt.kind {
		case homePage:
			for _, ui := range s.locales {
				var p *htmlPage
				if p, err = s.homePage(ui, ""); err != nil {
					break
				}
				s.homes[ui.tag] = p
			}
		case localeHome:
			s.pages[path], err = s.homePage(rt.loc, "../")
		case letterPage:
			s.pages[path], err = s.areasPage(rt.loc, "../../", rt.letter)
		case docPage:
			d := s.docData(rt)
			s.pages[path], err = execute("doc", d, &d.Common)
		case shortcut:
			d := s.movedData(rt)
			s.pages[path], err = execute("moved", d, &d.Common)
		default:
			continue
		}
		if err != nil {
			return fmt.Errorf("page /%s: %w", path, err)
		}
	}
	for _, ui := range s.locales {
		if err := ui.w.Err(); err != nil {
			return err
		}
	}
	return nil
}

// homePage renders the home page in ui's language at root: the list of
// areas in the site of every area, else the designs.
func (s *Site) homePage(ui *localeInfo, root string) (*htmlPage, error) {
	if s.areas != nil {
		return s.areasPage(ui, root, "")
	}
	d := s.homeData(ui, root)
	return execute("home", d, &d.Common)
}

func (s *Site) problemPage(ui *localeInfo, root string, status int, why reason) (*htmlPage, error) {
	heading := ui.w.T("site.problem")
	if status == http.StatusNotFound {
		heading = ui.w.T("site.notfound")
	}
	data := problemData{Common: s.base(ui, root, heading+" – "+ui.title), Heading: heading, Why: why.text,
		Suggest: s.suggestion(ui, root, why), Designs: s.homeDesigns(ui, root)}
	return execute("problem", data, &data.Common)
}

// suggestion is "Did you mean x?" in ui's language for why's nearest id,
// the id a link to the address put right when the site has it; "" when
// there is nothing to suggest.
func (s *Site) suggestion(ui *localeInfo, root string, why reason) template.HTML {
	if why.near == "" {
		return ""
	}
	const mark = "\ue000" // a private-use character no message has
	name := template.HTMLEscapeString(why.near)
	if why.to != "" {
		name = fmt.Sprintf(`<a href="%s" dir="ltr">%s</a>`, template.HTMLEscapeString(s.href(root, why.to)), name)
	}
	return template.HTML(strings.Replace(template.HTMLEscapeString(ui.w.T("site.suggest", "Name", mark)), mark, name, 1))
}

func (s *Site) homeData(ui *localeInfo, root string) homeData {
	d := homeData{Common: s.base(ui, root, ""), Designs: s.homeDesigns(ui, root)}
	for _, loc := range s.locales {
		c := s.langChoice(ui, loc)
		c.Current = loc == ui && root != ""
		c.Href = s.href(root, homePath(loc))
		d.Languages = append(d.Languages, c)
	}
	return d
}

// designName is a design's name in ui's language: the campaign's message
// (campaign.Design.MessageID) when it has one, else a name made from
// the layout ids.
func (s *Site) designName(ui *localeInfo, d *design) string {
	if id := d.msg; ui.w.own(id) {
		return ui.w.T(id)
	}
	return d.name
}

// designShort is the name of l's design in ui's language for a phrase
// that names l's paper size after it: a design made in one size only is
// often named with it ("Leaflet A5"), which would then say the size
// twice ("Leaflet A5, A5"), so the size is taken out of its name.
func (s *Site) designShort(ui *localeInfo, l *layoutInfo) string {
	name := s.designName(ui, l.design)
	size := s.sizeName(ui, l)
	if len(l.design.layouts) != 1 || !strings.Contains(name, size) {
		return name
	}
	short := strings.Join(strings.Fields(strings.Replace(name, size, "", 1)), " ")
	if short == "" {
		return name
	}
	return short
}

// docName names l in loc in ui's language: "Poster, A4, in Urdu".
func (s *Site) docName(ui *localeInfo, l *layoutInfo, loc *localeInfo) string {
	return ui.w.T("site.thumb.alt", "Design", s.designShort(ui, l), "Size", s.sizeName(ui, l), "Language", s.nameIn(ui, loc))
}

func (s *Site) designAbout(ui *localeInfo, d *design) string {
	if id := d.msg + ".about"; ui.w.own(id) {
		return ui.w.T(id)
	}
	return d.about
}

// homeDesigns lists each design for a page in ui's language at root:
// links go to the design in ui's language where it builds, and every
// language is listed, with the reason when the design is in no size of
// it.
func (s *Site) homeDesigns(ui *localeInfo, root string) []homeDesign {
	var out []homeDesign
	ed := s.editions[0]
	for _, d := range s.designs {
		fl, floc := s.designFace(d, ui)
		if fl == nil {
			continue // builds in no language
		}
		hd := homeDesign{Name: s.designName(ui, d), About: s.designAbout(ui, d),
			Href: s.href(root, readerPath(fl, floc, ed, ui)), Thumb: s.thumb(ui, root, d, fl, floc)}
		for _, l := range d.layouts {
			loc := ui
			if !l.ok(ui.tag, ed.ID) {
				loc = s.firstLocale(l, ed)
			}
			if loc != nil {
				hd.Sizes = append(hd.Sizes, choice{Label: s.sizeName(ui, l), Href: s.href(root, readerPath(l, loc, ed, ui))})
			}
		}
		for _, loc := range s.locales {
			c := s.langChoice(ui, loc)
			for _, l := range d.layouts {
				if l.ok(loc.tag, ed.ID) {
					c.Href = s.href(root, readerPath(l, loc, ed, ui))
					break
				}
			}
			if c.Href == "" {
				c.Why = ui.w.T("site.unavailable.fit")
			}
			hd.Languages = append(hd.Languages, c)
		}
		out = append(out, hd)
	}
	return out
}

// thumb is the home page's picture of design d: layout l in loc.
func (s *Site) thumb(ui *localeInfo, root string, d *design, l *layoutInfo, loc *localeInfo) image {
	p := root + docPath(l, loc, s.editions[0])
	w, h := pixels(l, thumbWidth/2)
	return image{Src: p + "thumb-160.png", Srcset: p + "thumb-160.png 160w, " + p + "thumb.png 320w",
		Sizes: "(max-width: 40rem) 8rem, 10rem", W: w, H: h,
		Alt: s.docName(ui, l, loc)}
}

// nameIn names loc in ui's language: "Polski" in Polish, "پولش" in Urdu.
func (s *Site) nameIn(ui, loc *localeInfo) string {
	if ui == loc {
		return loc.self
	}
	if n := ui.w.Name(loc.tag); n != "" {
		return n
	}
	return loc.self
}

// langChoice names a language in its own language and script, with its
// name in ui's language beside it when that differs.
func (s *Site) langChoice(ui, loc *localeInfo) choice {
	c := choice{Label: loc.self, Note: s.nameIn(ui, loc), Lang: loc.tag, Dir: loc.dir, Draft: loc.draft != ""}
	if strings.EqualFold(c.Label, c.Note) {
		c.Note = ""
	}
	return c
}

// pixels returns the size of a page of l rasterised w pixels wide.
func pixels(l *layoutInfo, w int) (int, int) {
	sz, err := hpng.Size(l.Size, hpng.Options{Width: w})
	if err != nil {
		return w, int(math.Round(float64(w) * float64(l.Size.H/l.Size.W)))
	}
	return sz.X, sz.Y
}

// sizeName names l's paper in ui's language: "A4", "A4 landscape", or
// its width and height in millimetres.
func (s *Site) sizeName(ui *localeInfo, l *layoutInfo) string {
	switch {
	case l.paper == "":
		return s.dims(ui, l.Size)
	case l.landscape:
		return ui.w.T("site.landscape", "Size", l.paper)
	}
	return l.paper
}

// dims is a page's width and height in millimetres in ui's language.
func (s *Site) dims(ui *localeInfo, sz geom.Size) string {
	mm := func(p geom.Pt) string {
		return ui.w.num.Sprint(number.Decimal(math.Round(p.MM()*10)/10, number.MaxFractionDigits(1), number.NoSeparator()))
	}
	return ui.w.T("site.mm", "Width", mm(sz.W), "Height", mm(sz.H))
}

// sizeNote says that US Letter, often asked for, is not offered when the
// design has no layout of that size.
func (s *Site) sizeNote(ui *localeInfo, d *design) string {
	for _, l := range d.layouts {
		if l.paper == "Letter" {
			return ""
		}
	}
	return ui.w.T("site.letter")
}

// heading is a doc page's h1 in ui's language about l in loc: the
// language's name marked with its own language and direction when the
// page is in it ("Poster, A4, in اردو"), else named in ui's language
// ("Poster, A4, in Urdu").
func (s *Site) heading(ui, loc *localeInfo, l *layoutInfo) template.HTML {
	const mark = "\ue000" // a private-use character no message has
	h := ui.w.T("site.doc.heading", "Design", s.designShort(ui, l), "Size", s.sizeName(ui, l), "Language", mark)
	lang := template.HTMLEscapeString(s.nameIn(ui, loc))
	if ui == loc {
		lang = fmt.Sprintf(`<span lang="%s" dir="%s">%s</span>`, template.HTMLEscapeString(ui.tag), ui.dir, template.HTMLEscapeString(ui.self))
	}
	return template.HTML(strings.Replace(template.HTMLEscapeString(h), mark, lang, 1))
}

// draftNotice is the notice, in ui's language, on the page of a document
// whose translation (loc) is a draft: it is meant for the person who
// prints it, who may not read loc.
func draftNotice(ui, loc *localeInfo) string {
	if loc.draft == "" {
		return ""
	}
	t := ui.w.T("site.draft.notice")
	if r := loc.review; r != nil {
		t += " " + ui.w.T("site.draft.older", "By", r.By, "Date", r.On.Format("2006-01-02"))
	}
	return t
}

// docView is where a doc page is and whose words it uses: layout l in
// loc and ed, read in ui's language, at root; here is the link from the
// page to the folder of its files ("" when the page is in that folder).
type docView struct {
	l       *layoutInfo
	loc, ui *localeInfo
	ed      *Edition
	root    string
	here    string
}

func (s *Site) view(rt *route) docView {
	v := docView{l: rt.lay, loc: rt.loc, ui: rt.ui, ed: rt.ed}
	if v.ui == nil {
		v.ui = v.loc
	}
	v.root = strings.Repeat("../", strings.Count(readerPath(v.l, v.loc, v.ed, v.ui), "/"))
	if v.ui != v.loc {
		v.here = v.root + docPath(v.l, v.loc, v.ed)
	}
	return v
}

// link is the href from v's page to the page of l in loc and ed read in
// ui's language.
func (s *Site) link(v docView, l *layoutInfo, loc *localeInfo, ed *Edition, ui *localeInfo) string {
	return s.href(v.root, readerPath(l, loc, ed, ui))
}

func (s *Site) docData(rt *route) docData {
	v := s.view(rt)
	l, loc, ed, ui := v.l, v.loc, v.ed, v.ui
	w := ui.w
	d := docData{
		Common:   s.base(ui, v.root, "", loc.tag),
		Heading:  s.heading(ui, loc, l),
		LocTitle: loc.title, LocLang: loc.tag, LocDir: loc.dir,
		Draft:    draftNotice(ui, loc),
		File:     s.fileName(l, loc.tag, ed),
		Pages:    w.T("site.download.pages", "Count", len(l.Pages)),
		Size:     w.T("site.download.size", "Size", (l.bytes[loc.tag+"/"+ed.ID]+512)/1024),
		Print:    s.printAdvice(ui, l, ed),
		SizeNote: s.sizeNote(ui, l.design),
	}
	d.Href = v.here + d.File
	d.Title = s.docName(ui, l, loc) + " – " + ui.title
	if r := loc.review; r != nil && loc.draft == "" {
		d.Reviewed = w.T("site.reviewed", "By", r.By, "Date", r.On.Format("2006-01-02"))
	}
	if src := s.source(); d.Other != nil {
		// The same document, its page read in the source language.
		d.Other.Href = s.link(v, l, loc, ed, src)
	}
	d.Card.Title, d.Card.About = d.Title, s.designAbout(ui, l.design)
	d.Card.URL = s.absolute(readerPath(l, loc, ed, ui))
	if d.Card.URL != "" {
		d.Card.Image, d.Card.ImageAlt = s.absolute(docPath(l, loc, s.previewEdition(l, loc, ed))+"page-1.png"), loc.title
	}
	d.Previews = s.previews(v)
	d.Languages = s.docLanguages(v)
	for _, o := range s.locales {
		c := s.langChoice(ui, o)
		c.Current = o == ui
		c.Href = s.link(v, l, loc, ed, o)
		d.Readers = append(d.Readers, c)
	}
	for _, o := range l.design.layouts {
		c := choice{Label: s.sizeName(ui, o), Current: o == l, About: s.dims(ui, o.Size)}
		if o.ok(loc.tag, ed.ID) {
			c.Href = s.link(v, o, loc, ed, ui)
		} else {
			c.Why = w.T("site.unavailable.language")
		}
		d.Sizes = append(d.Sizes, c)
	}
	d.Editions = s.docEditions(v)
	return d
}

// printAdvice says, in ui's language, how to print l in ed, from the
// layout itself: the paper at actual size (for the office printer
// edition; the print shop's has bleed and marks beyond the paper), which
// edge to flip on for two sides (the long edge of an upright sheet, the
// short edge of a sideways one), and how to fold it.
func (s *Site) printAdvice(ui *localeInfo, l *layoutInfo, ed *Edition) []string {
	w := ui.w
	var out []string
	if ed.build == edition.Screen {
		paper := l.paper
		if paper == "" {
			paper = s.dims(ui, l.Size)
		}
		out = append(out, w.T("site.print.paper", "Size", paper))
	}
	if len(l.Pages) == 2 {
		if l.Size.W > l.Size.H {
			out = append(out, w.T("site.print.sides.short"))
		} else {
			out = append(out, w.T("site.print.sides.long"))
		}
	}
	switch len(l.Pages[0].Folds) {
	case 1:
		out = append(out, w.T("site.print.fold.half"))
	case 2:
		out = append(out, w.T("site.print.fold.roll"))
	}
	return out
}

// previews are the pictures of v's pages.
func (s *Site) previews(v docView) []image {
	l, loc := v.l, v.loc
	folder := v.here
	if pe := s.previewEdition(l, loc, v.ed); pe != v.ed {
		folder = v.root + docPath(l, loc, pe)
	}
	var out []image
	for i := range l.Pages {
		w9, h9 := pixels(l, previewWidth)
		p := fmt.Sprintf("%spage-%d", folder, i+1)
		img := image{Src: p + ".png", W: w9, H: h9, Alt: loc.title, Lang: loc.tag, Dir: loc.dir,
			Srcset: fmt.Sprintf("%s-%d.png %dw, %s.png %dw", p, previewWidth/2, previewWidth/2, p, previewWidth),
			Sizes:  "(max-width: 40rem) calc(100vw - 2rem), (max-width: 72rem) 55vw, 40rem"}
		if len(l.Pages) > 1 {
			img.Caption = v.ui.w.T("site.page", "Page", i+1, "Count", len(l.Pages))
		}
		out = append(out, img)
	}
	return out
}

// docLanguages is the picker of the document's language on v's page:
// each keeps the page's language.
func (s *Site) docLanguages(v docView) []choice {
	var out []choice
	for _, o := range s.locales {
		c := s.langChoice(v.ui, o)
		c.Current = o == v.loc
		if v.l.ok(o.tag, v.ed.ID) {
			c.Href = s.link(v, v.l, o, v.ed, v.ui)
		} else {
			c.Why = v.ui.w.T("site.unavailable.size")
		}
		out = append(out, c)
	}
	return out
}

// docEditions is the picker of editions on v's page.
func (s *Site) docEditions(v docView) []choice {
	w := v.ui.w
	var out []choice
	for _, e := range s.editions {
		c := choice{Label: w.T(e.Name()), About: w.T(e.About()), Current: e == v.ed}
		if e.Accessible != "" {
			c.About += " " + w.T(e.Accessible)
		}
		if v.l.ok(v.loc.tag, e.ID) {
			c.Href = s.link(v, v.l, v.loc, e, v.ui)
		} else {
			c.Why = w.T("site.unavailable.fit")
		}
		out = append(out, c)
	}
	return out
}

// movedData is the page of a shortened address (/poster-a4/ur/): in the
// static copy it sends the browser on to the real page.
type movedData struct {
	Common
	To, Label string
}

func (s *Site) movedData(rt *route) movedData {
	root := strings.Repeat("../", strings.Count(rt.folder, "/"))
	to := s.routes[rt.target]
	d := movedData{Common: s.base(rt.loc, root, ""), To: s.href(root, rt.target),
		Label: s.docName(rt.loc, to.lay, to.loc)}
	d.Refresh = d.To
	return d
}

// shortName is a language's own name without its region ("English" for
// en-GB), for the link to the source language.
func shortName(tag language.Tag) string {
	b, _ := tag.Base()
	return capitalise(display.Self.Name(language.Make(b.String())))
}
