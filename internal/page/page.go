// Package page is the display list: what compose produces and every
// exporter reads. A Doc is pages of items — glyph runs that keep the text
// they came from, filled boxes, QR squares and links — positioned in points
// from the top-left corner of the trim box. Exporters need nothing else: no
// locales, layouts or QR logic reach them. The print edition (made by build
// from the composed Doc) adds press furniture around the trim — bleed,
// media margin, crop and fold marks, the slug — which exporters draw as
// given.
//
// A Doc also carries its logical structure (structure.go): headings,
// paragraphs, lists, figures and links in reading order, each naming the
// items that draw it, so that an exporter can write a tagged PDF that a
// screen reader reads in order. Items outside the structure are
// decoration (artifacts).
package page

import (
	"fmt"
	"strings"
	"time"

	"github.com/handbill/handbill/internal/geom"
)

// Doc is one output document.
type Doc struct {
	Title    string // PDF /Title
	Subject  string
	Author   string
	Creator  string // "handbill <version>"
	Lang     string // BCP 47 tag of the document's language
	RTL      bool   // the main text direction is right to left
	Date     time.Time
	Keywords string
	Pages    []*Page
	// Structure is the document's logical structure in reading order (see
	// Element); empty for documents that have none, such as proof sheets.
	Structure []*Element
}

// Page is one page: its trim size and what is drawn on it, in drawing order
// (which is also reading order for text).
//
// A print edition adds the press furniture around the trim: Bleed, Margin,
// Marks and Slug. A screen edition leaves them zero, and its page is just
// the trim.
type Page struct {
	Name  string
	Size  geom.Size
	Folds []geom.Pt // x of fold lines, from the left trim edge
	Items []Item

	// Bleed is how far art that touches a trim edge runs past it, in
	// points; the BleedBox is the trim grown by Bleed on every side.
	Bleed geom.Pt
	// Margin is the distance from each trim edge to the media edge, in
	// points (at least Bleed): the MediaBox is the trim grown by Margin.
	Margin geom.Pt
	// Marks are printer's marks (crop and fold marks), stroked outside the
	// bleed.
	Marks []Mark
	// Slug is what is printed outside the trim to identify the job: text
	// runs placed in the margin (negative or beyond-the-trim coordinates).
	Slug []Item
	// Bookmark, when set, is the page's entry in the document outline.
	Bookmark string
}

// MarkKind says what a printer's mark shows.
type MarkKind int

const (
	// CropMark shows where a trim edge is cut.
	CropMark MarkKind = iota
	// FoldMark shows where the sheet is folded.
	FoldMark
)

func (k MarkKind) String() string {
	if k == FoldMark {
		return "fold"
	}
	return "crop"
}

// Mark is a stroked line from (X1, Y1) to (X2, Y2) in trim coordinates
// (points, y down), Width wide, dashed with dashes and gaps Dash long when
// Dash is not zero.
type Mark struct {
	Kind           MarkKind
	X1, Y1, X2, Y2 geom.Pt
	Width          geom.Pt
	Dash           geom.Pt
	Color          geom.Color // registration ("All") so it prints on every plate
}

// Bounds returns the trim box grown by d on every side, in trim
// coordinates: d = Bleed gives the bleed box, d = Margin the media box.
func (p *Page) Bounds(d geom.Pt) geom.Rect {
	return geom.Rect{X: -d, Y: -d, W: p.Size.W + 2*d, H: p.Size.H + 2*d}
}

// Item is something drawn on a page: *Fill, *Squares, *Text, *Link,
// *Path or *Image (art.go).
type Item interface{ item() }

// Fill is a filled rectangle.
type Fill struct {
	Rect  geom.Rect
	Color geom.Color
}

// Squares are filled rectangles that belong together, such as the dark
// modules of a QR code (Payload says what it encodes; empty for other
// squares).
type Squares struct {
	Rects   []geom.Rect
	Color   geom.Color
	Payload string
	Bounds  geom.Rect // the whole code including its quiet zone
}

// Font is a font program shared by every document that uses it. Exporters
// may cache what they derive from it by pointer, so a Font is created once
// per font file per process and never changed.
type Font struct {
	Name string // PostScript-like name without spaces, e.g. "NotoSans-Bold"
	Data []byte // the sfnt file (TrueType outlines)
}

// Glyph is a positioned glyph. X and Y are the pen position of the glyph's
// origin relative to the run's origin, in points, y down; Advance is the
// shaped advance in points.
type Glyph struct {
	ID      uint16
	X, Y    float64
	Advance float64
	// Cluster is the index, in runes of the run's Source, of the first
	// character this glyph's cluster draws: glyphs with the same Cluster
	// draw the same characters together (a ligature, a conjunct, a base
	// and its marks).
	Cluster int
}

