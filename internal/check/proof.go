package check

import (
	"errors"
	"fmt"
	"math"
	"strings"
	"time"

	"github.com/handbill/handbill/internal/campaign"
	"github.com/handbill/handbill/internal/compose"
	"github.com/handbill/handbill/internal/geom"
	"github.com/handbill/handbill/internal/loader"
	"github.com/handbill/handbill/internal/page"
	"github.com/handbill/handbill/internal/typeset"
)

// The proof sheet puts every locale's copy of one layout side by side on
// A3 landscape sheets, each page scaled down, with the locale's name in its
// own language, its review status and what check found, so a coordinator
// can review a whole campaign at a glance. Thumbnails are vector: the
// composed display list is scaled item by item.

// Proof sheet geometry, in points.
const (
	proofMargin  = 10 * geom.MM
	proofGap     = 5 * geom.MM
	proofHeader  = 12 * geom.MM
	proofCaption = 24 * geom.MM // below each thumbnail
	proofPerPage = 10
)

var (
	proofInk   = geom.Black
	proofGrey  = geom.Color{Name: "proof-grey", CMYK: [4]float64{0, 0, 0, 0.5}, RGB: [3]float64{0.5, 0.5, 0.5}}
	proofRed   = geom.Color{Name: "proof-red", CMYK: [4]float64{0, 1, 1, 0}, RGB: [3]float64{0.89, 0.02, 0.09}}
	proofGreen = geom.Color{Name: "proof-green", CMYK: [4]float64{0.8, 0, 1, 0.2}, RGB: [3]float64{0.1, 0.55, 0.2}}
)

// ProofOptions chooses what the proof sheet shows.
type ProofOptions struct {
	Layout  string // the layout shown for each locale; poster-a4 when empty
	Creator string
	Date    time.Time
}

// Proof lays out the proof sheet of rep's locales (those not broken) for
// one layout of the campaign in.
func Proof(in *loader.Campaign, rep *Report, opt ProofOptions) (*page.Doc, error) {
	name := opt.Layout
	if name == "" {
		name = "poster-a4"
	}
	lay, err := selectLayouts(in.Campaign, []string{name})
	if err != nil {
		return nil, err
	}
	cmp := &compose.Composer{Campaign: in.Campaign, Catalog: in.Catalog, Fonts: in.Fonts, Creator: opt.Creator, Date: opt.Date, AllowFallback: true}
	s := typeset.NewSetter(in.Fonts)
	ps := &proofSetter{s: s, in: in}
	var cells []*proofCell
	for _, lr := range rep.Locales {
		c := &proofCell{lr: lr}
		if _, broken := in.Broken[lr.Tag]; !broken {
			c.doc = cmp.Compose(s, lay[0], lr.Tag).Doc
		}
		cells = append(cells, c)
	}
	if len(cells) == 0 {
		return nil, errors.New("proof: no locales to show")
	}
	sheet := geom.Size{W: geom.Paper["A3"].H, H: geom.Paper["A3"].W}
	content := geom.Size{} // one locale's pages side by side
	for i := range lay[0].Pages {
		content.W += lay[0].Size.W
		if i > 0 {
			content.W += proofGap
		}
		content.H = lay[0].Size.H
	}
	cols, rows, k := proofGrid(sheet, content, min(len(cells), proofPerPage))
	cellW := content.W * geom.Pt(k)
	cellH := content.H*geom.Pt(k) + proofCaption
	doc := &page.Doc{Title: fmt.Sprintf("Proof sheet – %s – %s", in.Campaign.ID, name), Subject: "translations at a glance",
		Creator: opt.Creator, Lang: "en", Date: opt.Date, Keywords: strings.Join([]string{in.Campaign.ID, name, "proof"}, ", ")}
	pages := (len(cells) + cols*rows - 1) / (cols * rows)
	for pi := 0; pi < pages; pi++ {
		p := &page.Page{Name: fmt.Sprintf("proof %d", pi+1), Size: sheet}
		camp := rep.Campaign
		if a := in.Campaign.Area; a != nil {
			camp += " · area " + a.ID
		}
		head := fmt.Sprintf("Proof sheet · campaign %s · layout %s · source %s (%s) · sheet %d of %d", camp, name, rep.Source, short(rep.SourceHash), pi+1, pages)
		if err := ps.line(p, head, "en", true, 10, proofInk, proofMargin, proofMargin+10, sheet.W-2*proofMargin); err != nil {
			return nil, err
		}
		for ci := 0; ci < cols*rows; ci++ {
			i := pi*cols*rows + ci
			if i >= len(cells) {
				break
			}
			x := proofMargin + geom.Pt(ci%cols)*(cellW+proofGap)
			y := proofMargin + proofHeader + geom.Pt(ci/cols)*(cellH+proofGap)
			if err := ps.cell(p, cells[i], geom.Rect{X: x, Y: y, W: cellW, H: cellH}, k, lay[0]); err != nil {
				return nil, err
			}
		}
		doc.Pages = append(doc.Pages, p)
	}
	return doc, nil
}

