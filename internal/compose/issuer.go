package compose

import (
	"math"

	"github.com/handbill/handbill/internal/artwork"
	"github.com/handbill/handbill/internal/campaign"
	"github.com/handbill/handbill/internal/geom"
	"github.com/handbill/handbill/internal/page"
	"github.com/handbill/handbill/internal/typeset"
)

// The issuer lock-up (campaign.IssuerBlock) says who issues the document:
// the publisher's name set bold as a wordmark, its web address under it,
// and its logo beside them at the start of the reading direction when the
// campaign gives one (publisher.logo). The name is campaign.yaml's or,
// written as a message, the locale's; the address is read as a person
// reads it (Publisher.WebLabel) and, in the screen edition, is a link to
// the publisher's site. In the structure tree the name is a paragraph and
// the address a paragraph holding a Link; the logo is a Figure with its
// alternative text, or decoration when its alt is "".

// issuerLogoGap is the space between the logo and the words, in the
// block's height.
const issuerLogoGap = 0.25

// issuerLogoShare is the most of the block's width the logo takes.
const issuerLogoShare = 1.0 / 3

// issuer draws the issuer lock-up into the block's box and returns its
// structure elements; nothing when campaign.yaml names no publisher.
func (j *job) issuer(p *page.Page, b *campaign.Block) []*page.Element {
	pub := j.c.Campaign.Publisher
	if pub == nil {
		return nil
	}
	words := b.Box
	var els []*page.Element
	if pub.Logo != nil {
		if a := pub.Logo.For(j.loc); a != nil {
			var cell geom.Rect
			cell, words = logoCell(a, b.Box)
			cell = j.box(cell)
			w, h := a.Size()
			rect := artwork.Fit(w, h, cell, false, alignX(campaign.Start, j.rtl), 0.5)
			fig := &page.Figure{Source: a.Source, Block: b.Name, Alt: j.alt(pub.Logo), Box: cell}
			els = figure(p, fig, j.art(a, rect, cell, fig))
		}
	}
	return append(els, j.issuerWords(p, b, pub, j.box(words))...)
}

// logoCell splits box into the logo's cell at its start (left, before
// mirroring), as tall as the box and at most issuerLogoShare of its
// width, and the room left for the words after a gap.
func logoCell(a *artwork.Art, box geom.Rect) (cell, words geom.Rect) {
	w, h := a.Size()
	lw := min(w/h*float64(box.H), issuerLogoShare*float64(box.W))
	gap := issuerLogoGap * float64(box.H)
	cell = geom.Rect{X: box.X, Y: box.Y, W: geom.Pt(lw), H: box.H}
	words = geom.Rect{X: box.X + geom.Pt(lw+gap), Y: box.Y, W: box.W - geom.Pt(lw+gap), H: box.H}
	return cell, words
}

// issuerWords sets the name and the web address in box at the largest
// common scale of their ranges at which both fit, and draws them.
func (j *job) issuerWords(p *page.Page, b *campaign.Block, pub *campaign.Publisher, box geom.Rect) []*page.Element {
	name := j.author()
	if name == "" {
		return nil
	}
	// The name is display type: the heading role, bold, at its leading.
	ps := []*piece{j.issuerPiece(b, "publisher.name", bindHyphens(name), campaign.Heading, true, b.NameMin, b.NameMax, j.lay.Type[campaign.Heading].Leading)}
	if web := pub.WebLabel(); web != "" {
		small := j.lay.Type[campaign.Small]
		ps = append(ps, j.issuerPiece(b, "publisher.url", web, campaign.Small, false, small.Min, small.Max, small.Leading))
	}
	for _, pc := range ps {
		if pc == nil {
			return nil // shapeStyle reported why
		}
	}
	h, ok := j.fitStack(ps, float64(box.W), float64(box.H))
	if !ok {
		j.overflow(b, h, float64(box.H), ps)
		return nil
	}
	y := float64(box.Y) + (float64(box.H)-h)*alignY(b.VAlign)
	els := make([]*page.Element, 0, len(ps))
	for i, pc := range ps {
		n0 := len(p.Items)
		top := y
		y = j.place(p, pc.para, pc.role, pc.color, box, b.Align, y)
		el := element(page.RoleP, p, n0)
		if i == 1 {
			el = linkParagraph(p, el, n0, top, y, pub.URL, name+": "+pub.WebLabel())
		}
		els = append(els, el)
	}
	return els
}

// issuerPiece shapes one line of the lock-up in role's face, bold or
// not, with its size range and leading; nil when it cannot be shaped.
func (j *job) issuerPiece(b *campaign.Block, id, text string, role campaign.Role, bold bool, lo, hi geom.Pt, leading float64) *piece {
	st := typeset.Style{Fonts: j.c.Fonts.RoleFontmap(j.loc, string(role), bold), Lang: j.loc, RTL: j.rtl}
	sh, ok := j.shapeStyle(id, text, st, b.File, b.Line, "block "+b.Name)
	if !ok {
		return nil
	}
	k := j.c.Fonts.InkScale(sh.Main())
	return &piece{shaped: sh, min: float64(lo) / k, max: float64(hi) / k, leading: leading, color: b.Color, id: id, role: role, ink: k}
}

// fitStack finds the largest common scale at which the pieces, stacked
// with no space between them (a lock-up's lines belong together), fit
// width×height; it leaves them wrapped at it and returns their height and
// whether they fit (at the least sizes when nothing does).
func (j *job) fitStack(ps []*piece, width, height float64) (float64, bool) {
	for t := 1.0; ; t = max(0, t-0.02) {
		h, over := 0.0, false
		for _, pc := range ps {
			pc.size, pc.width = pc.sizeAt(t), width
			pc.para = j.s.Wrap(pc.shaped, pc.size, width, pc.leading)
			h += pc.para.Height
			over = over || pc.para.Overfull
		}
		if !over && h <= height+0.01 {
			return h, true
		}
		if t == 0 {
			return h, false
		}
	}
}

// inkRect is the rectangle of the text items from top to bottom: from the
// leftmost run's start to the rightmost run's end.
func inkRect(items []page.Item, top, bottom float64) geom.Rect {
	x0, x1 := math.Inf(1), math.Inf(-1)
	for _, it := range items {
		if v, ok := it.(*page.Text); ok {
			x0, x1 = min(x0, float64(v.X)), max(x1, float64(v.X)+v.Width())
		}
	}
	if x0 > x1 {
		return geom.Rect{}
	}
	return geom.Rect{X: geom.Pt(x0), Y: geom.Pt(top), W: geom.Pt(x1 - x0), H: geom.Pt(bottom - top)}
}
