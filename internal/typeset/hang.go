package typeset

import "github.com/go-text/typesetting/di"

// go-text's LineWrapper decides whether a line fits by its advance less
// the advance of its logically last glyph, when that glyph has no ink
// (a space) and its run goes in the paragraph's direction; a space that
// ends a line inside a run of the other direction (after a Latin word in
// an Arabic paragraph, say) counts in full. It also never breaks inside a
// HarfBuzz cluster. Measure counts lines by the same rules, so that it
// agrees with Wrap.

// clusters returns, for each rune of the paragraph, the index of the first
// rune of the cluster it belongs to (clusters of different runs never
// share one), and, indexed by a cluster's first rune, the advance the
// wrapper leaves uncounted when a line ends with that cluster.
func (sh *Shaped) clusters() (start []int, hang []float64) {
	n := len(sh.text)
	start = make([]int, n)
	hang = make([]float64, n)
	for i := range start {
		start[i] = i
	}
	has := make([]bool, n)
	dir := di.DirectionLTR
	if sh.style.RTL {
		dir = di.DirectionRTL
	}
	for _, o := range sh.runs {
		for gi := range o.Glyphs {
			// The logically last glyph of a cluster has the highest index
			// in a left-to-right run and the lowest in a right-to-left one.
			k := gi
			if o.Direction.Progression() == di.TowardTopLeft {
				k = len(o.Glyphs) - 1 - gi
			}
			g := o.Glyphs[k]
			c := g.ClusterIndex
			if c < 0 || c >= n {
				continue
			}
			has[c] = true
			hang[c] = 0
			if g.Width == 0 && o.Direction == dir {
				hang[c] = f26(g.Advance)
			}
		}
		cur := o.Runes.Offset
		for i := o.Runes.Offset; i < o.Runes.Offset+o.Runes.Count && i < n; i++ {
			if has[i] {
				cur = i
			}
			start[i] = cur
		}
	}
	return start, hang
}
