// Package edition makes the editions of a composed document: the print
// edition (bleed, rich black, crop and fold marks in registration, the slug
// line naming the job and its source version, no links) and the screen
// edition (as composed, with an outline for a multi-page document). It owns
// the Edition type that build writes, preflight checks and serve offers.
// It sits after compose and before preflight and export in the pipeline.
package edition

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"math"
	"slices"
	"strings"

	"github.com/handbill/handbill/internal/campaign"
	"github.com/handbill/handbill/internal/fonts"
	"github.com/handbill/handbill/internal/geom"
	"github.com/handbill/handbill/internal/messages"
	"github.com/handbill/handbill/internal/page"
	"github.com/handbill/handbill/internal/typeset"
)

// Edition is a variant of every output, made for where it goes. Both are
// made from one composed document.
type Edition string

// The editions.
const (
	// Print is for a print shop: CMYK, bleed, crop marks, slug line,
	// PDF/X-4 when the layout names an output intent.
	Print Edition = "print"
	// Screen is for reading on a screen and printing on an office
	// printer: RGB, trim size, no marks, tagged PDF/UA-1.
	Screen Edition = "screen"
)

// All lists every edition in the order a build writes them.
var All = []Edition{Print, Screen}

// Parse reads an --edition value: print, screen or both.
func Parse(s string) ([]Edition, error) {
	switch s {
	case "print":
		return []Edition{Print}, nil
	case "screen":
		return []Edition{Screen}, nil
	case "both", "":
		return All, nil
	}
	return nil, fmt.Errorf("--edition: expected print, screen or both, found %q", s)
}

// Press furniture around the trim of a print edition, in points. The crop
// marks start markOffset past the bleed (so at least the bleed from the
// trim, and never inside it) and are markLength long; the slug line sits
// below them. See PRINT.md in export/pdf.
const (
	markOffset = 1 * geom.MM
	markLength = 5 * geom.MM
	slugDepth  = 5 * geom.MM
	markWidth  = 0.25 // points
	foldDash   = 3    // points
	slugSize   = 6    // points
	// richBlackMin is the smaller side a solid 100% K fill must have to be
	// printed in the layout's rich black: smaller areas and all text stay
	// K only, so they cannot blur through misregistration.
	richBlackMin = 20 * geom.MM
)

// Registration prints on every plate (Separation /All), for marks and the
// slug.
var Registration = geom.Color{Name: "registration", CMYK: [4]float64{1, 1, 1, 1}, Spot: "All"}

// Job names the document a slug line describes.
type Job struct {
	Campaign string
	Area     string // the area's id, in a campaign with areas
	Layout   string
	Locale   string
	Source   string // source version: see SourceVersion
	Creator  string // "handbill <version>"
}

// name is the campaign's id, and the area's in a campaign with areas:
// "sexting · area leeds".
func (j Job) name() string {
	if j.Area == "" {
		return j.Campaign
	}
	return j.Campaign + " · area " + j.Area
}

// SourceVersion is a short hash of what the document was made from: the
// campaign file, the resolved layout, the publisher's logo, the area's
// settings and the locale's messages (all but the download site's own
// words). Two prints with the
// same source version show the same copy in the same layout.
func SourceVersion(c *campaign.Campaign, cat *messages.Catalog, lay *campaign.Layout, locale string) (string, error) {
	h := sha256.New()
	read := func(name string) error {
		data, err := fs.ReadFile(c.FS, name)
		if err != nil {
			return fmt.Errorf("source version: %w", err)
		}
		fmt.Fprintf(h, "%s %d\n", name, len(data))
		h.Write(data)
		return nil
	}
	if err := read(c.File); err != nil {
		return "", err
	}
	// The resolved layout, as JSON: every exported field, maps in key
	// order, no pointer addresses, so the hash is the same in every process.
	js, err := json.Marshal(lay)
	if err != nil {
		return "", fmt.Errorf("source version: %w", err)
	}
	fmt.Fprintf(h, "layout %d\n", len(js))
	h.Write(js)
	if icons := c.LayoutIcons(lay); len(icons) > 0 {
		// The pictograms its icon slots draw (brand.icons), by file and
		// content hash (artwork.Art's JSON).
		if js, err = json.Marshal(icons); err != nil {
			return "", fmt.Errorf("source version: %w", err)
		}
		fmt.Fprintf(h, "icons %d\n", len(js))
		h.Write(js)
	}
	if p := c.Publisher; p != nil && p.Logo != nil {
		// The issuer lock-up's logo, by file and content hash: its file
		// is not the campaign file.
		if js, err = json.Marshal(p.Logo); err != nil {
			return "", fmt.Errorf("source version: %w", err)
		}
		fmt.Fprintf(h, "publisher logo %d\n", len(js))
		h.Write(js)
	}
	if c.Area != nil {
		// What the area changes: its own file may be areas.csv, and its
		// row is what matters, not the others'.
		area := struct {
			Area         *campaign.Area
			Data         map[string]string
			DataMessages map[string]campaign.MessageRef
			Helplines    []campaign.Helpline
			Partners     []*campaign.Image
			Region       string
			Emergency    []string
		}{c.Area, c.Data, c.DataMessages, c.Helplines, c.Partners, c.Region, c.Emergency}
		if js, err = json.Marshal(area); err != nil {
			return "", fmt.Errorf("source version: %w", err)
		}
		fmt.Fprintf(h, "area %d\n", len(js))
		h.Write(js)
	}
	if f := cat.File(locale); f != nil && f.Path != "" {
		writeMessages(h, f)
	}
	return hex.EncodeToString(h.Sum(nil))[:12], nil
}

