package compose

import (
	"fmt"
	"strings"

	"github.com/handbill/handbill/internal/diag"
	"github.com/handbill/handbill/internal/geom"
	"github.com/handbill/handbill/internal/page"
	"github.com/handbill/handbill/internal/qr"
	"github.com/handbill/handbill/internal/spec"
)

// qrGap is the space between a QR code and its text, and between stacked
// entries; rowGap is the gutter between entries side by side, wide enough
// that text extraction (poppler) sees three columns, not one line.
const (
	qrGap  = 3 * geom.MM
	rowGap = 9 * geom.MM
)

// helplines draws the helpline panel: per helpline a QR code that dials it,
// its name, "Call <number>" and what it is for. In a row, entries sit side
// by side with the code above the text; in a column, entries stack with the
// code at the end side. Every entry's text is set at one common scale so
// the panel reads evenly. It returns the panel as a list for the
// structure (structure.go), nil when nothing was drawn.
func (j *job) helplines(p *page.Page, b *spec.Block) []*page.Element {
	hls := j.c.Campaign.Helplines
	n := len(hls)
	if n == 0 {
		return nil
	}
	box := b.Box // mirrored per entry below
	q := b.QRSize
	type entry struct {
		code  geom.Rect // QR area, quiet zone included (unmirrored)
		text  geom.Rect
		ps    []*piece
		hl    spec.Helpline
		name  string // the helpline's name in the locale's words
		call  string // its number line
		valid bool
	}
	entries := make([]*entry, n)
	for i, hl := range hls {
		e := &entry{hl: hl}
		if b.Arrange == "row" {
			w := (box.W - rowGap*geom.Pt(n-1)) / geom.Pt(n)
			x := box.X + geom.Pt(i)*(w+rowGap)
			e.code = geom.Rect{X: x, Y: box.Y, W: q, H: q}
			e.text = geom.Rect{X: x, Y: box.Y + q + qrGap/2, W: w, H: box.H - q - qrGap/2}
		} else {
			h := (box.H - qrGap*geom.Pt(n-1)) / geom.Pt(n)
			y := box.Y + geom.Pt(i)*(h+qrGap)
			// Text first, code at the end side: the reader meets the name and
			// number before the code, and text extraction and OCR keep the
			// text clear of the code's modules.
			e.text = geom.Rect{X: box.X, Y: y, W: box.W - q - qrGap, H: h}
			e.code = geom.Rect{X: box.X + box.W - q, Y: y, W: q, H: q}
			if q > h {
				j.errorf(b.File, b.Line, "block "+b.Name, "%s: qr_size %s is taller than each helpline's share of the box (%s)", j.lay.Name, q, h)
			}
		}
		if e.text.W <= 0 || e.text.H <= 0 {
			j.errorf(b.File, b.Line, "block "+b.Name, "%s: no room for helpline text beside %s QR codes", j.lay.Name, q)
			return nil
		}
		path := fmt.Sprintf("%s.helplines[%d]", b.Name, i)
		body, heading, small := j.lay.Type[spec.Body], j.lay.Type[spec.Heading], j.lay.Type[spec.Small]
		parts := []struct {
			id      string
			data    map[string]any
			role    spec.Role
			min     geom.Pt
			max     geom.Pt
			color   geom.Color
			leading float64
		}{
			{hl.NameMessage, nil, spec.Body, body.Min, body.Max, b.Color, body.Leading},
			{"helpline.call", map[string]any{"Number": strings.ReplaceAll(hl.Number, " ", "\u00a0")}, spec.Heading, body.Min * 1.2, min(body.Max*1.5, heading.Max), b.NumberColor, heading.Leading},
			{hl.PurposeMessage, nil, spec.Small, small.Min, small.Max, b.Color, small.Leading},
		}
		e.valid = true
		for _, pt := range parts {
			text := j.text(pt.id, pt.data, nil, b.File, b.Line, path)
			if text == "" {
				e.valid = false
				continue
			}
			switch pt.id {
			case hl.NameMessage:
				e.name = text
			case CallMessage:
				e.call = text
			}
			role := pt.role
			if role == spec.Body {
				role = spec.Heading // helpline names are set bold, at body size
			}
			sh, ts, ok := j.shape(pt.id, text, role, b.File, b.Line, path)
			if !ok {
				e.valid = false
				continue
			}
			_ = ts
			e.ps = append(e.ps, &piece{shaped: sh, min: float64(pt.min), max: float64(pt.max), leading: pt.leading, color: pt.color, id: pt.id})
		}
		entries[i] = e
	}
	// One scale for all entries: the smallest any entry needs.
	t := 1.0
	for _, e := range entries {
		if !e.valid {
			continue
		}
		te, h, ok := j.fit(e.ps, float64(e.text.W), float64(e.text.H))
		j.measure(b, e.hl.ID, e.ps, e.text)
		if !ok {
			j.overflow(b, h, float64(e.text.H), e.ps)
			e.valid = false
			continue
		}
		t = min(t, te)
	}
	list := &page.Element{Role: page.RoleList}
	for _, e := range entries {
		payload := e.hl.Payload()
		if err := qr.CheckPayload(payload); err != nil {
			j.res.Diags.Add(diag.Diagnostic{Severity: diag.Error, File: j.c.Campaign.File, Path: "helplines." + e.hl.ID, Msg: fmt.Sprintf("helpline %q cannot be dialled: %v", e.hl.ID, err)})
			continue
		}
		code := j.box(e.code)
		sq, mod, err := qr.Draw(payload, code.X, code.Y, code.W, geom.Black)
		if err != nil {
			j.errorf(b.File, b.Line, "block "+b.Name, "helpline %q: %v", e.hl.ID, err)
			continue
		}
		if mod < j.lay.QRModule-0.001 {
			j.errorf(b.File, b.Line, "block "+b.Name, "%s: helpline %q: QR modules are %.2fmm, below this layout's minimum of %.2fmm", j.lay.Name, e.hl.ID, mod.MM(), j.lay.QRModule.MM())
		}
		alt := j.qrAlt(b, e.hl, e.name, e.call)
		link := &page.Link{Rect: code, URI: payload, Alt: alt}
		p.Items = append(p.Items, sq, link)
		body := &page.Element{Role: page.RoleListBody}
		list.Add((&page.Element{Role: page.RoleListItem}).Add(body))
		if e.valid {
			j.wrapAt(e.ps, t, float64(e.text.W))
			tb := j.box(e.text)
			y := float64(tb.Y)
			for _, pc := range e.ps {
				n0 := len(p.Items)
				y = j.place(p, pc.para, pc.color, tb, spec.Start, y)
				y += gap(pc.para) * 0.5
				body.Add(element(page.RoleP, p, n0))
			}
		}
		figure := (&page.Element{Role: page.RoleFigure, Alt: alt}).Add(sq)
		body.Add((&page.Element{Role: page.RoleLink}).Add(figure, link))
	}
	if len(list.Kids) == 0 {
		return nil
	}
	return []*page.Element{list}
}

// qrAlt is the alternative text of a helpline's QR code: QRAltMessage with
// the helpline's name and number when the source locale has it, else the
// name and the number line, in the locale's words either way.
func (j *job) qrAlt(b *spec.Block, hl spec.Helpline, name, call string) string {
	if src := j.c.Catalog.File(j.c.Catalog.Source); src != nil && src.Messages[QRAltMessage] != nil {
		alt := j.text(QRAltMessage, map[string]any{"Name": name, "Number": hl.Number}, nil, b.File, b.Line, "block "+b.Name)
		if alt != "" {
			return alt
		}
	}
	return strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(name), ".") + ". " + call)
}
