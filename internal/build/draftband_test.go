package build_test

import (
	"bytes"
	"math"
	"testing"

	"github.com/go-text/typesetting/font"

	"github.com/handbill/handbill/internal/campaign"
	"github.com/handbill/handbill/internal/compose"
	"github.com/handbill/handbill/internal/geom"
	"github.com/handbill/handbill/internal/page"
)

// draftClear is a designer's clearance between the draft band and the
// nearest ink of the campaign's copy: the band is a warning laid over
// the design, and a heading tucked under it reads as crowded.
const (
	draftClear = 3 * geom.MM
	draftSlack = 0.02 * geom.MM // rounding: Nastaliq's ink reaches its box's top edge
)

// TestDraftBandClearance measures every draft document of every bundled
// layout: the ink of every run of copy (its glyphs' real outlines, from
// the fonts the display list carries) keeps at least 3 mm from every
// draft band it sits beside, and no band covers any copy.
func TestDraftBandClearance(t *testing.T) {
	ink := glyphInk{}
	drafts := 0
	eachDoc(t, func(name string, lay *campaign.Layout, loc string, res *compose.Result) {
		if res.Draft == "" {
			return
		}
		drafts++
		for _, p := range res.Doc.Pages {
			bands := draftBands(p)
			if len(bands) == 0 {
				t.Errorf("%s page %s: a draft without a band", name, p.Name)
			}
			seen := map[string]bool{}
			for _, it := range p.Items {
				v, ok := it.(*page.Text)
				if !ok || v.TypeRole == "" {
					continue
				}
				r := ink.of(t, v)
				for _, b := range bands {
					d := rectGap(r, b)
					if d >= float64(draftClear-draftSlack) || seen[v.Source] {
						continue
					}
					seen[v.Source] = true
					t.Errorf("%s page %s: %q ink %s is %.2f mm from the draft band %s, want at least %.0f mm",
						name, p.Name, v.Source, rectMM(r), d/float64(geom.MM), rectMM(b), draftClear.MM())
				}
			}
		}
	})
	if drafts == 0 {
		t.Fatal("no draft document among the bundled ones")
	}
}

// draftBands are the draft mark's bands on p.
func draftBands(p *page.Page) []geom.Rect {
	var out []geom.Rect
	for _, it := range p.Items {
		if f, ok := it.(*page.Fill); ok && f.Color.Name == "draft-band" {
			out = append(out, f.Rect)
		}
	}
	return out
}

// rectGap is the distance between two rectangles: 0 when they overlap,
// +Inf when they are not beside each other (neither their horizontal
// nor their vertical extents overlap).
func rectGap(a, b geom.Rect) float64 {
	dx := max(b.X-a.Right(), a.X-b.Right(), 0)
	dy := max(b.Y-a.Bottom(), a.Y-b.Bottom(), 0)
	switch {
	case dx > 0 && dy > 0:
		return math.Inf(1)
	case dx > 0:
		return float64(dx)
	}
	return float64(dy)
}

// glyphInk measures a run's ink from its font's glyph outlines (go-text
// Face.GlyphExtents), parsing each font of the display list once.
type glyphInk map[*page.Font]*font.Face

// of is the bounding box of v's glyphs' ink on the page.
func (gi glyphInk) of(t *testing.T, v *page.Text) geom.Rect {
	t.Helper()
	gs := gi.glyphs(t, v)
	if len(gs) == 0 {
		return geom.Rect{X: v.X, Y: v.Y}
	}
	x0, y0, x1, y1 := gs[0].X, gs[0].Y, gs[0].Right(), gs[0].Bottom()
	for _, g := range gs[1:] {
		x0, y0, x1, y1 = min(x0, g.X), min(y0, g.Y), max(x1, g.Right()), max(y1, g.Bottom())
	}
	return geom.Rect{X: x0, Y: y0, W: x1 - x0, H: y1 - y0}
}

// glyphs are the ink boxes of v's glyphs on the page, spaces left out.
func (gi glyphInk) glyphs(t *testing.T, v *page.Text) []geom.Rect {
	t.Helper()
	face := gi[v.Font]
	if face == nil {
		f, err := font.ParseTTF(bytes.NewReader(v.Font.Data))
		if err != nil {
			t.Fatalf("%s: %v", v.Font.Name, err)
		}
		face, gi[v.Font] = f, f
	}
	scale := float64(v.Size) / float64(face.Upem())
	var out []geom.Rect
	for _, g := range v.Glyphs {
		e, ok := face.GlyphExtents(font.GID(g.ID))
		if !ok || e.Width == 0 || e.Height == 0 {
			continue // a space
		}
		// YBearing is the top above the baseline; Height is negative (y up).
		out = append(out, geom.Rect{
			X: v.X + geom.Pt(g.X+float64(e.XBearing)*scale),
			Y: v.Y + geom.Pt(g.Y-float64(e.YBearing)*scale),
			W: geom.Pt(float64(e.Width) * scale),
			H: geom.Pt(-float64(e.Height) * scale),
		})
	}
	return out
}