// proofGrid chooses columns and rows for n cells of content (plus a
// caption) on a sheet, and the scale that makes the cells largest.
func proofGrid(sheet, content geom.Size, n int) (cols, rows int, k float64) {
	w := float64(sheet.W - 2*proofMargin)
	h := float64(sheet.H - 2*proofMargin - proofHeader)
	for c := 1; c <= n; c++ {
		r := (n + c - 1) / c
		kw := (w - float64(c-1)*float64(proofGap)) / float64(c) / float64(content.W)
		kh := ((h-float64(r-1)*float64(proofGap))/float64(r) - float64(proofCaption)) / float64(content.H)
		if s := math.Min(kw, kh); s > k {
			cols, rows, k = c, r, s
		}
	}
	return cols, rows, k
}

type proofCell struct {
	lr  *Locale
	doc *page.Doc
}

type proofSetter struct {
	s  *typeset.Setter
	in *loader.Campaign
}

// cell draws one locale: its pages scaled into the top of box, a frame,
// and the caption below.
func (ps *proofSetter) cell(p *page.Page, c *proofCell, box geom.Rect, k float64, lay *campaign.Layout) error {
	x := box.X
	thumbH := lay.Size.H * geom.Pt(k)
	if c.doc != nil {
		for _, pg := range c.doc.Pages {
			w := pg.Size.W * geom.Pt(k)
			items, err := scaleItems(pg.Items, k, x, box.Y)
			if err != nil {
				return err
			}
			p.Items = append(p.Items, &page.Fill{Rect: geom.Rect{X: x, Y: box.Y, W: w, H: pg.Size.H * geom.Pt(k)}, Color: geom.Color{Name: "paper", RGB: [3]float64{1, 1, 1}}})
			p.Items = append(p.Items, items...)
			frame(p, geom.Rect{X: x, Y: box.Y, W: w, H: pg.Size.H * geom.Pt(k)})
			x += w + proofGap*geom.Pt(k)
		}
	} else {
		frame(p, geom.Rect{X: box.X, Y: box.Y, W: box.W, H: thumbH})
	}
	lr := c.lr
	y := box.Y + thumbH + 4*geom.MM
	width := box.W
	title := lr.Name + "  ·  " + lr.Tag
	if err := ps.lineDir(p, title, lr.Tag, compose.IsRTL(lr.Tag), true, 10, proofInk, box.X, y, width); err != nil {
		return err
	}
	y += 4.5 * geom.MM
	status, col := lr.Status(), proofInk
	switch {
	case lr.Draft != "":
		status, col = "DRAFT: "+lr.Draft, proofRed
	case lr.Review != nil:
		col = proofGreen
	case status == "":
		status, col = "cannot be checked", proofRed
	}
	if err := ps.line(p, status, "en", false, 7.5, col, box.X, y, width); err != nil {
		return err
	}
	y += 3.5 * geom.MM
	sum := "check: no problems"
	if lr.Errors+lr.Warnings > 0 {
		sum = "check: " + counts(lr.Errors, lr.Warnings)
	}
	if t, ok := lr.Tightest(); ok {
		sum += "; tightest: " + t.Block + ", " + t.Describe()
	}
	if err := ps.line(p, sum, "en", false, 6.5, proofInk, box.X, y, width); err != nil {
		return err
	}
	const shown = 3
	for i, pr := range lr.Problems {
		y += 3 * geom.MM
		if i == shown {
			more := fmt.Sprintf("… and %d more: handbill check --locale %s", len(lr.Problems)-shown, lr.Tag)
			return ps.line(p, more, "en", false, 6, proofGrey, box.X, y, width)
		}
		subject := pr.ID
		if pr.Layout != "" {
			subject = pr.Layout + " " + pr.Block
		}
		col := proofGrey
		if pr.Severity == Error {
			col = proofRed
		}
		if err := ps.line(p, fmt.Sprintf("%s %s: %s", pr.Severity, subject, pr.Text), lr.Tag, false, 6, col, box.X, y, width); err != nil {
			return err
		}
	}
	return nil
}

// frame draws a hairline box.
func frame(p *page.Page, r geom.Rect) {
	const t = 0.5
	p.Items = append(p.Items,
		&page.Fill{Rect: geom.Rect{X: r.X, Y: r.Y, W: r.W, H: t}, Color: proofGrey},
		&page.Fill{Rect: geom.Rect{X: r.X, Y: r.Y + r.H - t, W: r.W, H: t}, Color: proofGrey},
		&page.Fill{Rect: geom.Rect{X: r.X, Y: r.Y, W: t, H: r.H}, Color: proofGrey},
		&page.Fill{Rect: geom.Rect{X: r.X + r.W - t, Y: r.Y, W: t, H: r.H}, Color: proofGrey})
}

