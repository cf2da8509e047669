package compose

import (
	"github.com/handbill/handbill/internal/campaign"
	"github.com/handbill/handbill/internal/geom"
)

// A column of helplines with a text block right under it (the emergency
// line at a poster's or the A5 leaflet's foot, issue 27: "the emergency
// line must stand apart from the last helpline unit") keeps room at its
// foot, so that the line under it reads as a line of its own, not as the
// last helpline's: from the last unit's ink to that line's capitals at
// least the space wanted between two units (unitGap), counting the room
// the line's own block leaves above its capitals; where the box has more
// room than the column needs, the foot gets as much as a gap between units
// (stackColumn shares the room out over them and the foot alike). The room
// comes before the helplines' sizes: the column is fitted with it. Where
// the box cannot hold it at the helplines' least sizes (the numbers 1.5×
// the body), the foot keeps what the box has left at those sizes, so that
// the numbers stay at the rule.

// underReach is how far under a helplines box's foot a text block may
// start and still stand right under it.
const underReach = 2 * geom.MM

// under is what follows the helplines block b on the page being drawn: a
// text block whose box starts at its foot or at most underReach under it
// and shares some of its width. It returns the height from b's foot to
// that block's first capitals, and false when no fitted text block
// follows b.
func (j *job) under(b *campaign.Block) (float64, bool) {
	foot := b.Box.Bottom()
	for i := range j.drawing.blocks {
		o := &j.drawing.blocks[i]
		top := o.Box.Y
		if o.Kind != campaign.TextBlock || top < foot-0.01 || top > foot+underReach || o.Box.X >= b.Box.Right() || b.Box.X >= o.Box.Right() {
			continue
		}
		if pr := j.drawing.prep.prep[i]; pr != nil {
			return float64(top-foot) + j.capsDown(o, pr), true
		}
	}
	return 0, false
}

// capsDown is the height from the top of text block b's box to its first
// line's capitals, as placeText sets its fitted text pr; 0 when its first
// paragraph has an icon or no line.
func (j *job) capsDown(b *campaign.Block, pr *prepared) float64 {
	t := pr.t
	if g, ok := j.drawing.prep.groupT[b.Group]; ok && b.Group != "" {
		t = g
	}
	box := j.textBox(b)
	h, _ := j.wrapAt(pr.ps, t, float64(box.W))
	pc := pr.ps[0]
	if pc.icon != nil || len(pc.para.Lines) == 0 {
		return 0
	}
	y := float64(box.Y-b.Box.Y) + (float64(box.H)-h)*alignY(b.VAlign)
	return max(0, y+pc.para.Lines[0].Ascent-capHeight*pc.sizeAt(t)*pc.ink)
}

// footing is what follows a column of helplines (under): whether a text
// block does, and the height from the column's foot to its capitals.
type footing struct {
	followed bool
	capsDown float64
}

// room is the room a column of entries keeps at its foot at scale t when
// a text block follows it: unitGap less the room its last entry's box
// leaves under its ink and less capsDown, but no more than the box of
// height have leaves at the least sizes (t = 0); 0 when nothing follows.
func (f footing) room(entries []*entry, q geom.Pt, t, have float64) float64 {
	if !f.followed || len(entries) == 0 {
		return 0
	}
	h0, _ := columnHeight(entries, q, 0)
	want := unitGap(entries, t) - entries[len(entries)-1].roomBelow(q, t) - f.capsDown
	return max(0, min(want, have-h0))
}
