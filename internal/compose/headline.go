package compose

import (
	"github.com/handbill/handbill/internal/campaign"
	"github.com/handbill/handbill/internal/geom"
	"github.com/handbill/handbill/internal/typeset"
)

// inkHeadline refits a block that holds the campaign's headline alone
// (its title message) with its lines standing by their own ink, and
// returns the scale it is then set at; ps stays as it is, and t is
// returned, where that does not help.
//
// fonts.yaml's leading (Gurmukhi 1.499, Arabic 1.45) is sized for the
// script's tallest stacks; at it two lines of a Gurmukhi or Arabic
// headline do not fit the poster's headline box, so the headline stays
// on the one line its width allows and leaves a quarter of the band
// empty. A headline's text is known: its lines need stand only as far
// apart as their glyphs' ink does (standByInk), so the headline is
// refitted so, and kept so where it then wraps to two lines or more at
// a larger size, or, failing that, to two balanced lines hardly smaller
// than its one (wrapHeadline). A headline that already wraps at the
// script's leading (it fills its box's height: Latin and Chinese ones)
// is left as fitted, and so is one that still stays on one line.
func (j *job) inkHeadline(b *campaign.Block, ps []*piece, box geom.Rect, t float64) float64 {
	if !j.oneLineHeadline(ps, t) {
		return t
	}
	pc := ps[0]
	own := *pc
	own.shaped, own.para, own.byInk, own.align = pc.shaped.OwnInk(), nil, true, b.Align
	own.size, own.width = 0, 0
	ops := []*piece{&own}
	w, h := float64(box.W), float64(box.H)
	fits := func(t float64) bool {
		ht, ok := j.wrapAt(ops, t, w)
		size := own.sizeAt(t)
		return ok && ht <= h+0.01 && !own.breaksPhrase(size, own.widthFor(w, size))
	}
	lo := 1.0
	if !fits(lo) {
		lo = largestFit(t, lo, fits)
	}
	if fits(lo) && lo > t && len(own.para.Lines) >= 2 {
		*pc = own
		return lo
	}
	return j.wrapHeadline(pc, &own, fits, t)
}

// wrapKeep is the least share of its one-line size a headline's two
// lines may take (wrapHeadline).
const wrapKeep = 0.95

// wrapHeadline sets a headline that inkHeadline found no larger size for
// on lines narrower than its one line, standing by their ink and
// balanced, at the largest size that fits its box, and returns that
// scale, when that is at least wrapKeep of its one-line size; else pc
// and t stay as they are. A headline whose one line is as wide as its
// box (Arabic's on the A3: 117.5 pt) may fit its box's height on two
// lines only a little smaller (113 pt), and two lines that size fill a
// band one line leaves a fifth empty: the issue's "wraps to 2–3
// balanced lines rather than shrinking", at a size a reader at three
// metres does not tell from the one line's. own is inkHeadline's
// setting; fits its test of a scale.
func (j *job) wrapHeadline(pc, own *piece, fits func(float64) bool, t float64) float64 {
	one := pc.para.Lines[0].Width / pc.para.Size
	own.measure = one * (1 - 1e-3) // ems: narrower than the one line at any size
	lo := max(0, (wrapKeep*pc.sizeAt(t)-pc.min)/(pc.max-pc.min))
	if !fits(lo) || len(own.para.Lines) < 2 {
		return t
	}
	lo = largestFit(lo, t, fits)
	fits(lo)
	*pc = *own
	return lo
}

// oneLineHeadline reports whether ps is the campaign's headline alone,
// set at scale t below its largest on one line at a leading its script's
// family raises above its role's (inkHeadline).
func (j *job) oneLineHeadline(ps []*piece, t float64) bool {
	if len(ps) != 1 || t >= 1 {
		return false
	}
	pc := ps[0]
	return pc.id == j.c.Campaign.TitleMessage && pc.icon == nil && pc.para != nil && len(pc.para.Lines) == 1 && pc.shaped.Lead() > pc.leading
}

// standByInk stands the lines of a paragraph set in width, as place
// draws them aligned so, only as far apart as their glyphs' ink needs:
// at least the role's leading, no further than their boxes (which hold
// the paragraph's ink), and otherwise as near as keeps every glyph's ink
// inkClear of its size from the ink of the glyphs on the line above that
// stand within that across (standLine.below, as a helpline's lines
// stand). A line's Height is how far the next line's top is below its
// own, so a line's box may reach into the next one's; their ink does
// not.
func (j *job) standByInk(pc *piece, para *typeset.Para, width float64) {
	nomUp, nomDown := pc.shaped.Nominal(para.Size, pc.leading)
	box := geom.Rect{W: geom.Pt(width)}
	var prev *standLine
	para.Height = 0
	for k := range para.Lines {
		cur := &standLine{s: j.s, line: para.Lines[k], size: para.Size, nomUp: nomUp, nomDown: nomDown, dx: j.lineX(box, para.Lines[k], pc.align)}
		if prev != nil {
			ln := &para.Lines[k-1]
			ln.Height = prev.below(cur, 0) + ln.Ascent - cur.line.Ascent
			para.Height += ln.Height
		}
		prev = cur
	}
	if n := len(para.Lines); n > 0 {
		para.Height += para.Lines[n-1].Height
	}
}
