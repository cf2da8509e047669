package typeset

import (
	"math"

	"github.com/go-text/typesetting/di"
)

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
			c := g.TextIndex()
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

// inkPad returns how far, in shaper units, the ink of any word reaches
// past the left and right ends of the word's advance: a Nastaliq word's
// first letter sweeps well right of it, a Latin J or a Bengali headline a
// little left. A line may start or end with any word, so Wrap keeps this
// room on every line (Line.Width includes it and runs start after the left
// room), and Measure subtracts it from the width: no ink leaves the box.
// words are rune ranges [from, to); a word split over runs counts each
// run's part on its own.
func (sh *Shaped) inkPad(words [][2]int) (left, right float64) {
	wordOf := make([]int, len(sh.text))
	for i := range wordOf {
		wordOf[i] = -1
	}
	for w, r := range words {
		for i := r[0]; i < r[1]; i++ {
			wordOf[i] = w
		}
	}
	type span struct{ pen0, pen1, ink0, ink1 float64 }
	for _, o := range sh.runs {
		spans := map[int]*span{}
		pen := 0.0
		for _, g := range o.Glyphs {
			adv := f26(g.Advance)
			c := g.TextIndex()
			if c >= 0 && c < len(wordOf) && wordOf[c] >= 0 {
				sp := spans[wordOf[c]]
				if sp == nil {
					sp = &span{pen, pen + adv, math.Inf(1), math.Inf(-1)}
					spans[wordOf[c]] = sp
				}
				sp.pen0, sp.pen1 = min(sp.pen0, pen), max(sp.pen1, pen+adv)
				if g.Width != 0 && g.Height != 0 {
					l := pen + f26(g.XOffset+g.XBearing)
					sp.ink0, sp.ink1 = min(sp.ink0, l), max(sp.ink1, l+f26(g.Width))
				}
			}
			pen += adv
		}
		for _, sp := range spans {
			if sp.ink0 <= sp.ink1 {
				left = max(left, sp.pen0-sp.ink0)
				right = max(right, sp.ink1-sp.pen1)
			}
		}
	}
	return left, right
}
