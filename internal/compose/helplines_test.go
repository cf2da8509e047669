package compose_test

import (
	"bytes"
	"cmp"
	"fmt"
	"math"
	"slices"
	"testing"

	"github.com/go-text/typesetting/font"

	"github.com/handbill/handbill/internal/campaign"
	"github.com/handbill/handbill/internal/compose"
	"github.com/handbill/handbill/internal/geom"
	"github.com/handbill/handbill/internal/page"
	"github.com/handbill/handbill/internal/typeset"
)

// entrySpan is one helpline entry on a page: from its code's top to the
// lowest of its code's bottom and its last baseline, in points.
type entrySpan struct{ top, bottom geom.Pt }

// entrySpans finds the helpline entries of p: each QR code and the text
// drawn after it, up to the next code or the end of the helplines.
func entrySpans(p *page.Page, box geom.Rect) []entrySpan {
	var out []entrySpan
	for _, it := range p.Items {
		switch it := it.(type) {
		case *page.Squares:
			if it.Payload != "" {
				out = append(out, entrySpan{top: it.Bounds.Y, bottom: it.Bounds.Y + it.Bounds.H})
			}
		case *page.Text:
			if n := len(out); n > 0 && it.Y > box.Y && it.Y < box.Y+box.H && it.X >= box.X && it.X < box.X+box.W {
				out[n-1].bottom = max(out[n-1].bottom, it.Y)
			}
		}
	}
	return out
}

// However few helplines there are for the box, a column's entries are
// never a band apart in which another entry would fit: the height none
// uses goes where valign puts it. The DL's helplines block is centred
// (valign: middle), the A4 poster's at the top. The DL holds one to four
// helplines; the A4 poster's box, drawn for three, one to three.
func TestHelplinesFitTheirCount(t *testing.T) {
	cmp := bundled(t)
	all := cmp.Campaign.Helplines
	// Childline first: the DL's flap calls it by name, so every subset
	// keeps it.
	childFirst := slices.Clone(all)
	if i := slices.IndexFunc(childFirst, func(h campaign.Helpline) bool { return h.ID == "childline" }); i > 0 {
		childFirst = slices.Insert(slices.Delete(childFirst, i, i+1), 0, all[i])
	}
	four := append(childFirst, campaign.Helpline{ID: "again", NameMessage: all[2].NameMessage, PurposeMessage: all[2].PurposeMessage,
		Number: "0800 1111", E164: "+448001111", Tel: "08001111"})
	const slack = 8 // points: a last baseline is above its entry's bottom by its descent and gap
	for name, most := range map[string]int{"leaflet-dl": 4, "poster-a4": 3} {
		lay := layout(t, cmp.Campaign, name)
		var box geom.Rect
		var va campaign.VAlign
		for _, b := range lay.Pages[0].Blocks {
			if b.Kind == campaign.HelplinesBlock {
				box, va = b.Box, b.VAlign
			}
		}
		for n := 1; n <= most; n++ {
			t.Run(fmt.Sprintf("%s/%d", name, n), func(t *testing.T) {
				cmp.Campaign.Helplines = four[:n]
				defer func() { cmp.Campaign.Helplines = all }()
				res := cmp.Compose(typeset.NewSetter(cmp.Fonts), lay, "en-GB")
				if err := res.Diags.Err(); err != nil {
					t.Fatal(err)
				}
				es := entrySpans(res.Doc.Pages[0], box)
				if len(es) != n {
					t.Fatalf("found %d entries, want %d", len(es), n)
				}
				shortest := es[0].bottom - es[0].top
				for _, e := range es {
					shortest = min(shortest, e.bottom-e.top)
				}
				for i := 1; i < n; i++ {
					band := es[i].top - es[i-1].bottom
					if band > shortest {
						t.Errorf("entries %d and %d are %.1fmm apart; the shortest entry is %.1fmm", i-1, i, band.MM(), shortest.MM())
					}
				}
				above, below := es[0].top-box.Y, box.Y+box.H-es[n-1].bottom
				switch {
				case va == campaign.Middle && n < 3 && (above-below > slack || below-above > slack):
					t.Errorf("valign middle: %.1fmm above the entries, %.1fmm below", above.MM(), below.MM())
				case va == campaign.Top && n < 3 && above > slack:
					t.Errorf("valign top: %.1fmm above the entries", above.MM())
				}
			})
		}
	}
}

// TestHelplineLinesKeepApart composes every bundled layout in every
// bundled locale and checks that the lines of the helplines blocks, which
// stand closer than their boxes where their ink allows (Nastaliq's tall
// strokes beside, not under, the line above), never let one glyph's ink
// box reach another's on the line above or below: measured from the
// embedded fonts' own glyph extents.
func TestHelplineLinesKeepApart(t *testing.T) {
	eachBlockLines(t, func(b campaign.Block) bool { return b.Kind == campaign.HelplinesBlock }, func(where string, lines [][]glyphInk) {
		for i := 1; i < len(lines); i++ {
			if a, b, ok := touching(lines[i-1], lines[i]); ok {
				t.Errorf("%s: ink at %.1f–%.1f pt (baseline %.1f) reaches ink at %.1f–%.1f pt (baseline %.1f) on the next line",
					where, a.top, a.bottom, lines[i-1][0].base, b.top, b.bottom, lines[i][0].base)
			}
		}
	})
}