// Text is a run of shaped glyphs in one font and size, in visual order
// (left to right on the page), with the source text they draw in logical
// order so that search, copy and screen readers get the real words.
type Text struct {
	Font   *Font
	Size   geom.Pt
	Color  geom.Color
	X, Y   geom.Pt // baseline origin of the first (leftmost) glyph
	Glyphs []Glyph
	Source string
	RTL    bool
	// SpaceAfter says the run ends a line where the source had white space
	// (a word break, not drawn): the text layer writes a space after it,
	// so the words on either side of the line break stay apart.
	SpaceAfter bool
	// HyphenBreak says the run ends a line that broke after a hyphen of
	// the source (a compound such as "তরুণ-তরুণী" broken at its hyphen):
	// the text layer writes a zero-width space after the hyphen, since
	// poppler's plain text takes a hyphen that ends a line for one that
	// hyphenation added, and drops it ("তরুণতরুণী").
	HyphenBreak bool
	// Lang is the BCP 47 tag of the run's language when it differs from
	// the document's (an English name inside Urdu text); "" otherwise.
	Lang string
	// TypeRole is the layout type role the run was set in ("heading", "body",
	// "small"); "" for text that is not the campaign's copy (the draft
	// band, the slug).
	TypeRole string
	// Ink is the apparent-size factor of Font (fonts.Registry.InkScale):
	// the run reads like Latin type of Size×Ink points. 0 means 1.
	Ink float64
}

// Apparent returns the size the run reads at, in points: Size×Ink.
func (t *Text) Apparent() geom.Pt {
	if t.Ink == 0 {
		return t.Size
	}
	return t.Size * geom.Pt(t.Ink)
}

// Width returns the run's advance width in points.
func (t *Text) Width() float64 {
	if len(t.Glyphs) == 0 {
		return 0
	}
	g := t.Glyphs[len(t.Glyphs)-1]
	return g.X + g.Advance
}

// Link is a clickable area opening URI.
type Link struct {
	Rect geom.Rect
	URI  string
	// Alt says in words where the link goes, in the document's language
	// (a PDF link annotation's /Contents).
	Alt string
}

func (*Fill) item()    {}
func (*Squares) item() {}
func (*Text) item()    {}
func (*Link) item()    {}

// Dump writes a stable, human-readable text form of the document for golden
// tests: sizes in points with two decimals, glyph ids with positions.
func (d *Doc) Dump() string {
	var b strings.Builder
	fmt.Fprintf(&b, "doc title=%q lang=%s rtl=%v creator=%q date=%s\n", d.Title, d.Lang, d.RTL, d.Creator, d.Date.UTC().Format(time.RFC3339))
	for i, p := range d.Pages {
		fmt.Fprintf(&b, "page %d %q %.2fx%.2f", i+1, p.Name, p.Size.W, p.Size.H)
		for _, f := range p.Folds {
			fmt.Fprintf(&b, " fold=%.2f", f)
		}
		if p.Bleed != 0 || p.Margin != 0 {
			fmt.Fprintf(&b, " bleed=%.2f margin=%.2f", p.Bleed, p.Margin)
		}
		if p.Bookmark != "" {
			fmt.Fprintf(&b, " bookmark=%q", p.Bookmark)
		}
		b.WriteByte('\n')
		for _, m := range p.Marks {
			fmt.Fprintf(&b, "  mark %s %.2f,%.2f-%.2f,%.2f w=%.2f dash=%.2f %s\n", m.Kind, m.X1, m.Y1, m.X2, m.Y2, m.Width, m.Dash, m.Color.Name)
		}
		dumpItems(&b, p.Items, "")
		dumpItems(&b, p.Slug, "slug ")
	}
	d.dumpStructure(&b)
	return b.String()
}

func dumpItems(b *strings.Builder, items []Item, prefix string) {
	for _, it := range items {
		b.WriteString("  ")
		b.WriteString(prefix)
		switch v := it.(type) {
		case *Fill:
			fmt.Fprintf(b, "fill %s %s\n", rect(v.Rect), v.Color.Name)
		case *Squares:
			fmt.Fprintf(b, "squares %s %s n=%d payload=%q\n", rect(v.Bounds), v.Color.Name, len(v.Rects), v.Payload)
		case *Link:
			fmt.Fprintf(b, "link %s %q", rect(v.Rect), v.URI)
			if v.Alt != "" {
				fmt.Fprintf(b, " alt=%q", v.Alt)
			}
			b.WriteByte('\n')
		case *Path:
			dumpPath(b, v)
		case *Image:
			dumpImage(b, v)
		case *Text:
			fmt.Fprintf(b, "text %s %.2fpt %s at %.2f,%.2f w=%.2f rtl=%v", v.Font.Name, v.Size, v.Color.Name, v.X, v.Y, v.Width(), v.RTL)
			if v.Lang != "" {
				fmt.Fprintf(b, " lang=%s", v.Lang)
			}
			if v.SpaceAfter {
				b.WriteString(" space-after")
			}
			if v.HyphenBreak {
				b.WriteString(" hyphen-break")
			}
			fmt.Fprintf(b, " %q\n   ", v.Source)
			for _, g := range v.Glyphs {
				fmt.Fprintf(b, " %d@%.2f", g.ID, g.X)
				if g.Y != 0 {
					fmt.Fprintf(b, ",%.2f", g.Y)
				}
			}
			b.WriteByte('\n')
		}
	}
}

func rect(r geom.Rect) string {
	return fmt.Sprintf("[%.2f %.2f %.2f %.2f]", r.X, r.Y, r.W, r.H)
}
