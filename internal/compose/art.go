package compose

import (
	"github.com/handbill/handbill/internal/artwork"
	"github.com/handbill/handbill/internal/campaign"
	"github.com/handbill/handbill/internal/geom"
	"github.com/handbill/handbill/internal/page"
)

// image places an image block's artwork for the locale: fitted into the
// box (mirrored with the alignment for right-to-left locales unless the
// block says mirror: false), an SVG as palette-coloured paths, a raster as
// an image clipped to the box. It returns the Figure element of an image
// with alternative text; a decorative image's items stay artifacts.
func (j *job) image(p *page.Page, b *campaign.Block) []*page.Element {
	im := b.Image
	a := im.For(j.loc)
	if a == nil {
		return nil // campaign reported why
	}
	rtl := j.rtl && im.Mirror
	box := b.Box
	if rtl {
		box = box.MirrorX(j.lay.Size.W)
	}
	w, h := a.Size()
	rect := artwork.Fit(w, h, box, im.Cover, alignX(b.Align, rtl), alignY(b.VAlign))
	fig := &page.Figure{Source: a.Source, Block: b.Name, Alt: j.alt(im), Box: box}
	return figure(p, fig, j.art(a, rect, box, fig))
}

// figure adds a figure's items to the page and returns its structure
// element: a Figure with the alternative text, or none for a decorative
// figure (its items are then artifacts).
func figure(p *page.Page, fig *page.Figure, items []page.Item) []*page.Element {
	p.Items = append(p.Items, items...)
	if fig.Alt == "" {
		return nil
	}
	el := &page.Element{Role: page.RoleFigure, Alt: fig.Alt}
	for _, it := range items {
		el.Add(it.(page.Node))
	}
	return []*page.Element{el}
}

// art returns the items that draw a into rect, clipped to box.
func (j *job) art(a *artwork.Art, rect, box geom.Rect, fig *page.Figure) []page.Item {
	if a.Drawing != nil {
		return a.Drawing.Place(rect, j.lay.Palette, fig)
	}
	return []page.Item{&page.Image{Raster: a.Raster, Rect: rect, Clip: intersect(rect, box), Figure: fig}}
}

// alt renders an image's alternative text in the locale; "" for a
// decorative image.
func (j *job) alt(im *campaign.Image) string {
	if im.Alt == "" {
		return ""
	}
	return j.text(im.Alt, nil, nil, im.AltAt.File, im.AltAt.Line, im.AltAt.Path)
}

// partners draws the campaign's partner logos in a row across the box, in
// reading order (right to left for right-to-left locales), each as tall as
// the box unless the row would be wider than it, a gap of 40% of the
// height between them, aligned by the block's align. Each logo is a
// Figure whose alternative text names the partner.
func (j *job) partners(p *page.Page, b *campaign.Block) []*page.Element {
	logos := j.c.Campaign.Partners
	if len(logos) == 0 {
		return nil
	}
	box := j.box(b.Box)
	gap := 0.4 * float64(box.H)
	widths := make([]float64, len(logos))
	total := gap * float64(len(logos)-1)
	for i, im := range logos {
		if a := im.For(j.loc); a != nil {
			w, h := a.Size()
			widths[i] = w / h * float64(box.H)
			total += widths[i]
		}
	}
	k := min(1, float64(box.W)/total)
	// Laid out left to right, then mirrored across the box for
	// right-to-left locales, so the first partner is read first.
	x := float64(box.X) + alignX(b.Align, false)*(float64(box.W)-total*k)
	var els []*page.Element
	for i, im := range logos {
		a := im.For(j.loc)
		if a == nil {
			continue
		}
		cell := geom.Rect{X: geom.Pt(x), Y: box.Y, W: geom.Pt(widths[i] * k), H: box.H}
		x += (widths[i] + gap) * k
		if j.rtl {
			cell.X = box.X + box.Right() - cell.Right()
		}
		rect := artwork.Fit(widths[i], float64(box.H), cell, false, 0.5, 0.5)
		fig := &page.Figure{Source: a.Source, Block: b.Name, Alt: j.alt(im), Box: cell}
		els = append(els, figure(p, fig, j.art(a, rect, cell, fig))...)
	}
	return els
}

// alignX is where an inline alignment puts content across its box: 0 at
// the left, 1 at the right.
func alignX(a campaign.Align, rtl bool) float64 {
	switch {
	case a == campaign.Center:
		return 0.5
	case (a == campaign.Start) == rtl: // end in LTR, start in RTL
		return 1
	}
	return 0
}

// alignY is where a vertical alignment puts content down its box.
func alignY(v campaign.VAlign) float64 {
	switch v {
	case campaign.Middle:
		return 0.5
	case campaign.Bottom:
		return 1
	}
	return 0
}

func intersect(a, b geom.Rect) geom.Rect {
	x0, y0 := max(a.X, b.X), max(a.Y, b.Y)
	x1, y1 := min(a.Right(), b.Right()), min(a.Bottom(), b.Bottom())
	return geom.Rect{X: x0, Y: y0, W: max(0, x1-x0), H: max(0, y1-y0)}
}