// eachBlockLines composes every bundled layout in every bundled locale
// and calls fn with the ink of the lines drawn in each block keep picks
// (inkLines), named by layout, locale and page.
func eachBlockLines(t *testing.T, keep func(campaign.Block) bool, fn func(where string, lines [][]glyphInk)) {
	t.Helper()
	cmp := bundled(t)
	s := typeset.NewSetter(cmp.Fonts)
	faces := map[*page.Font]*font.Face{}
	for _, lay := range cmp.Campaign.Layouts {
		for _, loc := range cmp.Campaign.Locales {
			res := cmp.Compose(s, lay, loc.Tag)
			if err := res.Diags.Err(); err != nil {
				t.Fatalf("%s %s: %v", lay.Name, loc.Tag, err)
			}
			for pi, pg := range lay.Pages {
				for _, b := range pg.Blocks {
					if !keep(b) {
						continue
					}
					box := b.Box
					if compose.IsRTL(loc.Tag) {
						box = box.MirrorX(lay.Size.W)
					}
					fn(lay.Name+" "+loc.Tag+" "+pg.Name, inkLines(t, faces, res.Doc.Pages[pi], box))
				}
			}
		}
	}
}

// glyphInk is a glyph's ink box on the page, in points, y down, with its
// line's baseline.
type glyphInk struct{ left, top, right, bottom, base, size float64 }

// inkLines returns the ink of the text drawn inside box on p, one slice
// per line (runs on one baseline), top to bottom.
func inkLines(t *testing.T, faces map[*page.Font]*font.Face, p *page.Page, box geom.Rect) [][]glyphInk {
	t.Helper()
	var lines [][]glyphInk
	for _, it := range p.Items {
		v, ok := it.(*page.Text)
		if !ok || v.Y < box.Y || v.Y > box.Bottom() || v.X < box.X-1 || v.X > box.Right()+1 {
			continue
		}
		f := faces[v.Font]
		if f == nil {
			var err error
			if f, err = font.ParseTTF(bytes.NewReader(v.Font.Data)); err != nil {
				t.Fatalf("%s: %v", v.Font.Name, err)
			}
			faces[v.Font] = f
		}
		k := float64(v.Size) / float64(f.Upem())
		var ink []glyphInk
		for _, g := range v.Glyphs {
			e, ok := f.GlyphExtents(font.GID(g.ID))
			if !ok || e.Width == 0 || e.Height == 0 {
				continue
			}
			left := float64(v.X) + g.X + float64(e.XBearing)*k
			top := float64(v.Y) + g.Y - float64(e.YBearing)*k
			ink = append(ink, glyphInk{left, top, left + float64(e.Width)*k, top - float64(e.Height)*k, float64(v.Y), float64(v.Size)})
		}
		if len(ink) == 0 {
			continue
		}
		i := slices.IndexFunc(lines, func(l []glyphInk) bool { return math.Abs(l[0].base-float64(v.Y)) < 0.5 })
		if i < 0 {
			lines = append(lines, ink)
		} else {
			lines[i] = append(lines[i], ink...)
		}
	}
	slices.SortFunc(lines, func(a, b []glyphInk) int { return cmp.Compare(a[0].base, b[0].base) })
	return lines
}

// TestHeadlineLinesKeepApart composes every bundled layout in every
// bundled locale and checks that the lines of each headline, which stand
// by their glyphs' ink where the script's leading would keep them on one
// line (Gurmukhi: compose's inkHeadline), keep every glyph's ink box at
// least inkClear (0.15 em) from any glyph's on the next line that stands
// within that across: measured from the embedded fonts' glyph extents.
func TestHeadlineLinesKeepApart(t *testing.T) {
	wrapped := 0
	headline := func(b campaign.Block) bool { return b.Kind == campaign.TextBlock && b.Name == "headline" }
	eachBlockLines(t, headline, func(where string, lines [][]glyphInk) {
		if len(lines) > 1 {
			wrapped++
		}
		for i := 1; i < len(lines); i++ {
			if a, b, ok := closer(lines[i-1], lines[i], 0.15); ok {
				t.Errorf("%s: headline ink at %.1f–%.1f pt (baseline %.1f) comes within %.1f pt of ink at %.1f–%.1f pt (baseline %.1f) on the next line, want at least 0.15 em (%.1f pt)",
					where, a.top, a.bottom, a.base, b.top-a.bottom, b.top, b.bottom, b.base, 0.15*a.size)
			}
		}
	})
	if wrapped == 0 {
		t.Error("no headline of two lines or more: nothing measured")
	}
}

// closer returns a glyph of line a and one of line b, the line below,
// whose ink boxes stand within em ems (of the smaller size) of each other
// across and less than that apart down, if any.
func closer(a, b []glyphInk, em float64) (glyphInk, glyphInk, bool) {
	for _, x := range a {
		for _, y := range b {
			clear := em * min(x.size, y.size)
			if x.right+clear > y.left && y.right+clear > x.left && y.top-x.bottom < clear-0.01 {
				return x, y, true
			}
		}
	}
	return glyphInk{}, glyphInk{}, false
}

// touching returns a glyph of line a and one of line b, the line below,
// whose ink boxes overlap across and touch or cross down, if any.
func touching(a, b []glyphInk) (glyphInk, glyphInk, bool) {
	for _, x := range a {
		for _, y := range b {
			if x.right > y.left && y.right > x.left && x.bottom >= y.top {
				return x, y, true
			}
		}
	}
	return glyphInk{}, glyphInk{}, false
}