// line sets text on one line with its baseline at y, starting at x, cut
// with "…" to width. Characters the locale's fonts lack are left out (the
// report names them).
func (ps *proofSetter) line(p *page.Page, text, tag string, bold bool, size float64, col geom.Color, x, y, width geom.Pt) error {
	return ps.lineDir(p, text, tag, false, bold, size, col, x, y, width)
}

// lineDir is line with the paragraph direction given: right to left for
// a name in an RTL script, left to right for English around a locale's
// words.
func (ps *proofSetter) lineDir(p *page.Page, text, tag string, rtl, bold bool, size float64, col geom.Color, x, y, width geom.Pt) error {
	fm := ps.in.Fonts.Fontmap(tag, bold)
	if miss := fm.Missing(text); len(miss) > 0 {
		text = strings.Map(func(r rune) rune {
			for _, m := range miss {
				if r == m {
					return -1
				}
			}
			return r
		}, text)
	}
	st := typeset.Style{Fonts: fm, Lang: tag, RTL: rtl}
	runes := []rune(text)
	for n := len(runes); n > 0; {
		s := string(runes[:n])
		if n < len(runes) {
			s = strings.TrimSpace(s) + "…"
		}
		sh, err := ps.s.Shape(s, st)
		if err != nil {
			return fmt.Errorf("proof: setting %q: %w", s, err)
		}
		para := ps.s.Wrap(sh, size, 4*float64(p.Size.W), 1.2)
		w := 0.0
		for _, l := range para.Lines {
			w = max(w, l.Width)
		}
		if w <= float64(width) || n == 1 {
			for _, l := range para.Lines[:1] {
				for _, r := range l.Runs {
					if len(r.Glyphs) == 0 || r.Face == nil {
						continue
					}
					p.Items = append(p.Items, &page.Text{Font: r.Face.Page, Size: geom.Pt(size), Color: col, X: x + geom.Pt(r.X), Y: y, Glyphs: r.Glyphs, Source: r.Source, RTL: r.RTL})
				}
			}
			return nil
		}
		n = max(1, int(float64(n)*float64(width)/w)-1)
	}
	return nil
}

// scaleItems returns items scaled by k about the page's top-left corner
// and moved to (ox, oy). Links are dropped: a thumbnail is not a button.
func scaleItems(items []page.Item, k float64, ox, oy geom.Pt) ([]page.Item, error) {
	K := geom.Pt(k)
	sr := func(r geom.Rect) geom.Rect {
		return geom.Rect{X: ox + r.X*K, Y: oy + r.Y*K, W: r.W * K, H: r.H * K}
	}
	out := make([]page.Item, 0, len(items))
	for _, it := range items {
		switch v := it.(type) {
		case *page.Fill:
			out = append(out, &page.Fill{Rect: sr(v.Rect), Color: v.Color})
		case *page.Squares:
			sq := &page.Squares{Color: v.Color, Payload: v.Payload, Bounds: sr(v.Bounds), Rects: make([]geom.Rect, len(v.Rects))}
			for i, r := range v.Rects {
				sq.Rects[i] = sr(r)
			}
			out = append(out, sq)
		case *page.Text:
			t := *v
			t.Size, t.X, t.Y = v.Size*K, ox+v.X*K, oy+v.Y*K
			t.Glyphs = make([]page.Glyph, len(v.Glyphs))
			for i, g := range v.Glyphs {
				g.X, g.Y, g.Advance = g.X*k, g.Y*k, g.Advance*k
				t.Glyphs[i] = g
			}
			out = append(out, &t)
		case *page.Path:
			out = append(out, scalePath(v, K, ox, oy))
		case *page.Image:
			im := *v
			im.Rect, im.Clip = sr(v.Rect), sr(v.Clip)
			out = append(out, &im)
		case *page.Link:
		default:
			return nil, fmt.Errorf("proof: cannot scale a %T (teach scaleItems about it)", it)
		}
	}
	return out, nil
}

// scalePath returns p scaled by k about the origin and moved by (ox, oy).
func scalePath(p *page.Path, k, ox, oy geom.Pt) *page.Path {
	q := *p
	q.Width = p.Width * k
	q.Segs = make([]page.Seg, len(p.Segs))
	for i, s := range p.Segs {
		for j := range s.Op.Points() {
			s.P[j] = geom.XY{X: ox + s.P[j].X*k, Y: oy + s.P[j].Y*k}
		}
		q.Segs[i] = s
	}
	return &q
}
