package typeset

import "github.com/go-text/typesetting/font"

// OwnInk returns the paragraph with its lines' boxes taken from the
// leading it is set at and its own ink only: without the floor of the
// largest leading fonts.yaml gives its faces, which is sized for the
// script's tallest stacks (Nastaliq 1.9 em, Indic 1.499) and which a
// short phrase, a helpline's name or number line ("0800 1111 নম্বরে কল
// করুন", ink 0.77 em), need not hold. Lines still grow to the paragraph's
// ink, so no glyph crosses its line's box; the paragraph is the same
// shaped text (sh is not changed).
func (sh *Shaped) OwnInk() *Shaped {
	own := *sh
	own.lead = 0
	if sh.loose != nil {
		own.loose = sh.loose.OwnInk()
	}
	return &own
}

// LineBox returns how far a line of the paragraph set at size in width
// with leading reaches above and below its baseline, in points (the box
// of every line that holds no run-in head), as Wrap and Measure count it.
func (sh *Shaped) LineBox(size, width, leading float64) (up, down float64) {
	return sh.pick(size, width).lineBox(size, leading, false)
}

// Lead returns the leading the paragraph's lines take at least, as a
// share of the size, from its faces' families (fonts.yaml): the largest
// of them, 0 for a paragraph set by its own ink (OwnInk).
func (sh *Shaped) Lead() float64 { return sh.lead }

// InkBox is a glyph's ink on a line, in points: x from the line's left
// end, y down from its baseline (Top negative above it).
type InkBox struct{ Left, Top, Right, Bottom float64 }

// Ink returns the ink of every glyph of line l set at size, from its
// fonts' glyph extents (read through this setter's own faces, so it is
// safe beside other setters).
func (s *Setter) Ink(l Line, size float64) []InkBox {
	var out []InkBox
	for _, r := range l.Runs {
		if r.Face == nil {
			continue
		}
		f := s.face(r.Face)
		k := size / float64(f.Upem())
		for _, g := range r.Glyphs {
			e, ok := f.GlyphExtents(font.GID(g.ID))
			if !ok || e.Width == 0 || e.Height == 0 {
				continue // no ink (a space)
			}
			left := r.X + g.X + float64(e.XBearing)*k
			top := g.Y - float64(e.YBearing)*k
			out = append(out, InkBox{left, top, left + float64(e.Width)*k, top - float64(e.Height)*k})
		}
	}
	return out
}

// Nominal returns how far a line of the paragraph set at size with
// leading reaches above and below its baseline before it grows to its
// ink: the leading (or its faces' families', where larger) split as the
// fonts' ascender and descender are.
func (sh *Shaped) Nominal(size, leading float64) (up, down float64) {
	lead := max(leading, sh.lead)
	return lead * size * sh.ratio, lead * size * (1 - sh.ratio)
}