// writeMessages writes to h the messages of f a document may draw: every
// form of every message in id order, less the download site's own words
// (messages.SitePrefix), so that an edit to the site's text does not
// change the source version of a printed poster.
func writeMessages(h io.Writer, f *messages.File) {
	fmt.Fprintf(h, "messages %s\n", f.Path)
	for _, id := range slices.Sorted(maps.Keys(f.Messages)) {
		if strings.HasPrefix(id, messages.SitePrefix) {
			continue
		}
		m := f.Messages[id]
		fmt.Fprintf(h, "%q\n", id)
		for _, form := range messages.Forms(m) {
			text := messages.Form(m, form)
			fmt.Fprintf(h, "%s %d\n%s\n", form, len(text), text)
		}
	}
}

// Doc returns the document as the edition prints it. The composed
// document is shared by both editions and left unchanged.
func Doc(doc *page.Doc, lay *campaign.Layout, ed Edition, s *typeset.Setter, reg *fonts.Registry, job Job) (*page.Doc, error) {
	out := *doc
	out.Pages = make([]*page.Page, len(doc.Pages))
	for i, p := range doc.Pages {
		np := *p
		out.Pages[i] = &np
		switch ed {
		case Print:
			np.Items = printItems(p, lay.Print)
			np.Bleed = lay.Print.Bleed
			np.Margin = lay.Print.Bleed + markOffset + markLength + slugDepth
			np.Marks = marks(&np)
			line := fmt.Sprintf("%s · %s · %s · %s edition · page %d/%d %s · trim %s × %s, bleed %s · %s · source %s · %s",
				job.name(), job.Layout, job.Locale, ed, i+1, len(doc.Pages), p.Name,
				p.Size.W.MMString(), p.Size.H.MMString(), lay.Print.Bleed.MMString(), doc.Date.UTC().Format("2006-01-02"), job.Source, job.Creator)
			slug, err := slugText(s, reg, line, 0, p.Size.H+np.Bleed+markOffset+markLength+slugDepth*0.6)
			if err != nil {
				return nil, fmt.Errorf("slug line: %w", err)
			}
			np.Slug = slug
		case Screen:
			np.Items = p.Items
			if len(doc.Pages) > 1 {
				np.Bookmark = bookmark(p, doc.RTL)
			}
		default:
			return nil, fmt.Errorf("unknown edition %q", ed)
		}
	}
	return &out, nil
}

