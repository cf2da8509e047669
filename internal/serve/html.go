package serve

import (
	"bytes"
	"crypto/sha256"
	"embed"
	"encoding/base64"
	"fmt"
	"html/template"
	"math"
	"net/http"
	"strings"

	hpng "github.com/handbill/handbill/internal/export/png"
)

//go:embed site.css site.html
var assets embed.FS

var (
	styleSheet = mustRead("site.css")
	tmpl       = template.Must(template.New("site").Funcs(template.FuncMap{
		"css": func() template.CSS { return template.CSS(styleSheet) },
	}).ParseFS(assets, "site.html"))
	// csp allows the page's own inline style sheet (by hash) and images
	// from the site, and nothing else: no scripts, fonts, frames or
	// requests to other hosts.
	csp = func() string {
		sum := sha256.Sum256([]byte(styleSheet))
		return "default-src 'none'; img-src 'self'; style-src 'sha256-" + base64.StdEncoding.EncodeToString(sum[:]) +
			"'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
	}()
)

func mustRead(name string) string {
	b, err := assets.ReadFile(name)
	if err != nil {
		panic(err)
	}
	return string(b)
}

// The template data. Every href is relative, so the site works under any
// path prefix and as files.

type Common struct {
	Title    string // <title>
	Campaign string // campaign title, source language
	Home     string // href of the home page
	Lang     string // source locale: the language of the site's own words
}

type homeData struct {
	Common
	Designs   []homeDesign
	Languages int
}

type homeDesign struct {
	Name, About string
	Href        string
	Thumb       image
	Sizes       []choice
	Languages   []choice
}

type image struct {
	Src       string
	W, H      int
	Alt       string
	Lang, Dir string
	Caption   string
}

// choice is one option of a picker: a link, or the current choice, or an
// option not available here.
type choice struct {
	Label     string // in its own language for languages
	Note      string // English name, or "draft"
	Href      string // empty when unavailable
	Current   bool
	Lang, Dir string
	Draft     bool
	About     string
}

type docData struct {
	Common
	Design, Size, SizeMM string
	Locale               choice
	LocTitle             string
	Draft                string
	Reviewed             string
	Edition              *Edition
	Previews             []image
	File                 string
	Pages                int
	Languages            []choice
	Sizes                []choice
	Editions             []choice
	SizeNote             string
}

