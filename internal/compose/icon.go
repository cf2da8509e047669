package compose

import (
	"github.com/handbill/handbill/internal/artwork"
	"github.com/handbill/handbill/internal/campaign"
	"github.com/handbill/handbill/internal/geom"
	"github.com/handbill/handbill/internal/page"
	"github.com/handbill/handbill/internal/typeset"
)

// Icons. A paragraph with an icon slot (campaign.Paragraph.Icon) whose
// message the campaign gives a pictogram for (brand.icons) is set beside
// it: the pictogram, a square of the slot's side, at the block's start
// edge (the right in a right-to-left locale; the drawing itself is not
// mirrored), the paragraph wrapped around it as around a drop cap — the
// lines level with the pictogram kept iconGap of its side away from it,
// the lines below it (their tops iconGap of its side below it) at the
// block's full width (typeset.Frame); or, with place: above, over the
// paragraph's first line, its lines at the block's full width (for
// narrow columns, whose measure an indent would shorten below 35
// characters). The paragraph takes at least the icon's height, and a
// paragraph shorter than its icon (a heading on one line) is centred on
// it. Fitting wraps the paragraph around its icon, so the block shrinks
// to make room for its icons. Where the campaign gives no pictogram, the
// slot takes no room and the paragraph is set as without one; so is a
// block whose text does not fit with its icons at its smallest sizes
// (Result.IconsLeftOut): the words come first. Icons are decorative: the
// text beside them says what they show, so they are artifacts in the
// tagged edition, and they paint only the palette's colours (campaign
// checks it), so print editions get the palette's CMYK.

// iconGap is the space between an icon and its paragraph's lines, in the
// icon's side.
const iconGap = 0.25

// iconAboveSpace is the least space above an icon set above its
// paragraph, in the icon's side: twice iconGap, so that the icon reads
// with the text under it, not the text over it.
const iconAboveSpace = 2 * iconGap

// setIcon gives a piece the pictogram of its paragraph's icon slot, when
// it has a slot and the campaign a pictogram for its message.
func (j *job) setIcon(pc *piece, para campaign.Paragraph) {
	if para.Icon <= 0 {
		return
	}
	if a := j.c.Campaign.Brand.Icons[para.Message]; a != nil {
		pc.icon, pc.iconSide, pc.iconAbove = a, float64(para.Icon), para.IconAbove
	}
}

// iconRoom is the room the piece's icon and its gap take: across from
// the lines beside it, or down from the lines under it.
func (pc *piece) iconRoom() float64 { return pc.iconSide * (1 + iconGap) }

// indent is the width the piece's icon and its gap take from the lines
// beside it (0 without an icon, or with one above the text).
func (pc *piece) indent() float64 {
	if pc.icon == nil || pc.iconAbove {
		return 0
	}
	return pc.iconRoom()
}

// frame is the widths the piece's lines are wrapped in, in a block
// width: the lines that start beside its icon (less than the icon's side
// and gap below the paragraph's top) narrowed by its indent, the rest
// the block's width.
func (pc *piece) frame(width float64) typeset.Frame {
	in := pc.indent()
	if in == 0 {
		return typeset.Plain(width)
	}
	return typeset.Frame{Width: width, Indent: in, Depth: pc.iconRoom()}
}

// height is the height the piece takes when its lines take h: at least
// its icon's beside them, or the icon and its gap more above them.
func (pc *piece) height(h float64) float64 {
	switch {
	case pc.icon == nil:
		return h
	case pc.iconAbove:
		return h + pc.iconRoom()
	}
	return max(h, pc.iconSide)
}

// placePiece draws a paragraph from y down inside box, beside its icon
// when it has one, and returns the y below it and the index of the page's
// first text item it drew (its icon's paths come before).
func (j *job) placePiece(p *page.Page, pc *piece, box geom.Rect, align campaign.Align, y float64) (float64, int) {
	if pc.icon == nil {
		n0 := len(p.Items)
		return j.place(p, pc.para, pc.role, pc.color, box, align, y), n0
	}
	side := geom.Pt(pc.iconSide)
	icon := geom.Rect{X: box.X, Y: geom.Pt(y), W: side, H: side}
	if j.rtl {
		icon.X = box.Right() - side
	}
	ty := y // the lines beside the icon keep off it by their Indent (typeset.Line)
	switch h := pc.para.Height; {
	case pc.iconAbove:
		ty += pc.iconRoom()
	case h < pc.iconSide:
		ty += (pc.iconSide - h) / 2
	}
	w, h := pc.icon.Size()
	rect := artwork.Fit(w, h, icon, false, 0.5, 0.5)
	fig := &page.Figure{Source: pc.icon.Source, Block: "icon " + pc.id, Box: icon}
	figure(p, fig, j.art(pc.icon, rect, icon, fig)) // decorative: no structure element
	n0 := len(p.Items)
	end := j.place(p, pc.para, pc.role, pc.color, box, align, ty)
	return max(end, y+pc.height(0)), n0
}

// wrapPiece wraps a piece at size in a block width, or its measure
// where that is narrower (widthFor), around its icon (frame), unless it
// is wrapped so already.
func (j *job) wrapPiece(pc *piece, size, width float64) *typeset.Para {
	if pc.para == nil || pc.size != size || pc.width != width {
		pc.para = j.s.WrapFrame(pc.shaped, size, pc.frame(pc.widthFor(width, size)), pc.leading)
		pc.size, pc.width = size, width
		if pc.byInk {
			j.standByInk(pc, pc.para, width)
		}
	}
	return pc.para
}

// dropIcons takes the icons off a block's pieces, and reports whether
// there were any.
func dropIcons(ps []*piece) bool {
	had := false
	for _, pc := range ps {
		if pc.icon != nil {
			pc.icon, pc.iconSide, pc.iconAbove, pc.para = nil, 0, false, nil
			had = true
		}
	}
	return had
}