// printItems is a page's items as the print edition draws them: fills that
// touch a trim edge run into the bleed past it, large solid black fills
// take the rich black when the layout has one, and links are left out (a
// printed sheet has nothing to click, and print workflows reject
// annotations on the page).
func printItems(p *page.Page, pr campaign.Print) []page.Item {
	const eps = 0.01
	out := make([]page.Item, 0, len(p.Items))
	for _, it := range p.Items {
		switch v := it.(type) {
		case *page.Fill:
			f := *v
			r := f.Rect
			if pr.Bleed > 0 {
				if r.X <= eps {
					r.X -= pr.Bleed
					r.W += pr.Bleed
				}
				if r.Y <= eps {
					r.Y -= pr.Bleed
					r.H += pr.Bleed
				}
				if r.Right() >= p.Size.W-eps {
					r.W += pr.Bleed
				}
				if r.Bottom() >= p.Size.H-eps {
					r.H += pr.Bleed
				}
			}
			f.Rect = r
			if pr.RichBlack.Name != "" && f.Color.PureK() && min(v.Rect.W, v.Rect.H) >= richBlackMin {
				f.Color = pr.RichBlack
			}
			out = append(out, &f)
		case *page.Link:
			continue
		default:
			out = append(out, it)
		}
	}
	return out
}

// marks returns the crop marks at the four corners and a dashed fold mark
// at each end of every fold, all outside the bleed, in registration.
func marks(p *page.Page) []page.Mark {
	w, h := p.Size.W, p.Size.H
	a := p.Bleed + markOffset // from the trim edge to where a mark starts
	z := a + markLength
	mk := func(k page.MarkKind, x1, y1, x2, y2 geom.Pt) page.Mark {
		m := page.Mark{Kind: k, X1: x1, Y1: y1, X2: x2, Y2: y2, Width: markWidth, Color: Registration}
		if k == page.FoldMark {
			m.Dash = foldDash
		}
		return m
	}
	out := []page.Mark{
		mk(page.CropMark, -a, 0, -z, 0), mk(page.CropMark, 0, -a, 0, -z), // top left
		mk(page.CropMark, w+a, 0, w+z, 0), mk(page.CropMark, w, -a, w, -z), // top right
		mk(page.CropMark, -a, h, -z, h), mk(page.CropMark, 0, h+a, 0, h+z), // bottom left
		mk(page.CropMark, w+a, h, w+z, h), mk(page.CropMark, w, h+a, w, h+z), // bottom right
	}
	for _, f := range p.Folds {
		out = append(out, mk(page.FoldMark, f, -a, f, -z), mk(page.FoldMark, f, h+a, f, h+z))
	}
	return out
}

// slugText sets line in the first Latin face at slugSize, baseline at y,
// starting at x, in registration.
func slugText(s *typeset.Setter, reg *fonts.Registry, line string, x, y geom.Pt) ([]page.Item, error) {
	sh, err := s.Shape(line, typeset.Style{Fonts: reg.Fontmap("en", false), Lang: "en"})
	if err != nil {
		return nil, err
	}
	para := s.Wrap(sh, slugSize, 1e5, 1) // one line: wider than any sheet
	if len(para.Lines) != 1 {
		return nil, fmt.Errorf("%q set on %d lines, expected one", line, len(para.Lines))
	}
	var out []page.Item
	for _, ln := range para.Lines {
		for _, r := range ln.Runs {
			if len(r.Glyphs) == 0 || r.Face == nil {
				continue
			}
			out = append(out, &page.Text{Font: r.Face.Page, Size: slugSize, Color: Registration, X: x + geom.Pt(r.X), Y: y, Glyphs: r.Glyphs, Source: r.Source, RTL: r.RTL})
		}
	}
	return out, nil
}

// bookmark names a page in the outline by its main heading: the runs set in
// the page's largest size, in reading order.
func bookmark(p *page.Page, rtl bool) string {
	var size geom.Pt
	for _, it := range p.Items {
		if t, ok := it.(*page.Text); ok && t.Size > size {
			size = t.Size
		}
	}
	var lines [][]string
	lastY := geom.Pt(math.NaN())
	started := false
	for _, it := range p.Items {
		t, ok := it.(*page.Text)
		if !ok {
			continue
		}
		if t.Size != size {
			if started {
				break // the heading is one paragraph: stop after it
			}
			continue
		}
		started = true
		if t.Y != lastY {
			lines = append(lines, nil)
			lastY = t.Y
		}
		lines[len(lines)-1] = append(lines[len(lines)-1], t.Source)
	}
	var words []string
	for _, ln := range lines {
		if rtl { // runs are in visual order: right to left reads them backwards
			for i, j := 0, len(ln)-1; i < j; i, j = i+1, j-1 {
				ln[i], ln[j] = ln[j], ln[i]
			}
		}
		words = append(words, strings.TrimSpace(strings.Join(ln, "")))
	}
	return strings.Join(strings.Fields(strings.Join(words, " ")), " ")
}