type problemData struct {
	Common
	Status  int
	Why     string
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

func (s *Site) base(root, title string) Common {
	return Common{Title: title, Campaign: s.title, Home: s.href(root, ""), Lang: s.cfg.Campaign.SourceLocale}
}

// renderPages renders the home page and every doc page.
func (s *Site) renderPages() error {
	for path, rt := range s.routes {
		var data any
		var name string
		switch rt.kind {
		case homePage:
			name, data = "home", s.homeData()
		case docPage:
			name, data = "doc", s.docData(rt)
		default:
			continue
		}
		var b bytes.Buffer
		if err := tmpl.ExecuteTemplate(&b, name, data); err != nil {
			return fmt.Errorf("page /%s: %w", path, err)
		}
		s.pages[path] = newBlob(b.Bytes(), "text/html; charset=utf-8")
	}
	return nil
}

func (s *Site) problemPage(root string, status int, why string) ([]byte, error) {
	data := problemData{Common: s.base(root, http.StatusText(status)), Status: status, Why: why, Designs: s.homeDesigns(root)}
	var b bytes.Buffer
	err := tmpl.ExecuteTemplate(&b, "problem", data)
	return b.Bytes(), err
}

func (s *Site) homeData() homeData {
	return homeData{Common: s.base("", s.title), Designs: s.homeDesigns(""), Languages: len(s.locales)}
}

func (s *Site) homeDesigns(root string) []homeDesign {
	var out []homeDesign
	ed := s.editions[0]
	for _, d := range s.designs {
		hd := homeDesign{Name: d.name, About: d.about}
		for _, l := range d.layouts {
			loc := s.firstLocale(l, ed)
			if loc == nil {
				continue
			}
			p := docPath(l, loc, ed)
			if hd.Href == "" {
				hd.Href = s.href(root, p)
				w, h := pixels(l, thumbWidth)
				hd.Thumb = image{Src: root + p + "thumb.png", W: w, H: h, Alt: fmt.Sprintf("%s, %s, in %s", d.name, l.size, loc.english)}
			}
			hd.Sizes = append(hd.Sizes, choice{Label: l.size, Href: s.href(root, p)})
		}
		if hd.Href == "" {
			continue // builds in no language
		}
		for _, loc := range s.locales {
			for _, l := range d.layouts {
				if l.ok(loc.tag, ed.ID) {
					c := langChoice(loc)
					c.Href = s.href(root, docPath(l, loc, ed))
					hd.Languages = append(hd.Languages, c)
					break
				}
			}
		}
		out = append(out, hd)
	}
	return out
}

// langChoice names a language in its own language and script, with its
// English name beside it when that differs.
func langChoice(loc *localeInfo) choice {
	c := choice{Label: loc.self, Note: loc.english, Lang: loc.tag, Dir: loc.dir, Draft: loc.draft != ""}
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

// sizeNote says which paper sizes a design comes in, and that others
// (US Letter, often asked for) are not offered.
func sizeNote(d *design) string {
	var names []string
	letter := false
	for _, l := range d.layouts {
		names = append(names, l.size)
		letter = letter || strings.HasPrefix(l.size, "US Letter")
	}
	var b strings.Builder
	if len(names) == 1 {
		fmt.Fprintf(&b, "This design is made for %s only.", names[0])
	} else {
		fmt.Fprintf(&b, "This design is made in %s and %s.", strings.Join(names[:len(names)-1], ", "), names[len(names)-1])
	}
	if !letter {
		b.WriteString(" US Letter is not offered: no layout of it is made for that size.")
	}
	return b.String()
}

func (s *Site) docData(rt *route) docData {
	const root = "../../../"
	l, loc, ed := rt.lay, rt.loc, rt.ed
	d := docData{
		Common: s.base(root, fmt.Sprintf("%s, %s, in %s – %s", l.design.name, l.size, loc.english, s.title)),
		Design: l.design.name, Size: l.size,
		SizeMM: fmt.Sprintf("%s × %s", trimMM(l.Size.W), trimMM(l.Size.H)),
		Locale: langChoice(loc), LocTitle: loc.title,
		Draft: loc.draft, Reviewed: loc.reviewed,
		Edition: ed, File: rt.file, Pages: len(l.Pages),
	}
	d.SizeNote = sizeNote(l.design)
	d.File = s.fileName(l, loc.tag, ed)
	for i, pg := range l.Pages {
		w, h := pixels(l, previewWidth)
		img := image{Src: fmt.Sprintf("page-%d.png", i+1), W: w, H: h, Alt: loc.title, Lang: loc.tag, Dir: loc.dir}
		if len(l.Pages) > 1 {
			img.Caption = fmt.Sprintf("Page %d of %d: %s", i+1, len(l.Pages), pg.Name)
		}
		d.Previews = append(d.Previews, img)
	}
	for _, o := range s.locales {
		c := langChoice(o)
		c.Current = o == loc
		if l.ok(o.tag, ed.ID) {
			c.Href = s.href(root, docPath(l, o, ed))
		}
		d.Languages = append(d.Languages, c)
	}
	for _, o := range l.design.layouts {
		c := choice{Label: o.size, Current: o == l, About: fmt.Sprintf("%s × %s", trimMM(o.Size.W), trimMM(o.Size.H))}
		if o.ok(loc.tag, ed.ID) {
			c.Href = s.href(root, docPath(o, loc, ed))
		}
		d.Sizes = append(d.Sizes, c)
	}
	for _, e := range s.editions {
		c := choice{Label: e.Name, About: e.About, Current: e == ed}
		if l.ok(loc.tag, e.ID) {
			c.Href = s.href(root, docPath(l, loc, e))
		}
		d.Editions = append(d.Editions, c)
	}
	return d
}
