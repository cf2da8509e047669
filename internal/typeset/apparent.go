package typeset

import "github.com/handbill/handbill/internal/fonts"

// Main returns the face that draws most of the paragraph's glyphs (counting
// glyphs with an advance), or nil for an empty paragraph. Compose sizes a
// paragraph by this face's apparent-size factor (fonts.Registry.InkScale).
func (sh *Shaped) Main() *fonts.Face {
	n := map[*fonts.Face]int{}
	var best *fonts.Face
	for _, o := range sh.runs {
		f := sh.faceOf(o)
		if f == nil {
			continue
		}
		for _, g := range o.Glyphs {
			if g.Advance != 0 {
				n[f]++
			}
		}
		if best == nil || n[f] > n[best] {
			best = f
		}
	}
	return best
}
